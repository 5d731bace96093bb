'use strict';
// Buffer read/write of (U)Int8/16/32, (U)IntLE/BE with byteLength 1-6,
// BigInt64, Float, Double: values, return values, and every error path
// (ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_ARG_TYPE).

function show(v) {
  if (Buffer.isBuffer(v)) return `<${v.toString('hex')}>`;
  if (typeof v === 'bigint') return `${v}n`;
  if (Object.is(v, -0)) return '-0';
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function t(label, fn) {
  try {
    console.log(label, '->', show(fn()));
  } catch (e) {
    console.log(label, '-> throws', e.name, e.code, e.message);
  }
}

const src = Buffer.from([0x01, 0x82, 0xf3, 0x04, 0xc5, 0x86, 0x97, 0xf8, 0x09, 0xff]);
const offsets = [0, 1, 2, 5, 9, 10, -1, 1.5, NaN, '1', undefined, null, 2 ** 53, Infinity, 1n];

const fixedReads = ['readUInt8', 'readUInt16LE', 'readUInt16BE', 'readUInt32LE', 'readUInt32BE',
  'readInt8', 'readInt16LE', 'readInt16BE', 'readInt32LE', 'readInt32BE', 'readFloatLE',
  'readFloatBE', 'readDoubleLE', 'readDoubleBE', 'readBigUInt64LE', 'readBigUInt64BE',
  'readBigInt64LE', 'readBigInt64BE', 'readUint8', 'readUint32BE', 'readBigUint64LE'];
for (const m of fixedReads) {
  for (const off of offsets) t(`${m}(${show(off)})`, () => src[m](off));
  t(`${m}()`, () => src[m]());
}

for (const m of ['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE']) {
  for (let n = 0; n <= 7; n++) {
    t(`${m}(0, ${n})`, () => src[m](0, n));
    t(`${m}(4, ${n})`, () => src[m](4, n));
    t(`${m}(${10 - n}, ${n})`, () => src[m](10 - n, n));
    t(`${m}(${11 - n}, ${n})`, () => src[m](11 - n, n));
  }
  for (const n of ['2', 2.5, NaN, undefined, null, -1, Infinity]) t(`${m}(0, ${show(n)})`, () => src[m](0, n));
  for (const off of [undefined, -1, 1.5, '0', NaN]) t(`${m}(${show(off)}, 3)`, () => src[m](off, 3));
}

// Writes: value, range, offset.
function wr(m, ...args) {
  const b = Buffer.alloc(10, 0xaa);
  const r = b[m](...args);
  return [r, b];
}
const intWrites = {
  writeUInt8: [0, 255, 256, -1, 1.7, 255.9, -0.5, '7', NaN, Infinity, 2 ** 31],
  writeInt8: [0, 127, 128, -128, -129, -1.5, '-3'],
  writeUInt16LE: [0, 0xffff, 0x10000, -1, 300.7, 0x1234],
  writeUInt16BE: [0x1234, 0xffff, 0x10000],
  writeInt16LE: [-0x8000, 0x7fff, 0x8000, -0x8001, -2],
  writeInt16BE: [-2, 0x7fff],
  writeUInt32LE: [0, 0xffffffff, 2 ** 32, -1, 0x12345678, 1.5],
  writeUInt32BE: [0x12345678, 0xffffffff],
  writeInt32LE: [-(2 ** 31), 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, -1],
  writeInt32BE: [-2, 2 ** 31 - 1],
  writeFloatLE: [1.5, -0, NaN, Infinity, 3.4e39, 1e-46, '2.5', 0.1],
  writeFloatBE: [1.5, -1e10],
  writeDoubleLE: [1.5, -0, NaN, -Infinity, 0.1, Number.MIN_VALUE, 'x'],
  writeDoubleBE: [Math.PI],
};
for (const [m, values] of Object.entries(intWrites)) {
  for (const v of values) t(`${m}(${show(v)})`, () => wr(m, v));
  for (const off of [0, 1, 6, 8, 9, 10, -1, 1.5, '1', null, NaN, undefined]) {
    t(`${m}(1, ${show(off)})`, () => wr(m, 1, off));
  }
  t(`${m}(1n)`, () => wr(m, 1n));
  t(`${m}(Symbol)`, () => wr(m, Symbol('s')));
  t(`${m}(big, bad offset)`, () => wr(m, 2 ** 40, 'x'));
}

for (const m of ['writeUIntLE', 'writeUIntBE', 'writeIntLE', 'writeIntBE']) {
  for (let n = 0; n <= 7; n++) {
    t(`${m}(0x12, 0, ${n})`, () => wr(m, 0x12, 0, n));
    t(`${m}(-1, 0, ${n})`, () => wr(m, -1, 0, n));
    t(`${m}(max, 1, ${n})`, () => wr(m, 2 ** (8 * n - 1) - 1, 1, n));
    t(`${m}(max+1, 1, ${n})`, () => wr(m, 2 ** (8 * n), 1, n));
    t(`${m}(-max-1, 1, ${n})`, () => wr(m, -(2 ** (8 * n - 1)), 1, n));
    t(`${m}(-max-2, 1, ${n})`, () => wr(m, -(2 ** (8 * n - 1)) - 1, 1, n));
    t(`${m}(1, ${10 - n}, ${n})`, () => wr(m, 1, 10 - n, n));
    t(`${m}(1, ${11 - n}, ${n})`, () => wr(m, 1, 11 - n, n));
  }
  t(`${m}(0x123456789ab, 2, 6)`, () => wr(m, 0x123456789ab, 2, 6));
  t(`${m}(-0x123456789ab, 2, 6)`, () => wr(m, -0x123456789ab, 2, 6));
  t(`${m}(1.5, 0, 5)`, () => wr(m, 1.5, 0, 5));
  for (const n of ['2', 2.5, NaN, undefined]) t(`${m}(1, 0, ${show(n)})`, () => wr(m, 1, 0, n));
  for (const off of [undefined, -1, 1.5, '0']) t(`${m}(1, ${show(off)}, 3)`, () => wr(m, 1, off, 3));
}

const bigWrites = ['writeBigUInt64LE', 'writeBigUInt64BE', 'writeBigInt64LE', 'writeBigInt64BE',
  'writeBigUint64LE', 'writeBigUint64BE'];
for (const m of bigWrites) {
  for (const v of [0n, 1n, -1n, 0x0102030405060708n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 63n,
    -(2n ** 63n), -(2n ** 63n) - 1n, 1, '1', 1.5]) {
    t(`${m}(${show(v)})`, () => wr(m, v));
  }
  for (const off of [0, 2, 3, -1, 1.5, '1', undefined]) t(`${m}(5n, ${show(off)})`, () => wr(m, 5n, off));
}

// Round trips through every width.
const rt = Buffer.alloc(8);
for (const v of [0, 1, -1, 127, -128, 255, 32767, -32768, 65535, 2 ** 31 - 1, -(2 ** 31),
  2 ** 32 - 1, 2 ** 40 + 5, -(2 ** 40) - 5, 2 ** 47 - 1, -(2 ** 47)]) {
  const out = [];
  for (let n = 1; n <= 6; n++) {
    for (const [w, r] of [['writeIntLE', 'readIntLE'], ['writeIntBE', 'readIntBE'],
      ['writeUIntLE', 'readUIntLE'], ['writeUIntBE', 'readUIntBE']]) {
      try {
        rt[w](v, 0, n);
        out.push(rt[r](0, n));
      } catch (e) {
        out.push(e.code);
      }
    }
  }
  console.log('roundtrip', v, out.join(','));
}
for (const v of [0, -0, 1.1, -2.5e-300, 1e300, NaN, Infinity, 3.4028234663852886e38, 1e-40]) {
  rt.writeFloatLE(v, 0);
  rt.writeDoubleBE(v, 0);
  const d = rt.readDoubleBE(0);
  rt.writeFloatBE(v, 4);
  console.log('float roundtrip', show(v), show(d), show(rt.readFloatBE(4)), rt.toString('hex'));
}

// Methods called on plain Uint8Arrays and other receivers.
t('read on Uint8Array', () => Buffer.prototype.readUInt16LE.call(new Uint8Array([1, 2]), 0));
t('read on array', () => Buffer.prototype.readUInt16BE.call([1, 2], 0));
t('write on Uint8Array', () => {
  const u = new Uint8Array(4);
  Buffer.prototype.writeInt32BE.call(u, -2, 0);
  return Array.from(u).join(',');
});
t('empty buffer read', () => Buffer.alloc(0).readUInt8(0));
t('empty buffer write', () => Buffer.alloc(0).writeUInt32LE(1, 0));
t('short buffer', () => Buffer.alloc(2).readUInt32LE(0));
t('offset 2**32', () => Buffer.alloc(2).readUInt8(2 ** 32));
