'use strict';

// Node's legacy module name for http.Server and its helpers.
const server = require('internal/http/server');

module.exports = {
  STATUS_CODES: server.STATUS_CODES,
  Server: server.Server,
  ServerResponse: server.ServerResponse,
  setupConnectionsTracking: server.setupConnectionsTracking,
  storeHTTPOptions: server.storeHTTPOptions,
  _connectionListener: server._connectionListener,
  kServerResponse: server.kServerResponse,
  httpServerPreClose: server.httpServerPreClose,
  kConnectionsCheckingInterval: server.kConnectionsCheckingInterval,
};
