'use strict';

// net.Socket: a Duplex over a stream handle (a TCP or Pipe socket handle, or
// the FdStream stdio uses). This file is the stream part: construction,
// reads, writes, end and destroy. Addresses, options and timeouts are in
// internal/net/socket_props.js, connect() in internal/net/connect.js.

const { initLoopResource } = require('internal/async_context');
const Duplex = require('internal/streams/duplex');
const {
  ErrnoException, codes: {
    ERR_INVALID_ARG_VALUE, ERR_INVALID_HANDLE_TYPE, ERR_SOCKET_CLOSED,
    ERR_SOCKET_CLOSED_BEFORE_CONNECTION,
  },
} = require('internal/errors');
const { validateNumber } = require('internal/validators');
const {
  kAfterAsyncWrite, kBuffer, kBufferCb, kBufferGen, kHandle, kOwner, kTimeout, kUpdateTimer,
  onStreamRead, resumeUserBuffer, writeGeneric, writevGeneric,
} = require('internal/net/stream_base');
const { createHandle, isTCP } = require('internal/net/handles');
const { clearTimeout } = require('timers');

const kLastWriteQueueSize = Symbol('lastWriteQueueSize');
const kBytesRead = Symbol('kBytesRead');
const kBytesWritten = Symbol('kBytesWritten');
const kSetNoDelay = Symbol('kSetNoDelay');
const kSetKeepAlive = Symbol('kSetKeepAlive');
const kSetKeepAliveInitialDelay = Symbol('kSetKeepAliveInitialDelay');

function noop() {}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (options && options.objectMode) {
    throw new ERR_INVALID_ARG_VALUE('options.objectMode', options.objectMode, 'is not supported');
  } else if (options && (options.readableObjectMode || options.writableObjectMode)) {
    const name = options.readableObjectMode ? 'readableObjectMode' : 'writableObjectMode';
    throw new ERR_INVALID_ARG_VALUE(`options.${name}`, options[name], 'is not supported');
  }
  if (options && options.keepAliveInitialDelay !== undefined) {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
    if (options.keepAliveInitialDelay < 0) options.keepAliveInitialDelay = 0;
  }

  this.connecting = false;
  this._hadError = false;
  this[kHandle] = null;
  this._parent = null;
  this._host = null;
  this[kLastWriteQueueSize] = 0;
  this[kTimeout] = null;
  this[kBuffer] = null;
  this[kBufferCb] = null;
  this[kBufferGen] = null;
  this._closeAfterHandlingError = false;

  if (typeof options === 'number') options = { fd: options };  // legacy
  else options = { ...options };
  options.allowHalfOpen = Boolean(options.allowHalfOpen);
  // 'close' comes from the handle's close callback instead.
  options.emitClose = false;
  options.autoDestroy = true;
  // Strings reach _write as strings; the handle encodes them.
  options.decodeStrings = false;
  Duplex.call(this, options);

  if (options.handle) {
    this._handle = options.handle;
  } else if (options.fd !== undefined) {
    const { fd } = options;
    this._handle = createHandle(fd, false);
    const err = this._handle.open(fd);
    if (err) throw new ErrnoException(err, 'open');
  }

  const onread = options.onread;
  if (onread !== null && typeof onread === 'object' &&
      (onread.buffer instanceof Uint8Array || typeof onread.buffer === 'function') &&
      typeof onread.callback === 'function') {
    if (typeof onread.buffer === 'function') {
      this[kBuffer] = true;
      this[kBufferGen] = onread.buffer;
    } else {
      this[kBuffer] = onread.buffer;
    }
    this[kBufferCb] = onread.callback;
  }

  this[kSetNoDelay] = Boolean(options.noDelay);
  this[kSetKeepAlive] = Boolean(options.keepAlive);
  this[kSetKeepAliveInitialDelay] = ~~(options.keepAliveInitialDelay / 1000);

  this.on('end', onReadableStreamEnd);
  initSocketHandle(this);

  this._pendingData = null;
  this._pendingEncoding = '';

  // With a handle, start reading now; otherwise once connected.
  if (this._handle && options.readable !== false) {
    if (options.pauseOnCreate) {
      this._handle.reading = false;
      this._handle.readStop();
      this.readableFlowing = false;
    } else if (!options.manualStart) {
      this.read(0);
    }
  }

  if (options.signal) require('internal/net/connect').addClientAbortSignalOption(this, options);

  this.server = null;
  this._server = null;
  // What bytesRead/bytesWritten report after destroy().
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

Object.defineProperty(Socket.prototype, '_handle', {
  __proto__: null,
  get() { return this[kHandle]; },
  set(v) { this[kHandle] = v; },
});

// For a new socket, or one being reused after destroy().
function initSocketHandle(self) {
  self._undestroy();
  self._sockname = null;
  const handle = self._handle;
  if (handle) {
    handle[kOwner] = self;
    handle.onread = onStreamRead;
    if (typeof handle.bytesRead !== 'number') handle.bytesRead = 0;
    if (typeof handle.bytesWritten !== 'number') handle.bytesWritten = 0;
    const gen = self[kBufferGen];
    if (self[kBuffer] && gen !== null) {
      const buf = gen();
      if (buf instanceof Uint8Array) self[kBuffer] = buf;
    }
  }
}

// Restarts the inactivity timers of this socket and its parents.
Socket.prototype._unrefTimer = function _unrefTimer() {
  for (let s = this; s !== null; s = s._parent) {
    if (s[kTimeout]) s[kTimeout].refresh();
  }
};

Object.defineProperty(Socket.prototype, kUpdateTimer, {
  __proto__: null,
  get() { return this._unrefTimer; },
});

Socket.prototype[kAfterAsyncWrite] = function() {
  this[kLastWriteQueueSize] = 0;
};

// end() and everything written is out: send the FIN.
Socket.prototype._final = function(cb) {
  if (this.pending) return this.once('connect', () => this._final(cb));
  if (!this._handle) return cb();
  const req = { handle: this._handle, callback: cb, oncomplete: afterShutdown };
  initLoopResource(req, 'SHUTDOWNWRAP');
  const err = this._handle.shutdown(req);
  if (err === 1 || err === -107) return cb();  // done at once / ENOTCONN
  if (err !== 0) return cb(new ErrnoException(err, 'shutdown'));
};

function afterShutdown() {
  this.callback();
}

// After the other side's FIN, a socket that may not stay half open refuses
// writes with a clearer error than 'write after end'.
function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') cb = encoding;
  const er = new Error('This socket has been ended by the other party');
  er.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) this.write = writeAfterFIN;
}

function tryReadStart(socket) {
  socket._handle.reading = true;
  const err = socket._handle.readStart();
  if (err) socket.destroy(new ErrnoException(err, 'read'));
  else if (socket[kBuffer]) resumeUserBuffer(socket);
}

Socket.prototype._read = function(n) {
  if (this.connecting || !this._handle) {
    this.once('connect', () => this._read(n));
  } else if (!this._handle.reading) {
    tryReadStart(this);
  }
};

Socket.prototype.end = function(data, encoding, callback) {
  Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

// With a user buffer (the onread option) reading is driven by pause/resume.
Socket.prototype.pause = function() {
  if (this[kBuffer] && !this.connecting && this._handle && this._handle.reading) {
    this._handle.reading = false;
    if (!this.destroyed) {
      const err = this._handle.readStop();
      if (err) this.destroy(new ErrnoException(err, 'read'));
    }
  }
  return Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function() {
  if (this[kBuffer] && !this.connecting && this._handle && !this._handle.reading) {
    tryReadStart(this);
  }
  return Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function(n) {
  if (this[kBuffer] && !this.connecting && this._handle && !this._handle.reading) {
    tryReadStart(this);
  }
  return Duplex.prototype.read.call(this, n);
};

Socket.prototype.destroySoon = function() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

Socket.prototype.resetAndDestroy = function() {
  if (this._handle) {
    if (!isTCP(this._handle)) throw new ERR_INVALID_HANDLE_TYPE();
    if (this.connecting) this.once('connect', () => this._reset());
    else this._reset();
  } else {
    this.destroy(new ERR_SOCKET_CLOSED());
  }
  return this;
};

Socket.prototype._reset = function() {
  this.resetAndClosing = true;
  return this.destroy();
};

function closeSocketHandle(self, isException, isCleanupPending) {
  const handle = self._handle;
  if (!handle) return;
  handle.close(() => {
    self.emit('close', isException);
    if (isCleanupPending) {
      handle.onread = noop;
      self._handle = null;
      self._sockname = null;
    }
  });
}

function emitCloseNT(self) {
  self.emit('close');
}

Socket.prototype._destroy = function(exception, cb) {
  this.connecting = false;
  for (let s = this; s !== null; s = s._parent) clearTimeout(s[kTimeout]);
  if (this._handle) {
    const isException = !!exception;
    this[kBytesRead] = this._handle.bytesRead;
    this[kBytesWritten] = this._handle.bytesWritten;
    if (this.resetAndClosing) {
      this.resetAndClosing = false;
      const err = this._handle.reset(() => { this.emit('close', isException); });
      if (err) this.emit('error', new ErrnoException(err, 'reset'));
    } else if (this._closeAfterHandlingError) {
      // Closed a little later, so an 'error' handler still sees the handle.
      queueMicrotask(() => closeSocketHandle(this, isException, true));
    } else {
      closeSocketHandle(this, isException, false);
    }
    if (!this._closeAfterHandlingError) {
      this._handle.onread = noop;
      this._handle = null;
      this._sockname = null;
    }
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(emitCloseNT, this);
  }
  if (this._server) {
    this._server._connections--;
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

Socket.prototype._writeGeneric = function(writev, data, encoding, cb) {
  // Still connecting: hold this write (the Writable queues the rest).
  if (this.connecting) {
    this._pendingData = data;
    this._pendingEncoding = encoding;
    const onClose = () => { cb(new ERR_SOCKET_CLOSED_BEFORE_CONNECTION()); };
    this.once('connect', function connect() {
      this.off('close', onClose);
      this._writeGeneric(writev, data, encoding, cb);
    });
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (!this._handle) {
    cb(new ERR_SOCKET_CLOSED());
    return false;
  }
  this._unrefTimer();
  const req = writev ? writevGeneric(this, data, cb) : writeGeneric(this, data, encoding, cb);
  if (req.async) this[kLastWriteQueueSize] = req.bytes;
};

Socket.prototype._writev = function(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

module.exports = {
  Socket,
  initSocketHandle,
  kBytesRead,
  kBytesWritten,
  kLastWriteQueueSize,
  kSetKeepAlive,
  kSetKeepAliveInitialDelay,
  kSetNoDelay,
};

require('internal/net/socket_props');
require('internal/net/connect');
