'use strict';
// ReadableStreamPipeTo and ReadableStreamTee (default and byte streams),
// with node's timing: tee hands chunks on in a microtask and closes the
// branches on the next tick.

const { AbortError, codes: { ERR_INVALID_STATE } } = require('internal/errors');
const { queueMicrotask } = require('internal/process/task_queues');
const {
  cloneAsUint8Array, createDeferredPromise, kState, kType, nonOpStart, setPromiseHandled,
} = require('internal/webstreams/util');
const ops = require('internal/webstreams/readable_ops');
const {
  readableStreamCancel, readableStreamDefaultControllerClose,
  readableStreamDefaultControllerEnqueue, readableStreamDefaultControllerError,
  readableStreamDefaultReaderRead, readableStreamReaderGenericRelease,
} = ops;
const bytes = require('internal/webstreams/readable_byte_controller');
const {
  ReadableStreamBYOBReader, ReadableStreamDefaultReader, createReadableByteStream,
  createReadableStream,
} = require('internal/webstreams/readablestream');
const { WritableStreamDefaultWriter } = require('internal/webstreams/writablestream');
const {
  writableStreamAbort, writableStreamCloseQueuedOrInFlight,
  writableStreamDefaultWriterCloseWithErrorPropagation, writableStreamDefaultWriterRelease,
  writableStreamDefaultWriterWrite,
} = require('internal/webstreams/writable_ops');
const { listenAbort } = require('internal/readline/utils');

function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  let reader;
  let writer;
  try {
    reader = new ReadableStreamDefaultReader(source);
    writer = new WritableStreamDefaultWriter(dest);
  } catch (error) {
    return Promise.reject(error);
  }
  source[kState].disturbed = true;
  let shuttingDown = false;
  let removeAbortListener;
  const promise = createDeferredPromise();
  const state = { currentWrite: Promise.resolve() };

  function finalize(rejected, error) {
    writableStreamDefaultWriterRelease(writer);
    readableStreamReaderGenericRelease(reader);
    removeAbortListener?.();
    if (rejected) promise.reject(error);
    else promise.resolve();
  }

  async function waitForCurrentWrite() {
    const write = state.currentWrite;
    await write;
    if (write !== state.currentWrite) await waitForCurrentWrite();
  }

  function shutdownWithAnAction(action, rejected, originalError) {
    if (shuttingDown) return;
    shuttingDown = true;
    const complete = () => {
      action().then(() => finalize(rejected, originalError), (error) => finalize(true, error));
    };
    if (dest[kState].state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) {
      waitForCurrentWrite().then(complete, (error) => finalize(true, error));
      return;
    }
    complete();
  }

  function shutdown(rejected, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest[kState].state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) {
      waitForCurrentWrite().then(() => finalize(rejected, error), (e) => finalize(true, e));
      return;
    }
    finalize(rejected, error);
  }

  function abortAlgorithm() {
    // The reason must be a DOMException, not node's AbortError.
    let error = signal.reason;
    if (error instanceof AbortError) {
      const { DOMException } = require('internal/domexception');
      error = new DOMException(error.message, 'AbortError');
    }
    const actions = [];
    if (!preventAbort) {
      actions.push(() => (dest[kState].state === 'writable' ?
        writableStreamAbort(dest, error) : Promise.resolve()));
    }
    if (!preventCancel) {
      actions.push(() => (source[kState].state === 'readable' ?
        readableStreamCancel(source, error) : Promise.resolve()));
    }
    shutdownWithAnAction(() => Promise.all(actions.map((action) => action())), true, error);
  }

  function watchErrored(stream, closedPromise, action) {
    if (stream[kState].state === 'errored') action(stream[kState].storedError);
    else closedPromise.then(undefined, action);
  }

  function watchClosed(stream, closedPromise, action) {
    if (stream[kState].state === 'closed') action();
    else closedPromise.then(action, () => {});
  }

  // Reads one chunk and starts writing it; true once there is nothing more.
  async function step() {
    if (shuttingDown) return true;
    await writer[kState].ready.promise;
    const { promise: read, resolve, reject } = createDeferredPromise();
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        state.currentWrite = writableStreamDefaultWriterWrite(writer, chunk);
        setPromiseHandled(state.currentWrite);
        resolve(false);
      },
      close: () => resolve(true),
      error: reject,
    });
    return read;
  }

  async function run() {
    while (!await step());
  }

  if (signal !== undefined) {
    if (signal.aborted) {
      abortAlgorithm();
      return promise.promise;
    }
    removeAbortListener = listenAbort(signal, abortAlgorithm);
  }

  setPromiseHandled(run());

  watchErrored(source, reader[kState].close.promise, (error) => {
    if (!preventAbort) {
      return shutdownWithAnAction(() => writableStreamAbort(dest, error), true, error);
    }
    shutdown(true, error);
  });
  watchErrored(dest, writer[kState].close.promise, (error) => {
    if (!preventCancel) {
      return shutdownWithAnAction(() => readableStreamCancel(source, error), true, error);
    }
    shutdown(true, error);
  });
  watchClosed(source, reader[kState].close.promise, () => {
    if (!preventClose) {
      return shutdownWithAnAction(
        () => writableStreamDefaultWriterCloseWithErrorPropagation(writer));
    }
    shutdown();
  });
  if (writableStreamCloseQueuedOrInFlight(dest) || dest[kState].state === 'closed') {
    const error = new ERR_INVALID_STATE.TypeError('Destination WritableStream is closed');
    if (!preventCancel) {
      shutdownWithAnAction(() => readableStreamCancel(source, error), true, error);
    } else {
      shutdown(true, error);
    }
  }
  return promise.promise;
}

function readableStreamTee(stream, cloneForBranch2) {
  if (stream[kState].controller instanceof bytes.ReadableByteStreamController) {
    return readableByteStreamTee(stream);
  }
  return readableStreamDefaultTee(stream, cloneForBranch2);
}

// Cancelling both branches cancels the source with [reason1, reason2].
function createCancelState(stream) {
  const cancelled = createDeferredPromise();
  const state = { canceled1: false, canceled2: false, reason1: undefined, reason2: undefined };
  const cancelBranch = (n) => (reason) => {
    state[`canceled${n}`] = true;
    state[`reason${n}`] = reason;
    if (state.canceled1 && state.canceled2) {
      cancelled.resolve(readableStreamCancel(stream, [state.reason1, state.reason2]));
    }
    return cancelled.promise;
  };
  return { state, cancelled, cancel1: cancelBranch(1), cancel2: cancelBranch(2) };
}

function readableStreamDefaultTee(stream, cloneForBranch2) {
  const reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let branch1;
  let branch2;
  const { state, cancelled, cancel1, cancel2 } = createCancelState(stream);

  async function pullAlgorithm() {
    if (reading) return;
    reading = true;
    readableStreamDefaultReaderRead(reader, {
      chunk(value) {
        queueMicrotask(() => {
          reading = false;
          let value2 = value;
          if (!state.canceled2 && cloneForBranch2) value2 = structuredClone(value2);
          if (!state.canceled1) {
            readableStreamDefaultControllerEnqueue(branch1[kState].controller, value);
          }
          if (!state.canceled2) {
            readableStreamDefaultControllerEnqueue(branch2[kState].controller, value2);
          }
        });
      },
      close() {
        // On the next tick as node does (not in the spec).
        process.nextTick(() => {
          reading = false;
          if (!state.canceled1) readableStreamDefaultControllerClose(branch1[kState].controller);
          if (!state.canceled2) readableStreamDefaultControllerClose(branch2[kState].controller);
          if (!state.canceled1 || !state.canceled2) cancelled.resolve();
        });
      },
      error() {
        reading = false;
      },
    });
  }

  branch1 = createReadableStream(nonOpStart, pullAlgorithm, cancel1);
  branch2 = createReadableStream(nonOpStart, pullAlgorithm, cancel2);
  reader[kState].close.promise.then(undefined, (error) => {
    readableStreamDefaultControllerError(branch1[kState].controller, error);
    readableStreamDefaultControllerError(branch2[kState].controller, error);
    if (!state.canceled1 || !state.canceled2) cancelled.resolve();
  });
  return [branch1, branch2];
}

function readableByteStreamTee(stream) {
  let reader = new ReadableStreamDefaultReader(stream);
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let branch1;
  let branch2;
  const { state, cancelled, cancel1, cancel2 } = createCancelState(stream);
  const controllerOf = (branch) => branch[kState].controller;

  function forwardReaderError(thisReader) {
    thisReader[kState].close.promise.then(undefined, (error) => {
      if (thisReader !== reader) return;
      bytes.readableByteStreamControllerError(controllerOf(branch1), error);
      bytes.readableByteStreamControllerError(controllerOf(branch2), error);
      if (!state.canceled1 || !state.canceled2) cancelled.resolve();
    });
  }

  function errorBoth(error) {
    bytes.readableByteStreamControllerError(controllerOf(branch1), error);
    bytes.readableByteStreamControllerError(controllerOf(branch2), error);
    cancelled.resolve(readableStreamCancel(stream, error));
  }

  function readAgain() {
    reading = false;
    if (readAgainForBranch1) pull1Algorithm();
    else if (readAgainForBranch2) pull2Algorithm();
  }

  function pullWithDefaultReader() {
    if (reader[kType] === 'ReadableStreamBYOBReader') {
      ops.readableStreamBYOBReaderRelease(reader);
      reader = new ReadableStreamDefaultReader(stream);
      forwardReaderError(reader);
    }
    readableStreamDefaultReaderRead(reader, {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          let chunk2 = chunk;
          if (!state.canceled1 && !state.canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (error) {
              errorBoth(error);
              return;
            }
          }
          if (!state.canceled1) bytes.readableByteStreamControllerEnqueue(controllerOf(branch1), chunk);
          if (!state.canceled2) bytes.readableByteStreamControllerEnqueue(controllerOf(branch2), chunk2);
          readAgain();
        });
      },
      close() {
        reading = false;
        if (!state.canceled1) bytes.readableByteStreamControllerClose(controllerOf(branch1));
        if (!state.canceled2) bytes.readableByteStreamControllerClose(controllerOf(branch2));
        for (const branch of [branch1, branch2]) {
          if (controllerOf(branch)[kState].pendingPullIntos.length > 0) {
            bytes.readableByteStreamControllerRespond(controllerOf(branch), 0);
          }
        }
        if (!state.canceled1 || !state.canceled2) cancelled.resolve();
      },
      error() {
        reading = false;
      },
    });
  }

  function pullWithBYOBReader(view, forBranch2) {
    if (reader[kType] === 'ReadableStreamDefaultReader') {
      ops.readableStreamDefaultReaderRelease(reader);
      reader = new ReadableStreamBYOBReader(stream);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    const byobCanceled = () => (forBranch2 ? state.canceled2 : state.canceled1);
    const otherCanceled = () => (forBranch2 ? state.canceled1 : state.canceled2);
    const readIntoRequest = {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          if (!otherCanceled()) {
            let cloned;
            try {
              cloned = cloneAsUint8Array(chunk);
            } catch (error) {
              errorBoth(error);
              return;
            }
            if (!byobCanceled()) {
              bytes.readableByteStreamControllerRespondWithNewView(controllerOf(byobBranch), chunk);
            }
            bytes.readableByteStreamControllerEnqueue(controllerOf(otherBranch), cloned);
          } else if (!byobCanceled()) {
            bytes.readableByteStreamControllerRespondWithNewView(controllerOf(byobBranch), chunk);
          }
          readAgain();
        });
      },
      close(chunk) {
        reading = false;
        if (!byobCanceled()) bytes.readableByteStreamControllerClose(controllerOf(byobBranch));
        if (!otherCanceled()) bytes.readableByteStreamControllerClose(controllerOf(otherBranch));
        if (chunk !== undefined) {
          if (!byobCanceled()) {
            bytes.readableByteStreamControllerRespondWithNewView(controllerOf(byobBranch), chunk);
          }
          if (!otherCanceled() && controllerOf(otherBranch)[kState].pendingPullIntos.length > 0) {
            bytes.readableByteStreamControllerRespond(controllerOf(otherBranch), 0);
          }
        }
        if (!byobCanceled() || !otherCanceled()) cancelled.resolve();
      },
      error() {
        reading = false;
      },
    };
    stream[kState].disturbed = true;
    if (stream[kState].state === 'errored') {
      readIntoRequest.error(stream[kState].storedError);
    } else {
      bytes.readableByteStreamControllerPullInto(stream[kState].controller, view, 1,
                                                 readIntoRequest);
    }
  }

  function pullBranch(branch, forBranch2) {
    if (reading) {
      if (forBranch2) readAgainForBranch2 = true;
      else readAgainForBranch1 = true;
      return Promise.resolve();
    }
    reading = true;
    const byobRequest = controllerOf(branch).byobRequest;
    if (byobRequest === null) pullWithDefaultReader();
    else pullWithBYOBReader(byobRequest[kState].view, forBranch2);
    return Promise.resolve();
  }
  function pull1Algorithm() { return pullBranch(branch1, false); }
  function pull2Algorithm() { return pullBranch(branch2, true); }

  branch1 = createReadableByteStream(nonOpStart, pull1Algorithm, cancel1);
  branch2 = createReadableByteStream(nonOpStart, pull2Algorithm, cancel2);
  forwardReaderError(reader);
  return [branch1, branch2];
}

module.exports = { readableStreamPipeTo, readableStreamTee };
