'use strict';

// addAbortSignal(signal, stream): destroys the stream with an AbortError
// when the signal aborts.

const { AbortError, codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { isNodeStream, isWebStream } = require('internal/streams/utils');
const eos = require('internal/streams/end-of-stream');

function validateSignal(signal, name) {
  if (typeof signal !== 'object' || signal === null || !('aborted' in signal))
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
}

function addAbortSignal(signal, stream) {
  validateSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream))
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  return addAbortSignalNoValidate(signal, stream);
}

function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || signal === null || !('aborted' in signal)) return stream;
  // A web stream is errored through its controller.
  const kControllerErrorFunction = Symbol.for('nodejs.webstream.controllerErrorFunction');
  const onAbort = isNodeStream(stream) ? () => {
    stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  } : () => {
    stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason }));
  };
  if (signal.aborted) {
    onAbort();
  } else {
    const stop = eos.onAbortSignal(signal, onAbort);
    eos(stream, stop);
  }
  return stream;
}

module.exports = { addAbortSignal, addAbortSignalNoValidate };
