'use strict';

// Buffer.prototype's own methods (the numeric and per-encoding ones come from
// internal/buffer.js): copy, toString, equals, inspect, compare, indexOf,
// lastIndexOf, includes, fill, write, toJSON, subarray, slice, swap16/32/64,
// toLocaleString, and the legacy `parent`/`offset` getters. Installed by
// buffer.js in this order, which is Node's.

const {
  compare: bindingCompare,
  compareOffset,
  fill: bindingFill,
  indexOfBuffer,
  indexOfNumber,
  swap16: bindingSwap16,
  swap32: bindingSwap32,
  swap64: bindingSwap64,
  kMaxLength,
} = binding('buffer');
const {
  constants: { ALL_PROPERTIES, ONLY_ENUMERABLE },
  getOwnNonIndexProperties,
} = binding('util');
const {
  ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_BUFFER_SIZE,
  ERR_OUT_OF_RANGE,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;
const { validateBuffer, validateInteger, validateNumber, validateString } =
  require('internal/validators');
const { isUint8Array } = require('internal/util/types');
const { FastBuffer } = require('internal/buffer');
const {
  encodingOps, encodingsMap, getEncodingOps, normalizeEncoding,
} = require('internal/buffer/encoding_ops');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const TypedArrayPrototypeSet = TypedArrayPrototype.set;
const TypedArrayPrototypeFill = TypedArrayPrototype.fill;
const getByteLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;

let INSPECT_MAX_BYTES = 50;

// validateInteger with kMaxLength as the default maximum.
function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

// ---- copy ------------------------------------------------------------------------

// +n floored to an integer; `fallback` for NaN and values past 2 ** 53.
function toInteger(n, fallback) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return n % 1 === 0 ? n : Math.floor(n);
  }
  return fallback;
}

// Copies source[sourceStart, sourceEnd) to target[targetStart...], clipped to
// both; returns the number of bytes copied.
function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) {
    sourceEnd = sourceStart + target.length - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  TypedArrayPrototypeSet.call(target, source, targetStart);
  return nb;
}

function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) {
    throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  }
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

function copy(target, targetStart, sourceStart, sourceEnd) {
  return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
}

// ---- strings ---------------------------------------------------------------------

// Out-of-range start/end are clamped, not errors (neither String nor
// Uint8Array behaves this way).
function toString(encoding, start, end) {
  if (arguments.length === 0) return this.utf8Slice(0, this.length);
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  if (encoding === undefined) return this.utf8Slice(start, end);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return ops.slice(this, start, end);
}

// write(string[, offset[, length]][, encoding])
function write(string, offset, length, encoding) {
  if (offset === undefined) return this.utf8Write(string, 0, this.length);
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return this.utf8Write(string, offset, length);
  if (encoding === 'ascii') return this.asciiWrite(string, offset, length);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return ops.write(this, string, offset, length);
}

function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
}

// ---- comparison ------------------------------------------------------------------

function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = getByteLength.call(this);
  if (len !== getByteLength.call(otherBuffer)) return false;
  return len === 0 || bindingCompare(this, otherBuffer) === 0;
}

function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) {
    throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  }
  if (arguments.length === 1) return bindingCompare(this, target);
  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd) return 1;
  return compareOffset(this, target, targetStart, sourceStart, targetEnd, sourceEnd);
}

// ---- search ----------------------------------------------------------------------

// The first index of `val` at or after `byteOffset` (dir true), or the last
// at or before it. byteOffset is clamped to int32 range; NaN means the whole
// buffer; a string in its place is the encoding.
function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  validateBuffer(buffer);
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;  // null and [] become 0
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  dir = !!dir;
  if (typeof val === 'number') return indexOfNumber(buffer, val >>> 0, byteOffset, dir);
  const ops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
  if (typeof val === 'string') {
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    return ops.indexOf(buffer, val, byteOffset, dir);
  }
  if (isUint8Array(val)) {
    const encodingVal = ops === undefined ? encodingsMap.utf8 : ops.encodingVal;
    return indexOfBuffer(buffer, val, byteOffset, encodingVal, dir);
  }
  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
}

function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
}

function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
}

// ---- fill ------------------------------------------------------------------------

// fill(value[, offset[, end]][, encoding]); also Buffer.alloc's filler.
function fillImpl(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) {
      value = 0;  // '' fills with zeros
    } else if (value.length === 1) {
      // One character that is one byte: fill with the number.
      if (normalized === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (normalized === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
  } else {
    encoding = undefined;
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  if (typeof value === 'number') {
    const byteLen = getByteLength.call(buf);
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    TypedArrayPrototypeFill.call(buf, value, offset, end);
  } else {
    const res = bindingFill(buf, value, offset, end, encoding);
    if (res < 0) {
      if (res === -1) throw new ERR_INVALID_ARG_VALUE('value', value);
      throw new ERR_BUFFER_OUT_OF_BOUNDS();
    }
  }
  return buf;
}

function fill(value, offset, end, encoding) {
  return fillImpl(this, value, offset, end, encoding);
}

// ---- views -----------------------------------------------------------------------

// An index relative to `length`: negative counts from the end; clamped.
function adjustOffset(offset, length) {
  offset = Math.trunc(offset);  // may exceed int32, so no `| 0`
  if (offset === 0) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return Number.isNaN(offset) ? 0 : length;
}

function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
}

function slice(start, end) {
  return this.subarray(start, end);
}

// ---- byte swaps ------------------------------------------------------------------
// Short buffers are swapped in JS (cheaper than the call into C++).

function swapBytes(buf, width, name, native, nativeFrom) {
  const len = buf.length;
  if (len % width !== 0) throw new ERR_INVALID_BUFFER_SIZE(name);
  if (len >= nativeFrom) return native(buf);
  for (let i = 0; i < len; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}

function swap16() { return swapBytes(this, 2, '16-bits', bindingSwap16, 128); }
function swap32() { return swapBytes(this, 4, '32-bits', bindingSwap32, 192); }
function swap64() { return swapBytes(this, 8, '64-bits', bindingSwap64, 192); }

// ---- inspect ---------------------------------------------------------------------

// <Buffer 01 02 ... N more bytes>, plus any own non-index properties.
function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = this.hexSlice(0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    let extras = false;
    const filter = ctx.showHidden ? ALL_PROPERTIES : ONLY_ENUMERABLE;
    const obj = { __proto__: null };
    for (const key of getOwnNonIndexProperties(this, filter)) {
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      if (this.length !== 0) str += ', ';
      // Drop the "[Object: null prototype] {" prefix and the closing " }".
      const utilInspect = require('internal/util/inspect').inspect;
      str += utilInspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
}

function install(Buffer) {
  const proto = Buffer.prototype;
  const isBuffer = (value) => value instanceof Buffer;
  Object.defineProperty(proto, 'parent', {
    __proto__: null,
    enumerable: true,
    get() { return isBuffer(this) ? this.buffer : undefined; },
  });
  Object.defineProperty(proto, 'offset', {
    __proto__: null,
    enumerable: true,
    get() { return isBuffer(this) ? this.byteOffset : undefined; },
  });
  Object.assign(proto, { copy, toString, equals });
  proto[customInspectSymbol] = inspect;
  Object.assign(proto, {
    inspect, compare, indexOf, lastIndexOf, includes, fill, write, toJSON, subarray, slice,
    swap16, swap32, swap64, toLocaleString: toString,
  });
}

module.exports = {
  install,
  copyActual,
  fillImpl,
  getInspectMaxBytes: () => INSPECT_MAX_BYTES,
  setInspectMaxBytes(value) {
    validateNumber(value, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = value;
  },
};
