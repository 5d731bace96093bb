'use strict';

// Key encodings: the {format, type, cipher, passphrase} options of
// createPublicKey/createPrivateKey, KeyObject.export and generateKeyPair,
// validated with Node's errors; and JWK import/export over the handle's raw
// components.

const {
  codes: {
    ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS, ERR_CRYPTO_INVALID_JWK, ERR_INVALID_ARG_VALUE,
  },
} = require('internal/errors');
const { validateObject, validateOneOf, validateString } = require('internal/validators');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, nativeError,
} = require('internal/crypto/util');

function option(name, objName) {
  return objName === undefined ? `options.${name}` : `options.${objName}.${name}`;
}

function parseKeyFormat(formatStr, defaultFormat, optionName) {
  if (formatStr === undefined && defaultFormat !== undefined) return defaultFormat;
  if (formatStr === 'pem' || formatStr === 'der' || formatStr === 'jwk') return formatStr;
  throw new ERR_INVALID_ARG_VALUE(optionName, formatStr);
}

function parseKeyType(typeStr, required, keyType, isPublic, optionName) {
  if (typeStr === undefined && !required) return undefined;
  if (typeStr === 'pkcs1') {
    if (keyType !== undefined && keyType !== 'rsa') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for RSA keys');
    }
    return typeStr;
  }
  if (typeStr === 'spki' && isPublic !== false) return typeStr;
  if (typeStr === 'pkcs8' && isPublic !== true) return typeStr;
  if (typeStr === 'sec1' && isPublic !== true) {
    if (keyType !== undefined && keyType !== 'ec') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(typeStr, 'can only be used for EC keys');
    }
    return typeStr;
  }
  throw new ERR_INVALID_ARG_VALUE(optionName, typeStr);
}

function parseKeyFormatAndType(enc, keyType, isPublic, objName) {
  const { format: formatStr, type: typeStr } = enc;
  const isInput = keyType === undefined;
  const format = parseKeyFormat(formatStr, isInput ? 'pem' : undefined, option('format', objName));
  const isRequired = (!isInput || format === 'der') && format !== 'jwk';
  const type = parseKeyType(typeStr, isRequired, keyType, isPublic, option('type', objName));
  return { format, type };
}

function isStringOrBuffer(val) {
  return typeof val === 'string' || isArrayBufferView(val) || isAnyArrayBuffer(val);
}

// keyType undefined: parsing input; otherwise the type of the key exported.
function parseKeyEncoding(enc, keyType, isPublic, objName) {
  validateObject(enc, 'options');
  const isInput = keyType === undefined;
  const { format, type } = parseKeyFormatAndType(enc, keyType, isPublic, objName);
  let cipher, passphrase, encoding;
  if (isPublic !== true) {
    ({ cipher, passphrase, encoding } = enc);
    if (!isInput) {
      if (cipher != null) {
        if (typeof cipher !== 'string') throw new ERR_INVALID_ARG_VALUE(option('cipher', objName), cipher);
        if (format === 'der' && (type === 'pkcs1' || type === 'sec1')) {
          throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(type, 'does not support encryption');
        }
      } else if (passphrase !== undefined) {
        throw new ERR_INVALID_ARG_VALUE(option('cipher', objName), cipher);
      }
    }
    if ((isInput && passphrase !== undefined && !isStringOrBuffer(passphrase)) ||
        (!isInput && cipher != null && !isStringOrBuffer(passphrase))) {
      throw new ERR_INVALID_ARG_VALUE(option('passphrase', objName), passphrase);
    }
  }
  if (passphrase !== undefined) passphrase = getArrayBufferOrView(passphrase, 'key.passphrase', encoding);
  return { format, type, cipher, passphrase };
}

function parsePublicKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, keyType ? true : undefined, objName);
}

function parsePrivateKeyEncoding(enc, keyType, objName) {
  return parseKeyEncoding(enc, keyType, false, objName);
}

// ---- JWK ---------------------------------------------------------------------

function b64url(ab) {
  return bufferFromArrayBuffer(ab).toString('base64url');
}

function exportJwk(handle, isPrivate) {
  const c = handle.components();
  if (c === undefined) {
    throw nativeError(Error, 'Unsupported JWK Key Type.', 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE');
  }
  if (c.kty === 'RSA') {
    const jwk = { kty: 'RSA', n: b64url(c.n), e: b64url(c.e) };
    if (isPrivate) {
      for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (c[k] !== undefined) jwk[k] = b64url(c[k]);
    }
    return jwk;
  }
  if (c.kty === 'EC') {
    if (c.crv !== 'P-256' && c.crv !== 'P-384' && c.crv !== 'P-521' && c.crv !== 'secp256k1') {
      // Node names the curve as OpenSSL does; P-224 is the only one left here.
      const name = c.crv === 'P-224' ? 'secp224r1' : c.crv;
      throw nativeError(Error, 'Unsupported JWK EC curve: ' + name + '.',
                        'ERR_CRYPTO_JWK_UNSUPPORTED_CURVE');
    }
    const jwk = { kty: 'EC', x: b64url(c.x), y: b64url(c.y), crv: c.crv };
    if (isPrivate && c.d !== undefined) jwk.d = b64url(c.d);
    return jwk;
  }
  const jwk = { crv: c.crv };
  if (isPrivate && c.d !== undefined) jwk.d = b64url(c.d);
  jwk.x = b64url(c.x);
  jwk.kty = 'OKP';
  return jwk;
}

function fromB64(str) {
  return Buffer.from(str, 'base64');
}

// A KeyObjectHandle for a JWK (public part only when isPublic).
function handleFromJwk(key, isPublic) {
  validateObject(key, 'key');
  validateOneOf(key.kty, 'key.kty', ['RSA', 'EC', 'OKP']);
  const handle = new cryptoBinding.KeyObjectHandle();
  if (key.kty === 'OKP') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['Ed25519', 'Ed448', 'X25519', 'X448']);
    validateString(key.x, 'key.x');
    if (!isPublic) validateString(key.d, 'key.d');
    const keyData = fromB64(isPublic ? key.x : key.d);
    const expected = { Ed25519: 32, X25519: 32, Ed448: 57, X448: 56 }[key.crv];
    if (keyData.byteLength !== expected) throw new ERR_CRYPTO_INVALID_JWK();
    const ok = handle.initOkp(key.crv.toLowerCase(), isPublic ? keyData : null,
                              isPublic ? null : keyData);
    if (!ok) throw new ERR_CRYPTO_INVALID_JWK();
    return handle;
  }
  if (key.kty === 'EC') {
    validateString(key.crv, 'key.crv');
    validateOneOf(key.crv, 'key.crv', ['P-256', 'secp256k1', 'P-384', 'P-521']);
    validateString(key.x, 'key.x');
    validateString(key.y, 'key.y');
    if (!isPublic) validateString(key.d, 'key.d');
    const ok = handle.initEc(key.crv, fromB64(key.x), fromB64(key.y),
                             isPublic ? undefined : fromB64(key.d));
    if (!ok) throw nativeError(TypeError, 'Invalid JWK EC key', 'ERR_CRYPTO_INVALID_JWK');
    return handle;
  }
  validateString(key.n, 'key.n');
  validateString(key.e, 'key.e');
  const parts = [fromB64(key.n), fromB64(key.e)];
  if (!isPublic) {
    for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
      validateString(key[k], `key.${k}`);
      parts.push(fromB64(key[k]));
    }
  }
  if (!handle.initRsa(...parts)) {
    throw nativeError(TypeError, 'Invalid JWK RSA key', 'ERR_CRYPTO_INVALID_JWK');
  }
  return handle;
}

module.exports = {
  exportJwk,
  handleFromJwk,
  parseKeyEncoding,
  parsePrivateKeyEncoding,
  parsePublicKeyEncoding,
};
