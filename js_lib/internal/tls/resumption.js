'use strict';

// TLS session resumption on a TLSSocket, as Node has it.
// Clients: 'session' events (a TLS 1.2 session when the handshake ends, each
// TLS 1.3 ticket when it arrives afterwards), held back until the server is
// verified; getSession(), setSession(), getTLSTicket(), isSessionReused().
// Servers: with 'newSession'/'resumeSession' listeners on the tls.Server,
// each new session is handed to 'newSession' (the handshake's output waits
// for its callback) and a client's session id to 'resumeSession', whose
// callback may load the stored session before the handshake goes on.

const { ERR_INVALID_ARG_TYPE, ERR_MULTIPLE_CALLBACK, ERR_SOCKET_CLOSED } =
  require('internal/errors').codes;
const chunks = require('internal/streams/chunk');

const kPendingSession = Symbol('kPendingSession');
const kIsVerified = Symbol('kIsVerified');

function toBuffer(ab) {
  return chunks.fromView(new Uint8Array(ab));
}

function initClient(self, session) {
  self[kPendingSession] = null;
  self[kIsVerified] = false;
  session.onnewsession = (ab) => {
    const data = toBuffer(ab);
    if (self[kIsVerified]) self.emit('session', data);
    else self[kPendingSession] = data;
  };
}

// After 'secureConnect': the session that came with the handshake.
function clientVerified(self) {
  self[kIsVerified] = true;
  const data = self[kPendingSession];
  self[kPendingSession] = null;
  if (data) self.emit('session', data);
}

// `finish(self)` completes a server handshake; it waits for 'newSession'.
function initServer(self, session, options, finish) {
  self._newSessionPending = false;
  self._securePending = false;
  if (options.sessionCallbacks) session.enableSessionCallbacks();
  session.onnewsession = (id, data) => {
    const server = options.server;
    let called = false;
    const done = () => {
      if (called) return;
      called = true;
      if (self._handle === null) {
        self.destroy(new ERR_SOCKET_CLOSED());
        return;
      }
      session.newSessionDone();
      self._newSessionPending = false;
      if (self._securePending) {
        self._securePending = false;
        finish(self);
      }
    };
    self._newSessionPending = true;
    if (!server || !server.emit('newSession', toBuffer(id), toBuffer(data), done)) done();
  };
  session.onresumesession = (id) => {
    const server = options.server;
    let called = false;
    const onSession = (err, data) => {
      if (called) {
        self.destroy(new ERR_MULTIPLE_CALLBACK());
        return;
      }
      called = true;
      if (err) {
        self.destroy(err);
        return;
      }
      if (self._handle === null) {
        self.destroy(new ERR_SOCKET_CLOSED());
        return;
      }
      if (ArrayBuffer.isView(data)) session.loadSession(data);
      session.resume();
    };
    if (!server || !server.emit('resumeSession', toBuffer(id), onSession)) session.resume();
  };
}

// A server's handshake is over: 'secure' waits for a pending 'newSession'.
function serverHandshakeDone(self) {
  if (!self._newSessionPending) return true;
  self._securePending = true;
  return false;
}

function install(proto, kSession) {
  // Like the other getters: null once the socket's handle is gone.
  proto.getSession = function getSession() {
    if (!this._handle) return null;
    const ab = this[kSession].getSession();
    return ab ? toBuffer(ab) : undefined;
  };

  proto.setSession = function setSession(session) {
    if (typeof session === 'string') session = chunks.fromString(session, 'latin1');
    if (!ArrayBuffer.isView(session)) {
      throw new ERR_INVALID_ARG_TYPE('session', ['Buffer', 'TypedArray', 'DataView', 'string'],
                                     session);
    }
    this[kSession].setSession(session);
  };

  proto.getTLSTicket = function getTLSTicket() {
    if (!this._handle) return null;
    const ab = this[kSession].getTLSTicket();
    return ab ? toBuffer(ab) : undefined;
  };

  proto.isSessionReused = function isSessionReused() {
    return this._handle ? this[kSession].isSessionReused() : null;
  };
}

module.exports = { clientVerified, initClient, initServer, install, serverHandshakeDone };
