'use strict';

// tls.Server: a net.Server whose connections become TLSSockets; each one
// that completes its handshake is a 'secureConnection'. SNI: contexts added
// with addContext() (wildcards allowed) or an SNICallback choose the
// certificate by server name. Handshakes that take longer than
// handshakeTimeout (120 s) fail with ERR_TLS_HANDSHAKE_TIMEOUT. Sessions
// resume from tickets (ticketKeys, getTicketKeys()/setTicketKeys()) or, with
// 'newSession'/'resumeSession' listeners as an external cache, by session id.

const EventEmitter = require('events');
const net = require('net');
const { ConnResetException } = require('internal/errors');
const {
  ERR_INTERNAL_ASSERTION, ERR_INVALID_ARG_TYPE, ERR_TLS_HANDSHAKE_TIMEOUT,
  ERR_TLS_REQUIRED_SERVER_NAME,
} = require('internal/errors').codes;
const {
  validateBuffer, validateFunction, validateNumber, validateObject,
} = require('internal/validators');
const { TLSSocket } = require('internal/tls/socket');
const { clearTimeout, setTimeout } = require('timers');
const chunks = require('internal/streams/chunk');
const { convertALPNProtocols, createSecureContext, SecureContext } =
  require('internal/tls/secure_context');

const kContexts = Symbol('kContexts');

// The default SNICallback: the last added context whose name matches.
function SNICallback(servername, callback) {
  let ctx;
  for (const [re, context] of this.server[kContexts]) {
    if (re.test(servername)) ctx = context;
  }
  callback(null, ctx);
}

function tlsConnectionListener(rawSocket) {
  const socket = new TLSSocket(rawSocket, {
    secureContext: this._sharedCreds,
    isServer: true,
    server: this,
    requestCert: this.requestCert,
    rejectUnauthorized: this.rejectUnauthorized,
    handshakeTimeout: this[kHandshakeTimeout],
    ALPNProtocols: this.ALPNProtocols,
    SNICallback: this[kSNICallback],
    pauseOnConnect: this.pauseOnConnect,
    sessionCallbacks: this.listenerCount('newSession') > 0 ||
      this.listenerCount('resumeSession') > 0,
  });
  if (this.listenerCount('keylog') > 0) socket.on('keylog', onSocketKeylog);
  socket[kErrorEmitted] = false;
  socket.on('_tlsError', onSocketTLSError);
  socket.on('close', onSocketClose);
  const timeout = this[kHandshakeTimeout];
  if (timeout > 0) {
    const timer = setTimeout(() => {
      if (socket._secureEstablished) return;
      socket._emitTLSError(new ERR_TLS_HANDSHAKE_TIMEOUT());
      socket.destroy();
    }, timeout);
    timer.unref();
    socket.once('secure', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  }
}

const kHandshakeTimeout = Symbol('handshake-timeout');
const kErrorEmitted = Symbol('error-emitted');

// Before the handshake is over, one 'tlsClientError' per connection.
function onSocketTLSError(err) {
  if (!this._controlReleased && !this[kErrorEmitted]) {
    this[kErrorEmitted] = true;
    this._tlsOptions.server.emit('tlsClientError', err, this);
  }
}

function onSocketKeylog(line) {
  this._tlsOptions.server.emit('keylog', line, this);
}

function onSocketClose(hadError) {
  if (hadError) return;
  if (!this._controlReleased && !this[kErrorEmitted]) {
    this[kErrorEmitted] = true;
    this._tlsOptions.server.emit('tlsClientError', new ConnResetException('socket hang up'), this);
  }
}
const kSNICallback = Symbol('snicallback');

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options == null || typeof options === 'object') {
    options = options ?? {};
  } else {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  this._contexts = [];
  this[kContexts] = this._contexts;
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  if (options.handshakeTimeout !== undefined) {
    validateNumber(options.handshakeTimeout, 'options.handshakeTimeout');
  }
  this[kHandshakeTimeout] = options.handshakeTimeout || (120 * 1000);
  if (options.SNICallback !== undefined) validateFunction(options.SNICallback, 'options.SNICallback');
  this[kSNICallback] = options.SNICallback;
  if (options.ALPNProtocols) {
    const out = {};
    convertALPNProtocols(options.ALPNProtocols, out);
    this.ALPNProtocols = out.ALPNProtocols;
  }
  if (options.sessionTimeout) this.sessionTimeout = options.sessionTimeout;
  if (options.ticketKeys) this.ticketKeys = options.ticketKeys;
  this.setSecureContext(options);
  net.Server.call(this, options, tlsConnectionListener);
  if (listener) this.on('secureConnection', listener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

let defaultSessionIdContext;

// Node's: the first 32 hex digits of the SHA-1 of the command line.
function getDefaultSessionIdContext() {
  if (defaultSessionIdContext === undefined) {
    defaultSessionIdContext = require('crypto').createHash('sha1')
      .update(process.argv.join(' ')).digest('hex').slice(0, 32);
  }
  return defaultSessionIdContext;
}

Server.prototype.setSecureContext = function(options) {
  validateObject(options, 'options');
  if (options.sessionIdContext) this.sessionIdContext = options.sessionIdContext;
  else this.sessionIdContext = getDefaultSessionIdContext();
  if (options.sessionTimeout) this.sessionTimeout = options.sessionTimeout;
  if (options.ticketKeys) this.ticketKeys = options.ticketKeys;
  this._sharedCreds = createSecureContext({
    ...options,
    honorCipherOrder: options.honorCipherOrder !== undefined ? !!options.honorCipherOrder : true,
    sessionIdContext: this.sessionIdContext,
    ticketKeys: this.ticketKeys,
    sessionTimeout: this.sessionTimeout,
  });
  if (this.ALPNProtocols) this._sharedCreds.context.setALPNProtocols(this.ALPNProtocols);
};

Server.prototype.addContext = function(servername, context) {
  if (!servername) throw new ERR_TLS_REQUIRED_SERVER_NAME();
  const re = new RegExp(`^${servername.replace(/([.^$+?\-\\[\]{}])/g, '\\$1')
    .replace(/\*/g, '[^.]*')}$`, 'i');
  const ctx = context instanceof SecureContext ? context : createSecureContext(context);
  this._contexts.push([re, ctx]);
  // From now on a server name chooses among the contexts.
  if (!this[kSNICallback]) this[kSNICallback] = SNICallback.bind({ server: this });
};

Server.prototype.getTicketKeys = function getTicketKeys() {
  return chunks.fromView(new Uint8Array(this._sharedCreds.context.getTicketKeys()));
};

Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  validateBuffer(keys);
  if (keys.byteLength !== 48) {
    throw new ERR_INTERNAL_ASSERTION('Session ticket keys must be a 48-byte buffer');
  }
  this._sharedCreds.context.setTicketKeys(keys);
};

// Deprecated (DEP0122): options for contexts made later (setSecureContext).
const kSetOptionsKeys = ['pfx', 'key', 'passphrase', 'cert', 'clientCertEngine', 'ca',
                         'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'ciphers',
                         'dhparam', 'sessionTimeout', 'ticketKeys', 'secureOptions',
                         'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine'];
let warnedSetOptions = false;
Server.prototype.setOptions = function(options) {
  if (!warnedSetOptions) {
    warnedSetOptions = true;
    process.emitWarning('Server.prototype.setOptions() is deprecated', 'DeprecationWarning',
                        'DEP0122');
  }
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  for (const key of kSetOptionsKeys) if (options[key]) this[key] = options[key];
  if (options.ecdhCurve !== undefined) this.ecdhCurve = options.ecdhCurve;
  this.honorCipherOrder = options.honorCipherOrder !== undefined ? !!options.honorCipherOrder : true;
  if (options.ALPNProtocols) {
    const out = {};
    convertALPNProtocols(options.ALPNProtocols, out);
    this.ALPNProtocols = out.ALPNProtocols;
  }
  this.sessionIdContext = options.sessionIdContext || getDefaultSessionIdContext();
};

// A rejected 'secureConnection' listener (captureRejections) destroys the
// socket with the error.
Server.prototype[EventEmitter.captureRejectionSymbol] = function(err, event, sock) {
  if (event === 'secureConnection') sock.destroy(err);
  else net.Server.prototype[EventEmitter.captureRejectionSymbol].call(this, err, event, sock);
};

function createServer(options, listener) {
  return new Server(options, listener);
}

module.exports = { Server, createServer };
