'use strict';

// crypto.Certificate: SPKAC ("Netscape SPKI") checks and extraction
// (bindings/crypto_x509.h). The methods need no state; the constructor
// form is kept for old code (and can be called without `new`).

const { cryptoBinding, bufferFromArrayBuffer, getArrayBufferOrView } = require('internal/crypto/util');

function result(ret) {
  return typeof ret === 'string' ? ret : bufferFromArrayBuffer(ret);
}

function verifySpkac(spkac, encoding) {
  return cryptoBinding.certVerifySpkac(getArrayBufferOrView(spkac, 'spkac', encoding));
}

function exportPublicKey(spkac, encoding) {
  return result(cryptoBinding.certExportPublicKey(getArrayBufferOrView(spkac, 'spkac', encoding)));
}

function exportChallenge(spkac, encoding) {
  return result(cryptoBinding.certExportChallenge(getArrayBufferOrView(spkac, 'spkac', encoding)));
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
