'use strict';

// createCipheriv / createDecipheriv (Cipheriv, Decipheriv: streams over the
// native CipherBase, bindings/crypto_cipher.h), getCiphers, getCipherInfo.

const {
  codes: {
    ERR_CRYPTO_INVALID_STATE, ERR_INTERNAL_ASSERTION, ERR_INVALID_ARG_TYPE,
    ERR_UNKNOWN_ENCODING,
  },
} = require('internal/errors');
const {
  validateEncoding, validateInt32, validateObject, validateString,
} = require('internal/validators');
const { isArrayBufferView } = require('internal/util/types');
const { StringDecoder } = require('string_decoder');
const {
  cryptoBinding, bufferFromArrayBuffer, cachedResult, filterDuplicateStrings, getArrayBufferOrView,
  getStringOption, getUIntOption, kHandle, normalizeEncoding,
} = require('internal/crypto/util');
const LazyTransform = require('internal/crypto/lazy_transform');

const { CipherBase } = cryptoBinding;

function getDecoder(decoder, encoding) {
  const normalizedEncoding = normalizeEncoding(encoding);
  decoder = decoder || new StringDecoder(encoding);
  if (decoder.encoding !== normalizedEncoding) {
    if (normalizedEncoding === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    throw new ERR_INTERNAL_ASSERTION('Cannot change encoding');
  }
  return decoder;
}

function createCipherWithIV(cipher, key, options, encrypt, iv) {
  validateString(cipher, 'cipher');
  const encoding = getStringOption(options, 'encoding');
  key = require('internal/crypto/keys').prepareSecretKey(key, encoding);
  iv = iv === null ? null : getArrayBufferOrView(iv, 'iv');
  const authTagLength = getUIntOption(options, 'authTagLength');
  this[kHandle] = new CipherBase(encrypt);
  this[kHandle].init(cipher, key, iv, authTagLength);
  this._decoder = null;
  Reflect.apply(LazyTransform, this, [options]);
}

function _transform(chunk, encoding, callback) {
  this.push(bufferFromArrayBuffer(this[kHandle].update(chunk, encoding)));
  callback();
}

function _flush(callback) {
  try {
    this.push(bufferFromArrayBuffer(this[kHandle].final()));
  } catch (e) {
    callback(e);
    return;
  }
  callback();
}

function update(data, inputEncoding, outputEncoding) {
  if (typeof data === 'string') {
    validateEncoding(data, inputEncoding);
  } else if (!isArrayBufferView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  const ret = bufferFromArrayBuffer(this[kHandle].update(data, inputEncoding));
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.write(ret);
  }
  return ret;
}

function final(outputEncoding) {
  const ret = bufferFromArrayBuffer(this[kHandle].final());
  if (outputEncoding && outputEncoding !== 'buffer') {
    this._decoder = getDecoder(this._decoder, outputEncoding);
    return this._decoder.end(ret);
  }
  return ret;
}

function setAutoPadding(ap) {
  if (!this[kHandle].setAutoPadding(!!ap)) throw new ERR_CRYPTO_INVALID_STATE('setAutoPadding');
  return this;
}

function getAuthTag() {
  const ret = this[kHandle].getAuthTag();
  if (ret === undefined) throw new ERR_CRYPTO_INVALID_STATE('getAuthTag');
  return bufferFromArrayBuffer(ret);
}

function setAuthTag(tagbuf, encoding) {
  tagbuf = getArrayBufferOrView(tagbuf, 'buffer', encoding);
  if (!this[kHandle].setAuthTag(tagbuf)) throw new ERR_CRYPTO_INVALID_STATE('setAuthTag');
  return this;
}

function setAAD(aadbuf, options) {
  const encoding = getStringOption(options, 'encoding');
  const plaintextLength = getUIntOption(options, 'plaintextLength');
  aadbuf = getArrayBufferOrView(aadbuf, 'aadbuf', encoding);
  if (!this[kHandle].setAAD(aadbuf, plaintextLength)) throw new ERR_CRYPTO_INVALID_STATE('setAAD');
  return this;
}

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  Reflect.apply(createCipherWithIV, this, [cipher, key, options, true, iv]);
}

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  Reflect.apply(createCipherWithIV, this, [cipher, key, options, false, iv]);
}

for (const C of [Cipheriv, Decipheriv]) {
  Object.setPrototypeOf(C.prototype, LazyTransform.prototype);
  Object.setPrototypeOf(C, LazyTransform);
  C.prototype._transform = _transform;
  C.prototype._flush = _flush;
  C.prototype.update = update;
  C.prototype.final = final;
  C.prototype.setAutoPadding = setAutoPadding;
  if (C === Cipheriv) C.prototype.getAuthTag = getAuthTag;
  else C.prototype.setAuthTag = setAuthTag;
  C.prototype.setAAD = setAAD;
}

const getCiphers = cachedResult(() => filterDuplicateStrings(cryptoBinding.getCiphers()));

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength, ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  const ret = cryptoBinding.getCipherInfo(nameOrNid);
  if (ret === undefined) return undefined;
  // Every cipher here has a fixed key length; only the AEADs take IVs of
  // other lengths (GCM: any, CCM: 7..13, OCB: 1..15, chacha20-poly1305: 1..12).
  if (keyLength !== undefined && keyLength !== ret.keyLength) return undefined;
  if (ivLength !== undefined) {
    if (ret.mode === 'gcm') {
      if (ivLength <= 0) return undefined;
    } else if (ret.mode === 'ccm') {
      if (ivLength < 7 || ivLength > 13) return undefined;
    } else if (ret.mode === 'ocb') {
      if (ivLength < 1 || ivLength > 15) return undefined;
    } else if (ret.name === 'chacha20-poly1305') {
      if (ivLength <= 0 || ivLength > 12) return undefined;
    } else if (ret.ivLength === undefined || ivLength !== ret.ivLength) {
      return undefined;
    }
    ret.ivLength = ivLength;
  }
  return ret;
}

module.exports = { Cipheriv, Decipheriv, getCipherInfo, getCiphers };
