'use strict';

// Web Crypto keys: generateKey, importKey and exportKey for each algorithm
// family (HMAC, AES, PBKDF2/HKDF, RSA, EC, Ed25519/Ed448/X25519/X448), as CryptoKeys
// over KeyObjects. The node:crypto key machinery does the parsing.

const {
  InternalCryptoKey, KeyObjectHandle, PrivateKeyObject, PublicKeyObject, createPrivateKey,
  createPublicKey, createSecretKey, kAlgorithm, kKeyUsages,
} = require('internal/crypto/keys');
const { generateKeyPairSync } = require('internal/crypto/keygen');
const { randomFillSync } = require('internal/crypto/random');
const { kKeyObject, lazyDOMException } = require('internal/crypto/util');
const { getBlockSize, hasAnyNotIn } = require('internal/crypto/webcrypto_util');

function cryptoKey(keyObject, algorithm, usages, extractable) {
  return new InternalCryptoKey(keyObject, algorithm, usages, extractable);
}

function unique(usages) {
  return Array.from(new Set(usages));
}

function checkUsages(usages, allowed, what) {
  if (hasAnyNotIn(usages, allowed)) {
    throw lazyDOMException(`Unsupported key usage for ${what}`, 'SyntaxError');
  }
}

const kFamily = {
  'HMAC': 'hmac', 'AES-CTR': 'aes', 'AES-CBC': 'aes', 'AES-GCM': 'aes', 'AES-KW': 'aes',
  'PBKDF2': 'kdf', 'HKDF': 'kdf', 'RSASSA-PKCS1-v1_5': 'rsa', 'RSA-PSS': 'rsa', 'RSA-OAEP': 'rsa',
  'ECDSA': 'ec', 'ECDH': 'ec', 'Ed25519': 'okp', 'Ed448': 'okp', 'X25519': 'okp', 'X448': 'okp',
};

// Which usages a key may have: [for secret/private keys, for public keys].
function allowedUsages(name) {
  switch (name) {
    case 'HMAC': return [['sign', 'verify'], []];
    case 'AES-KW': return [['wrapKey', 'unwrapKey'], []];
    case 'AES-CTR': case 'AES-CBC': case 'AES-GCM':
      return [['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'], []];
    case 'PBKDF2': case 'HKDF': return [['deriveKey', 'deriveBits'], []];
    case 'RSASSA-PKCS1-v1_5': case 'RSA-PSS': case 'ECDSA': case 'Ed25519': case 'Ed448':
      return [['sign'], ['verify']];
    case 'RSA-OAEP': return [['decrypt', 'unwrapKey'], ['encrypt', 'wrapKey']];
    case 'ECDH': case 'X25519': case 'X448': return [['deriveKey', 'deriveBits'], []];
  }
}

function familyName(name) {
  switch (kFamily[name]) {
    case 'hmac': return 'an HMAC key';
    case 'aes': return 'an AES key';
    case 'kdf': return `a ${name} key`;
    case 'rsa': return 'an RSA key';
    case 'ec': return `an ${name} key`;
    default: return `an ${name} key`;
  }
}

// JWK "alg" values.
function jwkHashSuffix(hash) {
  return { 'SHA-1': '1', 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' }[hash];
}

const kEcdsaAlgCurve = { __proto__: null, ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

// The hash an RSA JWK "alg" names (RS1, PS384, RSA-OAEP, RSA-OAEP-512 ...).
function jwkAlgHash(alg) {
  if (alg === 'RSA-OAEP') return 'SHA-1';
  const m = /^(?:RS|PS|RSA-OAEP-)(1|256|384|512)$/.exec(`${alg}`);
  if (m === null) return undefined;
  return m[1] === '1' ? 'SHA-1' : `SHA-${m[1]}`;
}

function jwkAlg(algorithm) {
  const { name } = algorithm;
  switch (name) {
    case 'HMAC': return `HS${jwkHashSuffix(algorithm.hash.name)}`;
    case 'AES-CTR': return `A${algorithm.length}CTR`;
    case 'AES-CBC': return `A${algorithm.length}CBC`;
    case 'AES-GCM': return `A${algorithm.length}GCM`;
    case 'AES-KW': return `A${algorithm.length}KW`;
    case 'RSASSA-PKCS1-v1_5': return `RS${jwkHashSuffix(algorithm.hash.name)}`;
    case 'RSA-PSS': return `PS${jwkHashSuffix(algorithm.hash.name)}`;
    case 'RSA-OAEP':
      return algorithm.hash.name === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${jwkHashSuffix(algorithm.hash.name)}`;
    case 'Ed25519': case 'Ed448': return 'EdDSA';
  }
}

const kCurves = ['P-256', 'P-384', 'P-521'];

// ---- generateKey ------------------------------------------------------------------------

function generateKey(algorithm, extractable, usages) {
  const { name } = algorithm;
  const [secretOrPrivate, pub] = allowedUsages(name);
  checkUsages(usages, [...secretOrPrivate, ...pub], familyName(name));
  usages = unique(usages);
  switch (kFamily[name]) {
    case 'hmac': {
      const length = algorithm.length === undefined ? getBlockSize(algorithm.hash.name) : algorithm.length;
      if (length === 0) throw lazyDOMException('Zero-length key is not supported', 'OperationError');
      const bytes = randomFillSync(Buffer.alloc(Math.ceil(length / 8)));
      return cryptoKey(createSecretKey(bytes), { name, length, hash: { name: algorithm.hash.name } },
                       usages, extractable);
    }
    case 'aes': {
      const { length } = algorithm;
      if (length !== 128 && length !== 192 && length !== 256) {
        throw lazyDOMException('AES key length must be 128, 192, or 256 bits', 'OperationError');
      }
      const bytes = randomFillSync(Buffer.alloc(length / 8));
      return cryptoKey(createSecretKey(bytes), { name, length }, usages, extractable);
    }
    default: {
      let pair;
      let keyAlgorithm;
      if (kFamily[name] === 'rsa') {
        const e = algorithm.publicExponent;
        let exponent = 0;
        for (const b of e) exponent = exponent * 256 + b;
        if (exponent === 0 || exponent > 0xffffffff) {
          throw lazyDOMException('The publicExponent must be equivalent to an unsigned 32-bit value',
                                 'OperationError');
        }
        try {
          pair = generateKeyPairSync('rsa', { modulusLength: algorithm.modulusLength, publicExponent: exponent });
        } catch (err) {
          throw lazyDOMException('The operation failed for an operation-specific reason', 'OperationError');
        }
        keyAlgorithm = { name, modulusLength: algorithm.modulusLength,
                         publicExponent: new Uint8Array(e), hash: { name: algorithm.hash.name } };
      } else if (kFamily[name] === 'ec') {
        if (!kCurves.includes(algorithm.namedCurve)) {
          throw lazyDOMException('Unrecognized namedCurve', 'NotSupportedError');
        }
        pair = generateKeyPairSync('ec', { namedCurve: algorithm.namedCurve });
        keyAlgorithm = { name, namedCurve: algorithm.namedCurve };
      } else {
        pair = generateKeyPairSync(name.toLowerCase());
        keyAlgorithm = { name };
      }
      const publicUsages = usages.filter((u) => pub.includes(u));
      const privateUsages = usages.filter((u) => secretOrPrivate.includes(u));
      return {
        publicKey: cryptoKey(pair.publicKey, keyAlgorithm, publicUsages, true),
        privateKey: cryptoKey(pair.privateKey, { ...keyAlgorithm, ...(keyAlgorithm.publicExponent ?
          { publicExponent: new Uint8Array(keyAlgorithm.publicExponent) } : {}) }, privateUsages, extractable),
      };
    }
  }
}

// ---- importKey ------------------------------------------------------------------------------

const kKnownOps = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey',
                   'unwrapKey'];

function validateJwk(jwk, kty, extractable, usages, sigOrEnc) {
  if (jwk === null || typeof jwk !== 'object' || !jwk.kty) {
    throw lazyDOMException('Invalid keyData', 'DataError');
  }
  if (jwk.kty !== kty) throw lazyDOMException('Invalid JWK "kty" Parameter', 'DataError');
  if (usages.length > 0 && jwk.use !== undefined && jwk.use !== sigOrEnc) {
    throw lazyDOMException('Invalid JWK "use" Parameter', 'DataError');
  }
  if (jwk.key_ops !== undefined) {
    if (!Array.isArray(jwk.key_ops)) throw lazyDOMException('Invalid JWK', 'DataError');
    const known = jwk.key_ops.filter((op) => kKnownOps.includes(op));
    if (new Set(known).size !== known.length) {
      throw lazyDOMException('Duplicate key operation', 'DataError');
    }
    for (const u of usages) {
      if (!jwk.key_ops.includes(u)) {
        throw lazyDOMException('Key operations and usage mismatch', 'DataError');
      }
    }
  }
  if (jwk.ext !== undefined && jwk.ext === false && extractable) {
    throw lazyDOMException('JWK "ext" Parameter and extractable mismatch', 'DataError');
  }
}

// JsonWebKey members are DOMStrings (WebIDL converts what is given).
function b64(str) {
  if (str === undefined || str === null) throw lazyDOMException('Invalid keyData', 'DataError');
  return Buffer.from(`${str}`, 'base64');
}

function importSecret(format, keyData, algorithm, extractable, usages) {
  const { name } = algorithm;
  let bytes;
  if (format === 'raw') {
    bytes = Buffer.from(keyData);
  } else if (format === 'jwk' && kFamily[name] !== 'kdf') {
    validateJwk(keyData, 'oct', extractable, usages, name === 'HMAC' ? 'sig' : 'enc');
    bytes = b64(keyData.k);
  } else {
    throw lazyDOMException(`Unable to import ${familyName(name).replace(/^an? /, '')} with format ${format}`,
                           'NotSupportedError');
  }
  switch (kFamily[name]) {
    case 'hmac': {
      const bits = bytes.length * 8;
      if (bits === 0 || algorithm.length === 0) {
        throw lazyDOMException('Zero-length key is not supported', 'DataError');
      }
      // Stricter than the spec (as Node): a given length must be the key's.
      if (algorithm.length !== undefined && algorithm.length !== bits) {
        throw lazyDOMException('Invalid key length', 'DataError');
      }
      const length = bits;
      if (format === 'jwk' && keyData.alg !== undefined &&
          keyData.alg !== jwkAlg({ name, hash: algorithm.hash })) {
        throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
      }
      return cryptoKey(createSecretKey(bytes), { name, hash: { name: algorithm.hash.name }, length },
                       usages, extractable);
    }
    case 'aes': {
      const length = bytes.length * 8;
      if (length !== 128 && length !== 192 && length !== 256) {
        throw lazyDOMException('Invalid key length', 'DataError');
      }
      if (format === 'jwk' && keyData.alg !== undefined && keyData.alg !== jwkAlg({ name, length })) {
        throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
      }
      return cryptoKey(createSecretKey(bytes), { name, length }, usages, extractable);
    }
    default:
      if (extractable) throw lazyDOMException(`${name} keys are not extractable`, 'SyntaxError');
      return cryptoKey(createSecretKey(bytes), { name }, usages, false);
  }
}

// An asymmetric KeyObject from key data, or a DataError.
function importAsymmetric(format, keyData, algorithm, extractable, usages) {
  const { name } = algorithm;
  const family = kFamily[name];
  try {
    switch (format) {
      case 'spki':
        return createPublicKey({ key: Buffer.from(keyData), format: 'der', type: 'spki' });
      case 'pkcs8':
        return createPrivateKey({ key: Buffer.from(keyData), format: 'der', type: 'pkcs8' });
      case 'raw': {
        if (family === 'ec') {
          const handle = new KeyObjectHandle();
          if (!handle.initEcPoint(algorithm.namedCurve, Buffer.from(keyData))) throw new Error();
          return new PublicKeyObject(handle);
        }
        return createPublicKey({
          key: { kty: 'OKP', crv: name, x: Buffer.from(keyData).toString('base64url') }, format: 'jwk' });
      }
      case 'jwk': {
        const kty = family === 'rsa' ? 'RSA' : family === 'ec' ? 'EC' : 'OKP';
        validateJwk(keyData, kty, extractable, usages, name === 'RSA-OAEP' || name === 'ECDH' ? 'enc' : 'sig');
        if (family === 'okp' && keyData.crv !== name) throw lazyDOMException('Invalid JWK "crv" Parameter', 'DataError');
        if (family === 'ec' && keyData.crv !== algorithm.namedCurve) {
          throw lazyDOMException('JWK "crv" does not match the requested algorithm', 'DataError');
        }
        // As Node: an RSA "alg" must name the same hash (RS256, PS256 and
        // RSA-OAEP-256 all say SHA-256); an ECDSA one the same curve.
        if (keyData.alg !== undefined &&
            ((family === 'rsa' && jwkAlgHash(keyData.alg) !== algorithm.hash.name) ||
             (name === 'ECDSA' && kEcdsaAlgCurve[keyData.alg] !== algorithm.namedCurve))) {
          throw lazyDOMException('JWK "alg" does not match the requested algorithm', 'DataError');
        }
        return keyData.d !== undefined ? createPrivateKey({ key: keyData, format: 'jwk' }) :
          createPublicKey({ key: keyData, format: 'jwk' });
      }
    }
  } catch (err) {
    if (err.name === 'DataError' || err.name === 'NotSupportedError') throw err;
    throw lazyDOMException('Invalid keyData', { name: 'DataError', cause: err });
  }
  throw lazyDOMException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
}

function importKey(format, keyData, algorithm, extractable, usages) {
  const { name } = algorithm;
  const [secretOrPrivate, pub] = allowedUsages(name);
  const family = kFamily[name];
  if (family === 'hmac' || family === 'aes' || family === 'kdf') {
    checkUsages(usages, secretOrPrivate, familyName(name));
    return importSecret(format, keyData, algorithm, extractable, unique(usages));
  }
  if (family === 'ec' && !kCurves.includes(algorithm.namedCurve)) {
    throw lazyDOMException('Unrecognized namedCurve', 'NotSupportedError');
  }
  if (format === 'raw' && family === 'rsa') {
    throw lazyDOMException(`Unable to import ${name} key with format raw`, 'NotSupportedError');
  }
  const keyObject = importAsymmetric(format, keyData, algorithm, extractable, usages);
  const allowed = keyObject.type === 'private' ? secretOrPrivate : pub;
  checkUsages(usages, allowed, familyName(name));
  const type = keyObject.asymmetricKeyType;
  let keyAlgorithm;
  if (family === 'rsa') {
    if (type !== 'rsa') throw lazyDOMException('Invalid key type', 'DataError');
    const { modulusLength, publicExponent } = keyObject.asymmetricKeyDetails;
    const e = [];
    for (let v = publicExponent; v > 0n; v >>= 8n) e.unshift(Number(v & 0xffn));
    keyAlgorithm = { name, modulusLength, publicExponent: new Uint8Array(e), hash: { name: algorithm.hash.name } };
  } else if (family === 'ec') {
    if (type !== 'ec') throw lazyDOMException('Invalid key type', 'DataError');
    const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[
      keyObject.asymmetricKeyDetails.namedCurve];
    if (curve !== algorithm.namedCurve) throw lazyDOMException('Named curve mismatch', 'DataError');
    keyAlgorithm = { name, namedCurve: algorithm.namedCurve };
  } else {
    if (type !== name.toLowerCase()) throw lazyDOMException('Invalid key type', 'DataError');
    keyAlgorithm = { name };
  }
  return cryptoKey(keyObject, keyAlgorithm, unique(usages), extractable);
}

// ---- exportKey ----------------------------------------------------------------------------------

function exportKey(format, key) {
  const algorithm = key[kAlgorithm];
  const { name } = algorithm;
  const keyObject = key[kKeyObject];
  const family = kFamily[name];
  if (format === 'jwk') {
    const jwk = { key_ops: key[kKeyUsages].slice(), ext: key.extractable };
    const body = keyObject.export({ format: 'jwk' });
    Object.assign(jwk, body);
    const alg = jwkAlg(algorithm);
    if (alg !== undefined) jwk.alg = alg;
    return jwk;
  }
  if (format === 'raw') {
    if (family === 'hmac' || family === 'aes') return bufferOf(keyObject.export());
    if (key.type === 'public' && family === 'ec') {
      return bufferOf(Buffer.from(keyObject[require('internal/crypto/util').kHandle].ecPoint(false)));
    }
    if (key.type === 'public' && family === 'okp') {
      return bufferOf(Buffer.from(keyObject.export({ format: 'jwk' }).x, 'base64url'));
    }
    throw lazyDOMException(`Unable to export a raw ${name} ${key.type} key`, 'InvalidAccessError');
  }
  if (format === 'spki' && key.type === 'public' && family !== 'hmac' && family !== 'aes') {
    return bufferOf(keyObject.export({ format: 'der', type: 'spki' }));
  }
  if (format === 'pkcs8' && key.type === 'private') {
    return bufferOf(keyObject.export({ format: 'der', type: 'pkcs8' }));
  }
  // Node names spki failures "raw" too.
  throw lazyDOMException(`Unable to export a ${format === 'pkcs8' ? 'pkcs8' : 'raw'} ${name} ${key.type} key`,
                         'InvalidAccessError');
}

function bufferOf(buf) {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

module.exports = {
  PrivateKeyObject,
  exportKey,
  generateKey,
  importKey,
  kFamily,
};
