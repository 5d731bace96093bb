'use strict';

// Key derivation: pbkdf2(Sync), scrypt(Sync), hkdf(Sync). The async forms
// run on the worker pool (the binding call gets a callback).

const {
  codes: { ERR_CRYPTO_SCRYPT_INVALID_PARAMETER, ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
  hideStackFrames,
} = require('internal/errors');
const {
  validateFunction, validateInt32, validateInteger, validateString, validateUint32,
} = require('internal/validators');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const { kMaxLength } = require('buffer');
const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, nativeError, opensslError, toBuf,
  validateByteSource,
} = require('internal/crypto/util');

// ---- pbkdf2 ------------------------------------------------------------------

function checkPbkdf2(password, salt, iterations, keylen, digest) {
  validateString(digest, 'digest');
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  // OpenSSL counts these in signed ints.
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  return { password, salt, iterations, keylen, digest };
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  ({ password, salt, iterations, keylen, digest } =
    checkPbkdf2(password, salt, iterations, keylen, digest));
  validateFunction(callback, 'callback');
  cryptoBinding.pbkdf2(password, salt, iterations, keylen, digest, (err, result) => {
    if (err) return callback(err);
    callback(null, bufferFromArrayBuffer(result));
  });
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  ({ password, salt, iterations, keylen, digest } =
    checkPbkdf2(password, salt, iterations, keylen, digest));
  return bufferFromArrayBuffer(
    cryptoBinding.pbkdf2(password, salt, iterations, keylen, digest, undefined));
}

// ---- scrypt ------------------------------------------------------------------

const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function checkScrypt(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, 'password');
  salt = getArrayBufferOrView(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = scryptDefaults;
  if (options && options !== scryptDefaults) {
    const hasN = options.N !== undefined;
    if (hasN) {
      N = options.N;
      validateUint32(N, 'N');
    }
    if (options.cost !== undefined) {
      if (hasN) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      N = options.cost;
      validateUint32(N, 'cost');
    }
    const hasR = options.r !== undefined;
    if (hasR) {
      r = options.r;
      validateUint32(r, 'r');
    }
    if (options.blockSize !== undefined) {
      if (hasR) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      r = options.blockSize;
      validateUint32(r, 'blockSize');
    }
    const hasP = options.p !== undefined;
    if (hasP) {
      p = options.p;
      validateUint32(p, 'p');
    }
    if (options.parallelization !== undefined) {
      if (hasP) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      p = options.parallelization;
      validateUint32(p, 'parallelization');
    }
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, 'maxmem', 0);
    }
    if (N === 0) N = scryptDefaults.N;
    if (r === 0) r = scryptDefaults.r;
    if (p === 0) p = scryptDefaults.p;
    if (maxmem === 0) maxmem = scryptDefaults.maxmem;
  }
  // OpenSSL's verdict on the parameters, with Node's wording.
  const verdict = cryptoBinding.checkScrypt(N, r, p, maxmem);
  if (verdict === 1) {
    throw nativeError(RangeError, 'Invalid scrypt params', 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
  }
  if (verdict === 2) {
    const inner = opensslError('030000AC', 'digital envelope routines', 'memory limit exceeded');
    throw nativeError(RangeError, `Invalid scrypt params: ${inner.message}`,
                      'ERR_CRYPTO_INVALID_SCRYPT_PARAMS');
  }
  return { password, salt, keylen, N, r, p, maxmem };
}

function scrypt(password, salt, keylen, options, callback = scryptDefaults) {
  if (callback === scryptDefaults) {
    callback = options;
    options = scryptDefaults;
  }
  options = checkScrypt(password, salt, keylen, options);
  const { N, r, p, maxmem } = options;
  validateFunction(callback, 'callback');
  cryptoBinding.scrypt(options.password, options.salt, N, r, p, maxmem, options.keylen,
                 (err, result) => {
                   if (err) return callback(err);
                   callback(null, bufferFromArrayBuffer(result));
                 });
}

function scryptSync(password, salt, keylen, options = scryptDefaults) {
  options = checkScrypt(password, salt, keylen, options);
  const { N, r, p, maxmem } = options;
  return bufferFromArrayBuffer(cryptoBinding.scrypt(options.password, options.salt, N, r, p, maxmem,
                                              options.keylen, undefined));
}

// ---- hkdf --------------------------------------------------------------------

function prepareHkdfKey(key) {
  const keys = require('internal/crypto/keys');
  if (keys.isKeyObject(key)) {
    if (key.type !== 'secret') {
      throw new ERR_INVALID_ARG_TYPE('ikm',
        ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
    }
    return keys.secretKeyBytes(key);
  }
  if (isAnyArrayBuffer(key)) return key;
  key = toBuf(key);
  if (!isArrayBufferView(key)) {
    throw new ERR_INVALID_ARG_TYPE('ikm',
      ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer'], key);
  }
  return key;
}

const validateHkdf = hideStackFrames((hash, key, salt, info, length) => {
  validateString(hash, 'digest');
  key = prepareHkdfKey(key);
  salt = validateByteSource(salt, 'salt');
  info = validateByteSource(info, 'info');
  validateInteger(length, 'length', 0, kMaxLength);
  if (info.byteLength > 1024) {
    throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.byteLength);
  }
  return { hash, key, salt, info, length };
});

function hkdf(hash, key, salt, info, length, callback) {
  ({ hash, key, salt, info, length } = validateHkdf(hash, key, salt, info, length));
  validateFunction(callback, 'callback');
  cryptoBinding.hkdf(hash, key, salt, info, length, (err, bits) => {
    if (err) return callback(err);
    callback(null, bits);
  });
}

function hkdfSync(hash, key, salt, info, length) {
  ({ hash, key, salt, info, length } = validateHkdf(hash, key, salt, info, length));
  return cryptoBinding.hkdf(hash, key, salt, info, length, undefined);
}

module.exports = { hkdf, hkdfSync, pbkdf2, pbkdf2Sync, scrypt, scryptSync };
