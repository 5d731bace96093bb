'use strict';

// tls.TLSSocket: a net.Socket whose handle is a TLSHandle
// (internal/tls/handle.js) over another socket, and tls.connect(). Clients
// verify the server after the handshake (the CA chain, then
// checkServerIdentity) and emit 'secureConnect'; server sockets are driven
// by internal/tls/server.js.

const net = require('net');
const { ConnResetException } = require('internal/errors');
const { ERR_TLS_INVALID_STATE, ERR_TLS_SNI_FROM_SERVER, ERR_INVALID_ARG_TYPE } =
  require('internal/tls/errors');
const { validateString } = require('internal/validators');
const { Socket } = require('internal/net/socket');
const { normalizeArgs } = require('internal/net/connect');
const { TLSHandle } = require('internal/tls/handle');
const { convertALPNProtocols, createSecureContext, SecureContext } =
  require('internal/tls/secure_context');
const { checkServerIdentity } = require('internal/tls/identity');
const chunks = require('internal/streams/chunk');

const kSession = Symbol('kSession');
const kParent = Symbol('kParent');

function isNativeContext(ctx) {
  return ctx instanceof SecureContext;
}

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  const tlsOptions = { ...opts };
  if (tlsOptions.ALPNProtocols) convertALPNProtocols(tlsOptions.ALPNProtocols, tlsOptions);
  const parent = socket && typeof socket.on === 'function' ? socket : new net.Socket();
  const context = tlsOptions.secureContext && isNativeContext(tlsOptions.secureContext) ?
    tlsOptions.secureContext : createSecureContext(tlsOptions);
  const { TLSSession } = binding('tls_wrap');
  const session = new TLSSession(context.context, !!tlsOptions.isServer);
  const allowHalfOpen = tlsOptions.allowHalfOpen ?? parent.allowHalfOpen;  // before the handle changes it
  const handle = new TLSHandle(parent, session);
  Socket.call(this, {
    handle,
    allowHalfOpen,
    pauseOnCreate: tlsOptions.pauseOnConnect,
    manualStart: true,
    highWaterMark: tlsOptions.highWaterMark,
    signal: tlsOptions.signal,
  });
  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._securePending = false;
  this._newSessionPending = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this.encrypted = true;
  this[kSession] = session;
  this[kParent] = parent;
  this._parent = parent;
  // Until control is released (clients at once, servers when secure),
  // errors go to '_tlsError' (a server's 'tlsClientError') instead.
  this.on('error', this._tlsError);
  initSession(this, session, parent, tlsOptions);
  // Read once the handshake is going; the parent carries the bytes.
  this.read(0);
}
Object.setPrototypeOf(TLSSocket.prototype, Socket.prototype);
Object.setPrototypeOf(TLSSocket, Socket);

function initSession(self, session, parent, options) {
  session.onhandshake = () => onHandshake(self);
  session.onerror = (err) => {
    if (self._hadError) return;
    self._hadError = true;
    if (!self._secureEstablished) self.destroy(err);
    else self._emitTLSError(err);
  };
  if (options.isServer) {
    if (options.requestCert) session.requestCert();
    if (options.SNICallback) {
      session.enableSNI();
      session.onsni = (servername) => {
        options.SNICallback(servername, (err, ctx) => {
          if (self.destroyed) return;
          if (err) return self.destroy(err);
          if (ctx && !isNativeContext(ctx)) ctx = createSecureContext(ctx);
          session.setContext(ctx ? ctx.context : null);
          session.resume();
        });
      };
    }
  } else {
    if (options.ALPNProtocols) session.setALPNProtocols(options.ALPNProtocols);
    if (options.servername) session.setServername(options.servername);
    if (options.session) self.setSession(options.session);
  }
  parent.on('error', (err) => {
    if (self.destroyed) return;
    // Once we are done writing, a failing connection is just closed.
    if (self.writableEnded && self._secureEstablished) self.destroy();
    else self.destroy(err);
  });
  // The other side going away before the handshake is done is an error.
  parent.on('end', () => {
    if (self.destroyed || self._secureEstablished) return;
    if (options.isServer) self.destroy();
    else self.destroy(disconnectedError(self, options));
  });
  parent.on('close', () => {
    if (!self.destroyed) {
      if (!self._secureEstablished && !options.isServer) {
        self.destroy(disconnectedError(self, options));
      } else {
        self.destroy();
      }
    }
  });
  parent.on('timeout', () => self.emit('timeout'));
  const start = () => {
    if (self.destroyed) return;
    if (options.isServer) parent.resume();
    session.start();
  };
  if (parent.connecting || parent.pending) {
    self.connecting = false;
    parent.once('connect', () => {
      self.emit('connect');
      start();
    });
  } else {
    process.nextTick(start);
  }
}

function disconnectedError(self, options) {
  const err = new ConnResetException(
    'Client network socket disconnected before secure TLS connection was established');
  err.path = options.path;
  err.host = options.host;
  err.port = options.port;
  err.localAddress = options.localAddress;
  return err;
}

function onHandshake(self) {
  self._secureEstablished = true;
  self.secureConnecting = false;
  const session = self[kSession];
  self.alpnProtocol = session.getALPNProtocol();
  self.servername = session.getServername();
  const options = self._tlsOptions;
  if (options.isServer) {
    if (options.requestCert) {
      const verifyError = session.verifyError();
      if (verifyError) {
        self.authorizationError = verifyError.code;
        if (options.rejectUnauthorized) {
          self.destroy();
          return;
        }
      } else {
        self.authorized = true;
      }
    }
    self._handle._handshakeDone();
    self.emit('secure');
    if (!self.destroyed && self._releaseControl() && options.server) {
      options.server.emit('secureConnection', self);
    }
    return;
  }
  let verifyError = session.verifyError();
  if (verifyError) {
    const e = new Error(verifyError.message);
    e.code = verifyError.code;
    verifyError = e;
  } else if (!session.isSessionReused()) {
    const hostname = options.servername || options.host || 'localhost';
    verifyError = (options.checkServerIdentity || checkServerIdentity)(hostname,
                                                                        self.getPeerCertificate(true));
  }
  if (verifyError) {
    self.authorized = false;
    self.authorizationError = verifyError.code || verifyError.message;
    if (options.rejectUnauthorized) {
      self.destroy(verifyError);
      return;
    }
  } else {
    self.authorized = true;
  }
  // Only now may what was written before the handshake go out.
  self._handle._handshakeDone();
  self.emit('secureConnect');
  self.emit('secure');
}

// Errors while control is not released are '_tlsError' events only.
TLSSocket.prototype._tlsError = function(err) {
  this.emit('_tlsError', err);
  return this._controlReleased ? err : null;
};

TLSSocket.prototype._emitTLSError = function(err) {
  const e = this._tlsError(err);
  if (e) this.emit('error', e);
};

TLSSocket.prototype._releaseControl = function() {
  if (this._controlReleased) return false;
  this._controlReleased = true;
  this.removeListener('error', this._tlsError);
  return true;
};

function certObject(der) {
  const { X509Certificate } = require('internal/crypto/x509');
  const cert = new X509Certificate(chunks.fromView(new Uint8Array(der))).toLegacyObject();
  return cert;
}

TLSSocket.prototype.getPeerCertificate = function(detailed) {
  if (this.destroyed || !this[kSession]) return null;
  const list = this[kSession].getPeerCertificates();
  if (list.length === 0) return {};
  const certs = list.map(certObject);
  if (detailed) {
    for (let i = 0; i < certs.length; i++) {
      certs[i].issuerCertificate = certs[i + 1] || certs[i];
    }
  }
  return certs[0];
};

TLSSocket.prototype.getPeerX509Certificate = function() {
  const list = this[kSession] ? this[kSession].getPeerCertificates() : [];
  if (list.length === 0) return undefined;
  const { X509Certificate } = require('internal/crypto/x509');
  return new X509Certificate(chunks.fromView(new Uint8Array(list[0])));
};

TLSSocket.prototype.getCertificate = function() {
  const der = this[kSession] && this[kSession].getCertificate();
  return der ? certObject(der) : null;
};

TLSSocket.prototype.getProtocol = function() {
  return this[kSession] ? this[kSession].getProtocol() : null;
};

TLSSocket.prototype.getCipher = function() {
  return this[kSession] ? this[kSession].getCipher() : undefined;
};

TLSSocket.prototype.getSession = function() {
  const ab = this[kSession] && this[kSession].getSession();
  return ab ? chunks.fromView(new Uint8Array(ab)) : undefined;
};

TLSSocket.prototype.setSession = function(session) {
  if (typeof session === 'string') session = chunks.fromString(session, 'latin1');
  if (!ArrayBuffer.isView(session)) {
    throw new ERR_INVALID_ARG_TYPE('session', ['Buffer', 'TypedArray', 'DataView', 'string'], session);
  }
  this[kSession].setSession(session);
};

TLSSocket.prototype.isSessionReused = function() {
  return this[kSession] ? this[kSession].isSessionReused() : false;
};

TLSSocket.prototype.setServername = function(name) {
  validateString(name, 'name');
  if (this._tlsOptions.isServer) throw new ERR_TLS_SNI_FROM_SERVER();
  this[kSession].setServername(name);
};

TLSSocket.prototype.setMaxSendFragment = function() {
  return true;
};

TLSSocket.prototype.renegotiate = function(options, callback) {
  const err = new ERR_TLS_INVALID_STATE();
  if (typeof callback === 'function') process.nextTick(callback, err);
  return false;
};

TLSSocket.prototype.disableRenegotiation = function() {};

TLSSocket.prototype.exportKeyingMaterial = function() {
  throw new ERR_TLS_INVALID_STATE();
};

TLSSocket.prototype.getEphemeralKeyInfo = function() {
  return this._tlsOptions.isServer ? null : {};
};

TLSSocket.prototype.getSharedSigalgs = function() {
  return [];
};

// NODE_TLS_REJECT_UNAUTHORIZED=0 turns verification off (with a warning, once).
let warnedAllowUnauthorized = false;
function allowUnauthorized() {
  const allow = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allow && !warnedAllowUnauthorized) {
    warnedAllowUnauthorized = true;
    process.emitWarning('Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to \'0\' ' +
                        'makes TLS connections and HTTPS requests insecure by disabling ' +
                        'certificate verification.');
  }
  return allow;
}

// tls.connect([port][, host][, options][, callback])
function connect(...args) {
  args = normalizeArgs(args);
  let options = args[0];
  const cb = args[1];
  if (options.socket === undefined && typeof args[0] === 'object') options = { ...options };
  const defaults = { rejectUnauthorized: !allowUnauthorized(), checkServerIdentity,
                     minDHSize: 1024 };
  options = { ...defaults, ...options };
  if (!options.keepAlive) options.singleUse = true;
  const host = options.host || 'localhost';
  if (options.servername === undefined && !net.isIP(host)) options.servername = host;
  let parent = options.socket;
  if (!parent) {
    parent = net.connect({ ...options, host, signal: undefined });
    if (options.timeout) parent.setTimeout(options.timeout);
  }
  const tlssock = new TLSSocket(parent, { ...options, isServer: false, host });
  tlssock._releaseControl();
  if (cb) tlssock.once('secureConnect', cb);
  return tlssock;
}

module.exports = { TLSSocket, connect, kParent, kSession };
