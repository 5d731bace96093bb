'use strict';
// fs.opendir / opendirSync / Dir: reading (sync, callback, promise, async
// iteration), bufferSize, recursive, and the closed/concurrent errors.
const fs = require('fs');
const { describe, p, tryIt } = require('./fs_test_helpers');

for (let i = 0; i < 40; i++) fs.writeFileSync(p(`f${String(i).padStart(2, '0')}`), '');
fs.mkdirSync(p('sub', 'deeper'), { recursive: true });
fs.writeFileSync(p('sub', 'inner.txt'), '');
fs.symlinkSync('f00', p('link'));

function names(list) {
  return list.map((d) => `${d.name}${d.isDirectory() ? '/' : ''}${d.isSymbolicLink() ? '@' : ''}`).sort().join(' ');
}

(async () => {
  const d = fs.opendirSync(p());
  console.log('Dir', d.constructor.name, d.path === p(), typeof d[Symbol.asyncIterator]);
  const seen = [];
  for (let e = d.readSync(); e !== null; e = d.readSync()) seen.push(e);
  console.log('readSync all', seen.length, names(seen));
  console.log('readSync after end', d.readSync());
  d.closeSync();
  tryIt('readSync closed', () => d.readSync());
  tryIt('closeSync twice', () => d.closeSync());
  await d.close().catch((e) => console.log('close promise closed', describe(e)));
  await new Promise((resolve) => d.close((e) => { console.log('close cb closed', describe(e)); resolve(); }));

  // Callback reads; a second read while one is pending is queued.
  const d2 = await new Promise((resolve) => fs.opendir(p(), { bufferSize: 4 }, (e, dir) => resolve(dir)));
  const cbSeen = [];
  await new Promise((resolve) => {
    const next = () => d2.read((err, e) => {
      if (err) throw err;
      if (e === null) return resolve();
      cbSeen.push(e);
      next();
    });
    next();
  });
  console.log('callback all', cbSeen.length, names(cbSeen) === names(seen));
  d2.read(() => {});
  tryIt('readSync while pending', () => d2.readSync());
  tryIt('closeSync while pending', () => d2.closeSync());
  await new Promise((resolve) => d2.close(resolve));
  console.log('closed after pending read');

  // Promise reads and async iteration (which closes the Dir at the end).
  const d3 = await fs.promises.opendir(p(), { bufferSize: 1 });
  const first = await d3.read();
  console.log('promise read', typeof first.name);
  await d3.close();
  const iterSeen = [];
  for await (const e of fs.opendirSync(p())) iterSeen.push(e);
  console.log('async iteration', iterSeen.length);
  const d4 = fs.opendirSync(p());
  for await (const e of d4) break;  // eslint-disable-line no-unused-vars
  tryIt('closed after break', () => d4.readSync());

  // Recursive.
  const rec = [];
  for await (const e of await fs.promises.opendir(p(), { recursive: true })) rec.push(`${e.parentPath.slice(p().length)}/${e.name}`);
  console.log('recursive', rec.length, rec.filter((x) => x.startsWith('/sub')).sort().join(' '));

  // Errors.
  tryIt('opendirSync missing', () => fs.opendirSync(p('missing')));
  tryIt('opendirSync file', () => fs.opendirSync(p('f00')));
  tryIt('opendirSync bufferSize', () => fs.opendirSync(p(), { bufferSize: 0 }));
  tryIt('opendir no callback', () => fs.opendir(p()));
  await new Promise((resolve) => fs.opendir(p('missing'), (e) => { console.log('opendir missing', describe(e)); resolve(); }));
  const d5 = fs.opendirSync(p(), { encoding: 'buffer' });
  console.log('buffer names', Buffer.isBuffer(d5.readSync().name));
  d5.closeSync();
})();
