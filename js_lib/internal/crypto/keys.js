'use strict';

// KeyObject (secret, public, private) and CryptoKey, createSecretKey /
// createPublicKey / createPrivateKey, and the prepare*Key helpers every
// keyed API uses to turn its `key` argument into a native KeyObjectHandle
// (bindings/crypto_keys.h). Encoding options and JWKs: key_encoding.js.

const {
  codes: {
    ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS, ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,
    ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateObject, validateOneOf } = require('internal/validators');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, kHandle, kKeyObject,
} = require('internal/crypto/util');
const encoding = require('internal/crypto/key_encoding');

const { KeyObjectHandle } = cryptoBinding;
const kKeyType = Symbol('kKeyType');
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');
const kAlgorithm = Symbol('kAlgorithm');
const kExtractable = Symbol('kExtractable');
const kKeyUsages = Symbol('kKeyUsages');

// What a keyed API does with the key: it decides which kinds are accepted.
const kConsumePublic = 0;
const kConsumePrivate = 1;
const kCreatePublic = 2;
const kCreatePrivate = 3;

class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw new ERR_INVALID_ARG_VALUE('type', type);
    }
    if (typeof handle !== 'object' || !(handle instanceof KeyObjectHandle)) {
      throw new ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    this[kKeyType] = type;
    Object.defineProperty(this, kHandle, {
      __proto__: null, value: handle, enumerable: false, configurable: false, writable: false,
    });
  }

  get type() {
    return this[kKeyType];
  }

  static from(key) {
    if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return key[kKeyObject];
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) {
      throw new ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', otherKeyObject);
    }
    return otherKeyObject.type === this.type && this[kHandle].equals(otherKeyObject[kHandle]);
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'KeyObject',
});

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super('secret', handle);
  }

  get symmetricKeySize() {
    return this[kHandle].size();
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      validateOneOf(options.format, 'options.format', [undefined, 'buffer', 'jwk']);
      if (options.format === 'jwk') {
        return { kty: 'oct', k: bufferFromArrayBuffer(this[kHandle].exportSecret()).toString('base64url') };
      }
    }
    return bufferFromArrayBuffer(this[kHandle].exportSecret());
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return this[kAsymmetricKeyType] ||= this[kHandle].keyType();
  }

  get asymmetricKeyDetails() {
    switch (this.asymmetricKeyType) {
      case 'rsa':
      case 'rsa-pss':
      case 'dsa':
      case 'ec':
        return this[kAsymmetricKeyDetails] ||= this[kHandle].details();
      default:
        return {};
    }
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('public', handle);
  }

  export(options) {
    if (options && options.format === 'jwk') return encoding.exportJwk(this[kHandle], false);
    const { format, type } =
      encoding.parsePublicKeyEncoding(options, this.asymmetricKeyType);
    return exportResult(this[kHandle].exportPublic(format, type));
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('private', handle);
  }

  export(options) {
    if (options && options.format === 'jwk') {
      if (options.passphrase !== undefined) {
        throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('jwk', 'does not support encryption');
      }
      return encoding.exportJwk(this[kHandle], true);
    }
    const { format, type, cipher, passphrase } =
      encoding.parsePrivateKeyEncoding(options, this.asymmetricKeyType);
    return exportResult(this[kHandle].exportPrivate(format, type, cipher, passphrase));
  }
}

function exportResult(ret) {
  return typeof ret === 'string' ? ret : bufferFromArrayBuffer(ret);
}

function isKeyObject(obj) {
  return obj != null && obj[kKeyType] !== undefined;
}

// ---- CryptoKey (Web Crypto) ----------------------------------------------------

class CryptoKey {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get type() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kKeyObject].type;
  }

  get extractable() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kExtractable];
  }

  get algorithm() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kAlgorithm];
  }

  get usages() {
    if (!(this instanceof CryptoKey)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return Array.from(this[kKeyUsages]);
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `CryptoKey ${inspect({
      type: this.type,
      extractable: this.extractable,
      algorithm: this.algorithm,
      usages: this.usages,
    }, opts)}`;
  }
}
Object.defineProperties(CryptoKey.prototype, {
  type: { __proto__: null, enumerable: true },
  extractable: { __proto__: null, enumerable: true },
  algorithm: { __proto__: null, enumerable: true },
  usages: { __proto__: null, enumerable: true },
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'CryptoKey' },
});

// Every CryptoKey is made through this (CryptoKey itself cannot be called).
function InternalCryptoKey(keyObject, algorithm, keyUsages, extractable) {
  this[kKeyObject] = keyObject;
  this[kAlgorithm] = algorithm;
  this[kExtractable] = extractable;
  this[kKeyUsages] = keyUsages;
}
InternalCryptoKey.prototype = CryptoKey.prototype;

function isCryptoKey(obj) {
  return obj != null && obj[kKeyObject] !== undefined;
}

// ---- turning `key` arguments into handles ------------------------------------------

function isStringOrBuffer(val) {
  return typeof val === 'string' || isArrayBufferView(val) || isAnyArrayBuffer(val);
}

function getKeyTypes(allowKeyObject, bufferOnly = false) {
  const types = ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string',
                 'KeyObject', 'CryptoKey'];
  if (bufferOnly) return types.slice(0, 4);
  if (!allowKeyObject) return types.slice(0, 5);
  return types;
}

function getKeyObjectHandle(key, ctx) {
  if (ctx === kCreatePrivate) {
    throw new ERR_INVALID_ARG_TYPE('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray',
                                           'DataView'], key);
  }
  if (key.type !== 'private') {
    if (ctx === kConsumePrivate || ctx === kCreatePublic) {
      throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private');
    }
    if (key.type !== 'public') {
      throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'private or public');
    }
  }
  return key[kHandle];
}

// { data: handle } or { data: bytes, format, type, passphrase }.
function prepareAsymmetricKey(key, ctx) {
  if (isKeyObject(key)) return { data: getKeyObjectHandle(key, ctx) };
  if (isCryptoKey(key)) return { data: getKeyObjectHandle(key[kKeyObject], ctx) };
  if (isStringOrBuffer(key)) return { format: 'pem', data: getArrayBufferOrView(key, 'key') };
  if (typeof key === 'object' && key !== null) {
    const { key: data, encoding: enc, format } = key;
    if (isKeyObject(data)) return { data: getKeyObjectHandle(data, ctx) };
    if (isCryptoKey(data)) return { data: getKeyObjectHandle(data[kKeyObject], ctx) };
    if (format === 'jwk') {
      validateObject(data, 'key.key');
      const isPublic = ctx === kConsumePublic || ctx === kCreatePublic;
      return { data: encoding.handleFromJwk(data, isPublic), format: 'jwk' };
    }
    if (!isStringOrBuffer(data)) {
      throw new ERR_INVALID_ARG_TYPE('key.key', getKeyTypes(ctx !== kCreatePrivate), data);
    }
    const isPublic = (ctx === kConsumePrivate || ctx === kCreatePrivate) ? false : undefined;
    return {
      data: getArrayBufferOrView(data, 'key', enc),
      ...encoding.parseKeyEncoding(key, undefined, isPublic),
    };
  }
  throw new ERR_INVALID_ARG_TYPE('key', getKeyTypes(ctx !== kCreatePrivate), key);
}

// A handle for a prepared key: parsed as the private key when `isPrivate`
// (or, with `publicToo`, as the public key it may be instead), else as a
// public key (private key material then gives its public half).
function handleFor(prepared, isPrivate, publicToo = false) {
  const { data, format, type, passphrase } = prepared;
  if (data instanceof KeyObjectHandle) return data;
  const handle = new KeyObjectHandle();
  if (isPrivate) handle.initPrivate(data, format, type, passphrase, publicToo);
  else handle.initPublic(data, format, type, passphrase);
  return handle;
}

function preparePrivateKey(key) {
  return prepareAsymmetricKey(key, kConsumePrivate);
}

function preparePublicOrPrivateKey(key) {
  return prepareAsymmetricKey(key, kConsumePublic);
}

// Secret key material as bytes (a KeyObject's or CryptoKey's, or given).
function prepareSecretKey(key, enc, bufferOnly = false) {
  if (!bufferOnly) {
    if (isKeyObject(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kHandle].exportSecret();
    }
    if (isCryptoKey(key)) {
      if (key.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
      return key[kKeyObject][kHandle].exportSecret();
    }
  }
  if (typeof key !== 'string' && !isArrayBufferView(key) && !isAnyArrayBuffer(key)) {
    throw new ERR_INVALID_ARG_TYPE('key', getKeyTypes(!bufferOnly, bufferOnly), key);
  }
  return getArrayBufferOrView(key, 'key', enc);
}

function secretKeyBytes(keyObject) {
  return keyObject[kHandle].exportSecret();
}

function createSecretKey(key, enc) {
  key = prepareSecretKey(key, enc, true);
  const handle = new KeyObjectHandle();
  handle.initSecret(key);
  return new SecretKeyObject(handle);
}

function createPublicKey(key) {
  const prepared = prepareAsymmetricKey(key, kCreatePublic);
  let handle;
  if (prepared.format === 'jwk') {
    handle = prepared.data;
  } else if (prepared.data instanceof KeyObjectHandle) {
    handle = new KeyObjectHandle();
    handle.initPublicFrom(prepared.data);
  } else {
    handle = handleFor(prepared, false);
  }
  return new PublicKeyObject(handle);
}

function createPrivateKey(key) {
  const prepared = prepareAsymmetricKey(key, kCreatePrivate);
  const handle = prepared.format === 'jwk' ? prepared.data : handleFor(prepared, true);
  return new PrivateKeyObject(handle);
}

// A KeyObject for a handle of any type.
function keyObjectFor(handle) {
  switch (handle.type()) {
    case 0: return new SecretKeyObject(handle);
    case 1: return new PublicKeyObject(handle);
    default: return new PrivateKeyObject(handle);
  }
}

module.exports = {
  AsymmetricKeyObject,
  CryptoKey,
  InternalCryptoKey,
  KeyObject,
  KeyObjectHandle,
  PrivateKeyObject,
  PublicKeyObject,
  SecretKeyObject,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  handleFor,
  isCryptoKey,
  isKeyObject,
  kAlgorithm,
  kExtractable,
  kKeyUsages,
  keyObjectFor,
  preparePrivateKey,
  preparePublicOrPrivateKey,
  prepareSecretKey,
  secretKeyBytes,
};
