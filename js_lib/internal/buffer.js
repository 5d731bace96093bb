'use strict';

// FastBuffer: the Uint8Array subclass every Buffer really is (buffer.js makes
// Buffer.prototype === FastBuffer.prototype), and the prototype methods that
// come from elsewhere: the numeric readers and writers, and the native
// per-encoding slice/write methods of the buffer binding.

const bufferBinding = binding('buffer');
const read = require('internal/buffer/read');
const write = require('internal/buffer/write');

class FastBuffer extends Uint8Array {
  // An explicit constructor, so construction does not go through the
  // (user-patchable) array iterator the default derived constructor uses.
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

const kEncodingMethods = ['ascii', 'base64', 'base64url', 'latin1', 'hex', 'ucs2', 'utf8'];

// In Node's order, which Object.getOwnPropertyNames(Buffer.prototype) shows.
function addBufferPrototypeMethods(proto) {
  read.addBigIntReadMethods(proto);
  write.addBigIntWriteMethods(proto);
  read.addIntReadMethods(proto);
  write.addIntWriteMethods(proto);
  read.addFloatReadMethods(proto);
  write.addFloatWriteMethods(proto);
  for (const name of kEncodingMethods) proto[`${name}Slice`] = bufferBinding[`${name}Slice`];
  for (const name of kEncodingMethods) proto[`${name}Write`] = bufferBinding[`${name}Write`];
}

// Node marks the allocation pool so it cannot be transferred to a worker;
// Kiln has no transfer lists yet, so there is nothing to mark.
function markAsUntransferable(obj) {
  return obj;
}

// A Buffer whose bytes the caller overwrites: tiny ones live on the V8 heap
// (zeroed, but free to make), larger ones skip the zeroing.
function createUnsafeBuffer(size) {
  if (size <= 64) return new FastBuffer(size);
  return new FastBuffer(bufferBinding.createUnsafeArrayBuffer(size));
}

module.exports = {
  FastBuffer,
  addBufferPrototypeMethods,
  markAsUntransferable,
  createUnsafeBuffer,
  readUInt16BE: read.readUInt16BE,
  readUInt32BE: read.readUInt32BE,
};
