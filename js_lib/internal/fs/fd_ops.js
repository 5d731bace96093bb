'use strict';

// fs calls on file descriptors, synchronous and callback forms: open,
// close, read, readv, write, writev, fsync, fdatasync, ftruncate, truncate.
// Argument handling follows Node's overloads (options objects, omitted
// arguments, string writes whose "length" is an encoding).

const fsb = binding('fs');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
  aggregateTwoErrors,
} = require('internal/errors');
const {
  kValidateObjectAllowNullable, parseFileMode, validateBuffer, validateEncoding,
  validateFunction, validateInteger, validateObject,
} = require('internal/validators');
const { customPromisifyArgs } = require('internal/util/promisify');
const chunks = require('internal/streams/chunk');
const {
  callbackReq, flagsForBinding, getValidatedFd, getValidatedPath, isEncoding, kEmptyObject,
  makeCallback, stringToFlags, validateBufferArray, validateOffsetLengthRead,
  validateOffsetLengthWrite, validatePosition,
} = require('internal/fs/utils');

const kDefaultReadSize = 16384;

function maybeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

// ---- open / close ----------------------------------------------------------------

function open(path, flags, mode, callback) {
  path = getValidatedPath(path);
  if (arguments.length < 3) {
    callback = flags;
    flags = 'r';
    mode = 0o666;
  } else if (typeof mode === 'function') {
    callback = mode;
    mode = 0o666;
  } else {
    mode = parseFileMode(mode, 'mode', 0o666);
  }
  const flagsNumber = stringToFlags(flags);
  callback = makeCallback(callback);
  fsb.open(path, flagsForBinding(flagsNumber), mode, callbackReq(callback));
}

function openSync(path, flags, mode) {
  return fsb.open(getValidatedPath(path), flagsForBinding(stringToFlags(flags)),
                  parseFileMode(mode, 'mode', 0o666), undefined);
}

function defaultCloseCallback(err) {
  if (err != null) throw err;
}

function close(fd, callback = defaultCloseCallback) {
  fd = getValidatedFd(fd);
  if (callback !== defaultCloseCallback) callback = makeCallback(callback);
  fsb.close(fd, callbackReq(callback));
}

function closeSync(fd) {
  fsb.close(getValidatedFd(fd), undefined);
}

// ---- read ------------------------------------------------------------------------

function emptyBufferError(buffer) {
  return new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
}

function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      // read(fd, buffer, options, callback)
      validateObject(offsetOrOptions, 'options', kValidateObjectAllowNullable);
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      // read(fd, bufferOrParams, callback)
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer;
        ({ buffer = chunks.alloc(kDefaultReadSize).fill(0) } = params ?? kEmptyObject);
      }
      callback = offsetOrOptions;
    } else {
      // read(fd, callback)
      callback = buffer;
      buffer = chunks.alloc(kDefaultReadSize).fill(0);
    }
    if (params !== undefined) validateObject(params, 'options', kValidateObjectAllowNullable);
    ({
      offset = 0,
      length = buffer?.byteLength - offset,
      position = null,
    } = params ?? kEmptyObject);
  }
  validateBuffer(buffer);
  validateFunction(callback, 'cb');
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length |= 0;
  if (length === 0) {
    process.nextTick(function tick() { callback(null, 0, buffer); });
    return;
  }
  if (buffer.byteLength === 0) throw emptyBufferError(buffer);
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  validatePosition(position, 'position', length);
  fsb.read(fd, buffer, offset, length, position, callbackReq((err, bytesRead) => {
    callback(err, bytesRead || 0, buffer);
  }));
}
Object.defineProperty(read, customPromisifyArgs, {
  __proto__: null, value: ['bytesRead', 'buffer'], enumerable: false,
});

function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  validateBuffer(buffer);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions !== undefined) {
      validateObject(offsetOrOptions, 'options', kValidateObjectAllowNullable);
    }
    ({
      offset = 0,
      length = buffer.byteLength - offset,
      position = null,
    } = offsetOrOptions ?? kEmptyObject);
  }
  if (offset === undefined) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length |= 0;
  if (length === 0) return 0;
  if (buffer.byteLength === 0) throw emptyBufferError(buffer);
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) position = -1;
  validatePosition(position, 'position', length);
  return fsb.read(fd, buffer, offset, length, position, undefined);
}

function readv(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = maybeCallback(callback || position);
  if (typeof position !== 'number') position = null;
  fsb.readBuffers(fd, buffers, position, callbackReq((err, bytesRead) => {
    callback(err, bytesRead || 0, buffers);
  }));
}
Object.defineProperty(readv, customPromisifyArgs, {
  __proto__: null, value: ['bytesRead', 'buffers'], enumerable: false,
});

function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  return fsb.readBuffers(fd, buffers, position, undefined);
}

// ---- write -----------------------------------------------------------------------

function validateStringAfterArrayBufferView(buffer, name) {
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

// The binding's position for a string write: numbers and bigints, else -1.
function stringPosition(position) {
  return typeof position === 'number' || typeof position === 'bigint' ? position : null;
}

function stringEncoding(encoding) {
  return typeof encoding === 'string' && isEncoding(encoding) ? encoding : 'utf8';
}

function write(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  const wrapper = (err, written) => callback(err, written || 0, buffer);
  if (ArrayBuffer.isView(buffer)) {
    callback = maybeCallback(callback || position || length || offset);
    if (typeof offset === 'object') {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? kEmptyObject);
    }
    if (offset == null || typeof offset === 'function') {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    fsb.writeBuffer(fd, buffer, offset, length, position, callbackReq(wrapper));
    return;
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  if (typeof position !== 'function') {
    if (typeof offset === 'function') {
      position = offset;
      offset = null;
    } else {
      position = length;
    }
    length = 'utf8';
  }
  validateEncoding(buffer, length);
  callback = maybeCallback(position);
  fsb.writeString(fd, buffer, stringPosition(offset), stringEncoding(length),
                  callbackReq(wrapper));
}
Object.defineProperty(write, customPromisifyArgs, {
  __proto__: null, value: ['bytesWritten', 'buffer'], enumerable: false,
});

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? kEmptyObject);
    }
    if (position === undefined) position = null;
    if (offset == null) {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
    return fsb.writeBuffer(fd, buffer, offset, length, position, undefined);
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  validateEncoding(buffer, length);
  return fsb.writeString(fd, buffer, stringPosition(offset), stringEncoding(length), undefined);
}

function writev(fd, buffers, position, callback) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = maybeCallback(callback || position);
  if (buffers.length === 0) {
    process.nextTick(callback, null, 0, buffers);
    return;
  }
  if (typeof position !== 'number') position = null;
  fsb.writeBuffers(fd, buffers, position, callbackReq((err, written) => {
    callback(err, written || 0, buffers);
  }));
}
Object.defineProperty(writev, customPromisifyArgs, {
  __proto__: null, value: ['bytesWritten', 'buffer'], enumerable: false,
});

function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (buffers.length === 0) return 0;
  if (typeof position !== 'number') position = null;
  return fsb.writeBuffers(fd, buffers, position, undefined);
}

// ---- fsync, truncate ---------------------------------------------------------------

function fsync(fd, callback) {
  fd = getValidatedFd(fd);
  fsb.fsync(fd, callbackReq(makeCallback(callback)));
}

function fsyncSync(fd) {
  fsb.fsync(getValidatedFd(fd), undefined);
}

function fdatasync(fd, callback) {
  fd = getValidatedFd(fd);
  fsb.fdatasync(fd, callbackReq(makeCallback(callback)));
}

function fdatasyncSync(fd) {
  fsb.fdatasync(getValidatedFd(fd), undefined);
}

function ftruncate(fd, len = 0, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  len = Math.max(0, len);
  fsb.ftruncate(fd, len, callbackReq(makeCallback(callback)));
}

function ftruncateSync(fd, len = 0) {
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  fsb.ftruncate(fd, Math.max(0, len), undefined);
}

let truncateWarned = false;
function showTruncateDeprecation() {
  if (truncateWarned) return;
  truncateWarned = true;
  process.emitWarning(
    'Using fs.truncate with a file descriptor is deprecated. Please use ' +
    'fs.ftruncate with a file descriptor instead.', 'DeprecationWarning', 'DEP0081');
}

function truncate(path, len, callback) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncate(path, len, callback);
  }
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  } else if (len === undefined) {
    len = 0;
  }
  validateInteger(len, 'len');
  len = Math.max(0, len);
  callback = maybeCallback(callback);
  open(path, 'r+', (er, fd) => {
    if (er) return callback(er);
    fsb.ftruncate(fd, len, callbackReq((er) => {
      close(fd, (er2) => callback(aggregateTwoErrors(er2, er)));
    }));
  });
}

function truncateSync(path, len) {
  if (typeof path === 'number') {
    showTruncateDeprecation();
    return ftruncateSync(path, len);
  }
  if (len === undefined) len = 0;
  const fd = openSync(path, 'r+');
  try {
    return ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}

module.exports = {
  close,
  closeSync,
  fdatasync,
  fdatasyncSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  open,
  openSync,
  read,
  readSync,
  readv,
  readvSync,
  truncate,
  truncateSync,
  write,
  writeSync,
  writev,
  writevSync,
};
