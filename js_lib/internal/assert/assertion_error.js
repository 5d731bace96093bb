'use strict';
// AssertionError: the error every failed assertion throws, with Node 20's
// generated messages (see internal/assert/diff for the diff itself).

const { validateObject } = require('internal/validators');
const {
  kReadableOperator,
  inspectValue,
  truncateLines,
  createErrDiff,
  lazyInspect,
  refreshColors,
} = require('internal/assert/diff');

const kInspectCustom = Symbol.for('nodejs.util.inspect.custom');

function isStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return Object.prototype.hasOwnProperty.call(desc, 'writable') ?
    desc.writable : desc.set !== undefined;
}

// A stack-less look-alike of an Error, so a message never shows a stack.
function copyError(source) {
  const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, 'message', { __proto__: null, value: source.message });
  return target;
}

// Long strings are cut in inspect output (the message shows them anyway).
function addEllipsis(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (string.length > 512) return `${string.slice(512)}...`;
  return string;
}

function bothErrors(actual, expected) {
  return typeof actual === 'object' && actual !== null &&
    typeof expected === 'object' && expected !== null &&
    'stack' in actual && actual instanceof Error &&
    'stack' in expected && expected instanceof Error;
}

// The generated message when the caller gave none.
function generatedMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return createErrDiff(actual, expected, operator);
  }

  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    // The values are equal: show one of them.
    let base = kReadableOperator[operator];
    const lines = truncateLines(inspectValue(actual).split('\n'));
    if (operator === 'notStrictEqual' &&
        ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject;
    }
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }

  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const known = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${known}\n\n${res}`;
    return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`];
    if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

class AssertionError extends Error {
  constructor(options) {
    validateObject(options, 'options');
    const {
      message,
      operator,
      stackStartFn,
      details,
      stackStartFunction,  // older name of stackStartFn
    } = options;
    let { actual, expected } = options;

    const limit = Error.stackTraceLimit;
    const limitWritable = isStackTraceLimitWritable();
    // The stack is captured below, from stackStartFn.
    if (limitWritable) Error.stackTraceLimit = 0;

    if (message != null) {
      if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
        super(createErrDiff(actual, expected, operator, message));
      } else {
        super(String(message));
      }
    } else {
      // Colors follow stderr as it is now (env may have changed).
      refreshColors(true);
      if (bothErrors(actual, expected)) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      super(generatedMessage(actual, expected, operator));
    }

    if (limitWritable) Error.stackTraceLimit = limit;

    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', {
      __proto__: null,
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this['message ' + i] = details[i].message;
        this['actual ' + i] = details[i].actual;
        this['expected ' + i] = details[i].expected;
        this['operator ' + i] = details[i].operator;
        this['stack trace ' + i] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    // Format the stack now, while the name still carries the code.
    this.stack; // eslint-disable-line no-unused-expressions
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [kInspectCustom](recurseTimes, ctx) {
    // Show actual/expected shallowly: the message already has the details.
    const tmpActual = this.actual;
    const tmpExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = addEllipsis(this.actual);
    if (typeof this.expected === 'string') this.expected = addEllipsis(this.expected);
    const result = lazyInspect()(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = tmpActual;
    this.expected = tmpExpected;
    return result;
  }
}

module.exports = AssertionError;
