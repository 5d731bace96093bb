'use strict';

// randomBytes, randomFill(Sync), randomInt, randomUUID, getRandomValues.
// All bytes come from BoringSSL's RAND_bytes (cryptoBinding.randomFill), which
// seeds itself at run time on first use: nothing here draws randomness at
// load time, so none is baked into the snapshot.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const {
  validateBoolean, validateFunction, validateNumber, validateObject,
} = require('internal/validators');
const {
  isAnyArrayBuffer, isArrayBufferView, isTypedArray, isFloat32Array, isFloat64Array,
} = require('internal/util/types');
const { FastBuffer } = require('internal/buffer');
const { kMaxLength } = require('buffer');
const { cryptoBinding, kEmptyObject, lazyDOMException } = require('internal/crypto/util');

const kMaxInt32 = 2 ** 31 - 1;
const kMaxPossibleLength = Math.min(kMaxLength, kMaxInt32);

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, 'offset');
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) {
    throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${maxLength}`, offset);
  }
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, 'size');
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) {
    throw new ERR_OUT_OF_RANGE('size + offset', `<= ${length}`, size + offset);
  }
  return size >>> 0;
}

function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const buf = new FastBuffer(size);
  if (callback === undefined) {
    randomFillSync(buf.buffer, 0, size);
    return buf;
  }
  randomFill(buf.buffer, 0, size, function(error) {
    if (error) return Reflect.apply(callback, this, [error]);
    Reflect.apply(callback, this, [null, buf]);
  });
}

function checkBuf(buf) {
  if (!isAnyArrayBuffer(buf) && !isArrayBufferView(buf)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
}

// A view's offsets count from its own start; the binding wants the bytes.
function fill(buf, offset, size, callback) {
  if (isArrayBufferView(buf)) {
    return cryptoBinding.randomFill(buf.buffer, buf.byteOffset + offset, size, callback);
  }
  return cryptoBinding.randomFill(buf, offset, size, callback);
}

function randomFillSync(buf, offset = 0, size) {
  checkBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buf.byteLength);
  if (size === undefined) {
    size = buf.byteLength - offset;
  } else {
    size = assertSize(size, elementSize, offset, buf.byteLength);
  }
  if (size === 0) return buf;
  fill(buf, offset, size, undefined);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  checkBuf(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    // A length in elements here; assertSize makes it bytes.
    size = buf.length;
  } else if (typeof size === 'function') {
    callback = size;
    size = buf.length - offset;
  } else {
    validateFunction(callback, 'callback');
  }
  offset = assertOffset(offset, elementSize, buf.byteLength);
  if (size === undefined) {
    size = buf.byteLength - offset;
  } else {
    size = assertSize(size, elementSize, offset, buf.byteLength);
  }
  if (size === 0) {
    callback(null, buf);
    return;
  }
  fill(buf, offset, size, (err) => {
    if (err) return callback(err);
    callback(null, buf);
  });
}

// The largest integer readUIntBE(_, 6) gives.
const RAND_MAX = 0xFFFF_FFFF_FFFF;
// Six bytes per draw; refilled on demand (never at load time).
let randomCache;
let randomCacheOffset = 0;
let asyncCacheFillInProgress = false;
const asyncCachePendingTasks = [];

// An integer in [min, max), unbiased (rejection sampling).
function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) {
    throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= RAND_MAX)) {
    throw new ERR_OUT_OF_RANGE(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
  }
  const randLimit = RAND_MAX - (RAND_MAX % range);
  if (randomCache === undefined) {
    randomCache = new FastBuffer(6 * 1024);
    randomCacheOffset = randomCache.length;
  }
  while (isSync || (randomCacheOffset < randomCache.length)) {
    if (randomCacheOffset === randomCache.length) {
      randomFillSync(randomCache);
      randomCacheOffset = 0;
    }
    const x = randomCache.readUIntBE(randomCacheOffset, 6);
    randomCacheOffset += 6;
    if (x < randLimit) {
      const n = (x % range) + min;
      if (isSync) return n;
      process.nextTick(callback, undefined, n);
      return;
    }
  }
  asyncCachePendingTasks.push({ min, max, callback });
  asyncRefillRandomIntCache();
}

function asyncRefillRandomIntCache() {
  if (asyncCacheFillInProgress) return;
  asyncCacheFillInProgress = true;
  randomFill(randomCache, (err) => {
    asyncCacheFillInProgress = false;
    const tasks = asyncCachePendingTasks;
    const errorReceiver = err && tasks.splice(0, 1)[0];
    randomCacheOffset = err ? randomCache.length : 0;
    for (const { min, max, callback } of tasks.splice(0)) randomInt(min, max, callback);
    if (errorReceiver) errorReceiver.callback(err);
  });
}

// randomUUID: version 4, from a batch of 128 UUIDs' worth of random bytes
// (hex-encoded at once: one native call per batch) unless
// disableEntropyCache asks for fresh bytes.
const kBatch = 128;
let uuidData;
let uuidHex;
let uuidBatch = 0;
let uuidNotBuffered;

function setVersionBits(buf, offset) {
  buf[offset + 6] = (buf[offset + 6] & 0x0f) | 0x40;
  buf[offset + 8] = (buf[offset + 8] & 0x3f) | 0x80;
}

function formatUUID(hex, i) {
  return `${hex.slice(i, i + 8)}-${hex.slice(i + 8, i + 12)}-${hex.slice(i + 12, i + 16)}-` +
    `${hex.slice(i + 16, i + 20)}-${hex.slice(i + 20, i + 32)}`;
}

function getBufferedUUID() {
  if (uuidBatch === 0) {
    uuidData ??= new FastBuffer(16 * kBatch);
    randomFillSync(uuidData);
    for (let i = 0; i < kBatch; i++) setVersionBits(uuidData, i * 16);
    uuidHex = uuidData.hexSlice(0, uuidData.length);
  }
  const uuid = formatUUID(uuidHex, uuidBatch * 32);
  uuidBatch = (uuidBatch + 1) % kBatch;
  return uuid;
}

function getUnbufferedUUID() {
  uuidNotBuffered ??= new FastBuffer(16);
  randomFillSync(uuidNotBuffered);
  setVersionBits(uuidNotBuffered, 0);
  return formatUUID(uuidNotBuffered.hexSlice(0, 16), 0);
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const { disableEntropyCache = false } = options || kEmptyObject;
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  return disableEntropyCache ? getUnbufferedUUID() : getBufferedUUID();
}

// Web Crypto's getRandomValues: integer typed arrays of at most 64 KiB.
function getRandomValues(data) {
  if (!isTypedArray(data) || isFloat32Array(data) || isFloat64Array(data)) {
    throw lazyDOMException('The data argument must be an integer-type TypedArray',
                           'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw lazyDOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  randomFillSync(data, 0);
  return data;
}

module.exports = {
  getRandomValues,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
};
