'use strict';

// The public `stream` module: the legacy Stream class, with Readable,
// Writable, Duplex, Transform, PassThrough, pipeline, finished and helpers
// hung off it as in Node.

const { pipeline } = require('internal/streams/pipeline');
const eos = require('internal/streams/end-of-stream');
const { destroyer } = require('internal/streams/destroy');
const { setDefaultHighWaterMark, getDefaultHighWaterMark } = require('internal/streams/state');
const { addAbortSignal } = require('internal/streams/add-abort-signal');
const utils = require('internal/streams/utils');
const chunks = require('internal/streams/chunk');
const promises = require('stream/promises');

const Stream = module.exports = require('internal/streams/legacy').Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');
require('internal/streams/operators').install(Stream.Readable);
Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.duplexPair = require('internal/streams/duplexpair');
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = require('internal/streams/compose');
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

Object.defineProperty(Stream, 'promises', {
  configurable: true,
  enumerable: true,
  get() { return promises; },
});

// util.promisify(pipeline) / util.promisify(finished) give the promise forms.
const customPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(pipeline, customPromisify, {
  enumerable: true,
  get() { return promises.pipeline; },
});
Object.defineProperty(eos, customPromisify, {
  enumerable: true,
  get() { return promises.finished; },
});

Stream.Stream = Stream;

Stream._isArrayBufferView = chunks.isArrayBufferView;
Stream._isUint8Array = chunks.isUint8Array;
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  return chunks.fromView(chunk);
};
