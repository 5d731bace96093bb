'use strict';

// Byte chunks for the streams. Uses globalThis.Buffer when the runtime has
// one (looked up at call time: it may be installed after this module loads)
// and plain Uint8Arrays with our own codecs otherwise.

const codec = require('internal/streams/codec');

function getBuffer() {
  const B = globalThis.Buffer;
  return typeof B === 'function' && typeof B.from === 'function' ? B : null;
}

function isEncoding(enc) {
  const B = getBuffer();
  if (B !== null) return B.isEncoding(enc);
  return typeof enc === 'string' && enc.length !== 0 &&
    codec.normalizeEncoding(enc) !== undefined;
}

// True for the chunk type streams hand out as-is (Buffer, or any Uint8Array
// when there is no Buffer).
function isBuffer(chunk) {
  const B = getBuffer();
  return B !== null ? chunk instanceof B : chunk instanceof Uint8Array;
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

function isUint8Array(v) {
  return v instanceof Uint8Array;
}

// A Buffer (or Uint8Array) view over the same memory as `view`.
function fromView(view) {
  const B = getBuffer();
  if (B !== null) return B.from(view.buffer, view.byteOffset, view.byteLength);
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function fromString(str, enc) {
  const B = getBuffer();
  if (B !== null) return B.from(str, enc);
  return codec.encode(str, enc);
}

function toString(bytes, enc, start = 0, end = bytes.length) {
  const B = getBuffer();
  if (B !== null) {
    return B.from(bytes.buffer, bytes.byteOffset + start, end - start).toString(enc);
  }
  return codec.decode(bytes, start, end, enc);
}

function alloc(n) {
  const B = getBuffer();
  return B !== null ? B.allocUnsafe(n) : new Uint8Array(n);
}

function concat(list, total) {
  if (total === undefined) {
    total = 0;
    for (let i = 0; i < list.length; i++) total += list[i].length;
  }
  const out = alloc(total);
  let off = 0;
  for (let i = 0; i < list.length; i++) {
    out.set(list[i], off);
    off += list[i].length;
  }
  return out;
}

module.exports = {
  getBuffer, isEncoding, isBuffer, isArrayBufferView, isUint8Array,
  fromView, fromString, toString, alloc, concat,
};
