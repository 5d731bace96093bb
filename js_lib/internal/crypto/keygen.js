'use strict';

// generateKeyPair(Sync) for rsa, ec, ed25519 and x25519, and
// generateKey(Sync) for hmac and aes secrets. Key pairs are generated on the
// worker pool (async form) and come back as PKCS #8; each half is then a
// KeyObject or, when an encoding was asked for, exported in it.

const {
  codes: { ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const {
  validateFunction, validateInteger, validateObject, validateOneOf, validateString,
  validateUint32,
} = require('internal/validators');
const { cryptoBinding, kEmptyObject } = require('internal/crypto/util');
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

// The binding's arguments for `type`, after Node's validation.
function parseJob(type, options) {
  validateString(type, 'type');
  const encodings = parseEncodings(type, options);
  if (options !== undefined) validateObject(options, 'options');
  switch (type) {
    case 'rsa': {
      validateObject(options, 'options');
      const { modulusLength } = options;
      validateUint32(modulusLength, 'options.modulusLength');
      let { publicExponent } = options;
      if (publicExponent == null) publicExponent = 0x10001;
      else validateUint32(publicExponent, 'options.publicExponent');
      return { args: ['rsa', modulusLength, publicExponent], encodings };
    }
    case 'ec': {
      validateObject(options, 'options');
      const { namedCurve } = options;
      validateString(namedCurve, 'options.namedCurve');
      const { paramEncoding } = options;
      if (paramEncoding != null && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
        throw new ERR_INVALID_ARG_VALUE('options.paramEncoding', paramEncoding);
      }
      return { args: ['ec', namedCurve, undefined], encodings };
    }
    case 'ed25519':
    case 'x25519':
      return { args: [type, undefined, undefined], encodings };
    default:
      throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  }
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

function generateKeyPairSync(type, options) {
  const { args, encodings } = parseJob(type, options);
  return finish(cryptoBinding.generateKeyPair(...args, undefined), encodings);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { args, encodings } = parseJob(type, options);
  cryptoBinding.generateKeyPair(...args, (err, pkcs8) => {
    if (err) return callback(err);
    let pair;
    try {
      pair = finish(pkcs8, encodings);
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
