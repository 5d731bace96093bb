'use strict';

// fs.ReadStream and fs.WriteStream over the callback API (or a custom
// options.fs, or a FileHandle given as options.fd). A stream never closes
// its fd while a read or write is on the worker pool: destroy waits for it.

const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const { errorOrDestroy } = require('internal/streams/destroy');
const finished = require('internal/streams/end-of-stream');  // the callback form
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, ERR_OUT_OF_RANGE, ERR_STREAM_DESTROYED,
    ERR_SYSTEM_ERROR,
  },
} = require('internal/errors');
const { validateBoolean, validateFunction, validateInteger } = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');
const chunks = require('internal/streams/chunk');
const {
  copyObject, getOptions, getValidatedFd, kEmptyObject, toPathIfFileURL, validatePath,
} = require('internal/fs/utils');
const { FileHandle, kRef, kUnref } = require('internal/fs/file_handle');

const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kFs = Symbol('kFs');
const kHandle = Symbol('kHandle');

function lazyFs() {
  return require('fs');
}

// The callback-style operations a stream uses, over a FileHandle.
function fileHandleOperations(handle) {
  return {
    open: () => { throw new ERR_METHOD_NOT_IMPLEMENTED('open()'); },
    close: (fd, cb) => {
      handle[kUnref]();
      handle.close().then(() => cb(), cb);
    },
    read: (fd, buf, offset, length, pos, cb) => {
      handle.read(buf, offset, length, pos).then(
        (r) => cb(null, r.bytesRead, r.buffer), (err) => cb(err, 0, buf));
    },
    write: (fd, buf, offset, length, pos, cb) => {
      handle.write(buf, offset, length, pos).then(
        (r) => cb(null, r.bytesWritten, r.buffer), (err) => cb(err, 0, buf));
    },
    writev: (fd, buffers, pos, cb) => {
      handle.writev(buffers, pos).then(
        (r) => cb(null, r.bytesWritten, r.buffers), (err) => cb(err, 0, buffers));
    },
    fsync: (fd, cb) => {
      handle.sync().then(() => cb(), cb);
    },
  };
}

function importFd(stream, options) {
  if (typeof options.fd === 'number') {
    stream[kFs] = options.fs || lazyFs();
    return options.fd;
  }
  if (typeof options.fd === 'object' && options.fd instanceof FileHandle) {
    if (options.fs) throw new ERR_METHOD_NOT_IMPLEMENTED('FileHandle with fs');
    stream[kHandle] = options.fd;
    stream[kFs] = fileHandleOperations(stream[kHandle]);
    stream[kHandle][kRef]();
    options.fd.on('close', stream.close.bind(stream));
    return options.fd.fd;
  }
  throw new ERR_INVALID_ARG_TYPE('options.fd', ['number', 'FileHandle'], options.fd);
}

// Path or fd, flags and mode: what both streams take alike.
function setTarget(stream, path, options, defaultFlags) {
  if (options.fd == null) {
    stream.fd = null;
    stream[kFs] = options.fs || lazyFs();
    validateFunction(stream[kFs].open, 'options.fs.open');
    // The path is ignored when an fd is given, so it may be falsy then.
    stream.path = toPathIfFileURL(path);
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
    validatePath(stream.path);
  } else {
    stream.fd = getValidatedFd(importFd(stream, options));
  }
}

function _construct(callback) {
  const stream = this;
  if (typeof stream.fd === 'number') {
    callback();
    return;
  }
  if (stream.open !== openWriteFs && stream.open !== openReadFs) {
    // A monkey-patched open(): wait for its 'open' or 'error'.
    const orgEmit = stream.emit;
    stream.emit = function(...args) {
      if (args[0] === 'open') {
        this.emit = orgEmit;
        callback();
        Reflect.apply(orgEmit, this, args);
      } else if (args[0] === 'error') {
        this.emit = orgEmit;
        callback(args[1]);
      } else {
        Reflect.apply(orgEmit, this, args);
      }
    };
    stream.open();
    return;
  }
  stream[kFs].open(stream.path, stream.flags, stream.mode, (er, fd) => {
    if (er) {
      callback(er);
    } else {
      stream.fd = fd;
      callback();
      stream.emit('open', stream.fd);
      stream.emit('ready');
    }
  });
}

function closeAfterSync(stream, err, cb) {
  stream[kFs].close(stream.fd, (er) => cb(er || err));
  stream.fd = null;
}

function close(stream, err, cb) {
  if (!stream.fd) {
    cb(err);
  } else if (stream.flush) {
    stream[kFs].fsync(stream.fd, (flushErr) => closeAfterSync(stream, err || flushErr, cb));
  } else {
    closeAfterSync(stream, err, cb);
  }
}

function destroyAfterIo(err, cb) {
  if (this[kIsPerformingIO]) {
    this.once(kIoDone, (er) => close(this, err || er, cb));
  } else {
    close(this, err, cb);
  }
}

function defineCommon(Stream) {
  Object.defineProperty(Stream.prototype, 'autoClose', {
    __proto__: null,
    get() { return this[Stream === ReadStream ? '_readableState' : '_writableState'].autoDestroy; },
    set(val) { this[Stream === ReadStream ? '_readableState' : '_writableState'].autoDestroy = val; },
  });
  Object.defineProperty(Stream.prototype, 'pending', {
    __proto__: null,
    get() { return this.fd === null; },
    configurable: true,
  });
  Stream.prototype._construct = _construct;
  Stream.prototype._destroy = destroyAfterIo;
}

// ---- ReadStream ----------------------------------------------------------------------

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = copyObject(getOptions(options, kEmptyObject));
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) options.autoDestroy = false;
  setTarget(this, path, options, 'r');
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  validateFunction(this[kFs].read, 'options.fs.read');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  this.start = options.start;
  this.end = options.end ?? Infinity;
  this.pos = undefined;
  this.bytesRead = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Reflect.apply(Readable, this, [options]);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

const openReadFs = deprecate(function() {},
                             'ReadStream.prototype.open() is deprecated', 'DEP0135');
ReadStream.prototype.open = openReadFs;
defineCommon(ReadStream);

ReadStream.prototype._read = function(n) {
  n = this.pos !== undefined ?
    Math.min(this.end - this.pos + 1, n) :
    Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  const buf = chunks.alloc(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buf, 0, n, this.pos, (er, bytesRead, buf) => {
    this[kIsPerformingIO] = false;
    // destroy() waits for this read before it closes the fd.
    if (this.destroyed) {
      this.emit(kIoDone, er);
      return;
    }
    if (er) {
      errorOrDestroy(this, er);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      if (bytesRead !== buf.length) {
        // Copy rather than slice: a short read must not pin the big buffer.
        const dst = chunks.alloc(bytesRead);
        dst.set(buf.subarray(0, bytesRead));
        buf = dst;
      }
      this.push(buf);
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype.close = function(cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

// ---- WriteStream ---------------------------------------------------------------------

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = copyObject(getOptions(options, kEmptyObject));
  // Strings are turned into bytes by Writable before _write sees them.
  options.decodeStrings = true;
  setTarget(this, path, options, 'w');
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  if (!this[kFs].write && !this[kFs].writev) {
    throw new ERR_INVALID_ARG_TYPE('options.fs.write', 'function', this[kFs].write);
  }
  if (this[kFs].write) validateFunction(this[kFs].write, 'options.fs.write');
  if (this[kFs].writev) validateFunction(this[kFs].writev, 'options.fs.writev');
  if (options.autoDestroy) validateFunction(this[kFs].close, 'options.fs.close');
  // Overriding either one is enough; the other is then unused.
  if (!this[kFs].write) this._write = null;
  if (!this[kFs].writev) this._writev = null;
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  this[kIsPerformingIO] = false;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (options.flush == null) {
    this.flush = false;
  } else {
    validateBoolean(options.flush, 'options.flush');
    this.flush = options.flush;
  }
  Reflect.apply(Writable, this, [options]);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

const openWriteFs = deprecate(function() {},
                              'WriteStream.prototype.open() is deprecated', 'DEP0135');
WriteStream.prototype.open = openWriteFs;
defineCommon(WriteStream);

// Writes until all `size` bytes are out; a write that makes no progress
// five times in a row is an error.
function writeAll(data, size, pos, cb, retries = 0) {
  this[kFs].write(this.fd, data, 0, size, pos, (er, bytesWritten, buffer) => {
    if (er?.code === 'EAGAIN') {
      er = null;
      bytesWritten = 0;
    }
    if (this.destroyed || er) return cb(er || new ERR_STREAM_DESTROYED('write'));
    this.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    pos += bytesWritten;
    if (retries > 5) {
      cb(new ERR_SYSTEM_ERROR('write failed'));
    } else if (size) {
      writeAll.call(this, buffer.subarray(bytesWritten), size, pos, cb, retries);
    } else {
      cb();
    }
  });
}

function concatBytes(list) {
  let total = 0;
  for (const b of list) total += b.byteLength;
  const out = chunks.alloc(total);
  let at = 0;
  for (const b of list) {
    out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), at);
    at += b.byteLength;
  }
  return out;
}

function writevAll(list, size, pos, cb, retries = 0) {
  this[kFs].writev(this.fd, list, this.pos, (er, bytesWritten, buffers) => {
    if (er?.code === 'EAGAIN') {
      er = null;
      bytesWritten = 0;
    }
    if (this.destroyed || er) return cb(er || new ERR_STREAM_DESTROYED('writev'));
    this.bytesWritten += bytesWritten;
    retries = bytesWritten ? 0 : retries + 1;
    size -= bytesWritten;
    pos += bytesWritten;
    if (retries > 5) {
      cb(new ERR_SYSTEM_ERROR('writev failed'));
    } else if (size) {
      writevAll.call(this, [concatBytes(buffers).subarray(bytesWritten)], size, pos, cb, retries);
    } else {
      cb();
    }
  });
}

function afterIo(stream, cb) {
  return (er) => {
    stream[kIsPerformingIO] = false;
    if (stream.destroyed) {
      // destroy() waits for this write before it closes the fd.
      cb(er);
      return stream.emit(kIoDone, er);
    }
    cb(er);
  };
}

WriteStream.prototype._write = function(data, encoding, cb) {
  this[kIsPerformingIO] = true;
  writeAll.call(this, data, data.length, this.pos, afterIo(this, cb));
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function(data, cb) {
  const list = new Array(data.length);
  let size = 0;
  for (let i = 0; i < data.length; i++) {
    list[i] = data[i].chunk;
    size += list[i].length;
  }
  this[kIsPerformingIO] = true;
  writevAll.call(this, list, size, this.pos, afterIo(this, cb));
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype.close = function(cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  // Without autoClose, finishing is what ends the stream.
  if (!this.autoClose) this.on('finish', this.destroy);
  // end(), not destroy(): queued writes still go out.
  this.end();
};

// Files have no shutdown().
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

module.exports = { ReadStream, WriteStream };
