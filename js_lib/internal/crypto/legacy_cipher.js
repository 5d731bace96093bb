'use strict';

// The deprecated password-based createCipher/createDecipher (Cipher,
// Decipher): OpenSSL's EVP_BytesToKey (MD5, one round, no salt) turns the
// password into the key and IV, then it is Cipheriv/Decipheriv.

const { validateString } = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');
const { Hash } = require('internal/crypto/hash');
const { Cipheriv, Decipheriv, getCipherInfo } = require('internal/crypto/cipher');
const { getArrayBufferOrView, nativeError } = require('internal/crypto/util');

// D_i = MD5(D_(i-1) || password), concatenated until key and IV are covered.
function bytesToKey(password, keyLength, ivLength) {
  const out = [];
  let total = 0;
  let prev = Buffer.alloc(0);
  while (total < keyLength + ivLength) {
    prev = new Hash('md5').update(prev).update(password).digest();
    out.push(prev);
    total += prev.length;
  }
  const all = Buffer.concat(out);
  return { key: all.subarray(0, keyLength), iv: ivLength ? all.subarray(keyLength, keyLength + ivLength) : null };
}

function derive(cipher, password) {
  validateString(cipher, 'cipher');
  password = getArrayBufferOrView(password, 'password');
  const info = getCipherInfo(cipher);
  if (info === undefined) throw nativeError(Error, 'Unknown cipher', 'ERR_CRYPTO_UNKNOWN_CIPHER');
  const bytes = Buffer.from(password.buffer ? new Uint8Array(password.buffer, password.byteOffset,
                                                             password.byteLength) :
    new Uint8Array(password));
  return { ...bytesToKey(bytes, info.keyLength, info.ivLength || 0), mode: info.mode };
}

function Cipher(cipher, password, options) {
  if (!(this instanceof Cipher)) return new Cipher(cipher, password, options);
  const { key, iv, mode } = derive(cipher, password);
  // A fixed IV per password is unsafe in these modes: Node says so (when
  // encrypting) each time.
  if (mode === 'ctr' || mode === 'gcm' || mode === 'ccm' || mode === 'ocb') {
    process.emitWarning(`Use Cipheriv for counter mode of ${cipher}`);
  }
  Reflect.apply(Cipheriv, this, [cipher, key, iv, options]);
}
Object.setPrototypeOf(Cipher.prototype, Cipheriv.prototype);
Object.setPrototypeOf(Cipher, Cipheriv);

function Decipher(cipher, password, options) {
  if (!(this instanceof Decipher)) return new Decipher(cipher, password, options);
  const { key, iv } = derive(cipher, password);
  Reflect.apply(Decipheriv, this, [cipher, key, iv, options]);
}
Object.setPrototypeOf(Decipher.prototype, Decipheriv.prototype);
Object.setPrototypeOf(Decipher, Decipheriv);

const createCipher = deprecate((cipher, password, options) => new Cipher(cipher, password, options),
                               'crypto.createCipher is deprecated.', 'DEP0106');
const createDecipher = deprecate((cipher, password, options) => new Decipher(cipher, password, options),
                                 'crypto.createDecipher is deprecated.', 'DEP0106');

module.exports = { Cipher, Decipher, createCipher, createDecipher };
