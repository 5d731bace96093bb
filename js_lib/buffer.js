'use strict';

// The buffer module: Buffer, a Uint8Array subclass-in-all-but-name
// (Buffer.prototype is FastBuffer.prototype, whose prototype is
// Uint8Array.prototype), its static constructors, and the module's other
// exports (SlowBuffer, transcode, isUtf8, isAscii, atob, btoa, constants,
// Blob, File). Prototype methods: internal/buffer.js and
// internal/buffer/prototype.js; the allocation pool: internal/buffer/pool.js.

const {
  atob: bindingAtob,
  btoa: bindingBtoa,
  compare: bindingCompare,
  isAscii: bindingIsAscii,
  isInsideNodeModules,
  isUtf8: bindingIsUtf8,
  transcode: bindingTranscode,
  kMaxLength,
  kStringMaxLength,
} = binding('buffer');
const {
  ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_INVALID_ARG_TYPE,
  ERR_MISSING_ARGS,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;
const { genericNodeError } = require('internal/errors');
const { validateArray, validateInteger, validateNumber } = require('internal/validators');
const {
  isAnyArrayBuffer, isArrayBufferView, isTypedArray, isUint8Array,
} = require('internal/util/types');
const { FastBuffer, addBufferPrototypeMethods, createUnsafeBuffer } =
  require('internal/buffer');
const {
  encodingOps, getEncodingOps, normalizeEncoding, setFromString,
} = require('internal/buffer/encoding_ops');
const pool = require('internal/buffer/pool');
const proto = require('internal/buffer/prototype');

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const TypedArrayPrototypeFill = TypedArrayPrototype.fill;
const TypedArrayPrototypeSlice = TypedArrayPrototype.slice;

FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
addBufferPrototypeMethods(Buffer.prototype);

const constants = Object.defineProperties({}, {
  MAX_LENGTH: { __proto__: null, value: kMaxLength, writable: false, enumerable: true },
  MAX_STRING_LENGTH: {
    __proto__: null, value: kStringMaxLength, writable: false, enumerable: true,
  },
});

Buffer.poolSize = 8 * 1024;
pool.init(Buffer);
setFromString(pool.fromStringFast);

// ---- the deprecated Buffer() constructor -----------------------------------------

let bufferWarningEmitted = false;
let nodeModulesChecks = 0;
const bufferWarning = 'Buffer() is deprecated due to security and usability issues. ' +
  'Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.';

// DEP0005, once, for calls from outside node_modules (from anywhere with
// --pending-deprecation).
function showFlaggedDeprecation() {
  if (bufferWarningEmitted || ++nodeModulesChecks > 10000) return;
  if (!require('internal/options').pendingDeprecation() && isInsideNodeModules(100, true)) return;
  process.emitWarning(bufferWarning, 'DeprecationWarning', 'DEP0005');
  bufferWarningEmitted = true;
}

function Buffer(arg, encodingOrOffset, length) {
  showFlaggedDeprecation();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, Symbol.species, {
  __proto__: null, enumerable: false, configurable: true,
  get() { return FastBuffer; },
});

// ---- Buffer.from and friends -------------------------------------------------------

function fromString(string, encoding) {
  let ops;
  if (!encoding || encoding === 'utf8' || typeof encoding !== 'string') {
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  }
  return string.length === 0 ? new FastBuffer() : pool.fromStringFast(string, ops);
}

// A view (not a copy) of an ArrayBuffer's bytes.
function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(obj, byteOffset, length);
}

// Array-likes and the { type: 'Buffer', data: [...] } shape toJSON makes.
function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return pool.fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return pool.fromArrayLike(obj.data);
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw new ERR_INVALID_ARG_TYPE(
    'first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

// A copy of the bytes under a typed array's view, optionally of elements
// [offset, offset + length).
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = TypedArrayPrototypeSlice.call(view, offset, end);
  }
  return pool.fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

// Like %TypedArray%.of, without the deprecated constructor. An arrow
// function, so Buffer.of is not a constructor.
const of = (...items) => {
  const newObj = createUnsafeBuffer(items.length);
  for (let k = 0; k < items.length; k++) newObj[k] = items[k];
  return newObj;
};
Buffer.of = of;

Object.setPrototypeOf(Buffer, Uint8Array);

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = createUnsafeBuffer(size);
    return proto.fillImpl(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return pool.allocate(size);
};

// Never from the pool.
Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// ---- other statics -----------------------------------------------------------------

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return bindingCompare(buf1, buf2);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    normalizeEncoding(encoding) !== undefined;
};

Buffer.concat = function concat(list, length) {
  validateArray(list, 'list');
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateInteger(length, 'length', 0, kMaxLength);
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    pos += proto.copyActual(buf, buffer, pos, 0, buf.length);
  }
  // A `length` beyond the total leaves allocated bytes to zero.
  if (pos < length) TypedArrayPrototypeFill.call(buffer, 0, pos, length);
  return buffer;
};

// Unknown encodings count as UTF-8 (Node does not throw here).
function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  if (len === 0) return 0;
  if (!encoding || encoding === 'utf8') return encodingOps.utf8.byteLength(string);
  if (encoding === 'ascii') return len;
  const ops = getEncodingOps(encoding);
  return ops === undefined ? encodingOps.utf8.byteLength(string) : ops.byteLength(string);
}
Buffer.byteLength = byteLength;

proto.install(Buffer);

// ---- transcode, isUtf8, isAscii, atob, btoa ------------------------------------------

const kIcuErrorNames = { 1: 'U_ILLEGAL_ARGUMENT_ERROR', 10: 'U_INVALID_CHAR_FOUND' };

// Between utf8, ucs2/utf16le, latin1/binary and ascii (as Node's ICU build).
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return Buffer.alloc(0);
  fromEncoding = normalizeEncoding(fromEncoding) || fromEncoding;
  toEncoding = normalizeEncoding(toEncoding) || toEncoding;
  const result = bindingTranscode(source, fromEncoding, toEncoding);
  if (typeof result !== 'number') return new FastBuffer(result);
  const code = kIcuErrorNames[result] || `U_ERROR_${result}`;
  throw genericNodeError(`Unable to transcode Buffer [${code}]`, { code, errno: result });
}

function isUtf8(input) {
  if (isTypedArray(input) || isAnyArrayBuffer(input)) return bindingIsUtf8(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function isAscii(input) {
  if (isTypedArray(input) || isAnyArrayBuffer(input)) return bindingIsAscii(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

// The stack starts at the caller of atob/btoa, as in Node.
function lazyDOMException(message, name) {
  const { DOMException } = require('internal/domexception');
  const error = new DOMException(message, name);
  Error.captureStackTrace(error, lazyDOMException);
  return error;
}

function btoa(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const result = bindingBtoa(`${input}`);
  if (result === -1) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  return result;
}

// WHATWG forgiving-base64 decode (the binding does it; -1 and -2 are its
// two ways to fail).
function atob(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const result = bindingAtob(`${input}`);
  if (result === -2) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  if (result === -1) {
    throw lazyDOMException('The string to be decoded is not correctly encoded.',
                           'InvalidCharacterError');
  }
  return result;
}

// ---- exports ---------------------------------------------------------------------------

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
};

Object.defineProperties(module.exports, {
  constants: { __proto__: null, configurable: false, enumerable: true, value: constants },
  INSPECT_MAX_BYTES: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() { return proto.getInspectMaxBytes(); },
    set(value) { proto.setInspectMaxBytes(value); },
  },
});

// Loaded on first access: accessors that turn into plain values.
function defineLazy(target, id, keys) {
  for (const key of keys) {
    const set = { [`set ${key}`](value) {
      Object.defineProperty(target, key, { __proto__: null, writable: true, value });
    } }[`set ${key}`];
    const get = { [`get ${key}`]() {
      const value = require(id)[key];
      set(value);
      return value;
    } }[`get ${key}`];
    Object.defineProperty(target, key, {
      __proto__: null, configurable: true, enumerable: true, get, set,
    });
  }
}
defineLazy(module.exports, 'internal/blob', ['Blob', 'resolveObjectURL']);
defineLazy(module.exports, 'internal/file', ['File']);
