'use strict';

// createSign / createVerify (Writable streams that hash what is written and
// sign the digest) and the one-shot crypto.sign / crypto.verify, which also
// take a callback to run on the worker pool.

const {
  codes: {
    ERR_CRYPTO_SIGN_KEY_REQUIRED, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateEncoding, validateFunction, validateString } = require('internal/validators');
const { isArrayBufferView } = require('internal/util/types');
const { Writable } = require('stream');
const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, getDefaultEncoding, kHandle, nativeError,
} = require('internal/crypto/util');
const { handleFor, preparePrivateKey, preparePublicOrPrivateKey } = require('internal/crypto/keys');

const kAlgorithm = Symbol('kAlgorithm');

function getIntOption(name, options) {
  const value = options[name];
  if (value !== undefined) {
    if (value === value >> 0) return value;
    throw new ERR_INVALID_ARG_VALUE(`options.${name}`, value);
  }
  return undefined;
}

// 0: DER, 1: IEEE P1363.
function getDSASignatureEncoding(options) {
  if (typeof options === 'object') {
    const { dsaEncoding = 'der' } = options;
    if (dsaEncoding === 'der') return 0;
    if (dsaEncoding === 'ieee-p1363') return 1;
    throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', dsaEncoding);
  }
  return 0;
}

function notInitialised() {
  return nativeError(Error, 'Not initialised', 'ERR_CRYPTO_INVALID_STATE');
}

function initDigest(self, algorithm, options) {
  validateString(algorithm, 'algorithm');
  // Node's Sign/Verify look digests up by OpenSSL's legacy names, where
  // DSS1 (any case) is still SHA-1; createHash and crypto.sign do not.
  if (algorithm.toLowerCase() === 'dss1') algorithm = 'sha1';
  let hash;
  try {
    hash = new cryptoBinding.Hash(algorithm);
  } catch {
    throw nativeError(TypeError, 'Invalid digest', 'ERR_CRYPTO_INVALID_DIGEST');
  }
  self[kHandle] = hash;
  self[kAlgorithm] = algorithm;
  Reflect.apply(Writable, self, [options]);
}

function _write(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
}

function update(data, encoding) {
  encoding = encoding || getDefaultEncoding();
  if (typeof data === 'string') {
    validateEncoding(data, encoding);
  } else if (!isArrayBufferView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (this[kHandle] === null) throw notInitialised();
  this[kHandle].update(data, encoding);
  return this;
}

// The digest so far; the object cannot be used again afterwards.
function takeDigest(self) {
  const hash = self[kHandle];
  if (hash === null) throw notInitialised();
  self[kHandle] = null;
  return hash.digest();
}

function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initDigest(this, algorithm, options);
}
Object.setPrototypeOf(Sign.prototype, Writable.prototype);
Object.setPrototypeOf(Sign, Writable);
Sign.prototype._write = _write;
Sign.prototype.update = update;

Sign.prototype.sign = function sign(options, encoding) {
  if (!options) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const key = handleFor(preparePrivateKey(options), true);
  const padding = getIntOption('padding', options);
  const saltLength = getIntOption('saltLength', options);
  const dsaEncoding = getDSASignatureEncoding(options);
  if (this[kHandle] === null) throw notInitialised();
  const digest = takeDigest(this);
  const ret = bufferFromArrayBuffer(cryptoBinding.signDigest(
    key, this[kAlgorithm], padding, saltLength, dsaEncoding, digest));
  encoding = encoding || getDefaultEncoding();
  if (encoding && encoding !== 'buffer') return ret.toString(encoding);
  return ret;
};

function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initDigest(this, algorithm, options);
}
Object.setPrototypeOf(Verify.prototype, Writable.prototype);
Object.setPrototypeOf(Verify, Writable);
Verify.prototype._write = _write;
Verify.prototype.update = update;

Verify.prototype.verify = function verify(options, signature, sigEncoding) {
  const key = handleFor(preparePublicOrPrivateKey(options), false);
  sigEncoding = sigEncoding || getDefaultEncoding();
  const padding = getIntOption('padding', options);
  const saltLength = getIntOption('saltLength', options);
  const dsaEncoding = getDSASignatureEncoding(options);
  signature = getArrayBufferOrView(signature, 'signature', sigEncoding);
  const digest = takeDigest(this);
  return cryptoBinding.verifyDigest(key, this[kAlgorithm], padding, saltLength, dsaEncoding, digest,
                              signature);
};

function signOneShot(algorithm, data, key, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!key) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const padding = getIntOption('padding', key);
  const saltLength = getIntOption('saltLength', key);
  const dsaEncoding = getDSASignatureEncoding(key);
  const handle = handleFor(preparePrivateKey(key), true);
  const digest = algorithm == null ? undefined : algorithm;
  if (!callback) {
    return bufferFromArrayBuffer(
      cryptoBinding.sign(handle, data, digest, padding, saltLength, dsaEncoding, undefined));
  }
  cryptoBinding.sign(handle, data, digest, padding, saltLength, dsaEncoding, (err, sig) => {
    if (err) return callback(err);
    callback(null, bufferFromArrayBuffer(sig));
  });
}

function verifyOneShot(algorithm, data, key, signature, callback) {
  if (algorithm != null) validateString(algorithm, 'algorithm');
  if (callback !== undefined) validateFunction(callback, 'callback');
  data = getArrayBufferOrView(data, 'data');
  if (!isArrayBufferView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView'], data);
  }
  const padding = getIntOption('padding', key);
  const saltLength = getIntOption('saltLength', key);
  const dsaEncoding = getDSASignatureEncoding(key);
  if (!isArrayBufferView(signature)) {
    throw new ERR_INVALID_ARG_TYPE('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
  }
  const handle = handleFor(preparePublicOrPrivateKey(key), false);
  const digest = algorithm == null ? undefined : algorithm;
  if (!callback) {
    return cryptoBinding.verify(handle, data, signature, digest, padding, saltLength, dsaEncoding,
                          undefined);
  }
  cryptoBinding.verify(handle, data, signature, digest, padding, saltLength, dsaEncoding, callback);
}

module.exports = { Sign, Verify, signOneShot, verifyOneShot };
