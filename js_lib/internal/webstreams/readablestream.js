'use strict';
// ReadableStream and its readers (WHATWG streams): the public classes, async
// iteration (values()), ReadableStream.from(), and createReadableStream for
// internal sources. Abstract operations: readable_ops.js (default
// controller), readable_bytes.js (byte streams), readable_pipe.js (pipeTo,
// tee); ReadableStream.from() is in readable_from.js.

const {
  captureStackTrace,
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE,
    ERR_INVALID_THIS, ERR_OUT_OF_RANGE,
  },
} = require('internal/errors');
const {
  kValidateObjectAllowObjects, kValidateObjectAllowObjectsAndNull, validateAbortSignal,
  validateObject,
} = require('internal/validators');
const { isArrayBufferView, isDataView } = require('internal/util/types');
const { kIsDisturbed, kIsErrored, kIsReadable } = require('internal/streams/utils');
const {
  checkBrand, createDeferredPromise, customInspect, extractHighWaterMark,
  extractSizeAlgorithm, isBrandCheck, kInspect, kIsClosedPromise, kState, kType, rejectBrand,
  setPromiseHandled,
} = require('internal/webstreams/util');
const ops = require('internal/webstreams/readable_ops');
const {
  createReadRequest, createReadableStreamState, isReadableStreamLocked,
  readableStreamDefaultReaderRead, readableStreamReaderGenericCancel,
  readableStreamReaderGenericInitialize, readableStreamReaderGenericRelease,
} = ops;
const bytes = require('internal/webstreams/readable_byte_controller');
const { ReadableByteStreamController } = bytes;

const kEmptyObject = Object.freeze({ __proto__: null });
const isReadableStream = isBrandCheck('ReadableStream');
const isWritableStream = isBrandCheck('WritableStream');
const AsyncIteratorPrototype =
  Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

let pipeModule;
function pipe() {
  pipeModule ??= require('internal/webstreams/readable_pipe');
  return pipeModule;
}

class ReadableStream {
  constructor(source = kEmptyObject, strategy = kEmptyObject) {
    validateObject(source, 'source', kValidateObjectAllowObjects);
    validateObject(strategy, 'strategy', kValidateObjectAllowObjectsAndNull);
    this[kType] = 'ReadableStream';
    this[kState] = createReadableStreamState();
    this[kIsClosedPromise] = createDeferredPromise();
    // The spec reads the strategy before the source.
    const size = strategy?.size;
    const highWaterMark = strategy?.highWaterMark;
    const type = source.type;
    if (`${type}` === 'bytes') {
      if (size !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size', size);
      bytes.setupReadableByteStreamControllerFromSource(
        this, source, extractHighWaterMark(highWaterMark, 0));
    } else {
      if (type !== undefined) throw new ERR_INVALID_ARG_VALUE('source.type', type);
      ops.setupReadableStreamDefaultControllerFromSource(
        this, source, extractHighWaterMark(highWaterMark, 1), extractSizeAlgorithm(size));
    }
  }

  // For stream.isDisturbed() / isErrored() / isReadable().
  get [kIsDisturbed]() { return this[kState].disturbed; }
  get [kIsErrored]() { return this[kState].state === 'errored'; }
  get [kIsReadable]() { return this[kState].state === 'readable'; }

  get locked() {
    checkBrand(this, 'ReadableStream');
    return isReadableStreamLocked(this);
  }

  static from(iterable) {
    return require('internal/webstreams/readable_from').readableStreamFromIterable(iterable);
  }

  cancel(reason = undefined) {
    const bad = rejectBrand(this, 'ReadableStream');
    if (bad) return bad;
    if (isReadableStreamLocked(this)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('ReadableStream is locked'));
    }
    return ops.readableStreamCancel(this, reason);
  }

  getReader(options = kEmptyObject) {
    checkBrand(this, 'ReadableStream');
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    const mode = options?.mode;
    if (mode === undefined) return new ReadableStreamDefaultReader(this);
    if (`${mode}` !== 'byob') throw new ERR_INVALID_ARG_VALUE('options.mode', mode);
    return new ReadableStreamBYOBReader(this);
  }

  pipeThrough(transform, options = kEmptyObject) {
    checkBrand(this, 'ReadableStream');
    const readable = transform?.readable;
    if (!isReadableStream(readable)) {
      throw new ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    }
    const writable = transform?.writable;
    if (!isWritableStream(writable)) {
      throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', writable);
    }
    const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
    if (isReadableStreamLocked(this)) {
      throw new ERR_INVALID_STATE.TypeError('The ReadableStream is locked');
    }
    if (writable[kState].writer !== undefined) {
      throw new ERR_INVALID_STATE.TypeError('The WritableStream is locked');
    }
    const promise = pipe().readableStreamPipeTo(
      this, writable, preventClose, preventAbort, preventCancel, signal);
    setPromiseHandled(promise);
    return readable;
  }

  pipeTo(destination, options = kEmptyObject) {
    try {
      checkBrand(this, 'ReadableStream');
      if (!isWritableStream(destination)) {
        throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', destination);
      }
      const { preventAbort, preventCancel, preventClose, signal } = pipeOptions(options);
      if (isReadableStreamLocked(this)) {
        throw new ERR_INVALID_STATE.TypeError('The ReadableStream is locked');
      }
      if (destination[kState].writer !== undefined) {
        throw new ERR_INVALID_STATE.TypeError('The WritableStream is locked');
      }
      return pipe().readableStreamPipeTo(
        this, destination, preventClose, preventAbort, preventCancel, signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  tee() {
    checkBrand(this, 'ReadableStream');
    return pipe().readableStreamTee(this, false);
  }

  values(options = kEmptyObject) {
    checkBrand(this, 'ReadableStream');
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    return createAsyncIterator(this, !!options?.preventCancel);
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      locked: this.locked,
      state: this[kState].state,
      supportsBYOB: this[kState].controller instanceof ReadableByteStreamController,
    });
  }
}

Object.defineProperties(ReadableStream.prototype, {
  [Symbol.asyncIterator]: {
    __proto__: null, value: ReadableStream.prototype.values,
    writable: true, enumerable: false, configurable: true,
  },
  [Symbol.toStringTag]: { __proto__: null, value: 'ReadableStream', configurable: true },
});

// Validated pipe options, read in the order the spec reads them.
function pipeOptions(options) {
  validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
  const preventAbort = !!options?.preventAbort;
  const preventCancel = !!options?.preventCancel;
  const preventClose = !!options?.preventClose;
  const signal = options?.signal;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  return { preventAbort, preventCancel, preventClose, signal };
}

// values(): reads one chunk per next(); return() cancels the stream unless
// preventCancel. Calls queue behind each other.
function createAsyncIterator(stream, preventCancel) {
  const reader = new ReadableStreamDefaultReader(stream);
  const state = { done: false, current: undefined };
  let started = false;

  function nextSteps() {
    if (state.done) return Promise.resolve({ done: true, value: undefined });
    if (reader[kState].stream === undefined) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError(
        'The reader is not bound to a ReadableStream'));
    }
    const { promise, resolve, reject } = createDeferredPromise();
    readableStreamDefaultReaderRead(reader, {
      chunk(value) {
        state.current = undefined;
        resolve({ value, done: false });
      },
      close() {
        state.current = undefined;
        state.done = true;
        readableStreamReaderGenericRelease(reader);
        resolve({ done: true, value: undefined });
      },
      error(error) {
        state.current = undefined;
        state.done = true;
        readableStreamReaderGenericRelease(reader);
        reject(error);
      },
    });
    return promise;
  }

  async function returnSteps(value) {
    if (state.done) return { done: true, value };
    state.done = true;
    if (reader[kState].stream === undefined) {
      throw new ERR_INVALID_STATE.TypeError('The reader is not bound to a ReadableStream');
    }
    if (!preventCancel) {
      const result = readableStreamReaderGenericCancel(reader, value);
      readableStreamReaderGenericRelease(reader);
      await result;
      return { done: true, value };
    }
    readableStreamReaderGenericRelease(reader);
    return { done: true, value };
  }

  return Object.setPrototypeOf({
    next() {
      // The first read waits a microtask so the source has started.
      if (!started) {
        state.current = Promise.resolve();
        started = true;
      }
      state.current = state.current !== undefined ?
        state.current.then(nextSteps, nextSteps) : nextSteps();
      return state.current;
    },
    return(error) {
      started = true;
      state.current = state.current !== undefined ?
        state.current.then(() => returnSteps(error), () => returnSteps(error)) :
        returnSteps(error);
      return state.current;
    },
    [Symbol.asyncIterator]() { return this; },
  }, AsyncIteratorPrototype);
}

// The members both reader classes share: WebIDL's ReadableStreamGenericReader
// mixin (closed, cancel) plus releaseLock and inspection. Each class gets its
// own functions, which check `this` against that class's brand; they are
// installed as class members would be (non-enumerable).
function includeGenericReader(cls, release, queue) {
  const type = cls.name;
  const members = {
    releaseLock() {
      checkBrand(this, type);
      if (this[kState].stream === undefined) return;
      release(this);
    },

    get closed() {
      return rejectBrand(this, type) || this[kState].close.promise;
    },

    cancel(reason = undefined) {
      const unusable = rejectUnusableReader(this, type);
      if (unusable) return unusable;
      return readableStreamReaderGenericCancel(this, reason);
    },

    [kInspect](depth, options) {
      return customInspect(depth, options, this[kType], {
        stream: this[kState].stream,
        [queue]: this[kState][queue].length,
        close: this[kState].close.promise,
      });
    },
  };
  for (const key of Reflect.ownKeys(members)) {
    const member = Object.getOwnPropertyDescriptor(members, key);
    member.enumerable = false;
    Object.defineProperty(cls.prototype, key, member);
  }
}

// The rejected promise a reader method returns when `this` is not a `type`
// reader or has been released; null when the reader can be used.
function rejectUnusableReader(reader, type) {
  const bad = rejectBrand(reader, type);
  if (bad) return bad;
  if (reader[kState].stream === undefined) {
    const err = new ERR_INVALID_STATE.TypeError('The reader is not attached to a stream');
    // The stack starts at the reader method, as if it had made the error.
    return Promise.reject(captureStackTrace(err, rejectUnusableReader));
  }
  return null;
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    this[kType] = 'ReadableStreamDefaultReader';
    this[kState] = { readRequests: [], stream: undefined, close: undefined };
    setupReader(this, stream);
  }

  read() {
    const unusable = rejectUnusableReader(this, 'ReadableStreamDefaultReader');
    if (unusable) return unusable;
    const readRequest = createReadRequest();
    readableStreamDefaultReaderRead(this, readRequest);
    return readRequest.promise;
  }
}

includeGenericReader(ReadableStreamDefaultReader, ops.readableStreamDefaultReaderRelease,
                     'readRequests');

function setupReader(reader, stream) {
  if (isReadableStreamLocked(stream)) {
    throw new ERR_INVALID_STATE.TypeError('ReadableStream is locked');
  }
  readableStreamReaderGenericInitialize(reader, stream);
}

class ReadableStreamBYOBReader {
  constructor(stream) {
    if (!isReadableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    this[kType] = 'ReadableStreamBYOBReader';
    this[kState] = { stream: undefined, readIntoRequests: [], close: undefined };
    if (isReadableStreamLocked(stream)) {
      throw new ERR_INVALID_STATE.TypeError('ReadableStream is locked');
    }
    if (!(stream[kState].controller instanceof ReadableByteStreamController)) {
      throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be a byte stream');
    }
    readableStreamReaderGenericInitialize(this, stream);
  }

  async read(view, options = kEmptyObject) {
    checkBrand(this, 'ReadableStreamBYOBReader');
    if (!isArrayBufferView(view)) {
      throw new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view);
    }
    validateObject(options, 'options', kValidateObjectAllowObjectsAndNull);
    if (view.byteLength === 0 || view.buffer.byteLength === 0) {
      throw new ERR_INVALID_STATE.TypeError(
        'View or Viewed ArrayBuffer is zero-length or detached');
    }
    const min = options?.min ?? 1;
    if (typeof min !== 'number') throw new ERR_INVALID_ARG_TYPE('options.min', 'number', min);
    if (!Number.isInteger(min)) {
      throw new ERR_INVALID_ARG_VALUE('options.min', min, 'must be an integer');
    }
    if (min <= 0) throw new ERR_INVALID_ARG_VALUE('options.min', min, 'must be greater than 0');
    if (!isDataView(view)) {
      if (min > view.length) throw new ERR_OUT_OF_RANGE('options.min', '<= view.length', min);
    } else if (min > view.byteLength) {
      throw new ERR_OUT_OF_RANGE('options.min', '<= view.byteLength', min);
    }
    if (this[kState].stream === undefined) {
      throw new ERR_INVALID_STATE.TypeError('The reader is not attached to a stream');
    }
    const readIntoRequest = createReadRequest();
    const { stream } = this[kState];
    stream[kState].disturbed = true;
    if (stream[kState].state === 'errored') {
      readIntoRequest.error(stream[kState].storedError);
    } else {
      bytes.readableByteStreamControllerPullInto(
        stream[kState].controller, view, min, readIntoRequest);
    }
    return readIntoRequest.promise;
  }
}

includeGenericReader(ReadableStreamBYOBReader, ops.readableStreamBYOBReaderRelease,
                     'readIntoRequests');

for (const cls of [ReadableStreamDefaultReader, ReadableStreamBYOBReader,
  ops.ReadableStreamDefaultController, ReadableByteStreamController,
  bytes.ReadableStreamBYOBRequest]) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, {
    __proto__: null, value: cls.name, configurable: true,
  });
}

// A ReadableStream over internal algorithms (CreateReadableStream).
function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm,
                              highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(ReadableStream.prototype);
  stream[kType] = 'ReadableStream';
  stream[kState] = createReadableStreamState();
  stream[kIsClosedPromise] = createDeferredPromise();
  const controller = new ops.ReadableStreamDefaultController(ops.kSkipThrow);
  ops.setupReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm,
                                           cancelAlgorithm, highWaterMark, sizeAlgorithm);
  return stream;
}

// The same for a byte stream (CreateReadableByteStream).
function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const stream = Object.create(ReadableStream.prototype);
  stream[kType] = 'ReadableStream';
  stream[kState] = createReadableStreamState();
  stream[kIsClosedPromise] = createDeferredPromise();
  const controller = new ReadableByteStreamController(ops.kSkipThrow);
  bytes.setupReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm,
                                          cancelAlgorithm, 0, undefined);
  return stream;
}

module.exports = {
  ReadableByteStreamController,
  ReadableStream,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: bytes.ReadableStreamBYOBRequest,
  ReadableStreamDefaultController: ops.ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  createReadableByteStream,
  createReadableStream,
  isReadableStream,
  readableStreamCancel: ops.readableStreamCancel,
};
