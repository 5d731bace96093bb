'use strict';

// What a TLSSocket tells about its connection: certificates, protocol,
// cipher, key exchange, exported keying material; setMaxSendFragment(). As
// in Node, each returns null once the socket's handle is gone.

const { ERR_TLS_INVALID_STATE } = require('internal/errors').codes;
const {
  validateBuffer, validateInt32, validateString, validateUint32,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');

function toBuffer(ab) {
  return chunks.fromView(new Uint8Array(ab));
}

function x509(der) {
  const { X509Certificate } = require('internal/crypto/x509');
  return new X509Certificate(toBuffer(der));
}

function install(proto, kSession) {
  // The session while the socket has a handle, else null.
  function session(socket) {
    return socket._handle ? socket[kSession] : null;
  }

  proto.getPeerCertificate = function getPeerCertificate(detailed) {
    const s = session(this);
    if (!s) return null;
    const list = s.getPeerCertificates();
    if (list.length === 0) return {};
    const certs = list.map((der) => x509(der).toLegacyObject());
    if (detailed) {
      // The chain up to its root, which is its own issuer.
      for (let i = 0; i < certs.length; i++) certs[i].issuerCertificate = certs[i + 1] || certs[i];
    }
    return certs[0];
  };

  proto.getPeerX509Certificate = function getPeerX509Certificate() {
    const s = session(this);
    const list = s ? s.getPeerCertificates() : [];
    if (list.length === 0) return undefined;
    const certs = list.map(x509);
    for (let i = 0; i < certs.length; i++) {
      Object.defineProperty(certs[i], 'issuerCertificate', {
        __proto__: null, value: certs[i + 1], configurable: true,
      });
    }
    return certs[0];
  };

  proto.getCertificate = function getCertificate() {
    const s = session(this);
    if (!s) return null;
    const der = s.getCertificate();
    return der ? x509(der).toLegacyObject() : {};
  };

  proto.getX509Certificate = function getX509Certificate() {
    const s = session(this);
    const der = s && s.getCertificate();
    return der ? x509(der) : undefined;
  };

  proto.getProtocol = function getProtocol() {
    const s = session(this);
    return s ? s.getProtocol() : null;
  };

  proto.getCipher = function getCipher() {
    const s = session(this);
    return s ? s.getCipher() : null;
  };

  proto.getEphemeralKeyInfo = function getEphemeralKeyInfo() {
    const s = session(this);
    if (!s || this._tlsOptions.isServer) return null;
    return s.getEphemeralKeyInfo();
  };

  // BoringSSL keeps no Finished messages for us to return.
  proto.getFinished = function getFinished() {
    return session(this) ? undefined : null;
  };

  proto.getPeerFinished = function getPeerFinished() {
    return session(this) ? undefined : null;
  };

  proto.getSharedSigalgs = function getSharedSigalgs() {
    return session(this) ? [] : null;
  };

  // Kiln has no OpenSSL trace output: accepted and ignored.
  proto.enableTrace = function enableTrace() {};

  proto.setMaxSendFragment = function setMaxSendFragment(size) {
    validateInt32(size, 'size');
    const s = session(this);
    return s ? s.setMaxSendFragment(size) : false;
  };

  proto.exportKeyingMaterial = function exportKeyingMaterial(length, label, context) {
    validateUint32(length, 'length', true);
    validateString(label, 'label');
    if (context !== undefined) validateBuffer(context, 'context');
    if (!this._secureEstablished) throw new ERR_TLS_INVALID_STATE();
    return toBuffer(this[kSession].exportKeyingMaterial(length, label, context));
  };
}

module.exports = { install };
