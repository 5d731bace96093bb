'use strict';
// Event-order traces of the stream module. Run under kiln and node: stdout
// and the exit code must be identical.

const stream = require('stream');
const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } = stream;
const { StringDecoder } = require('string_decoder');

function fmt(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Uint8Array) return 'bytes[' + Array.from(v).join(',') + ']';
  if (v instanceof Error) return `${v.name}(${v.code || ''}: ${v.message})`;
  if (typeof v === 'function') return 'fn';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
function log(...args) { console.log(args.map((a) => (typeof a === 'string' ? a : fmt(a))).join(' ')); }
function trace(s, name, events = ['data', 'end', 'finish', 'close', 'error', 'drain',
  'pause', 'resume', 'prefinish', 'pipe', 'unpipe']) {
  for (const ev of events) {
    s.on(ev, (...a) => log(name, ev, ...a.map((x) => (x && x.on ? 'stream' : fmt(x)))));
  }
  return s;
}
function bytes(s) { return new Uint8Array(Array.from(s, (c) => c.charCodeAt(0))); }
const str = (c) => (typeof c === 'string' ? c : String.fromCharCode(...c));

const tests = [];
function test(name, fn) { tests.push([name, fn]); }

test('readable flowing push before listener', (done) => {
  const r = new Readable({ read() {} });
  r.push('a'); r.push('b'); r.push(null);
  trace(r, 'r');
  r.on('close', done);
});

test('readable sync read in _read', (done) => {
  let i = 0;
  const r = new Readable({
    read() { log('_read', i); if (i < 3) this.push(String(i++)); else this.push(null); },
  });
  r.setEncoding('utf8');
  trace(r, 'r');
  r.on('close', done);
});

test('readable async _read with hwm', (done) => {
  let i = 0;
  const r = new Readable({
    highWaterMark: 2,
    read(n) {
      log('_read', n, r.readableLength);
      setTimeout(() => { this.push(i < 4 ? 'xy'[i % 2] + i : null); i++; }, 1);
    },
  });
  trace(r, 'r');
  r.on('close', done);
});

test('readable paused mode with readable event', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r', ['end', 'close', 'pause', 'resume']);
  r.on('readable', () => {
    log('readable', r.readableLength, r.readableFlowing);
    let c;
    while ((c = r.read(2)) !== null) log('read', str(c));
    log('after', r.readableLength);
  });
  r.push('abcde');
  setTimeout(() => { r.push('fg'); r.push(null); }, 2);
  r.on('close', done);
});

test('read(n) larger than buffer then end', (done) => {
  const r = new Readable({ read() {} });
  r.push('abc');
  r.once('readable', () => {
    log('read10', fmt(r.read(10)), r.readableLength);
    r.push('def');
    r.push(null);
    r.once('readable', () => { log('read10b', fmt(r.read(10))); log('read again', fmt(r.read())); });
  });
  trace(r, 'r', ['end', 'close']);
  r.on('close', done);
});

test('pause and resume', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r');
  r.push('1');
  process.nextTick(() => {
    r.pause();
    log('isPaused', r.isPaused(), r.readableFlowing);
    r.push('2');
    setTimeout(() => { log('len', r.readableLength); r.resume(); r.push(null); }, 2);
  });
  r.on('close', done);
});

test('readableFlowing states', (done) => {
  const r = new Readable({ read() {} });
  log('initial', r.readableFlowing);
  r.pause(); log('paused', r.readableFlowing);
  const h = () => {};
  r.on('data', h); log('after data listener', r.readableFlowing);
  r.resume(); log('resumed', r.readableFlowing);
  r.removeListener('data', h);
  r.on('readable', () => {}); log('readable listener', r.readableFlowing);
  r.push(null);
  r.resume();
  r.on('end', () => { log('end'); done(); });
});

test('unshift', (done) => {
  const r = new Readable({ read() {} });
  r.push('world');
  r.once('readable', () => {
    const c = r.read(2);
    log('read', str(c));
    r.unshift(c);
    r.unshift('hello ');
    log('len', r.readableLength);
    r.push(null);
    r.setEncoding('utf8');
    r.on('data', (d) => log('data', d));
  });
  r.on('end', () => { log('end'); done(); });
});

test('setEncoding split utf8', (done) => {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  trace(r, 'r', ['data', 'end']);
  const euro = [0xe2, 0x82, 0xac];
  r.push(new Uint8Array([0x61, euro[0]]));
  r.push(new Uint8Array([euro[1]]));
  r.push(new Uint8Array([euro[2], 0x62, 0xf0, 0x9f]));
  r.push(new Uint8Array([0x98, 0x80]));
  r.push(new Uint8Array([0xe2]));
  r.push(null);
  r.on('end', done);
});

test('objectMode readable and writable', (done) => {
  const r = new Readable({ objectMode: true, read() {} });
  const seen = [];
  const w = new Writable({
    objectMode: true,
    highWaterMark: 2,
    write(c, e, cb) { seen.push(c); log('write', c, e); setTimeout(cb, 1); },
  });
  trace(w, 'w', ['finish', 'close', 'drain', 'pipe', 'unpipe']);
  r.pipe(w);
  [1, 'two', { three: 3 }, [4], 0, false].forEach((x) => r.push(x));
  r.push(null);
  w.on('close', () => { log('seen', seen.length); done(); });
});

test('writable sync callbacks and drain', (done) => {
  const w = new Writable({
    highWaterMark: 5,
    write(c, e, cb) { log('_write', str(c), e); cb(); },
  });
  trace(w, 'w');
  log('w1', w.write('abc', () => log('cb1')));
  log('w2', w.write('defg', () => log('cb2')), w.writableLength, w.writableNeedDrain);
  log('w3', w.write(bytes('h'), () => log('cb3')));
  w.end(() => log('end cb'));
  log('ended', w.writableEnded, w.writableFinished);
  w.on('close', () => { log('finished', w.writableFinished); done(); });
});

test('writable async with buffering and writev', (done) => {
  const w = new Writable({
    highWaterMark: 3,
    write(c, e, cb) { log('_write', str(c)); setTimeout(cb, 1); },
    writev(chunks, cb) {
      log('_writev', chunks.length, chunks.map((x) => str(x.chunk)).join('|'), chunks.allBuffers);
      setTimeout(cb, 1);
    },
  });
  trace(w, 'w');
  for (const s of ['a', 'bb', 'ccc', 'd']) log('write', s, w.write(s, () => log('cb', s)));
  log('len', w.writableLength, w.writableBuffer.length);
  w.end('e', () => log('end cb'));
  w.on('close', done);
});

test('cork uncork', (done) => {
  const w = new Writable({
    write(c, e, cb) { log('_write', str(c)); cb(); },
    writev(chunks, cb) { log('_writev', chunks.map((x) => str(x.chunk)).join('|')); cb(); },
  });
  trace(w, 'w', ['finish', 'close']);
  w.cork();
  w.write('a'); w.write('b');
  w.cork();
  w.write('c');
  log('corked', w.writableCorked, w.writableLength);
  w.uncork();
  log('corked', w.writableCorked);
  process.nextTick(() => { w.uncork(); log('uncorked', w.writableCorked); w.end('d'); });
  w.on('close', done);
});

test('decodeStrings false and defaultEncoding', (done) => {
  const w = new Writable({
    decodeStrings: false,
    defaultEncoding: 'latin1',
    write(c, e, cb) { log('_write', typeof c, fmt(c), e); cb(); },
  });
  w.write('abc');
  w.write('def', 'hex');
  w.write(bytes('x'));
  w.setDefaultEncoding('UTF8');
  w.write('g');
  try { w.setDefaultEncoding('nope'); } catch (e) { log('err', e); }
  try { w.write('g', 'nope'); } catch (e) { log('err', e); }
  try { w.write(5); } catch (e) { log('err', e); }
  try { w.write(null); } catch (e) { log('err', e); }
  w.end(done);
});

test('write after end', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  trace(w, 'w');
  w.end('a');
  log('ret', w.write('b', (err) => log('write cb', err)));
  w.end((err) => log('end cb', err));
  setTimeout(done, 5);
});

test('write error from _write', (done) => {
  const w = new Writable({
    write(c, e, cb) { log('_write', str(c)); setTimeout(() => cb(new Error('boom ' + str(c))), 1); },
  });
  trace(w, 'w');
  w.write('a', (err) => log('cb a', err));
  w.write('b', (err) => log('cb b', err));
  w.end((err) => log('end cb', err));
  w.on('close', () => { log('errored', w.errored, w.destroyed, w.writableAborted); done(); });
});

test('sync write error', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(new Error('sync')); } });
  trace(w, 'w');
  log('ret', w.write('a', (err) => log('cb', err)));
  log('after', w.destroyed, fmt(w.errored));
  w.on('close', done);
});

test('multiple callback', (done) => {
  const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
  trace(w, 'w');
  w.write('a');
  w.on('close', done);
});

test('_final and prefinish', (done) => {
  const w = new Writable({
    write(c, e, cb) { cb(); },
    final(cb) { log('_final'); setTimeout(cb, 1); },
  });
  trace(w, 'w');
  w.write('x');
  w.end(() => log('end cb'));
  w.on('close', done);
});

test('_final error', (done) => {
  const w = new Writable({
    write(c, e, cb) { cb(); },
    final(cb) { cb(new Error('final failed')); },
  });
  trace(w, 'w');
  w.end((err) => log('end cb', err));
  w.on('close', done);
});

test('destroy with error', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r');
  r.push('x');
  r.destroy(new Error('kaboom'));
  r.destroy(new Error('second'));
  log('destroyed', r.destroyed, fmt(r.errored), r.readableAborted);
  r.push('y');
  r.on('close', () => { log('closed', r.closed); done(); });
});

test('destroy without error, emitClose false', (done) => {
  const r = new Readable({ read() {}, emitClose: false });
  trace(r, 'r');
  r.destroy();
  setTimeout(() => { log('destroyed', r.destroyed, r.closed); done(); }, 2);
});

test('custom _destroy and callback', (done) => {
  const w = new Writable({
    write(c, e, cb) { cb(); },
    destroy(err, cb) { log('_destroy', err); setTimeout(() => cb(new Error('from destroy')), 1); },
  });
  trace(w, 'w');
  w.write('a', (err) => log('write cb', err));
  w.destroy(null, (err) => log('destroy cb', err));
  w.on('close', done);
});

test('autoDestroy false', (done) => {
  const w = new Writable({ autoDestroy: false, write(c, e, cb) { cb(new Error('e1')); } });
  trace(w, 'w');
  w.write('a');
  setTimeout(() => { log('destroyed', w.destroyed, fmt(w.errored)); done(); }, 2);
});

test('_construct', (done) => {
  const w = new Writable({
    construct(cb) { log('construct'); setTimeout(cb, 1); },
    write(c, e, cb) { log('_write', str(c)); cb(); },
  });
  trace(w, 'w');
  w.write('early');
  w.end('late');
  w.on('close', done);
});

test('_construct error', (done) => {
  const r = new Readable({
    construct(cb) { cb(new Error('no construct')); },
    read() { log('read called'); },
  });
  trace(r, 'r');
  r.resume();
  r.on('close', done);
});

test('duplex allowHalfOpen false', (done) => {
  const d = new Duplex({
    allowHalfOpen: false,
    read() {},
    write(c, e, cb) { log('_write', str(c)); cb(); },
  });
  trace(d, 'd');
  d.write('in');
  d.push('out');
  d.push(null);
  log('writable', d.writable, d.readable, d instanceof Writable, d instanceof Readable);
  d.on('close', done);
});

test('duplex half open', (done) => {
  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  trace(d, 'd');
  d.push(null);
  d.resume();
  setTimeout(() => { log('after end', d.writable, d.destroyed); d.end('x'); }, 2);
  d.on('close', done);
});

test('transform with flush', (done) => {
  const t = new Transform({
    transform(c, e, cb) { cb(null, str(c).toUpperCase()); },
    flush(cb) { this.push('!'); cb(null, '?'); },
  });
  t.setEncoding('utf8');
  trace(t, 't');
  t.write('ab');
  t.write('cd');
  t.end('e');
  t.on('close', done);
});

test('transform backpressure', (done) => {
  const t = new Transform({
    highWaterMark: 2,
    transform(c, e, cb) { log('_transform', str(c)); this.push(c); this.push(c); cb(); },
  });
  trace(t, 't', ['drain', 'finish', 'end', 'close']);
  for (const s of ['1', '2', '3', '4']) log('write', s, t.write(s));
  t.end();
  setTimeout(() => {
    log('buffered', t.readableLength, t.writableLength);
    t.on('data', (c) => log('data', str(c)));
  }, 2);
  t.on('close', done);
});

test('transform error', (done) => {
  const t = new Transform({ transform(c, e, cb) { cb(new Error('bad chunk')); } });
  trace(t, 't');
  t.write('x', (err) => log('write cb', err));
  t.on('close', done);
});

test('passthrough objectMode', (done) => {
  const p = new PassThrough({ objectMode: true });
  trace(p, 'p');
  p.write({ a: 1 });
  p.end(2);
  p.on('close', done);
});

test('pipe backpressure', (done) => {
  let n = 0;
  const r = new Readable({
    highWaterMark: 4,
    read() { if (n < 6) this.push('chunk' + n++); else this.push(null); },
  });
  const w = new Writable({
    highWaterMark: 8,
    write(c, e, cb) { log('write', str(c), w.writableLength); setTimeout(cb, 1); },
  });
  trace(r, 'r', ['end', 'close', 'pause', 'resume']);
  trace(w, 'w', ['drain', 'finish', 'close', 'pipe', 'unpipe']);
  r.pipe(w);
  w.on('close', done);
});

test('pipe to two destinations', (done) => {
  const r = new Readable({ read() {} });
  const mk = (name, hwm) => new Writable({
    highWaterMark: hwm,
    write(c, e, cb) { log(name, 'write', str(c)); setTimeout(cb, name === 'slow' ? 3 : 1); },
  });
  const a = mk('fast', 100);
  const b = mk('slow', 1);
  trace(a, 'fast', ['drain', 'finish']);
  trace(b, 'slow', ['drain', 'finish']);
  r.pipe(a); r.pipe(b);
  r.push('1'); r.push('2'); r.push('3'); r.push(null);
  let left = 2;
  const fin = () => { if (--left === 0) done(); };
  a.on('close', fin); b.on('close', fin);
});

test('unpipe', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { log('write', str(c)); cb(); } });
  trace(w, 'w', ['pipe', 'unpipe', 'finish']);
  trace(r, 'r', ['pause', 'resume', 'end']);
  r.pipe(w);
  r.push('a');
  setTimeout(() => {
    r.unpipe(w);
    log('flowing', r.readableFlowing);
    r.push('b');
    setTimeout(() => { log('len', r.readableLength); done(); }, 2);
  }, 2);
});

test('pipe dest error', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(new Error('dest fail')); } });
  trace(r, 'r', ['end', 'close', 'pause', 'error']);
  trace(w, 'w', ['error', 'close', 'unpipe']);
  r.pipe(w);
  r.push('a');
  w.on('close', () => setTimeout(() => { log('r destroyed', r.destroyed, r.readableFlowing); done(); }, 2));
});

test('pipeline streams ok', (done) => {
  let i = 0;
  const src = new Readable({ read() { this.push(i < 3 ? 'r' + i++ : null); } });
  const up = new Transform({ transform(c, e, cb) { cb(null, str(c).toUpperCase()); } });
  const out = [];
  const dst = new Writable({ write(c, e, cb) { out.push(str(c)); cb(); } });
  const ret = pipeline(src, up, dst, (err, val) => {
    log('pipeline cb', err, val, out.join(','));
    log('destroyed', src.destroyed, up.destroyed, dst.destroyed);
    done();
  });
  log('returns dst', ret === dst);
});

test('pipeline error in middle', (done) => {
  const src = new Readable({ read() {} });
  src.push('a');
  const bad = new Transform({ transform(c, e, cb) { cb(new Error('middle')); } });
  const dst = new Writable({ write(c, e, cb) { cb(); } });
  trace(src, 'src', ['close', 'error']);
  trace(dst, 'dst', ['close', 'error']);
  pipeline(src, bad, dst, (err) => {
    log('pipeline cb', err, src.destroyed, bad.destroyed, dst.destroyed);
    setTimeout(done, 2);
  });
});

test('pipeline generators', (done) => {
  pipeline(
    function* () { yield 'a'; yield 'b'; yield 'c'; },
    async function* (source) { for await (const c of source) yield c + c; },
    async function* (source) { for await (const c of source) yield c.toUpperCase(); },
    async function (source) { const out = []; for await (const c of source) out.push(c); return out.join('-'); },
    (err, val) => { log('pipeline cb', err, val); done(); },
  );
});

test('pipeline generator throws', (done) => {
  const src = Readable.from(['x', 'y', 'z']);
  pipeline(
    src,
    async function* (source) { for await (const c of source) { if (c === 'y') throw new Error('gen fail'); yield c; } },
    new Writable({ objectMode: true, write(c, e, cb) { log('got', c); cb(); } }),
    (err) => { log('pipeline cb', err, src.destroyed); done(); },
  );
});

test('pipeline premature close', (done) => {
  const src = new Readable({ read() {} });
  const dst = new Writable({ write(c, e, cb) { cb(); } });
  pipeline(src, dst, (err) => { log('pipeline cb', err); done(); });
  src.push('a');
  setTimeout(() => src.destroy(), 2);
});

test('pipeline missing args', (done) => {
  try { pipeline(new PassThrough(), () => {}); } catch (e) { log('err', e); }
  try { pipeline(); } catch (e) { log('err', e.name, e.code); }
  done();
});

test('finished', (done) => {
  const r = new Readable({ read() {} });
  finished(r, (err) => log('finished r', err));
  r.resume();
  r.push(null);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  const cleanup = finished(w, (err) => log('finished w', err));
  log('cleanup', typeof cleanup);
  w.end('x');
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w2, (err) => log('finished w2', err));
  w2.destroy();
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w3, { error: true }, (err) => log('finished w3', err));
  w3.destroy(new Error('w3 err'));
  w3.on('error', () => {});
  setTimeout(() => {
    finished(r, (err) => log('finished r late', err));
    setTimeout(done, 2);
  }, 3);
});

test('stream/promises', (done) => {
  const sp = require('stream/promises');
  log('same', sp === stream.promises);
  (async () => {
    const out = [];
    await sp.pipeline(Readable.from(['1', '2']), new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }));
    log('pipeline resolved', out.join(''));
    const r = Readable.from([]);
    r.resume();
    await sp.finished(r);
    log('finished resolved');
    try {
      await sp.pipeline(Readable.from(['a']), new Writable({ write(c, e, cb) { cb(new Error('nope')); } }));
    } catch (e) { log('rejected', e); }
  })().then(done);
});

test('async iterator', (done) => {
  (async () => {
    let i = 0;
    const r = new Readable({ objectMode: true, read() { this.push(i < 3 ? { i: i++ } : null); } });
    for await (const c of r) log('iter', c);
    log('destroyed after', r.destroyed);
    const r2 = Readable.from(['a', 'b', 'c']);
    for await (const c of r2) { log('iter2', c); break; }
    log('r2 destroyed', r2.destroyed);
    const r3 = new Readable({ read() {} });
    r3.push('x');
    setTimeout(() => r3.destroy(new Error('iter boom')), 1);
    try { for await (const c of r3) log('iter3', str(c)); } catch (e) { log('caught', e); }
    const r4 = Readable.from([1, 2, 3]);
    for await (const c of r4.iterator({ destroyOnReturn: false })) { log('iter4', c); break; }
    log('r4 destroyed', r4.destroyed, r4.read());
  })().then(done, (e) => { log('fail', e); done(); });
});

test('Readable.from variants', (done) => {
  const a = Readable.from('whole string');
  a.on('data', (d) => log('from string', d));
  const b = Readable.from((async function* () { yield 1; yield 2; })());
  b.on('data', (d) => log('from async gen', d));
  const c = Readable.from([Promise.resolve('p1'), 'v2']);
  c.on('data', (d) => log('from promises', d));
  try { Readable.from(5); } catch (e) { log('err', e); }
  const d = Readable.from([1, null, 3]);
  d.on('data', (x) => log('d', x));
  d.on('error', (e) => log('d error', e));
  setTimeout(done, 5);
});

test('push errors', (done) => {
  const r = new Readable({ read() {} });
  trace(r, 'r', ['error', 'close']);
  r.push(null);
  r.push('late');
  const r2 = new Readable({ read() {} });
  trace(r2, 'r2', ['error', 'close']);
  r2.push(42);
  const r3 = new Readable();
  trace(r3, 'r3', ['error', 'close']);
  r3.read();
  setTimeout(done, 3);
});

test('highWaterMark options', (done) => {
  log(new Readable().readableHighWaterMark, new Writable().writableHighWaterMark);
  log(new Readable({ objectMode: true }).readableHighWaterMark);
  log(new Duplex({ readableHighWaterMark: 5, writableHighWaterMark: 7 }).readableHighWaterMark);
  log(new Duplex({ readableObjectMode: true }).readableObjectMode, new Duplex({ readableObjectMode: true }).writableObjectMode);
  try { new Readable({ highWaterMark: -1 }); } catch (e) { log('err', e); }
  try { new Duplex({ readableHighWaterMark: 'x' }); } catch (e) { log('err', e); }
  log(stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  stream.setDefaultHighWaterMark(false, 1000);
  log(new Readable().readableHighWaterMark);
  stream.setDefaultHighWaterMark(false, 16384);
  const t = new Transform({ readableHighWaterMark: 0 });
  log('t hwm', t.readableHighWaterMark, t.writableHighWaterMark);
  done();
});

test('isReadable isErrored isDisturbed', (done) => {
  const r = new Readable({ read() {} });
  log(stream.isReadable(r), stream.isErrored(r), stream.isDisturbed(r), stream.isWritable(r));
  r.push('a');
  r.read();
  log(stream.isDisturbed(r));
  r.destroy(new Error('x'));
  r.on('error', () => {});
  log(stream.isReadable(r), stream.isErrored(r));
  const w = new Writable();
  log(stream.isWritable(w), stream.isReadable(w), stream.isDestroyed(w));
  done();
});

test('addAbortSignal', (done) => {
  if (typeof AbortController !== 'function') { log('skip'); done(); return; }
  const ac = new AbortController();
  const r = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
  trace(r, 'r', ['error', 'close']);
  ac.abort();
  try { stream.addAbortSignal('x', r); } catch (e) { log('err', e); }
  r.on('close', done);
});

test('legacy Stream pipe', (done) => {
  const src = new stream.Stream();
  src.readable = true;
  const w = new Writable({ write(c, e, cb) { log('write', str(c)); cb(); } });
  trace(w, 'w', ['pipe', 'finish']);
  src.pipe(w);
  src.emit('data', 'legacy');
  src.emit('end');
  w.on('close', done);
});

test('wrap old stream', (done) => {
  const old = new stream.Stream();
  old.pause = () => log('old pause');
  old.resume = () => log('old resume');
  const r = new Readable({ highWaterMark: 1 }).wrap(old);
  r.on('data', (d) => log('wrapped data', str(d)));
  r.on('end', () => { log('wrapped end'); done(); });
  old.emit('data', 'one');
  old.emit('data', 'two');
  old.emit('end');
});

test('string_decoder', (done) => {
  const d = new StringDecoder('utf8');
  log(d.encoding, JSON.stringify(d.write(new Uint8Array([0xe2, 0x82]))), d.lastNeed, d.lastTotal);
  log(JSON.stringify(d.write(new Uint8Array([0xac, 0x41]))));
  log(JSON.stringify(d.end(new Uint8Array([0xc3]))));
  const u = new StringDecoder('utf16le');
  log(JSON.stringify(u.write(new Uint8Array([0x3d, 0xd8, 0x00]))), JSON.stringify(u.end(new Uint8Array([0xde]))));
  const b = new StringDecoder('base64');
  log(b.write(bytes('ab')), b.write(bytes('cd')), b.end());
  const h = new StringDecoder('hex');
  log(h.write(new Uint8Array([1, 255])), h.end());
  const l = new StringDecoder('latin1');
  log(JSON.stringify(l.write(new Uint8Array([0xe9]))));
  try { new StringDecoder('bogus'); } catch (e) { log('err', e); }
  try { d.write(5); } catch (e) { log('err', e); }
  log(JSON.stringify(d.write('str')));
  done();
});

test('operators', (done) => {
  (async () => {
    const src = () => Readable.from([1, 2, 3, 4, 5]);
    log('map', await src().map((x) => x * 2).toArray());
    log('map async concurrency', await src().map(async (x) => { await new Promise((r) => setTimeout(r, 6 - x)); return x; }, { concurrency: 3 }).toArray());
    log('filter', await src().filter((x) => x % 2).toArray());
    log('flatMap', await src().flatMap((x) => [x, x]).toArray());
    log('take drop', await src().drop(1).take(2).toArray());
    log('some every find', await src().some((x) => x > 4), await src().every((x) => x > 0), await src().find((x) => x > 2));
    log('reduce', await src().reduce((a, b) => a + b), await src().reduce((a, b) => a + b, 10));
    const seen = [];
    await src().forEach((x) => { seen.push(x); });
    log('forEach', seen);
    try { await Readable.from([]).reduce((a, b) => a + b); } catch (e) { log('reduce empty', e); }
    try { src().map(5); } catch (e) { log('map bad', e); }
    try { src().take(-1); } catch (e) { log('take bad', e); }
  })().then(done, (e) => { log('fail', e); done(); });
});

test('compose and Duplex.from', (done) => {
  (async () => {
    const up = new Transform({ transform(c, e, cb) { cb(null, str(c).toUpperCase()); } });
    const ex = new Transform({ transform(c, e, cb) { cb(null, str(c) + '!'); } });
    const c = stream.compose(up, ex);
    c.end('abc');
    const out = [];
    for await (const x of c) out.push(str(x));
    log('compose', out);
    const d = Duplex.from(async function* (source) { for await (const x of source) yield String(x).repeat(2); });
    d.end('q');
    const out2 = [];
    for await (const x of d) out2.push(x);
    log('Duplex.from gen', out2);
    const d2 = Duplex.from(['i1', 'i2']);
    log('Duplex.from iterable', await d2.toArray(), d2.writable);
    const d3 = Duplex.from(Promise.resolve('pv'));
    log('Duplex.from promise', await d3.toArray());
    const r = new Readable({ read() {} });
    log('Duplex.from readable', Duplex.from(r) !== r, Duplex.from(new PassThrough()) instanceof PassThrough);
    try { Duplex.from(5); } catch (e) { log('Duplex.from bad', e.code); }
  })().then(done, (e) => { log('fail', e); done(); });
});

test('pipeline with end false and signal', (done) => {
  const sp = require('stream/promises');
  const w = new Writable({ write(c, e, cb) { log('w', str(c)); cb(); } });
  sp.pipeline(Readable.from(['e1']), w, { end: false }).then(() => {
    log('resolved, ended', w.writableEnded);
    if (typeof AbortController !== 'function') { done(); return; }
    const ac = new AbortController();
    const r = new Readable({ read() {} });
    sp.pipeline(r, new PassThrough(), { signal: ac.signal }).catch((e) => { log('aborted', e.name, e.code); done(); });
    setTimeout(() => ac.abort(), 2);
  });
});

test('writev with mixed encodings', (done) => {
  const w = new Writable({
    decodeStrings: false,
    writev(chunks, cb) {
      log('writev', chunks.map((c) => `${typeof c.chunk}:${c.encoding}`).join(' '), chunks.allBuffers);
      cb();
    },
  });
  w.cork();
  w.write('a');
  w.write(bytes('b'));
  w.write('63', 'hex');
  process.nextTick(() => { w.uncork(); w.end(); });
  w.on('finish', () => { log('finish'); done(); });
});

test('readable hwm 0 and read(0)', (done) => {
  let n = 0;
  const r = new Readable({ highWaterMark: 0, read() { log('_read'); if (n++ < 2) process.nextTick(() => this.push('z' + n)); else this.push(null); } });
  r.on('readable', () => { let c; while ((c = r.read()) !== null) log('got', str(c)); });
  r.on('end', () => { log('end'); done(); });
});

test('destroy during pipe and errored state', (done) => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { setTimeout(cb, 1); } });
  r.pipe(w);
  r.push('a');
  w.on('close', () => log('w close', w.destroyed));
  r.on('close', () => log('r close'));
  setTimeout(() => { w.destroy(new Error('w dead')); w.on('error', (e) => log('w error', e)); }, 2);
  setTimeout(() => { log('r state', r.destroyed, r.readableFlowing, r._readableState.pipes.length); done(); }, 10);
});

test('duplexPair', (done) => {
  if (typeof stream.duplexPair !== 'function') { log('no duplexPair'); done(); return; }
  const [a, b] = stream.duplexPair();
  b.setEncoding('utf8');
  b.on('data', (d) => log('b got', d));
  b.on('end', () => log('b end'));
  a.write('ping', () => log('a write cb'));
  a.end(() => { log('a end cb'); done(); });
});

(async () => {
  for (const [name, fn] of tests) {
    console.log('# ' + name);
    await new Promise((resolve) => fn(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  console.log('# done');
})();
