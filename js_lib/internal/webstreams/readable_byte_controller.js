'use strict';
// ReadableByteStreamController and ReadableStreamBYOBRequest (readable byte
// streams) and their setup; the abstract operations are in readable_bytes.js,
// re-exported here for the readable stream and tee code.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const { isArrayBufferView } = require('internal/util/types');
const {
  checkBrand, createPromiseCallback, customInspect, isArrayBufferDetached,
  isViewedArrayBufferDetached, kControllerErrorFunction, kInspect, kState, kType, nonOpCancel,
  nonOpPull, nonOpStart, resetQueue,
} = require('internal/webstreams/util');
const {
  kCancel, kPull, kRelease, kSkipThrow, readableStreamAddReadRequest,
} = require('internal/webstreams/readable_ops');
const ops = require('internal/webstreams/readable_bytes');
const {
  fillReadRequestFromQueue, readableByteStreamControllerCallPullIfNeeded,
  readableByteStreamControllerClearAlgorithms, readableByteStreamControllerClearPendingPullIntos,
  readableByteStreamControllerClose, readableByteStreamControllerEnqueue,
  readableByteStreamControllerError, readableByteStreamControllerGetDesiredSize,
  readableByteStreamControllerRespond, readableByteStreamControllerRespondWithNewView,
} = ops;

class ReadableStreamBYOBRequest {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kType] = 'ReadableStreamBYOBRequest';
  }

  get view() {
    checkBrand(this, 'ReadableStreamBYOBRequest');
    return this[kState].view;
  }

  respond(bytesWritten) {
    checkBrand(this, 'ReadableStreamBYOBRequest');
    const { view, controller } = this[kState];
    if (controller === undefined) {
      throw new ERR_INVALID_STATE.TypeError('This BYOB request has been invalidated');
    }
    if (isArrayBufferDetached(view.buffer)) {
      throw new ERR_INVALID_STATE.TypeError('Viewed ArrayBuffer is detached');
    }
    readableByteStreamControllerRespond(controller, bytesWritten);
  }

  respondWithNewView(view) {
    checkBrand(this, 'ReadableStreamBYOBRequest');
    const { controller } = this[kState];
    if (controller === undefined) {
      throw new ERR_INVALID_STATE.TypeError('This BYOB request has been invalidated');
    }
    if (!isArrayBufferView(view)) {
      throw new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view);
    }
    if (isViewedArrayBufferDetached(view)) {
      throw new ERR_INVALID_STATE.TypeError('Viewed ArrayBuffer is detached');
    }
    readableByteStreamControllerRespondWithNewView(controller, view);
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      view: this.view, controller: this[kState].controller,
    });
  }
}

class ReadableByteStreamController {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kType] = 'ReadableByteStreamController';
    this[kState] = {};
  }

  get byobRequest() {
    checkBrand(this, 'ReadableByteStreamController');
    const state = this[kState];
    if (state.byobRequest === null && state.pendingPullIntos.length) {
      const { buffer, byteOffset, bytesFilled, byteLength } = state.pendingPullIntos[0];
      const request = new ReadableStreamBYOBRequest(kSkipThrow);
      request[kState] = {
        controller: this,
        view: new Uint8Array(buffer, byteOffset + bytesFilled, byteLength - bytesFilled),
      };
      state.byobRequest = request;
    }
    return state.byobRequest;
  }

  get desiredSize() {
    checkBrand(this, 'ReadableByteStreamController');
    return readableByteStreamControllerGetDesiredSize(this);
  }

  close() {
    checkBrand(this, 'ReadableByteStreamController');
    if (this[kState].closeRequested) {
      throw new ERR_INVALID_STATE.TypeError('Controller is already closed');
    }
    if (this[kState].stream[kState].state !== 'readable') {
      throw new ERR_INVALID_STATE.TypeError('ReadableStream is already closed');
    }
    readableByteStreamControllerClose(this);
  }

  enqueue(chunk) {
    checkBrand(this, 'ReadableByteStreamController');
    if (!isArrayBufferView(chunk)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
    }
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) {
      throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is zero-length or detached');
    }
    if (this[kState].closeRequested) {
      throw new ERR_INVALID_STATE.TypeError('Controller is already closed');
    }
    if (this[kState].stream[kState].state !== 'readable') {
      throw new ERR_INVALID_STATE.TypeError('ReadableStream is already closed');
    }
    readableByteStreamControllerEnqueue(this, chunk);
  }

  error(error = undefined) {
    checkBrand(this, 'ReadableByteStreamController');
    readableByteStreamControllerError(this, error);
  }

  [kCancel](reason) {
    readableByteStreamControllerClearPendingPullIntos(this);
    resetQueue(this);
    const result = this[kState].cancelAlgorithm(reason);
    readableByteStreamControllerClearAlgorithms(this);
    return result;
  }

  // A default reader's read(): from the queue, else an auto-allocated
  // pull-into, else wait for a pull.
  [kPull](readRequest) {
    const state = this[kState];
    const { stream } = state;
    if (state.queueTotalSize) {
      fillReadRequestFromQueue(this, readRequest);
      return;
    }
    if (state.autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(state.autoAllocateChunkSize);
      } catch (error) {
        readRequest.error(error);
        return;
      }
      state.pendingPullIntos.push({
        buffer, bufferByteLength: buffer.byteLength, byteOffset: 0, byteLength: buffer.byteLength,
        bytesFilled: 0, minimumFill: 1, elementSize: 1, ctor: Uint8Array, type: 'default',
      });
    }
    readableStreamAddReadRequest(stream, readRequest);
    readableByteStreamControllerCallPullIfNeeded(this);
  }

  [kRelease]() {
    const { pendingPullIntos } = this[kState];
    if (pendingPullIntos.length > 0) {
      const first = pendingPullIntos[0];
      first.type = 'none';
      this[kState].pendingPullIntos = [first];
    }
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {});
  }
}

function setupReadableByteStreamController(
  stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark,
  autoAllocateChunkSize) {
  Object.assign(controller[kState], {
    byobRequest: null, closeRequested: false, pullAgain: false, pulling: false, started: false,
    stream, queue: [], queueTotalSize: 0, highWaterMark, pullAlgorithm, cancelAlgorithm,
    autoAllocateChunkSize, pendingPullIntos: [],
  });
  stream[kState].controller = controller;
  stream[kControllerErrorFunction] = controller.error.bind(controller);
  const startResult = startAlgorithm();
  new Promise((r) => r(startResult)).then(() => {
    controller[kState].started = true;
    readableByteStreamControllerCallPullIfNeeded(controller);
  }, (error) => readableByteStreamControllerError(controller, error));
}

function setupReadableByteStreamControllerFromSource(stream, source, highWaterMark) {
  const controller = new ReadableByteStreamController(kSkipThrow);
  const start = source?.start;
  const pull = source?.pull;
  const cancel = source?.cancel;
  const autoAllocateChunkSize = source?.autoAllocateChunkSize;
  const startAlgorithm = start ? start.bind(source, controller) : nonOpStart;
  const pullAlgorithm = pull ? createPromiseCallback('source.pull', pull, source) : nonOpPull;
  const cancelAlgorithm = cancel ?
    createPromiseCallback('source.cancel', cancel, source) : nonOpCancel;
  if (autoAllocateChunkSize === 0) {
    throw new ERR_INVALID_ARG_VALUE('source.autoAllocateChunkSize', autoAllocateChunkSize);
  }
  setupReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm,
                                    cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
}

module.exports = {
  ...ops,
  ReadableByteStreamController,
  ReadableStreamBYOBRequest,
  setupReadableByteStreamController,
  setupReadableByteStreamControllerFromSource,
};
