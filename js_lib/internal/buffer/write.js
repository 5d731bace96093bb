'use strict';

// Buffer.prototype.write*: integers of 1 to 6 bytes, BigInt64, float and
// double, little- and big-endian. Each returns offset + bytes written. The
// value is range-checked before the offset (except for 8-bit writes), with
// Node's messages; bytes are stored through the typed array, whose ToUint8
// conversion truncates fractions and wraps negatives.

const { ERR_OUT_OF_RANGE } = require('internal/errors').codes;
const { validateNumber } = require('internal/validators');
const { boundsError, bigEndian } = require('internal/buffer/read');

const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);

// Throws unless buf[offset, offset + n) are all bytes of `buf`.
function checkBounds(buf, offset, n) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) {
    boundsError(offset, buf.length - n);
  }
}

// Range check for an n-byte value (n > 4 is described in powers of two).
function checkInt(value, min, max, buf, offset, n) {
  if (value > max || value < min) {
    const big = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (n > 4) {
      const bits = n * 8;
      range = min === 0 || min === 0n ?
        `>= 0${big} and < 2${big} ** ${bits}${big}` :
        `>= -(2${big} ** ${bits - 1}${big}) and < 2${big} ** ${bits - 1}${big}`;
    } else {
      range = `>= ${min}${big} and <= ${max}${big}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
  checkBounds(buf, offset, n);
}

// Low 32 bits first, then the part above 2 ** 32 (n > 4 only).
function storeLE(buf, value, offset, n) {
  const high = n > 4 ? Math.floor(value * 2 ** -32) : 0;
  for (let i = 0; i < n && i < 4; i++) {
    buf[offset + i] = value;
    value = value >>> 8;
  }
  for (let i = 4, v = high; i < n; i++) {
    buf[offset + i] = v;
    v = v >>> 8;
  }
  return offset + n;
}

function storeBE(buf, value, offset, n) {
  const high = n > 4 ? Math.floor(value * 2 ** -32) : 0;
  for (let i = n - 1, k = 0; i >= 0 && k < 4; i--, k++) {
    buf[offset + i] = value;
    value = value >>> 8;
  }
  for (let i = n - 5, v = high; i >= 0; i--) {
    buf[offset + i] = v;
    v = v >>> 8;
  }
  return offset + n;
}

function writeLE(buf, value, offset, min, max, n) {
  value = +value;
  if (n === 1) return write8(buf, value, offset, min, max);
  checkInt(value, min, max, buf, offset, n);
  return storeLE(buf, value, offset, n);
}

function writeBE(buf, value, offset, min, max, n) {
  value = +value;
  if (n === 1) return write8(buf, value, offset, min, max);
  checkInt(value, min, max, buf, offset, n);
  return storeBE(buf, value, offset, n);
}

// One byte: one index to check, and the offset is validated first.
function write8(buf, value, offset, min, max) {
  value = +value;
  validateNumber(offset, 'offset');
  if (value > max || value < min) {
    throw new ERR_OUT_OF_RANGE('value', `>= ${min} and <= ${max}`, value);
  }
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  buf[offset] = value;
  return offset + 1;
}

const kUnsignedMax = [0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff];
const kSignedMax = [0, 0x7f, 0x7fff, 0x7fffff, 0x7fffffff, 0x7fffffffff, 0x7fffffffffff];

function isByteLength(n) {
  return n === 1 || n === 2 || n === 3 || n === 4 || n === 5 || n === 6;
}

// ---- integers ------------------------------------------------------------------

function writeUInt8(value, offset = 0) { return write8(this, value, offset, 0, 0xff); }
function writeUInt16LE(value, offset = 0) { return writeLE(this, value, offset, 0, 0xffff, 2); }
function writeUInt16BE(value, offset = 0) { return writeBE(this, value, offset, 0, 0xffff, 2); }
function writeUInt32LE(value, offset = 0) {
  return writeLE(this, value, offset, 0, 0xffffffff, 4);
}
function writeUInt32BE(value, offset = 0) {
  return writeBE(this, value, offset, 0, 0xffffffff, 4);
}
function writeInt8(value, offset = 0) { return write8(this, value, offset, -0x80, 0x7f); }
function writeInt16LE(value, offset = 0) {
  return writeLE(this, value, offset, -0x8000, 0x7fff, 2);
}
function writeInt16BE(value, offset = 0) {
  return writeBE(this, value, offset, -0x8000, 0x7fff, 2);
}
function writeInt32LE(value, offset = 0) {
  return writeLE(this, value, offset, -0x80000000, 0x7fffffff, 4);
}
function writeInt32BE(value, offset = 0) {
  return writeBE(this, value, offset, -0x80000000, 0x7fffffff, 4);
}

function writeUIntLE(value, offset, byteLength) {
  if (!isByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  return writeLE(this, value, offset, 0, kUnsignedMax[byteLength], byteLength);
}

function writeUIntBE(value, offset, byteLength) {
  if (!isByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  return writeBE(this, value, offset, 0, kUnsignedMax[byteLength], byteLength);
}

function writeIntLE(value, offset, byteLength) {
  if (!isByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  const max = kSignedMax[byteLength];
  return writeLE(this, value, offset, -max - 1, max, byteLength);
}

function writeIntBE(value, offset, byteLength) {
  if (!isByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  const max = kSignedMax[byteLength];
  return writeBE(this, value, offset, -max - 1, max, byteLength);
}

// ---- 64-bit BigInt -------------------------------------------------------------
// The value is not coerced: a Number passes the range check, then mixing it
// with BigInts throws V8's TypeError, as in Node.

function writeBig64(buf, value, offset, min, max, littleEndian) {
  checkInt(value, min, max, buf, offset, 8);
  let lo = Number(value & 0xffffffffn);
  let hi = Number(value >> 32n & 0xffffffffn);
  for (let i = 0; i < 4; i++) {
    buf[littleEndian ? offset + i : offset + 7 - i] = lo;
    buf[littleEndian ? offset + 4 + i : offset + 3 - i] = hi;
    lo = lo >> 8;
    hi = hi >> 8;
  }
  return offset + 8;
}

function writeBigUInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, 0xffffffffffffffffn, true);
}
function writeBigUInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, 0xffffffffffffffffn, false);
}
function writeBigInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn, true);
}
function writeBigInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, -0x8000000000000000n, 0x7fffffffffffffffn, false);
}

// ---- float and double ------------------------------------------------------------

function writeFloatForwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 4);
  float32[0] = val;
  for (let i = 0; i < 4; i++) this[offset + i] = float32Bytes[i];
  return offset + 4;
}

function writeFloatBackwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 4);
  float32[0] = val;
  for (let i = 0; i < 4; i++) this[offset + i] = float32Bytes[3 - i];
  return offset + 4;
}

function writeDoubleForwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 8);
  float64[0] = val;
  for (let i = 0; i < 8; i++) this[offset + i] = float64Bytes[i];
  return offset + 8;
}

function writeDoubleBackwards(val, offset = 0) {
  val = +val;
  checkBounds(this, offset, 8);
  float64[0] = val;
  for (let i = 0; i < 8; i++) this[offset + i] = float64Bytes[7 - i];
  return offset + 8;
}

function addBigIntWriteMethods(proto) {
  Object.assign(proto, {
    writeBigUInt64LE, writeBigUInt64BE, writeBigUint64LE: writeBigUInt64LE,
    writeBigUint64BE: writeBigUInt64BE, writeBigInt64LE, writeBigInt64BE,
  });
}

function addIntWriteMethods(proto) {
  Object.assign(proto, {
    writeUIntLE, writeUInt32LE, writeUInt16LE, writeUInt8, writeUIntBE, writeUInt32BE,
    writeUInt16BE,
    writeUintLE: writeUIntLE, writeUint32LE: writeUInt32LE, writeUint16LE: writeUInt16LE,
    writeUint8: writeUInt8, writeUintBE: writeUIntBE, writeUint32BE: writeUInt32BE,
    writeUint16BE: writeUInt16BE,
    writeIntLE, writeInt32LE, writeInt16LE, writeInt8, writeIntBE, writeInt32BE, writeInt16BE,
  });
}

function addFloatWriteMethods(proto) {
  proto.writeFloatLE = bigEndian ? writeFloatBackwards : writeFloatForwards;
  proto.writeFloatBE = bigEndian ? writeFloatForwards : writeFloatBackwards;
  proto.writeDoubleLE = bigEndian ? writeDoubleBackwards : writeDoubleForwards;
  proto.writeDoubleBE = bigEndian ? writeDoubleForwards : writeDoubleBackwards;
}

module.exports = { addBigIntWriteMethods, addIntWriteMethods, addFloatWriteMethods };
