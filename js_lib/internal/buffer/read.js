'use strict';

// Buffer.prototype.read*: integers of 1 to 6 bytes, BigInt64, float and
// double, little- and big-endian. Installed by internal/buffer.js. Offsets
// are checked as Node does: a number, an integer, and every byte in range;
// reading `buf[offset]` of a typed array gives undefined for any offset that
// is not a valid index, which covers fractions, NaN and out-of-range at once.

const {
  ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_INVALID_ARG_TYPE,
  ERR_OUT_OF_RANGE,
} = require('internal/errors').codes;
const { validateNumber } = require('internal/validators');

// Scratch views for the float conversions.
const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
float32[0] = -1;  // 0xBF800000: its last byte is 0 only on a big-endian host
const bigEndian = float32Bytes[3] === 0;

// Throws the error for a bad `value` (an offset, or `byteLength` when
// `type` says so): not an integer, no room at all, or outside [0|1, length].
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// Throws unless buf[offset, offset + n) are all bytes of `buf`.
function checkRead(buf, offset, n) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) {
    boundsError(offset, buf.length - n);
  }
}

// Unsigned n-byte values (n <= 6 is exact in a double).
function uintLE(buf, offset, n) {
  let value = 0;
  for (let i = n - 1; i >= 0; i--) value = value * 256 + buf[offset + i];
  return value;
}

function uintBE(buf, offset, n) {
  let value = 0;
  for (let i = 0; i < n; i++) value = value * 256 + buf[offset + i];
  return value;
}

function toSigned(value, n) {
  const half = 2 ** (8 * n - 1);
  return value >= half ? value - 2 * half : value;
}

// ---- unsigned ------------------------------------------------------------------

function readUInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const value = this[offset];
  if (value === undefined) boundsError(offset, this.length - 1);
  return value;
}

function readUInt16LE(offset = 0) {
  checkRead(this, offset, 2);
  return this[offset] + this[offset + 1] * 2 ** 8;
}

function readUInt16BE(offset = 0) {
  checkRead(this, offset, 2);
  return this[offset] * 2 ** 8 + this[offset + 1];
}

function readUInt32LE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 +
    this[offset + 3] * 2 ** 24;
}

function readUInt32BE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] * 2 ** 24 + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 +
    this[offset + 3];
}

// 3, 5 and 6 bytes: only reachable through readUIntLE/BE and readIntLE/BE.
function readOddLE(buf, offset = 0, n) {
  checkRead(buf, offset, n);
  return uintLE(buf, offset, n);
}

function readOddBE(buf, offset = 0, n) {
  checkRead(buf, offset, n);
  return uintBE(buf, offset, n);
}

function readUIntLE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (byteLength === 6 || byteLength === 5 || byteLength === 3) {
    return readOddLE(this, offset, byteLength);
  }
  if (byteLength === 4) return this.readUInt32LE(offset);
  if (byteLength === 2) return this.readUInt16LE(offset);
  if (byteLength === 1) return this.readUInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

function readUIntBE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (byteLength === 6 || byteLength === 5 || byteLength === 3) {
    return readOddBE(this, offset, byteLength);
  }
  if (byteLength === 4) return this.readUInt32BE(offset);
  if (byteLength === 2) return this.readUInt16BE(offset);
  if (byteLength === 1) return this.readUInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

// ---- signed --------------------------------------------------------------------

function readInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const value = this[offset];
  if (value === undefined) boundsError(offset, this.length - 1);
  return value > 127 ? value - 256 : value;
}

function readInt16LE(offset = 0) {
  checkRead(this, offset, 2);
  return toSigned(this[offset] + this[offset + 1] * 2 ** 8, 2);
}

function readInt16BE(offset = 0) {
  checkRead(this, offset, 2);
  return toSigned(this[offset] * 2 ** 8 + this[offset + 1], 2);
}

function readInt32LE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 +
    (this[offset + 3] << 24);  // the shift makes the top byte signed
}

function readInt32BE(offset = 0) {
  checkRead(this, offset, 4);
  return (this[offset] << 24) + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 +
    this[offset + 3];
}

function readIntLE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (byteLength === 6 || byteLength === 5 || byteLength === 3) {
    return toSigned(readOddLE(this, offset, byteLength), byteLength);
  }
  if (byteLength === 4) return this.readInt32LE(offset);
  if (byteLength === 2) return this.readInt16LE(offset);
  if (byteLength === 1) return this.readInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

function readIntBE(offset, byteLength) {
  if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
  if (byteLength === 6 || byteLength === 5 || byteLength === 3) {
    return toSigned(readOddBE(this, offset, byteLength), byteLength);
  }
  if (byteLength === 4) return this.readInt32BE(offset);
  if (byteLength === 2) return this.readInt16BE(offset);
  if (byteLength === 1) return this.readInt8(offset);
  boundsError(byteLength, 6, 'byteLength');
}

// ---- 64-bit BigInt -------------------------------------------------------------

function readBigUInt64LE(offset = 0) {
  checkRead(this, offset, 8);
  return BigInt(uintLE(this, offset, 4)) + (BigInt(uintLE(this, offset + 4, 4)) << 32n);
}

function readBigUInt64BE(offset = 0) {
  checkRead(this, offset, 8);
  return (BigInt(uintBE(this, offset, 4)) << 32n) + BigInt(uintBE(this, offset + 4, 4));
}

function readBigInt64LE(offset = 0) {
  checkRead(this, offset, 8);
  const hi = toSigned(uintLE(this, offset + 4, 4), 4);
  return (BigInt(hi) << 32n) + BigInt(uintLE(this, offset, 4));
}

function readBigInt64BE(offset = 0) {
  checkRead(this, offset, 8);
  const hi = toSigned(uintBE(this, offset, 4), 4);
  return (BigInt(hi) << 32n) + BigInt(uintBE(this, offset + 4, 4));
}

// ---- float and double ------------------------------------------------------------
// "Forwards" copies bytes in memory order, "Backwards" reversed; which one is
// LE depends on the host (the names are Node's, visible as the methods' .name).

function readFloatForwards(offset = 0) {
  checkRead(this, offset, 4);
  for (let i = 0; i < 4; i++) float32Bytes[i] = this[offset + i];
  return float32[0];
}

function readFloatBackwards(offset = 0) {
  checkRead(this, offset, 4);
  for (let i = 0; i < 4; i++) float32Bytes[3 - i] = this[offset + i];
  return float32[0];
}

function readDoubleForwards(offset = 0) {
  checkRead(this, offset, 8);
  for (let i = 0; i < 8; i++) float64Bytes[i] = this[offset + i];
  return float64[0];
}

function readDoubleBackwards(offset = 0) {
  checkRead(this, offset, 8);
  for (let i = 0; i < 8; i++) float64Bytes[7 - i] = this[offset + i];
  return float64[0];
}

// Install the readers on `proto` under Node's names and aliases (three
// groups: internal/buffer.js interleaves them with the writers in Node's order).
function addBigIntReadMethods(proto) {
  Object.assign(proto, {
    readBigUInt64LE, readBigUInt64BE, readBigUint64LE: readBigUInt64LE,
    readBigUint64BE: readBigUInt64BE, readBigInt64LE, readBigInt64BE,
  });
}

function addIntReadMethods(proto) {
  Object.assign(proto, {
    readUIntLE, readUInt32LE, readUInt16LE, readUInt8, readUIntBE, readUInt32BE, readUInt16BE,
    readUintLE: readUIntLE, readUint32LE: readUInt32LE, readUint16LE: readUInt16LE,
    readUint8: readUInt8, readUintBE: readUIntBE, readUint32BE: readUInt32BE,
    readUint16BE: readUInt16BE,
    readIntLE, readInt32LE, readInt16LE, readInt8, readIntBE, readInt32BE, readInt16BE,
  });
}

function addFloatReadMethods(proto) {
  proto.readFloatLE = bigEndian ? readFloatBackwards : readFloatForwards;
  proto.readFloatBE = bigEndian ? readFloatForwards : readFloatBackwards;
  proto.readDoubleLE = bigEndian ? readDoubleBackwards : readDoubleForwards;
  proto.readDoubleBE = bigEndian ? readDoubleForwards : readDoubleBackwards;
}

module.exports = {
  addBigIntReadMethods,
  addIntReadMethods,
  addFloatReadMethods,
  boundsError,
  bigEndian,
  readUInt16BE,
  readUInt32BE,
};
