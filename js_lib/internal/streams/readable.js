'use strict';

// Readable: the buffering and read() machinery and the 'readable'/'data'/
// 'end' events. Flowing/paused mode and listeners live in readable_flow.js,
// taking bytes off the queue in readable_buffer.js, pipe() in
// readable_pipe.js, async iteration and wrap() in readable_iter.js.
//
// Timing matters as much as results: 'readable', 'end' and resume() are each
// deferred with process.nextTick exactly where Node defers them, so event
// traces match Node's.

const { Stream } = require('internal/streams/legacy');
const destroyImpl = require('internal/streams/destroy');
const { getHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const { kOnConstructed } = require('internal/streams/utils');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const chunks = require('internal/streams/chunk');
const fromList = require('internal/streams/readable_buffer');
const { StringDecoder } = require('string_decoder');
const {
  ERR_INVALID_ARG_TYPE,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_OUT_OF_RANGE,
  ERR_STREAM_PUSH_AFTER_EOF,
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;

const { errorOrDestroy } = destroyImpl;
const kPaused = Symbol('kPaused');
// An endReadableNT is queued: later endReadable() calls before it runs would
// queue more that find 'end' already emitted (a stream read to its end
// calls it three or four times).
const kEndScheduled = Symbol('kEndScheduled');

function ReadableState(options, stream, isDuplex) {
  this.objectMode = !!(options && (options.objectMode ||
    (isDuplex && options.readableObjectMode)));
  this.highWaterMark = options ?
    getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) :
    getDefaultHighWaterMark(false);

  // Queued chunks are buffer[bufferIndex..]; `length` counts bytes (objects
  // in object mode).
  this.buffer = [];
  this.bufferIndex = 0;
  this.length = 0;
  this.pipes = [];
  this.flowing = null;      // null: no consumer yet; true: flowing; false: paused
  this.ended = false;       // push(null) seen
  this.endEmitted = false;
  this.reading = false;     // _read() called and not answered by push() yet
  this.constructed = true;
  this.sync = true;         // inside _read(): events must be deferred
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this[kPaused] = null;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this[kEndScheduled] = false;

  const enc = options && options.defaultEncoding;
  if (enc == null || enc === 'utf8' || enc === 'utf-8') this.defaultEncoding = 'utf8';
  else if (chunks.isEncoding(enc)) this.defaultEncoding = enc;
  else throw new ERR_UNKNOWN_ENCODING(enc);

  // The pipe destination(s) we wait on for 'drain': one stream, or a Set
  // when piping to several (multiAwaitDrain).
  this.awaitDrainWriters = null;
  this.multiAwaitDrain = false;
  this.readingMore = false;
  this.dataEmitted = false;
  this.dataListening = false;
  this.decoder = null;
  this.encoding = null;
  if (options && options.encoding) {
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

Object.defineProperties(ReadableState.prototype, {
  pipesCount: {
    get() { return this.pipes.length; },
  },
  paused: {
    get() { return this[kPaused] === true; },
    set(value) { this[kPaused] = !!value; },
  },
});

ReadableState.prototype[kOnConstructed] = function(stream) {
  if (this.needReadable) maybeReadMore(stream, this);
};

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  this._events ??= {
    close: undefined, error: undefined, data: undefined, end: undefined, readable: undefined,
  };
  this._readableState = new ReadableState(options, this, false);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  if (this._construct != null) {
    destroyImpl.construct(this, () => {
      this._readableState[kOnConstructed](this);
    });
  }
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);
Readable.ReadableState = ReadableState;

Readable.prototype.destroy = destroyImpl.destroy;
Readable.prototype._undestroy = destroyImpl.undestroy;
Readable.prototype._destroy = function(err, cb) {
  cb(err);
};

Readable.prototype._read = function(n) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_read()');
};

Readable.prototype.push = function(chunk, encoding) {
  return addChunkChecked(this, chunk, encoding, false);
};

Readable.prototype.unshift = function(chunk, encoding) {
  return addChunkChecked(this, chunk, encoding, true);
};

// Validates and converts a pushed or unshifted chunk, then queues it.
function addChunkChecked(stream, chunk, encoding, front) {
  const state = stream._readableState;
  if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
    return false;
  }

  let decoded = false;  // chunk is already a string in state.encoding
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding === encoding) {
        decoded = true;
      } else if (front && state.encoding) {
        chunk = chunks.toString(chunks.fromString(chunk, encoding), state.encoding);
        decoded = true;
      } else {
        chunk = chunks.fromString(chunk, encoding);
      }
    } else if (chunks.isBuffer(chunk)) {
      // used as is
    } else if (chunks.isArrayBufferView(chunk)) {
      chunk = chunks.fromView(chunk);
    } else if (chunk !== undefined) {
      errorOrDestroy(stream, new ERR_INVALID_ARG_TYPE(
        'chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk));
      return false;
    }
    if (!chunk || chunk.length <= 0) {
      // An empty chunk only answers the pending _read().
      if (!front) {
        state.reading = false;
        maybeReadMore(stream, state);
      }
      return canPushMore(state);
    }
  }

  if (front) {
    if (state.endEmitted) {
      errorOrDestroy(stream, new ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      addChunk(stream, state, chunk, true);
    }
    return canPushMore(state);
  }

  if (state.ended) {
    errorOrDestroy(stream, new ERR_STREAM_PUSH_AFTER_EOF());
    return false;
  }
  if (state.destroyed || state.errored) return false;
  state.reading = false;
  if (state.decoder && !decoded && !(state.objectMode && encoding)) {
    chunk = state.decoder.write(chunk);
    if (!state.objectMode && chunk.length === 0) {
      maybeReadMore(stream, state);
      return canPushMore(state);
    }
  }
  addChunk(stream, state, chunk, false);
  return canPushMore(state);
}

function canPushMore(state) {
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

function addChunk(stream, state, chunk, front) {
  if (state.flowing && state.length === 0 && !state.sync && state.dataListening) {
    // Nothing queued and someone listening: hand the chunk straight over.
    clearAwaitDrain(state);
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (!front) state.buffer.push(chunk);
    else if (state.bufferIndex > 0) state.buffer[--state.bufferIndex] = chunk;
    else state.buffer.unshift(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

function clearAwaitDrain(state) {
  if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
  else state.awaitDrainWriters = null;
}

const kMaxHighWaterMark = 0x40000000;

// The next power of two >= n, for growing highWaterMark on big reads.
function nextHighWaterMark(n) {
  if (n > kMaxHighWaterMark) throw new ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    // read() with no size: the first chunk when flowing, else everything.
    if (state.flowing && state.length) return state.buffer[state.bufferIndex].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function(n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const nOrig = n;

  if (n > state.highWaterMark) state.highWaterMark = nextHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;

  // read(0) with enough buffered (or at the end) only triggers 'readable'.
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) ||
       state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }

  n = howMuchToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }

  // Ask _read() for more if we are below highWaterMark after this read.
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    // A synchronous push() may have changed what we can hand out.
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }

  let ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    if (state.length <= state.highWaterMark) state.needReadable = true;
    n = 0;
  } else {
    state.length -= n;
    clearAwaitDrain(state);
  }

  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    // Asked for more than was left at the end: that was the last of it.
    if (nOrig !== n && state.ended) endReadable(this);
  }

  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  return ret;
};

Readable._fromList = fromList;

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const rest = state.decoder.end();
    if (rest && rest.length) {
      state.buffer.push(rest);
      state.length += state.objectMode ? 1 : rest.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    // Inside _read(): 'readable' must wait for the next tick.
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadableNT(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadableNT, stream);
  }
}

function emitReadableNT(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  // Ask for another 'readable' unless flowing, ended, or above the mark.
  if (!state.flowing && !state.ended && state.length <= state.highWaterMark)
    state.needReadable = true;
  flow(stream);
}

// Fills the buffer up to highWaterMark in the background, one tick later.
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMoreNT, stream, state);
  }
}

function maybeReadMoreNT(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;  // _read() gave nothing synchronously
  }
  state.readingMore = false;
}

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    if (state[kEndScheduled]) return;
    state[kEndScheduled] = true;
    process.nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  state[kEndScheduled] = false;
  if (state.errored || state.closeEmitted || state.endEmitted || state.length !== 0) return;
  state.endEmitted = true;
  stream.emit('end');
  if (stream.writable && stream.allowHalfOpen === false) {
    process.nextTick(endWritableNT, stream);
  } else if (state.autoDestroy) {
    // A Duplex is destroyed only when its writable side is done too.
    const w = stream._writableState;
    if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

const { captureRejectionSymbol } = require('events');
if (captureRejectionSymbol) {
  Readable.prototype[captureRejectionSymbol] = function(err) {
    this.destroy(err);
  };
}

Readable.from = function(iterable, opts) {
  return require('internal/streams/from')(Readable, iterable, opts);
};

module.exports = Readable;
// Internals the sibling files need.
const internals = { errorOrDestroy, flow, emitReadable, kPaused };
require('internal/streams/readable_flow')(Readable, internals);
require('internal/streams/readable_pipe')(Readable, internals);
require('internal/streams/readable_iter')(Readable, internals);
require('internal/streams/readable_props')(Readable, internals);
