'use strict';

// The Web Crypto API: crypto.webcrypto (the global `crypto`), its
// getRandomValues/randomUUID and `subtle` (SubtleCrypto). Each method
// converts its arguments as WebIDL would, normalizes the algorithm, checks
// the key's usages and algorithm, and runs the operation
// (webcrypto_keys.js, webcrypto_ops.js); every SubtleCrypto method returns a
// promise, rejected on any failure.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
} = require('internal/errors');
const { CryptoKey, kAlgorithm, kKeyUsages } = require('internal/crypto/keys');
const { getRandomValues, randomUUID } = require('internal/crypto/random');
const { lazyDOMException } = require('internal/crypto/util');
const {
  argBufferSource, argCryptoKey, argKeyFormat, argUsages, getBlockSize, normalizeAlgorithm,
  requiredArguments, typeError,
} = require('internal/crypto/webcrypto_util');
const keys = require('internal/crypto/webcrypto_keys');
const ops = require('internal/crypto/webcrypto_ops');

const kConstruct = Symbol('kConstruct');

function prefixFor(method) {
  return `Failed to execute '${method}' on 'SubtleCrypto'`;
}

function checkKey(key, usage, algorithmName) {
  if (!key[kKeyUsages].includes(usage) || key[kAlgorithm].name !== algorithmName) {
    if (usage === 'sign' || usage === 'verify') {
      throw lazyDOMException(`Unable to use this key to ${usage}`, 'InvalidAccessError');
    }
    throw lazyDOMException('The requested operation is not valid for the provided key',
                           'InvalidAccessError');
  }
}

function keyData(format, value, prefix) {
  if (format === 'jwk') {
    // A JsonWebKey dictionary: null and undefined are an empty one.
    if (value == null) return {};
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw typeError(`${prefix}: 2nd argument can not be converted to a dictionary`,
                      'ERR_INVALID_ARG_TYPE');
    }
    return value;
  }
  return argBufferSource(value, prefix, 1);
}

// The bits deriveKey asks for: what the derived key's algorithm needs.
function derivedKeyLength(algorithm) {
  const { name, length, hash } = algorithm;
  switch (name) {
    case 'AES-CTR': case 'AES-CBC': case 'AES-GCM': case 'AES-KW':
      if (length !== 128 && length !== 192 && length !== 256) {
        throw lazyDOMException('Invalid key length', 'OperationError');
      }
      return length;
    case 'HMAC':
      if (length === undefined) return getBlockSize(hash?.name);
      if (typeof length === 'number' && length !== 0) return length;
      throw lazyDOMException('Invalid key length', 'OperationError');
    default:
      return null;
  }
}

class SubtleCrypto {
  constructor(key) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  async encrypt(algorithm, key, data) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('encrypt');
    requiredArguments(arguments.length, 3, prefix);
    key = argCryptoKey(key, prefix, 1);
    data = argBufferSource(data, prefix, 2);
    algorithm = normalizeAlgorithm(algorithm, 'encrypt');
    checkKey(key, 'encrypt', algorithm.name);
    return ops.cipher(true, algorithm, key, data);
  }

  async decrypt(algorithm, key, data) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('decrypt');
    requiredArguments(arguments.length, 3, prefix);
    key = argCryptoKey(key, prefix, 1);
    data = argBufferSource(data, prefix, 2);
    algorithm = normalizeAlgorithm(algorithm, 'decrypt');
    checkKey(key, 'decrypt', algorithm.name);
    return ops.cipher(false, algorithm, key, data);
  }

  async sign(algorithm, key, data) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('sign');
    requiredArguments(arguments.length, 3, prefix);
    key = argCryptoKey(key, prefix, 1);
    data = argBufferSource(data, prefix, 2);
    algorithm = normalizeAlgorithm(algorithm, 'sign');
    checkKey(key, 'sign', algorithm.name);
    return ops.signVerify(algorithm, key, data);
  }

  async verify(algorithm, key, signature, data) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('verify');
    requiredArguments(arguments.length, 4, prefix);
    key = argCryptoKey(key, prefix, 1);
    signature = argBufferSource(signature, prefix, 2);
    data = argBufferSource(data, prefix, 3);
    algorithm = normalizeAlgorithm(algorithm, 'verify');
    checkKey(key, 'verify', algorithm.name);
    return ops.signVerify(algorithm, key, data, signature);
  }

  async digest(algorithm, data) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('digest');
    requiredArguments(arguments.length, 2, prefix);
    data = argBufferSource(data, prefix, 1);
    return ops.digest(normalizeAlgorithm(algorithm, 'digest'), data);
  }

  async generateKey(algorithm, extractable, keyUsages) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('generateKey');
    requiredArguments(arguments.length, 3, prefix);
    keyUsages = argUsages(keyUsages, prefix, 2);
    algorithm = normalizeAlgorithm(algorithm, 'generateKey');
    const result = keys.generateKey(algorithm, !!extractable, keyUsages);
    const empty = result.privateKey !== undefined ? result.privateKey.usages.length === 0 :
      result.usages.length === 0;
    if (empty) throw lazyDOMException('Usages cannot be empty when creating a key.', 'SyntaxError');
    return result;
  }

  async deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('deriveKey');
    requiredArguments(arguments.length, 5, prefix);
    baseKey = argCryptoKey(baseKey, prefix, 1);
    keyUsages = argUsages(keyUsages, prefix, 4);
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    const importAlgorithm = normalizeAlgorithm(derivedKeyAlgorithm, 'importKey');
    if (!baseKey.usages.includes('deriveKey')) {
      throw lazyDOMException('baseKey does not have deriveKey usage', 'InvalidAccessError');
    }
    if (baseKey.algorithm.name !== algorithm.name) {
      throw lazyDOMException('Key algorithm mismatch', 'InvalidAccessError');
    }
    const length = derivedKeyLength(normalizeAlgorithm(derivedKeyAlgorithm, 'get key length'));
    const bits = ops.deriveBits(algorithm, baseKey, length);
    return keys.importKey('raw', new Uint8Array(bits), importAlgorithm, !!extractable, keyUsages);
  }

  async deriveBits(algorithm, baseKey, length = null) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('deriveBits');
    requiredArguments(arguments.length, 2, prefix);
    baseKey = argCryptoKey(baseKey, prefix, 1);
    if (length !== null) length = Number(length) >>> 0;
    algorithm = normalizeAlgorithm(algorithm, 'deriveBits');
    if (!baseKey.usages.includes('deriveBits')) {
      throw lazyDOMException('baseKey does not have deriveBits usage', 'InvalidAccessError');
    }
    if (baseKey.algorithm.name !== algorithm.name) {
      throw lazyDOMException('Key algorithm mismatch', 'InvalidAccessError');
    }
    return ops.deriveBits(algorithm, baseKey, length);
  }

  async importKey(format, keyDataValue, algorithm, extractable, keyUsages) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('importKey');
    requiredArguments(arguments.length, 5, prefix);
    format = argKeyFormat(format, prefix, 0);
    keyDataValue = keyData(format, keyDataValue, prefix);
    keyUsages = argUsages(keyUsages, prefix, 4);
    algorithm = normalizeAlgorithm(algorithm, 'importKey');
    const key = keys.importKey(format, keyDataValue, algorithm, !!extractable, keyUsages);
    if ((key.type === 'secret' || key.type === 'private') && key.usages.length === 0) {
      throw lazyDOMException(`Usages cannot be empty when importing a ${key.type} key.`, 'SyntaxError');
    }
    return key;
  }

  async exportKey(format, key) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('exportKey');
    requiredArguments(arguments.length, 2, prefix);
    format = argKeyFormat(format, prefix, 0);
    key = argCryptoKey(key, prefix, 1);
    if (!key.extractable) throw lazyDOMException('key is not extractable', 'InvalidAccessException');
    return keys.exportKey(format, key);
  }

  async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('wrapKey');
    requiredArguments(arguments.length, 4, prefix);
    format = argKeyFormat(format, prefix, 0);
    key = argCryptoKey(key, prefix, 1);
    wrappingKey = argCryptoKey(wrappingKey, prefix, 2);
    try {
      wrapAlgorithm = normalizeAlgorithm(wrapAlgorithm, 'wrapKey');
    } catch {
      wrapAlgorithm = normalizeAlgorithm(wrapAlgorithm, 'encrypt');
    }
    checkKey(wrappingKey, 'wrapKey', wrapAlgorithm.name);
    if (!key.extractable) throw lazyDOMException('key is not extractable', 'InvalidAccessException');
    let bytes = keys.exportKey(format, key);
    if (format === 'jwk') {
      let json = JSON.stringify(bytes);
      // AES-KW wraps whole 64-bit blocks: pad the JSON with spaces.
      if (wrapAlgorithm.name === 'AES-KW') json = json.padEnd(Math.ceil(json.length / 8) * 8, ' ');
      bytes = new (require('util').TextEncoder)().encode(json);
    } else {
      bytes = new Uint8Array(bytes);
    }
    if (wrapAlgorithm.name === 'AES-KW') return ops.aesKw(true, wrappingKey, bytes);
    return ops.cipher(true, wrapAlgorithm, wrappingKey, bytes);
  }

  async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgo, unwrappedKeyAlgo, extractable,
                  keyUsages) {
    if (this !== subtle) throw new ERR_INVALID_THIS('SubtleCrypto');
    const prefix = prefixFor('unwrapKey');
    requiredArguments(arguments.length, 7, prefix);
    format = argKeyFormat(format, prefix, 0);
    wrappedKey = argBufferSource(wrappedKey, prefix, 1);
    unwrappingKey = argCryptoKey(unwrappingKey, prefix, 2);
    keyUsages = argUsages(keyUsages, prefix, 6);
    try {
      unwrapAlgo = normalizeAlgorithm(unwrapAlgo, 'unwrapKey');
    } catch {
      unwrapAlgo = normalizeAlgorithm(unwrapAlgo, 'decrypt');
    }
    checkKey(unwrappingKey, 'unwrapKey', unwrapAlgo.name);
    const bytes = unwrapAlgo.name === 'AES-KW' ? ops.aesKw(false, unwrappingKey, wrappedKey) :
      ops.cipher(false, unwrapAlgo, unwrappingKey, wrappedKey);
    let data = new Uint8Array(bytes);
    if (format === 'jwk') {
      try {
        data = JSON.parse(new (require('util').TextDecoder)().decode(data));
      } catch {
        throw lazyDOMException('Invalid wrapped JWK key', 'DataError');
      }
    }
    const algorithm = normalizeAlgorithm(unwrappedKeyAlgo, 'importKey');
    return keys.importKey(format, data, algorithm, !!extractable, keyUsages);
  }
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'SubtleCrypto', writable: false, enumerable: false, configurable: true,
});

class Crypto {
  constructor(key) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get subtle() {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    return subtle;
  }

  getRandomValues(array) {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    if (arguments.length < 1) {
      throw typeError("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, " +
                      'but only 0 present.', 'ERR_MISSING_ARGS');
    }
    return getRandomValues(array);
  }

  randomUUID() {
    if (this !== crypto) throw new ERR_INVALID_THIS('Crypto');
    return randomUUID();
  }
}
Object.defineProperty(Crypto.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'Crypto', writable: false, enumerable: false, configurable: true,
});
for (const name of ['subtle', 'getRandomValues', 'randomUUID']) {
  Object.defineProperty(Crypto.prototype, name, { __proto__: null, enumerable: true });
}
for (const name of Object.getOwnPropertyNames(SubtleCrypto.prototype)) {
  if (name !== 'constructor') {
    Object.defineProperty(SubtleCrypto.prototype, name, { __proto__: null, enumerable: true });
  }
}

const subtle = new SubtleCrypto(kConstruct);
const crypto = new Crypto(kConstruct);

module.exports = { Crypto, CryptoKey, SubtleCrypto, crypto };
