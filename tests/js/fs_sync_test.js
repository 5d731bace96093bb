'use strict';
// fs synchronous API: each call's result and its error paths (ENOENT,
// EEXIST, EISDIR, ENOTDIR, ENOTEMPTY, EBADF, EACCES where not root).
const fs = require('fs');
const { clean, isRoot, p, tmp, tryIt } = require('./fs_test_helpers');

// open / write / read / close
const f = p('a.txt');
const fd = fs.openSync(f, 'w+');
console.log('fd is int', Number.isInteger(fd));
console.log('writeSync string', fs.writeSync(fd, 'hello world'));
console.log('writeSync buffer', fs.writeSync(fd, Buffer.from('!!'), 0, 2));
console.log('writeSync at pos', fs.writeSync(fd, 'J', 0));
console.log('writeSync latin1', fs.writeSync(fd, '\u00e9', null, 'latin1'));
console.log('writeSync hex', fs.writeSync(fd, '4142', null, 'hex'));
const buf = Buffer.alloc(20);
console.log('readSync pos 0', fs.readSync(fd, buf, 0, 20, 0), buf.toString('latin1'));
console.log('readSync options', fs.readSync(fd, buf, { position: 6, length: 5 }), buf.slice(0, 5).toString());
console.log('readSync bigint pos', fs.readSync(fd, buf, 0, 3, 1n), buf.slice(0, 3).toString());
console.log('readSync at end', fs.readSync(fd, buf, 0, 5, 100));
console.log('writevSync', fs.writevSync(fd, [Buffer.from('xy'), Buffer.from('z')], 0));
const b1 = Buffer.alloc(2); const b2 = Buffer.alloc(3);
console.log('readvSync', fs.readvSync(fd, [b1, b2], 0), b1.toString(), b2.toString());
fs.fsyncSync(fd);
fs.fdatasyncSync(fd);
fs.ftruncateSync(fd, 4);
console.log('fstatSync size', fs.fstatSync(fd).size);
fs.fchmodSync(fd, 0o640);
console.log('mode', (fs.fstatSync(fd).mode & 0o777).toString(8));
fs.futimesSync(fd, 1000, 2000);
console.log('futimes', fs.fstatSync(fd).atimeMs, fs.fstatSync(fd).mtimeMs);
fs.fchownSync(fd, process.getuid(), process.getgid());
fs.closeSync(fd);
tryIt('closeSync twice', () => fs.closeSync(fd));
tryIt('readSync bad fd', () => fs.readSync(fd, buf));
tryIt('fstatSync bad fd', () => fs.fstatSync(fd));

// readFile / writeFile / appendFile
fs.writeFileSync(f, 'line1\n');
fs.appendFileSync(f, 'line2\n');
fs.appendFileSync(f, Buffer.from('line3\n'));
console.log('readFileSync utf8', JSON.stringify(fs.readFileSync(f, 'utf8')));
console.log('readFileSync buffer', fs.readFileSync(f));
console.log('readFileSync base64', fs.readFileSync(f, { encoding: 'base64' }));
console.log('readFileSync hex', fs.readFileSync(f, 'hex'));
console.log('readFileSync latin1', fs.readFileSync(f, 'latin1').length);
fs.writeFileSync(f, 'caf\u00e9 \u{1F600}');
console.log('utf8 roundtrip', fs.readFileSync(f, 'utf8'), fs.statSync(f).size);
fs.writeFileSync(f, 'aGVsbG8=', 'base64');
console.log('write base64', fs.readFileSync(f, 'utf8'));
fs.writeFileSync(f, 'abc', { encoding: 'ucs2' });
console.log('write ucs2', fs.readFileSync(f));
fs.writeFileSync(f, new Uint8Array([65, 66, 67]));
console.log('write Uint8Array', fs.readFileSync(f, 'utf8'));
fs.writeFileSync(f, 'x', { flag: 'a' });
console.log('flag a', fs.readFileSync(f, 'utf8'));
tryIt('writeFileSync wx exists', () => fs.writeFileSync(f, 'x', { flag: 'wx' }));
fs.writeFileSync(p('mode.txt'), 'm', { mode: 0o600 });
console.log('writeFile mode', (fs.statSync(p('mode.txt')).mode & 0o777).toString(8));
const rfd = fs.openSync(f, 'r');
fs.readSync(rfd, Buffer.alloc(1), 0, 1, null);
console.log('readFileSync fd from position', fs.readFileSync(rfd, 'utf8'));
fs.closeSync(rfd);
const big = 'x'.repeat(200000) + 'end';
fs.writeFileSync(p('big.txt'), big);
console.log('big file', fs.readFileSync(p('big.txt'), 'utf8') === big, fs.readFileSync(p('big.txt')).length);
console.log('empty file', JSON.stringify(fs.readFileSync(p('mode.txt'), 'utf8')));
fs.writeFileSync(p('empty.txt'), '');
console.log('empty', JSON.stringify(fs.readFileSync(p('empty.txt'), 'utf8')), fs.readFileSync(p('empty.txt')).length);
console.log('proc file nonempty', fs.readFileSync('/proc/self/stat', 'utf8').length > 0);
tryIt('readFileSync missing', () => fs.readFileSync(p('missing')));
tryIt('readFileSync dir', () => fs.readFileSync(tmp));
tryIt('readFileSync under file', () => fs.readFileSync(p('a.txt', 'x')));
tryIt('writeFileSync dir', () => fs.writeFileSync(tmp, 'x'));
tryIt('writeFileSync missing dir', () => fs.writeFileSync(p('no', 'x'), 'x'));
tryIt('appendFileSync missing dir', () => fs.appendFileSync(p('no', 'x'), 'x'));

// stat family
const st = fs.statSync(f);
console.log('stat', st.isFile(), st.isDirectory(), st.isSymbolicLink(), st.size, typeof st.mtimeMs,
            st.mtime instanceof Date, st.mtime.getTime() === Math.round(st.mtimeMs),
            Object.keys(st).join());
const bst = fs.statSync(f, { bigint: true });
console.log('bigint stat', typeof bst.size, bst.size, typeof bst.mtimeNs, bst.isFile(),
            bst.mtimeMs === bst.mtimeNs / 1000000n, Object.keys(bst).join());
console.log('stat dir', fs.statSync(tmp).isDirectory());
console.log('throwIfNoEntry', fs.statSync(p('missing'), { throwIfNoEntry: false }),
            fs.lstatSync(p('missing'), { throwIfNoEntry: false }));
tryIt('statSync missing', () => fs.statSync(p('missing')));
tryIt('lstatSync missing', () => fs.lstatSync(p('missing')));
tryIt('statSync ENOTDIR', () => fs.statSync(p('a.txt', 'b')));
console.log('statfs', typeof fs.statfsSync('/').bsize, fs.statfsSync('/', { bigint: true }).bsize > 0n);
console.log('Stats class', fs.statSync(f) instanceof fs.Stats);

// access / exists
fs.accessSync(f);
fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
tryIt('accessSync missing', () => fs.accessSync(p('missing')));
tryIt('accessSync X_OK', () => fs.accessSync(f, fs.constants.X_OK));
console.log('existsSync', fs.existsSync(f), fs.existsSync(p('missing')), fs.existsSync(),
            fs.existsSync(123), fs.existsSync('a\u0000b'));

// mkdir / mkdtemp / rmdir / readdir
fs.mkdirSync(p('d'));
tryIt('mkdirSync exists', () => fs.mkdirSync(p('d')));
tryIt('mkdirSync missing parent', () => fs.mkdirSync(p('x', 'y')));
console.log('mkdir recursive', clean(fs.mkdirSync(p('r', 's', 't'), { recursive: true })));
console.log('mkdir recursive again', fs.mkdirSync(p('r', 's', 't'), { recursive: true }));
tryIt('mkdir recursive over file', () => fs.mkdirSync(p('a.txt'), { recursive: true }));
tryIt('mkdir recursive under file', () => fs.mkdirSync(p('a.txt', 'q'), { recursive: true }));
fs.mkdirSync(p('m'), 0o700);
console.log('mkdir mode', (fs.statSync(p('m')).mode & 0o777).toString(8));
const t = fs.mkdtempSync(p('tmp-'));
console.log('mkdtemp', clean(t).replace(/tmp-.{6}$/, 'tmp-XXXXXX'), fs.statSync(t).isDirectory());
console.log('mkdtemp buffer', Buffer.isBuffer(fs.mkdtempSync(p('b-'), 'buffer')));
tryIt('mkdtempSync missing', () => fs.mkdtempSync(p('no', 'x-')));
fs.writeFileSync(p('d', 'f1'), '1');
fs.writeFileSync(p('d', 'f2'), '2');
fs.mkdirSync(p('d', 'sub'));
fs.writeFileSync(p('d', 'sub', 'f3'), '3');
console.log('readdirSync', fs.readdirSync(p('d')));
console.log('readdirSync types', fs.readdirSync(p('d'), { withFileTypes: true }).map((e) => `${e.name}:${e.isFile()}:${e.isDirectory()}:${clean(e.parentPath)}`));
console.log('readdirSync recursive', fs.readdirSync(p('d'), { recursive: true }).sort());
console.log('readdirSync recursive types', fs.readdirSync(p('d'), { recursive: true, withFileTypes: true }).map((e) => `${clean(e.parentPath)}/${e.name}`).sort());
console.log('readdirSync buffer', fs.readdirSync(p('d'), 'buffer').map((b) => Buffer.isBuffer(b)));
tryIt('readdirSync missing', () => fs.readdirSync(p('missing')));
tryIt('readdirSync file', () => fs.readdirSync(f));
tryIt('rmdirSync not empty', () => fs.rmdirSync(p('d')));
tryIt('rmdirSync file', () => fs.rmdirSync(f));
tryIt('rmdirSync missing', () => fs.rmdirSync(p('missing')));
fs.rmdirSync(p('m'));
console.log('rmdir done', fs.existsSync(p('m')));

// unlink / rename / copyFile / links
fs.writeFileSync(p('u.txt'), 'u');
fs.unlinkSync(p('u.txt'));
tryIt('unlinkSync missing', () => fs.unlinkSync(p('u.txt')));
tryIt('unlinkSync dir', () => fs.unlinkSync(p('d')));
fs.writeFileSync(p('r1'), 'r');
fs.renameSync(p('r1'), p('r2'));
console.log('rename', fs.existsSync(p('r1')), fs.readFileSync(p('r2'), 'utf8'));
tryIt('renameSync missing', () => fs.renameSync(p('r1'), p('r3')));
tryIt('renameSync dir over file', () => fs.renameSync(p('d'), p('r2')));
tryIt('renameSync file over nonempty dir', () => fs.renameSync(p('r2'), p('d')));
fs.copyFileSync(p('r2'), p('c1'));
console.log('copyFile', fs.readFileSync(p('c1'), 'utf8'));
tryIt('copyFileSync EXCL', () => fs.copyFileSync(p('r2'), p('c1'), fs.constants.COPYFILE_EXCL));
tryIt('copyFileSync missing', () => fs.copyFileSync(p('missing'), p('c2')));
tryIt('copyFileSync to dir', () => fs.copyFileSync(p('r2'), p('d')));
fs.copyFileSync(p('r2'), p('c3'), fs.constants.COPYFILE_FICLONE);
console.log('copyFile ficlone', fs.readFileSync(p('c3'), 'utf8'));
fs.linkSync(p('r2'), p('hard'));
console.log('link nlink', fs.statSync(p('r2')).nlink);
tryIt('linkSync exists', () => fs.linkSync(p('r2'), p('hard')));
tryIt('linkSync missing', () => fs.linkSync(p('missing'), p('hard2')));
fs.symlinkSync('r2', p('sym'));
fs.symlinkSync(p('missing'), p('dangling'));
console.log('readlink', fs.readlinkSync(p('sym')), Buffer.isBuffer(fs.readlinkSync(p('sym'), 'buffer')));
console.log('lstat symlink', fs.lstatSync(p('sym')).isSymbolicLink(), fs.statSync(p('sym')).isFile());
tryIt('symlinkSync exists', () => fs.symlinkSync('x', p('sym')));
tryIt('readlinkSync not link', () => fs.readlinkSync(f));
tryIt('symlink bad type', () => fs.symlinkSync('x', p('sym3'), 'bogus'));
console.log('realpathSync', clean(fs.realpathSync(p('sym'))), clean(fs.realpathSync.native(p('sym'))));
console.log('realpathSync dots', clean(fs.realpathSync(p('d', '..', 'd', 'sub', '.'))));
console.log('realpathSync buffer', Buffer.isBuffer(fs.realpathSync(p('sym'), 'buffer')));
tryIt('realpathSync missing', () => fs.realpathSync(p('missing', 'x')));
tryIt('realpathSync dangling', () => fs.realpathSync(p('dangling')));
tryIt('realpathSync.native missing', () => fs.realpathSync.native(p('missing')));
fs.symlinkSync(p('loop2'), p('loop1'));
fs.symlinkSync(p('loop1'), p('loop2'));
tryIt('realpathSync loop', () => fs.realpathSync(p('loop1')));
tryIt('statSync loop', () => fs.statSync(p('loop1')));
fs.lutimesSync(p('sym'), 5, 6);
console.log('lutimes', fs.lstatSync(p('sym')).mtimeMs);
fs.lchownSync(p('sym'), process.getuid(), process.getgid());

// chmod / chown / utimes / truncate
fs.chmodSync(f, '644');
console.log('chmod string', (fs.statSync(f).mode & 0o777).toString(8));
fs.chmodSync(f, 0o600);
console.log('chmod', (fs.statSync(f).mode & 0o777).toString(8));
tryIt('chmodSync missing', () => fs.chmodSync(p('missing'), 0o600));
fs.chownSync(f, process.getuid(), process.getgid());
tryIt('chownSync missing', () => fs.chownSync(p('missing'), 0, 0));
if (!isRoot) tryIt('chownSync to root', () => fs.chownSync(f, 0, 0));
fs.utimesSync(f, new Date(1e12), '1500000000');
console.log('utimes', fs.statSync(f).atimeMs, fs.statSync(f).mtimeMs);
fs.utimesSync(f, 1.5, 2.25);
console.log('utimes frac', fs.statSync(f).atimeMs, fs.statSync(f).mtimeMs);
tryIt('utimesSync missing', () => fs.utimesSync(p('missing'), 1, 1));
fs.writeFileSync(f, '0123456789');
fs.truncateSync(f, 3);
console.log('truncate', fs.readFileSync(f, 'utf8'));
fs.truncateSync(f);
console.log('truncate 0', fs.statSync(f).size);
tryIt('truncateSync missing', () => fs.truncateSync(p('missing')));
tryIt('truncateSync dir', () => fs.truncateSync(tmp));

// rm / cp
fs.mkdirSync(p('tree', 'a', 'b'), { recursive: true });
fs.writeFileSync(p('tree', 'a', 'b', 'f'), 'f');
fs.writeFileSync(p('tree', 'g'), 'g');
fs.symlinkSync('g', p('tree', 'link'));
fs.cpSync(p('tree'), p('tree2'), { recursive: true });
console.log('cpSync', fs.readdirSync(p('tree2'), { recursive: true }).sort(), fs.readlinkSync(p('tree2', 'link')) === p('tree', 'g'));
tryIt('cpSync dir without recursive', () => fs.cpSync(p('tree'), p('tree3')));
tryIt('cpSync into self', () => fs.cpSync(p('tree'), p('tree', 'a', 'x'), { recursive: true }));
tryIt('cpSync same', () => fs.cpSync(p('tree', 'g'), p('tree', 'g')));
tryIt('cpSync errorOnExist', () => fs.cpSync(p('tree', 'g'), p('tree2', 'g'), { force: false, errorOnExist: true }));
fs.cpSync(p('tree', 'g'), p('g-copy'));
console.log('cpSync file', fs.readFileSync(p('g-copy'), 'utf8'));
fs.cpSync(p('tree'), p('tree4'), { recursive: true, filter: (src) => !src.endsWith('b') });
console.log('cpSync filter', fs.readdirSync(p('tree4'), { recursive: true }).sort());
tryIt('rmSync dir', () => fs.rmSync(p('tree')));
tryIt('rmSync missing', () => fs.rmSync(p('missing')));
tryIt('rmSync missing force', () => fs.rmSync(p('missing'), { force: true }));
fs.rmSync(p('tree'), { recursive: true });
fs.rmSync(p('g-copy'));
console.log('rmSync', fs.existsSync(p('tree')), fs.existsSync(p('g-copy')));
tryIt('rmSync bad option', () => fs.rmSync(p('tree2'), { recursive: 'yes' }));

// paths as Buffer and URL
console.log('buffer path', fs.readFileSync(Buffer.from(p('r2')), 'utf8'));
console.log('url path', fs.readFileSync(new URL(`file://${p('r2')}`), 'utf8'));
tryIt('url bad scheme', () => fs.readFileSync(new URL('http://x/y')));
tryIt('url with host', () => fs.readFileSync(new URL('file://host/y')));
tryIt('buffer missing', () => fs.readFileSync(Buffer.from(p('missing'))));
