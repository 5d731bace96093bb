'use strict';

// Errors that carry no ERR_ code of the table: AbortError, the AggregateError
// helpers, and small utilities.

const {
  codes, hideStackFrames, isErrorStackTraceLimitWritable, kIsNodeError,
} = require('internal/errors/node_error');

// Node's AbortError: a plain Error with code 'ABORT_ERR' (not a DOMException).
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// Both errors, as one AggregateError when both are set and differ.
function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      outerError.errors.push(innerError);  // already an AggregateError
      return outerError;
    }
    let err;
    if (isErrorStackTraceLimitWritable()) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      err = new AggregateError([outerError, innerError], outerError.message);
      Error.stackTraceLimit = limit;
      Error.captureStackTrace(err, aggregateTwoErrors);
    } else {
      err = new AggregateError([outerError, innerError], outerError.message);
    }
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

class NodeAggregateError extends AggregateError {
  constructor(errors, message) {
    super(errors, message);
    this.code = errors[0]?.code;
  }

  get [kIsNodeError]() {
    return true;
  }

  get ['constructor']() {
    return AggregateError;
  }
}

// new Error(message) with extra own properties, stack starting at the caller.
const genericNodeError = hideStackFrames(function genericNodeError(message, props) {
  const err = new Error(message);  // eslint-disable-line no-restricted-syntax
  Object.assign(err, props);
  return err;
});

let maxStackName;
let maxStackMessage;
// True for V8's "Maximum call stack size exceeded" RangeError.
function isStackOverflowError(err) {
  if (maxStackMessage === undefined) {
    try {
      function overflowStack() { overflowStack(); }
      overflowStack();
    } catch (e) {
      maxStackMessage = e.message;
      maxStackName = e.name;
    }
  }
  return err && err.name === maxStackName && err.message === maxStackMessage;
}

module.exports = {
  AbortError,
  NodeAggregateError,
  aggregateTwoErrors,
  genericNodeError,
  isStackOverflowError,
};
