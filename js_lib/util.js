'use strict';

// The public `util` module. Exports are listed in Node 20's order, since
// util.inspect(util) and Object.keys(util) show it.

const {
  format,
  formatWithOptions,
  inspect,
  stripVTControlCharacters,
} = require('internal/util/inspect');
const { debuglog } = require('internal/util/debuglog');
const { deprecate } = require('internal/util/deprecate');
const { promisify, callbackify } = require('internal/util/promisify');
const types = require('internal/util/types');

function lazyCodes() {
  return require('internal/errors').codes;
}

function isBoolean(arg) {
  return typeof arg === 'boolean';
}

function isNull(arg) {
  return arg === null;
}

function isNullOrUndefined(arg) {
  return arg === null || arg === undefined;
}

function isNumber(arg) {
  return typeof arg === 'number';
}

function isString(arg) {
  return typeof arg === 'string';
}

function isSymbol(arg) {
  return typeof arg === 'symbol';
}

function isUndefined(arg) {
  return arg === undefined;
}

function isObject(arg) {
  return arg !== null && typeof arg === 'object';
}

function isError(e) {
  return Object.prototype.toString.call(e) === '[object Error]' || e instanceof Error;
}

function isFunction(arg) {
  return typeof arg === 'function';
}

function isPrimitive(arg) {
  return arg === null || (typeof arg !== 'object' && typeof arg !== 'function');
}

function isBuffer(value) {
  return require('buffer').Buffer.isBuffer(value);
}

// Legacy: ctor.prototype inherits from superCtor.prototype.
function inherits(ctor, superCtor) {
  const { ERR_INVALID_ARG_TYPE } = lazyCodes();
  if (ctor === undefined || ctor === null) {
    throw new ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  }
  if (superCtor === undefined || superCtor === null) {
    throw new ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', {
    __proto__: null,
    value: superCtor,
    writable: true,
    configurable: true,
  });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Legacy shallow copy of source's own enumerable keys.
function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

function getSystemErrorName(err) {
  require('internal/validators').validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) {
    throw new (lazyCodes().ERR_OUT_OF_RANGE)('err', 'a negative integer', err);
  }
  return require('internal/errors').getSystemErrorName(err);
}

// Map of negative errno -> [code, message], libuv's table.
function getSystemErrorMap() {
  return require('internal/errors').getErrorMap();
}

// Legacy helpers: the error is built without frames, then given a stack that
// starts at the caller.
function withCallerStack(Ctor, args) {
  const { isErrorStackTraceLimitWritable } = require('internal/errors');
  if (!isErrorStackTraceLimitWritable()) return new Ctor(...args);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const e = new Ctor(...args);
  Error.stackTraceLimit = limit;
  Error.captureStackTrace(e, _exceptionWithHostPort);
  return e;
}

function _errnoException(...args) {
  return withCallerStack(require('internal/errors').ErrnoException, args);
}

function _exceptionWithHostPort(...args) {
  return withCallerStack(require('internal/errors').ExceptionWithHostPort, args);
}

function isStreamLike(stream) {
  return stream !== null && typeof stream === 'object' &&
    (typeof stream.on === 'function' || typeof stream.getReader === 'function' ||
     typeof stream.getWriter === 'function');
}

// Wraps `text` in the escape codes of one or more inspect.colors entries;
// for a single format, only when `stream` (stdout by default) takes colors.
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  const { ERR_INVALID_ARG_TYPE } = lazyCodes();
  if (typeof text !== 'string') throw new ERR_INVALID_ARG_TYPE('text', 'string', text);
  if (typeof validateStream !== 'boolean') {
    throw new ERR_INVALID_ARG_TYPE('options.validateStream', 'boolean', validateStream);
  }
  if (validateStream && !isStreamLike(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  const codesOf = (key) => {
    const codes = inspect.colors[key];
    if (codes == null) {
      require('internal/validators').validateOneOf(key, 'format', Object.keys(inspect.colors));
    }
    return codes;
  };
  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const codes = codesOf(key);
      left += `\u001b[${codes[0]}m`;
      right = `\u001b[${codes[1]}m${right}`;
    }
    return `${left}${text}${right}`;
  }
  const codes = codesOf(format);
  if (validateStream && (!stream || !require('internal/util/colors').shouldColorize(stream))) {
    return text;
  }
  return `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// "26 Feb 16:19:34"
function timestamp() {
  const d = new Date();
  const pad = (n) => n.toString().padStart(2, '0');
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return `${d.getDate()} ${months[d.getMonth()]} ${time}`;
}

function log(...args) {
  require('internal/console/global').log('%s - %s', timestamp(), format(...args));
}

// Lone surrogates become U+FFFD.
function toUSVString(input) {
  return `${input}`.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
                            '\ufffd');
}

function parseEnv(content) {
  if (typeof content !== 'string') {
    throw new (lazyCodes().ERR_INVALID_ARG_TYPE)('content', 'string', content);
  }
  return require('internal/util/parse_env').parseEnv(content);
}

function lazyAbortController() {
  return require('internal/abort_controller');
}

let isDeepStrictEqualImpl;

module.exports = {
  _errnoException,
  _exceptionWithHostPort,
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean,
  isBuffer,
  isDeepStrictEqual(a, b) {
    isDeepStrictEqualImpl ??= require('internal/util/comparisons').isDeepStrictEqual;
    return isDeepStrictEqualImpl(a, b);
  },
  isNull,
  isNullOrUndefined,
  isNumber,
  isString,
  isSymbol,
  isUndefined,
  isRegExp: types.isRegExp,
  isObject,
  isDate: types.isDate,
  isError,
  isFunction,
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  get transferableAbortSignal() {
    return lazyAbortController().transferableAbortSignal;
  },
  get transferableAbortController() {
    return lazyAbortController().transferableAbortController;
  },
  get aborted() {
    return lazyAbortController().aborted;
  },
  types,
  parseEnv,
};

// Properties loaded from their module on first access (as Node's
// defineLazyProperties: an accessor that replaces itself with the value).
function defineLazyProperties(target, id, keys) {
  let mod;
  for (const key of keys) {
    let loaded;
    const set = {
      [`set ${key}`](value) {
        Object.defineProperty(target, key, { __proto__: null, writable: true, value });
      },
    }[`set ${key}`];
    const get = {
      [`get ${key}`]() {
        mod ??= require(id);
        if (loaded === undefined) {
          loaded = mod[key];
          set(loaded);
        }
        return loaded;
      },
    }[`get ${key}`];
    Object.defineProperty(target, key, {
      __proto__: null, configurable: true, enumerable: true, get, set,
    });
  }
}

defineLazyProperties(module.exports, 'internal/util/parse_args/parse_args', ['parseArgs']);
defineLazyProperties(module.exports, 'internal/encoding', ['TextDecoder', 'TextEncoder']);
defineLazyProperties(module.exports, 'internal/mime', ['MIMEType', 'MIMEParams']);
