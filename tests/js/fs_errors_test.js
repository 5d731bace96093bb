'use strict';
// fs argument checks (Node's TypeError/RangeError codes and messages) and
// permission errors. (The binding's own checks are kiln-only:
// tests/cli/fs_binding_check.js.)
//
// EACCES needs a process without CAP_DAC_OVERRIDE: as root the permission
// part prints a skip line (node and kiln alike); tests/cli/fs_test.sh runs
// this file again with those capabilities dropped.
const fs = require('fs');
const fsp = require('fs/promises');
const { describe, p, tryAsync, tryIt } = require('./fs_test_helpers');

const f = p('a.txt');
fs.writeFileSync(f, 'abc');
const fd = fs.openSync(f, 'r+');

// Paths, fds, flags, modes.
tryIt('path number', () => fs.readFileSync(42.5));
tryIt('path object', () => fs.statSync({}));
tryIt('path null byte', () => fs.openSync('a\u0000b'));
tryIt('path buffer null byte', () => fs.openSync(Buffer.from('a\u0000b')));
tryIt('path undefined', () => fs.accessSync());
tryIt('fd negative', () => fs.closeSync(-1));
tryIt('fd float', () => fs.fstatSync(1.5));
tryIt('fd string', () => fs.fsyncSync('1'));
tryIt('fd too big', () => fs.closeSync(2 ** 31));
tryIt('flags unknown', () => fs.openSync(f, 'rw'));
tryIt('flags object', () => fs.openSync(f, {}));
tryIt('mode bad string', () => fs.openSync(f, 'r', 'abc'));
tryIt('mode negative', () => fs.chmodSync(f, -1));
tryIt('mode float', () => fs.mkdirSync(p('x'), 1.5));
tryIt('access mode', () => fs.accessSync(f, 8));
tryIt('copyFile mode', () => fs.copyFileSync(f, p('b'), 8));
tryIt('options type', () => fs.readFileSync(f, 42));
tryIt('encoding bad', () => fs.readFileSync(f, 'nope'));
tryIt('flag option bad', () => fs.readFileSync(f, { flag: 'q' }));
tryIt('uid bad', () => fs.chownSync(f, -2, 0));
tryIt('gid string', () => fs.chownSync(f, 0, '0'));
tryIt('utimes bad', () => fs.utimesSync(f, 'abc', 1));
tryIt('utimes object', () => fs.futimesSync(fd, {}, 1));
tryIt('truncate len', () => fs.ftruncateSync(fd, 'x'));
tryIt('recursive bad', () => fs.mkdirSync(p('y'), { recursive: 1 }));
tryIt('readdir recursive bad', () => fs.readdirSync(p(), { recursive: 'yes' }));
tryIt('symlink type', () => fs.symlinkSync(f, p('s'), 'nope'));
tryIt('rm options', () => fs.rmSync(f, 'nope'));
tryIt('rm retries', () => fs.rmSync(f, { maxRetries: -1 }));
tryIt('cp options', () => fs.cpSync(f, p('c'), { dereference: true, verbatimSymlinks: true }));
tryIt('cp filter', () => fs.cpSync(f, p('c'), { filter: 1 }));
tryIt('writeFile data', () => fs.writeFileSync(f, 42));
tryIt('writeFile data object', () => fs.writeFileSync(f, { toString: () => 'x' }));
tryIt('writeFile flush', () => fs.writeFileSync(f, 'x', { flush: 'yes' }));
tryIt('appendFile data', () => fs.appendFileSync(f, null));

// read/write arguments.
const buf = Buffer.alloc(4);
tryIt('read no buffer', () => fs.readSync(fd, 'x'));
tryIt('read offset', () => fs.readSync(fd, buf, -1, 1, 0));
tryIt('read offset float', () => fs.readSync(fd, buf, 1.5, 1, 0));
tryIt('read length', () => fs.readSync(fd, buf, 0, 5, 0));
tryIt('read length+offset', () => fs.readSync(fd, buf, 3, 2, 0));
tryIt('read position', () => fs.readSync(fd, buf, 0, 1, 'x'));
tryIt('read position negative', () => fs.readSync(fd, buf, 0, 1, -2));
tryIt('read position float', () => fs.readSync(fd, buf, 0, 1, 1.5));
tryIt('read position bigint', () => fs.readSync(fd, buf, 0, 1, 2n ** 63n));
tryIt('read empty buffer', () => fs.readSync(fd, Buffer.alloc(0), 0, 1, 0));
tryIt('read options null', () => fs.readSync(fd, buf, null));
tryIt('write bad data', () => fs.writeSync(fd, 42));
tryIt('write object', () => fs.writeSync(fd, {}));
tryIt('write offset', () => fs.writeSync(fd, buf, 5));
tryIt('write length', () => fs.writeSync(fd, buf, 0, 5));
tryIt('write hex odd', () => fs.writeSync(fd, 'abc', 0, 'hex'));
tryIt('writev not array', () => fs.writevSync(fd, buf));
tryIt('writev bad element', () => fs.writevSync(fd, [buf, 'x']));
tryIt('readv bad', () => fs.readvSync(fd, [1]));

// Callback forms throw synchronously for bad arguments.
tryIt('cb read', () => fs.read(fd, buf, 0, 5, 0, () => {}));
tryIt('cb open path', () => fs.open(42, () => {}));
tryIt('cb writeFile', () => fs.writeFile(f, 42, () => {}));
tryIt('cb readdir', () => fs.readdir(f, 42));
tryIt('cb exists', () => fs.exists(f));

(async () => {
  // Promise forms reject instead.
  await tryAsync('p readFile path', () => fsp.readFile(42));
  await tryAsync('p open flags', () => fsp.open(f, 'rw'));
  await tryAsync('p mkdir mode', () => fsp.mkdir(p('z'), 'bad'));
  await tryAsync('p chown', () => fsp.chown(f, 'a', 1));
  await tryAsync('p rm', () => fsp.rm(f, { force: 'x' }));
  const fh = await fsp.open(f, 'r');
  await tryAsync('p fh.read offset', () => fh.read(buf, -1));
  await tryAsync('p fh.write data', () => fh.write(42));
  await tryAsync('p fh.truncate', () => fh.truncate('x'));
  await fh.close();

  // EACCES: only without CAP_DAC_OVERRIDE (see the top comment).
  const locked = p('locked.txt');
  fs.writeFileSync(locked, 'secret');
  fs.chmodSync(locked, 0o000);
  const lockedDir = p('lockeddir');
  fs.mkdirSync(lockedDir);
  fs.writeFileSync(p('lockeddir', 'inner'), 'i');
  fs.chmodSync(lockedDir, 0o000);
  let privileged = true;
  try {
    fs.readFileSync(locked);
  } catch {
    privileged = false;
  }
  if (privileged) {
    console.log('permission checks skipped: the process bypasses file modes');
  } else {
    tryIt('EACCES readFileSync', () => fs.readFileSync(locked));
    tryIt('EACCES openSync w', () => fs.openSync(locked, 'w'));
    tryIt('EACCES readdirSync', () => fs.readdirSync(lockedDir));
    tryIt('EACCES statSync inside', () => fs.statSync(p('lockeddir', 'inner')));
    tryIt('EACCES mkdirSync inside', () => fs.mkdirSync(p('lockeddir', 'new')));
    tryIt('EACCES mkdirSync recursive', () => fs.mkdirSync(p('lockeddir', 'a', 'b'), { recursive: true }));
    tryIt('EACCES accessSync R_OK', () => fs.accessSync(locked, fs.constants.R_OK));
    tryIt('EACCES rmSync', () => fs.rmSync(lockedDir, { recursive: true }));
    tryIt('EACCES copyFileSync', () => fs.copyFileSync(locked, p('copy')));
    tryIt('EACCES realpathSync', () => fs.realpathSync(p('lockeddir', 'inner')));
    await new Promise((resolve) => fs.readFile(locked, (e) => { console.log('EACCES readFile', describe(e)); resolve(); }));
    await tryAsync('EACCES promises.open', () => fsp.open(locked));
    await tryAsync('EACCES promises.readdir', () => fsp.readdir(lockedDir));
  }
  // X_OK fails even for root when no execute bit is set.
  tryIt('EACCES access X_OK', () => fs.accessSync(f, fs.constants.X_OK));
  fs.chmodSync(lockedDir, 0o700);

  fs.closeSync(fd);
})();
