'use strict';
// fs.createReadStream / createWriteStream: options (start, end,
// highWaterMark, encoding, flags, fd, autoClose, emitClose, FileHandle),
// events in order, backpressure, errors, pipe and pipeline.
const fs = require('fs');
const fsp = require('fs/promises');
const { pipeline } = require('stream/promises');
const { describe, p } = require('./fs_test_helpers');

function collect(stream) {
  return new Promise((resolve) => {
    const events = [];
    const data = [];
    stream.on('open', (fd) => events.push(`open:${typeof fd}`));
    stream.on('ready', () => events.push('ready'));
    stream.on('data', (d) => data.push(typeof d === 'string' ? d : d.toString('latin1')));
    stream.on('end', () => events.push('end'));
    stream.on('error', (e) => { events.push(`error:${e.code}`); });
    stream.on('close', () => {
      events.push('close');
      resolve({ events, data });
    });
  });
}

(async () => {
  const f = p('data.txt');
  fs.writeFileSync(f, '0123456789abcdefghij');

  let r = await collect(fs.createReadStream(f));
  console.log('plain', r.events.join(), r.data.join('|'));
  r = await collect(fs.createReadStream(f, { start: 2, end: 5 }));
  console.log('start/end', r.data.join('|'));
  r = await collect(fs.createReadStream(f, { highWaterMark: 7, encoding: 'utf8' }));
  console.log('hwm+encoding', r.data.join('|'));
  r = await collect(fs.createReadStream(f, { start: 18 }));
  console.log('start only', r.data.join('|'));
  r = await collect(fs.createReadStream(f, 'hex'));
  console.log('string option', r.data.join('|').length);
  r = await collect(fs.createReadStream(p('missing')));
  console.log('missing', r.events.join());
  r = await collect(fs.createReadStream(p('.')));
  console.log('directory', r.events.join());

  const fd = fs.openSync(f, 'r');
  const rs = fs.createReadStream(null, { fd, autoClose: false, start: 10, end: 12 });
  r = await new Promise((resolve) => {
    const out = [];
    rs.on('data', (d) => out.push(d.toString()));
    rs.on('end', () => resolve(out));
  });
  console.log('fd no autoClose', r.join('|'), fs.fstatSync(fd).size);
  fs.closeSync(fd);

  const fh = await fsp.open(f);
  r = await collect(fh.createReadStream({ start: 15 }));
  console.log('FileHandle stream', r.data.join('|'), fh.fd);

  for (const bad of [{ start: -1 }, { start: 5, end: 2 }, { end: 'x' }, { highWaterMark: -1 }]) {
    try {
      fs.createReadStream(f, bad);
      console.log('no throw', JSON.stringify(bad));
    } catch (e) {
      console.log('bad options', JSON.stringify(bad), describe(e));
    }
  }

  // Write streams.
  const w = p('out.txt');
  let ws = fs.createWriteStream(w);
  const wEvents = [];
  ws.on('open', () => wEvents.push('open'));
  ws.on('ready', () => wEvents.push('ready'));
  ws.on('finish', () => wEvents.push('finish'));
  await new Promise((resolve) => {
    ws.on('close', () => { wEvents.push('close'); resolve(); });
    console.log('write returns', ws.write('abc'), ws.pending, typeof ws.path);
    ws.write(Buffer.from('def'));
    ws.end('ghi');
  });
  console.log('write stream', wEvents.join(), fs.readFileSync(w, 'utf8'), ws.bytesWritten);

  ws = fs.createWriteStream(w, { flags: 'a' });
  ws.end('+appended');
  await new Promise((resolve) => ws.on('close', resolve));
  console.log('append', fs.readFileSync(w, 'utf8'));

  ws = fs.createWriteStream(w, { flags: 'r+', start: 1 });
  ws.end('XY');
  await new Promise((resolve) => ws.on('close', resolve));
  console.log('start', fs.readFileSync(w, 'utf8'));

  ws = fs.createWriteStream(w, { encoding: 'hex' });
  ws.end('414243');
  await new Promise((resolve) => ws.on('close', resolve));
  console.log('default encoding hex', fs.readFileSync(w, 'utf8'));

  ws = fs.createWriteStream(p('no', 'x'));
  await new Promise((resolve) => {
    ws.on('error', (e) => console.log('write stream error', describe(e)));
    ws.on('close', resolve);
  });

  // Backpressure: write() returns false past highWaterMark, 'drain' follows.
  ws = fs.createWriteStream(w, { highWaterMark: 16 });
  const first = ws.write('x'.repeat(10));
  const second = ws.write('y'.repeat(10));
  console.log('backpressure', first, second, ws.writableLength, ws.writableNeedDrain);
  await new Promise((resolve) => ws.once('drain', resolve));
  console.log('drained', ws.writableLength);
  ws.end();
  await new Promise((resolve) => ws.on('close', resolve));

  // emitClose: false
  ws = fs.createWriteStream(w, { emitClose: false });
  let closeSeen = false;
  ws.on('close', () => { closeSeen = true; });
  ws.end('z');
  await new Promise((resolve) => ws.on('finish', resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
  console.log('emitClose false', closeSeen, ws.destroyed);

  // autoClose: false on a write stream keeps the fd.
  const wfd = fs.openSync(p('keep.txt'), 'w');
  ws = fs.createWriteStream(null, { fd: wfd, autoClose: false });
  ws.end('kept');
  await new Promise((resolve) => ws.on('finish', resolve));
  fs.writeSync(wfd, '!');
  fs.closeSync(wfd);
  console.log('fd kept', fs.readFileSync(p('keep.txt'), 'utf8'));

  // Piping a large file through with backpressure.
  const big = Buffer.alloc(3 * 1024 * 1024 + 7);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
  fs.writeFileSync(p('big.bin'), big);
  await pipeline(fs.createReadStream(p('big.bin')), fs.createWriteStream(p('big2.bin')));
  console.log('pipeline copy equal', fs.readFileSync(p('big2.bin')).equals(big));
  await new Promise((resolve) => {
    const out = fs.createWriteStream(p('big3.bin'), { highWaterMark: 1024 });
    fs.createReadStream(p('big.bin'), { highWaterMark: 4096 }).pipe(out);
    out.on('close', resolve);
  });
  console.log('pipe copy equal', fs.readFileSync(p('big3.bin')).equals(big));

  // Destroy in the middle closes the fd.
  const rs2 = fs.createReadStream(p('big.bin'), { highWaterMark: 1024 });
  await new Promise((resolve) => {
    rs2.once('data', () => rs2.destroy());
    rs2.on('close', resolve);
  });
  console.log('destroyed', rs2.destroyed, rs2.fd);

  // close(cb) on both kinds.
  const rs3 = fs.createReadStream(f);
  await new Promise((resolve) => rs3.close(resolve));
  console.log('read close cb', rs3.destroyed);
  const ws3 = fs.createWriteStream(p('c.txt'));
  await new Promise((resolve) => ws3.close(resolve));
  console.log('write close cb', ws3.destroyed);

  // Async iteration of a read stream.
  let total = 0;
  for await (const chunk of fs.createReadStream(p('big.bin'))) total += chunk.length;
  console.log('async iteration', total);
  console.log('classes', fs.ReadStream === fs.createReadStream(f).constructor, typeof fs.WriteStream);

  // FileHandle.readableWebStream: one per handle.
  const webHandle = await fs.promises.open(f);
  const web = webHandle.readableWebStream();
  try {
    webHandle.readableWebStream();
  } catch (e) {
    console.log('second web stream', e.code, e.message);
  }
  try {
    (await fs.promises.open(f)).readableWebStream({ type: 1 });
  } catch (e) {
    console.log('web stream type', e.code);
  }
  for await (const chunk of web) {
    console.log('web stream chunk', Object.prototype.toString.call(chunk), chunk.byteLength);
  }
  await webHandle.close();
  try {
    fs.openSync(f, 1.5);
  } catch (e) {
    console.log('fractional flags', e.code, e.message);
  }
  try {
    fs.readFileSync(f, { flag: 2 ** 32 });
  } catch (e) {
    console.log('flags over int32', e.code);
  }
})().catch((e) => console.log('unexpected', describe(e), e.stack));
