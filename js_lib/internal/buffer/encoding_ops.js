'use strict';

// Encoding names and the per-encoding operations Buffer uses: byte length of
// a string, write into a buffer, slice to a string, and search. Names are
// matched case-insensitively, as Node does.

const {
  byteLengthUtf8,
  indexOfBuffer,
  indexOfString,
} = binding('buffer');

// Node's numbering (internalBinding('string_decoder').encodings), shared
// with the C++ side (runtime/string_bytes.h).
const encodingsMap = {
  __proto__: null,
  ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, buffer: 6, base64url: 7,
};

const kCanonical = {
  __proto__: null,
  'utf8': 'utf8', 'utf-8': 'utf8',
  'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le', 'utf-16le': 'utf16le',
  'latin1': 'latin1', 'binary': 'latin1',
  'base64': 'base64', 'base64url': 'base64url', 'hex': 'hex', 'ascii': 'ascii',
};

// Node's canonical name for `enc`, 'utf8' for null/undefined/'', undefined
// when unknown.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8' || enc === '') return 'utf8';
  const length = enc.length;
  if (typeof length !== 'number' || length < 3 || length > 9) return undefined;
  return kCanonical[`${enc}`.toLowerCase()];
}

// Node's estimate for base64: 3 bytes per 4 characters, trailing '='
// discounted. Whitespace makes it an over-estimate; writes report the truth.
function base64ByteLength(str, bytes) {
  if (str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  return (bytes * 3) >>> 2;
}

// fromStringFast(string, ops) comes from internal/buffer/pool.js, which
// needs this table first: set by setFromString below.
let fromStringFast;

// Encodings searched as strings by the binding, and those whose needle is
// first turned into bytes.
function stringSearch(encodingVal) {
  return (buf, val, byteOffset, dir) => indexOfString(buf, val, byteOffset, encodingVal, dir);
}

function bytesSearch(name) {
  return (buf, val, byteOffset, dir) => indexOfBuffer(
    buf, fromStringFast(val, encodingOps[name]), byteOffset, encodingsMap[name], dir);
}

const encodingOps = {
  utf8: {
    encoding: 'utf8',
    encodingVal: encodingsMap.utf8,
    byteLength: byteLengthUtf8,
    write: (buf, string, offset, len) => buf.utf8Write(string, offset, len),
    slice: (buf, start, end) => buf.utf8Slice(start, end),
    indexOf: stringSearch(encodingsMap.utf8),
  },
  ucs2: {
    encoding: 'ucs2',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: (buf, string, offset, len) => buf.ucs2Write(string, offset, len),
    slice: (buf, start, end) => buf.ucs2Slice(start, end),
    indexOf: stringSearch(encodingsMap.utf16le),
  },
  utf16le: {
    encoding: 'utf16le',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: (buf, string, offset, len) => buf.ucs2Write(string, offset, len),
    slice: (buf, start, end) => buf.ucs2Slice(start, end),
    indexOf: stringSearch(encodingsMap.utf16le),
  },
  latin1: {
    encoding: 'latin1',
    encodingVal: encodingsMap.latin1,
    byteLength: (string) => string.length,
    write: (buf, string, offset, len) => buf.latin1Write(string, offset, len),
    slice: (buf, start, end) => buf.latin1Slice(start, end),
    indexOf: stringSearch(encodingsMap.latin1),
  },
  ascii: {
    encoding: 'ascii',
    encodingVal: encodingsMap.ascii,
    byteLength: (string) => string.length,
    write: (buf, string, offset, len) => buf.asciiWrite(string, offset, len),
    slice: (buf, start, end) => buf.asciiSlice(start, end),
    indexOf: bytesSearch('ascii'),
  },
  base64: {
    encoding: 'base64',
    encodingVal: encodingsMap.base64,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: (buf, string, offset, len) => buf.base64Write(string, offset, len),
    slice: (buf, start, end) => buf.base64Slice(start, end),
    indexOf: bytesSearch('base64'),
  },
  base64url: {
    encoding: 'base64url',
    encodingVal: encodingsMap.base64url,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: (buf, string, offset, len) => buf.base64urlWrite(string, offset, len),
    slice: (buf, start, end) => buf.base64urlSlice(start, end),
    indexOf: bytesSearch('base64url'),
  },
  hex: {
    encoding: 'hex',
    encodingVal: encodingsMap.hex,
    byteLength: (string) => string.length >>> 1,
    write: (buf, string, offset, len) => buf.hexWrite(string, offset, len),
    slice: (buf, start, end) => buf.hexSlice(start, end),
    indexOf: bytesSearch('hex'),
  },
};

const kOpsByName = {
  __proto__: null,
  'utf8': encodingOps.utf8, 'utf-8': encodingOps.utf8,
  'ucs2': encodingOps.ucs2, 'ucs-2': encodingOps.ucs2,
  'utf16le': encodingOps.utf16le, 'utf-16le': encodingOps.utf16le,
  'latin1': encodingOps.latin1, 'binary': encodingOps.latin1,
  'base64': encodingOps.base64, 'base64url': encodingOps.base64url,
  'hex': encodingOps.hex, 'ascii': encodingOps.ascii,
};

// The ops for an encoding name, or undefined. `encoding` is converted to a
// string first (a Symbol throws, as in Node).
function getEncodingOps(encoding) {
  encoding += '';
  return kOpsByName[encoding] || kOpsByName[encoding.toLowerCase()];
}

function setFromString(fn) {
  fromStringFast = fn;
}

module.exports = {
  encodingOps,
  encodingsMap,
  getEncodingOps,
  normalizeEncoding,
  setFromString,
};
