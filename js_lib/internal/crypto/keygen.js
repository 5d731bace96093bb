'use strict';

// generateKeyPair(Sync) for rsa, rsa-pss, dsa, dh, ec, ed25519, ed448,
// x25519 and x448, and generateKey(Sync) for hmac and aes secrets. Key pairs are generated on the
// worker pool (async form) and come back as PKCS #8; each half is then a
// KeyObject or, when an encoding was asked for, exported in it.

const {
  codes: { ERR_INCOMPATIBLE_OPTION_PAIR, ERR_INVALID_ARG_VALUE, ERR_MISSING_OPTION },
} = require('internal/errors');
const {
  validateBuffer, validateFunction, validateInt32, validateInteger, validateObject,
  validateOneOf, validateString, validateUint32,
} = require('internal/validators');
const { cryptoBinding, kEmptyObject, nativeError } = require('internal/crypto/util');
const {
  KeyObjectHandle, PrivateKeyObject, PublicKeyObject, createSecretKey,
} = require('internal/crypto/keys');
const { parsePrivateKeyEncoding, parsePublicKeyEncoding } =
  require('internal/crypto/key_encoding');
const { randomBytes, randomFillSync } = require('internal/crypto/random');
const { customPromisifyArgs } = require('internal/util/promisify');

function parseEncodings(keyType, options = kEmptyObject) {
  const { publicKeyEncoding, privateKeyEncoding } = options;
  let pub, priv;
  if (publicKeyEncoding != null) {
    if (typeof publicKeyEncoding !== 'object') {
      throw new ERR_INVALID_ARG_VALUE('options.publicKeyEncoding', publicKeyEncoding);
    }
    pub = parsePublicKeyEncoding(publicKeyEncoding, keyType, 'publicKeyEncoding');
  }
  if (privateKeyEncoding != null) {
    if (typeof privateKeyEncoding !== 'object') {
      throw new ERR_INVALID_ARG_VALUE('options.privateKeyEncoding', privateKeyEncoding);
    }
    priv = parsePrivateKeyEncoding(privateKeyEncoding, keyType, 'privateKeyEncoding');
  }
  return { pub, priv };
}

// DEP0154: options.hash and options.mgf1Hash, each still taken when it
// agrees with its new name.
function deprecatedAlias(options, oldName, newName) {
  const value = options[oldName];
  if (value === undefined) return options[newName];
  process.emitWarning(`"options.${oldName}" is deprecated, use "options.${newName}" instead.`,
                      'DeprecationWarning', 'DEP0154');
  validateString(value, `options.${oldName}`);
  if (options[newName] !== undefined && options[newName] !== value) {
    throw new ERR_INVALID_ARG_VALUE(`options.${oldName}`, value);
  }
  return value;
}

function rsaParams(type, options) {
  const { modulusLength } = options;
  validateUint32(modulusLength, 'options.modulusLength');
  let { publicExponent } = options;
  if (publicExponent == null) publicExponent = 0x10001;
  else validateUint32(publicExponent, 'options.publicExponent');
  if (type === 'rsa') return [modulusLength, publicExponent];
  const { hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
  if (saltLength !== undefined) validateInt32(saltLength, 'options.saltLength', 0);
  if (hashAlgorithm !== undefined) validateString(hashAlgorithm, 'options.hashAlgorithm');
  if (mgf1HashAlgorithm !== undefined) {
    validateString(mgf1HashAlgorithm, 'options.mgf1HashAlgorithm');
  }
  const hash = deprecatedAlias(options, 'hash', 'hashAlgorithm');
  const mgf1Hash = deprecatedAlias(options, 'mgf1Hash', 'mgf1HashAlgorithm');
  return [modulusLength, publicExponent, hash, mgf1Hash, saltLength];
}

function dhParams(options) {
  const { group, primeLength, prime, generator } = options;
  if (group != null) {
    if (prime != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'prime');
    if (primeLength != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'primeLength');
    if (generator != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'generator');
    validateString(group, 'options.group');
    return [group];
  }
  if (prime != null) {
    if (primeLength != null) throw new ERR_INCOMPATIBLE_OPTION_PAIR('prime', 'primeLength');
    validateBuffer(prime, 'options.prime');
  } else if (primeLength != null) {
    validateInt32(primeLength, 'options.primeLength', 0);
  } else {
    throw new ERR_MISSING_OPTION('At least one of the group, prime, or primeLength options');
  }
  if (generator != null) validateInt32(generator, 'options.generator', 0);
  return [prime != null ? prime : primeLength, generator == null ? 2 : generator];
}

// The binding's parameters for `type`, after Node's validation.
function parseJob(type, options) {
  validateString(type, 'type');
  if (options !== undefined) validateObject(options, 'options');
  let params;
  switch (type) {
    case 'rsa':
    case 'rsa-pss':
      validateObject(options, 'options');
      params = rsaParams(type, options);
      break;
    case 'dsa': {
      validateObject(options, 'options');
      const { modulusLength, divisorLength } = options;
      validateUint32(modulusLength, 'options.modulusLength');
      if (divisorLength != null) validateInt32(divisorLength, 'options.divisorLength', 0);
      params = [modulusLength, divisorLength == null ? -1 : divisorLength];
      break;
    }
    case 'ec': {
      validateObject(options, 'options');
      const { namedCurve, paramEncoding } = options;
      validateString(namedCurve, 'options.namedCurve');
      if (paramEncoding != null && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
        throw new ERR_INVALID_ARG_VALUE('options.paramEncoding', paramEncoding);
      }
      params = [namedCurve];
      break;
    }
    case 'dh':
      validateObject(options, 'options');
      params = dhParams(options);
      break;
    case 'ed25519':
    case 'ed448':
    case 'x25519':
    case 'x448':
      params = [];
      break;
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
  return { type, params, encodings: parseEncodings(type, options) };
}

function finish(pkcs8, encodings) {
  const priv = new KeyObjectHandle();
  priv.initPrivate(pkcs8, 'der', 'pkcs8', null);
  const pub = new KeyObjectHandle();
  pub.initPublicFrom(priv);
  const publicKey = new PublicKeyObject(pub);
  const privateKey = new PrivateKeyObject(priv);
  return {
    publicKey: encodings.pub ? publicKey.export(encodings.pub) : publicKey,
    privateKey: encodings.priv ? privateKey.export(encodings.priv) : privateKey,
  };
}

// A JWK encoding fails before generating, as in Node, for key types JWK lacks.
function checkJwk(job) {
  const { pub, priv } = job.encodings;
  if ((pub && pub.format === 'jwk') || (priv && priv.format === 'jwk')) {
    if (job.type === 'rsa-pss' || job.type === 'dsa' || job.type === 'dh') {
      throw nativeError(Error, 'Unsupported JWK Key Type.', 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE');
    }
  }
}

function generateKeyPairSync(type, options) {
  const job = parseJob(type, options);
  checkJwk(job);
  return finish(cryptoBinding.generateKeyPair(job.type, job.params, undefined), job.encodings);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const job = parseJob(type, options);
  validateFunction(callback, 'callback');
  checkJwk(job);
  cryptoBinding.generateKeyPair(job.type, job.params, (err, pkcs8) => {
    if (err) return callback(err);
    let pair;
    try {
      pair = finish(pkcs8, job.encodings);
    } catch (e) {
      return callback(e);
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

// util.promisify(generateKeyPair) resolves { publicKey, privateKey }.
Object.defineProperty(generateKeyPair, customPromisifyArgs, {
  __proto__: null,
  value: ['publicKey', 'privateKey'],
  enumerable: false,
});

// ---- secret keys -----------------------------------------------------------------

const kAesKeyLengths = [128, 192, 256];

function secretKeyLength(type, options) {
  validateString(type, 'type');
  validateObject(options, 'options');
  const { length } = options;
  switch (type) {
    case 'hmac':
      validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
      break;
    case 'aes':
      validateOneOf(length, 'options.length', kAesKeyLengths);
      break;
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
  return Math.floor(length / 8);
}

function generateKeySync(type, options) {
  const bytes = secretKeyLength(type, options);
  return createSecretKey(randomFillSync(Buffer.alloc(bytes)));
}

function generateKey(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const bytes = secretKeyLength(type, options);
  randomBytes(bytes, (err, buf) => {
    if (err) return callback(err);
    callback(null, createSecretKey(buf));
  });
}

module.exports = { generateKey, generateKeyPair, generateKeyPairSync, generateKeySync };
