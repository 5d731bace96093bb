'use strict';

// net.Socket.prototype.connect: argument forms, the DNS lookup, the connect
// request on the handle and its completion ('connect'/'ready' or an error
// such as "connect ECONNREFUSED 127.0.0.1:1"). With autoSelectFamily (on by
// default, as in Node 20) every address of a name is tried in turn,
// alternating families, each for autoSelectFamilyAttemptTimeout ms.

const { initLoopResource } = require('internal/async_context');
const {
  ExceptionWithHostPort, NodeAggregateError, codes: {
    ERR_INVALID_ADDRESS_FAMILY, ERR_INVALID_ARG_TYPE, ERR_INVALID_IP_ADDRESS, ERR_MISSING_ARGS,
    ERR_SOCKET_CONNECTION_TIMEOUT,
  },
} = require('internal/errors');
const {
  validateAbortSignal, validateBoolean, validateFunction, validateInt32, validateNumber,
  validatePort, validateString,
} = require('internal/validators');
const { Socket, initSocketHandle, kSetKeepAlive, kSetKeepAliveInitialDelay, kSetNoDelay } =
  require('internal/net/socket');
const { kOwner, kTimeout } = require('internal/net/stream_base');
const { isIP } = require('internal/net/ip');
const { newPipe, newTCP } = require('internal/net/handles');
const { clearTimeout, setTimeout } = require('timers');
const { coreChannels } = require('internal/diagnostics/core_channels');
const { startPerf, stopPerf } = require('internal/perf/timed_entry');

const normalizedArgsSymbol = Symbol('normalizedArgs');
const kReinitializeHandle = Symbol('kReinitializeHandle');
const kPerfHooksNetConnectContext = Symbol('kPerfHooksNetConnectContext');
const DEFAULT_IPV4_ADDR = '0.0.0.0';
const DEFAULT_IPV6_ADDR = '::';
const UV_ECANCELED = -125;
const UV_ETIMEDOUT = -110;

// net's autoSelectFamily defaults (net.get/setDefaultAutoSelectFamily*):
// made from the command line on first use, at run time, as Node 20's
// (--[no-]network-family-autoselection, its alias
// --enable-network-family-autoselection, the last one winning, and
// --network-family-autoselection-attempt-timeout=MS).
let defaults;
function getDefaults() {
  if (defaults === undefined) {
    const { getOptionValue } = require('internal/options');
    const autoSelectFamily = getOptionValue('--network-family-autoselection');
    const timeout = Number(getOptionValue('--network-family-autoselection-attempt-timeout'));
    defaults = {
      autoSelectFamily,
      autoSelectFamilyAttemptTimeout: Number.isInteger(timeout) && timeout > 0 ? timeout : 250,
    };
  }
  return defaults;
}
let dns;

function toNumber(x) { return (x = Number(x)) >= 0 ? x : false; }

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

// [options, cb] from (options[, cb]), (path[, cb]) or ([port][, host][, cb]).
// listen() uses it too (its backlog argument is read separately).
function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    arr[normalizedArgsSymbol] = true;
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  arr = typeof cb === 'function' ? [options, cb] : [options, null];
  arr[normalizedArgsSymbol] = true;
  return arr;
}

// The `signal` option: an abort also stops trying further addresses (the
// stream itself is destroyed by the Duplex's own signal handling).
function addClientAbortSignalOption(self, options) {
  validateAbortSignal(options.signal, 'options.signal');
  const { signal } = options;
  function onAbort() {
    signal.removeEventListener('abort', onAbort);
    self._aborted = true;
  }
  if (signal.aborted) process.nextTick(onAbort);
  else process.nextTick(() => { signal.addEventListener('abort', onAbort, { once: true }); });
}

Socket.prototype.connect = function(...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0][normalizedArgsSymbol]) normalized = args[0];
  else normalized = normalizeArgs(args);
  const options = normalized[0];
  const cb = normalized[1];
  if (cb !== null) this.once('connect', cb);
  if (this._parent && this._parent.connecting) return this;
  if (options.port === undefined && options.path == null) {
    throw new ERR_MISSING_ARGS(['options', 'port', 'path']);
  }
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
  }
  const { path } = options;
  const pipe = !!path;
  if (!this._handle) {
    this._handle = pipe ? newPipe(false) : newTCP(false);
    initSocketHandle(this);
  }
  this._unrefTimer();
  this.connecting = true;
  if (pipe) {
    validateString(path, 'options.path');
    internalConnect(this, path);
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

Socket.prototype[kReinitializeHandle] = function(handle) {
  if (this._handle) this._handle.close();
  this._handle = handle;
  this._handle[kOwner] = this;
  initSocketHandle(this);
};

function socketToDnsFamily(family) {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family;
}

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  const host = options.host || 'localhost';
  let { port, autoSelectFamilyAttemptTimeout, autoSelectFamily } = options;
  if (localAddress && !isIP(localAddress)) throw new ERR_INVALID_IP_ADDRESS(localAddress);
  if (localPort) validateNumber(localPort, 'options.localPort');
  if (port !== undefined) {
    if (typeof port !== 'number' && typeof port !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    }
    validatePort(port);
  }
  port |= 0;
  if (autoSelectFamily != null) validateBoolean(autoSelectFamily, 'options.autoSelectFamily');
  else autoSelectFamily = getDefaults().autoSelectFamily;
  if (autoSelectFamilyAttemptTimeout != null) {
    validateInt32(autoSelectFamilyAttemptTimeout, 'options.autoSelectFamilyAttemptTimeout', 1);
    if (autoSelectFamilyAttemptTimeout < 10) autoSelectFamilyAttemptTimeout = 10;
  } else {
    autoSelectFamilyAttemptTimeout = getDefaults().autoSelectFamilyAttemptTimeout;
  }

  // An IP literal needs no lookup.
  const addressType = isIP(host);
  if (addressType) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port, addressType, localAddress, localPort);
    });
    return;
  }
  if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
  if (dns === undefined) dns = require('dns');
  const dnsopts = { family: socketToDnsFamily(options.family), hints: options.hints || 0 };
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && dnsopts.hints === 0) {
    dnsopts.hints = dns.ADDRCONFIG;
  }
  self._host = host;
  const lookup = options.lookup || dns.lookup;
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && !localAddress && autoSelectFamily) {
    dnsopts.all = true;
    lookupAndConnectMultiple(self, lookup, host, options, dnsopts, port, localPort,
                             autoSelectFamilyAttemptTimeout);
    return;
  }
  lookup(host, dnsopts, function emitLookup(err, ip, addressType) {
    self.emit('lookup', err, ip, addressType, host);
    // Destroyed meanwhile?
    if (!self.connecting) return;
    if (err) {
      // No listeners yet when createConnection() called us: a tick later.
      process.nextTick(connectErrorNT, self, err);
    } else if (!isIP(ip)) {
      process.nextTick(connectErrorNT, self, new ERR_INVALID_IP_ADDRESS(ip));
    } else if (addressType !== 4 && addressType !== 6) {
      process.nextTick(connectErrorNT, self,
                       new ERR_INVALID_ADDRESS_FAMILY(addressType, options.host, options.port));
    } else {
      self._unrefTimer();
      internalConnect(self, ip, port, addressType, localAddress, localPort);
    }
  });
}

function lookupAndConnectMultiple(self, lookup, host, options, dnsopts, port, localPort,
                                  timeout) {
  lookup(host, dnsopts, function emitLookup(err, addresses) {
    if (!self.connecting) return;
    if (err) {
      self.emit('lookup', err, undefined, undefined, host);
      process.nextTick(connectErrorNT, self, err);
      return;
    }
    // Valid addresses by family; the first one's family goes first.
    const valid = [[], []];
    const seen = [[], []];
    let order;
    for (let i = 0; i < addresses.length; i++) {
      const { address: ip, family } = addresses[i];
      self.emit('lookup', err, ip, family, host);
      if (!self.connecting) return;
      if (isIP(ip) && (family === 4 || family === 6)) {
        if (!order) order = family === 6 ? { 6: 0, 4: 1 } : { 4: 0, 6: 1 };
        const k = order[family];
        if (!seen[k].includes(ip)) {
          valid[k].push(addresses[i]);
          seen[k].push(ip);
        }
      }
    }
    if (!valid[0].length && !valid[1].length) {
      const { address: firstIp, family: firstFamily } = addresses[0];
      if (!isIP(firstIp)) {
        process.nextTick(connectErrorNT, self, new ERR_INVALID_IP_ADDRESS(firstIp));
      } else if (firstFamily !== 4 && firstFamily !== 6) {
        process.nextTick(connectErrorNT, self,
                         new ERR_INVALID_ADDRESS_FAMILY(firstFamily, options.host, options.port));
      }
      return;
    }
    const toAttempt = [];
    for (let i = 0; i < Math.max(valid[0].length, valid[1].length); i++) {
      if (i < valid[0].length) toAttempt.push(valid[0][i]);
      if (i < valid[1].length) toAttempt.push(valid[1][i]);
    }
    if (toAttempt.length === 1) {
      self._unrefTimer();
      const { address: ip, family } = toAttempt[0];
      internalConnect(self, ip, port, family, undefined, localPort);
      return;
    }
    self.autoSelectFamilyAttemptedAddresses = [];
    const context = {
      socket: self, addresses: toAttempt, current: 0, port, localPort, timeout,
      [kTimeout]: null, errors: [],
    };
    self._unrefTimer();
    internalConnectMultiple(context);
  });
}

function connectErrorNT(self, err) {
  self.destroy(err);
}

// EADDRINUSE may only show when the socket is used: a bind that landed on
// another port than asked for failed.
function checkBindError(err, port, handle) {
  if (err === 0 && port > 0 && handle.getsockname) {
    const out = {};
    err = handle.getsockname(out);
    if (err === 0 && port !== out.port) err = -98;  // UV_EADDRINUSE
  }
  return err;
}

function bindLocal(self, addressType, localAddress, localPort) {
  let err;
  if (addressType === 4) {
    localAddress = localAddress || DEFAULT_IPV4_ADDR;
    err = self._handle.bind(localAddress, localPort | 0);
  } else {
    localAddress = localAddress || DEFAULT_IPV6_ADDR;
    err = self._handle.bind6(localAddress, localPort | 0, 0);
  }
  err = checkBindError(err, localPort, self._handle);
  return err ? new ExceptionWithHostPort(err, 'bind', localAddress, localPort) : null;
}

function connectReq(address, port, localAddress, localPort, addressType, oncomplete) {
  const req = { oncomplete, address, port, localAddress, localPort, addressType };
  initLoopResource(req, 'TCPCONNECTWRAP');
  return req;
}

function sockDetails(self) {
  const sockname = self._getsockname();
  return sockname ? `${sockname.address}:${sockname.port}` : undefined;
}

function internalConnect(self, address, port, addressType, localAddress, localPort) {
  let err;
  if (localAddress || localPort) {
    const ex = bindLocal(self, addressType, localAddress, localPort);
    if (ex) {
      self.destroy(ex);
      return;
    }
    localAddress = localAddress || (addressType === 4 ? DEFAULT_IPV4_ADDR : DEFAULT_IPV6_ADDR);
  }
  self.emit('connectionAttempt', address, port, addressType);
  if (addressType === 6 || addressType === 4) {
    const req = connectReq(address, port, localAddress, localPort, addressType, afterConnect);
    if (addressType === 4) err = self._handle.connect(req, address, port);
    else err = self._handle.connect6(req, address, port);
  } else {
    const req = { address, oncomplete: afterConnect };
    initLoopResource(req, 'PIPECONNECTWRAP');
    err = self._handle.connect(req, address);
  }
  if (err) {
    self.destroy(new ExceptionWithHostPort(err, 'connect', address, port, sockDetails(self)));
  } else if (addressType === 6 || addressType === 4) {
    startConnectPerf(self, address, port);
  }
}

// A TCP connect is timed for perf_hooks' 'net' observers (pipes are not).
function startConnectPerf(self, host, port) {
  startPerf(self, kPerfHooksNetConnectContext, 'net', 'connect', { host, port });
}

function internalConnectMultiple(context, canceled) {
  clearTimeout(context[kTimeout]);
  const self = context.socket;
  if (self._aborted) return;
  if (canceled || context.current === context.addresses.length) {
    if (context.errors.length === 0) {
      self.destroy(new ERR_SOCKET_CONNECTION_TIMEOUT());
      return;
    }
    self.destroy(new NodeAggregateError(context.errors));
    return;
  }
  const current = context.current++;
  if (current > 0) self[kReinitializeHandle](newTCP(false));
  const { localPort, port } = context;
  const { address, family: addressType } = context.addresses[current];
  let localAddress;
  if (localPort) {
    const ex = bindLocal(self, addressType, undefined, localPort);
    if (ex) {
      context.errors.push(ex);
      internalConnectMultiple(context);
      return;
    }
    localAddress = addressType === 4 ? DEFAULT_IPV4_ADDR : DEFAULT_IPV6_ADDR;
  }
  self.emit('connectionAttempt', address, port, addressType);
  const req = connectReq(address, port, localAddress, localPort, addressType,
                         afterConnectMultiple.bind(undefined, context, current));
  self.autoSelectFamilyAttemptedAddresses.push(`${address}:${port}`);
  const err = addressType === 4 ? self._handle.connect(req, address, port) :
    self._handle.connect6(req, address, port);
  if (err) {
    const ex = new ExceptionWithHostPort(err, 'connect', address, port, sockDetails(self));
    context.errors.push(ex);
    self.emit('connectionAttemptFailed', address, port, addressType, ex);
    internalConnectMultiple(context);
    return;
  }
  startConnectPerf(self, address, port);
  if (current < context.addresses.length - 1) {
    context[kTimeout] = setTimeout(internalConnectMultipleTimeout, context.timeout, context, req,
                                   self._handle);
  }
}

function createConnectionError(req, status) {
  let details;
  if (req.localAddress && req.localPort) details = `${req.localAddress}:${req.localPort}`;
  const ex = new ExceptionWithHostPort(status, 'connect', req.address, req.port, details);
  if (details) {
    ex.localAddress = req.localAddress;
    ex.localPort = req.localPort;
  }
  return ex;
}

// req.oncomplete(status, handle, req, readable, writable)
function afterConnect(status, handle, req, readable, writable) {
  const self = handle[kOwner];
  // destroy() may have come first.
  if (self === undefined || self.destroyed) return;
  self.connecting = false;
  self._sockname = null;
  if (status === 0) {
    if (self.readable && !readable) {
      self.push(null);
      self.read();
    }
    if (self.writable && !writable) self.end();
    self._unrefTimer();
    if (self[kSetNoDelay] && self._handle.setNoDelay) self._handle.setNoDelay(true);
    if (self[kSetKeepAlive] && self._handle.setKeepAlive) {
      self._handle.setKeepAlive(true, self[kSetKeepAliveInitialDelay]);
    }
    self.emit('connect');
    self.emit('ready');
    // The first read (or an immediate EOF); consumes nothing.
    if (readable && !self.isPaused()) self.read(0);
    stopPerf(self, kPerfHooksNetConnectContext);
  } else {
    const ex = createConnectionError(req, status);
    self.emit('connectionAttemptFailed', req.address, req.port, req.addressType, ex);
    self.destroy(ex);
  }
}

function afterConnectMultiple(context, current, status, handle, req, readable, writable) {
  clearTimeout(context[kTimeout]);
  // Succeeded after its attempt timed out: another one is under way.
  if (status === 0 && current !== context.current - 1) {
    handle.close();
    return;
  }
  const self = context.socket;
  if (status !== 0) {
    const ex = createConnectionError(req, status);
    context.errors.push(ex);
    self.emit('connectionAttemptFailed', req.address, req.port, req.addressType, ex);
    if (self.connecting) internalConnectMultiple(context, status === UV_ECANCELED);
    return;
  }
  afterConnect(status, self._handle, req, readable, writable);
}

function internalConnectMultipleTimeout(context, req, handle) {
  context.socket.emit('connectionAttemptTimeout', req.address, req.port, req.addressType);
  req.oncomplete = undefined;
  context.errors.push(createConnectionError(req, UV_ETIMEDOUT));
  handle.close();
  if (context.socket.connecting) internalConnectMultiple(context);
}

// net.connect() / net.createConnection()
function connect(...args) {
  const normalized = normalizeArgs(args);
  const options = normalized[0];
  const socket = new Socket(options);
  const { netClientSocket } = coreChannels();
  if (netClientSocket.hasSubscribers) netClientSocket.publish({ socket });
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(normalized);
}

module.exports = {
  DEFAULT_IPV4_ADDR,
  DEFAULT_IPV6_ADDR,
  addClientAbortSignalOption,
  checkBindError,
  connect,
  getDefaults,
  isPipeName,
  kReinitializeHandle,
  normalizeArgs,
  toNumber,
};
