'use strict';

// Web Crypto plumbing: WebIDL-style argument conversion (with the wording
// Node's errors use), algorithm normalization (the spec's "normalize an
// algorithm" against per-operation registries and parameter dictionaries),
// and the DOMExceptions the operations throw.

const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const { lazyDOMException } = require('internal/crypto/util');
const { isCryptoKey } = require('internal/crypto/keys');

function typeError(message, code) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

const kOrdinals = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th'];

function requiredArguments(length, required, prefix) {
  if (length < required) {
    throw typeError(`${prefix}: ${required} argument${required === 1 ? '' : 's'} required, ` +
                    `but only ${length} present.`, 'ERR_MISSING_ARGS');
  }
}

// A copy of a BufferSource's bytes (the spec snapshots inputs).
function bufferSource(value, prefix, context) {
  if (isAnyArrayBuffer(value)) return new Uint8Array(value.slice(0));
  if (isArrayBufferView(value)) {
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  throw typeError(`${prefix}: ${context} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`,
                  'ERR_INVALID_ARG_TYPE');
}

function argBufferSource(value, prefix, index) {
  return bufferSource(value, prefix, `${kOrdinals[index]} argument`);
}

function argCryptoKey(value, prefix, index) {
  if (!isCryptoKey(value)) {
    throw typeError(`${prefix}: ${kOrdinals[index]} argument is not of type CryptoKey.`,
                    'ERR_INVALID_ARG_TYPE');
  }
  return value;
}

function argKeyFormat(value, prefix, index) {
  const format = `${value}`;
  if (!['raw', 'pkcs8', 'spki', 'jwk'].includes(format)) {
    throw typeError(`${prefix}: ${kOrdinals[index]} argument value '${format}' is not a valid enum ` +
                    'value of type KeyFormat.', 'ERR_INVALID_ARG_VALUE');
  }
  return format;
}

const kUsages = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];

function argUsages(value, prefix, index) {
  if (value == null || typeof value[Symbol.iterator] !== 'function' || typeof value === 'string') {
    throw typeError(`${prefix}: ${kOrdinals[index]} argument can not be converted to sequence.`,
                    'ERR_INVALID_ARG_TYPE');
  }
  const out = [];
  for (const u of value) {
    const s = `${u}`;
    if (!kUsages.includes(s)) {
      throw typeError(`${prefix}: ${kOrdinals[index]} argument value '${s}' is not a valid enum value ` +
                      'of type KeyUsage.', 'ERR_INVALID_ARG_VALUE');
    }
    out.push(s);
  }
  return out;
}

// ---- algorithm normalization ------------------------------------------------------------

const kRegistry = {
  'digest': { 'SHA-1': null, 'SHA-256': null, 'SHA-384': null, 'SHA-512': null },
  'generateKey': {
    'RSASSA-PKCS1-v1_5': 'RsaHashedKeyGenParams', 'RSA-PSS': 'RsaHashedKeyGenParams',
    'RSA-OAEP': 'RsaHashedKeyGenParams', 'ECDSA': 'EcKeyGenParams', 'ECDH': 'EcKeyGenParams',
    'AES-CTR': 'AesKeyGenParams', 'AES-CBC': 'AesKeyGenParams', 'AES-GCM': 'AesKeyGenParams',
    'AES-KW': 'AesKeyGenParams', 'HMAC': 'HmacKeyGenParams', 'Ed25519': null, 'Ed448': null,
    'X25519': null, 'X448': null,
  },
  'sign': {
    'RSASSA-PKCS1-v1_5': null, 'RSA-PSS': 'RsaPssParams', 'ECDSA': 'EcdsaParams', 'HMAC': null,
    'Ed25519': null, 'Ed448': 'Ed448Params',
  },
  'importKey': {
    'RSASSA-PKCS1-v1_5': 'RsaHashedImportParams', 'RSA-PSS': 'RsaHashedImportParams',
    'RSA-OAEP': 'RsaHashedImportParams', 'ECDSA': 'EcKeyImportParams', 'ECDH': 'EcKeyImportParams',
    'HMAC': 'HmacImportParams', 'HKDF': null, 'PBKDF2': null, 'AES-CTR': null, 'AES-CBC': null,
    'AES-GCM': null, 'AES-KW': null, 'Ed25519': null, 'Ed448': null, 'X25519': null, 'X448': null,
  },
  'deriveBits': {
    'HKDF': 'HkdfParams', 'PBKDF2': 'Pbkdf2Params', 'ECDH': 'EcdhKeyDeriveParams',
    'X25519': 'EcdhKeyDeriveParams', 'X448': 'EcdhKeyDeriveParams',
  },
  'encrypt': {
    'RSA-OAEP': 'RsaOaepParams', 'AES-CBC': 'AesCbcParams', 'AES-GCM': 'AesGcmParams',
    'AES-CTR': 'AesCtrParams',
  },
  'get key length': {
    'AES-CBC': 'AesDerivedKeyParams', 'AES-CTR': 'AesDerivedKeyParams',
    'AES-GCM': 'AesDerivedKeyParams', 'AES-KW': 'AesDerivedKeyParams', 'HMAC': 'HmacImportParams',
    'HKDF': null, 'PBKDF2': null,
  },
  'wrapKey': { 'AES-KW': null },
};
kRegistry.verify = kRegistry.sign;
kRegistry.decrypt = kRegistry.encrypt;
kRegistry.unwrapKey = kRegistry.wrapKey;

// Members of each parameter dictionary: [name, type, required].
const kDictionaries = {
  RsaHashedKeyGenParams: [['modulusLength', 'unsigned long', true],
                          ['publicExponent', 'BigInteger', true], ['hash', 'hash', true]],
  EcKeyGenParams: [['namedCurve', 'DOMString', true]],
  AesKeyGenParams: [['length', 'unsigned short', true]],
  HmacKeyGenParams: [['hash', 'hash', true], ['length', 'unsigned long', false]],
  RsaPssParams: [['saltLength', 'unsigned long', true]],
  EcdsaParams: [['hash', 'hash', true]],
  Ed448Params: [['context', 'BufferSource', false]],
  HmacImportParams: [['hash', 'hash', true], ['length', 'unsigned long', false]],
  HkdfParams: [['hash', 'hash', true], ['salt', 'BufferSource', true], ['info', 'BufferSource', true]],
  Pbkdf2Params: [['hash', 'hash', true], ['iterations', 'unsigned long', true],
                 ['salt', 'BufferSource', true]],
  RsaOaepParams: [['label', 'BufferSource', false]],
  RsaHashedImportParams: [['hash', 'hash', true]],
  EcKeyImportParams: [['namedCurve', 'DOMString', true]],
  AesCbcParams: [['iv', 'BufferSource', true]],
  AesGcmParams: [['iv', 'BufferSource', true], ['tagLength', 'octet', false],
                 ['additionalData', 'BufferSource', false]],
  AesCtrParams: [['counter', 'BufferSource', true], ['length', 'octet', true]],
  AesDerivedKeyParams: [['length', 'unsigned short', true]],
  EcdhKeyDeriveParams: [['public', 'CryptoKey', true]],
};

const kNormalizePrefix = 'Failed to normalize algorithm';

function convertMember(value, type, dict, name) {
  const where = `${kNormalizePrefix}: passed algorithm.${name}`;
  switch (type) {
    case 'hash':
      return normalizeAlgorithm(value, 'digest');
    case 'BufferSource':
      return bufferSource(value, kNormalizePrefix, `passed algorithm.${name}`);
    case 'BigInteger':
      if (!(value instanceof Uint8Array)) {
        throw typeError(`${where} is not instance of Uint8Array.`, 'ERR_INVALID_ARG_TYPE');
      }
      return new Uint8Array(value);
    case 'CryptoKey':
      if (!isCryptoKey(value)) {
        throw typeError(`${where} is not of type CryptoKey.`, 'ERR_INVALID_ARG_TYPE');
      }
      return value;
    case 'DOMString':
      return `${value}`;
    default: {
      // Integer types, [EnforceRange] as the spec's dictionaries declare.
      const max = type === 'octet' ? 0xff : type === 'unsigned short' ? 0xffff : 0xffffffff;
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw typeError(`${where} is not a finite number.`, 'ERR_INVALID_ARG_VALUE');
      }
      const t = Math.trunc(n);
      if (t < 0 || t > max) {
        throw typeError(`${where} is outside the expected range of 0 to ${max}.`, 'ERR_OUT_OF_RANGE');
      }
      return t;
    }
  }
}

function normalizeAlgorithm(algorithm, op) {
  // AlgorithmIdentifier: an object, or else its string form.
  if (algorithm === null || (typeof algorithm !== 'object' && typeof algorithm !== 'function')) {
    return normalizeAlgorithm({ name: `${algorithm}` }, op);
  }
  if (algorithm.name === undefined) {
    throw typeError(`${kNormalizePrefix}: passed algorithm can not be converted to 'Algorithm' ` +
                    "because 'name' is required in 'Algorithm'.", 'ERR_MISSING_OPTION');
  }
  const registered = kRegistry[op];
  let name = `${algorithm.name}`;
  let dictName;
  let found = false;
  for (const key of Object.keys(registered)) {
    if (key.toUpperCase() === name.toUpperCase()) {
      name = key;
      dictName = registered[key];
      found = true;
    }
  }
  if (!found) throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
  if (dictName === null) return { name };
  const result = { name };
  // WebIDL converts dictionary members in lexicographic order.
  const members = kDictionaries[dictName].slice().sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [member, type, required] of members) {
    const value = algorithm[member];
    if (value === undefined) {
      if (required) {
        throw typeError(`${kNormalizePrefix}: passed algorithm can not be converted to '${dictName}' ` +
                        `because '${member}' is required in '${dictName}'.`, 'ERR_MISSING_OPTION');
      }
      continue;
    }
    result[member] = convertMember(value, type, dictName, member);
  }
  return result;
}

// The hash's block size in bits (HMAC keys default to it).
function getBlockSize(name) {
  switch (name) {
    case 'SHA-1': return 512;
    case 'SHA-256': return 512;
    case 'SHA-384': return 1024;
    case 'SHA-512': return 1024;
  }
}

// Web Crypto hash names to Node's.
function normalizeHashName(name) {
  switch (name) {
    case 'SHA-1': return 'sha1';
    case 'SHA-256': return 'sha256';
    case 'SHA-384': return 'sha384';
    case 'SHA-512': return 'sha512';
  }
}

function hasAnyNotIn(set, checks) {
  for (const s of set) if (!checks.includes(s)) return true;
  return false;
}

module.exports = {
  argBufferSource,
  argCryptoKey,
  argKeyFormat,
  argUsages,
  bufferSource,
  getBlockSize,
  hasAnyNotIn,
  normalizeAlgorithm,
  normalizeHashName,
  requiredArguments,
  typeError,
};
