'use strict';
// assert.throws / rejects / doesNotThrow / doesNotReject: running the
// function (or awaiting the promise) and checking what it threw against a
// RegExp, an Error class, a validation function or a validation object.

const {
  codes: {
    ERR_AMBIGUOUS_ARGUMENT,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_RETURN_VALUE,
  },
} = require('internal/errors');
const AssertionError = require('internal/assert/assertion_error');
const { isPromise, isRegExp } = require('internal/util/types');
const { validateFunction } = require('internal/validators');
const { isError } = require('internal/assert/utils');
const { lazyInspect } = require('internal/assert/diff');

// What getActual / waitForActual return when nothing was thrown.
const NO_EXCEPTION = {};

let comparisons;
function isDeepStrictEqual(a, b) {
  comparisons ??= require('internal/util/comparisons');
  return comparisons.isDeepStrictEqual(a, b);
}

function fail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

// The compared keys of a validation object, for a readable diff. A RegExp
// in `expected` that matches the actual string shows as that string.
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (!(key in obj)) continue;
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) &&
          RegExp.prototype.exec.call(obj[key], actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = obj[key];
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (key in actual && isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys),
      expected: new Comparison(expected, keys, actual),
      operator: 'deepStrictEqual',
      stackStartFn: fn,
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  fail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
}

function throwMismatch(actual, expected, message, generatedMessage, fn) {
  const err = new AssertionError({
    actual, expected, message, operator: fn.name, stackStartFn: fn,
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

// Checks a thrown `actual` against `expected`; throws an AssertionError on
// mismatch.
function expectedException(actual, expected, message, fn) {
  const inspect = lazyInspect();
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (RegExp.prototype.exec.call(expected, str) !== null) return;
      const generated = !message;
      if (generated) {
        message = 'The input did not match the regular expression ' +
          `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      throwMismatch(actual, expected, message, generated, fn);
    }
    if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({
        actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn,
      });
      err.operator = fn.name;
      throw err;
    }
    // A validation object: each of its keys must match.
    const keys = Object.keys(expected);
    if (expected instanceof Error) {
      keys.push('name', 'message');
    } else if (keys.length === 0) {
      throw new ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
    }
    for (const key of keys) {
      if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
          RegExp.prototype.exec.call(expected[key], actual[key]) !== null) {
        continue;
      }
      compareExceptionKey(actual, expected, key, message, keys, fn);
    }
    return;
  }
  // An Error class (arrow functions have no prototype to test against).
  if (expected.prototype !== undefined && actual instanceof expected) return;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    const generated = !message;
    if (generated) {
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) {
          message += 'an error with identical name but a different prototype.';
        } else {
          message += `"${name}"`;
        }
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    throwMismatch(actual, expected, message, generated, fn);
  }
  // A validation function: must return true.
  const res = Reflect.apply(expected, {}, [actual]);
  if (res === true) return;
  const generated = !message;
  if (generated) {
    const name = expected.name ? `"${expected.name}" ` : '';
    message = `The ${name}validation function is expected to return "true". ` +
      `Received ${inspect(res)}`;
    if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
  }
  throwMismatch(actual, expected, message, generated, fn);
}

function getActual(fn) {
  validateFunction(fn, 'fn');
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

// Native promises, and thenables that also have catch().
function checkIsPromise(obj) {
  return isPromise(obj) ||
    (obj !== null && typeof obj === 'object' &&
     typeof obj.then === 'function' && typeof obj.catch === 'function');
}

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();  // a synchronous throw rejects this call
    if (!checkIsPromise(resultPromise)) {
      throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
    }
  } else if (checkIsPromise(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

// throws()/rejects(): `error` may be left out, leaving `message` second.
// `isReject` picks the wording; `argCount` is the number of arguments after
// the function.
function expectsError(stackStartFn, isReject, actual, argCount, error, message) {
  if (typeof error === 'string') {
    if (argCount === 2) {
      throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw new ERR_AMBIGUOUS_ARGUMENT(
          'error/message', `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw new ERR_AMBIGUOUS_ARGUMENT(
        'error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    fail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${isReject ? 'rejection' : 'exception'}${details}`,
      stackStartFn,
    });
  }
  if (error) expectedException(actual, error, message, stackStartFn);
}

// doesNotThrow() treats `expected` as a filter: errors it does not match are
// rethrown unchanged.
function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    throw new ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, isReject, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    fail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${isReject ? 'rejection' : 'exception'}${details}\n` +
        `Actual message: "${actual && actual.message}"`,
      stackStartFn,
    });
  }
  throw actual;
}

module.exports = {
  getActual,
  waitForActual,
  expectsError,
  expectsNoError,
};
