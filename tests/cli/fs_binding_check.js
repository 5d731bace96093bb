'use strict';
// Kiln only (run by tests/cli/fs_test.sh): process.binding('fs') called with
// wrong argument types or on the wrong receiver throws a TypeError or
// RangeError; it never crashes. Prints one line per call.
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-fsb-'));
const f = path.join(dir, 'a.txt');
fs.writeFileSync(f, 'abc');
const fd = fs.openSync(f, 'r+');
const buf = Buffer.alloc(4);
const b = process.binding('fs');
const calls = [
  ['open', []], ['open', [1, 2, 3]], ['open', ['x', 'r', 0]], ['close', ['x']], ['close', [-1]],
  ['read', [fd, 'notbuf', 0, 1, 0]], ['read', [fd, buf, 0, 100, 0]], ['read', [fd, buf, -1, 1, 0]],
  ['read', [fd, buf, 0, 1, 'pos']], ['read', [fd, buf, 0, 1, 2n ** 64n]],
  ['writeBuffer', [fd, {}, 0, 1, null]], ['writeBuffer', [fd, buf, 3, 2, null]],
  ['writeString', [fd, 42, null, 'utf8']], ['writeString', [fd, 'x', null, 'bogus']],
  ['writeBuffers', [fd, 'x', null]], ['writeBuffers', [fd, [1], null]], ['readBuffers', [fd, [{}], null]],
  ['readFile', [{}, 0, 'utf8']], ['readFile', [f, 'r', 'utf8']], ['readFile', [f, 0, 7]],
  ['writeFile', [f, {}, 'utf8', 0, 0, false]], ['writeFile', [f, 'x', 'utf8', 'w', 0, false]],
  ['stat', [42, false]], ['fstat', ['x', false]], ['lstat', [undefined, false]],
  ['statfs', [null, false]], ['readdir', [null, 'utf8', false]], ['readdir', [dir, 42, false]],
  ['mkdir', [f]], ['mkdtemp', [42, 'utf8']], ['rename', [f]], ['link', [f, 1]], ['symlink', [1, f, 0]],
  ['copyFile', [f, f, 'x']], ['chown', [f, 'a', 'b']], ['fchown', [fd, 1.5, 0]], ['chmod', [f, 'x']],
  ['fchmod', [-5, 0]], ['utimes', [f, 'a', 1]], ['futimes', [fd, 1, 'b']], ['lutimes', [1, 1, 1]],
  ['ftruncate', [fd, 'x']], ['fsync', [{}]], ['fdatasync', [null]], ['realpath', [{}]],
  ['realpath', [f, 99]], ['readlink', [1]], ['access', [f, 'x']], ['rmdir', [3]], ['unlink', [{}]],
  ['open', [f, 0, 0, 42]], ['stat', [f, false, 'req']], ['opendir', [{}, f]], ['opendir', [1, 2]],
  ['internalModuleStat', [42]], ['readFileUtf8', [{}]], ['readFileUtf8', [-1]], ['writeStringSync', ['x', 'y']],
  ['existsSync', [{}]], ['open', ['a\u0000b', 0, 0]],
];
for (const [name, args] of calls) {
  try {
    const r = b[name](...args);
    console.log('binding', name, 'returned', typeof r);
  } catch (e) {
    console.log('binding', name, e instanceof TypeError || e instanceof RangeError ? e.name : `other ${e.message}`, e.code || '');
  }
}
for (const ctor of ['DirHandle', 'FSEvent', 'StatWatcher']) {
  try {
    b[ctor]();
    console.log('binding', ctor, 'call returned');
  } catch (e) {
    console.log('binding', ctor, 'call threw', e.name);
  }
  for (const method of Object.getOwnPropertyNames(b[ctor].prototype)) {
    if (method === 'constructor') continue;
    try {
      b[ctor].prototype[method].call({});
      console.log('binding', ctor, method, 'on a plain object returned');
    } catch (e) {
      console.log('binding', ctor, method, 'on a plain object threw', e.name);
    }
  }
}
const d = new b.DirHandle();
for (const [label, fn] of [['read unopened', () => d.read('utf8', 1, undefined)],
  ['close unopened', () => d.close(undefined)], ['read bad size', () => d.read('utf8', 'x')]]) {
  try {
    fn();
    console.log('DirHandle', label, 'returned');
  } catch (e) {
    console.log('DirHandle', label, 'threw', e.code || e.name);
  }
}
const w = new b.FSEvent();
for (const [label, fn] of [['start no path', () => w.start()], ['start bad enc', () => w.start(dir, true, false, 'x')]]) {
  try {
    fn();
    console.log('FSEvent', label, 'returned');
  } catch (e) {
    console.log('FSEvent', label, 'threw', e.name);
  }
}
const sw = new b.StatWatcher(false);
try {
  sw.start(f, 'x');
} catch (e) {
  console.log('StatWatcher start bad interval threw', e.name);
}
b.readFile(f, 0, 'utf8', { oncomplete: 42 });  // not a function: ignored
b.stat(f, false, { get oncomplete() { throw new Error('getter'); } });
fs.closeSync(fd);
fs.rmSync(dir, { recursive: true });
process.on('uncaughtException', (e) => console.log('uncaught', e.message));
