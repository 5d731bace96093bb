'use strict';

// net.Socket, continued: addresses, byte counts, state getters, socket
// options (noDelay, keepAlive), timeouts and ref/unref.

const {
  Socket, kBytesRead, kBytesWritten, kLastWriteQueueSize, kSetKeepAlive,
  kSetKeepAliveInitialDelay, kSetNoDelay,
} = require('internal/net/socket');
const { setStreamTimeout } = require('internal/net/stream_base');
const chunks = require('internal/streams/chunk');

Socket.prototype.setTimeout = setStreamTimeout;

// Inactivity: unless a write is still draining (the queue shrank since the
// last check), emit 'timeout'.
Socket.prototype._onTimeout = function() {
  const handle = this._handle;
  const lastWriteQueueSize = this[kLastWriteQueueSize];
  if (lastWriteQueueSize > 0 && handle) {
    const { writeQueueSize } = handle;
    if (lastWriteQueueSize !== writeQueueSize) {
      this[kLastWriteQueueSize] = writeQueueSize;
      this._unrefTimer();
      return;
    }
  }
  this.emit('timeout');
};

Socket.prototype.setNoDelay = function(enable) {
  // Without an argument: on.
  enable = Boolean(enable === undefined ? true : enable);
  if (!this._handle) {
    this[kSetNoDelay] = enable;
    return this;
  }
  if (this._handle.setNoDelay && enable !== this[kSetNoDelay]) {
    this[kSetNoDelay] = enable;
    this._handle.setNoDelay(enable);
  }
  return this;
};

Socket.prototype.setKeepAlive = function(enable, initialDelayMsecs) {
  enable = Boolean(enable);
  const initialDelay = ~~(initialDelayMsecs / 1000);
  if (!this._handle) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    return this;
  }
  if (!this._handle.setKeepAlive) return this;
  if (enable !== this[kSetKeepAlive] ||
      (enable && this[kSetKeepAliveInitialDelay] !== initialDelay)) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    this._handle.setKeepAlive(enable, initialDelay);
  }
  return this;
};

Socket.prototype.address = function() {
  return this._getsockname();
};

Socket.prototype._getpeername = function() {
  if (!this._handle || !this._handle.getpeername || this.connecting) {
    return this._peername || {};
  } else if (!this._peername) {
    const out = {};
    const err = this._handle.getpeername(out);
    if (err) return out;
    this._peername = out;
  }
  return this._peername;
};

Socket.prototype._getsockname = function() {
  if (!this._handle || !this._handle.getsockname) return {};
  if (!this._sockname) {
    this._sockname = {};
    this._handle.getsockname(this._sockname);
  }
  return this._sockname;
};

Socket.prototype.ref = function() {
  if (!this._handle) {
    this.once('connect', this.ref);
    return this;
  }
  if (typeof this._handle.ref === 'function') this._handle.ref();
  return this;
};

Socket.prototype.unref = function() {
  if (!this._handle) {
    this.once('connect', this.unref);
    return this;
  }
  if (typeof this._handle.unref === 'function') this._handle.unref();
  return this;
};

function byteLength(chunk, encoding) {
  if (typeof chunk !== 'string') return chunk.length;
  const B = chunks.getBuffer();
  return B !== null ? B.byteLength(chunk, encoding) : chunks.fromString(chunk, encoding).length;
}

function protoGetter(name, get) {
  Object.defineProperty(Socket.prototype, name, {
    __proto__: null, configurable: false, enumerable: true, get,
  });
}

function getter(name, get) {
  Object.defineProperty(Socket.prototype, name, { __proto__: null, configurable: true, get });
}

protoGetter('bytesRead', function bytesRead() {
  return this._handle ? this._handle.bytesRead : this[kBytesRead];
});
protoGetter('remoteAddress', function remoteAddress() { return this._getpeername().address; });
protoGetter('remoteFamily', function remoteFamily() { return this._getpeername().family; });
protoGetter('remotePort', function remotePort() { return this._getpeername().port; });
protoGetter('localAddress', function localAddress() { return this._getsockname().address; });
protoGetter('localPort', function localPort() { return this._getsockname().port; });
protoGetter('localFamily', function localFamily() { return this._getsockname().family; });
protoGetter('_bytesDispatched', function _bytesDispatched() {
  return this._handle ? this._handle.bytesWritten : this[kBytesWritten];
});

// Bytes handed to the handle plus those still queued in the stream.
protoGetter('bytesWritten', function bytesWritten() {
  let bytes = this._bytesDispatched;
  const data = this._pendingData;
  const encoding = this._pendingEncoding;
  const writableBuffer = this.writableBuffer;
  if (!writableBuffer) return undefined;
  for (const el of writableBuffer) bytes += byteLength(el.chunk, el.encoding);
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const chunk = data[i];
      if (data.allBuffers || chunks.isBuffer(chunk)) bytes += chunk.length;
      else bytes += byteLength(chunk.chunk, chunk.encoding);
    }
  } else if (data) {
    bytes += byteLength(data, encoding);
  }
  return bytes;
});

getter('_connecting', function() { return this.connecting; });
getter('pending', function() { return !this._handle || this.connecting; });
getter('readyState', function() {
  if (this.connecting) return 'opening';
  if (this.readable && this.writable) return 'open';
  if (this.readable && !this.writable) return 'readOnly';
  if (!this.readable && this.writable) return 'writeOnly';
  return 'closed';
});
getter('bufferSize', function() {
  if (this._handle) return this.writableLength;
  return undefined;
});
