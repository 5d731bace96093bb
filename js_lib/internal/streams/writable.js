'use strict';

// Writable: write()/end() with buffering, cork/uncork, _writev batching and
// 'drain'; _final and 'prefinish'/'finish' are in writable_finish.js.
// Callbacks and events are deferred with process.nextTick where Node does.

const { Stream } = require('internal/streams/legacy');
const destroyImpl = require('internal/streams/destroy');
const { getHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const { kOnConstructed, nop } = require('internal/streams/utils');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const chunks = require('internal/streams/chunk');
const { finishMaybe, callFinishedCallbacks } = require('internal/streams/writable_finish');
const eos = require('internal/streams/end-of-stream');
const { AbortError } = require('internal/errors');
const {
  ERR_INVALID_ARG_TYPE,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_MULTIPLE_CALLBACK,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_CANNOT_PIPE,
  ERR_STREAM_DESTROYED,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_WRITE_AFTER_END,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;

const { errorOrDestroy } = destroyImpl;

function WritableState(options, stream, isDuplex) {
  this.objectMode = !!(options && (options.objectMode ||
    (isDuplex && options.writableObjectMode)));
  this.highWaterMark = options ?
    getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) :
    getDefaultHighWaterMark(false);
  this.finalCalled = false;
  this.needDrain = false;   // a write() returned false; 'drain' is owed
  this.ending = false;      // end() called
  this.ended = false;
  this.finished = false;    // 'finish' emitted
  this.destroyed = false;
  // Strings are turned into Buffers before _write() unless this is false.
  this.decodeStrings = !options || options.decodeStrings !== false;

  const enc = options ? options.defaultEncoding : null;
  if (enc == null || enc === 'utf8' || enc === 'utf-8') this.defaultEncoding = 'utf8';
  else if (chunks.isEncoding(enc)) this.defaultEncoding = enc;
  else throw new ERR_UNKNOWN_ENCODING(enc);

  this.length = 0;          // bytes (objects) written but not yet confirmed
  this.writing = false;     // a _write() is in progress
  this.corked = 0;
  this.sync = true;         // inside _write(): callbacks must be deferred
  this.bufferProcessing = false;
  this.onwrite = onwrite.bind(undefined, stream);
  this.writecb = null;
  this.writelen = 0;
  this.expectWriteCb = false;
  this.afterWritePending = false;
  // Consecutive synchronous writes with the same callback share one tick.
  this.afterWriteTickInfo = null;
  resetBuffer(this);
  this.pendingcb = 0;       // callbacks (writes, _final, finish) still owed
  this.constructed = true;
  this.prefinished = false;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.onFinished = null;   // end() callbacks waiting for 'finish'
}

// Queued writes are buffered[bufferedIndex..], or none when buffered is null.
function resetBuffer(state) {
  state.bufferedQueue = null;
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}

Object.defineProperties(WritableState.prototype, {
  buffered: {
    get() { return this.bufferedQueue === null ? [] : this.bufferedQueue; },
  },
  bufferedRequestCount: {
    get() {
      return this.bufferedQueue === null ? 0 : this.bufferedQueue.length - this.bufferedIndex;
    },
  },
});

WritableState.prototype.getBuffer = function getBuffer() {
  return this.bufferedQueue === null ? [] : this.bufferedQueue.slice(this.bufferedIndex);
};

WritableState.prototype[kOnConstructed] = function(stream) {
  if (!this.writing) clearBuffer(stream, this);
  if (this.ending) finishMaybe(stream, this);
};

function Writable(options) {
  if (!(this instanceof Writable)) return new Writable(options);
  this._events ??= {
    close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined,
  };
  this._writableState = new WritableState(options, this, false);
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  if (this._construct != null) {
    destroyImpl.construct(this, () => {
      this._writableState[kOnConstructed](this);
    });
  }
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.WritableState = WritableState;

// A Duplex is also `instanceof Writable` (its prototype chain goes through
// Readable only).
Object.defineProperty(Writable, Symbol.hasInstance, {
  value: function(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState instanceof WritableState);
  },
});

Writable.prototype.pipe = function() {
  errorOrDestroy(this, new ERR_STREAM_CANNOT_PIPE());
};

// write() and end(chunk): returns true/false as write() does, or the Error
// that was reported through the callback.
function writeChunk(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof cb !== 'function') cb = nop;
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();

  if (!state.objectMode) {
    if (!encoding) encoding = state.defaultEncoding;
    else if (encoding !== 'buffer' && !chunks.isEncoding(encoding))
      throw new ERR_UNKNOWN_ENCODING(encoding);
    if (typeof chunk === 'string') {
      if (state.decodeStrings) {
        chunk = chunks.fromString(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunks.isBuffer(chunk)) {
      encoding = 'buffer';
    } else if (chunks.isArrayBufferView(chunk)) {
      chunk = chunks.fromView(chunk);
      encoding = 'buffer';
    } else {
      throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }

  let err;
  if (state.ending) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    process.nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function(chunk, encoding, cb) {
  if (encoding != null && typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  return writeChunk(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!chunks.isEncoding(encoding)) throw new ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  if (state.writing || state.errored || state.corked || !state.constructed) {
    if (state.bufferedQueue === null) state.bufferedQueue = [];
    state.bufferedQueue.push({ chunk, encoding, callback });
    if (encoding !== 'buffer') state.allBuffers = false;
    if (callback !== nop) state.allNoop = false;
  } else {
    state.writelen = len;
    if (callback !== nop) state.writecb = callback;
    state.writing = state.sync = state.expectWriteCb = true;
    stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }
  const ret = state.length < state.highWaterMark || state.length === 0;
  if (!ret) state.needDrain = true;
  return ret && !state.destroyed && !state.errored;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  if (cb !== nop) state.writecb = cb;
  state.writing = state.sync = state.expectWriteCb = true;
  if (state.destroyed) state.onwrite(new ERR_STREAM_DESTROYED('write'));
  else if (writev) stream._writev(chunk, state.onwrite);
  else stream._write(chunk, encoding, state.onwrite);
  state.sync = false;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  // Everything still queued fails with the same error.
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

// The callback handed to _write()/_writev().
function onwrite(stream, er) {
  const state = stream._writableState;
  if (!state.expectWriteCb) {
    errorOrDestroy(stream, new ERR_MULTIPLE_CALLBACK());
    return;
  }
  const sync = state.sync;
  const cb = state.writecb || nop;
  state.writecb = null;
  state.writing = state.expectWriteCb = false;
  state.length -= state.writelen;
  state.writelen = 0;

  if (er) {
    er.stack;  // eslint-disable-line no-unused-expressions -- capture the stack now
    if (!state.errored) state.errored = er;
    if (stream._readableState && !stream._readableState.errored)
      stream._readableState.errored = er;
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
    return;
  }

  if (state.bufferedQueue !== null) clearBuffer(stream, state);

  if (!sync) {
    afterWrite(stream, state, 1, cb);
    return;
  }
  // A synchronous completion: the callback and 'drain' wait for the next
  // tick. Node 20 also takes the deferred path for every object-mode stream.
  const needDrain = state.needDrain && state.length === 0;
  const needTick = needDrain || state.objectMode || cb !== nop;
  if (cb === nop) {
    if (!state.afterWritePending && needTick) {
      process.nextTick(afterWrite, stream, state, 1, cb);
      state.afterWritePending = true;
    } else {
      state.pendingcb--;
      if (state.ending) finishMaybe(stream, state, true);
    }
  } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
    state.afterWriteTickInfo.count++;
  } else {
    state.afterWriteTickInfo = { count: 1, cb, stream, state };
    process.nextTick(afterWriteTick, state.afterWriteTickInfo);
    state.afterWritePending = true;
  }
}

function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}

function afterWrite(stream, state, count, cb) {
  state.afterWritePending = false;
  if (!state.ending && state.needDrain && !state.destroyed && state.length === 0) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  if (state.ending) finishMaybe(stream, state, true);
}

// Fails every queued write and end() callback (after destroy or an error).
function errorBuffer(state) {
  if (state.writing) return;
  const queue = state.bufferedQueue;
  if (queue !== null) {
    for (let n = state.bufferedIndex; n < queue.length; ++n) {
      const { chunk, callback } = queue[n];
      state.length -= state.objectMode ? 1 : chunk.length;
      callback(state.errored ?? new ERR_STREAM_DESTROYED('write'));
    }
  }
  callFinishedCallbacks(state, state.errored ?? new ERR_STREAM_DESTROYED('end'));
  resetBuffer(state);
}

// Writes out what was queued while a write was in progress or corked:
// in one _writev() call when the stream has one, else one by one.
function clearBuffer(stream, state) {
  if (state.destroyed || state.bufferProcessing || state.corked ||
      state.bufferedQueue === null || !state.constructed) {
    return;
  }
  const buffered = state.bufferedQueue;
  let i = state.bufferedIndex;
  const count = buffered.length - i;
  if (!count) return;

  state.bufferProcessing = true;
  if (count > 1 && stream._writev) {
    state.pendingcb -= count - 1;
    const callback = state.allNoop ? nop : (err) => {
      for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
    };
    const list = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    list.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, list, '', callback);
    resetBuffer(state);
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      doWrite(stream, state, false, state.objectMode ? 1 : chunk.length, chunk, encoding, callback);
    } while (i < buffered.length && !state.writing);
    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function(chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw new ERR_METHOD_NOT_IMPLEMENTED('_write()');
};

Writable.prototype._writev = null;

Writable.prototype.end = function(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }

  let err;
  if (chunk != null) {
    const ret = writeChunk(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }
  // end() uncorks completely.
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }

  if (err) {
    // Already reported by writeChunk.
  } else if (!state.ending && !state.errored) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = new ERR_STREAM_ALREADY_FINISHED('end');
  } else if (state.destroyed) {
    err = new ERR_STREAM_DESTROYED('end');
  }

  if (typeof cb === 'function') {
    if (err) process.nextTick(cb, err);
    else if (state.errored) process.nextTick(cb, state.errored);
    else if (state.finished) process.nextTick(cb, null);
    else (state.onFinished ??= []).push(cb);
  }
  return this;
};

Writable.prototype.destroy = function(err, cb) {
  const state = this._writableState;
  if (!state.destroyed && (state.bufferedQueue !== null || state.onFinished !== null))
    process.nextTick(errorBuffer, state);
  destroyImpl.destroy.call(this, err, cb);
  return this;
};

// `await using w = ...`: destroys an unfinished stream with an AbortError
// and resolves once it has closed (rejects with any other error), as Node.
Writable.prototype[Symbol.asyncDispose] = function() {
  let error;
  if (!this.destroyed) {
    error = this.writableFinished ? null : new AbortError();
    this.destroy(error);
  }
  return new Promise((resolve, reject) => {
    eos(this, (err) => (err && err.name !== 'AbortError' ? reject(err) : resolve(null)));
  });
};

Writable.prototype._undestroy = destroyImpl.undestroy;
Writable.prototype._destroy = function(err, cb) {
  cb(err);
};

const { captureRejectionSymbol } = require('events');
if (captureRejectionSymbol) {
  Writable.prototype[captureRejectionSymbol] = function(err) {
    this.destroy(err);
  };
}

module.exports = Writable;
require('internal/streams/writable_props')(Writable);
