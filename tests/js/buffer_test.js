'use strict';
// Buffer: construction, encodings (valid and invalid input), toString,
// write in all argument forms, byteLength, the pool. Differential: stdout
// must equal node's.

const { Buffer, SlowBuffer, constants, kMaxLength, kStringMaxLength } = require('buffer');

function show(v) {
  if (Buffer.isBuffer(v)) return `Buffer(${v.length})<${v.toString('hex')}>`;
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length})<${Buffer.from(v).toString('hex')}>`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).map((k) => `${k}: ${show(v[k])}`).join(', ')}}`;
  }
  return String(v);
}

function t(label, fn) {
  try {
    console.log(label, '->', show(fn()));
  } catch (e) {
    console.log(label, '-> throws', e.name, e.code, e.message);
  }
}

// ---- shape ---------------------------------------------------------------------
console.log(Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype,
            Object.getPrototypeOf(Buffer) === Uint8Array,
            Buffer.from('a') instanceof Uint8Array, Buffer.from('a').constructor === Buffer);
console.log(Object.getOwnPropertyNames(Buffer.prototype).join(' '));
console.log(Object.getOwnPropertyNames(Buffer).join(' '));
console.log(Object.keys(require('buffer')).join(' '));
console.log(Buffer.poolSize, kMaxLength, kStringMaxLength, constants.MAX_LENGTH,
            constants.MAX_STRING_LENGTH, Object.isFrozen(constants));
console.log(Buffer.name, Buffer.length, Buffer.from.name, Buffer.of.length, typeof Buffer.of.prototype);
console.log(Buffer[Symbol.species] === Buffer, new (Buffer[Symbol.species])(2).constructor === Buffer);
console.log(Buffer.from('ab').map((x) => x + 1) instanceof Buffer);
console.log(Buffer.prototype.readFloatLE.name, Buffer.prototype.readUint8.name,
            Buffer.prototype.writeUint16BE.name, Buffer.prototype.toLocaleString.name,
            Buffer.prototype.inspect.name, Buffer.prototype.utf8Slice.name,
            Buffer.prototype.readIntLE.length, Buffer.prototype.writeIntBE.length);

// ---- from ------------------------------------------------------------------------
t('from string', () => Buffer.from('héllo €'));
t('from empty', () => Buffer.from(''));
t('from array', () => Buffer.from([1, 2, 256, -1, 1.9, '3', 'x', null]));
t('from arraylike', () => Buffer.from({ length: 3, 0: 7, 1: 8 }));
t('from arraylike bad length', () => Buffer.from({ length: 'x' }));
t('from toJSON shape', () => Buffer.from({ type: 'Buffer', data: [1, 2, 3] }));
t('from buffer copies', () => {
  const a = Buffer.from('abc');
  const b = Buffer.from(a);
  a[0] = 0x7a;
  return [a.toString(), b.toString()];
});
t('from Uint16Array', () => Buffer.from(new Uint16Array([1, 0x1234, 0xffff])));
t('from arraybuffer', () => {
  const ab = new ArrayBuffer(8);
  const b = Buffer.from(ab, 2, 3);
  new Uint8Array(ab)[2] = 9;
  return [b, b.byteOffset, b.buffer === ab];
});
t('from arraybuffer offset only', () => Buffer.from(new ArrayBuffer(4), 1).length);
t('from arraybuffer NaN offset', () => Buffer.from(new ArrayBuffer(4), 'x', 2).length);
t('from arraybuffer neg length', () => Buffer.from(new ArrayBuffer(4), 0, -5).length);
t('from arraybuffer bad offset', () => Buffer.from(new ArrayBuffer(4), 5));
t('from arraybuffer bad length', () => Buffer.from(new ArrayBuffer(4), 1, 4));
t('from sharedarraybuffer', () => Buffer.from(new SharedArrayBuffer(3)).length);
t('from valueOf string', () => Buffer.from(new String('abc')));
t('from valueOf obj', () => Buffer.from({ valueOf() { return [1, 2]; } }));
t('from toPrimitive', () => Buffer.from({ [Symbol.toPrimitive]() { return 'prim'; } }, 'utf8'));
t('from toPrimitive hex', () => Buffer.from({ [Symbol.toPrimitive]: () => 'abcd' }, 'hex'));
for (const bad of [undefined, null, 5, true, Symbol('s'), () => {}, {}]) {
  t(`from ${typeof bad}`, () => Buffer.from(bad));
}
t('from unknown encoding', () => Buffer.from('x', 'utf9'));
t('from non-string encoding', () => Buffer.from('ab', 5));
t('from encoding case', () => [Buffer.from('YQ', 'BASE64'), Buffer.from('ff', 'HeX'),
  Buffer.from('a', 'UCS-2'), Buffer.from('a', 'Utf-16LE'), Buffer.from('\u00e9', 'BINARY')]);
t('copyBytesFrom', () => [Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1),
  Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1),
  Buffer.copyBytesFrom(new Float32Array(0)), Buffer.copyBytesFrom(new Uint8Array(3), 5)]);
t('copyBytesFrom bad', () => Buffer.copyBytesFrom([1, 2]));
t('copyBytesFrom bad offset', () => Buffer.copyBytesFrom(new Uint8Array(3), -1));
t('of', () => Buffer.of(1, 2, 300, 'x'));

// ---- alloc -----------------------------------------------------------------------
t('alloc', () => Buffer.alloc(5));
t('alloc fill num', () => Buffer.alloc(5, 257));
t('alloc fill str', () => Buffer.alloc(7, 'abc'));
t('alloc fill hex', () => Buffer.alloc(5, 'a1b2', 'hex'));
t('alloc fill base64', () => Buffer.alloc(5, 'YWJj', 'base64'));
t('alloc fill utf8 multi', () => Buffer.alloc(5, '\u20ac'));
t('alloc fill ucs2', () => Buffer.alloc(5, 'ab', 'ucs2'));
t('alloc fill buffer', () => Buffer.alloc(5, Buffer.from([1, 2])));
t('alloc fill bad hex', () => Buffer.alloc(4, 'zz', 'hex'));
t('alloc fill empty buf', () => Buffer.alloc(4, Buffer.alloc(0)));
t('alloc fill bad enc', () => Buffer.alloc(4, 'a', 'nope'));
t('alloc fill enc type', () => Buffer.alloc(4, 'a', 42));
t('alloc fill 0 size', () => Buffer.alloc(0, 'abc'));
for (const size of [-1, 'a', NaN, 2 ** 33, 1.5, undefined, null]) {
  t(`alloc ${String(size)}`, () => Buffer.alloc(size).length);
  t(`allocUnsafe ${String(size)}`, () => Buffer.allocUnsafe(size).length);
  t(`allocUnsafeSlow ${String(size)}`, () => Buffer.allocUnsafeSlow(size).length);
}
t('allocUnsafe pooled', () => {
  const a = Buffer.allocUnsafe(10);
  const b = Buffer.allocUnsafe(10);
  return [a.buffer === b.buffer, a.buffer.byteLength, (b.byteOffset - a.byteOffset)];
});
t('from string pooled', () => {
  const a = Buffer.from('abc');
  const b = Buffer.from('defgh');
  const c = Buffer.from('x'.repeat(5000));
  return [a.buffer === b.buffer, b.byteOffset - a.byteOffset, a.buffer.byteLength,
    c.buffer.byteLength, c.byteOffset];
});
t('allocUnsafeSlow not pooled', () => Buffer.allocUnsafeSlow(10).buffer.byteLength);
t('alloc not pooled', () => Buffer.alloc(10).buffer.byteLength);
t('SlowBuffer', () => [SlowBuffer(4).length, SlowBuffer(4) instanceof Buffer,
  Object.getPrototypeOf(SlowBuffer.prototype) === Uint8Array.prototype]);
t('SlowBuffer bad', () => SlowBuffer(-1));
t('Buffer() number', () => Buffer(3));
t('new Buffer() string', () => new Buffer('ab', 'hex'));
t('Buffer(num, enc)', () => Buffer(3, 'utf8'));
t('poolSize change', () => {
  const old = Buffer.poolSize;
  Buffer.poolSize = 64;
  const a = Buffer.allocUnsafe(20);
  const b = Buffer.allocUnsafe(40);
  Buffer.poolSize = old;
  return [a.buffer.byteLength, b.buffer.byteLength];
});

// ---- encodings: strings to bytes --------------------------------------------------
const samples = ['', 'a', 'hello world', '\u00e9\u00ff', '\u20ac\u4e16', '\ud83d\ude00',
  '\ud800', 'a\udc00b', '\u0000\u007f\u0080', 'YWJj', 'YWJjZA==', 'YW Jj\nZA', 'a1B2', 'abc',
  'zz', '+/-_', '\u0141QUJD', '\u0100\u0141'];
const encodings = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];
for (const enc of encodings) {
  for (const s of samples) {
    t(`from ${enc} ${JSON.stringify(s)}`, () => [Buffer.from(s, enc), Buffer.byteLength(s, enc)]);
  }
}
// base64 leniency: whitespace, bad characters, '=' in the middle, both alphabets.
for (const s of ['QQ==QQ==', 'QUJD=RA', 'Q', 'QQ', 'QQ=', 'QUI', 'QUJDRA', '!!!!QUJD',
  'Q U J D', '====', 'QU\u00ffJD', 'QUJD\r\nREVG', '////', '____', 'QUJD.REVG']) {
  t(`base64 ${JSON.stringify(s)}`, () => [Buffer.from(s, 'base64'), Buffer.from(s, 'base64url')]);
}
t('hex stops', () => [Buffer.from('abcdefxz12', 'hex'), Buffer.from('0g', 'hex'),
  Buffer.from('abc', 'hex'), Buffer.from('a', 'hex'), Buffer.from(' ab', 'hex')]);

// ---- toString ------------------------------------------------------------------------
const bytes = Buffer.from([0x68, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff,
  0xc0, 0x80, 0xed, 0xa0, 0x80, 0x7f, 0x80, 0xe2, 0x82]);
for (const enc of [...encodings, 'ucs2', 'binary', 'UTF-8', 'Latin1']) {
  t(`toString ${enc}`, () => bytes.toString(enc));
}
t('toString odd ucs2', () => Buffer.from([0x61, 0, 0x62]).toString('ucs2'));
t('toString truncated utf8', () => [Buffer.from([0xf0, 0x9f, 0x98]).toString(),
  Buffer.from([0xe0, 0x80]).toString(), Buffer.from([0xf4, 0x90, 0x80, 0x80]).toString(),
  Buffer.from([0xc1, 0xbf]).toString(), Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString()]);
const hw = Buffer.from('hello world');
for (const args of [[], ['utf8'], ['utf8', 2], ['utf8', 2, 5], ['utf8', -3, 4], ['utf8', 3, 100],
  ['utf8', 20], ['utf8', 5, 2], ['utf8', '2', '4'], ['utf8', 1.9, 4.9], ['utf8', NaN, 3],
  ['utf8', 2, NaN], [undefined, 1, 3], ['hex', 0, 3], [null], ['bogus'], ['bogus', 5, 1],
  ['', 0, 2], [0], ['utf8', undefined, 3], ['utf8', {}, 3], ['utf8', 1, {}]]) {
  t(`toString(${args.map(show).join(', ')})`, () => hw.toString(...args));
}
t('toString symbol', () => hw.toString(Symbol('x')));
t('toLocaleString', () => hw.toLocaleString('hex'));

// ---- write ------------------------------------------------------------------------------
function w(...args) {
  const b = Buffer.alloc(8, 0x2e);
  const n = b.write(...args);
  return [n, b];
}
for (const args of [['abc'], ['abc', 2], ['abc', 2, 1], ['abc', 'hex'], ['a1b2c3', 'hex'],
  ['a1b2c3', 1, 'hex'], ['a1b2c3', 1, 2, 'hex'], ['abcdefghijkl'], ['abc', 8], ['abc', 9],
  ['abc', -1], ['abc', 1.5], ['abc', '1'], ['abc', 0, 9], ['abc', 0, -1], ['abc', 0, 1.5],
  ['\u20ac\u20ac\u20ac', 0], ['\u20ac\u20ac\u20ac', 3], ['ab', 0, 3, 'ucs2'], ['abcd', 1, 'ucs2'],
  ['YWJjZGVm', 'base64'], ['YWJjZGVm', 0, 2, 'base64'], ['\u00e9\u0141', 'latin1'],
  ['\u00e9\u0141', 'ascii'], ['abc', 0, 3, 'bogus'], ['abc', undefined, 2], ['abc', 2, undefined, 'hex'],
  [5], [null, 0], ['abc', 0, 2, ''], ['abc', 'binary'], ['\ud83d\ude00', 2], ['\ud83d\ude00', 5],
  ['\ud800x', 0]]) {
  t(`write(${args.map(show).join(', ')})`, () => w(...args));
}
// The native per-encoding writers and slicers.
for (const enc of ['ascii', 'latin1', 'utf8', 'ucs2', 'hex', 'base64', 'base64url']) {
  const b = Buffer.alloc(6);
  t(`${enc}Write`, () => [b[`${enc}Write`]('YWJjZGVm', 1), b]);
  t(`${enc}Write offset past end`, () => b[`${enc}Write`]('ab', 7));
  t(`${enc}Write neg`, () => b[`${enc}Write`]('ab', -1));
  t(`${enc}Write len`, () => b[`${enc}Write`]('abcd', 0, 100));
  t(`${enc}Write not string`, () => b[`${enc}Write`](12));
  t(`${enc}Slice`, () => Buffer.from('hello')[`${enc}Slice`](1, 4));
  t(`${enc}Slice bad`, () => Buffer.from('hello')[`${enc}Slice`](3, 10));
  t(`${enc}Slice neg`, () => Buffer.from('hello')[`${enc}Slice`](-1));
  t(`${enc}Slice swapped`, () => Buffer.from('hello')[`${enc}Slice`](4, 1));
  t(`${enc}Slice this`, () => Buffer.prototype[`${enc}Slice`].call({}, 0, 1));
  t(`${enc}Slice u16`, () => Buffer.prototype[`${enc}Slice`].call(new Uint16Array([0x6261]), 0, 2));
}

// ---- byteLength --------------------------------------------------------------------------
for (const args of [['abc'], ['\u20ac'], ['\ud83d\ude00'], ['\ud800'], ['abc', 'ucs2'],
  ['abcd', 'hex'], ['abc', 'hex'], ['YWJj', 'base64'], ['YWJj==', 'base64'], ['YQ=', 'base64'],
  ['abc', 'bogus'], ['abc', 'ascii'], ['\u00e9', 'latin1'], [''], [new Uint16Array(3)],
  [new ArrayBuffer(5)], [new DataView(new ArrayBuffer(2))], [5], [{}], [null]]) {
  t(`byteLength(${args.map(show).join(', ')})`, () => Buffer.byteLength(...args));
}

// ---- isEncoding ----------------------------------------------------------------------------
for (const e of ['utf8', 'UTF-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1', 'binary',
  'base64', 'base64url', 'hex', 'ascii', 'buffer', 'utf-16', '', null, undefined, 5, {}, 'Hex']) {
  t(`isEncoding ${show(e)}`, () => Buffer.isEncoding(e));
}
