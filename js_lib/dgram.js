'use strict';

// The dgram module: UDP sockets over the UDP handle of bindings/udp_wrap.cc
// (one non-blocking socket on a libev io watcher). A Socket binds implicitly
// on its first send() or connect(); what is asked for meanwhile waits in a
// queue (internal/dgram/send.js). Address arguments go through the socket's
// lookup (dns.lookup unless options.lookup), so host names work too.

const { Buffer } = require('buffer');
const EventEmitter = require('events');
const {
  ErrnoException, ExceptionWithHostPort,
  codes: {
    ERR_INVALID_FD_TYPE, ERR_MISSING_ARGS, ERR_SOCKET_ALREADY_BOUND, ERR_SOCKET_BAD_BUFFER_SIZE,
    ERR_SOCKET_BUFFER_SIZE, ERR_SOCKET_DGRAM_IS_CONNECTED, ERR_SOCKET_DGRAM_NOT_CONNECTED,
  },
} = require('internal/errors');
const { uvErrmapGet } = require('internal/errors/uv_errmap');
const {
  isInt32, validateAbortSignal, validateNumber, validatePort, validateString, validateUint32,
} = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');
const {
  BIND_STATE_BINDING, BIND_STATE_BOUND, BIND_STATE_UNBOUND, CONNECT_STATE_CONNECTED,
  CONNECT_STATE_CONNECTING, CONNECT_STATE_DISCONNECTED, _createSocketHandle, healthCheck, kOwner,
  kStateSymbol, newHandle, udpWrap,
} = require('internal/dgram');
const { enqueue, send } = require('internal/dgram/send');
const { coreChannels } = require('internal/diagnostics/core_channels');

const UV_UDP_REUSEADDR = 4;
const RECV_BUFFER = true;
const SEND_BUFFER = false;
const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose');
const SymbolAsyncDispose = Symbol.asyncDispose || Symbol.for('nodejs.asyncDispose');

// new Socket(type | options[, messageListener]); options: type, lookup,
// reuseAddr, ipv6Only, recvBufferSize, sendBufferSize, signal.
function Socket(type, listener) {
  EventEmitter.call(this);
  let options;
  let lookup;
  if (type !== null && typeof type === 'object') {
    options = type;
    type = options.type;
    lookup = options.lookup;
    if (options.recvBufferSize) validateUint32(options.recvBufferSize, 'options.recvBufferSize');
    if (options.sendBufferSize) validateUint32(options.sendBufferSize, 'options.sendBufferSize');
  }
  const handle = newHandle(type, lookup);
  handle[kOwner] = this;
  this.type = type;
  if (typeof listener === 'function') this.on('message', listener);
  this[kStateSymbol] = {
    handle,
    receiving: false,
    bindState: BIND_STATE_UNBOUND,
    connectState: CONNECT_STATE_DISCONNECTED,
    queue: undefined,
    reuseAddr: options && options.reuseAddr,
    ipv6Only: options && options.ipv6Only,
    recvBufferSize: options && options.recvBufferSize,
    sendBufferSize: options && options.sendBufferSize,
  };
  if (options?.signal !== undefined) {
    const { signal } = options;
    validateAbortSignal(signal, 'options.signal');
    const onAborted = () => {
      if (this[kStateSymbol].handle) this.close();
    };
    if (signal.aborted) {
      onAborted();
    } else {
      const disposable = EventEmitter.addAbortListener(signal, onAborted);
      // events may have been loaded before Symbol.dispose existed.
      this.once('close', disposable[SymbolDispose] || disposable[Symbol.for('nodejs.dispose')]);
    }
  }
  const { udpSocket } = coreChannels();
  if (udpSocket.hasSubscribers) udpSocket.publish({ socket: this });
}
Object.setPrototypeOf(Socket.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Socket, EventEmitter);

function createSocket(type, listener) {
  return new Socket(type, listener);
}

function startListening(socket) {
  const state = socket[kStateSymbol];
  state.handle.onmessage = onMessage;
  state.handle.recvStart();
  state.receiving = true;
  state.bindState = BIND_STATE_BOUND;
  if (state.recvBufferSize) bufferSize(socket, state.recvBufferSize, RECV_BUFFER);
  if (state.sendBufferSize) bufferSize(socket, state.sendBufferSize, SEND_BUFFER);
  socket.emit('listening');
}

function onMessage(nread, handle, data, rinfo) {
  const socket = handle[kOwner];
  if (nread < 0) {
    socket.emit('error', new ErrnoException(nread, 'recvmsg'));
    return;
  }
  const msg = Buffer.from(data);
  rinfo.size = msg.length;
  socket.emit('message', msg, rinfo);
}

// A handle given to bind() (from _createSocketHandle) replaces ours.
function replaceHandle(socket, handle) {
  const state = socket[kStateSymbol];
  const old = state.handle;
  if (!old.hasRef() && typeof handle.unref === 'function') handle.unref();
  handle.lookup = old.lookup;
  handle.bind = old.bind;
  handle.send = old.send;
  handle[kOwner] = socket;
  old.close();
  state.handle = handle;
}

// Reads (size 0) or sets SO_RCVBUF / SO_SNDBUF.
function bufferSize(socket, size, recv) {
  if (size >>> 0 !== size) throw new ERR_SOCKET_BAD_BUFFER_SIZE();
  const r = socket[kStateSymbol].handle.bufferSize(size, recv);
  if (r < 0) {
    const [code, message] = uvErrmapGet(r) || ['UNKNOWN', 'unknown error'];
    const syscall = recv ? 'uv_recv_buffer_size' : 'uv_send_buffer_size';
    throw new ERR_SOCKET_BUFFER_SIZE({ errno: r, code, message, syscall });
  }
  return r;
}

// bind([port][, address][, callback]) or bind(options[, callback]);
// options: port, address, exclusive, fd.
Socket.prototype.bind = function(port_, address_ /* , callback */) {
  let port = port_;
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.bindState !== BIND_STATE_UNBOUND) throw new ERR_SOCKET_ALREADY_BOUND();
  state.bindState = BIND_STATE_BINDING;
  const cb = arguments.length && arguments[arguments.length - 1];
  if (typeof cb === 'function') {
    // The callback is a 'listening' listener that goes away on 'error'.
    const removeListeners = function() {
      this.removeListener('error', removeListeners);
      this.removeListener('listening', onListening);
    };
    const onListening = function() {
      removeListeners.call(this);
      cb.call(this);
    };
    this.on('error', removeListeners);
    this.on('listening', onListening);
  }
  if (port !== null && typeof port === 'object' && typeof port.recvStart === 'function') {
    replaceHandle(this, port);
    startListening(this);
    return this;
  }
  if (port !== null && typeof port === 'object' && isInt32(port.fd) && port.fd > 0) {
    const type = binding('tty').guessHandleType(port.fd);
    if (type !== 'UDP') throw new ERR_INVALID_FD_TYPE(type);
    const err = state.handle.open(port.fd);
    if (err) throw new ErrnoException(err, 'open');
    startListening(this);
    return this;
  }
  let address;
  if (port !== null && typeof port === 'object') {
    address = port.address || '';
    port = port.port;
  } else {
    address = typeof address_ === 'function' ? '' : address_;
  }
  if (!address) address = this.type === 'udp4' ? '0.0.0.0' : '::';
  state.handle.lookup(address, (err, ip) => {
    if (!state.handle) return;  // closed meanwhile
    if (err) {
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', err);
      return;
    }
    let flags = 0;
    if (state.reuseAddr) flags |= UV_UDP_REUSEADDR;
    if (state.ipv6Only) flags |= udpWrap().constants.UV_UDP_IPV6ONLY;
    // As Node's C++ reads it: ToUint32, then the low 16 bits.
    const r = state.handle.bind(ip, ((port || 0) >>> 0) & 0xffff, flags);
    if (r) {
      state.bindState = BIND_STATE_UNBOUND;
      this.emit('error', new ExceptionWithHostPort(r, 'bind', ip, port));
      return;
    }
    startListening(this);
  });
  return this;
};

// connect(port[, address][, callback]): 'connect' (or the callback) once
// the peer is set; sends then go there only.
Socket.prototype.connect = function(port, address, callback) {
  port = validatePort(port, 'Port', false);
  if (typeof address === 'function') {
    callback = address;
    address = '';
  } else if (address === undefined) {
    address = '';
  }
  validateString(address, 'address');
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_DISCONNECTED) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
  state.connectState = CONNECT_STATE_CONNECTING;
  if (state.bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true }, null);
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, startConnect.bind(this, port, address, callback));
    return;
  }
  startConnect.call(this, port, address, callback);
};

function startConnect(port, address, callback) {
  const state = this[kStateSymbol];
  if (callback) this.once('connect', callback);
  state.handle.lookup(address, (err, ip) => finishConnect(err, this, ip, address, port, callback));
}

function finishConnect(err, socket, ip, address, port, callback) {
  const state = socket[kStateSymbol];
  if (!state.handle) return;
  if (!err) {
    const r = state.handle.connect(ip, port);
    if (r) err = new ExceptionWithHostPort(r, 'connect', address, port);
  }
  if (err) {
    state.connectState = CONNECT_STATE_DISCONNECTED;
    process.nextTick(() => {
      if (callback) {
        socket.removeListener('connect', callback);
        callback(err);
      } else {
        socket.emit('error', err);
      }
    });
    return;
  }
  state.connectState = CONNECT_STATE_CONNECTED;
  process.nextTick(() => socket.emit('connect'));
}

Socket.prototype.disconnect = function() {
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
  const err = state.handle.disconnect();
  if (err) throw new ErrnoException(err, 'connect');
  state.connectState = CONNECT_STATE_DISCONNECTED;
};

Socket.prototype.send = send;

// The dgram_legacy form: sendto(buffer, offset, length, port, address[, cb]).
Socket.prototype.sendto = function(buffer, offset, length, port, address, callback) {
  validateNumber(offset, 'offset');
  validateNumber(length, 'length');
  validateNumber(port, 'port');
  validateString(address, 'address');
  this.send(buffer, offset, length, port, address, callback);
};

// close([callback]): 'close' on the next tick. Waits for an implicit bind
// in progress, so queued datagrams still go out.
Socket.prototype.close = function(callback) {
  const state = this[kStateSymbol];
  if (typeof callback === 'function') this.on('close', callback);
  if (state.queue !== undefined) {
    state.queue.push(this.close.bind(this));
    return this;
  }
  healthCheck(this);
  stopReceiving(this);
  state.handle.close();
  state.handle = null;
  process.nextTick(() => this.emit('close'));
  return this;
};

Socket.prototype[SymbolAsyncDispose] = async function() {
  if (!this[kStateSymbol].handle) return;
  return new Promise((resolve) => this.close(() => resolve()));
};

function stopReceiving(socket) {
  const state = socket[kStateSymbol];
  if (!state.receiving) return;
  state.handle.recvStop();
  state.receiving = false;
}

Socket.prototype.address = function() {
  healthCheck(this);
  const out = {};
  const err = this[kStateSymbol].handle.getsockname(out);
  if (err) throw new ErrnoException(err, 'getsockname');
  return out;
};

Socket.prototype.remoteAddress = function() {
  healthCheck(this);
  const state = this[kStateSymbol];
  if (state.connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
  const out = {};
  const err = state.handle.getpeername(out);
  if (err) throw new ErrnoException(err, 'getpeername');
  return out;
};

// Calls handle[method](...args); a failure throws "<method> <CODE>".
function handleCall(socket, method, ...args) {
  const err = socket[kStateSymbol].handle[method](...args);
  if (err) throw new ErrnoException(err, method);
}

Socket.prototype.setBroadcast = function(arg) {
  handleCall(this, 'setBroadcast', arg ? 1 : 0);
};

Socket.prototype.setTTL = function(ttl) {
  validateNumber(ttl, 'ttl');
  handleCall(this, 'setTTL', ttl);
  return ttl;
};

Socket.prototype.setMulticastTTL = function(ttl) {
  validateNumber(ttl, 'ttl');
  handleCall(this, 'setMulticastTTL', ttl);
  return ttl;
};

Socket.prototype.setMulticastLoopback = function(arg) {
  handleCall(this, 'setMulticastLoopback', arg ? 1 : 0);
  return arg;  // 0.4 compatibility
};

Socket.prototype.setMulticastInterface = function(interfaceAddress) {
  healthCheck(this);
  validateString(interfaceAddress, 'interfaceAddress');
  handleCall(this, 'setMulticastInterface', interfaceAddress);
};

// The binding takes strings: other values are converted as Node's C++ does.
function optionalAddress(value) {
  return value === undefined || value === null ? value : `${value}`;
}

function membership(socket, method, multicastAddress, interfaceAddress) {
  healthCheck(socket);
  if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
  handleCall(socket, method, `${multicastAddress}`, optionalAddress(interfaceAddress));
}

Socket.prototype.addMembership = function(multicastAddress, interfaceAddress) {
  membership(this, 'addMembership', multicastAddress, interfaceAddress);
};

Socket.prototype.dropMembership = function(multicastAddress, interfaceAddress) {
  membership(this, 'dropMembership', multicastAddress, interfaceAddress);
};

function sourceMembership(socket, method, sourceAddress, groupAddress, interfaceAddress) {
  healthCheck(socket);
  validateString(sourceAddress, 'sourceAddress');
  validateString(groupAddress, 'groupAddress');
  handleCall(socket, method, sourceAddress, groupAddress, optionalAddress(interfaceAddress));
}

Socket.prototype.addSourceSpecificMembership = function(source, group, iface) {
  sourceMembership(this, 'addSourceSpecificMembership', source, group, iface);
};

Socket.prototype.dropSourceSpecificMembership = function(source, group, iface) {
  sourceMembership(this, 'dropSourceSpecificMembership', source, group, iface);
};

Socket.prototype.ref = function() {
  this[kStateSymbol].handle?.ref();
  return this;
};

Socket.prototype.unref = function() {
  this[kStateSymbol].handle?.unref();
  return this;
};

Socket.prototype.setRecvBufferSize = function(size) {
  bufferSize(this, size, RECV_BUFFER);
};

Socket.prototype.setSendBufferSize = function(size) {
  bufferSize(this, size, SEND_BUFFER);
};

Socket.prototype.getRecvBufferSize = function() {
  return bufferSize(this, 0, RECV_BUFFER);
};

Socket.prototype.getSendBufferSize = function() {
  return bufferSize(this, 0, SEND_BUFFER);
};

Socket.prototype.getSendQueueSize = function() {
  return this[kStateSymbol].handle.getSendQueueSize();
};

Socket.prototype.getSendQueueCount = function() {
  return this[kStateSymbol].handle.getSendQueueCount();
};

// The old private fields (DEP0112): accessors over the state.
for (const [name, key] of [['_handle', 'handle'], ['_receiving', 'receiving'],
  ['_bindState', 'bindState'], ['_queue', 'queue'], ['_reuseAddr', 'reuseAddr']]) {
  const msg = `Socket.prototype.${name} is deprecated`;
  Object.defineProperty(Socket.prototype, name, {
    __proto__: null,
    configurable: true,
    get: deprecate(function() { return this[kStateSymbol][key]; }, msg, 'DEP0112'),
    set: deprecate(function(v) { this[kStateSymbol][key] = v; }, msg, 'DEP0112'),
  });
}

Socket.prototype._healthCheck = deprecate(function() {
  healthCheck(this);
}, 'Socket.prototype._healthCheck() is deprecated', 'DEP0112');

Socket.prototype._stopReceiving = deprecate(function() {
  stopReceiving(this);
}, 'Socket.prototype._stopReceiving() is deprecated', 'DEP0112');

module.exports = {
  _createSocketHandle: deprecate(_createSocketHandle, 'dgram._createSocketHandle() is deprecated',
                                 'DEP0112'),
  createSocket,
  Socket,
};
