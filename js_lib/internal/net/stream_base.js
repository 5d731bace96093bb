'use strict';

// The JS half of a stream handle (binding('stream_fd').FdStream and the
// socket handles built on it, bindings/fd_stream.h): what runs when the
// handle reads (onStreamRead), how writes are handed to it (writeGeneric,
// writevGeneric) and socket timeouts (setStreamTimeout). The owner of a
// handle (a net.Socket) is handle[kOwner].

const { initLoopResource } = require('internal/async_context');
const { ErrnoException } = require('internal/errors');
const { validateFunction } = require('internal/validators');
const timers = require('internal/timers');
const { getTimerDuration } = timers;
const { clearTimeout } = require('timers');
const chunks = require('internal/streams/chunk');

const kOwner = require('internal/owner_symbol');
const kHandle = Symbol('kHandle');
const kUpdateTimer = Symbol('kUpdateTimer');
const kAfterAsyncWrite = Symbol('kAfterAsyncWrite');
const kTimeout = Symbol('timeout');
const kTimeoutBound = Symbol('kTimeoutBound');  // [stream._onTimeout, it bound]
const kBuffer = Symbol('kBuffer');
const kBufferCb = Symbol('kBufferCb');
const kBufferGen = Symbol('kBufferGen');
const kMaybeDestroy = Symbol('kMaybeDestroy');
const kLeftover = Symbol('kLeftover');
const UV_EOF = -4095;  // binding('stream_fd').kEOF

// Encodings the handle encodes itself (FdStream::writeString).
const kHandleEncodings = new Set(['utf8', 'utf-8', 'latin1', 'binary', 'ascii',
                                  'ucs2', 'ucs-2', 'utf16le', 'utf-16le']);

// Called by the handle with `this` the handle: nread > 0 bytes in
// `arrayBuffer`, or UV_EOF, or a negative errno (the handle stopped reading).
function onStreamRead(nread, arrayBuffer) {
  const handle = this;
  const stream = handle[kOwner];
  if (stream === undefined) return;
  stream[kUpdateTimer]();
  if (nread > 0 && !stream.destroyed) {
    handle.bytesRead += nread;
    let result;
    if (stream[kBuffer]) {
      result = deliverToUserBuffer(stream, new Uint8Array(arrayBuffer, 0, nread));
    } else {
      result = stream.push(chunks.fromView(new Uint8Array(arrayBuffer, 0, nread)));
    }
    if (!result) {
      handle.reading = false;
      if (!stream.destroyed) {
        const err = handle.readStop();
        if (err) stream.destroy(new ErrnoException(err, 'read'));
      }
    }
    return;
  }
  if (nread >= 0) return;
  handle.reading = false;
  if (nread !== UV_EOF) {
    stream.destroy(new ErrnoException(nread, 'read'));
    return;
  }
  if (stream._readableState.endEmitted) {
    if (stream[kMaybeDestroy]) stream[kMaybeDestroy]();
  } else {
    if (stream[kMaybeDestroy]) stream.on('end', stream[kMaybeDestroy]);
    // push(null) before maybeDestroy: 'end' comes before 'close'.
    stream.push(null);
    stream.read(0);
  }
}

// The `onread` option: bytes are copied into the user's buffer (in pieces of
// its size) and given to the callback. If the callback pauses the socket or
// returns false, reading stops and the rest waits in stream[kLeftover] for
// resumeUserBuffer().
function deliverToUserBuffer(stream, bytes) {
  let offset = 0;
  while (offset < bytes.length) {
    const buf = stream[kBuffer];
    const n = Math.min(buf.length, bytes.length - offset);
    if (n === 0) break;
    buf.set(bytes.subarray(offset, offset + n));
    offset += n;
    const result = stream[kBufferCb](n, buf) !== false;
    const gen = stream[kBufferGen];
    if (gen !== null) {
      const next = gen();
      if (next instanceof Uint8Array) stream[kBuffer] = next;
    }
    const handle = stream._handle;
    if (!result || !handle || !handle.reading || stream.destroyed) {
      if (offset < bytes.length) stream[kLeftover] = bytes.slice(offset);
      return result && handle && handle.reading;
    }
  }
  return true;
}

// Reading resumed: first what was left over (a tick later, still before
// any new read).
function resumeUserBuffer(stream) {
  if (stream[kLeftover] === undefined) return;
  process.nextTick(() => {
    const bytes = stream[kLeftover];
    if (bytes === undefined || stream.destroyed || !stream._handle) return;
    stream[kLeftover] = undefined;
    if (!deliverToUserBuffer(stream, bytes) && stream._handle && stream._handle.reading) {
      stream._handle.reading = false;
      stream._handle.readStop();
    }
  });
}

// A completed asynchronous write (`this` is the request).
function onWriteComplete(status) {
  const stream = this.handle[kOwner];
  if (stream === undefined || stream.destroyed) {
    if (typeof this.callback === 'function') this.callback(null);
    return;
  }
  if (status < 0) {
    const ex = new ErrnoException(status, 'write', this.error);
    if (typeof this.callback === 'function') this.callback(ex);
    else stream.destroy(ex);
    return;
  }
  stream[kUpdateTimer]();
  stream[kAfterAsyncWrite](this);
  if (typeof this.callback === 'function') this.callback(null);
}

// Where the handle reports each write's [bytes, async] (instead of setting
// req.bytes/req.async from C++, which it does only for async writes). Made
// at the first write: at run time, never in the snapshot.
let writeState = null;
function getWriteState() {
  writeState = new Float64Array(2);
  binding('stream_fd').setWriteState(writeState);
  return writeState;
}

function createWriteReq(handle, callback) {
  const req = {
    handle, callback, oncomplete: onWriteComplete, bytes: 0, async: false, error: null,
  };
  initLoopResource(req, 'WRITEWRAP');
  return req;
}

function afterWriteDispatched(req, err, cb) {
  // A JS handle (TLS) sets req.bytes/req.async itself and leaves -1 here.
  if (writeState[0] !== -1) {
    req.bytes = writeState[0];
    req.async = writeState[1] !== 0;
  }
  if (err !== 0) return cb(new ErrnoException(err, 'write', req.error));
  req.handle.bytesWritten += req.bytes;
  if (!req.async && typeof req.callback === 'function') req.callback();
}

function writevGeneric(self, data, cb) {
  if (writeState === null) getWriteState();
  writeState[0] = -1;
  const req = createWriteReq(self[kHandle], cb);
  let err;
  if (data.allBuffers) {
    const list = new Array(data.length);
    for (let i = 0; i < data.length; i++) list[i] = data[i].chunk;
    err = req.handle.writev(req, list);
  } else {
    // [chunk, encoding, ...]: the handle encodes the strings.
    const list = new Array(data.length * 2);
    for (let i = 0; i < data.length; i++) {
      const { chunk, encoding } = data[i];
      if (typeof chunk === 'string' && !kHandleEncodings.has(encoding)) {
        list[2 * i] = chunks.fromString(chunk, encoding);
        list[2 * i + 1] = 'latin1';
      } else {
        list[2 * i] = chunk;
        list[2 * i + 1] = typeof chunk === 'string' ? encoding : 'latin1';
      }
    }
    err = req.handle.writev(req, list, false);
  }
  afterWriteDispatched(req, err, cb);
  return req;
}

function writeGeneric(self, data, encoding, cb) {
  if (encoding === 'buffer' && typeof data === 'string') {
    // Node's StreamBase::WriteBuffer gets the string and refuses it.
    const err = new TypeError('Second argument must be a buffer');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (writeState === null) getWriteState();
  writeState[0] = -1;
  const req = createWriteReq(self[kHandle], cb);
  let err;
  if (typeof data !== 'string') err = req.handle.writeBuffer(req, data);
  else if (kHandleEncodings.has(encoding)) err = req.handle.writeString(req, data, encoding);
  else err = req.handle.writeBuffer(req, chunks.fromString(data, encoding));
  afterWriteDispatched(req, err, cb);
  return req;
}

// A timer that does not keep the process alive; refresh() restarts it.
function setUnrefTimeout(callback, after) {
  const timer = new timers.Timeout(callback, after, undefined, false, false);
  timers.insert(timer, timer._idleTimeout);
  return timer;
}

// Arms the stream's inactivity timer for `msecs`. A timer stopped by
// setTimeout(0) is armed again rather than replaced (a keep-alive server
// stops and restarts it around every request); one that ran or runs now is
// replaced.
function armStreamTimer(stream, msecs) {
  const onTimeout = stream._onTimeout;
  let bound = stream[kTimeoutBound];
  if (bound === undefined || bound[0] !== onTimeout) {
    bound = stream[kTimeoutBound] = [onTimeout, onTimeout.bind(stream)];
  }
  const timer = stream[kTimeout];
  if (timer != null && timer._destroyed && timer._onTimeout === null) {
    timer._onTimeout = bound[1];
    timer._idleTimeout = msecs >= 1 ? msecs : 1;  // as the Timeout constructor has it
    timer.refresh();
  } else {
    clearTimeout(timer);
    stream[kTimeout] = setUnrefTimeout(bound[1], msecs);
  }
}

// socket.setTimeout(msecs[, callback]): 'timeout' after msecs of inactivity.
function setStreamTimeout(msecs, callback) {
  if (this.destroyed) return this;
  this.timeout = msecs;
  msecs = getTimerDuration(msecs, 'msecs');
  if (msecs === 0) {
    clearTimeout(this[kTimeout]);
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.removeListener('timeout', callback);
    }
  } else {
    armStreamTimer(this, msecs);
    if (callback !== undefined) {
      validateFunction(callback, 'callback');
      this.once('timeout', callback);
    }
  }
  return this;
}

module.exports = {
  UV_EOF,
  getTimerDuration,
  kAfterAsyncWrite,
  kBuffer,
  kBufferCb,
  kBufferGen,
  kHandle,
  kMaybeDestroy,
  kOwner,
  kTimeout,
  kUpdateTimer,
  onStreamRead,
  resumeUserBuffer,
  setStreamTimeout,
  setUnrefTimeout,
  writeGeneric,
  writevGeneric,
};
