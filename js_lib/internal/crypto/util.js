'use strict';

// Shared helpers of the crypto modules: the binding, byte-argument coercion,
// the errors Node throws from C++ (plain Errors with a .code, no "[code]" in
// the name), and the default encoding.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE },
  hideStackFrames,
} = require('internal/errors');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const { FastBuffer } = require('internal/buffer');
const { normalizeEncoding } = require('internal/buffer/encoding_ops');

const cryptoBinding = binding('crypto');

const kHandle = Symbol('kHandle');
const kKeyObject = Symbol('kKeyObject');
const kEmptyObject = Object.freeze({ __proto__: null });

// Node 20 has no way left to change it (crypto.DEFAULT_ENCODING is gone).
function getDefaultEncoding() {
  return 'buffer';
}

// An Error as Node's C++ throws them: Base(message) with an own .code.
function nativeError(Base, message, code) {
  const err = new Base(message);
  if (code !== undefined) err.code = code;
  return err;
}

// What OpenSSL 3 reports for a failure, as Node surfaces it.
// The library part of the code: "EVP_" for "digital envelope routines".
const kOsslLibraryPrefixes = {
  '__proto__': null,
  'digital envelope routines': 'EVP_',
  'rsa routines': 'RSA_',
  'asn1 encoding routines': 'ASN1_',
  'common libcrypto routines': 'CRYPTO_',
  'elliptic curve routines': 'EC_',
};

function opensslError(packed, library, reason) {
  const err = new Error(`error:${packed}:${library}::${reason}`);
  err.library = library;
  err.reason = reason;
  err.code = `ERR_OSSL_${kOsslLibraryPrefixes[library] || ''}` +
    reason.toUpperCase().replace(/ /g, '_');
  return err;
}

function bufferFromArrayBuffer(ab) {
  return new FastBuffer(ab);
}

function toBuf(val, encoding) {
  if (typeof val === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(val, encoding);
  }
  return val;
}

const getArrayBufferOrView = hideStackFrames((buffer, name, encoding) => {
  if (isAnyArrayBuffer(buffer)) return buffer;
  if (typeof buffer === 'string') {
    if (encoding === 'buffer') encoding = 'utf8';
    return Buffer.from(buffer, encoding);
  }
  if (!isArrayBufferView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE(
      name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  return buffer;
});

const validateByteSource = hideStackFrames((val, name) => {
  val = toBuf(val);
  if (isAnyArrayBuffer(val) || isArrayBufferView(val)) return val;
  throw new ERR_INVALID_ARG_TYPE(
    name, ['string', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], val);
});

function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    const { validateString } = require('internal/validators');
    validateString(value, `options.${key}`);
  }
  return value;
}

function getUIntOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) {
    if (value >>> 0 !== value) throw new ERR_INVALID_ARG_VALUE(`options.${key}`, value);
    return value;
  }
  return -1;
}

// Sorted, without case-insensitive duplicates (Node's filterDuplicateStrings).
function filterDuplicateStrings(items, low) {
  const map = new Map();
  for (const item of items) {
    const key = item.toLowerCase();
    map.set(key, low ? key : item);
  }
  return [...map.values()].sort();
}

function cachedResult(fn) {
  let result;
  return () => {
    if (result === undefined) result = fn();
    return result.slice();
  };
}

// A byte length the C++ side can hold.
const kMaxLength = 2 ** 32 - 1;

function validateMaxBufferLength(data, name) {
  if (data.byteLength > kMaxLength) {
    throw new ERR_OUT_OF_RANGE(name, `<= ${kMaxLength}`, data.byteLength);
  }
}

// The bytes of a view or ArrayBuffer as a Uint8Array (no copy).
function bytesOf(data) {
  if (isAnyArrayBuffer(data)) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

let domException;
function lazyDOMException(message, name) {
  domException ??= require('internal/domexception').DOMException;
  return new domException(message, name);
}

module.exports = {
  cryptoBinding,
  bufferFromArrayBuffer,
  bytesOf,
  cachedResult,
  filterDuplicateStrings,
  getArrayBufferOrView,
  getDefaultEncoding,
  getStringOption,
  getUIntOption,
  kEmptyObject,
  kHandle,
  kKeyObject,
  kMaxLength,
  lazyDOMException,
  nativeError,
  normalizeEncoding,
  opensslError,
  toBuf,
  validateByteSource,
  validateMaxBufferLength,
};
