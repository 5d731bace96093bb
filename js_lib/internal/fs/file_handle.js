'use strict';

// fs/promises' FileHandle and the promise operations on an open fd. A
// FileHandle counts the operations in flight: close() waits for them, and
// an operation on a closed handle rejects with EBADF ("file closed").

const EventEmitter = require('events');
const fsb = binding('fs');
const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_STATE },
} = require('internal/errors');
const {
  kValidateObjectAllowNullable, parseFileMode, validateBuffer, validateEncoding,
  validateInteger, validateObject, validateString,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');
const {
  callPromise, kEmptyObject, toUnixTimestamp, validateBufferArray, validateOffsetLengthRead,
  validateOffsetLengthWrite, validatePosition, validateId, isEncoding,
} = require('internal/fs/utils');
const { getStatsFromBinding } = require('internal/fs/stats');

const kFd = Symbol('kFd');
const kRefs = Symbol('kRefs');
const kClosePromise = Symbol('kClosePromise');
const kCloseResolve = Symbol('kCloseResolve');
const kCloseReject = Symbol('kCloseReject');
const kRef = Symbol('kRef');
const kUnref = Symbol('kUnref');
const kLocked = Symbol('kLocked');  // a readableWebStream() has it

function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

// An EventEmitter by mixin, as Node's (not an `instanceof EventEmitter`).
// A FileHandle collected while open: close its fd and warn, as Node does.
let closeOnGc;
function gcRegistry() {
  closeOnGc ??= new FinalizationRegistry((fd) => {
    try {
      fsb.close(fd, undefined);
    } catch {
      return;
    }
    process.emitWarning(`Closing file descriptor ${fd} on garbage collection`);
    process.emitWarning(
      'Closing a FileHandle object on garbage collection is deprecated. ' +
      'Please close FileHandle objects explicitly using ' +
      'FileHandle.prototype.close(). In the future, an error will be ' +
      'thrown if a file descriptor is closed during garbage collection.',
      'DeprecationWarning', 'DEP0137');
  });
  return closeOnGc;
}

class FileHandle {
  constructor(fd) {
    EventEmitter.call(this);
    this[kFd] = fd;
    this[kRefs] = 1;
    this[kClosePromise] = null;
    gcRegistry().register(this, fd, this);
    // An own property, as in Node, so `const { close } = handle` works.
    this.close = () => {
      if (this[kFd] === -1) return Promise.resolve();
      if (this[kClosePromise]) return this[kClosePromise];
      this[kRefs]--;
      if (this[kRefs] === 0) {
        const fd = this[kFd];
        this[kFd] = -1;
        closeOnGc.unregister(this);
        this[kClosePromise] = callPromise(fsb.close, fd).finally(() => {
          this[kClosePromise] = undefined;
        });
      } else {
        this[kClosePromise] = new Promise((resolve, reject) => {
          this[kCloseResolve] = resolve;
          this[kCloseReject] = reject;
        }).finally(() => {
          this[kClosePromise] = undefined;
          this[kCloseReject] = undefined;
          this[kCloseResolve] = undefined;
        });
      }
      this.emit('close');
      return this[kClosePromise];
    };
  }

  getAsyncId() {
    return -1;
  }

  get fd() {
    return this[kFd];
  }

  appendFile(data, options) {
    return fsCall(lazyPromises().writeFileHandleAppend, this, data, options);
  }

  chmod(mode) {
    return fsCall(fchmod, this, mode);
  }

  chown(uid, gid) {
    return fsCall(fchown, this, uid, gid);
  }

  datasync() {
    return fsCall(fdatasync, this);
  }

  sync() {
    return fsCall(fsync, this);
  }

  read(buffer, offset, length, position) {
    return fsCall(read, this, buffer, offset, length, position);
  }

  readv(buffers, position) {
    return fsCall(readv, this, buffers, position);
  }

  readFile(options) {
    return fsCall(lazyPromises().readFileHandle, this, options);
  }

  readLines(options = undefined) {
    const { createInterface } = require('readline');
    return createInterface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }

  stat(options) {
    return fsCall(fstat, this, options);
  }

  truncate(len = 0) {
    return fsCall(ftruncate, this, len);
  }

  utimes(atime, mtime) {
    return fsCall(futimes, this, atime, mtime);
  }

  write(buffer, offset, length, position) {
    return fsCall(write, this, buffer, offset, length, position);
  }

  writev(buffers, position) {
    return fsCall(writev, this, buffers, position);
  }

  writeFile(data, options) {
    return fsCall(lazyPromises().writeFileHandleOptions, this, data, options);
  }

  readableWebStream(options = kEmptyObject) {
    if (this[kFd] === -1) throw new ERR_INVALID_STATE('The FileHandle is closed');
    if (this[kClosePromise]) throw new ERR_INVALID_STATE('The FileHandle is closing');
    if (this[kLocked]) throw new ERR_INVALID_STATE('The FileHandle is locked');
    if (options.type !== undefined) validateString(options.type, 'options.type');
    if (typeof globalThis.ReadableStream !== 'function') {
      throw new ERR_INVALID_STATE('Web streams are not available');
    }
    const handle = this;
    this[kRef]();
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        handle[kUnref]();
      }
    };
    this[kLocked] = true;
    const bytes = options.type === 'bytes';
    const readable = new globalThis.ReadableStream({
      type: bytes ? 'bytes' : undefined,
      async pull(controller) {
        const buffer = new Uint8Array(16384);
        const n = await callPromise(fsb.read, handle.fd, buffer, 0, buffer.length, -1);
        if (n === 0) {
          finish();
          controller.close();
          return;
        }
        // As Node 20: a byte stream's chunks are Uint8Arrays, the other's
        // ArrayBuffers.
        controller.enqueue(bytes ? buffer.subarray(0, n) : buffer.buffer.slice(0, n));
      },
      cancel() {
        finish();
      },
    });
    // Closing the handle ends the stream: its reader sees it closed.
    this.once('close', () => {
      require('internal/webstreams/readable_ops').readableStreamCancel(readable);
      finish();
    });
    return readable;
  }

  createReadStream(options = undefined) {
    const { ReadStream } = require('internal/fs/streams');
    return new ReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    const { WriteStream } = require('internal/fs/streams');
    return new WriteStream(undefined, { ...options, fd: this });
  }

  [kRef]() {
    this[kRefs]++;
  }

  [kUnref]() {
    this[kRefs]--;
    if (this[kRefs] === 0) {
      const fd = this[kFd];
      this[kFd] = -1;
      closeOnGc.unregister(this);
      callPromise(fsb.close, fd).then(this[kCloseResolve], this[kCloseReject]);
    }
  }
}

for (const key of Reflect.ownKeys(EventEmitter.prototype)) {
  if (key === 'constructor' || Object.prototype.hasOwnProperty.call(FileHandle.prototype, key)) {
    continue;
  }
  Object.defineProperty(FileHandle.prototype, key,
                        Object.getOwnPropertyDescriptor(EventEmitter.prototype, key));
}

if (typeof Symbol.asyncDispose === 'symbol') {
  Object.defineProperty(FileHandle.prototype, Symbol.asyncDispose, {
    __proto__: null,
    configurable: true,
    writable: true,
    value: function() { return this.close(); },
  });
}

let promisesModule;
function lazyPromises() {
  promisesModule ??= require('internal/fs/promises');
  return promisesModule;
}

async function fsCall(fn, handle, ...args) {
  if (!(handle instanceof FileHandle)) {
    throw new ERR_INVALID_ARG_TYPE('filehandle', 'FileHandle', handle);
  }
  if (handle.fd === -1) {
    const err = new Error('file closed');
    err.code = 'EBADF';
    err.syscall = fn.name;
    throw err;
  }
  try {
    handle[kRef]();
    return await fn(handle, ...args);
  } finally {
    handle[kUnref]();
  }
}

// ---- operations on a handle ---------------------------------------------------------

async function fchmod(handle, mode) {
  mode = parseFileMode(mode, 'mode');
  return callPromise(fsb.fchmod, handle.fd, mode);
}

async function fchown(handle, uid, gid) {
  validateId(uid, 'uid');
  validateId(gid, 'gid');
  return callPromise(fsb.fchown, handle.fd, uid, gid);
}

async function fdatasync(handle) {
  return callPromise(fsb.fdatasync, handle.fd);
}

async function fsync(handle) {
  return callPromise(fsb.fsync, handle.fd);
}

async function fstat(handle, options = { bigint: false }) {
  const result = await callPromise(fsb.fstat, handle.fd, Boolean(options.bigint));
  return getStatsFromBinding(result);
}

async function ftruncate(handle, len = 0) {
  validateInteger(len, 'len');
  len = Math.max(0, len);
  return callPromise(fsb.ftruncate, handle.fd, len);
}

async function futimes(handle, atime, mtime) {
  atime = toUnixTimestamp(atime, 'atime');
  mtime = toUnixTimestamp(mtime, 'mtime');
  return callPromise(fsb.futimes, handle.fd, atime, mtime);
}

async function read(handle, bufferOrParams, offset, length, position) {
  let buffer = bufferOrParams;
  if (!ArrayBuffer.isView(buffer)) {
    // read(params)
    if (bufferOrParams !== undefined) {
      validateObject(bufferOrParams, 'options', kValidateObjectAllowNullable);
    }
    ({
      buffer = chunks.alloc(16384).fill(0),
      offset = 0,
      length = buffer.byteLength - offset,
      position = null,
    } = bufferOrParams ?? kEmptyObject);
    validateBuffer(buffer);
  }
  if (offset !== null && typeof offset === 'object') {
    // read(buffer, options)
    ({
      offset = 0,
      length = buffer.byteLength - offset,
      position = null,
    } = offset);
  }
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length ??= buffer.byteLength - offset;
  if (length === 0) return { __proto__: null, bytesRead: length, buffer };
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  if (position == null) {
    position = -1;
  } else {
    validatePosition(position, 'position', length);
  }
  const bytesRead = (await callPromise(fsb.read, handle.fd, buffer, offset, length,
                                       position)) || 0;
  return { __proto__: null, bytesRead, buffer };
}

async function readv(handle, buffers, position) {
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  const bytesRead = (await callPromise(fsb.readBuffers, handle.fd, buffers, position)) || 0;
  return { __proto__: null, bytesRead, buffers };
}

function validateStringAfterArrayBufferView(buffer, name) {
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
}

async function write(handle, buffer, offsetOrOptions, length, position) {
  if (buffer?.byteLength === 0) return { __proto__: null, bytesWritten: 0, buffer };
  let offset = offsetOrOptions;
  if (ArrayBuffer.isView(buffer)) {
    if (typeof offset === 'object') {
      ({
        offset = 0,
        length = buffer.byteLength - offset,
        position = null,
      } = offsetOrOptions ?? kEmptyObject);
    }
    if (offset == null) {
      offset = 0;
    } else {
      validateInteger(offset, 'offset', 0);
    }
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    const bytesWritten = (await callPromise(fsb.writeBuffer, handle.fd, buffer, offset, length,
                                            position)) || 0;
    return { __proto__: null, bytesWritten, buffer };
  }
  validateStringAfterArrayBufferView(buffer, 'buffer');
  validateEncoding(buffer, length);
  const pos = typeof offset === 'number' || typeof offset === 'bigint' ? offset : null;
  const enc = typeof length === 'string' && isEncoding(length) ? length : 'utf8';
  const bytesWritten = (await callPromise(fsb.writeString, handle.fd, buffer, pos, enc)) || 0;
  return { __proto__: null, bytesWritten, buffer };
}

async function writev(handle, buffers, position) {
  validateBufferArray(buffers);
  if (typeof position !== 'number') position = null;
  if (buffers.length === 0) return { __proto__: null, bytesWritten: 0, buffers };
  const bytesWritten = (await callPromise(fsb.writeBuffers, handle.fd, buffers, position)) || 0;
  return { __proto__: null, bytesWritten, buffers };
}

module.exports = {
  FileHandle,
  checkAborted,
  fchmod,
  fchown,
  fdatasync,
  fsCall,
  fstat,
  fsync,
  ftruncate,
  futimes,
  kRef,
  kUnref,
  read,
  readv,
  write,
  writev,
};
