'use strict';
// Randomized (fixed-seed) differential test of the codecs: decoding strings
// full of whitespace, padding, invalid and non-ASCII characters; encoding
// random bytes; partial writes; atob. Prints one digest per batch; set
// VERBOSE=1 to print every case and find a mismatch.

const verbose = process.env.VERBOSE === '1';
let seed = 0x2545f491;
function rand(n) {
  // xorshift32
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

const pieces = ['A', 'Q', 'z', '0', '9', '+', '/', '-', '_', '=', '==', ' ', '\n', '\t', '\r', '!',
  '.', '\u00e9', '\u00ff', '\u0141', '\u20ac', '\ud83d\ude00', '\ud800', '\udc00', '\u0000', 'f',
  'F', 'g', 'ab', 'YWJj', 'QUJD'];
function randomString() {
  let s = '';
  // Some long ones, for the vectorized paths (64 characters and up).
  const n = rand(4) === 0 ? 40 + rand(120) : rand(24);
  for (let i = 0; i < n; i++) s += pieces[rand(pieces.length)];
  return s;
}
function randomBytes() {
  const n = rand(4) === 0 ? 64 + rand(200) : rand(40);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const k = rand(4);
    b[i] = k === 0 ? rand(128) : k === 1 ? 0x80 + rand(64) : k === 2 ? 0xc0 + rand(64) : rand(256);
  }
  return b;
}

let digest = 0x811c9dc5;
function record(line) {
  if (verbose) console.log(line);
  for (let i = 0; i < line.length; i++) {
    digest ^= line.charCodeAt(i);
    digest = Math.imul(digest, 0x01000193) >>> 0;
  }
}
function result(fn) {
  try {
    const r = fn();
    return Buffer.isBuffer(r) ? r.toString('hex') : JSON.stringify(r);
  } catch (e) {
    return `${e.name}:${e.message}`;
  }
}

const encodings = ['base64', 'base64url', 'hex', 'utf8', 'latin1', 'ascii', 'ucs2'];
for (let batch = 0; batch < 20; batch++) {
  digest = 0x811c9dc5;
  for (let i = 0; i < 200; i++) {
    const s = randomString();
    const enc = encodings[rand(encodings.length)];
    record(`from ${JSON.stringify(s)} ${enc} ${result(() => Buffer.from(s, enc))}`);
    const cap = rand(4) === 0 ? rand(600) : rand(12);
    const off = rand(3);
    record(`write ${JSON.stringify(s)} ${enc} ${off} ${cap} ${result(() => {
      const b = Buffer.alloc(600);
      return [b.write(s, off, cap, enc), b.toString('hex')];
    })}`);
    record(`byteLength ${result(() => Buffer.byteLength(s, enc))}`);
    record(`atob ${JSON.stringify(s)} ${result(() => atob(s))}`);
    // Valid UTF-8 back to a string (one-byte and two-byte results).
    const latin1Only = s.replace(/[^\u0000-\u00ff]/g, '\u00e9');
    record(`utf8 roundtrip ${result(() => [Buffer.from(s).toString(),
      Buffer.from(latin1Only).toString(), Buffer.from(latin1Only).toString('utf8', 1)])}`);
    const bytes = randomBytes();
    const start = rand(5);
    record(`toString ${bytes.toString('hex')} ${enc} ${result(() => bytes.toString(enc, start))}`);
    record(`fill ${JSON.stringify(s)} ${enc} ${result(() => Buffer.alloc(7).fill(s, 1, enc))}`);
    record(`indexOf ${result(() => [bytes.indexOf(s.slice(0, 2), rand(10) - 5, enc),
      bytes.lastIndexOf(bytes.subarray(1, 3), rand(10) - 5)])}`);
  }
  console.log('batch', batch, digest.toString(16));
}
