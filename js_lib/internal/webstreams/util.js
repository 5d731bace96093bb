'use strict';
// Shared pieces of the WHATWG streams (ReadableStream, WritableStream,
// TransformStream): the internal-slot key, brand checks, the queue with
// sizes, strategy extraction, promise helpers and ArrayBuffer transfer.
// Abstract operations keep the spec's names where they follow it.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE, ERR_INVALID_THIS },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');

// Every stream object keeps its slots in this[kState]; this[kType] is its
// brand (the class name).
const kState = Symbol('kState');
const kType = Symbol('kType');
// A deferred settled when the stream closes (resolved) or errors (rejected):
// what stream.finished() waits on for a web stream.
const kIsClosedPromise = Symbol.for('nodejs.webstream.isClosedPromise');
// controller.error bound to the stream's controller: how addAbortSignal()
// errors a web stream.
const kControllerErrorFunction = Symbol.for('nodejs.webstream.controllerErrorFunction');

function isBrandCheck(brand) {
  return (value) => value != null && value[kState] !== undefined && value[kType] === brand;
}

// Throws ERR_INVALID_THIS unless `value` has `brand`.
function checkBrand(value, brand) {
  if (value == null || value[kState] === undefined || value[kType] !== brand) {
    throw new ERR_INVALID_THIS(brand);
  }
}

// The same check for methods returning promises: a rejected promise.
function rejectBrand(value, brand) {
  if (value == null || value[kState] === undefined || value[kType] !== brand) {
    return Promise.reject(new ERR_INVALID_THIS(brand));
  }
  return null;
}

// util.inspect output: `Name { ...data }`.
function customInspect(depth, options, name, data) {
  if (depth < 0) return this;
  const { inspect } = require('internal/util/inspect');
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${inspect(data, opts)}`;
}
const kInspect = Symbol.for('nodejs.util.inspect.custom');

// ---- promises -----------------------------------------------------------------

function createDeferredPromise() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setPromiseHandled(promise) {
  promise.then(() => {}, () => {});
}

// fn(...args) as a promise: a throw becomes a rejection. (An async function,
// so the promise settles on the same microtask turn as node's.)
async function invokePromiseCallback(fn, thisArg, ...args) {
  return fn.call(thisArg, ...args);
}

// An underlying source/sink method as an algorithm returning a promise.
function createPromiseCallback(name, fn, thisArg) {
  validateFunction(fn, name);
  return (...args) => invokePromiseCallback(fn, thisArg, ...args);
}

const nonOpStart = () => {};
const nonOpPull = () => Promise.resolve();
const nonOpCancel = () => Promise.resolve();
const nonOpWrite = () => Promise.resolve();
const nonOpFlush = () => Promise.resolve();

// ---- queue with sizes ---------------------------------------------------------

function dequeueValue(controller) {
  const { value, size } = controller[kState].queue.shift();
  controller[kState].queueTotalSize = Math.max(0, controller[kState].queueTotalSize - size);
  return value;
}

function enqueueValueWithSize(controller, value, size) {
  size = +size;
  if (typeof size !== 'number' || size < 0 || Number.isNaN(size) || size === Infinity) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('size', size);
  }
  controller[kState].queue.push({ value, size });
  controller[kState].queueTotalSize += size;
}

function peekQueueValue(controller) {
  return controller[kState].queue[0].value;
}

function resetQueue(controller) {
  controller[kState].queue = [];
  controller[kState].queueTotalSize = 0;
}

// ---- strategies ---------------------------------------------------------------

function extractHighWaterMark(value, defaultHWM) {
  if (value === undefined) return defaultHWM;
  value = +value;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', value);
  }
  return value;
}

function extractSizeAlgorithm(size) {
  if (size === undefined) return () => 1;
  validateFunction(size, 'strategy.size');
  return size;
}

// ---- buffers ------------------------------------------------------------------

function isArrayBufferDetached(buffer) {
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer);  // eslint-disable-line no-new
    return false;
  } catch {
    return true;
  }
}

function isViewedArrayBufferDetached(view) {
  return view.byteLength === 0 && isArrayBufferDetached(view.buffer);
}

// A new ArrayBuffer with `buffer`'s bytes; `buffer` is detached.
function transferArrayBuffer(buffer) {
  if (isArrayBufferDetached(buffer)) {
    throw new ERR_INVALID_STATE.TypeError('Viewed ArrayBuffer is detached');
  }
  return binding('serdes').structuredClone(buffer, [buffer], (message) => new TypeError(message));
}

function canTransferArrayBuffer(buffer) {
  return !isArrayBufferDetached(buffer);
}

function copyDataBlockBytes(dest, destOffset, src, srcOffset, length) {
  new Uint8Array(dest, destOffset, length).set(new Uint8Array(src, srcOffset, length));
}

function cloneAsUint8Array(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

module.exports = {
  canTransferArrayBuffer,
  checkBrand,
  cloneAsUint8Array,
  copyDataBlockBytes,
  createDeferredPromise,
  createPromiseCallback,
  customInspect,
  dequeueValue,
  enqueueValueWithSize,
  extractHighWaterMark,
  extractSizeAlgorithm,
  invokePromiseCallback,
  isArrayBufferDetached,
  isBrandCheck,
  isViewedArrayBufferDetached,
  kControllerErrorFunction,
  kInspect,
  kIsClosedPromise,
  kState,
  kType,
  nonOpCancel,
  nonOpFlush,
  nonOpPull,
  nonOpStart,
  nonOpWrite,
  peekQueueValue,
  rejectBrand,
  resetQueue,
  setPromiseHandled,
  transferArrayBuffer,
};
