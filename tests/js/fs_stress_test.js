'use strict';
// 10,000 concurrent fs.promises.readFile calls on small files: every
// result is right and no fd is left open (/proc/self/fd before and after).
// The same for the callback form, and for FileHandles opened concurrently.
const fs = require('fs');
const fsp = require('fs/promises');
const { p } = require('./fs_test_helpers');

const N = 10000;
const fdCount = () => fs.readdirSync('/proc/self/fd').length;

(async () => {
  fs.mkdirSync(p('many'));
  for (let i = 0; i < N; i++) fs.writeFileSync(p('many', `f${i}`), `content ${i}\n`);
  const before = fdCount();

  const results = await Promise.all(
    Array.from({ length: N }, (_, i) => fsp.readFile(p('many', `f${i}`), 'utf8')));
  console.log('promises all right', results.every((r, i) => r === `content ${i}\n`));
  console.log('promises fd leak', fdCount() - before);

  const buffers = await Promise.all(
    Array.from({ length: N }, (_, i) => fsp.readFile(p('many', `f${i}`))));
  console.log('buffers all right', buffers.every((b, i) => b.toString() === `content ${i}\n`));

  let ok = 0;
  await new Promise((resolve) => {
    let left = N;
    for (let i = 0; i < N; i++) {
      fs.readFile(p('many', `f${i}`), 'utf8', (err, data) => {
        if (!err && data === `content ${i}\n`) ok++;
        if (--left === 0) resolve();
      });
    }
  });
  console.log('callbacks all right', ok === N, 'fd leak', fdCount() - before);

  // Open, read and close 1000 FileHandles at once.
  const handles = await Promise.all(Array.from({ length: 1000 }, (_, i) => fsp.open(p('many', `f${i}`))));
  const texts = await Promise.all(handles.map((h) => h.readFile('utf8')));
  await Promise.all(handles.map((h) => h.close()));
  console.log('handles all right', texts.every((t, i) => t === `content ${i}\n`), 'fd leak', fdCount() - before);

  // Mixed errors in the crowd.
  const mixed = await Promise.allSettled(
    Array.from({ length: 2000 }, (_, i) => fsp.readFile(p('many', i % 2 ? `f${i}` : `missing${i}`), 'utf8')));
  console.log('mixed', mixed.filter((r) => r.status === 'rejected' && r.reason.code === 'ENOENT').length,
              mixed.filter((r) => r.status === 'fulfilled').length, 'fd leak', fdCount() - before);
})();
