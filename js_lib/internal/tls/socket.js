'use strict';

// tls.TLSSocket: a net.Socket whose handle is a TLSHandle
// (internal/tls/handle.js) over another socket, and tls.connect(). Clients
// verify the server after the handshake (the CA chain, then
// checkServerIdentity) and emit 'secureConnect'; server sockets are driven
// by internal/tls/server.js.

const net = require('net');
const { ConnResetException } = require('internal/errors');
const {
  ERR_INVALID_ARG_TYPE, ERR_TLS_INVALID_CONTEXT, ERR_TLS_INVALID_STATE, ERR_TLS_SNI_FROM_SERVER,
} =
  require('internal/errors').codes;
const { validateFunction, validateObject, validateString } = require('internal/validators');
const resumption = require('internal/tls/resumption');
const socketInfo = require('internal/tls/socket_info');
const { Socket } = require('internal/net/socket');
const { normalizeArgs } = require('internal/net/connect');
const chunks = require('internal/streams/chunk');
const { TLSHandle } = require('internal/tls/handle');
const { convertALPNProtocols, createSecureContext } =
  require('internal/tls/secure_context');
const { checkServerIdentity } = require('internal/tls/identity');

const kSession = Symbol('kSession');
const kParent = Symbol('kParent');
const kStart = Symbol('kStart');
const kStartRequested = Symbol('kStartRequested');
const kConnectOptions = Symbol('kConnectOptions');
const kOwnParent = Symbol('kOwnParent');
const kOwnConnection = Symbol('kOwnConnection');  // made by tls.connect()

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  const tlsOptions = { ...opts };
  if (tlsOptions.ALPNProtocols) convertALPNProtocols(tlsOptions.ALPNProtocols, tlsOptions);
  const context = tlsOptions.secureContext || tlsOptions.credentials ||
    createSecureContext(tlsOptions);
  const { TLSSession, SecureContext: NativeContext } = binding('tls_wrap');
  if (!context || !(context.context instanceof NativeContext)) {
    throw new ERR_TLS_INVALID_CONTEXT('context');
  }
  // Anything but a socket or a stream cannot carry TLS.
  if (socket && !(socket instanceof Socket) &&
      (typeof socket.write !== 'function' || typeof socket.read !== 'function')) {
    throw new ERR_INVALID_ARG_TYPE('socket', ['net.Socket', 'stream.Duplex'], socket);
  }
  const parent = socket || new net.Socket();
  const session = new TLSSession(context.context, !!tlsOptions.isServer);
  // As Node: a given socket's own setting, else the option (read before
  // the handle changes the parent's).
  const allowHalfOpen = socket ? parent.allowHalfOpen : !!tlsOptions.allowHalfOpen;
  // A server socket made without a tls.Server brings its own ALPN list.
  if (tlsOptions.isServer && tlsOptions.ALPNProtocols && !tlsOptions.secureContext) {
    context.context.setALPNProtocols(tlsOptions.ALPNProtocols);
  }
  const handle = new TLSHandle(parent, session);
  Socket.call(this, {
    handle,
    allowHalfOpen,
    pauseOnCreate: tlsOptions.pauseOnConnect,
    manualStart: true,
    highWaterMark: tlsOptions.highWaterMark,
    // As Node: `onread` only when the socket under us is our own.
    onread: !socket || tlsOptions[kOwnConnection] ? tlsOptions.onread : null,
    signal: tlsOptions.signal,
  });
  // An already aborted signal destroyed us before the handle was ours to
  // close: close it (and the connection under it) now.
  if (tlsOptions.signal && tlsOptions.signal.aborted) handle.close();
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
  this[kOwnParent] = !socket;
  this.ssl = handle;  // Node's name for the TLS handle; null once closed
  this.on('close', this._destroySSL);
  // net.Socket walks _parent for its timers: only sockets have one.
  this._parent = parent instanceof Socket ? parent : null;
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
  // 'keylog' lines only once someone listens (as Node).
  session.onkeylog = (ab) => self.emit('keylog', chunks.fromView(new Uint8Array(ab)));
  self.on('newListener', function keylogNewListener(event) {
    if (event !== 'keylog') return;
    this.removeListener('newListener', keylogNewListener);
    if (this._handle) session.enableKeylog();
  });
  if (options.isServer) {
    resumption.initServer(self, session, options, finishServerHandshake);
    if (options.requestCert) session.requestCert(!!options.rejectUnauthorized);
    if (options.SNICallback) {
      session.enableSNI();
      session.onsni = (servername) => {
        self.servername = servername;
        options.SNICallback(servername, (err, ctx) => {
          if (self.destroyed) return;
          if (err) return self.destroy(err);
          const native = ctx ? ctx.context || ctx : null;
          if (native && !(native instanceof binding('tls_wrap').SecureContext)) {
            return self.destroy(new TypeError('Invalid SNI context'));
          }
          // A context without a certificate fails the handshake, as in Node.
          if (!session.setContext(native)) return self.destroy(nullParameterError());
          session.resume();
        });
      };
    }
  } else {
    resumption.initClient(self, session);
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
  // Servers start at once; clients when _start() asks (tls.connect does),
  // as in Node, once the parent is connected.
  let started = false;
  const start = () => {
    if (self.destroyed || started) return;
    started = true;
    if (options.isServer) parent.resume();
    session.start();
  };
  self[kStart] = start;
  if (!options.isServer) self._handle.onwritebeforesecure = () => self._start();
  if (parent.connecting || parent.pending) {
    self.connecting = false;
    parent.once('connect', () => {
      self.emit('connect');
      if (options.isServer || self[kStartRequested]) start();
    });
  } else if (options.isServer) {
    process.nextTick(start);
  }
}

// A TLSSocket made without a socket connects the one it made.
TLSSocket.prototype.connect = function(...args) {
  if (!this[kOwnParent]) return Socket.prototype.connect.apply(this, args);
  const [options, cb] = normalizeArgs(args);
  if (cb) this.once('connect', cb);
  this[kParent].connect(options);
  return this;
};

TLSSocket.prototype._destroySSL = function() {
  if (!this.ssl) return;
  this[kSession].destroy();
  this.ssl = null;
};

TLSSocket.prototype._start = function() {
  if (this[kStartRequested]) return;
  this[kStartRequested] = true;
  const parent = this[kParent];
  if (!parent.connecting && !parent.pending) process.nextTick(this[kStart]);
};

// An OpenSSL 3 error of the SSL library, as Node reports it.
function sslError(packed, reason) {
  const err = new Error(`error:${packed}:SSL routines::${reason}`);
  err.library = 'SSL routines';
  err.reason = reason;
  err.code = `ERR_SSL_${reason.toUpperCase().replace(/ /g, '_')}`;
  return err;
}

// OpenSSL's error for a certificate that is not there.
function nullParameterError() {
  return sslError('0A0C0102', 'passed a null parameter');
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
    if (resumption.serverHandshakeDone(self)) finishServerHandshake(self);
    return;
  }
  // A client made without tls.connect() is not verified (as in Node).
  if (!self[kConnectOptions]) {
    self._handle._handshakeDone();
    self.emit('secure');
    return;
  }
  let verifyError = session.verifyError();
  if (verifyError) {
    const e = new Error(verifyError.message);
    e.code = verifyError.code;
    verifyError = e;
  } else if (!session.isSessionReused()) {
    const hostname = options.servername || options.host ||
      (options.socket && options.socket._host) || 'localhost';
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
  resumption.clientVerified(self);
  self.emit('secure');
}

function finishServerHandshake(self) {
  const options = self._tlsOptions;
  if (options.requestCert) {
    const verifyError = self[kSession].verifyError();
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

resumption.install(TLSSocket.prototype, kSession);
socketInfo.install(TLSSocket.prototype, kSession);

TLSSocket.prototype.setServername = function(name) {
  validateString(name, 'name');
  if (this._tlsOptions.isServer) throw new ERR_TLS_SNI_FROM_SERVER();
  this[kSession].setServername(name);
};

// BoringSSL never starts a renegotiation; TLS 1.3 has none (OpenSSL's error).
TLSSocket.prototype.renegotiate = function(options, callback) {
  validateObject(options, 'options');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (this.destroyed) return;
  const tls13 = this.getProtocol() === 'TLSv1.3';
  const err = sslError(tls13 ? '0A00010A' : '0A000153',
                       tls13 ? 'wrong ssl version' : 'no renegotiation');
  if (callback) process.nextTick(callback, err);
  return false;
};

TLSSocket.prototype.disableRenegotiation = function() {};

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

let ipServernameWarned = false;

// tls.connect([port][, host][, options][, callback])
function connect(...args) {
  const listArgs = args;
  args = normalizeArgs(args);
  let options = args[0];
  const cb = args[1];
  // connect(port[, host], options): the TLS options are merged in.
  if (listArgs[1] !== null && typeof listArgs[1] === 'object') {
    Object.assign(options, listArgs[1]);
  } else if (listArgs[2] !== null && typeof listArgs[2] === 'object') {
    Object.assign(options, listArgs[2]);
  }
  if (options.socket === undefined && typeof args[0] === 'object') options = { ...options };
  const tls = require('tls');  // its createSecureContext and DEFAULT_CIPHERS, as users set them
  const defaults = { rejectUnauthorized: !allowUnauthorized(), ciphers: tls.DEFAULT_CIPHERS,
                     checkServerIdentity,
                     minDHSize: 1024 };
  options = { ...defaults, ...options };
  options.rejectUnauthorized = options.rejectUnauthorized !== false;
  if (!options.keepAlive) options.singleUse = true;
  const host = options.host || 'localhost';
  // Node sends no server name unless asked (https.Agent asks).
  if (options.servername && !ipServernameWarned && net.isIP(options.servername)) {
    process.emitWarning('Setting the TLS ServerName to an IP address is not permitted by ' +
                        'RFC 6066. This will be ignored in a future version.',
                        'DeprecationWarning', 'DEP0123');
    ipServernameWarned = true;
  }
  // The context first: bad TLS options throw before anything connects.
  const secureContext = options.secureContext || tls.createSecureContext(options);
  let parent = options.socket;
  if (!parent) {
    parent = net.connect({ ...options, host, signal: undefined, timeout: undefined,
                           onread: undefined, allowHalfOpen: !!options.allowHalfOpen });
  }
  const tlssock = new TLSSocket(parent, {
    ...options, secureContext, isServer: false, [kOwnConnection]: !options.socket,
  });
  tlssock[kConnectOptions] = options;
  if (options.timeout) tlssock.setTimeout(options.timeout);
  tlssock._start();
  tlssock._releaseControl();
  if (cb) tlssock.once('secureConnect', cb);
  return tlssock;
}

module.exports = { TLSSocket, connect, kParent, kSession };
