'use strict';
// Readable byte stream abstract operations (streams spec, "Readable byte
// stream controller abstract operations"): the queue of byte chunks, the
// pending pull-into descriptors of BYOB reads, and responses to BYOB
// requests. Buffers are transferred (the caller's copy is detached) as the
// spec requires. The classes are in readable_byte_controller.js.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const { isDataView } = require('internal/util/types');
const {
  copyDataBlockBytes, isArrayBufferDetached, kState, resetQueue, transferArrayBuffer,
} = require('internal/webstreams/util');
const {
  readableStreamAddReadIntoRequest, readableStreamClose, readableStreamError,
  readableStreamFulfillReadIntoRequest, readableStreamFulfillReadRequest,
  readableStreamGetNumReadIntoRequests, readableStreamGetNumReadRequests,
  readableStreamHasBYOBReader, readableStreamHasDefaultReader,
} = require('internal/webstreams/readable_ops');

function readableByteStreamControllerClose(controller) {
  const { closeRequested, pendingPullIntos, queueTotalSize, stream } = controller[kState];
  if (closeRequested || stream[kState].state !== 'readable') return;
  if (queueTotalSize) {
    controller[kState].closeRequested = true;
    return;
  }
  if (pendingPullIntos.length) {
    const first = pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const error = new ERR_INVALID_STATE.TypeError('Partial read');
      readableByteStreamControllerError(controller, error);
      throw error;
    }
  }
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamClose(stream);
}

function commitPullIntoDescriptor(stream, desc) {
  const done = stream[kState].state === 'closed';
  const filledView = convertPullIntoDescriptor(desc);
  if (desc.type === 'default') readableStreamFulfillReadRequest(stream, filledView, done);
  else readableStreamFulfillReadIntoRequest(stream, filledView, done);
}

function convertPullIntoDescriptor(desc) {
  const { buffer, bytesFilled, byteLength, byteOffset, ctor, elementSize } = desc;
  if (bytesFilled > byteLength) {
    throw new ERR_INVALID_STATE.RangeError('The buffer size is invalid');
  }
  const transferred = transferArrayBuffer(buffer);
  if (typeof Buffer === 'function' && ctor === Buffer) {
    return Buffer.from(transferred, byteOffset, bytesFilled / elementSize);
  }
  return new ctor(transferred, byteOffset, bytesFilled / elementSize);
}

function invalidateBYOBRequest(controller) {
  const { byobRequest } = controller[kState];
  if (byobRequest === null) return;
  byobRequest[kState].controller = undefined;
  byobRequest[kState].view = null;
  controller[kState].byobRequest = null;
}

function readableByteStreamControllerClearAlgorithms(controller) {
  controller[kState].pullAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function readableByteStreamControllerClearPendingPullIntos(controller) {
  invalidateBYOBRequest(controller);
  controller[kState].pendingPullIntos = [];
}

function readableByteStreamControllerGetDesiredSize(controller) {
  const { stream, highWaterMark, queueTotalSize } = controller[kState];
  switch (stream[kState].state) {
    case 'errored': return null;
    case 'closed': return 0;
    default: return highWaterMark - queueTotalSize;
  }
}

function shouldCallPull(controller) {
  const { stream } = controller[kState];
  if (stream[kState].state !== 'readable' || controller[kState].closeRequested ||
      !controller[kState].started) {
    return false;
  }
  if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) {
    return true;
  }
  if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) {
    return true;
  }
  return readableByteStreamControllerGetDesiredSize(controller) > 0;
}

function handleQueueDrain(controller) {
  const { closeRequested, queueTotalSize, stream } = controller[kState];
  if (!queueTotalSize && closeRequested) {
    readableByteStreamControllerClearAlgorithms(controller);
    readableStreamClose(stream);
    return;
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

// A BYOB reader's read(view, { min }).
function readableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
  const { closeRequested, stream, pendingPullIntos } = controller[kState];
  let elementSize = 1;
  let ctor = DataView;
  if (!isDataView(view)) {
    elementSize = view.constructor.BYTES_PER_ELEMENT;
    ctor = view.constructor;
  }
  const { byteOffset, byteLength } = view;
  const bufferByteLength = view.buffer.byteLength;
  let buffer;
  try {
    buffer = transferArrayBuffer(view.buffer);
  } catch (error) {
    readIntoRequest.error(error);
    return;
  }
  const desc = {
    buffer, bufferByteLength, byteOffset, byteLength, bytesFilled: 0,
    minimumFill: min * elementSize, elementSize, ctor, type: 'byob',
  };
  if (pendingPullIntos.length) {
    pendingPullIntos.push(desc);
    readableStreamAddReadIntoRequest(stream, readIntoRequest);
    return;
  }
  if (stream[kState].state === 'closed') {
    readIntoRequest.close(new ctor(desc.buffer, byteOffset, 0));
    return;
  }
  if (controller[kState].queueTotalSize) {
    if (fillPullIntoDescriptorFromQueue(controller, desc)) {
      const filledView = convertPullIntoDescriptor(desc);
      handleQueueDrain(controller);
      readIntoRequest.chunk(filledView);
      return;
    }
    if (closeRequested) {
      const error = new ERR_INVALID_STATE.TypeError('ReadableStream closed');
      readableByteStreamControllerError(controller, error);
      readIntoRequest.error(error);
      return;
    }
  }
  pendingPullIntos.push(desc);
  readableStreamAddReadIntoRequest(stream, readIntoRequest);
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function respondInternal(controller, bytesWritten) {
  const { stream, pendingPullIntos } = controller[kState];
  const desc = pendingPullIntos[0];
  invalidateBYOBRequest(controller);
  if (stream[kState].state === 'closed') {
    if (bytesWritten) {
      throw new ERR_INVALID_STATE.TypeError('Controller is closed but view is not zero-length');
    }
    respondInClosedState(controller, desc);
  } else {
    if (!bytesWritten) throw new ERR_INVALID_STATE.TypeError('View cannot be zero-length');
    respondInReadableState(controller, bytesWritten, desc);
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function readableByteStreamControllerRespond(controller, bytesWritten) {
  const { pendingPullIntos, stream } = controller[kState];
  const desc = pendingPullIntos[0];
  if (stream[kState].state === 'closed') {
    if (bytesWritten !== 0) throw new ERR_INVALID_ARG_VALUE('bytesWritten', bytesWritten);
  } else {
    if (!bytesWritten) throw new ERR_INVALID_ARG_VALUE('bytesWritten', bytesWritten);
    if (desc.bytesFilled + bytesWritten > desc.byteLength) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    }
  }
  desc.buffer = transferArrayBuffer(desc.buffer);
  respondInternal(controller, bytesWritten);
}

function respondInClosedState(controller, desc) {
  if (desc.type === 'none') shiftPendingPullInto(controller);
  const { stream } = controller[kState];
  if (readableStreamHasBYOBReader(stream)) {
    while (readableStreamGetNumReadIntoRequests(stream) > 0) {
      commitPullIntoDescriptor(stream, shiftPendingPullInto(controller));
    }
  }
}

function respondInReadableState(controller, bytesWritten, desc) {
  if (desc.bytesFilled + bytesWritten > desc.byteLength) {
    throw new ERR_INVALID_STATE.RangeError('The buffer size is invalid');
  }
  desc.bytesFilled += bytesWritten;
  if (desc.type === 'none') {
    enqueueDetachedPullIntoToQueue(controller, desc);
    processPullIntoDescriptorsUsingQueue(controller);
    return;
  }
  if (desc.bytesFilled < desc.minimumFill) return;
  shiftPendingPullInto(controller);
  // Bytes past the last whole element go back to the queue.
  const remainderSize = desc.bytesFilled % desc.elementSize;
  if (remainderSize) {
    const end = desc.byteOffset + desc.bytesFilled;
    const remainder = desc.buffer.slice(end - remainderSize, end);
    enqueueChunkToQueue(controller, remainder, 0, remainder.byteLength);
  }
  desc.bytesFilled -= remainderSize;
  commitPullIntoDescriptor(controller[kState].stream, desc);
  processPullIntoDescriptorsUsingQueue(controller);
}

function readableByteStreamControllerRespondWithNewView(controller, view) {
  const { stream, pendingPullIntos } = controller[kState];
  const desc = pendingPullIntos[0];
  if (stream[kState].state === 'closed') {
    if (view.byteLength !== 0) throw new ERR_INVALID_STATE.TypeError('View is not zero-length');
  } else if (view.byteLength === 0) {
    throw new ERR_INVALID_STATE.TypeError('View is zero-length');
  }
  if (desc.byteOffset + desc.bytesFilled !== view.byteOffset ||
      desc.bytesFilled + view.byteLength > desc.byteLength ||
      desc.bufferByteLength !== view.buffer.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view);
  }
  desc.buffer = transferArrayBuffer(view.buffer);
  respondInternal(controller, view.byteLength);
}

function readableByteStreamControllerEnqueue(controller, chunk) {
  const { closeRequested, pendingPullIntos, stream } = controller[kState];
  const { byteOffset, byteLength } = chunk;
  if (closeRequested || stream[kState].state !== 'readable') return;
  const buffer = transferArrayBuffer(chunk.buffer);
  if (pendingPullIntos.length) {
    const first = pendingPullIntos[0];
    if (isArrayBufferDetached(first.buffer)) {
      throw new ERR_INVALID_STATE.TypeError('Destination ArrayBuffer is detached');
    }
    invalidateBYOBRequest(controller);
    first.buffer = transferArrayBuffer(first.buffer);
    if (first.type === 'none') enqueueDetachedPullIntoToQueue(controller, first);
  }
  if (readableStreamHasDefaultReader(stream)) {
    processReadRequestsUsingQueue(controller);
    if (!readableStreamGetNumReadRequests(stream)) {
      enqueueChunkToQueue(controller, buffer, byteOffset, byteLength);
    } else {
      if (controller[kState].pendingPullIntos.length) shiftPendingPullInto(controller);
      readableStreamFulfillReadRequest(stream, new Uint8Array(buffer, byteOffset, byteLength),
                                       false);
    }
  } else if (readableStreamHasBYOBReader(stream)) {
    enqueueChunkToQueue(controller, buffer, byteOffset, byteLength);
    processPullIntoDescriptorsUsingQueue(controller);
  } else {
    enqueueChunkToQueue(controller, buffer, byteOffset, byteLength);
  }
  readableByteStreamControllerCallPullIfNeeded(controller);
}

function enqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
  controller[kState].queue.push({ buffer, byteOffset, byteLength });
  controller[kState].queueTotalSize += byteLength;
}

function enqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (error) {
    readableByteStreamControllerError(controller, error);
    throw error;
  }
  enqueueChunkToQueue(controller, clone, 0, byteLength);
}

// A pull-into whose reader was released: what it got goes to the queue.
function enqueueDetachedPullIntoToQueue(controller, desc) {
  if (desc.bytesFilled > 0) {
    enqueueClonedChunkToQueue(controller, desc.buffer, desc.byteOffset, desc.bytesFilled);
  }
  shiftPendingPullInto(controller);
}

// Copies queued bytes into desc; true once it holds at least its minimum.
function fillPullIntoDescriptorFromQueue(controller, desc) {
  const { elementSize, minimumFill } = desc;
  const maxBytesToCopy = Math.min(controller[kState].queueTotalSize,
                                  desc.byteLength - desc.bytesFilled);
  const maxBytesFilled = desc.bytesFilled + maxBytesToCopy;
  const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % elementSize);
  let remaining = maxBytesToCopy;
  let ready = false;
  if (maxAlignedBytes >= minimumFill) {
    remaining = maxAlignedBytes - desc.bytesFilled;
    ready = true;
  }
  const { queue } = controller[kState];
  while (remaining) {
    const head = queue[0];
    const bytesToCopy = Math.min(remaining, head.byteLength);
    const destStart = desc.byteOffset + desc.bytesFilled;
    if (desc.buffer.byteLength - destStart < bytesToCopy) {
      throw new ERR_INVALID_STATE.RangeError('view ArrayBuffer size is invalid');
    }
    copyDataBlockBytes(desc.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
    if (head.byteLength === bytesToCopy) {
      queue.shift();
    } else {
      head.byteOffset += bytesToCopy;
      head.byteLength -= bytesToCopy;
    }
    controller[kState].queueTotalSize -= bytesToCopy;
    desc.bytesFilled += bytesToCopy;
    remaining -= bytesToCopy;
  }
  return ready;
}

function fillReadRequestFromQueue(controller, readRequest) {
  const { buffer, byteOffset, byteLength } = controller[kState].queue.shift();
  controller[kState].queueTotalSize -= byteLength;
  handleQueueDrain(controller);
  readRequest.chunk(new Uint8Array(buffer, byteOffset, byteLength));
}

function processReadRequestsUsingQueue(controller) {
  const { stream } = controller[kState];
  const { readRequests } = stream[kState].reader[kState];
  while (readRequests.length) {
    if (controller[kState].queueTotalSize === 0) return;
    fillReadRequestFromQueue(controller, readRequests.shift());
  }
}

function processPullIntoDescriptorsUsingQueue(controller) {
  const { pendingPullIntos, stream } = controller[kState];
  while (pendingPullIntos.length) {
    if (!controller[kState].queueTotalSize) return;
    const desc = pendingPullIntos[0];
    if (fillPullIntoDescriptorFromQueue(controller, desc)) {
      shiftPendingPullInto(controller);
      commitPullIntoDescriptor(stream, desc);
    }
  }
}

function shiftPendingPullInto(controller) {
  return controller[kState].pendingPullIntos.shift();
}

function readableByteStreamControllerCallPullIfNeeded(controller) {
  if (!shouldCallPull(controller)) return;
  if (controller[kState].pulling) {
    controller[kState].pullAgain = true;
    return;
  }
  controller[kState].pulling = true;
  controller[kState].pullAlgorithm(controller).then(() => {
    controller[kState].pulling = false;
    if (controller[kState].pullAgain) {
      controller[kState].pullAgain = false;
      readableByteStreamControllerCallPullIfNeeded(controller);
    }
  }, (error) => readableByteStreamControllerError(controller, error));
}

function readableByteStreamControllerError(controller, error) {
  const { stream } = controller[kState];
  if (stream[kState].state !== 'readable') return;
  readableByteStreamControllerClearPendingPullIntos(controller);
  resetQueue(controller);
  readableByteStreamControllerClearAlgorithms(controller);
  readableStreamError(stream, error);
}

module.exports = {
  fillReadRequestFromQueue,
  readableByteStreamControllerCallPullIfNeeded,
  readableByteStreamControllerClearAlgorithms,
  readableByteStreamControllerClearPendingPullIntos,
  readableByteStreamControllerClose,
  readableByteStreamControllerEnqueue,
  readableByteStreamControllerError,
  readableByteStreamControllerGetDesiredSize,
  readableByteStreamControllerPullInto,
  readableByteStreamControllerRespond,
  readableByteStreamControllerRespondWithNewView,
};
