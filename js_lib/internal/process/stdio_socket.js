'use strict';

// Socket: the part of net.Socket that stdio needs, over a
// binding('stream_fd').FdStream handle: a Duplex whose writes go to the fd at
// once (the rest queued in C++, completing asynchronously) and whose reads
// run only while the stream is being consumed. Events and their timing follow
// Node's net.Socket ('close' comes from the handle's close callback).
// TODO(net): net.Socket should grow from this (connect, timeouts, addresses).

const Duplex = require('internal/streams/duplex');
const chunks = require('internal/streams/chunk');
const { ErrnoException } = require('internal/errors');

const kOwner = Symbol('kOwner');
const kBytesRead = Symbol('kBytesRead');
const kBytesWritten = Symbol('kBytesWritten');
const kEOF = -4095;  // binding('stream_fd').kEOF, libuv's UV_EOF

function nop() {}

function createHandle(fd) {
  const { FdStream } = binding('stream_fd');
  return new FdStream(fd);
}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  options = { ...options };
  options.allowHalfOpen = Boolean(options.allowHalfOpen);
  // 'close' is emitted by the handle's close callback instead.
  options.emitClose = false;
  options.autoDestroy = true;
  // Strings reach _write as strings; the handle encodes them.
  options.decodeStrings = false;
  Duplex.call(this, options);

  this.connecting = false;
  this._hadError = false;
  // `handle: null` makes a socket with nothing under it (as net.Socket
  // without a connection): writes fail with ERR_SOCKET_CLOSED.
  this._handle = options.handle !== undefined ? options.handle : createHandle(options.fd);
  if (this._handle) {
    this._handle[kOwner] = this;
    this._handle.onread = onStreamRead;
    this._handle.reading = false;
  }
  this[kBytesRead] = 0;
  this[kBytesWritten] = 0;
  this.on('end', onReadableStreamEnd);
  if (this._handle && options.readable !== false && !options.manualStart) this.read(0);
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

// A half-closed socket that may not stay half open refuses further writes.
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) this.write = writeAfterFIN;
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') cb = encoding;
  const er = new Error('This socket has been ended by the other party');
  er.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

function tryReadStart(socket) {
  socket._handle.reading = true;
  const err = socket._handle.readStart();
  if (err) socket.destroy(new ErrnoException(err, 'read'));
}

Socket.prototype._read = function(n) {
  if (this._handle && !this._handle.reading) tryReadStart(this);
};

// Called by the handle, with `this` the handle.
function onStreamRead(nread, arrayBuffer) {
  const stream = this[kOwner];
  if (nread > 0 && !stream.destroyed) {
    stream[kBytesRead] += nread;
    if (!stream.push(chunks.fromView(new Uint8Array(arrayBuffer)))) {
      this.reading = false;
      if (!stream.destroyed) {
        const err = this.readStop();
        if (err) stream.destroy(new ErrnoException(err, 'read'));
      }
    }
    return;
  }
  if (nread === 0 || nread > 0) return;
  // The handle stopped reading by itself (end or error).
  this.reading = false;
  if (nread !== kEOF) {
    stream.destroy(new ErrnoException(nread, 'read'));
    return;
  }
  if (!stream._readableState.endEmitted) {
    stream.push(null);
    stream.read(0);
  }
}

// Node's request objects: `callback` is the Writable's, `oncomplete` runs
// when the handle finishes an asynchronous write.
function onWriteComplete(status) {
  const stream = this.handle[kOwner];
  if (stream.destroyed) {
    if (typeof this.callback === 'function') this.callback(null);
    return;
  }
  if (status < 0) {
    const ex = new ErrnoException(status, 'write', this.error);
    if (typeof this.callback === 'function') this.callback(ex);
    else stream.destroy(ex);
    return;
  }
  if (typeof this.callback === 'function') this.callback(null);
}

function afterWriteDispatched(stream, req, err, cb) {
  if (err !== 0) return cb(new ErrnoException(err, 'write', req.error));
  stream[kBytesWritten] += req.bytes;
  if (!req.async) cb();
  else req.oncomplete = onWriteComplete;
}

// Encodings the handle writes itself; others are converted here.
const kHandleEncodings = new Set(['utf8', 'utf-8', 'latin1', 'binary', 'ascii',
                                  'ucs2', 'ucs-2', 'utf16le', 'utf-16le']);

Socket.prototype._writeGeneric = function(writev, data, encoding, cb) {
  if (!this._handle) {
    const err = new Error('Socket is closed');
    err.code = 'ERR_SOCKET_CLOSED';
    cb(err);
    return false;
  }
  const handle = this._handle;
  const req = { handle, callback: cb, oncomplete: null, bytes: 0, async: false, error: null };
  let err;
  if (writev) {
    // Strings in encodings other than utf8 become bytes first.
    const list = data.map(({ chunk, encoding }) => (
      typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' ?
        chunks.fromString(chunk, encoding) : chunk));
    err = handle.writev(req, list);
  } else if (typeof data !== 'string') {
    err = handle.writeBuffer(req, data);
  } else if (kHandleEncodings.has(encoding)) {
    err = handle.writeString(req, data, encoding);
  } else {
    err = handle.writeBuffer(req, chunks.fromString(data, encoding));
  }
  afterWriteDispatched(this, req, err, cb);
  return true;
};

Socket.prototype._writev = function(data, cb) {
  this._writeGeneric(true, data, '', cb);
};

Socket.prototype._write = function(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._final = function(cb) {
  if (!this._handle) return cb();
  const req = {
    handle: this._handle,
    callback: cb,
    oncomplete() { this.callback(); },
  };
  const err = this._handle.shutdown(req);
  if (err !== 0) return cb(new ErrnoException(err, 'shutdown'));
};

Socket.prototype._destroy = function(exception, cb) {
  if (this._handle) {
    const isException = !!exception;
    this._handle.close(() => { this.emit('close', isException); });
    this._handle.onread = nop;
    this._handle = null;
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(() => { this.emit('close'); });
  }
};

Socket.prototype.ref = function() {
  if (this._handle) this._handle.ref();
  return this;
};

Socket.prototype.unref = function() {
  if (this._handle) this._handle.unref();
  return this;
};

Socket.prototype.setNoDelay = function() { return this; };
Socket.prototype.setKeepAlive = function() { return this; };
Socket.prototype.setTimeout = function() { return this; };
Socket.prototype.address = function() { return {}; };

Object.defineProperties(Socket.prototype, {
  bytesRead: {
    configurable: true,
    get() { return this[kBytesRead]; },
  },
  bytesWritten: {
    configurable: true,
    get() { return this[kBytesWritten]; },
  },
  pending: {
    configurable: true,
    get() { return !this._handle || this.connecting; },
  },
  readyState: {
    configurable: true,
    get() {
      if (this.readable && this.writable) return 'open';
      if (this.readable && !this.writable) return 'readOnly';
      if (!this.readable && this.writable) return 'writeOnly';
      return 'closed';
    },
  },
  bufferSize: {
    configurable: true,
    get() { return this._handle ? this.writableLength : undefined; },
  },
});

module.exports = { Socket, kOwner };
