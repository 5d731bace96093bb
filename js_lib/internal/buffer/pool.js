'use strict';

// The allocation pool: small Buffers (under Buffer.poolSize / 2 bytes) from
// allocUnsafe, from(string) and from(array) are slices of one shared
// ArrayBuffer of Buffer.poolSize bytes, each starting 8-byte aligned, as in
// Node (so `buf.buffer` and `buf.byteOffset` look the same). The pool is made
// on first use, not at load time: the module may load inside the snapshot
// builder, and the pool's memory belongs to the run.

const { FastBuffer, createUnsafeBuffer, markAsUntransferable } = require('internal/buffer');

const TypedArrayPrototypeSet = Object.getPrototypeOf(Uint8Array.prototype).set;

let Buffer;  // buffer.js's Buffer, for the user-settable Buffer.poolSize
let poolSize = 0;
let poolOffset = 0;
let allocPool;    // the ArrayBuffer
let allocBuffer;  // a FastBuffer over all of it, to write strings into

function init(BufferCtor) {
  Buffer = BufferCtor;
}

function createPool() {
  poolSize = Buffer.poolSize;
  allocBuffer = createUnsafeBuffer(poolSize);
  allocPool = allocBuffer.buffer;
  markAsUntransferable(allocPool);
  poolOffset = 0;
}

function alignPool() {
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

// allocUnsafe(size) for a validated size.
function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (size > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return createUnsafeBuffer(size);
}

// A Buffer of its own for a long string; `length` is enough room for it.
function createFromString(string, ops, length = ops.byteLength(string)) {
  const buf = Buffer.allocUnsafeSlow(length);
  const actual = ops.write(buf, string, 0, length);
  return actual < length ? new FastBuffer(buf.buffer, 0, actual) : buf;
}

// Buffer.from(string, encoding) for a non-empty string. Short strings are
// written straight into the pool with a cheap upper bound (4 bytes per
// character), so their exact byte length is never computed.
function fromStringFast(string, ops) {
  const maxLength = Buffer.poolSize >>> 1;
  let length = string.length;
  if (length >= maxLength) return createFromString(string, ops);
  length *= 4;
  if (length >= maxLength) length = ops.byteLength(string);
  if (length >= maxLength) return createFromString(string, ops, length);
  if (length > (poolSize - poolOffset)) createPool();
  const actual = ops.write(allocBuffer, string, poolOffset, length);
  const b = new FastBuffer(allocPool, poolOffset, actual);
  poolOffset += actual;
  alignPool();
  return b;
}

// A copy of an array-like (arrays, typed arrays, {length} objects).
function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (obj.length > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    TypedArrayPrototypeSet.call(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

module.exports = { init, allocate, fromStringFast, fromArrayLike };
