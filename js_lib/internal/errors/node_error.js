'use strict';

// The machinery behind internal/errors' table: the NodeError classes made for
// each code, message formatting, hideStackFrames and the helpers the message
// functions share. internal/errors holds the table itself.
//
// Stack headers. Node prints a coded error's stack as
// "TypeError [ERR_X]: message" while `name` stays "TypeError". Node does it in
// its PrepareStackTrace callback; `prepareStackTraceCallback` below is that
// callback, for C++ to install if it wants. Without it, V8 formats `stack`
// lazily from `name` and `message` at first access, so `fixStackHeader`
// formats it right away with the code put into a temporary own `name`.

const kIsNodeError = Symbol('kIsNodeError');
// On an error: a function returning its stack enhanced for the fatal-error
// printer (events adds "Emitted 'error' event at:").
const kEnhanceStackBeforeInspector = Symbol('kEnhanceStackBeforeInspector');

// code -> message string (with %s placeholders) or function.
const messages = new Map();
// code -> error class; the `codes` export of internal/errors. Its ~450
// properties start as getters that replace themselves with the class on first
// use (internal/errors). In V8's fast mode each such replacement copies the
// whole descriptor array into a new map (~1 M instructions each; a
// require('http') made a dozen), so the object is switched to dictionary mode,
// where it is a hash table update: adding two properties and deleting the
// first (not the last) normalizes it.
const codes = { normalize: 0, last: 0 };
delete codes.normalize;
delete codes.last;

let inspectModule = null;
// util.inspect is loaded on first use: it needs internal/errors itself.
function lazyInspect() {
  if (inspectModule === null) inspectModule = require('internal/util/inspect');
  return inspectModule;
}

function isErrorStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return Object.prototype.hasOwnProperty.call(desc, 'writable') ?
    desc.writable : desc.set !== undefined;
}

// ---- stack formatting ---------------------------------------------------------

let callbackSeen = false;
let callbackProbed = false;
// True while fixStackHeader formats a stack: the name already has the code.
let fixingHeader = false;

// Node's default formatting; used when C++ routes stack formatting to JS.
function defaultPrepareStackTrace(error, trace) {
  let header;
  if (!fixingHeader && error !== null && typeof error === 'object' &&
      kIsNodeError in error) {
    header = `${error.name} [${error.code}]: ${error.message}`;
  } else {
    header = Error.prototype.toString.call(error);
  }
  if (trace.length === 0) return header;
  return `${header}\n    at ${trace.join('\n    at ')}`;
}

// Node's initial value of Error.prepareStackTrace, should the bootstrap want
// to install one.
function ErrorPrepareStackTrace(error, trace) {
  return defaultPrepareStackTrace(error, trace);
}

// For isolate->SetPrepareStackTraceCallback: honours a user's
// Error.prepareStackTrace as V8 would, otherwise formats as Node does.
function prepareStackTraceCallback(globalThis, error, trace) {
  callbackSeen = true;
  const ctor = globalThis && globalThis.Error;
  if (ctor && typeof ctor.prepareStackTrace === 'function' &&
      ctor.prepareStackTrace !== ErrorPrepareStackTrace) {
    return ctor.prepareStackTrace(error, trace);
  }
  if (typeof Error.prepareStackTrace === 'function' &&
      Error.prepareStackTrace !== ErrorPrepareStackTrace) {
    return Error.prepareStackTrace(error, trace);
  }
  return defaultPrepareStackTrace(error, trace);
}

function stackCallbackInstalled() {
  if (!callbackProbed) {
    callbackProbed = true;
    const probe = {};
    Error.captureStackTrace(probe);
    probe.stack;  // eslint-disable-line no-unused-expressions
  }
  return callbackSeen;
}

// Formats `err.stack` now, with "[code]" after the name (see top comment).
function fixStackHeader(err) {
  const user = Error.prepareStackTrace;
  if ((typeof user === 'function' && user !== ErrorPrepareStackTrace) ||
      stackCallbackInstalled()) {
    return;
  }
  const own = Object.getOwnPropertyDescriptor(err, 'name');
  Object.defineProperty(err, 'name', {
    __proto__: null,
    value: `${err.name} [${err.code}]`,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  fixingHeader = true;
  try {
    err.stack;  // eslint-disable-line no-unused-expressions
  } finally {
    fixingHeader = false;
  }
  if (own === undefined) delete err.name;
  else Object.defineProperty(err, 'name', own);
}

// Error.captureStackTrace that keeps the "[code]" header of coded errors.
function captureStackTrace(err, fn) {
  Error.captureStackTrace(err, fn);
  if (err[kIsNodeError] === true) fixStackHeader(err);
  return err;
}

// Errors thrown by `fn` get a stack that starts at fn's caller.
function hideStackFrames(fn) {
  function wrappedFn(...args) {
    try {
      return Reflect.apply(fn, this, args);
    } catch (error) {
      if (Error.stackTraceLimit && error !== null && typeof error === 'object') {
        captureStackTrace(error, wrappedFn);
      }
      throw error;
    }
  }
  wrappedFn.withoutStackTrace = fn;
  return wrappedFn;
}

// ---- messages -----------------------------------------------------------------

function internalAssert(value, message) {
  if (!value) throw new codes.ERR_INTERNAL_ASSERTION(message);
}

const kPlaceholder = /%[dfijoOs]/g;

function countPlaceholders(msg) {
  const found = msg.match(kPlaceholder);
  return found === null ? 0 : found.length;
}

// util.format's rendering of `%s` for primitives; null for anything that
// needs util.inspect.
function formatPrimitive(value) {
  switch (typeof value) {
    case 'string': return value;
    case 'number': return Object.is(value, -0) ? '-0' : `${value}`;
    case 'bigint': return `${value}n`;
    case 'boolean':
    case 'undefined': return `${value}`;
    case 'symbol': return String(value);
    default: return value === null ? 'null' : null;
  }
}

function formatMessage(msg, args) {
  let i = 0;
  let simple = true;
  const out = msg.replace(kPlaceholder, (spec) => {
    const text = spec === '%s' ? formatPrimitive(args[i]) : null;
    i++;
    if (text === null) simple = false;
    return text;
  });
  if (simple) return out;
  return Reflect.apply(lazyInspect().format, null, [msg, ...args]);
}

function getMessage(key, args, self) {
  const msg = messages.get(key);
  if (typeof msg === 'function') {
    internalAssert(msg.length <= args.length,
                   `Code: ${key}; The provided arguments length (${args.length}) does not ` +
                   `match the required ones (${msg.length}).`);
    return Reflect.apply(msg, self, args);
  }
  const expected = countPlaceholders(msg);
  internalAssert(expected === args.length,
                 `Code: ${key}; The provided arguments length (${args.length}) does not ` +
                 `match the required ones (${expected}).`);
  if (args.length === 0) return msg;
  return formatMessage(msg, args);
}

// ---- the classes ----------------------------------------------------------------

// A class per code and base: `new codes.ERR_X(...args)` is an instance of Base
// whose constructor reads as Base, with own `code` and `message`. Own
// property order follows Node's: a format-string message goes through the
// Base constructor, a message function runs once `this` exists.
function makeNodeErrorWithCode(Base, key) {
  let NodeError;
  if (typeof messages.get(key) === 'string') {
    NodeError = class NodeError extends Base {
      code = key;

      constructor(...args) {
        super(getMessage(key, args, undefined));
        fixStackHeader(this);
      }
    };
  } else {
    NodeError = class NodeError extends Base {
      code = key;

      constructor(...args) {
        super();
        Object.defineProperty(this, 'message', {
          __proto__: null,
          value: getMessage(key, args, this),
          enumerable: false,
          writable: true,
          configurable: true,
        });
        fixStackHeader(this);
      }
    };
  }
  Object.defineProperties(NodeError.prototype, {
    // Code that checks err.constructor (WPT, user code) sees the base class.
    constructor: { __proto__: null, get() { return Base; }, configurable: true },
    [kIsNodeError]: { __proto__: null, get() { return true; }, configurable: true },
    toString: {
      __proto__: null,
      value: function toString() { return `${this.name} [${key}]: ${this.message}`; },
      writable: true,
      configurable: true,
    },
  });
  return NodeError;
}

// For throwing inside hideStackFrames functions: skips the stack capture the
// wrapper redoes anyway.
function makeHideStackFramesError(ErrClass, Base) {
  class HideStackFramesError extends ErrClass {
    constructor(...args) {
      if (isErrorStackTraceLimitWritable()) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
          super(...args);
        } finally {
          Error.stackTraceLimit = limit;
        }
      } else {
        super(...args);
      }
    }

    get ['constructor']() {
      return Base;
    }
  }
  return HideStackFramesError;
}

// ---- helpers for message functions ---------------------------------------------

// "A", "A or B", "A, B, or C" (type = 'or'), as Node lists alternatives.
function formatList(array, type = 'and') {
  switch (array.length) {
    case 0: return '';
    case 1: return `${array[0]}`;
    case 2: return `${array[0]} ${type} ${array[1]}`;
    default:
      return `${array.slice(0, -1).join(', ')}, ${type} ${array[array.length - 1]}`;
  }
}

// '1234567' -> '1_234_567'; integers only.
function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

function truncate28(text) {
  return text.length > 28 ? `${text.slice(0, 25)}...` : text;
}

// The "Received ..." part of type errors: 'type number (1)', 'an instance of
// Map', 'function foo', 'null'.
function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number':
      return `type number (${Object.is(value, -0) ? '-0' : value})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) {
        return `an instance of ${value.constructor.name}`;
      }
      return `${lazyInspect().inspect(value, { depth: -1 })}`;
    case 'string': {
      const text = truncate28(value);
      return text.includes("'") ? `type string (${JSON.stringify(text)})` :
        `type string ('${text}')`;
    }
    default:
      return `type ${type} (${truncate28(lazyInspect().inspect(value, { colors: false }))})`;
  }
}

function inspectWithNoCustomRetry(obj, options) {
  const { inspect } = lazyInspect();
  try {
    return inspect(obj, options);
  } catch {
    return inspect(obj, { ...options, customInspect: false });
  }
}

module.exports = {
  addNumericalSeparator,
  captureStackTrace,
  codes,
  ErrorPrepareStackTrace,
  defaultPrepareStackTrace,
  determineSpecificType,
  fixStackHeader,
  formatList,
  getMessage,
  hideStackFrames,
  inspectWithNoCustomRetry,
  internalAssert,
  isErrorStackTraceLimitWritable,
  kEnhanceStackBeforeInspector,
  kIsNodeError,
  lazyInspect,
  makeHideStackFramesError,
  makeNodeErrorWithCode,
  messages,
  prepareStackTraceCallback,
};
