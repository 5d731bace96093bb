'use strict';

// The UDP handles behind dgram sockets (bindings/udp_wrap.cc): making one
// for 'udp4' or 'udp6' with its family's bind/connect/send and address
// lookup, and the old dgram._createSocketHandle. The binding is looked up on
// first use: handles cannot be made while the snapshot is built.

const {
  codes: { ERR_SOCKET_BAD_TYPE, ERR_SOCKET_DGRAM_NOT_RUNNING },
} = require('internal/errors');
const { isInt32, validateFunction } = require('internal/validators');

const kStateSymbol = Symbol('state symbol');
const kOwner = require('internal/owner_symbol');
const UV_EINVAL = -22;

const BIND_STATE_UNBOUND = 0;
const BIND_STATE_BINDING = 1;
const BIND_STATE_BOUND = 2;
const CONNECT_STATE_DISCONNECTED = 0;
const CONNECT_STATE_CONNECTING = 1;
const CONNECT_STATE_CONNECTED = 2;

// A closed socket has no handle.
function healthCheck(socket) {
  if (!socket[kStateSymbol].handle) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
}

let udp;
function udpWrap() {
  if (udp === undefined) {
    udp = binding('udp_wrap');
    // The legacy alias Node keeps on its handles.
    Object.defineProperty(udp.UDP.prototype, 'owner', {
      __proto__: null,
      configurable: true,
      get() { return this[kOwner]; },
      set(v) { this[kOwner] = v; },
    });
  }
  return udp;
}

// An empty address means the loopback one for lookups (connect and send);
// bind() passes the wildcard address itself.
function lookup4(lookup, address, callback) {
  return lookup(address || '127.0.0.1', 4, callback);
}

function lookup6(lookup, address, callback) {
  return lookup(address || '::1', 6, callback);
}

function newHandle(type, lookup) {
  if (lookup === undefined) lookup = require('dns').lookup;
  else validateFunction(lookup, 'lookup');
  if (type === 'udp4') {
    const handle = new (udpWrap().UDP)();
    handle.lookup = lookup4.bind(handle, lookup);
    return handle;
  }
  if (type === 'udp6') {
    const handle = new (udpWrap().UDP)();
    handle.lookup = lookup6.bind(handle, lookup);
    handle.bind = handle.bind6;
    handle.connect = handle.connect6;
    handle.send = handle.send6;
    return handle;
  }
  throw new ERR_SOCKET_BAD_TYPE();
}

// A bound (or fd-backed) handle, or a negative errno (the handle closed).
function _createSocketHandle(address, port, addressType, fd, flags) {
  const handle = newHandle(addressType);
  let err;
  if (isInt32(fd) && fd > 0) {
    const type = binding('tty').guessHandleType(fd);
    err = type === 'UDP' ? handle.open(fd) : UV_EINVAL;
  } else if (port || address) {
    err = handle.bind(address, port || 0, flags);
  }
  if (err) {
    handle.close();
    return err;
  }
  return handle;
}

module.exports = {
  BIND_STATE_BINDING, BIND_STATE_BOUND, BIND_STATE_UNBOUND, CONNECT_STATE_CONNECTED,
  CONNECT_STATE_CONNECTING, CONNECT_STATE_DISCONNECTED, _createSocketHandle, healthCheck, kOwner,
  kStateSymbol, newHandle, udpWrap,
};
