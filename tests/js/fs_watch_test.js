'use strict';
// fs.watch (inotify), fs.watchFile/unwatchFile (polling), fsPromises.watch.
// Each step waits for the event it causes, so the output order is fixed.
const fs = require('fs');
const fsp = require('fs/promises');
const { describe, p } = require('./fs_test_helpers');

function nextEvent(emitter, name) {
  return new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));
}

(async () => {
  const dir = p('w');
  fs.mkdirSync(dir);

  // A directory watcher sees creations as 'rename' and writes as 'change'.
  const w = fs.watch(dir);
  console.log('watcher', w.constructor.name, typeof w.close, typeof w.ref, typeof w.unref);
  let ev = nextEvent(w, 'change');
  fs.writeFileSync(p('w', 'new.txt'), '');
  console.log('create', await ev);
  ev = nextEvent(w, 'change');
  fs.appendFileSync(p('w', 'new.txt'), 'data');
  console.log('modify', await ev);
  ev = nextEvent(w, 'change');
  fs.unlinkSync(p('w', 'new.txt'));
  console.log('delete', await ev);
  const closed = nextEvent(w, 'close');
  w.close();
  await closed;
  console.log('closed');
  w.close();  // twice is fine

  // A file watcher: events name the file; encoding 'buffer' gives Buffers.
  const file = p('w', 'f.txt');
  fs.writeFileSync(file, 'x');
  const fw = fs.watch(file, { encoding: 'buffer' });
  ev = nextEvent(fw, 'change');
  fs.appendFileSync(file, 'y');
  const [type, name] = await ev;
  console.log('file watch', type, Buffer.isBuffer(name), String(name));
  fw.close();

  // The listener argument and AbortSignal.
  const ac = new AbortController();
  const lw = fs.watch(dir, { signal: ac.signal }, (t, n) => console.log('listener', t, n));
  const lwClosed = nextEvent(lw, 'close');
  fs.writeFileSync(p('w', 'l.txt'), '');
  await new Promise((resolve) => setTimeout(resolve, 100));
  ac.abort();
  await lwClosed;
  console.log('aborted watcher closed');

  // Errors.
  for (const [label, fn] of [
    ['watch missing', () => fs.watch(p('missing'))],
    ['watch bad path', () => fs.watch(42)],
    ['watch bad encoding', () => fs.watch(dir, { encoding: 'nope' })],
  ]) {
    try {
      fn();
      console.log(label, 'no throw');
    } catch (e) {
      console.log(label, describe(e), e.filename === undefined ? '' : 'filename set');
    }
  }

  // Recursive: events in subdirectories, named relative to the root.
  fs.mkdirSync(p('w', 'sub'));
  const rw = fs.watch(dir, { recursive: true });
  ev = new Promise((resolve) => rw.on('change', (t, n) => { if (n === 'sub/deep.txt') resolve([t, n]); }));
  fs.writeFileSync(p('w', 'sub', 'deep.txt'), '1');
  console.log('recursive', await ev);
  rw.close();

  // unref'd watchers do not keep the process alive (checked by exiting).
  fs.watch(dir).unref();

  // watchFile: polls; the listener gets current and previous Stats.
  const wf = p('w', 'polled.txt');
  fs.writeFileSync(wf, 'a');
  const changed = new Promise((resolve) => {
    fs.watchFile(wf, { interval: 20 }, (curr, prev) => resolve([curr, prev]));
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  fs.writeFileSync(wf, 'abc');
  const [curr, prev] = await changed;
  console.log('watchFile', curr.size, prev.size, curr.constructor.name, curr.mtimeMs >= prev.mtimeMs);
  fs.unwatchFile(wf);

  // A missing file reports once, with zeroed stats.
  const missing = await new Promise((resolve) => {
    fs.watchFile(p('w', 'nothere'), { interval: 20 }, (c, pr) => resolve([c, pr]));
  });
  console.log('watchFile missing', missing[0].size, missing[0].mtimeMs, missing[1].size);
  fs.unwatchFile(p('w', 'nothere'));

  // Bigint stats and the StatWatcher object.
  const sw = fs.watchFile(wf, { interval: 20, bigint: true }, () => {});
  const big = new Promise((resolve) => sw.once('change', (c) => resolve(typeof c.size)));
  await new Promise((resolve) => setTimeout(resolve, 100));
  fs.writeFileSync(wf, 'abcdef');
  console.log('watchFile bigint', await big, typeof sw.ref, typeof sw.unref);
  const stopped = nextEvent(sw, 'stop');
  fs.unwatchFile(wf);
  await stopped;
  console.log('stopped');
  try {
    fs.watchFile(wf);
  } catch (e) {
    console.log('watchFile no listener', describe(e));
  }

  // fsPromises.watch as an async iterator, ended by an AbortSignal.
  const ac2 = new AbortController();
  // A directory of its own: no late event from the parts above can race in.
  const iterDir = p('w', 'iterdir');
  fs.mkdirSync(iterDir);
  const iter = fsp.watch(iterDir, { signal: ac2.signal });
  setTimeout(() => fs.writeFileSync(p('w', 'iterdir', 'iter.txt'), ''), 50);
  try {
    for await (const event of iter) {
      console.log('promises.watch', event.eventType, event.filename);
      ac2.abort();
    }
  } catch (e) {
    console.log('promises.watch ended', e.name, e.code);
  }
})().catch((e) => console.log('unexpected', describe(e), e.stack));
