'use strict';
// TransformStream and TransformStreamDefaultController (WHATWG streams): a
// writable side whose chunks the transformer turns into chunks of the
// readable side, with backpressure from the readable side.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const {
  kValidateObjectAllowObjects, kValidateObjectAllowObjectsAndNull, validateObject,
} = require('internal/validators');
const {
  checkBrand, createDeferredPromise, createPromiseCallback, customInspect,
  extractHighWaterMark, extractSizeAlgorithm, kInspect, kState, kType, nonOpCancel,
  nonOpFlush,
} = require('internal/webstreams/util');
const {
  readableStreamDefaultControllerCanCloseOrEnqueue, readableStreamDefaultControllerClose,
  readableStreamDefaultControllerEnqueue, readableStreamDefaultControllerError,
  readableStreamDefaultControllerGetDesiredSize, readableStreamDefaultControllerHasBackpressure,
} = require('internal/webstreams/readable_ops');
const { createReadableStream } = require('internal/webstreams/readablestream');
const { createWritableStream } = require('internal/webstreams/writablestream');
const { writableStreamDefaultControllerErrorIfNeeded } = require('internal/webstreams/writable_ops');

const kEmptyObject = Object.freeze({ __proto__: null });
const kSkipThrow = Symbol('kSkipThrow');

class TransformStream {
  constructor(transformer = kEmptyObject, writableStrategy = kEmptyObject,
              readableStrategy = kEmptyObject) {
    validateObject(transformer, 'transformer', kValidateObjectAllowObjects);
    validateObject(writableStrategy, 'writableStrategy', kValidateObjectAllowObjectsAndNull);
    validateObject(readableStrategy, 'readableStrategy', kValidateObjectAllowObjectsAndNull);
    const readableType = transformer?.readableType;
    const writableType = transformer?.writableType;
    const start = transformer?.start;
    if (readableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.readableType', readableType);
    }
    if (writableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.writableType', writableType);
    }
    const readableHighWaterMark = readableStrategy?.highWaterMark;
    const readableSize = readableStrategy?.size;
    const writableHighWaterMark = writableStrategy?.highWaterMark;
    const writableSize = writableStrategy?.size;
    const readableHWM = extractHighWaterMark(readableHighWaterMark, 0);
    const readableSizeAlgorithm = extractSizeAlgorithm(readableSize);
    const writableHWM = extractHighWaterMark(writableHighWaterMark, 1);
    const writableSizeAlgorithm = extractSizeAlgorithm(writableSize);
    this[kType] = 'TransformStream';
    const startPromise = createDeferredPromise();
    initializeTransformStream(this, startPromise, writableHWM, writableSizeAlgorithm,
                              readableHWM, readableSizeAlgorithm);
    setupControllerFromTransformer(this, transformer);
    if (start !== undefined) startPromise.resolve(start.call(transformer, this[kState].controller));
    else startPromise.resolve();
  }

  get readable() {
    checkBrand(this, 'TransformStream');
    return this[kState].readable;
  }

  get writable() {
    checkBrand(this, 'TransformStream');
    return this[kState].writable;
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      readable: this.readable, writable: this.writable, backpressure: this[kState].backpressure,
    });
  }
}

class TransformStreamDefaultController {
  constructor(skipThrowSymbol = undefined) {
    if (skipThrowSymbol !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kType] = 'TransformStreamDefaultController';
  }

  get desiredSize() {
    checkBrand(this, 'TransformStreamDefaultController');
    const { readable } = this[kState].stream[kState];
    return readableStreamDefaultControllerGetDesiredSize(readable[kState].controller);
  }

  enqueue(chunk = undefined) {
    checkBrand(this, 'TransformStreamDefaultController');
    transformStreamDefaultControllerEnqueue(this, chunk);
  }

  error(reason = undefined) {
    checkBrand(this, 'TransformStreamDefaultController');
    transformStreamError(this[kState].stream, reason);
  }

  terminate() {
    checkBrand(this, 'TransformStreamDefaultController');
    const { stream } = this[kState];
    readableStreamDefaultControllerClose(stream[kState].readable[kState].controller);
    errorWritableAndUnblockWrite(
      stream, new ERR_INVALID_STATE.TypeError('TransformStream has been terminated'));
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], { stream: this[kState].stream });
  }
}

for (const cls of [TransformStream, TransformStreamDefaultController]) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, {
    __proto__: null, value: cls.name, configurable: true,
  });
}

function initializeTransformStream(stream, startPromise, writableHWM, writableSizeAlgorithm,
                                   readableHWM, readableSizeAlgorithm) {
  const startAlgorithm = () => startPromise.promise;
  const writable = createWritableStream(
    startAlgorithm,
    (chunk) => sinkWriteAlgorithm(stream, chunk),
    () => sinkCloseAlgorithm(stream),
    (reason) => sinkAbortAlgorithm(stream, reason),
    writableHWM, writableSizeAlgorithm);
  const readable = createReadableStream(
    startAlgorithm,
    () => sourcePullAlgorithm(stream),
    (reason) => sourceCancelAlgorithm(stream, reason),
    readableHWM, readableSizeAlgorithm);
  stream[kState] = {
    readable,
    writable,
    controller: undefined,
    backpressure: undefined,
    backpressureChange: { promise: undefined, resolve: undefined, reject: undefined },
  };
  setBackpressure(stream, true);
}

function transformStreamError(stream, error) {
  readableStreamDefaultControllerError(stream[kState].readable[kState].controller, error);
  errorWritableAndUnblockWrite(stream, error);
}

function errorWritableAndUnblockWrite(stream, error) {
  const { controller, writable } = stream[kState];
  clearAlgorithms(controller);
  writableStreamDefaultControllerErrorIfNeeded(writable[kState].controller, error);
  unblockWrite(stream);
}

function unblockWrite(stream) {
  if (stream[kState].backpressure) setBackpressure(stream, false);
}

function setBackpressure(stream, backpressure) {
  if (stream[kState].backpressureChange.promise !== undefined) {
    stream[kState].backpressureChange.resolve();
  }
  stream[kState].backpressureChange = createDeferredPromise();
  stream[kState].backpressure = backpressure;
}

function defaultTransformAlgorithm(chunk, controller) {
  transformStreamDefaultControllerEnqueue(controller, chunk);
  return Promise.resolve();
}

function setupControllerFromTransformer(stream, transformer) {
  const controller = new TransformStreamDefaultController(kSkipThrow);
  const transform = transformer?.transform;
  const flush = transformer?.flush;
  const cancel = transformer?.cancel;
  controller[kState] = {
    stream,
    transformAlgorithm: transform ?
      createPromiseCallback('transformer.transform', transform, transformer) :
      defaultTransformAlgorithm,
    flushAlgorithm: flush ?
      createPromiseCallback('transformer.flush', flush, transformer) : nonOpFlush,
    cancelAlgorithm: cancel ?
      createPromiseCallback('transformer.cancel', cancel, transformer) : nonOpCancel,
    finishPromise: undefined,
  };
  stream[kState].controller = controller;
}

function clearAlgorithms(controller) {
  controller[kState].transformAlgorithm = undefined;
  controller[kState].flushAlgorithm = undefined;
  controller[kState].cancelAlgorithm = undefined;
}

function transformStreamDefaultControllerEnqueue(controller, chunk) {
  const { stream } = controller[kState];
  const { readable } = stream[kState];
  const readableController = readable[kState].controller;
  if (!readableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
    throw new ERR_INVALID_STATE.TypeError('Unable to enqueue');
  }
  try {
    readableStreamDefaultControllerEnqueue(readableController, chunk);
  } catch (error) {
    errorWritableAndUnblockWrite(stream, error);
    throw readable[kState].storedError;
  }
  const backpressure = readableStreamDefaultControllerHasBackpressure(readableController);
  if (backpressure !== stream[kState].backpressure) setBackpressure(stream, true);
}

async function performTransform(controller, chunk) {
  try {
    return await controller[kState].transformAlgorithm(chunk, controller);
  } catch (error) {
    transformStreamError(controller[kState].stream, error);
    throw error;
  }
}

function sinkWriteAlgorithm(stream, chunk) {
  const { controller } = stream[kState];
  if (stream[kState].backpressure) {
    return stream[kState].backpressureChange.promise.then(() => {
      const { writable } = stream[kState];
      if (writable[kState].state === 'erroring') throw writable[kState].storedError;
      return performTransform(controller, chunk);
    });
  }
  return performTransform(controller, chunk);
}

// Runs the cancel or flush algorithm once; later calls get the same promise.
function finishOnce(stream, run, onDone) {
  const { controller } = stream[kState];
  if (controller[kState].finishPromise !== undefined) return controller[kState].finishPromise;
  const { promise, resolve, reject } = createDeferredPromise();
  controller[kState].finishPromise = promise;
  const result = run(controller);
  clearAlgorithms(controller);
  result.then(() => onDone(resolve, reject), (error) => onDone(resolve, reject, error, true));
  return promise;
}

function sinkAbortAlgorithm(stream, reason) {
  const { readable } = stream[kState];
  return finishOnce(stream, (c) => c[kState].cancelAlgorithm(reason),
                    (resolve, reject, error, failed) => {
                      if (failed) {
                        readableStreamDefaultControllerError(readable[kState].controller, error);
                        reject(error);
                      } else if (readable[kState].state === 'errored') {
                        reject(readable[kState].storedError);
                      } else {
                        readableStreamDefaultControllerError(readable[kState].controller, reason);
                        resolve();
                      }
                    });
}

function sinkCloseAlgorithm(stream) {
  const { readable } = stream[kState];
  return finishOnce(stream, (c) => c[kState].flushAlgorithm(c),
                    (resolve, reject, error, failed) => {
                      if (failed) {
                        readableStreamDefaultControllerError(readable[kState].controller, error);
                        reject(error);
                      } else if (readable[kState].state === 'errored') {
                        reject(readable[kState].storedError);
                      } else {
                        readableStreamDefaultControllerClose(readable[kState].controller);
                        resolve();
                      }
                    });
}

function sourcePullAlgorithm(stream) {
  setBackpressure(stream, false);
  return stream[kState].backpressureChange.promise;
}

function sourceCancelAlgorithm(stream, reason) {
  const { writable } = stream[kState];
  return finishOnce(stream, (c) => c[kState].cancelAlgorithm(reason),
                    (resolve, reject, error, failed) => {
                      const writableController = writable[kState].controller;
                      if (failed) {
                        writableStreamDefaultControllerErrorIfNeeded(writableController, error);
                        unblockWrite(stream);
                        reject(error);
                      } else if (writable[kState].state === 'errored') {
                        reject(writable[kState].storedError);
                      } else {
                        writableStreamDefaultControllerErrorIfNeeded(writableController, reason);
                        unblockWrite(stream);
                        resolve();
                      }
                    });
}

module.exports = { TransformStream, TransformStreamDefaultController };
