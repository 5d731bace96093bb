'use strict';

// tls.createSecurePair() (deprecated, DEP0064): a TLSSocket over one end of
// a duplex pair. `encrypted` is the other end (TLS records), `cleartext`
// the TLSSocket; 'secure' when the handshake is done.

const EventEmitter = require('events');
const duplexPair = require('internal/streams/duplexpair');
const { deprecate } = require('internal/util/deprecate');

class SecurePair extends EventEmitter {
  constructor(secureContext, isServer = false, requestCert = !isServer,
              rejectUnauthorized = false, options = {}) {
    super();
    // Loaded here: internal/tls/socket loads this module's users.
    const { TLSSocket } = require('internal/tls/socket');
    const { createSecureContext } = require('internal/tls/secure_context');
    if (secureContext === undefined) secureContext = createSecureContext();
    const [encrypted, inner] = duplexPair();
    this.server = options.server;
    this.credentials = secureContext;
    this.encrypted = encrypted;
    this.cleartext = new TLSSocket(inner, {
      secureContext, isServer, requestCert, rejectUnauthorized, ...options,
    });
    this.cleartext.once('secure', () => this.emit('secure'));
  }

  destroy() {
    this.cleartext.destroy();
    this.encrypted.destroy();
  }
}

const createSecurePair = deprecate(function createSecurePair(...args) {
  return new SecurePair(...args);
}, 'tls.createSecurePair() is deprecated. Please use tls.TLSSocket instead.', 'DEP0064');

module.exports = { SecurePair, createSecurePair };
