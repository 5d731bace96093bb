'use strict';

// publicEncrypt / privateDecrypt / privateEncrypt / publicDecrypt (RSA),
// diffieHellman (ECDH and X25519 between KeyObjects), createECDH (the
// stateful ECDH class) and getCurves.

const {
  codes: {
    ERR_CRYPTO_ECDH_INVALID_FORMAT, ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY,
    ERR_CRYPTO_INCOMPATIBLE_KEY, ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE, ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateObject, validateString } = require('internal/validators');
const {
  cryptoBinding, bufferFromArrayBuffer, cachedResult, getArrayBufferOrView, getDefaultEncoding,
  kHandle, nativeError, toBuf,
} = require('internal/crypto/util');
const {
  KeyObject, KeyObjectHandle, handleFor, preparePrivateKey, preparePublicOrPrivateKey,
} = require('internal/crypto/keys');

const RSA_PKCS1_PADDING = 1;
const RSA_PKCS1_OAEP_PADDING = 4;

// --security-revert=CVE-2023-46809 (runtime/options.cc checked its value).
function pkcs1DecryptReverted() {
  return require('internal/options').getOptionValues('--security-revert').includes('CVE-2023-46809');
}

function rsaFunctionFor(op, defaultPadding, keyType) {
  return (options, buffer) => {
    const isPrivate = keyType === 'private';
    const prepared = isPrivate ? preparePrivateKey(options) : preparePublicOrPrivateKey(options);
    const padding = options.padding || defaultPadding;
    const { oaepHash, encoding } = options;
    let { oaepLabel } = options;
    if (oaepHash !== undefined) validateString(oaepHash, 'key.oaepHash');
    if (oaepLabel !== undefined) oaepLabel = getArrayBufferOrView(oaepLabel, 'key.oaepLabel', encoding);
    buffer = getArrayBufferOrView(buffer, 'buffer', encoding);
    // As Node: a public key read for a private operation fails in OpenSSL.
    const handle = handleFor(prepared, isPrivate, true);
    if (op === 1 && padding === RSA_PKCS1_PADDING && !pkcs1DecryptReverted()) {
      // Node 20 refuses it since CVE-2023-46809 (the Marvin attack).
      throw nativeError(TypeError,
                        'RSA_PKCS1_PADDING is no longer supported for private decryption, ' +
                        'this can be reverted with --security-revert=CVE-2023-46809',
                        'ERR_INVALID_ARG_VALUE');
    }
    return bufferFromArrayBuffer(
      cryptoBinding.rsaCipher(op, handle, buffer, padding, oaepHash, oaepLabel));
  };
}

const publicEncrypt = rsaFunctionFor(0, RSA_PKCS1_OAEP_PADDING, 'public');
const privateDecrypt = rsaFunctionFor(1, RSA_PKCS1_OAEP_PADDING, 'private');
const privateEncrypt = rsaFunctionFor(2, RSA_PKCS1_PADDING, 'private');
const publicDecrypt = rsaFunctionFor(3, RSA_PKCS1_PADDING, 'public');

const dhEnabledKeyTypes = new Set(['dh', 'ec', 'x448', 'x25519']);

function diffieHellman(options) {
  validateObject(options, 'options');
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.privateKey', privateKey);
  if (!(publicKey instanceof KeyObject)) throw new ERR_INVALID_ARG_VALUE('options.publicKey', publicKey);
  if (privateKey.type !== 'private') {
    throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(privateKey.type, 'private');
  }
  if (publicKey.type !== 'public' && publicKey.type !== 'private') {
    throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(publicKey.type, 'private or public');
  }
  const privateType = privateKey.asymmetricKeyType;
  const publicType = publicKey.asymmetricKeyType;
  if (privateType !== publicType || !dhEnabledKeyTypes.has(privateType)) {
    throw new ERR_CRYPTO_INCOMPATIBLE_KEY('key types for Diffie-Hellman',
                                          `${privateType} and ${publicType}`);
  }
  return bufferFromArrayBuffer(cryptoBinding.deriveSecret(privateKey[kHandle], publicKey[kHandle]));
}

// ---- ECDH ------------------------------------------------------------------------

const getCurves = cachedResult(() => cryptoBinding.getCurves().slice().sort());

function curveHandle(curve, point) {
  const h = new KeyObjectHandle();
  if (!h.initEcPoint(curve, point)) throw new ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY();
  return h;
}

// 'compressed', 'uncompressed' (default) or 'hybrid' (uncompressed with
// 0x06 | y-parity as the first byte).
function encodePoint(handle, format) {
  let compressed = false;
  let hybrid = false;
  if (format) {
    if (format === 'compressed') compressed = true;
    else if (format === 'hybrid') hybrid = true;
    else if (format !== 'uncompressed') throw new ERR_CRYPTO_ECDH_INVALID_FORMAT(format);
  }
  const point = bufferFromArrayBuffer(handle.ecPoint(compressed));
  if (hybrid) point[0] = 0x06 | (point[point.length - 1] & 1);
  return point;
}

function encode(buf, encoding) {
  if (encoding && encoding !== 'buffer') return buf.toString(encoding);
  return buf;
}

function ECDH(curve) {
  if (!(this instanceof ECDH)) return new ECDH(curve);
  validateString(curve, 'curve');
  checkCurve(curve);
  this[kHandle] = { curve, key: null, publicKey: null };
}

// State: `key`, the private key (with its public point) once generated or
// set; `publicKey`, a point set by setPublicKey, which then is reported and
// must match `key` for computeSecret (as EC_KEY_check_key judges in Node).
ECDH.prototype.computeSecret = function computeSecret(key, inEnc, outEnc) {
  key = getArrayBufferOrView(key, 'key', inEnc);
  const state = this[kHandle];
  if (state.key === null || (state.publicKey && !state.publicKey.equals(state.key))) {
    throw nativeError(RangeError, 'Invalid key pair', 'ERR_CRYPTO_INVALID_KEYPAIR');
  }
  const peer = curveHandle(state.curve, key);
  const secret = bufferFromArrayBuffer(cryptoBinding.deriveSecret(state.key, peer));
  outEnc = outEnc || getDefaultEncoding();
  return encode(secret, outEnc);
};

ECDH.prototype.setPrivateKey = function setPrivateKey(key, enc) {
  key = getArrayBufferOrView(key, 'key', enc);
  const h = new KeyObjectHandle();
  if (!h.initEcPrivate(this[kHandle].curve, key)) {
    throw nativeError(Error, 'Private key is not valid for specified curve.',
                      'ERR_CRYPTO_INVALID_KEYTYPE');
  }
  this[kHandle].key = h;
  this[kHandle].publicKey = null;
  return this;
};

ECDH.prototype.setPublicKey = function setPublicKey(key, enc) {
  key = getArrayBufferOrView(key, 'key', enc);
  const h = new KeyObjectHandle();
  if (!h.initEcPoint(this[kHandle].curve, key)) {
    throw nativeError(Error, 'Failed to convert Buffer to EC_POINT', 'ERR_CRYPTO_OPERATION_FAILED');
  }
  this[kHandle].publicKey = h;
  return this;
};

ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
  const state = this[kHandle];
  if (state.key === null) {
    throw nativeError(Error, 'Failed to get ECDH private key', 'ERR_CRYPTO_OPERATION_FAILED');
  }
  const d = bufferFromArrayBuffer(state.key.components().d);
  // OpenSSL's BN_bn2bin: no leading zero bytes.
  let i = 0;
  while (i < d.length - 1 && d[i] === 0) i++;
  return encode(i === 0 ? d : d.subarray(i), encoding);
};

ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
  const pkcs8 = cryptoBinding.generateKeyPair('ec', [this[kHandle].curve], undefined);
  const h = new KeyObjectHandle();
  h.initPrivate(pkcs8, 'der', 'pkcs8', null);
  this[kHandle].key = h;
  this[kHandle].publicKey = null;
  return this.getPublicKey(encoding, format);
};

ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
  const state = this[kHandle];
  const handle = state.publicKey || state.key;
  if (!handle) {
    throw nativeError(Error, 'Failed to get ECDH public key', 'ERR_CRYPTO_OPERATION_FAILED');
  }
  return encode(encodePoint(handle, format), encoding);
};

function checkCurve(curve) {
  if (!cryptoBinding.getCurves().includes(curve)) {
    throw nativeError(TypeError, 'Invalid EC curve name', 'ERR_CRYPTO_INVALID_CURVE');
  }
}

ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
  validateString(curve, 'curve');
  checkCurve(curve);
  key = getArrayBufferOrView(key, 'key', inEnc);
  const h = new KeyObjectHandle();
  if (!h.initEcPoint(curve, key)) {
    throw nativeError(Error, 'Failed to convert Buffer to EC_POINT', 'ERR_CRYPTO_OPERATION_FAILED');
  }
  return encode(encodePoint(h, format), outEnc);
};

module.exports = {
  ECDH,
  diffieHellman,
  getCurves,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
};
