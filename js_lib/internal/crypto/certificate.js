'use strict';

// crypto.Certificate: SPKAC ("Netscape SPKI") checks and extraction
// (bindings/crypto_x509.h). The methods need no state; the constructor
// form is kept for old code (and can be called without `new`).

const {
  cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView, nativeError,
} = require('internal/crypto/util');

// The binding takes sizes that fit a C int (as OpenSSL does).
function spkacBytes(spkac, encoding) {
  const bytes = getArrayBufferOrView(spkac, 'spkac', encoding);
  if (bytes.byteLength > 2 ** 31 - 1) {
    throw nativeError(RangeError, 'spkac is too large', 'ERR_OUT_OF_RANGE');
  }
  return bytes;
}

function result(ret) {
  return typeof ret === 'string' ? ret : bufferFromArrayBuffer(ret);
}

function verifySpkac(spkac, encoding) {
  return cryptoBinding.certVerifySpkac(spkacBytes(spkac, encoding));
}

function exportPublicKey(spkac, encoding) {
  return result(cryptoBinding.certExportPublicKey(spkacBytes(spkac, encoding)));
}

function exportChallenge(spkac, encoding) {
  return result(cryptoBinding.certExportChallenge(spkacBytes(spkac, encoding)));
}

function Certificate() {
  if (!(this instanceof Certificate)) return new Certificate();
}

Certificate.prototype.verifySpkac = verifySpkac;
Certificate.prototype.exportPublicKey = exportPublicKey;
Certificate.prototype.exportChallenge = exportChallenge;

Certificate.exportChallenge = exportChallenge;
Certificate.exportPublicKey = exportPublicKey;
Certificate.verifySpkac = verifySpkac;

module.exports = { Certificate };
