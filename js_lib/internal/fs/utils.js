'use strict';

// What the fs modules share: path, fd, flag, mode and option checks with
// Node's errors, encodings, time conversion, and the request objects that
// carry a binding call's result back (a callback, or a promise).
//
// Paths are strings, Uint8Arrays (Buffers) or file: URLs; the binding takes
// strings and Uint8Arrays. Buffers come from globalThis.Buffer when the
// runtime has it (internal/streams/chunk), plain Uint8Arrays otherwise.

const { initLoopResource } = require('internal/async_context');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_URL_SCHEME,
    ERR_OUT_OF_RANGE,
  },
  hideStackFrames,
} = require('internal/errors');
const {
  validateAbortSignal, validateFunction, validateInt32, validateInteger, validateObject,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');

const constants = binding('constants').fs;
const {
  O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_SYNC, O_TRUNC, O_WRONLY,
  S_IFMT, S_IFREG, S_IFDIR, S_IFLNK,
} = constants;

const kIoMaxLength = 2 ** 31 - 1;
const kMaxUserId = 2 ** 32 - 1;
const kEmptyObject = Object.freeze({ __proto__: null });

function isUint8Array(v) {
  return ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]';
}

// ---- URLs ----------------------------------------------------------------------

function isURL(self) {
  return Boolean(self != null && self.href !== undefined && self.protocol !== undefined &&
                 self.auth === undefined && self.path === undefined);
}

// internal/url's fileURLToPath when that module exists; our own otherwise.
let urlModule;
function fileURLToPath(url) {
  if (urlModule === undefined) {
    try {
      urlModule = require('internal/url');
    } catch {
      urlModule = null;
    }
  }
  if (urlModule !== null && typeof urlModule.fileURLToPath === 'function') {
    return urlModule.fileURLToPath(url);
  }
  if (url.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(process.platform);
  const pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

function toPathIfFileURL(fileURLOrPath) {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return fileURLToPath(fileURLOrPath);
}

// ---- paths, fds ------------------------------------------------------------------

const nullCheck = hideStackFrames((path, propName, throwError = true) => {
  const pathIsString = typeof path === 'string';
  const pathIsUint8Array = isUint8Array(path);
  if ((!pathIsString && !pathIsUint8Array) ||
      (pathIsString && !path.includes('\u0000')) ||
      (pathIsUint8Array && !path.includes(0))) {
    return;
  }
  const err = new ERR_INVALID_ARG_VALUE(
    propName, path, 'must be a string, Uint8Array, or URL without null bytes');
  if (throwError) throw err;
  return err;
});

const validatePath = hideStackFrames((path, propName = 'path') => {
  if (typeof path !== 'string' && !isUint8Array(path)) {
    throw new ERR_INVALID_ARG_TYPE(propName, ['string', 'Buffer', 'URL'], path);
  }
  const err = nullCheck(path, propName, false);
  if (err !== undefined) throw err;
});

const getValidatedPath = hideStackFrames((fileURLOrPath, propName = 'path') => {
  const path = toPathIfFileURL(fileURLOrPath);
  validatePath(path, propName);
  return path;
});

const getValidatedFd = hideStackFrames((fd, propName = 'fd') => {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, propName, 0);
  return fd;
});

// A path as the string the JS side reasons about (Buffers as UTF-8).
function pathToString(path) {
  return typeof path === 'string' ? path : chunks.toString(path, 'utf8');
}

// ---- flags, modes, ids ---------------------------------------------------------

const kFlags = {
  __proto__: null,
  'r': O_RDONLY,
  'rs': O_RDONLY | O_SYNC,
  'sr': O_RDONLY | O_SYNC,
  'r+': O_RDWR,
  'rs+': O_RDWR | O_SYNC,
  'sr+': O_RDWR | O_SYNC,
  'w': O_TRUNC | O_CREAT | O_WRONLY,
  'wx': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'xw': O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR,
  'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  'a': O_APPEND | O_CREAT | O_WRONLY,
  'ax': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'xa': O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  'as': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'sa': O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR,
  'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') {
    validateInt32(flags, name);  // as Node 20 (Node 18 let any number through)
    return flags;
  }
  if (flags == null) return O_RDONLY;
  const n = typeof flags === 'string' ? kFlags[flags] : undefined;
  if (n === undefined) throw new ERR_INVALID_ARG_VALUE(name, flags);
  return n;
}

// The binding takes int32 flags (stringToFlags checked numbers).
function flagsForBinding(flags) {
  return flags | 0;
}

const validateId = hideStackFrames((id, name) => {
  validateInteger(id, name, -1, kMaxUserId);
});

// ---- options and encodings -------------------------------------------------------

function isEncoding(encoding) {
  return chunks.isEncoding(encoding);
}

function assertEncoding(encoding) {
  if (encoding && !isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

// Node's getOptions: a string is the encoding; objects are used as they are.
function getOptions(options, defaultOptions = kEmptyObject) {
  if (options == null || typeof options === 'function') return defaultOptions;
  if (typeof options === 'string') {
    defaultOptions = { ...defaultOptions };
    defaultOptions.encoding = options;
    options = defaultOptions;
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function copyObject(source) {
  const target = {};
  for (const key in source) target[key] = source[key];
  return target;
}

// The encoding as the binding takes it ('buffer' for raw bytes).
function bindingEncoding(encoding, def = 'utf8') {
  if (encoding == null) return def;
  return encoding === 'buffer' ? 'buffer' : String(encoding);
}

// A binding result in 'buffer' form becomes a Buffer (when there is one).
function asBufferIfBytes(value) {
  return typeof value === 'string' || value == null ? value : chunks.fromView(value);
}

// Templates ending in X are handled differently across platforms; Node
// warns once per process.
let nonPortableTemplateWarn = true;
function warnOnNonPortableTemplate(template) {
  if (nonPortableTemplateWarn &&
      ((typeof template === 'string' && template.endsWith('X')) ||
       (typeof template !== 'string' && template.at(-1) === 0x58))) {
    process.emitWarning('mkdtemp() templates ending with X are not portable. ' +
                        'For details see: https://nodejs.org/api/fs.html');
    nonPortableTemplateWarn = false;
  }
}

// ---- times ---------------------------------------------------------------------

// Seconds for utimes: Dates, numbers and numeric strings, as Node takes them.
function toUnixTimestamp(time, name = 'time') {
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) {
    if (time < 0) return Date.now() / 1000;
    return time;
  }
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
}

// ---- read/write arguments ------------------------------------------------------

const validateOffsetLengthRead = hideStackFrames((offset, length, bufferLength) => {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
  }
});

const validateOffsetLengthWrite = hideStackFrames((offset, length, byteLength) => {
  if (offset > byteLength) throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  }
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
});

// A read/write position: null/undefined/-1 for "current", else a safe
// integer or any int64 bigint (the binding treats negatives as current).
const validatePosition = hideStackFrames((position, name) => {
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
  } else if (typeof position === 'bigint') {
    if (!(position >= -(2n ** 63n) && position <= 2n ** 63n - 1n)) {
      throw new ERR_OUT_OF_RANGE(name, `>= ${-(2n ** 63n)} && <= ${2n ** 63n - 1n}`, position);
    }
  } else {
    throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
  }
});

const validateBufferArray = hideStackFrames((buffers, propName = 'buffers') => {
  if (!Array.isArray(buffers)) throw new ERR_INVALID_ARG_TYPE(propName, 'ArrayBufferView[]', buffers);
  for (let i = 0; i < buffers.length; i++) {
    if (!ArrayBuffer.isView(buffers[i])) {
      throw new ERR_INVALID_ARG_TYPE(propName, 'ArrayBufferView[]', buffers);
    }
  }
  return buffers;
});

// Data for write/writeFile: strings and views pass; other objects are an error.
const validateStringOrView = hideStackFrames((data, name) => {
  if (typeof data === 'string' || ArrayBuffer.isView(data)) return;
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
});

// A Uint8Array over any view's bytes.
function viewBytes(view) {
  return view instanceof Uint8Array ? view :
    new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

// ---- requests --------------------------------------------------------------------

// A callback API's request: the binding calls oncomplete(err, result).
function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return (...args) => Reflect.apply(cb, undefined, args);
}

function callbackReq(cb) {
  const req = { oncomplete: cb };
  // The callback runs in the AsyncLocalStorage frame of the call.
  initLoopResource(req, 'FSREQCALLBACK');
  return req;
}

// A promise API's request: [req, promise], settled by the binding.
function promiseReq() {
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  const req = {
    oncomplete(err, result) {
      if (err) reject(err); else resolve(result);
    },
  };
  return { req, promise };
}

// Calls binding[name](...args, req) and returns a promise of the result.
function callPromise(fn, ...args) {
  const { req, promise } = promiseReq();
  args.push(req);
  Reflect.apply(fn, undefined, args);
  return promise;
}

// Mode bits of a stats array (as the binding returns it).
function modeType(mode) {
  return Number(mode) & S_IFMT;
}

function validateRecursiveOption(options) {
  if (options !== undefined && options !== null) validateObject(options, 'options');
}

module.exports = {
  asBufferIfBytes,
  assertEncoding,
  bindingEncoding,
  callPromise,
  callbackReq,
  constants,
  copyObject,
  fileURLToPath,
  flagsForBinding,
  getOptions,
  getValidatedFd,
  getValidatedPath,
  isEncoding,
  isURL,
  isUint8Array,
  kEmptyObject,
  kIoMaxLength,
  kMaxUserId,
  makeCallback,
  modeType,
  nullCheck,
  pathToString,
  promiseReq,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  stringToFlags,
  toPathIfFileURL,
  toUnixTimestamp,
  validateBufferArray,
  validateId,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePath,
  validatePosition,
  validateRecursiveOption,
  validateStringOrView,
  viewBytes,
  warnOnNonPortableTemplate,
};
