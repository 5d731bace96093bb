'use strict';
// WritableStream, WritableStreamDefaultWriter and
// WritableStreamDefaultController (WHATWG streams). The abstract operations
// are in writable_ops.js.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const {
  kValidateObjectAllowObjects, kValidateObjectAllowObjectsAndNull, validateObject,
} = require('internal/validators');
const { kIsErrored, kIsWritable } = require('internal/streams/utils');
const {
  checkBrand, createDeferredPromise, createPromiseCallback, customInspect, extractHighWaterMark,
  extractSizeAlgorithm, isBrandCheck, kInspect, kIsClosedPromise, kState, kType, nonOpCancel,
  nonOpStart, nonOpWrite, rejectBrand, resetQueue,
} = require('internal/webstreams/util');
const ops = require('internal/webstreams/writable_ops');
const {
  clearAlgorithms, createWritableStreamState, isWritableStreamLocked, kAbort, kError,
  setupWritableStreamDefaultController, setupWritableStreamDefaultWriter, writableStreamAbort,
  writableStreamClose, writableStreamCloseQueuedOrInFlight,
} = ops;

const kEmptyObject = Object.freeze({ __proto__: null });
const kSkipThrow = Symbol('kSkipThrow');
const isWritableStream = isBrandCheck('WritableStream');

class WritableStream {
  constructor(sink = kEmptyObject, strategy = kEmptyObject) {
    validateObject(sink, 'sink', kValidateObjectAllowObjects);
    validateObject(strategy, 'strategy', kValidateObjectAllowObjectsAndNull);
    const type = sink?.type;
    if (type !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('type', type);
    this[kType] = 'WritableStream';
    this[kState] = createWritableStreamState();
    this[kIsClosedPromise] = createDeferredPromise();
    const size = extractSizeAlgorithm(strategy?.size);
    const highWaterMark = extractHighWaterMark(strategy?.highWaterMark, 1);
    setupControllerFromSink(this, sink, highWaterMark, size);
  }

  // For stream.isErrored() / isWritable().
  get [kIsErrored]() { return this[kState].state === 'errored'; }
  get [kIsWritable]() {
    return this[kState].state === 'writable' && !writableStreamCloseQueuedOrInFlight(this);
  }

  get locked() {
    checkBrand(this, 'WritableStream');
    return isWritableStreamLocked(this);
  }

  abort(reason = undefined) {
    const bad = rejectBrand(this, 'WritableStream');
    if (bad) return bad;
    if (isWritableStreamLocked(this)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is locked'));
    }
    return writableStreamAbort(this, reason);
  }

  close() {
    const bad = rejectBrand(this, 'WritableStream');
    if (bad) return bad;
    if (isWritableStreamLocked(this)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is locked'));
    }
    if (writableStreamCloseQueuedOrInFlight(this)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('Failure closing WritableStream'));
    }
    return writableStreamClose(this);
  }

  getWriter() {
    checkBrand(this, 'WritableStream');
    return new WritableStreamDefaultWriter(this);
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      locked: this.locked, state: this[kState].state,
    });
  }
}

const kNotBound = 'Writer is not bound to a WritableStream';

class WritableStreamDefaultWriter {
  constructor(stream) {
    if (!isWritableStream(stream)) throw new ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    this[kType] = 'WritableStreamDefaultWriter';
    this[kState] = { stream: undefined, close: undefined, ready: undefined };
    setupWritableStreamDefaultWriter(this, stream);
  }

  get closed() {
    return rejectBrand(this, 'WritableStreamDefaultWriter') || this[kState].close.promise;
  }

  get desiredSize() {
    checkBrand(this, 'WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) throw new ERR_INVALID_STATE.TypeError(kNotBound);
    return ops.writableStreamDefaultWriterGetDesiredSize(this);
  }

  get ready() {
    return rejectBrand(this, 'WritableStreamDefaultWriter') || this[kState].ready.promise;
  }

  abort(reason = undefined) {
    const bad = rejectBrand(this, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    if (this[kState].stream === undefined) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError(kNotBound));
    }
    return writableStreamAbort(this[kState].stream, reason);
  }

  close() {
    const bad = rejectBrand(this, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    const { stream } = this[kState];
    if (stream === undefined) return Promise.reject(new ERR_INVALID_STATE.TypeError(kNotBound));
    if (writableStreamCloseQueuedOrInFlight(stream)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('Failure to close WritableStream'));
    }
    return writableStreamClose(stream);
  }

  releaseLock() {
    checkBrand(this, 'WritableStreamDefaultWriter');
    if (this[kState].stream === undefined) return;
    ops.writableStreamDefaultWriterRelease(this);
  }

  write(chunk = undefined) {
    const bad = rejectBrand(this, 'WritableStreamDefaultWriter');
    if (bad) return bad;
    if (this[kState].stream === undefined) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError(kNotBound));
    }
    return ops.writableStreamDefaultWriterWrite(this, chunk);
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      stream: this[kState].stream,
      close: this[kState].close.promise,
      ready: this[kState].ready.promise,
      desiredSize: this.desiredSize,
    });
  }
}

class WritableStreamDefaultController {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kType] = 'WritableStreamDefaultController';
    this[kState] = {};
  }

  [kAbort](reason) {
    const result = this[kState].abortAlgorithm(reason);
    clearAlgorithms(this);
    return result;
  }

  [kError]() {
    resetQueue(this);
  }

  get signal() {
    checkBrand(this, 'WritableStreamDefaultController');
    return this[kState].abortController.signal;
  }

  error(error = undefined) {
    checkBrand(this, 'WritableStreamDefaultController');
    if (this[kState].stream[kState].state !== 'writable') return;
    ops.writableStreamDefaultControllerError(this, error);
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], { stream: this[kState].stream });
  }
}

for (const cls of [WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController]) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, {
    __proto__: null, value: cls.name, configurable: true,
  });
}

function setupControllerFromSink(stream, sink, highWaterMark, sizeAlgorithm) {
  const controller = new WritableStreamDefaultController(kSkipThrow);
  const start = sink?.start;
  const write = sink?.write;
  const close = sink?.close;
  const abort = sink?.abort;
  const startAlgorithm = start ? start.bind(sink, controller) : nonOpStart;
  const writeAlgorithm = write ? createPromiseCallback('sink.write', write, sink) : nonOpWrite;
  const closeAlgorithm = close ? createPromiseCallback('sink.close', close, sink) : nonOpCancel;
  const abortAlgorithm = abort ? createPromiseCallback('sink.abort', abort, sink) : nonOpCancel;
  setupWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm,
                                       closeAlgorithm, abortAlgorithm, highWaterMark,
                                       sizeAlgorithm);
}

// A WritableStream over internal algorithms (CreateWritableStream).
function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
                              highWaterMark = 1, sizeAlgorithm = () => 1) {
  const stream = Object.create(WritableStream.prototype);
  stream[kType] = 'WritableStream';
  stream[kState] = createWritableStreamState();
  stream[kIsClosedPromise] = createDeferredPromise();
  const controller = new WritableStreamDefaultController(kSkipThrow);
  setupWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm,
                                       closeAlgorithm, abortAlgorithm, highWaterMark,
                                       sizeAlgorithm);
  return stream;
}

module.exports = {
  WritableStream,
  WritableStreamDefaultController,
  WritableStreamDefaultWriter,
  createWritableStream,
  isWritableStream,
};
