'use strict';

// node:crypto over BoringSSL (process.binding('crypto')). The pieces live in
// internal/crypto/*; this file only assembles the public surface in Node's
// order. Heavier, rarely used parts (Web Crypto, X509Certificate, classic
// Diffie-Hellman, primes) load on first use.

const { getRandomValues: randomValues, randomBytes, randomFill, randomFillSync, randomInt,
        randomUUID } = require('internal/crypto/random');
const { pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync } = require('internal/crypto/kdf');
const { Hash, Hmac, hash, getHashes } = require('internal/crypto/hash');
const { Cipheriv, Decipheriv, getCipherInfo, getCiphers } = require('internal/crypto/cipher');
const {
  KeyObject, createPrivateKey, createPublicKey, createSecretKey,
} = require('internal/crypto/keys');
const {
  generateKey, generateKeyPair, generateKeyPairSync, generateKeySync,
} = require('internal/crypto/keygen');
const { Sign, Verify, signOneShot, verifyOneShot } = require('internal/crypto/sig');
const {
  ECDH, diffieHellman, getCurves, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt,
} = require('internal/crypto/asym');
const { cryptoBinding, nativeError } = require('internal/crypto/util');
const constants = require('internal/crypto/constants');

// A function that loads its module on first call, with the real one's name.
function lazy(id, name, length, displayName = name) {
  const fn = { [displayName](...args) { return require(id)[name](...args); } }[displayName];
  Object.defineProperty(fn, 'length', { __proto__: null, value: length, configurable: true });
  return fn;
}

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

function createECDH(curve) {
  return new ECDH(curve);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// Checked natively, with Node's C++ wording.
function timingSafeEqual(...args) {
  return cryptoBinding.timingSafeEqual(...args);
}

// BoringSSL here is not a FIPS build, and engines are an OpenSSL feature.
function getFips() {
  return 0;
}

// Accepted and ignored, as Node 20 does when OpenSSL 3 has no FIPS provider.
function setFips(val) {}

function setEngine(id, flags) {
  const { validateString, validateNumber } = require('internal/validators');
  validateString(id, 'id');
  if (flags !== undefined) validateNumber(flags, 'flags');
  throw nativeError(Error, 'Custom engines not supported by this OpenSSL',
                    'ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED');
}

function secureHeapUsed() {
  return { total: 0, used: 0, utilization: 0, min: 0 };
}

function getRandomValues(array) {
  return randomValues(array);
}

module.exports = {
  // Methods
  checkPrime: lazy('internal/crypto/prime', 'checkPrime', 1),
  checkPrimeSync: lazy('internal/crypto/prime', 'checkPrimeSync', 1),
  createCipheriv,
  createDecipheriv,
  createDiffieHellman: lazy('internal/crypto/dh', 'createDiffieHellman', 4),
  createDiffieHellmanGroup: lazy('internal/crypto/dh', 'createDiffieHellmanGroup', 1),
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  createSign,
  createVerify,
  diffieHellman,
  generatePrime: lazy('internal/crypto/prime', 'generatePrime', 3),
  generatePrimeSync: lazy('internal/crypto/prime', 'generatePrimeSync', 1),
  getCiphers,
  getCipherInfo,
  getCurves,
  getDiffieHellman: lazy('internal/crypto/dh', 'createDiffieHellmanGroup', 1),
  getHashes,
  hkdf,
  hkdfSync,
  pbkdf2,
  pbkdf2Sync,
  generateKeyPair,
  generateKeyPairSync,
  generateKey,
  generateKeySync,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  sign: signOneShot,
  setEngine,
  timingSafeEqual,
  getFips,
  setFips,
  verify: verifyOneShot,
  hash,

  // Classes
  Certificate: undefined,
  Cipher: undefined,
  Cipheriv,
  Decipher: undefined,
  Decipheriv,
  DiffieHellman: undefined,
  DiffieHellmanGroup: undefined,
  ECDH,
  Hash,
  Hmac,
  KeyObject,
  Sign,
  Verify,
  X509Certificate: undefined,
  secureHeapUsed,
  constants,
};

// Classes whose modules load on first use: plain-looking properties that
// become values once read.
function defineLazyClass(name, id, key = name) {
  Object.defineProperty(module.exports, name, {
    __proto__: null, enumerable: true, configurable: true,
    get() {
      const value = require(id)[key];
      Object.defineProperty(module.exports, name, {
        __proto__: null, value, writable: true, enumerable: true, configurable: true,
      });
      return value;
    },
    set(value) {
      Object.defineProperty(module.exports, name, {
        __proto__: null, value, writable: true, enumerable: true, configurable: true,
      });
    },
  });
}
defineLazyClass('Certificate', 'internal/crypto/certificate');
defineLazyClass('Cipher', 'internal/crypto/legacy_cipher');
defineLazyClass('Decipher', 'internal/crypto/legacy_cipher');
defineLazyClass('DiffieHellman', 'internal/crypto/dh');
defineLazyClass('DiffieHellmanGroup', 'internal/crypto/dh');
defineLazyClass('X509Certificate', 'internal/crypto/x509');

function lazyWebCrypto() {
  return require('internal/crypto/webcrypto');
}

// crypto.prng / pseudoRandomBytes / rng: randomBytes under old names,
// deprecated (DEP0115) only with --pending-deprecation, decided on first use.
function randomBytesAlias(key) {
  return {
    __proto__: null, enumerable: false, configurable: true,
    get() {
      let value = randomBytes;
      if (require('internal/options').pendingDeprecation()) {
        const { deprecate } = require('internal/util/deprecate');
        value = deprecate(randomBytes, `crypto.${key} is deprecated.`, 'DEP0115');
      }
      Object.defineProperty(this, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(this, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
    },
  };
}

Object.defineProperties(module.exports, {
  createCipher: {
    __proto__: null, enumerable: false, writable: true, configurable: true,
    value: lazy('internal/crypto/legacy_cipher', 'createCipher', 3, 'deprecated'),
  },
  createDecipher: {
    __proto__: null, enumerable: false, writable: true, configurable: true,
    value: lazy('internal/crypto/legacy_cipher', 'createDecipher', 3, 'deprecated'),
  },
  fips: {
    __proto__: null, enumerable: false, configurable: true,
    get: getFips,
    set: setFips,
  },
  webcrypto: {
    __proto__: null, enumerable: true, configurable: false,
    get() { return lazyWebCrypto().crypto; },
    set: undefined,
  },
  subtle: {
    __proto__: null, enumerable: true, configurable: false,
    get() { return lazyWebCrypto().crypto.subtle; },
    set: undefined,
  },
  getRandomValues: {
    __proto__: null, enumerable: true, configurable: false,
    get() { return getRandomValues; },
    set: undefined,
  },
  prng: randomBytesAlias('prng'),
  pseudoRandomBytes: randomBytesAlias('pseudoRandomBytes'),
  rng: randomBytesAlias('rng'),
});
