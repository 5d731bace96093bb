'use strict';

// crypto.createHash / createHmac (Hash and Hmac: streams with update() and
// digest()), crypto.hash() one-shot, and getHashes(). The native Hash and
// Hmac (bindings/crypto_hash.h) do the work; digest() comes back as a string
// for a named encoding and as an ArrayBuffer otherwise.

const {
  codes: {
    ERR_CRYPTO_HASH_FINALIZED, ERR_CRYPTO_HASH_UPDATE_FAILED, ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const {
  validateEncoding, validateString, validateUint32,
} = require('internal/validators');
const { isArrayBufferView } = require('internal/util/types');
const {
  cryptoBinding, bufferFromArrayBuffer, cachedResult, filterDuplicateStrings, getDefaultEncoding,
  getStringOption, kHandle, nativeError, normalizeEncoding, opensslError,
} = require('internal/crypto/util');
const LazyTransform = require('internal/crypto/lazy_transform');

const { Hash: NativeHash, Hmac: NativeHmac } = cryptoBinding;
const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

function wrapDigest(ret) {
  return typeof ret === 'string' ? ret : bufferFromArrayBuffer(ret);
}

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  const copyFrom = algorithm instanceof NativeHash ? algorithm : undefined;
  if (copyFrom === undefined) validateString(algorithm, 'algorithm');
  const xofLen = typeof options === 'object' && options !== null ?
    options.outputLength : undefined;
  if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
  this[kHandle] = new NativeHash(copyFrom === undefined ? algorithm : undefined, copyFrom, xofLen);
  // Only SHAKE is an XOF; the others take their natural length only.
  if (xofLen !== undefined && !this[kHandle].isXof() && xofLen !== this[kHandle].size()) {
    throw opensslError('030000B2', 'digital envelope routines', 'not XOF or invalid length');
  }
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this[kHandle], options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  this[kHandle].update(chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(bufferFromArrayBuffer(this[kHandle].digest()));
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  encoding = encoding || getDefaultEncoding();
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
  } else if (!isArrayBufferView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (this[kHandle].update(data, encoding) === false) throw new ERR_CRYPTO_HASH_UPDATE_FAILED();
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  outputEncoding = outputEncoding || getDefaultEncoding();
  const ret = wrapDigest(this[kHandle].digest(`${outputEncoding}`));
  state[kFinalized] = true;
  return ret;
};

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = getStringOption(options, 'encoding');
  key = require('internal/crypto/keys').prepareSecretKey(key, encoding);
  this[kHandle] = new NativeHmac();
  this[kHandle].init(hmac, key);
  this[kState] = { [kFinalized]: false };
  Reflect.apply(LazyTransform, this, [options]);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = Hash.prototype.update;

Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  outputEncoding = outputEncoding || getDefaultEncoding();
  if (state[kFinalized]) {
    const buf = Buffer.from('');
    return outputEncoding === 'buffer' ? buf : buf.toString(outputEncoding);
  }
  const ret = wrapDigest(this[kHandle].digest(`${outputEncoding}`));
  state[kFinalized] = true;
  return ret;
};

Hmac.prototype._flush = Hash.prototype._flush;
Hmac.prototype._transform = Hash.prototype._transform;

// crypto.hash(algorithm, input[, outputEncoding = 'hex'])
function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !isArrayBufferView(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  let normalized = outputEncoding;
  if (outputEncoding !== 'hex') {
    validateString(outputEncoding, 'outputEncoding');
    normalized = normalizeEncoding(outputEncoding);
    if (normalized === undefined) {
      if (outputEncoding.toLowerCase() === 'buffer') normalized = 'buffer';
      else throw new ERR_INVALID_ARG_VALUE('outputEncoding', outputEncoding);
    }
  }
  const ret = cryptoBinding.digest(algorithm, input, normalized);
  if (ret === undefined) throw nativeError(Error, 'Digest method not supported');
  return wrapDigest(ret);
}

const getHashes = cachedResult(() => filterDuplicateStrings(cryptoBinding.getHashes()));

module.exports = { Hash, Hmac, hash, getHashes };
