'use strict';
// WritableStream abstract operations (streams spec, "WritableStream abstract
// operations", writer and default controller operations). Pending
// operations are deferreds: { promise, resolve, reject }; an empty one has
// promise undefined.

const { codes: { ERR_INVALID_STATE } } = require('internal/errors');
const {
  createDeferredPromise, dequeueValue, enqueueValueWithSize, kControllerErrorFunction,
  kIsClosedPromise, kState, peekQueueValue, setPromiseHandled,
} = require('internal/webstreams/util');

const kAbort = Symbol('kAbort');
const kError = Symbol('kError');
const kCloseSentinel = Symbol('kCloseSentinel');

const empty = () => ({ promise: undefined, resolve: undefined, reject: undefined });
const emptyAbortRequest = () => ({ abort: empty(), reason: undefined, wasAlreadyErroring: false });

// A deferred that remembers whether it settled.
function deferred() {
  const d = createDeferredPromise();
  const { resolve, reject } = d;
  d.settled = false;
  d.resolve = (v) => { d.settled = true; resolve(v); };
  d.reject = (e) => { d.settled = true; reject(e); };
  return d;
}
const resolved = () => ({ promise: Promise.resolve(), resolve: undefined, reject: undefined,
                          settled: true });
function rejected(error) {
  const d = { promise: Promise.reject(error), resolve: undefined, reject: undefined,
              settled: true };
  setPromiseHandled(d.promise);
  return d;
}

function createWritableStreamState() {
  return {
    backpressure: false,
    closeRequest: empty(),
    inFlightWriteRequest: empty(),
    inFlightCloseRequest: empty(),
    pendingAbortRequest: emptyAbortRequest(),
    state: 'writable',
    storedError: undefined,
    writeRequests: [],
    writer: undefined,
    controller: undefined,
  };
}

function isWritableStreamLocked(stream) {
  return stream[kState].writer !== undefined;
}

function setupWritableStreamDefaultWriter(writer, stream) {
  if (isWritableStreamLocked(stream)) {
    throw new ERR_INVALID_STATE.TypeError('WritableStream is locked');
  }
  writer[kState].stream = stream;
  stream[kState].writer = writer;
  const { state, storedError } = stream[kState];
  switch (state) {
    case 'writable':
      writer[kState].ready = !writableStreamCloseQueuedOrInFlight(stream) &&
        stream[kState].backpressure ? deferred() : resolved();
      writer[kState].close = deferred();
      break;
    case 'erroring':
      writer[kState].ready = rejected(storedError);
      writer[kState].close = deferred();
      break;
    case 'closed':
      writer[kState].ready = resolved();
      writer[kState].close = resolved();
      break;
    default:
      writer[kState].ready = rejected(storedError);
      writer[kState].close = rejected(storedError);
  }
}

function writableStreamAbort(stream, reason) {
  const { state, controller } = stream[kState];
  if (state === 'closed' || state === 'errored') return Promise.resolve();
  controller[kState].abortController.abort(reason);
  // The abort may have run code that changed the state.
  if (stream[kState].state === 'closed' || stream[kState].state === 'errored') {
    return Promise.resolve();
  }
  if (stream[kState].pendingAbortRequest.abort.promise !== undefined) {
    return stream[kState].pendingAbortRequest.abort.promise;
  }
  let wasAlreadyErroring = false;
  if (stream[kState].state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const abort = createDeferredPromise();
  stream[kState].pendingAbortRequest = { abort, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
  return abort.promise;
}

function writableStreamClose(stream) {
  const { state, writer, backpressure, controller } = stream[kState];
  if (state === 'closed' || state === 'errored') {
    return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is closed'));
  }
  stream[kState].closeRequest = createDeferredPromise();
  const { promise } = stream[kState].closeRequest;
  if (writer !== undefined && backpressure && state === 'writable') {
    writer[kState].ready.resolve?.();
  }
  enqueueValueWithSize(controller, kCloseSentinel, 0);
  advanceQueueIfNeeded(controller);
  return promise;
}

function writableStreamUpdateBackpressure(stream, backpressure) {
  const { writer } = stream[kState];
  if (writer !== undefined && stream[kState].backpressure !== backpressure) {
    if (backpressure) writer[kState].ready = deferred();
    else writer[kState].ready.resolve?.();
  }
  stream[kState].backpressure = backpressure;
}

function writableStreamStartErroring(stream, reason) {
  const { controller, writer } = stream[kState];
  stream[kState].state = 'erroring';
  stream[kState].storedError = reason;
  if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
  if (!hasOperationMarkedInFlight(stream) && controller[kState].started) {
    writableStreamFinishErroring(stream);
  }
}

function rejectCloseAndClosedPromiseIfNeeded(stream) {
  const { storedError, writer } = stream[kState];
  if (stream[kState].closeRequest.promise !== undefined) {
    stream[kState].closeRequest.reject(storedError);
    stream[kState].closeRequest = empty();
  }
  setPromiseHandled(stream[kIsClosedPromise].promise);
  stream[kIsClosedPromise].reject(storedError);
  if (writer !== undefined) {
    setPromiseHandled(writer[kState].close.promise);
    writer[kState].close.reject?.(storedError);
  }
}

function hasOperationMarkedInFlight(stream) {
  return stream[kState].inFlightWriteRequest.promise !== undefined ||
         stream[kState].inFlightCloseRequest.promise !== undefined;
}

function finishInFlightWrite(stream, error, failed) {
  const request = stream[kState].inFlightWriteRequest;
  stream[kState].inFlightWriteRequest = empty();
  if (!failed) {
    request.resolve();
    return;
  }
  request.reject(error);
  writableStreamDealWithRejection(stream, error);
}

function finishInFlightClose(stream, error, failed) {
  const request = stream[kState].inFlightCloseRequest;
  stream[kState].inFlightCloseRequest = empty();
  const { pendingAbortRequest } = stream[kState];
  if (failed) {
    request.reject(error);
    if (pendingAbortRequest.abort.promise !== undefined) {
      pendingAbortRequest.abort.reject(error);
      stream[kState].pendingAbortRequest = emptyAbortRequest();
    }
    writableStreamDealWithRejection(stream, error);
    return;
  }
  request.resolve();
  if (stream[kState].state === 'erroring') {
    stream[kState].storedError = undefined;
    if (pendingAbortRequest.abort.promise !== undefined) {
      pendingAbortRequest.abort.resolve();
      stream[kState].pendingAbortRequest = emptyAbortRequest();
    }
  }
  stream[kState].state = 'closed';
  if (stream[kState].writer !== undefined) stream[kState].writer[kState].close.resolve?.();
  stream[kIsClosedPromise].resolve();
}

function writableStreamFinishErroring(stream) {
  stream[kState].state = 'errored';
  stream[kState].controller[kError]();
  const { storedError } = stream[kState];
  for (const request of stream[kState].writeRequests) request.reject(storedError);
  stream[kState].writeRequests = [];
  const abortRequest = stream[kState].pendingAbortRequest;
  if (abortRequest.abort.promise === undefined) {
    rejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  stream[kState].pendingAbortRequest = emptyAbortRequest();
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.abort.reject(storedError);
    rejectCloseAndClosedPromiseIfNeeded(stream);
    return;
  }
  stream[kState].controller[kAbort](abortRequest.reason).then(() => {
    abortRequest.abort.resolve();
    rejectCloseAndClosedPromiseIfNeeded(stream);
  }, (error) => {
    abortRequest.abort.reject(error);
    rejectCloseAndClosedPromiseIfNeeded(stream);
  });
}

function writableStreamDealWithRejection(stream, error) {
  if (stream[kState].state === 'writable') writableStreamStartErroring(stream, error);
  else writableStreamFinishErroring(stream);
}

function writableStreamCloseQueuedOrInFlight(stream) {
  return stream[kState].closeRequest.promise !== undefined ||
         stream[kState].inFlightCloseRequest.promise !== undefined;
}

// ---- writer ---------------------------------------------------------------------

function writableStreamDefaultWriterWrite(writer, chunk) {
  const { stream } = writer[kState];
  const { controller } = stream[kState];
  const chunkSize = getChunkSize(controller, chunk);
  if (stream !== writer[kState].stream) {
    return Promise.reject(new ERR_INVALID_STATE.TypeError('Mismatched WritableStreams'));
  }
  const { state } = stream[kState];
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') {
    return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is closed'));
  }
  if (state === 'erroring') return Promise.reject(stream[kState].storedError);
  const request = createDeferredPromise();
  stream[kState].writeRequests.push(request);
  // WritableStreamDefaultControllerWrite
  try {
    enqueueValueWithSize(controller, chunk, chunkSize);
  } catch (error) {
    writableStreamDefaultControllerErrorIfNeeded(controller, error);
    return request.promise;
  }
  if (!writableStreamCloseQueuedOrInFlight(stream) && stream[kState].state === 'writable') {
    writableStreamUpdateBackpressure(stream, getBackpressure(controller));
  }
  advanceQueueIfNeeded(controller);
  return request.promise;
}

function writableStreamDefaultWriterRelease(writer) {
  const { stream } = writer[kState];
  const error = new ERR_INVALID_STATE.TypeError('Writer has been released');
  writerEnsureReadyPromiseRejected(writer, error);
  writerEnsureClosedPromiseRejected(writer, error);
  stream[kState].writer = undefined;
  writer[kState].stream = undefined;
}

function writableStreamDefaultWriterGetDesiredSize(writer) {
  const { stream } = writer[kState];
  switch (stream[kState].state) {
    case 'errored':
    case 'erroring':
      return null;
    case 'closed':
      return 0;
  }
  return getDesiredSize(stream[kState].controller);
}

function writerEnsureReadyPromiseRejected(writer, error) {
  if (writer[kState].ready.settled === false) writer[kState].ready.reject(error);
  else writer[kState].ready = rejected(error);
  setPromiseHandled(writer[kState].ready.promise);
}

function writerEnsureClosedPromiseRejected(writer, error) {
  if (writer[kState].close.settled === false) writer[kState].close.reject(error);
  else writer[kState].close = rejected(error);
  setPromiseHandled(writer[kState].close.promise);
}

function writableStreamDefaultWriterCloseWithErrorPropagation(writer) {
  const { stream } = writer[kState];
  const { state } = stream[kState];
  if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return Promise.resolve();
  if (state === 'errored') return Promise.reject(stream[kState].storedError);
  return writableStreamClose(stream);
}

// ---- controller -----------------------------------------------------------------

function getDesiredSize(controller) {
  return controller[kState].highWaterMark - controller[kState].queueTotalSize;
}

function getBackpressure(controller) {
  return getDesiredSize(controller) <= 0;
}

function getChunkSize(controller, chunk) {
  const { sizeAlgorithm } = controller[kState];
  if (sizeAlgorithm === undefined) return 1;  // erroring or errored
  try {
    return sizeAlgorithm.call(undefined, chunk);
  } catch (error) {
    writableStreamDefaultControllerErrorIfNeeded(controller, error);
    return 1;
  }
}

function processWrite(controller, chunk) {
  const { stream, writeAlgorithm } = controller[kState];
  stream[kState].inFlightWriteRequest = stream[kState].writeRequests.shift();
  writeAlgorithm(chunk, controller).then(() => {
    finishInFlightWrite(stream);
    const { state } = stream[kState];
    dequeueValue(controller);
    if (!writableStreamCloseQueuedOrInFlight(stream) && state === 'writable') {
      writableStreamUpdateBackpressure(stream, getBackpressure(controller));
    }
    advanceQueueIfNeeded(controller);
  }, (error) => {
    if (stream[kState].state === 'writable') clearAlgorithms(controller);
    finishInFlightWrite(stream, error, true);
  });
}

function processClose(controller) {
  const { closeAlgorithm, stream } = controller[kState];
  stream[kState].inFlightCloseRequest = stream[kState].closeRequest;
  stream[kState].closeRequest = empty();
  dequeueValue(controller);
  const sinkClosePromise = closeAlgorithm();
  clearAlgorithms(controller);
  sinkClosePromise.then(() => finishInFlightClose(stream),
                        (error) => finishInFlightClose(stream, error, true));
}

function writableStreamDefaultControllerErrorIfNeeded(controller, error) {
  if (controller[kState].stream[kState].state === 'writable') {
    writableStreamDefaultControllerError(controller, error);
  }
}

function writableStreamDefaultControllerError(controller, error) {
  clearAlgorithms(controller);
  writableStreamStartErroring(controller[kState].stream, error);
}

function clearAlgorithms(controller) {
  controller[kState].writeAlgorithm = undefined;
  controller[kState].closeAlgorithm = undefined;
  controller[kState].abortAlgorithm = undefined;
  controller[kState].sizeAlgorithm = undefined;
}

function advanceQueueIfNeeded(controller) {
  const { queue, started, stream } = controller[kState];
  if (!started || stream[kState].inFlightWriteRequest.promise !== undefined) return;
  if (stream[kState].state === 'erroring') {
    writableStreamFinishErroring(stream);
    return;
  }
  if (!queue.length) return;
  const value = peekQueueValue(controller);
  if (value === kCloseSentinel) processClose(controller);
  else processWrite(controller, value);
}

function setupWritableStreamDefaultController(
  stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm,
  highWaterMark, sizeAlgorithm) {
  Object.assign(controller[kState], {
    abortAlgorithm, closeAlgorithm, highWaterMark, queue: [], queueTotalSize: 0,
    abortController: new AbortController(), sizeAlgorithm, started: false, stream,
    writeAlgorithm,
  });
  stream[kState].controller = controller;
  stream[kControllerErrorFunction] = controller.error.bind(controller);
  writableStreamUpdateBackpressure(stream, getBackpressure(controller));
  const startResult = startAlgorithm();
  new Promise((r) => r(startResult)).then(() => {
    controller[kState].started = true;
    advanceQueueIfNeeded(controller);
  }, (error) => {
    controller[kState].started = true;
    writableStreamDealWithRejection(stream, error);
  });
}

module.exports = {
  clearAlgorithms,
  createWritableStreamState,
  isWritableStreamLocked,
  kAbort,
  kError,
  setupWritableStreamDefaultController,
  setupWritableStreamDefaultWriter,
  writableStreamAbort,
  writableStreamClose,
  writableStreamCloseQueuedOrInFlight,
  writableStreamDealWithRejection,
  writableStreamDefaultControllerErrorIfNeeded,
  writableStreamDefaultControllerError,
  writableStreamDefaultWriterCloseWithErrorPropagation,
  writableStreamDefaultWriterGetDesiredSize,
  writableStreamDefaultWriterRelease,
  writableStreamDefaultWriterWrite,
  writableStreamStartErroring,
  writableStreamUpdateBackpressure,
  getDesiredSize,
};
