'use strict';
// The `assert` module (Node 20). assert() is assert.ok(); assert.strict is
// the same API with the loose comparisons replaced by strict ones.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS },
} = require('internal/errors');
const AssertionError = require('internal/assert/assertion_error');
const { isRegExp } = require('internal/util/types');
const { innerOk } = require('internal/assert/utils');
const { lazyInspect } = require('internal/assert/diff');
const {
  getActual,
  waitForActual,
  expectsError,
  expectsNoError,
} = require('internal/assert/expect_error');
const CallTracker = require('internal/assert/calltracker');
const { deprecate } = require('internal/util/deprecate');

let comparisons;
function lazyComparisons() {
  comparisons ??= require('internal/util/comparisons');
  return comparisons;
}

let warnedFail = false;

const assert = module.exports = ok;

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

// The two-argument checks (equal, deepStrictEqual, ...): `holds` decides;
// on failure the AssertionError names `operator`.
function check(holds, actual, expected, message, operator, stackStartFn) {
  if (!holds) innerFail({ actual, expected, message, operator, stackStartFn });
}

function requireTwo(count) {
  if (count < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
}

function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail) {
      warnedFail = true;
      process.emitWarning(
        'assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning',
        'DEP0094',
      );
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}
assert.fail = fail;

assert.AssertionError = AssertionError;

function ok(...args) {
  innerOk(ok, args.length, ...args);
}
assert.ok = ok;

assert.equal = function equal(actual, expected, message) {
  requireTwo(arguments.length);
  // eslint-disable-next-line eqeqeq
  const holds = actual == expected || (Number.isNaN(actual) && Number.isNaN(expected));
  check(holds, actual, expected, message, '==', equal);
};

assert.notEqual = function notEqual(actual, expected, message) {
  requireTwo(arguments.length);
  // eslint-disable-next-line eqeqeq
  const equal = actual == expected || (Number.isNaN(actual) && Number.isNaN(expected));
  check(!equal, actual, expected, message, '!=', notEqual);
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  requireTwo(arguments.length);
  const holds = lazyComparisons().isDeepEqual(actual, expected);
  check(holds, actual, expected, message, 'deepEqual', deepEqual);
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  requireTwo(arguments.length);
  const equal = lazyComparisons().isDeepEqual(actual, expected);
  check(!equal, actual, expected, message, 'notDeepEqual', notDeepEqual);
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  requireTwo(arguments.length);
  const holds = lazyComparisons().isDeepStrictEqual(actual, expected);
  check(holds, actual, expected, message, 'deepStrictEqual', deepStrictEqual);
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  requireTwo(arguments.length);
  const equal = lazyComparisons().isDeepStrictEqual(actual, expected);
  check(!equal, actual, expected, message, 'notDeepStrictEqual', notDeepStrictEqual);
};

assert.strictEqual = function strictEqual(actual, expected, message) {
  requireTwo(arguments.length);
  check(Object.is(actual, expected), actual, expected, message, 'strictEqual', strictEqual);
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  requireTwo(arguments.length);
  check(!Object.is(actual, expected), actual, expected, message, 'notStrictEqual',
        notStrictEqual);
};

assert.throws = function throws(promiseFn, ...args) {
  expectsError(throws, false, getActual(promiseFn), args.length, ...args);
};

assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, true, await waitForActual(promiseFn), args.length, ...args);
};

assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, false, getActual(fn), ...args);
};

assert.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, true, await waitForActual(fn), ...args);
};

assert.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    if (err.message.length === 0 && err.constructor) message += err.constructor.name;
    else message += err.message;
  } else {
    message += lazyInspect()(err);
  }
  const newErr = new AssertionError({
    actual: err,
    expected: null,
    operator: 'ifError',
    message,
    stackStartFn: ifError,
  });
  // Continue the new stack with the original error's frames, dropping the
  // frames both share.
  const origStack = err.stack;
  if (typeof origStack === 'string') {
    const origStackStart = origStack.indexOf('\n    at');
    if (origStackStart !== -1) {
      const originalFrames = origStack.slice(origStackStart + 1).split('\n');
      let newFrames = newErr.stack.split('\n');
      for (const frame of originalFrames) {
        const pos = newFrames.indexOf(frame);
        if (pos !== -1) {
          newFrames = newFrames.slice(0, pos);
          break;
        }
      }
      newErr.stack = `${newFrames.join('\n')}\n${originalFrames.join('\n')}`;
    }
  }
  throw newErr;
};

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw new ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  const match = fn === assert.match;
  if (typeof string === 'string' &&
      (RegExp.prototype.exec.call(regexp, string) !== null) === match) {
    return;
  }
  if (message instanceof Error) throw message;
  const generatedMessage = !message;
  if (generatedMessage) {
    const inspect = lazyInspect();
    if (typeof string !== 'string') {
      message = 'The "string" argument must be of type string. Received type ' +
        `${typeof string} (${inspect(string)})`;
    } else {
      message = (match ?
        'The input did not match the regular expression ' :
        'The input was expected to not match the regular expression ') +
        `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
    }
  }
  const err = new AssertionError({
    actual: string,
    expected: regexp,
    message,
    operator: fn.name,
    stackStartFn: fn,
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

assert.match = function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
};

assert.CallTracker = deprecate(CallTracker, 'assert.CallTracker is deprecated.', 'DEP0173');

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});

assert.strict.strict = assert.strict;
