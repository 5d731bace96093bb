'use strict';

// The net module: TCP and unix domain socket streams and servers
// (internal/net/*), IP literal checks, BlockList and SocketAddress, and the
// autoSelectFamily defaults.

const { validateBoolean, validateInt32 } = require('internal/validators');
const { Socket } = require('internal/net/socket');
const { Server, createServer, createServerHandle } = require('internal/net/server');
const { connect, getDefaults, normalizeArgs } = require('internal/net/connect');
const { isIP, isIPv4, isIPv6 } = require('internal/net/ip');

let BlockList;
let SocketAddress;
let warnSimultaneousAccepts = true;

function getDefaultAutoSelectFamily() {
  return getDefaults().autoSelectFamily;
}

function setDefaultAutoSelectFamily(value) {
  validateBoolean(value, 'value');
  getDefaults().autoSelectFamily = value;
}

function getDefaultAutoSelectFamilyAttemptTimeout() {
  return getDefaults().autoSelectFamilyAttemptTimeout;
}

function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  validateInt32(value, 'value', 1);
  getDefaults().autoSelectFamilyAttemptTimeout = value < 10 ? 10 : value;
}

function _setSimultaneousAccepts() {
  if (warnSimultaneousAccepts) {
    process.emitWarning('net._setSimultaneousAccepts() is deprecated and will be removed.',
                        'DeprecationWarning', 'DEP0121');
    warnSimultaneousAccepts = false;
  }
}

module.exports = {
  _createServerHandle: createServerHandle,
  _normalizeArgs: normalizeArgs,
  _setSimultaneousAccepts,
  get BlockList() {
    if (BlockList === undefined) BlockList = require('internal/net/blocklist').BlockList;
    return BlockList;
  },
  get SocketAddress() {
    if (SocketAddress === undefined) {
      SocketAddress = require('internal/net/socket_address').SocketAddress;
    }
    return SocketAddress;
  },
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,  // the legacy name
  getDefaultAutoSelectFamily,
  setDefaultAutoSelectFamily,
  getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout,
};
