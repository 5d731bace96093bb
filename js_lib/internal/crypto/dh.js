'use strict';

// Classic Diffie-Hellman: createDiffieHellman (DiffieHellman) and
// getDiffieHellman / createDiffieHellmanGroup (DiffieHellmanGroup) over
// bindings/crypto_dh.h. ECDH and diffieHellman() live in asym.js.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateInt32 } = require('internal/validators');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, kHandle, toBuf,
} = require('internal/crypto/util');

const { DiffieHellmanHandle } = cryptoBinding;
const DH_GENERATOR = 2;

function encode(ab, encoding) {
  const buf = bufferFromArrayBuffer(ab);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

function defineVerifyError(self) {
  Object.defineProperty(self, 'verifyError', {
    __proto__: null, enumerable: true, value: self[kHandle].verifyError(), writable: false,
  });
}

function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  if (!(this instanceof DiffieHellman)) {
    return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
  }
  if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' &&
      !isArrayBufferView(sizeOrKey) && !isAnyArrayBuffer(sizeOrKey)) {
    throw new ERR_INVALID_ARG_TYPE('sizeOrKey',
      ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], sizeOrKey);
  }
  // Negative sizes get OpenSSL's error, not a validation error (as Node).
  if (typeof sizeOrKey === 'number') validateInt32(sizeOrKey, 'sizeOrKey');
  if (keyEncoding && !Buffer.isEncoding(keyEncoding) && keyEncoding !== 'buffer') {
    genEncoding = generator;
    generator = keyEncoding;
    keyEncoding = false;
  }
  if (typeof sizeOrKey !== 'number') sizeOrKey = toBuf(sizeOrKey, keyEncoding);
  if (!generator) {
    generator = DH_GENERATOR;
  } else if (typeof generator === 'number') {
    validateInt32(generator, 'generator');
  } else if (typeof generator === 'string') {
    generator = toBuf(generator, genEncoding);
  } else if (!isArrayBufferView(generator) && !isAnyArrayBuffer(generator)) {
    throw new ERR_INVALID_ARG_TYPE('generator',
      ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], generator);
  }
  this[kHandle] = new DiffieHellmanHandle(sizeOrKey, generator);
  defineVerifyError(this);
}

function DiffieHellmanGroup(name) {
  if (!(this instanceof DiffieHellmanGroup)) return new DiffieHellmanGroup(name);
  this[kHandle] = new DiffieHellmanHandle(`${name}`);
  defineVerifyError(this);
}

function generateKeys(encoding) {
  return encode(this[kHandle].generateKeys(), encoding);
}

function computeSecret(key, inEnc, outEnc) {
  key = getArrayBufferOrView(key, 'key', inEnc);
  return encode(this[kHandle].computeSecret(key), outEnc);
}

function getPrime(encoding) {
  return encode(this[kHandle].getPrime(), encoding);
}

function getGenerator(encoding) {
  return encode(this[kHandle].getGenerator(), encoding);
}

function getPublicKey(encoding) {
  return encode(this[kHandle].getPublicKey(), encoding);
}

function getPrivateKey(encoding) {
  return encode(this[kHandle].getPrivateKey(), encoding);
}

for (const C of [DiffieHellmanGroup, DiffieHellman]) {
  C.prototype.generateKeys = generateKeys;
  C.prototype.computeSecret = computeSecret;
  C.prototype.getPrime = getPrime;
  C.prototype.getGenerator = getGenerator;
  C.prototype.getPublicKey = getPublicKey;
  C.prototype.getPrivateKey = getPrivateKey;
}

DiffieHellman.prototype.setPublicKey = function setPublicKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].setPublicKey(key);
  return this;
};

DiffieHellman.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  key = getArrayBufferOrView(key, 'key', encoding);
  this[kHandle].setPrivateKey(key);
  return this;
};

function createDiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
}

function createDiffieHellmanGroup(name) {
  return new DiffieHellmanGroup(name);
}

module.exports = { DiffieHellman, DiffieHellmanGroup, createDiffieHellman, createDiffieHellmanGroup };
