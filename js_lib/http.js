'use strict';

// The http module: HTTP/1.1 servers and clients (internal/http/*) over
// net sockets and the llhttp parser (bindings/http_parser.cc).

const { validateInteger } = require('internal/validators');
const agent = require('internal/http/agent');
const { ClientRequest } = require('internal/http/client');
const { getMaxHeaderSize } = require('internal/http/common');
const { IncomingMessage } = require('internal/http/incoming');
const {
  OutgoingMessage, validateHeaderName, validateHeaderValue,
} = require('internal/http/outgoing');
const {
  STATUS_CODES, Server, ServerResponse, _connectionListener,
} = require('internal/http/server');

// What llhttp parses, plus QUERY (Node 20's list), sorted.
const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK',
  'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS',
  'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT',
  'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE',
];

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = {
  _connectionListener,
  METHODS,
  STATUS_CODES,
  Agent: agent.Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers(max) {
    validateInteger(max, 'max', 1);
  },
};

Object.defineProperty(module.exports, 'maxHeaderSize', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return getMaxHeaderSize(); },
});

Object.defineProperty(module.exports, 'globalAgent', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return agent.globalAgent; },
  set(value) { agent.globalAgent = value; },
});
