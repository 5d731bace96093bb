'use strict';
// Differential test of zlib: compressed bytes must equal node's for every
// format and option (printed as digests), round trips, the stream forms
// (chunk sizes, flush(), params()), crc32, constants, and Node's errors for
// corrupt or truncated input and bad options.

const zlib = require('zlib');
const crypto = require('crypto');

function md5(buf) {
  return crypto.createHash('md5').update(buf).digest('hex');
}

function show(fn) {
  try {
    const v = fn();
    if (Buffer.isBuffer(v)) return `<Buffer ${v.length} ${md5(v)}>`;
    return JSON.stringify(v);
  } catch (e) {
    return `throws ${e.name} ${e.code} errno=${e.errno}: ${e.message}`;
  }
}

// Text with structure, and bytes without.
const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
let seed = 1;
function rnd() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed;
}
const parts = [];
for (let i = 0; i < 30000; i++) parts.push(words[rnd() % 8] + (rnd() % 11 === 0 ? '\n' : ' '));
const text = Buffer.from(parts.join(''));
const noise = Buffer.alloc(20000);
for (let i = 0; i < noise.length; i++) noise[i] = rnd() & 0xff;

for (const [name, input] of [['text', text], ['noise', noise], ['empty', Buffer.alloc(0)]]) {
  for (const fn of ['deflateSync', 'gzipSync', 'deflateRawSync']) {
    for (const level of [0, 1, 5, 9, -1]) console.log(name, fn, level, show(() => zlib[fn](input, { level })));
  }
  for (const strategy of [1, 2, 3, 4]) console.log(name, 'strategy', strategy, show(() => zlib.deflateSync(input, { strategy })));
  for (const windowBits of [9, 12, 15]) console.log(name, 'windowBits', windowBits, show(() => zlib.deflateRawSync(input, { windowBits })));
  for (const memLevel of [1, 9]) console.log(name, 'memLevel', memLevel, show(() => zlib.gzipSync(input, { memLevel })));
  console.log(name, 'brotli', show(() => zlib.brotliCompressSync(input)),
              show(() => zlib.brotliCompressSync(input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })));
  console.log(name, 'dictionary', show(() => zlib.deflateSync(input, { dictionary: Buffer.from('alpha beta gamma') })));
  console.log(name, 'chunkSize', show(() => zlib.gzipSync(input, { chunkSize: 1024 })));
  console.log(name, 'round trips',
              zlib.inflateSync(zlib.deflateSync(input)).equals(input),
              zlib.gunzipSync(zlib.gzipSync(input)).equals(input),
              zlib.inflateRawSync(zlib.deflateRawSync(input)).equals(input),
              zlib.unzipSync(zlib.gzipSync(input)).equals(input),
              zlib.unzipSync(zlib.deflateSync(input)).equals(input),
              zlib.brotliDecompressSync(zlib.brotliCompressSync(input)).equals(input),
              zlib.inflateSync(zlib.deflateSync(input, { dictionary: Buffer.from('abc') }),
                               { dictionary: Buffer.from('abc') }).equals(input));
}
{
  // Brotli's parameters: bytes equal to node's at every quality, window and mode.
  const C = zlib.constants;
  const br = (params) => show(() => zlib.brotliCompressSync(text, { params }));
  for (let q = 0; q <= 11; q++) console.log('brotli quality', q, br({ [C.BROTLI_PARAM_QUALITY]: q }));
  for (const lgwin of [10, 16, 24]) console.log('brotli lgwin', lgwin, br({ [C.BROTLI_PARAM_LGWIN]: lgwin, [C.BROTLI_PARAM_QUALITY]: 9 }));
  for (const mode of [C.BROTLI_MODE_GENERIC, C.BROTLI_MODE_TEXT, C.BROTLI_MODE_FONT]) {
    console.log('brotli mode', mode, br({ [C.BROTLI_PARAM_MODE]: mode }));
  }
  console.log('brotli size hint', br({ [C.BROTLI_PARAM_SIZE_HINT]: text.length }),
              show(() => zlib.brotliDecompressSync(zlib.brotliCompressSync(text),
                                                   { params: { [C.BROTLI_DECODER_PARAM_LARGE_WINDOW]: 1 } }).length));
}
console.log('string input', show(() => zlib.gzipSync('h\u00e9llo')), show(() => zlib.deflateSync(new Uint16Array([1, 2, 3]))));
console.log('arraybuffer input', show(() => zlib.deflateSync(new ArrayBuffer(10))));
console.log('concatenated gzip', show(() => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('ab'), zlib.gzipSync('cd')])).toString()));
console.log('trailing zeros', show(() => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('ab'), Buffer.alloc(10)])).toString()));
console.log('finishFlush', show(() => zlib.inflateSync(zlib.deflateSync(text).subarray(0, 100), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).length));
console.log('info', show(() => Object.keys(zlib.gzipSync('x', { info: true }))));
console.log('crc32', zlib.crc32('hello'), zlib.crc32(Buffer.from('hello')), zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32(text));
console.log('constants', Object.keys(zlib.constants).length, zlib.constants.Z_BEST_COMPRESSION, zlib.constants.BROTLI_PARAM_QUALITY,
            zlib.Z_DEFAULT_COMPRESSION, Object.keys(zlib.codes).length, zlib.codes.Z_DATA_ERROR, zlib.codes['-3']);
console.log(Object.keys(zlib).join(' '));

// ---- errors ------------------------------------------------------------------------
const corrupt = zlib.deflateSync(text);
corrupt[100] ^= 0xff;
console.log(show(() => zlib.inflateSync(Buffer.from('hello world'))));
console.log(show(() => zlib.gunzipSync(Buffer.from('hello world'))));
console.log(show(() => zlib.inflateSync(corrupt)));
console.log(show(() => zlib.inflateSync(zlib.deflateSync(text).subarray(0, 1000))));
console.log(show(() => zlib.gunzipSync(zlib.gzipSync(text).subarray(0, 1000))));
console.log(show(() => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff]))));
console.log(show(() => zlib.unzipSync(Buffer.from([0x1f]))));
console.log(show(() => zlib.inflateSync(zlib.deflateSync('x', { dictionary: Buffer.from('d') }))));
console.log(show(() => zlib.inflateSync(zlib.deflateSync('x', { dictionary: Buffer.from('d') }), { dictionary: Buffer.from('e') })));
console.log(show(() => zlib.brotliDecompressSync(Buffer.from('hello world'))));
console.log(show(() => zlib.brotliDecompressSync(Buffer.from([0xff, 0xff, 0xff, 0xff]))));
console.log(show(() => zlib.deflateSync(123)));
console.log(show(() => zlib.deflateSync('x', { level: 10 })));
console.log(show(() => zlib.deflateSync('x', { chunkSize: 10 })));
console.log(show(() => zlib.deflateSync('x', { windowBits: 7 })));
console.log(show(() => zlib.gzipSync('x', { windowBits: 8 })));
console.log(show(() => zlib.deflateSync('x', { strategy: 5 })));
console.log(show(() => zlib.deflateSync('x', { memLevel: 0 })));
console.log(show(() => zlib.deflateSync('x', { flush: 9 })));
console.log(show(() => zlib.deflateSync('x', { dictionary: 'abc' })));
console.log(show(() => zlib.inflateSync(zlib.deflateSync(text), { maxOutputLength: 100 })));
console.log(show(() => zlib.brotliCompressSync('x', { params: { 1000: 1 } })));
console.log(show(() => zlib.brotliCompressSync('x', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 'x' } })));
console.log(show(() => zlib.crc32(5)));
console.log(show(() => zlib.crc32('x', -1)));

// ---- callback and stream forms ---------------------------------------------------------------
// One at a time: worker-pool completions of independent streams race.
const steps = [];
steps.push((next) => zlib.gzip(text, (err, out) => {
  console.log('gzip cb', err, md5(out), md5(zlib.gzipSync(text)) === md5(out));
  zlib.gunzip(out, (err2, back) => { console.log('gunzip cb', err2, back.equals(text)); next(); });
}));
steps.push((next) => zlib.inflate(corrupt, (err) => { console.log('inflate cb error', err.code, err.errno, err.message); next(); }));
steps.push((next) => zlib.brotliCompress(text, (err, out) => { console.log('brotli cb', err, md5(out)); next(); }));
steps.push((next) => zlib.deflate(text, { level: 1 }, (err, out) => { console.log('deflate cb opts', err, md5(out)); next(); }));
steps.push((next) => {
  const gz = zlib.createGzip({ chunkSize: 4096 });
  const sizes = [];
  const chunks = [];
  gz.on('data', (c) => { sizes.push(c.length); chunks.push(c); });
  gz.on('end', () => { console.log('gzip stream', sizes.join(','), md5(Buffer.concat(chunks))); next(); });
  gz.write(text.subarray(0, 50000));
  gz.flush(() => {
    gz.write(text.subarray(50000));
    gz.end();
  });
});
steps.push((next) => {
  const d = zlib.createDeflate();
  const chunks = [];
  d.on('data', (c) => chunks.push(c));
  d.on('end', () => {
    console.log('params stream', md5(Buffer.concat(chunks)), zlib.inflateSync(Buffer.concat(chunks)).equals(text));
    next();
  });
  d.write(text.subarray(0, 60000));
  d.params(9, zlib.constants.Z_FILTERED, () => {
    d.end(text.subarray(60000));
  });
});
steps.push((next) => {
  const gunzip = zlib.createGunzip();
  gunzip.on('error', (e) => { console.log('stream error', e.code, e.errno, e.message); next(); });
  gunzip.on('data', () => {});
  gunzip.end(Buffer.from('not gzip at all'));
});
steps.push((next) => {
  const br = zlib.createBrotliDecompress();
  const out = [];
  br.on('data', (c) => out.push(c));
  br.on('end', () => { console.log('brotli stream', Buffer.concat(out).equals(text)); next(); });
  const comp = zlib.brotliCompressSync(text);
  for (let i = 0; i < comp.length; i += 333) br.write(comp.subarray(i, i + 333));
  br.end();
});
steps.push((next) => {
  const { pipeline, Readable, Writable } = require('stream');
  const out = [];
  pipeline(Readable.from([text.subarray(0, 1000), text.subarray(1000)]), zlib.createDeflateRaw(), zlib.createInflateRaw(),
           new Writable({ write(c, e, cb) { out.push(c); cb(); } }),
           (err) => { console.log('pipeline', err, Buffer.concat(out).equals(text)); next(); });
});
(function run(i) {
  if (i < steps.length) steps[i](() => run(i + 1));
})(0);
