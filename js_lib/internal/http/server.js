'use strict';

// http.Server: a net.Server whose connections are parsed as HTTP/1.x
// requests. Per connection: pipelined requests answered in order (one
// ServerResponse owns the socket at a time, the next are queued), reading
// paused while responses queue too much, keep-alive with keepAliveTimeout,
// 'upgrade'/'connect' hand the socket over, Expect: 100-continue, and
// malformed input answered with 400 (431 for oversized headers, 408 for
// headersTimeout/requestTimeout) and a closed connection.

const net = require('net');
const EE = require('events');
const {
  ConnResetException, codes: { ERR_HTTP_REQUEST_TIMEOUT, ERR_HTTP_SOCKET_ENCODING },
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const { setInterval, clearInterval } = require('timers');
const {
  allocParser, continueExpression, execute, freeParser, isLenient, kIncomingMessage, kStableShapes,
  prepareError,
} = require('internal/http/common');
const {
  kBeforeFinish, kNeedDrain, kUniqueHeaders, parseUniqueHeadersOption,
} = require('internal/http/outgoing');
const {
  STATUS_CODES, ServerResponse, createServerResponse, emitCloseNT, kClosesResponse,
  onServerResponseClose,
} = require('internal/http/server_response');
const { consumeSocket, unconsume } = require('internal/http/server_consume');
const { hasHeader, kOnEnded } = require('internal/http/incoming');
const chunks = require('internal/streams/chunk');
const { coreChannels } = require('internal/diagnostics/core_channels');
const { kServerResponse, storeHTTPOptions } = require('internal/http/server_options');

const kConnections = Symbol('http.server.connections');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');
const kConnectionState = Symbol('kConnectionState');
const KEEP_ALIVE_TIMEOUT_BUFFER = 1000;
let debug = require('internal/util/debuglog').debuglog('http', (fn) => { debug = fn; });

function now() {
  return binding('timers').getLibevNow();
}

// Connections, checked every connectionsCheckingInterval ms against
// headersTimeout and requestTimeout: the parser knows when its current
// message began (0: none in progress) and whether its head is complete.
function checkConnections() {
  if (this.headersTimeout === 0 && this.requestTimeout === 0) return;
  const t = now();
  for (const conn of [...this[kConnections]]) {
    const start = conn.parser.lastMessageStart();
    if (start === 0) continue;
    const age = t - start;
    if ((!conn.parser.headersCompleted() && this.headersTimeout > 0 && age > this.headersTimeout) ||
        (this.requestTimeout > 0 && age > this.requestTimeout)) {
      this[kConnections].delete(conn);
      socketOnError.call(conn.socket, new ERR_HTTP_REQUEST_TIMEOUT());
    }
  }
}

function setupConnectionsTracking() {
  if (!this[kConnections]) this[kConnections] = new Set();
  if (this[kConnectionsCheckingInterval]) clearInterval(this[kConnectionsCheckingInterval]);
  this[kConnectionsCheckingInterval] =
    setInterval(checkConnections.bind(this), this.connectionsCheckingInterval).unref();
}

function httpServerPreClose(server) {
  server.closeIdleConnections();
  clearInterval(server[kConnectionsCheckingInterval]);
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true, noDelay: options.noDelay ?? true, keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay, highWaterMark: options.highWaterMark,
  });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.close = function(...args) {
  httpServerPreClose(this);
  net.Server.prototype.close.apply(this, args);
  return this;
};

Server.prototype[Symbol.asyncDispose || Symbol.for('nodejs.asyncDispose')] = function() {
  return new Promise((resolve, reject) => {
    this.close((err) => (err ? reject(err) : resolve()));
  });
};

Server.prototype.closeAllConnections = function() {
  if (!this[kConnections]) return;
  for (const conn of [...this[kConnections]]) conn.socket.destroy();
};

Server.prototype.closeIdleConnections = function() {
  if (!this[kConnections]) return;
  for (const conn of [...this[kConnections]]) {
    if (conn.parser.lastMessageStart() !== 0) continue;
    const msg = conn.socket._httpMessage;
    if (msg && !msg.finished) continue;
    conn.socket.destroy();
  }
};

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype[EE.captureRejectionSymbol] = function(err, event, ...args) {
  if (event === 'request') {
    const res = args[1];
    if (!res.headersSent && !res.writableEnded) {
      // No half-set headers leak into the 500.
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 500;
      res.end(STATUS_CODES[500]);
    } else {
      res.destroy();
    }
  } else {
    net.Server.prototype[Symbol.for('nodejs.rejection')].apply(this, [err, event, ...args]);
  }
};

function connectionListener(socket) {
  const server = this;
  debug('SERVER new http connection');
  socket.server = server;
  socket[kClosesResponse] = true;
  // Unless someone listens for 'timeout', a timed out socket is destroyed.
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  const lenient = server.insecureHTTPParser === undefined ? isLenient() : server.insecureHTTPParser;
  const parser = allocParser('request', server.maxHeaderSize, lenient);
  parser.socket = socket;
  socket.parser = parser;
  if (typeof server.maxHeadersCount === 'number') parser.maxHeaderPairs = server.maxHeadersCount << 1;
  const state = {
    onData: null, onEnd: null, onClose: null, onDrain: null,
    outgoing: [], incoming: [],
    // Bytes queued by responses not yet writing: too many pause reading.
    outgoingData: 0,
    requestsCount: 0,
    keepAliveTimeoutSet: false,
    server, socket, onPendingData: null,
  };
  const conn = { socket, parser };
  if (!server[kConnections]) server[kConnections] = new Set();
  server[kConnections].add(conn);
  state.conn = conn;
  state.onData = socketOnData.bind(undefined, server, socket, parser, state);
  state.onEnd = socketOnEnd.bind(undefined, server, socket, parser, state);
  state.onClose = socketOnClose.bind(undefined, server, socket, state);
  state.onDrain = socketOnDrain.bind(undefined, socket, state);
  state.onPendingData = updateOutgoingData.bind(undefined, socket, state);
  socket.on('data', state.onData);
  socket.on('error', socketOnError);
  socket.on('end', state.onEnd);
  socket.on('close', state.onClose);
  socket.on('drain', state.onDrain);
  parser.onIncoming = parserOnIncoming.bind(undefined, server, socket, state);
  socket.setEncoding = socketSetEncoding;
  consumeSocket(socket, parser, (ret, chunk) => {
    const d = chunk !== undefined ? chunks.fromView(new Uint8Array(chunk)) : undefined;
    onParserExecuteCommon(server, socket, parser, state, ret, d);
  });
  socket._paused = false;
}

function socketSetEncoding() {
  throw new ERR_HTTP_SOCKET_ENCODING();
}

function updateOutgoingData(socket, state, delta) {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket, state) {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  if (socket._paused && !needPause) {
    socket._paused = false;
    if (socket.parser) socket.parser.resume();
    socket.resume();
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg[kNeedDrain]) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  const req = this.parser && this.parser.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(server, socket, state) {
  debug('server socket close');
  if (server[kConnections]) server[kConnections].delete(state.conn);
  freeParser(socket.parser, null, socket);
  while (state.incoming.length) {
    const req = state.incoming.shift();
    req.destroy(new ConnResetException('aborted'));
  }
  onServerResponseClose.call(socket);
}

function socketOnEnd(server, socket, parser, state) {
  const ret = parser.finish();
  if (ret instanceof Error) {
    socketOnError.call(socket, ret);
  } else if (!server.httpAllowHalfOpen) {
    socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else {
    socket.end();
  }
}

function socketOnData(server, socket, parser, state, d) {
  const ret = execute(parser, d);
  onParserExecuteCommon(server, socket, parser, state, ret, d);
}

const kErrorResponses = {
  HPE_HEADER_OVERFLOW: `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n`,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: `HTTP/1.1 413 ${STATUS_CODES[413]}\r\nConnection: close\r\n\r\n`,
  ERR_HTTP_REQUEST_TIMEOUT: `HTTP/1.1 408 ${STATUS_CODES[408]}\r\nConnection: close\r\n\r\n`,
};
const kBadRequest = `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nConnection: close\r\n\r\n`;

function noop() {}

function socketOnError(e) {
  debug('server socket error: %s', e.message);
  // Only the first error counts.
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);
  if (!this.server.emit('clientError', e, this)) {
    // Answer only if no response has started writing on this connection.
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      this.write(kErrorResponses[e.code] || kBadRequest, 'latin1');
    }
    this.destroy(e);
  }
}

function onParserExecuteCommon(server, socket, parser, state, ret, d) {
  if (ret instanceof Error) {
    prepareError(ret, parser, d);
    socketOnError.call(socket, ret);
  } else if (parser.incoming && parser.incoming.upgrade) {
    // Upgrade or CONNECT: the socket now belongs to the listener.
    const req = parser.incoming;
    socket.removeListener('data', state.onData);
    socket.removeListener('end', state.onEnd);
    socket.removeListener('close', state.onClose);
    socket.removeListener('drain', state.onDrain);
    socket.removeListener('error', socketOnError);
    socket.removeListener('timeout', socketOnTimeout);
    if (server[kConnections]) server[kConnections].delete(state.conn);
    unconsume(parser, socket);
    parser.finish();
    freeParser(parser, req, socket);
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (eventName === 'upgrade' || server.listenerCount(eventName) > 0) {
      const bodyHead = d.slice(ret, d.length);
      socket.readableFlowing = null;
      delete socket.setEncoding;
      server.emit(eventName, req, socket, bodyHead);
    } else {
      // CONNECT and nobody to handle it.
      socket.destroy();
    }
  } else if (parser.incoming && parser.incoming.method === 'PRI') {
    socket.destroy();
  }
  if (socket._paused && socket.parser) socket.parser.pause();
}

// The parser keeps the request until its 'end' listeners have run.
function clearIncoming(req) {
  const parser = req.socket && req.socket.parser;
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else if (req[kOnEnded] === null) req[kOnEnded] = clearIncoming;
    else req.on('end', () => clearIncoming(req));  // a subclass that never set it
  }
}

function resOnFinish(req, res, socket, state, server) {
  state.incoming.shift();
  if (!server[kStableShapes] &&
      (Object.getPrototypeOf(req) !== server[kIncomingMessage].prototype ||
       Object.getPrototypeOf(res) !== server[kServerResponse].prototype)) {
    server[kStableShapes] = true;
  }
  // Nobody read the body: drop it so the next request can be parsed.
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  clearIncoming(req);
  process.nextTick(emitCloseNT, res);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      // A little past what was advertised, against races with the client.
      socket.setTimeout(server.keepAliveTimeout + KEEP_ALIVE_TIMEOUT_BUFFER);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
  const { httpServerResponseFinish } = coreChannels();
  if (httpServerResponseFinish.hasSubscribers) {
    httpServerResponseFinish.publish({ request: req, response: res, socket, server });
  }
}

// Just before 'finish' of a response (`this`, kBeforeFinish): one function
// for all of them, the connection found through the response.
function onResponseFinish() {
  const state = this[kConnectionState];
  resOnFinish(this.req, this, state.socket, state, state.server);
}

function resetSocketTimeout(server, socket, state) {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

function parserOnIncoming(server, socket, state, req, keepAlive) {
  resetSocketTimeout(server, socket, state);
  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || server.listenerCount('upgrade') > 0;
    if (req.upgrade) return 2;
  }
  state.incoming.push(req);
  // Too much unsent: stop reading (the parser pauses after this execute).
  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket.pause();
    }
  }
  const options = {
    highWaterMark: socket.writableHighWaterMark,
    rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites,
  };
  const Response = server[kServerResponse];
  const res = Response === ServerResponse && server[kStableShapes] ?
    createServerResponse(req, options) : new Response(req, options);
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = state.onPendingData;
  res[kConnectionState] = state;
  res.shouldKeepAlive = keepAlive;
  res[kUniqueHeaders] = server[kUniqueHeaders];
  const { httpServerRequestStart } = coreChannels();
  if (httpServerRequestStart.hasSubscribers) {
    httpServerRequestStart.publish({ request: req, response: res, socket, server });
  }
  if (socket._httpMessage) state.outgoing.push(res);
  else res.assignSocket(socket);
  res[kBeforeFinish] = onResponseFinish;
  let handled = false;
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    // RFC 7230 5.4: an HTTP/1.1 request without Host gets a 400.
    if (server.requireHostHeader && !hasHeader(req, 'host')) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return 0;
    }
    const limited = typeof server.maxRequestsPerSocket === 'number' &&
      server.maxRequestsPerSocket > 0;
    if (limited) {
      state.requestsCount++;
      res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
    }
    if (limited && server.maxRequestsPerSocket < state.requestsCount) {
      handled = true;
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
    } else if (hasHeader(req, 'expect')) {
      handled = true;
      if (continueExpression.test(req.headers.expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
        } else {
          res.writeContinue();
          server.emit('request', req, res);
        }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    }
  }
  if (!handled) server.emit('request', req, res);
  return 0;
}

module.exports = {
  STATUS_CODES,
  Server,
  ServerResponse,
  _connectionListener: connectionListener,
  httpServerPreClose,
  kConnectionsCheckingInterval,
  kServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
};
