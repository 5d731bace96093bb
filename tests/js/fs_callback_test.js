'use strict';
// fs callback API: each call's result and error paths, one at a time so
// the output order is fixed; plus util.promisify of the callback forms.
const fs = require('fs');
const util = require('util');
const { cb, clean, describe, p, tmp } = require('./fs_test_helpers');

function hex(b) {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

(async () => {
  const f = p('a.txt');
  let fd;
  await cb('open w+', (done) => fs.open(f, 'w+', (err, n) => { fd = n; done(err, typeof n); }));
  await cb('write string', (done) => fs.write(fd, 'hello world', done));
  await cb('write string pos enc', (done) => fs.write(fd, '4142', 0, 'hex', (e, n, s) => done(e, n, s)));
  await cb('write buffer', (done) => fs.write(fd, Buffer.from('XYZ'), 0, 3, 5, (e, n, b) => done(e, n, b.toString())));
  await cb('write buffer options', (done) => fs.write(fd, Buffer.from('abc'), { offset: 1, length: 2, position: 9 }, (e, n) => done(e, n)));
  await cb('write buffer only cb', (done) => fs.write(fd, Buffer.from('!'), done));
  const buf = Buffer.alloc(16);
  await cb('read', (done) => fs.read(fd, buf, 0, 16, 0, (e, n, b) => done(e, n, b === buf, buf.toString('latin1', 0, n))));
  await cb('read options', (done) => fs.read(fd, { buffer: Buffer.alloc(4), position: 2 }, (e, n, b) => done(e, n, b.toString())));
  await cb('read buffer+options', (done) => fs.read(fd, Buffer.alloc(4), { position: 1, length: 2 }, (e, n, b) => done(e, n, hex(b))));
  await cb('read default buffer', (done) => fs.read(fd, (e, n, b) => done(e, n, b.length)));
  await cb('read length 0', (done) => fs.read(fd, buf, 0, 0, 0, (e, n) => done(e, n)));
  await cb('writev', (done) => fs.writev(fd, [Buffer.from('ab'), Buffer.from('cd')], 0, (e, n, bs) => done(e, n, bs.length)));
  await cb('writev empty', (done) => fs.writev(fd, [], (e, n) => done(e, n)));
  await cb('readv', (done) => fs.readv(fd, [Buffer.alloc(1), Buffer.alloc(3)], 0, (e, n, bs) => done(e, n, bs.map(String).join('|'))));
  await cb('fsync', (done) => fs.fsync(fd, done));
  await cb('fdatasync', (done) => fs.fdatasync(fd, done));
  await cb('ftruncate', (done) => fs.ftruncate(fd, 5, done));
  await cb('fstat', (done) => fs.fstat(fd, (e, s) => done(e, s.size, s.isFile())));
  await cb('fstat bigint', (done) => fs.fstat(fd, { bigint: true }, (e, s) => done(e, s.size)));
  await cb('fchmod', (done) => fs.fchmod(fd, 0o604, done));
  await cb('fchown', (done) => fs.fchown(fd, process.getuid(), process.getgid(), done));
  await cb('futimes', (done) => fs.futimes(fd, 100, 200, done));
  await cb('close', (done) => fs.close(fd, done));
  await cb('close again', (done) => fs.close(fd, done));
  await cb('read closed', (done) => fs.read(fd, buf, 0, 1, 0, done));
  await cb('write closed', (done) => fs.write(fd, 'x', done));
  await cb('fstat closed', (done) => fs.fstat(fd, done));
  await cb('open missing', (done) => fs.open(p('missing'), 'r', done));
  await cb('open dir for write', (done) => fs.open(tmp, 'w', done));
  await cb('open wx exists', (done) => fs.open(f, 'wx', done));

  await cb('writeFile', (done) => fs.writeFile(f, 'data\n', done));
  await cb('appendFile', (done) => fs.appendFile(f, Buffer.from('more\n'), done));
  await cb('appendFile enc', (done) => fs.appendFile(f, '6869', 'hex', done));
  await cb('readFile', (done) => fs.readFile(f, 'utf8', (e, d) => done(e, JSON.stringify(d))));
  await cb('readFile buffer', (done) => fs.readFile(f, (e, d) => done(e, Buffer.isBuffer(d), d.length)));
  await cb('readFile options', (done) => fs.readFile(f, { encoding: 'base64', flag: 'r' }, done));
  await cb('readFile missing', (done) => fs.readFile(p('missing'), done));
  await cb('readFile dir', (done) => fs.readFile(tmp, done));
  await cb('writeFile missing dir', (done) => fs.writeFile(p('no', 'x'), 'x', done));
  await cb('writeFile flag wx', (done) => fs.writeFile(f, 'x', { flag: 'wx' }, done));
  await cb('writeFile mode', (done) => fs.writeFile(p('m.txt'), 'x', { mode: 0o600 }, (e) => done(e, (fs.statSync(p('m.txt')).mode & 0o777).toString(8))));
  const ac = new AbortController();
  ac.abort();
  await cb('readFile aborted', (done) => fs.readFile(f, { signal: ac.signal }, done));
  await cb('writeFile aborted', (done) => fs.writeFile(f, 'y', { signal: ac.signal }, done));
  const wfd = fs.openSync(p('fdw.txt'), 'w');
  await cb('writeFile fd', (done) => fs.writeFile(wfd, 'one', done));
  await cb('writeFile fd again', (done) => fs.writeFile(wfd, 'two', done));
  fs.closeSync(wfd);
  console.log('fd writes append', fs.readFileSync(p('fdw.txt'), 'utf8'));

  await cb('stat', (done) => fs.stat(f, (e, s) => done(e, s.isFile(), s.size)));
  await cb('stat bigint', (done) => fs.stat(f, { bigint: true }, (e, s) => done(e, typeof s.ino, s.size)));
  await cb('lstat', (done) => fs.lstat(tmp, (e, s) => done(e, s.isDirectory())));
  await cb('stat missing', (done) => fs.stat(p('missing'), done));
  await cb('lstat missing', (done) => fs.lstat(p('missing'), done));
  await cb('statfs', (done) => fs.statfs(tmp, (e, s) => done(e, s.constructor.name, typeof s.bsize)));
  await cb('access', (done) => fs.access(f, done));
  await cb('access W_OK', (done) => fs.access(f, fs.constants.W_OK, done));
  await cb('access missing', (done) => fs.access(p('missing'), done));
  await new Promise((r) => fs.exists(f, (x) => { console.log('exists', x); r(); }));
  await new Promise((r) => fs.exists(p('missing'), (x) => { console.log('exists missing', x); r(); }));
  console.log('exists promisified', await util.promisify(fs.exists)(f));

  await cb('mkdir', (done) => fs.mkdir(p('d'), done));
  await cb('mkdir exists', (done) => fs.mkdir(p('d'), done));
  await cb('mkdir recursive', (done) => fs.mkdir(p('r', 's'), { recursive: true }, (e, first) => done(e, clean(first))));
  await cb('mkdir recursive exists', (done) => fs.mkdir(p('r', 's'), { recursive: true }, (...args) => done(args[0], args.length)));
  await cb('mkdir recursive under file', (done) => fs.mkdir(p('a.txt', 'x'), { recursive: true }, done));
  await cb('mkdtemp', (done) => fs.mkdtemp(p('t-'), (e, d) => done(e, clean(d).length === clean(p('t-')).length + 6)));
  await cb('mkdtemp missing', (done) => fs.mkdtemp(p('no', 't-'), (e) => done(null, e.code, clean(e.path).replace(/t-.{6}$/, 't-??????'))));
  fs.writeFileSync(p('d', 'x'), 'x');
  fs.writeFileSync(p('d', 'y'), 'y');
  fs.mkdirSync(p('d', 'z'));
  await cb('readdir', (done) => fs.readdir(p('d'), done));
  await cb('readdir types', (done) => fs.readdir(p('d'), { withFileTypes: true }, (e, l) => done(e, l.map((d) => `${d.name}:${d.isDirectory()}`).join())));
  await cb('readdir recursive', (done) => fs.readdir(p('r'), { recursive: true }, done));
  await cb('readdir missing', (done) => fs.readdir(p('missing'), done));
  await cb('readdir file', (done) => fs.readdir(f, done));
  await cb('rmdir not empty', (done) => fs.rmdir(p('d'), done));
  await cb('rmdir', (done) => fs.rmdir(p('d', 'z'), done));
  await cb('rmdir missing', (done) => fs.rmdir(p('missing'), done));

  await cb('rename', (done) => fs.rename(p('d', 'x'), p('d', 'x2'), done));
  await cb('rename missing', (done) => fs.rename(p('missing'), p('m2'), done));
  await cb('copyFile', (done) => fs.copyFile(f, p('copy'), done));
  await cb('copyFile excl', (done) => fs.copyFile(f, p('copy'), fs.constants.COPYFILE_EXCL, done));
  await cb('copyFile missing', (done) => fs.copyFile(p('missing'), p('copy2'), done));
  await cb('link', (done) => fs.link(f, p('hard'), done));
  await cb('link exists', (done) => fs.link(f, p('hard'), done));
  await cb('symlink', (done) => fs.symlink('a.txt', p('sym'), done));
  await cb('symlink exists', (done) => fs.symlink('a.txt', p('sym'), 'file', done));
  await cb('readlink', (done) => fs.readlink(p('sym'), done));
  await cb('readlink buffer', (done) => fs.readlink(p('sym'), 'buffer', (e, b) => done(e, Buffer.isBuffer(b))));
  await cb('readlink not link', (done) => fs.readlink(f, done));
  await cb('realpath', (done) => fs.realpath(p('sym'), done));
  await cb('realpath native', (done) => fs.realpath.native(p('sym'), done));
  await cb('realpath missing', (done) => fs.realpath(p('missing', 'x'), done));
  await cb('realpath native missing', (done) => fs.realpath.native(p('missing'), done));
  await cb('unlink', (done) => fs.unlink(p('hard'), done));
  await cb('unlink missing', (done) => fs.unlink(p('hard'), done));
  await cb('chmod', (done) => fs.chmod(f, 0o640, done));
  await cb('chmod missing', (done) => fs.chmod(p('missing'), 0o640, done));
  await cb('chown', (done) => fs.chown(f, process.getuid(), process.getgid(), done));
  await cb('lchown', (done) => fs.lchown(p('sym'), process.getuid(), process.getgid(), done));
  await cb('chown missing', (done) => fs.chown(p('missing'), 1, 1, done));
  await cb('utimes', (done) => fs.utimes(f, 10, new Date(20000), (e) => done(e, fs.statSync(f).mtimeMs)));
  await cb('lutimes', (done) => fs.lutimes(p('sym'), 1, 2, done));
  await cb('utimes missing', (done) => fs.utimes(p('missing'), 1, 2, done));
  await cb('truncate', (done) => fs.truncate(f, 2, (e) => done(e, fs.readFileSync(f, 'utf8'))));
  await cb('truncate missing', (done) => fs.truncate(p('missing'), done));

  fs.mkdirSync(p('tree', 'a'), { recursive: true });
  fs.writeFileSync(p('tree', 'a', 'f'), 'f');
  await cb('cp', (done) => fs.cp(p('tree'), p('tree2'), { recursive: true }, (...a) => done(a[0], a.length)));
  console.log('cp result', fs.readFileSync(p('tree2', 'a', 'f'), 'utf8'));
  await cb('cp no recursive', (done) => fs.cp(p('tree'), p('tree3'), done));
  await cb('rm dir', (done) => fs.rm(p('tree'), done));
  await cb('rm recursive', (done) => fs.rm(p('tree'), { recursive: true }, done));
  await cb('rm missing', (done) => fs.rm(p('tree'), done));
  await cb('rm missing force', (done) => fs.rm(p('tree'), { force: true }, done));
  console.log('rm done', fs.existsSync(p('tree')));

  // util.promisify of the multi-value callbacks.
  const pfd = fs.openSync(f, 'r+');
  const r = await util.promisify(fs.read)(pfd, Buffer.alloc(2), 0, 2, 0);
  console.log('promisify read', r.bytesRead, r.buffer.toString());
  const w = await util.promisify(fs.write)(pfd, Buffer.from('Q'), 0, 1, 0);
  console.log('promisify write', w.bytesWritten, w.buffer.toString());
  fs.closeSync(pfd);

  // Callback must be a function.
  for (const [name, fn] of [['stat', () => fs.stat(f)], ['readFile', () => fs.readFile(f)],
    ['open', () => fs.open(f, 'r')], ['close', () => fs.close(1, 'x')], ['mkdir', () => fs.mkdir(p('q'))]]) {
    try {
      fn();
      console.log(name, 'no throw');
    } catch (e) {
      console.log(name, describe(e));
    }
  }
})();
