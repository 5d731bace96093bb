'use strict';

// The tls module: TLS over BoringSSL (bindings/tls_wrap.cc) for sockets
// and servers (internal/tls/*), with session resumption (tickets and session
// ids, internal/tls/resumption.js). Renegotiation, PSK and OCSP are not
// supported.

const { TLSSocket, connect } = require('internal/tls/socket');
const { Server, createServer } = require('internal/tls/server');
const { SecureContext, convertALPNProtocols, createSecureContext, defaults } =
  require('internal/tls/secure_context');
const { checkServerIdentity } = require('internal/tls/identity');
const { createSecurePair } = require('internal/tls/secure_pair');

let rootCertificates;

// The trusted roots, as PEM strings (the system store).
function getRootCertificates() {
  if (rootCertificates === undefined) {
    let text = '';
    try {
      text = binding('fs').readFileUtf8('/etc/ssl/certs/ca-certificates.crt');
    } catch {
      // no system store
    }
    const re = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
    rootCertificates = Object.freeze(text.match(re) || []);
  }
  return rootCertificates;
}

function getCiphers() {
  return [
    'aes128-gcm-sha256', 'aes128-sha', 'aes128-sha256', 'aes256-gcm-sha384', 'aes256-sha',
    'aes256-sha256', 'des-cbc3-sha', 'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes128-sha',
    'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-ecdsa-aes256-sha', 'ecdhe-ecdsa-chacha20-poly1305',
    'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes128-sha', 'ecdhe-rsa-aes256-gcm-sha384',
    'ecdhe-rsa-aes256-sha', 'ecdhe-rsa-chacha20-poly1305', 'tls_aes_128_gcm_sha256',
    'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256',
  ];
}

// tls.convertALPNProtocols(protocols, out): sets out.ALPNProtocols.
function convert(protocols, out) {
  convertALPNProtocols(protocols, out);
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: defaults.DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: defaults.DEFAULT_ECDH_CURVE,
  // Accessors below (read from the command line on first use).
  DEFAULT_MIN_VERSION: undefined,
  DEFAULT_MAX_VERSION: undefined,
  getCiphers,
  convertALPNProtocols: convert,
  checkServerIdentity,
  createSecureContext,
  createSecurePair,
  SecureContext,
  TLSSocket,
  Server,
  createServer,
  connect,
};

Object.defineProperty(module.exports, 'rootCertificates', {
  __proto__: null, configurable: false, enumerable: true, get: getRootCertificates,
});

// DEFAULT_* are settable, as in Node.
for (const key of ['DEFAULT_CIPHERS', 'DEFAULT_ECDH_CURVE', 'DEFAULT_MIN_VERSION',
  'DEFAULT_MAX_VERSION']) {
  Object.defineProperty(module.exports, key, {
    __proto__: null, configurable: true, enumerable: true,
    get() { return defaults[key]; },
    set(v) { defaults[key] = v; },
  });
}
