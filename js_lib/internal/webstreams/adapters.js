'use strict';
// Conversions between Node streams and web streams: Readable.toWeb/fromWeb,
// Writable.toWeb/fromWeb, Duplex.toWeb/fromWeb. Backpressure carries over:
// a web source is read only when the Node side asks (_read), a Node source
// is paused while the web queue is full.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_STREAM_PREMATURE_CLOSE },
} = require('internal/errors');
const { validateBoolean, validateObject } = require('internal/validators');
const {
  isDestroyed, isReadable, isWritable, isWritableEnded,
} = require('internal/streams/utils');
const { destroyer: destroy } = require('internal/streams/destroy');
const finished = require('internal/streams/end-of-stream');
const { createDeferredPromise } = require('internal/webstreams/util');
const { ReadableStream, isReadableStream } = require('internal/webstreams/readablestream');
const { WritableStream, isWritableStream } = require('internal/webstreams/writablestream');
const {
  ByteLengthQueuingStrategy, CountQueuingStrategy,
} = require('internal/webstreams/queuingstrategies');

const kEmptyObject = Object.freeze({ __proto__: null });

// A premature close reads as an abort on the web side.
function webError(error) {
  if (error?.code === 'ERR_STREAM_PREMATURE_CLOSE') return new AbortError(undefined, { cause: error });
  return error;
}

function newWritableStreamFromStreamWritable(streamWritable) {
  if (!(streamWritable && typeof streamWritable.write === 'function' &&
        typeof streamWritable.on === 'function')) {
    throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
  }
  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }
  const highWaterMark = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ?
    new CountQueuingStrategy({ highWaterMark }) : { highWaterMark };
  let controller;
  let backpressure;
  let closed;

  const cleanup = finished(streamWritable, (error) => {
    error = webError(error);
    cleanup();
    streamWritable.on('error', () => {});
    if (error != null) {
      backpressure?.reject(error);
      if (closed !== undefined) {
        closed.reject(error);
        closed = undefined;
      }
      controller.error(error);
      controller = undefined;
      return;
    }
    if (closed !== undefined) {
      closed.resolve();
      closed = undefined;
      return;
    }
    controller.error(new AbortError());
    controller = undefined;
  });
  streamWritable.on('drain', () => backpressure?.resolve());

  return new WritableStream({
    start(c) { controller = c; },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        backpressure = createDeferredPromise();
        return backpressure.promise.finally(() => { backpressure = undefined; });
      }
    },
    abort(reason) {
      destroy(streamWritable, reason);
    },
    close() {
      if (closed === undefined && !isWritableEnded(streamWritable)) {
        closed = createDeferredPromise();
        streamWritable.end();
        return closed.promise;
      }
      controller = undefined;
      return Promise.resolve();
    },
  }, strategy);
}

function newReadableStreamFromStreamReadable(streamReadable, options = kEmptyObject) {
  if (typeof streamReadable?._readableState !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
  }
  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }
  const objectMode = streamReadable.readableObjectMode;
  const highWaterMark = streamReadable.readableHighWaterMark;
  const strategy = options?.strategy || (objectMode ?
    new CountQueuingStrategy({ highWaterMark }) :
    new ByteLengthQueuingStrategy({ highWaterMark }));
  let controller;
  let wasCanceled = false;

  function onData(chunk) {
    // Bytes go out as plain Uint8Arrays.
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }

  streamReadable.pause();
  const cleanup = finished(streamReadable, (error) => {
    error = webError(error);
    cleanup();
    streamReadable.on('error', () => {});
    if (error) return controller.error(error);
    if (wasCanceled) return;
    controller.close();
  });
  streamReadable.on('data', onData);

  return new ReadableStream({
    start(c) { controller = c; },
    pull() { streamReadable.resume(); },
    cancel(reason) {
      wasCanceled = true;
      destroy(streamReadable, reason);
    },
  }, strategy);
}

// Strings become UTF-8 (or `encoding`) bytes unless decodeStrings is off.
function toBytes(chunk, encoding, decodeStrings, objectMode) {
  if (typeof chunk !== 'string' || !decodeStrings || objectMode) return chunk;
  const buf = Buffer.from(chunk, encoding);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

// The write/writev/final/destroy methods of a Node writable side that
// writes into `writer`; `stream()` is the Node stream, `isClosed()` tells
// whether the web side has closed.
function writerMethods(writer, stream, isClosed, decodeStrings, objectMode) {
  const callbackDone = (callback) => (error) => {
    try {
      callback(error);
    } catch (err) {
      process.nextTick(() => destroy(stream(), err));
    }
  };
  return {
    writev(chunks, callback) {
      const done = (errors) => {
        errors = errors.filter((e) => e);
        callbackDone(callback)(errors.length === 0 ? undefined : errors);
      };
      writer.ready.then(() => Promise.all(chunks.map((data) => writer.write(data.chunk)))
        .then(done, done), done);
    },
    write(chunk, encoding, callback) {
      chunk = toBytes(chunk, encoding, decodeStrings, objectMode);
      const done = (error) => {
        try {
          callback(error);
        } catch (err) {
          destroy(stream(), err);
        }
      };
      writer.ready.then(() => writer.write(chunk).then(done, done), done);
    },
    final(callback) {
      const done = callbackDone(callback);
      if (!isClosed()) writer.close().then(done, done);
    },
  };
}

// Calls callback(error) from a _destroy, rethrowing its errors later.
function destroyDone(callback, error) {
  return () => {
    try {
      callback(error);
    } catch (err) {
      process.nextTick(() => { throw err; });
    }
  };
}

function newStreamWritableFromWritableStream(writableStream, options = kEmptyObject) {
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');
  validateBoolean(decodeStrings, 'options.decodeStrings');
  const Writable = require('internal/streams/writable');
  const writer = writableStream.getWriter();
  let closed = false;
  const writable = new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    ...writerMethods(writer, () => writable, () => closed, decodeStrings, objectMode),
    destroy(error, callback) {
      const done = destroyDone(callback, error);
      if (closed) return done();
      (error != null ? writer.abort(error) : writer.close()).then(done, done);
    },
  });
  writer.closed.then(() => {
    closed = true;
    if (!isWritableEnded(writable)) destroy(writable, new ERR_STREAM_PREMATURE_CLOSE());
  }, (error) => {
    closed = true;
    destroy(writable, error);
  });
  return writable;
}

function validateEncoding(encoding) {
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE(encoding, 'options.encoding');
  }
}

// The _read of a Node readable side reading from `reader`.
function readFrom(reader, stream) {
  return function read() {
    reader.read().then((chunk) => {
      if (chunk.done) stream().push(null);
      else stream().push(chunk.value);
    }, (error) => destroy(stream(), error));
  };
}

function newStreamReadableFromReadableStream(readableStream, options = kEmptyObject) {
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  validateObject(options, 'options');
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  validateEncoding(encoding);
  validateBoolean(objectMode, 'options.objectMode');
  const Readable = require('internal/streams/readable');
  const reader = readableStream.getReader();
  let closed = false;
  const readable = new Readable({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read: readFrom(reader, () => readable),
    destroy(error, callback) {
      const done = destroyDone(callback, error);
      if (closed) return done();
      reader.cancel(error).then(done, done);
    },
  });
  reader.closed.then(() => { closed = true; }, (error) => {
    closed = true;
    destroy(readable, error);
  });
  return readable;
}

function newReadableWritablePairFromDuplex(duplex) {
  if (typeof duplex?._writableState !== 'object' || typeof duplex?._readableState !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
  }
  if (isDestroyed(duplex)) {
    const writable = new WritableStream();
    const readable = new ReadableStream();
    writable.close();
    readable.cancel();
    return { readable, writable };
  }
  const writable = isWritable(duplex) ?
    newWritableStreamFromStreamWritable(duplex) : new WritableStream();
  if (!isWritable(duplex)) writable.close();
  const readable = isReadable(duplex) ?
    newReadableStreamFromStreamReadable(duplex) : new ReadableStream();
  if (!isReadable(duplex)) readable.cancel();
  return { writable, readable };
}

function newStreamDuplexFromReadableWritablePair(pair = kEmptyObject, options = kEmptyObject) {
  validateObject(pair, 'pair');
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', readableStream);
  }
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', writableStream);
  }
  validateObject(options, 'options');
  const {
    allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark,
    signal,
  } = options;
  validateBoolean(objectMode, 'options.objectMode');
  validateEncoding(encoding);
  const Duplex = require('internal/streams/duplex');
  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;
  const duplex = new Duplex({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    ...writerMethods(writer, () => duplex, () => writableClosed, decodeStrings, objectMode),
    read: readFrom(reader, () => duplex),
    destroy(error, callback) {
      const done = destroyDone(callback, error);
      if (writableClosed && readableClosed) return done();
      Promise.all([
        writableClosed ? undefined : writer.abort(error),
        readableClosed ? undefined : reader.cancel(error),
      ]).then(done, done);
    },
  });
  writer.closed.then(() => {
    writableClosed = true;
    if (!isWritableEnded(duplex)) destroy(duplex, new ERR_STREAM_PREMATURE_CLOSE());
  }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  reader.closed.then(() => { readableClosed = true; }, (error) => {
    writableClosed = true;
    readableClosed = true;
    destroy(duplex, error);
  });
  return duplex;
}

module.exports = {
  newReadableStreamFromStreamReadable,
  newReadableWritablePairFromDuplex,
  newStreamDuplexFromReadableWritablePair,
  newStreamReadableFromReadableStream,
  newStreamWritableFromWritableStream,
  newWritableStreamFromStreamWritable,
};
