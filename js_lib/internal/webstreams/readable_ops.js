'use strict';
// ReadableStream abstract operations (streams spec, "ReadableStream abstract
// operations" and the reader operations) and ReadableStreamDefaultController.
// Controllers implement the spec's internal methods under kCancel (cancel
// steps), kPull (pull steps) and kRelease (release steps).

const {
  AbortError,
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_STATE },
} = require('internal/errors');
const {
  createDeferredPromise, createPromiseCallback, customInspect, dequeueValue,
  enqueueValueWithSize, kControllerErrorFunction, kInspect, kIsClosedPromise, kState, kType,
  nonOpCancel, nonOpPull, nonOpStart, resetQueue, setPromiseHandled,
} = require('internal/webstreams/util');

const kCancel = Symbol('kCancel');
const kPull = Symbol('kPull');
const kRelease = Symbol('kRelease');
// Lets internal code construct the classes whose constructors throw.
const kSkipThrow = Symbol('kSkipThrow');

// ---- the stream -----------------------------------------------------------------

function createReadableStreamState() {
  return {
    disturbed: false,
    reader: undefined,
    state: 'readable',
    storedError: undefined,
    controller: undefined,
  };
}

function isReadableStreamLocked(stream) {
  return stream[kState].reader !== undefined;
}

function readableStreamCancel(stream, reason) {
  stream[kState].disturbed = true;
  switch (stream[kState].state) {
    case 'closed':
      return Promise.resolve();
    case 'errored':
      return Promise.reject(stream[kState].storedError);
  }
  readableStreamClose(stream);
  const { reader } = stream[kState];
  if (reader !== undefined && reader[kType] === 'ReadableStreamBYOBReader') {
    const requests = reader[kState].readIntoRequests;
    reader[kState].readIntoRequests = [];
    for (const request of requests) request.close(undefined);
  }
  return stream[kState].controller[kCancel](reason).then(() => {});
}

function readableStreamClose(stream) {
  stream[kState].state = 'closed';
  stream[kIsClosedPromise].resolve();
  const { reader } = stream[kState];
  if (reader === undefined) return;
  reader[kState].close.resolve();
  if (reader[kType] === 'ReadableStreamDefaultReader') {
    const requests = reader[kState].readRequests;
    reader[kState].readRequests = [];
    for (const request of requests) request.close();
  }
}

function readableStreamError(stream, error) {
  stream[kState].state = 'errored';
  stream[kState].storedError = error;
  stream[kIsClosedPromise].reject(error);
  setPromiseHandled(stream[kIsClosedPromise].promise);
  const { reader } = stream[kState];
  if (reader === undefined) return;
  reader[kState].close.reject(error);
  setPromiseHandled(reader[kState].close.promise);
  if (reader[kType] === 'ReadableStreamDefaultReader') {
    readableStreamDefaultReaderErrorReadRequests(reader, error);
  } else {
    readableStreamBYOBReaderErrorReadIntoRequests(reader, error);
  }
}

function readableStreamHasDefaultReader(stream) {
  const { reader } = stream[kState];
  return reader !== undefined && reader[kType] === 'ReadableStreamDefaultReader';
}

function readableStreamHasBYOBReader(stream) {
  const { reader } = stream[kState];
  return reader !== undefined && reader[kType] === 'ReadableStreamBYOBReader';
}

function readableStreamGetNumReadRequests(stream) {
  return stream[kState].reader[kState].readRequests.length;
}

function readableStreamGetNumReadIntoRequests(stream) {
  return stream[kState].reader[kState].readIntoRequests.length;
}

function readableStreamAddReadRequest(stream, readRequest) {
  stream[kState].reader[kState].readRequests.push(readRequest);
}

function readableStreamAddReadIntoRequest(stream, readIntoRequest) {
  stream[kState].reader[kState].readIntoRequests.push(readIntoRequest);
}

function readableStreamFulfillReadRequest(stream, chunk, done) {
  const request = stream[kState].reader[kState].readRequests.shift();
  if (done) request.close();
  else request.chunk(chunk);
}

function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
  const request = stream[kState].reader[kState].readIntoRequests.shift();
  if (done) request.close(chunk);
  else request.chunk(chunk);
}

// ---- readers --------------------------------------------------------------------

// A read request that settles a promise with { value, done }.
function createReadRequest() {
  const { promise, resolve, reject } = createDeferredPromise();
  return {
    promise,
    chunk: (value) => resolve({ value, done: false }),
    close: (value) => resolve({ value, done: true }),
    error: reject,
  };
}

function readableStreamReaderGenericInitialize(reader, stream) {
  reader[kState].stream = stream;
  stream[kState].reader = reader;
  const close = createDeferredPromise();
  reader[kState].close = close;
  switch (stream[kState].state) {
    case 'closed':
      close.resolve();
      break;
    case 'errored':
      close.reject(stream[kState].storedError);
      setPromiseHandled(close.promise);
      break;
  }
}

function readableStreamReaderGenericCancel(reader, reason) {
  return readableStreamCancel(reader[kState].stream, reason);
}

function readableStreamReaderGenericRelease(reader) {
  const { stream } = reader[kState];
  const releasedError = new ERR_INVALID_STATE.TypeError('Reader released');
  if (stream[kState].state === 'readable') {
    reader[kState].close.reject(releasedError);
  } else {
    reader[kState].close = {
      promise: Promise.reject(releasedError),
      resolve: undefined,
      reject: undefined,
    };
  }
  setPromiseHandled(reader[kState].close.promise);
  stream[kState].controller[kRelease]();
  stream[kState].reader = undefined;
  reader[kState].stream = undefined;
}

function readableStreamDefaultReaderErrorReadRequests(reader, error) {
  const requests = reader[kState].readRequests;
  reader[kState].readRequests = [];
  for (const request of requests) request.error(error);
}

function readableStreamBYOBReaderErrorReadIntoRequests(reader, error) {
  const requests = reader[kState].readIntoRequests;
  reader[kState].readIntoRequests = [];
  for (const request of requests) request.error(error);
}

function readableStreamDefaultReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  readableStreamDefaultReaderErrorReadRequests(
    reader, new ERR_INVALID_STATE.TypeError('Releasing reader'));
}

function readableStreamBYOBReaderRelease(reader) {
  readableStreamReaderGenericRelease(reader);
  readableStreamBYOBReaderErrorReadIntoRequests(
    reader, new ERR_INVALID_STATE.TypeError('Releasing reader'));
}

function readableStreamDefaultReaderRead(reader, readRequest) {
  const { stream } = reader[kState];
  stream[kState].disturbed = true;
  switch (stream[kState].state) {
    case 'closed':
      readRequest.close();
      break;
    case 'errored':
      readRequest.error(stream[kState].storedError);
      break;
    default:
      stream[kState].controller[kPull](readRequest);
  }
}

// ---- ReadableStreamDefaultController ----------------------------------------------

class ReadableStreamDefaultController {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kType] = 'ReadableStreamDefaultController';
    this[kState] = {};
  }

  get desiredSize() {
    return readableStreamDefaultControllerGetDesiredSize(this);
  }

  close() {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) {
      throw new ERR_INVALID_STATE.TypeError('Controller is already closed');
    }
    readableStreamDefaultControllerClose(this);
  }

  enqueue(chunk = undefined) {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) {
      throw new ERR_INVALID_STATE.TypeError('Controller is already closed');
    }
    readableStreamDefaultControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    readableStreamDefaultControllerError(this, error);
  }

  [kCancel](reason) {
    resetQueue(this);
    const result = this[kState].cancelAlgorithm(reason);
    readableStreamDefaultControllerClearAlgorithms(this);
    return result;
  }

  [kPull](readRequest) {
    const { stream } = this[kState];
    if (this[kState].queue.length) {
      const chunk = dequeueValue(this);
      if (this[kState].closeRequested && !this[kState].queue.length) {
        readableStreamDefaultControllerClearAlgorithms(this);
        readableStreamClose(stream);
      } else {
        readableStreamDefaultControllerCallPullIfNeeded(this);
      }
      readRequest.chunk(chunk);
      return;
    }
    readableStreamAddReadRequest(stream, readRequest);
    readableStreamDefaultControllerCallPullIfNeeded(this);
  }

  [kRelease]() {}

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {});
  }
}

function readableStreamDefaultControllerClose(controller) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  controller[kState].closeRequested = true;
  if (!controller[kState].queue.length) {
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamClose(controller[kState].stream);
  }
}

function readableStreamDefaultControllerEnqueue(controller, chunk) {
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
  const { stream } = controller[kState];
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream)) {
    readableStreamFulfillReadRequest(stream, chunk, false);
  } else {
    let size;
    try {
      size = controller[kState].sizeAlgorithm(chunk);
    } catch (error) {
      readableStreamDefaultControllerError(controller, error);
      throw error;
    }
    try {
      enqueueValueWithSize(controller, chunk, size);
    } catch (error) {
      readableStreamDefaultControllerError(controller, error);
      throw error;
    }
  }
  readableStreamDefaultControllerCallPullIfNeeded(controller);
}

function readableStreamDefaultControllerHasBackpressure(controller) {
  return !readableStreamDefaultControllerShouldCallPull(controller);
}

function readableStreamDefaultControllerCanCloseOrEnqueue(controller) {
  const { stream } = controller[kState];
  return !controller[kState].closeRequested && stream[kState].state === 'readable';
}

function readableStreamDefaultControllerGetDesiredSize(controller) {
  const { stream, highWaterMark, queueTotalSize } = controller[kState];
  switch (stream[kState].state) {
    case 'errored': return null;
    case 'closed': return 0;
    default: return highWaterMark - queueTotalSize;
  }
}

function readableStreamDefaultControllerShouldCallPull(controller) {
  const { stream } = controller[kState];
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller) ||
      !controller[kState].started) {
    return false;
  }
  if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream)) return true;
  return readableStreamDefaultControllerGetDesiredSize(controller) > 0;
}

function readableStreamDefaultControllerCallPullIfNeeded(controller) {
  if (!readableStreamDefaultControllerShouldCallPull(controller)) return;
  if (controller[kState].pulling) {
    controller[kState].pullAgain = true;
    return;
  }
  controller[kState].pulling = true;
  controller[kState].pullAlgorithm(controller).then(() => {
    controller[kState].pulling = false;
    if (controller[kState].pullAgain) {
      controller[kState].pullAgain = false;
      readableStreamDefaultControllerCallPullIfNeeded(controller);
    }
  }, (error) => readableStreamDefaultControllerError(controller, error));
}

function readableStreamDefaultControllerClearAlgorithms(controller) {
  controller[kState].pullAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
  controller[kState].sizeAlgorithm = undefined;
}

function readableStreamDefaultControllerError(controller, error) {
  const { stream } = controller[kState];
  if (stream[kState].state === 'readable') {
    resetQueue(controller);
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamError(stream, error);
  }
}

function setupReadableStreamDefaultController(
  stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
  sizeAlgorithm) {
  Object.assign(controller[kState], {
    cancelAlgorithm,
    closeRequested: false,
    highWaterMark,
    pullAgain: false,
    pullAlgorithm,
    pulling: false,
    queue: [],
    queueTotalSize: 0,
    started: false,
    sizeAlgorithm,
    stream,
  });
  stream[kState].controller = controller;
  stream[kControllerErrorFunction] = controller.error.bind(controller);
  const startResult = startAlgorithm();
  new Promise((r) => r(startResult)).then(() => {
    controller[kState].started = true;
    readableStreamDefaultControllerCallPullIfNeeded(controller);
  }, (error) => readableStreamDefaultControllerError(controller, error));
}

function setupReadableStreamDefaultControllerFromSource(
  stream, source, highWaterMark, sizeAlgorithm) {
  const controller = new ReadableStreamDefaultController(kSkipThrow);
  const start = source?.start;
  const pull = source?.pull;
  const cancel = source?.cancel;
  const startAlgorithm = start ? start.bind(source, controller) : nonOpStart;
  const pullAlgorithm = pull ? createPromiseCallback('source.pull', pull, source) : nonOpPull;
  const cancelAlgorithm = cancel ?
    createPromiseCallback('source.cancel', cancel, source) : nonOpCancel;
  setupReadableStreamDefaultController(
    stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
    sizeAlgorithm);
}

// The reason a signal aborted with, as pipeTo rejects.
function abortReason(signal) {
  return signal.reason !== undefined ? signal.reason : new AbortError();
}

module.exports = {
  ReadableStreamDefaultController,
  abortReason,
  createReadRequest,
  createReadableStreamState,
  isReadableStreamLocked,
  kCancel,
  kPull,
  kRelease,
  kSkipThrow,
  readableStreamAddReadIntoRequest,
  readableStreamAddReadRequest,
  readableStreamCancel,
  readableStreamClose,
  readableStreamDefaultControllerCallPullIfNeeded,
  readableStreamDefaultControllerCanCloseOrEnqueue,
  readableStreamDefaultControllerClose,
  readableStreamDefaultControllerEnqueue,
  readableStreamDefaultControllerError,
  readableStreamDefaultControllerGetDesiredSize,
  readableStreamDefaultControllerHasBackpressure,
  readableStreamDefaultReaderRead,
  readableStreamDefaultReaderRelease,
  readableStreamBYOBReaderRelease,
  readableStreamError,
  readableStreamFulfillReadIntoRequest,
  readableStreamFulfillReadRequest,
  readableStreamGetNumReadIntoRequests,
  readableStreamGetNumReadRequests,
  readableStreamHasBYOBReader,
  readableStreamHasDefaultReader,
  readableStreamReaderGenericCancel,
  readableStreamReaderGenericInitialize,
  readableStreamReaderGenericRelease,
  setupReadableStreamDefaultController,
  setupReadableStreamDefaultControllerFromSource,
};
