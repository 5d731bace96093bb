'use strict';

// Node's legacy module name for tls.TLSSocket, Server, createServer, connect.
const { TLSSocket, connect } = require('internal/tls/socket');
const { Server, createServer } = require('internal/tls/server');

module.exports = { TLSSocket, Server, createServer, connect };
