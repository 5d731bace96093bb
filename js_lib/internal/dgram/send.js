'use strict';

// dgram Socket#send: the many argument shapes it takes, the queue of
// datagrams (and connects, and a close) waiting for an implicit bind to
// finish, and the hand-off to the UDP handle after the address lookup.

const { Buffer } = require('buffer');
const EventEmitter = require('events');
const {
  ExceptionWithHostPort,
  codes: { ERR_BUFFER_OUT_OF_BOUNDS, ERR_INVALID_ARG_TYPE, ERR_SOCKET_DGRAM_IS_CONNECTED },
} = require('internal/errors');
const { validatePort, validateString } = require('internal/validators');
const {
  BIND_STATE_BOUND, BIND_STATE_UNBOUND, CONNECT_STATE_CONNECTED, healthCheck, kStateSymbol, udpWrap,
} = require('internal/dgram');

const kBufferTypes = ['Buffer', 'TypedArray', 'DataView', 'string'];

function asBuffer(chunk) {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (!ArrayBuffer.isView(chunk)) return null;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

// send(buffer, offset, length, ...): the bytes in [offset, offset + length).
function sliceBuffer(buffer, offset, length) {
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  else if (!ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', kBufferTypes, buffer);
  }
  offset >>>= 0;
  length >>>= 0;
  if (offset > buffer.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (offset + length > buffer.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
  return Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
}

// The datagram as a list of Buffers.
function toList(buffer) {
  if (!Array.isArray(buffer)) {
    const chunk = asBuffer(buffer);
    if (chunk === null) throw new ERR_INVALID_ARG_TYPE('buffer', kBufferTypes, buffer);
    return [chunk];
  }
  const list = new Array(buffer.length);
  for (let i = 0; i < buffer.length; i++) {
    list[i] = asBuffer(buffer[i]);
    if (list[i] === null) {
      throw new ERR_INVALID_ARG_TYPE('buffer list arguments', kBufferTypes, buffer);
    }
  }
  return list;
}

// Runs `fn` once the implicit bind in progress succeeds; dropped if it fails.
function enqueue(socket, fn) {
  const state = socket[kStateSymbol];
  if (state.queue === undefined) {
    state.queue = [];
    socket.once(EventEmitter.errorMonitor, onBindError);
    socket.once('listening', onBindDone);
  }
  state.queue.push(fn);
}

function onBindDone() {
  this.removeListener(EventEmitter.errorMonitor, onBindError);
  const state = this[kStateSymbol];
  const queue = state.queue;
  state.queue = undefined;
  for (const fn of queue) fn();
}

function onBindError() {
  this.removeListener('listening', onBindDone);
  this[kStateSymbol].queue = undefined;
}

// Connectionless: send(buffer, offset, length, port[, address][, cb]) or
// send(bufferOrList, port[, address][, cb]). Connected: the same without
// port and address.
function send(buffer, offset, length, port, address, callback) {
  const state = this[kStateSymbol];
  const connected = state.connectState === CONNECT_STATE_CONNECTED;
  if (!connected) {
    if (address || (port && typeof port !== 'function')) {
      buffer = sliceBuffer(buffer, offset, length);
    } else {
      callback = port;
      port = offset;
      address = length;
    }
  } else {
    if (typeof length === 'number') {
      buffer = sliceBuffer(buffer, offset, length);
      if (typeof port === 'function') {
        callback = port;
        port = null;
      }
    } else {
      callback = offset;
    }
    if (port || address) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
  }
  const list = toList(buffer);
  if (!connected) port = validatePort(port, 'Port', false);
  if (typeof callback !== 'function') callback = undefined;
  if (typeof address === 'function') {
    callback = address;
    address = undefined;
  } else if (address != null) {
    validateString(address, 'address');
  }
  healthCheck(this);
  if (state.bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true }, null);
  if (list.length === 0) list.push(Buffer.alloc(0));
  if (state.bindState !== BIND_STATE_BOUND) {
    enqueue(this, send.bind(this, list, port, address, callback));
    return;
  }
  const afterLookup = (err, ip) => doSend(err, this, ip, list, address, port, callback);
  if (connected) afterLookup(null, null);
  else state.handle.lookup(address, afterLookup);
}

function doSend(err, socket, ip, list, address, port, callback) {
  const state = socket[kStateSymbol];
  if (err) {
    if (callback) process.nextTick(callback, err);
    else process.nextTick(() => socket.emit('error', err));
    return;
  }
  if (!state.handle) return;
  const req = new (udpWrap().SendWrap)();
  req.list = list;  // the bytes stay alive while the datagram is queued
  req.address = address;
  req.port = port;
  if (callback) {
    req.callback = callback;
    req.oncomplete = afterSend;
  }
  const r = port ?
    state.handle.send(req, list, list.length, port, ip, !!callback) :
    state.handle.send(req, list, list.length, !!callback);
  if (r >= 1) {
    // Sent at once: the binding returns the size + 1.
    if (callback) process.nextTick(callback, null, r - 1);
  } else if (r && callback) {
    // Without a callback a failed send is silent, as in Node.
    process.nextTick(callback, new ExceptionWithHostPort(r, 'send', address, port));
  }
}

function afterSend(status, sent) {
  const err = status ? new ExceptionWithHostPort(status, 'send', this.address, this.port) : null;
  this.callback(err, sent);
}

module.exports = { enqueue, send };
