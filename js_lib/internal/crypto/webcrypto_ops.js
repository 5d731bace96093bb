'use strict';

// Web Crypto operations on CryptoKeys: digest, sign/verify, encrypt/decrypt
// (AES-CBC/CTR/GCM, RSA-OAEP), AES-KW, and deriveBits (PBKDF2, HKDF, ECDH,
// X25519, X448), each over the node:crypto primitives. Results are ArrayBuffers.

const { Hash, Hmac } = require('internal/crypto/hash');
const { Cipheriv, Decipheriv } = require('internal/crypto/cipher');
const { signOneShot, verifyOneShot } = require('internal/crypto/sig');
const { diffieHellman, privateDecrypt, publicEncrypt } = require('internal/crypto/asym');
const { hkdfSync, pbkdf2Sync } = require('internal/crypto/kdf');
const { kKeyObject, lazyDOMException } = require('internal/crypto/util');
const { kAlgorithm } = require('internal/crypto/keys');
const { normalizeHashName } = require('internal/crypto/webcrypto_util');

const RSA_PKCS1_PSS_PADDING = 6;

function arrayBuffer(buf) {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

function digest(algorithm, data) {
  return arrayBuffer(new Hash(normalizeHashName(algorithm.name)).update(data).digest());
}

function keyHash(key) {
  return normalizeHashName(key[kAlgorithm].hash.name);
}

function signVerify(algorithm, key, data, signature) {
  const keyObject = key[kKeyObject];
  const sign = signature === undefined;
  switch (algorithm.name) {
    case 'HMAC': {
      const mac = new Hmac(keyHash(key), keyObject).update(data).digest();
      if (sign) return arrayBuffer(mac);
      return mac.length === signature.length &&
        require('internal/crypto/util').cryptoBinding.timingSafeEqual(mac, signature);
    }
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
    case 'ECDSA':
    case 'Ed25519':
    case 'Ed448': {
      if (algorithm.name === 'Ed448' && algorithm.context !== undefined &&
          algorithm.context.byteLength !== 0) {
        throw lazyDOMException('Non zero-length context is not yet supported.', 'NotSupportedError');
      }
      let hash = null;
      const options = { key: keyObject };
      if (algorithm.name === 'RSA-PSS') {
        hash = keyHash(key);
        options.padding = RSA_PKCS1_PSS_PADDING;
        options.saltLength = algorithm.saltLength;
      } else if (algorithm.name === 'ECDSA') {
        hash = normalizeHashName(algorithm.hash.name);
        options.dsaEncoding = 'ieee-p1363';
      } else if (algorithm.name === 'RSASSA-PKCS1-v1_5') {
        hash = keyHash(key);
      }
      if (sign) return arrayBuffer(signOneShot(hash, data, options));
      try {
        return verifyOneShot(hash, data, options, signature);
      } catch {
        return false;
      }
    }
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

function aesCipher(encrypt, algorithm, key, data) {
  const keyObject = key[kKeyObject];
  const bits = key[kAlgorithm].length;
  const C = encrypt ? Cipheriv : Decipheriv;
  switch (algorithm.name) {
    case 'AES-CBC': {
      if (algorithm.iv.byteLength !== 16) {
        throw lazyDOMException('algorithm.iv must contain exactly 16 bytes', 'OperationError');
      }
      const c = new C(`aes-${bits}-cbc`, keyObject, algorithm.iv);
      try {
        return arrayBuffer(Buffer.concat([c.update(data), c.final()]));
      } catch {
        throw lazyDOMException('The provided data is too small.', 'OperationError');
      }
    }
    case 'AES-CTR': {
      if (algorithm.counter.byteLength !== 16) {
        throw lazyDOMException('AES-CTR algorithm.counter must contain exactly 16 bytes',
                               'OperationError');
      }
      if (algorithm.length === 0 || algorithm.length > 128) {
        throw lazyDOMException('AES-CTR algorithm.length must be between 1 and 128',
                               'OperationError');
      }
      const c = new C(`aes-${bits}-ctr`, keyObject, algorithm.counter);
      return arrayBuffer(Buffer.concat([c.update(data), c.final()]));
    }
    case 'AES-GCM': {
      const tagLength = algorithm.tagLength === undefined ? 128 : algorithm.tagLength;
      if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) {
        throw lazyDOMException(`${tagLength} is not a valid AES-GCM tag length`, 'OperationError');
      }
      const tagBytes = tagLength / 8;
      if (algorithm.iv.byteLength === 0) {
        throw lazyDOMException('algorithm.iv must contain at least one byte', 'OperationError');
      }
      const c = new C(`aes-${bits}-gcm`, keyObject, algorithm.iv, { authTagLength: tagBytes });
      if (algorithm.additionalData !== undefined) c.setAAD(algorithm.additionalData);
      if (encrypt) {
        const ct = Buffer.concat([c.update(data), c.final()]);
        return arrayBuffer(Buffer.concat([ct, c.getAuthTag()]));
      }
      if (data.byteLength < tagBytes) {
        throw lazyDOMException('The provided data is too small.', 'OperationError');
      }
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      c.setAuthTag(buf.subarray(buf.length - tagBytes));
      try {
        return arrayBuffer(Buffer.concat([c.update(buf.subarray(0, buf.length - tagBytes)), c.final()]));
      } catch {
        throw lazyDOMException('The operation failed for an operation-specific reason',
                               'OperationError');
      }
    }
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

function cipher(encrypt, algorithm, key, data) {
  if (algorithm.name === 'RSA-OAEP') {
    const options = { key: key[kKeyObject], oaepHash: keyHash(key) };
    if (algorithm.label !== undefined) options.oaepLabel = algorithm.label;
    try {
      return arrayBuffer(encrypt ? publicEncrypt(options, data) : privateDecrypt(options, data));
    } catch {
      throw lazyDOMException('The operation failed for an operation-specific reason',
                             'OperationError');
    }
  }
  return aesCipher(encrypt, algorithm, key, data);
}

// AES-KW (RFC 3394) with the default IV.
function aesKw(wrap, key, data) {
  const bits = key[kAlgorithm].length;
  if (data.byteLength % 8 !== 0) {
    throw lazyDOMException('The operation failed for an operation-specific reason', 'OperationError');
  }
  const C = wrap ? Cipheriv : Decipheriv;
  const c = new C(`id-aes${bits}-wrap`, key[kKeyObject], Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
  try {
    return arrayBuffer(Buffer.concat([c.update(data), c.final()]));
  } catch {
    throw lazyDOMException('The operation failed for an operation-specific reason', 'OperationError');
  }
}

function deriveBits(algorithm, baseKey, length) {
  const keyObject = baseKey[kKeyObject];
  switch (algorithm.name) {
    case 'PBKDF2': {
      if (length === null) throw lazyDOMException('length cannot be null', 'OperationError');
      if (length % 8) throw lazyDOMException('length must be a multiple of 8', 'OperationError');
      if (algorithm.iterations === 0) throw lazyDOMException('iterations cannot be zero', 'OperationError');
      return arrayBuffer(pbkdf2Sync(keyObject.export(), algorithm.salt, algorithm.iterations,
                                    length / 8, normalizeHashName(algorithm.hash.name)));
    }
    case 'HKDF': {
      if (length === null) throw lazyDOMException('length cannot be null', 'OperationError');
      if (length % 8) throw lazyDOMException('length must be a multiple of 8', 'OperationError');
      try {
        return hkdfSync(normalizeHashName(algorithm.hash.name), keyObject, algorithm.salt,
                        algorithm.info, length / 8);
      } catch (err) {
        throw lazyDOMException('The operation failed for an operation-specific reason',
                               { name: 'OperationError', cause: err });
      }
    }
    case 'ECDH':
    case 'X25519':
    case 'X448': {
      const pub = algorithm.public;
      if (pub.type !== 'public') throw lazyDOMException('algorithm.public must be a public key', 'InvalidAccessError');
      if (baseKey.type !== 'private') throw lazyDOMException('baseKey must be a private key', 'InvalidAccessError');
      if (!['ECDH', 'X25519', 'X448'].includes(pub.algorithm.name)) {
        throw lazyDOMException('Keys must be ECDH, X25519, or X448 keys', 'InvalidAccessError');
      }
      if (pub.algorithm.name !== baseKey.algorithm.name) {
        throw lazyDOMException('The public and private keys must be of the same type', 'InvalidAccessError');
      }
      if (algorithm.name === 'ECDH' && pub.algorithm.namedCurve !== baseKey.algorithm.namedCurve) {
        throw lazyDOMException('Named curve mismatch', 'InvalidAccessError');
      }
      const secret = diffieHellman({ privateKey: keyObject, publicKey: pub[kKeyObject] });
      if (length === null) return arrayBuffer(secret);
      if (secret.length < Math.ceil(length / 8)) {
        throw lazyDOMException('derived bit length is too small', 'OperationError');
      }
      const out = Buffer.from(secret.subarray(0, Math.ceil(length / 8)));
      if (length % 8) out[out.length - 1] &= 0xff << (8 - (length % 8));
      return arrayBuffer(out);
    }
  }
  throw lazyDOMException('Unrecognized algorithm name', 'NotSupportedError');
}

module.exports = { aesKw, cipher, deriveBits, digest, signVerify };
