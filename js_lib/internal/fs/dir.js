'use strict';

// fs.Dir (fs.opendir / opendirSync / fsPromises.opendir): a directory read
// a few entries at a time (options.bufferSize per binding call), in the
// order the file system gives them. One operation runs at a time: calls
// made while one is in flight are queued; synchronous ones throw
// ERR_DIR_CONCURRENT_OPERATION. With options.recursive, subdirectories are
// read (synchronously) as they are reached.

const fsb = binding('fs');
const pathModule = require('path');
const {
  codes: { ERR_DIR_CLOSED, ERR_DIR_CONCURRENT_OPERATION, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateUint32 } = require('internal/validators');
const { callbackReq, getOptions, getValidatedPath } = require('internal/fs/utils');
const { Dirent, entryPath, typeFromMode } = require('internal/fs/dirent');
const { lstatModeSync } = require('internal/fs/readdir');
const chunks = require('internal/streams/chunk');

const kDirHandle = Symbol('kDirHandle');
const kDirPath = Symbol('kDirPath');
const kDirBufferedEntries = Symbol('kDirBufferedEntries');
const kDirHandlerQueue = Symbol('kDirHandlerQueue');
const kDirClosed = Symbol('kDirClosed');
const kDirOptions = Symbol('kDirOptions');
const kDirOperationQueue = Symbol('kDirOperationQueue');

function makeDirent(path, name, type) {
  if (typeof name !== 'string') name = chunks.fromView(name);
  if (type === 0) type = typeFromMode(lstatModeSync(entryPath(path, name)));
  return new Dirent(name, type, path);
}

function openHandleSync(path) {
  const handle = new fsb.DirHandle();
  fsb.opendir(handle, path, undefined);
  return handle;
}

class Dir {
  constructor(handle, path, options) {
    if (handle == null) throw new ERR_MISSING_ARGS('handle');
    this[kDirHandle] = handle;
    this[kDirBufferedEntries] = [];
    this[kDirHandlerQueue] = [];
    this[kDirPath] = path;
    this[kDirClosed] = false;
    this[kDirOperationQueue] = null;
    this[kDirOptions] = { bufferSize: 32, ...getOptions(options, { encoding: 'utf8' }) };
    validateUint32(this[kDirOptions].bufferSize, 'options.bufferSize', true);
  }

  get path() {
    return this[kDirPath];
  }

  #encoding() {
    const enc = this[kDirOptions].encoding;
    return enc == null ? 'utf8' : enc;
  }

  #processReadResult(path, result) {
    for (let i = 0; i < result.length; i += 2) {
      this[kDirBufferedEntries].push(makeDirent(path, result[i], result[i + 1]));
    }
  }

  // Reads a whole subdirectory into the buffer (recursive mode).
  #readSyncRecursive(dirent) {
    const path = pathModule.join(dirent.parentPath, dirent.name);
    const handle = openHandleSync(path);
    try {
      for (;;) {
        const result = handle.read(this.#encoding(), this[kDirOptions].bufferSize, undefined);
        if (result === null) break;
        this.#processReadResult(path, result);
      }
    } finally {
      handle.close(undefined);
    }
  }

  #shift() {
    const dirent = this[kDirBufferedEntries].shift();
    if (this[kDirOptions].recursive && dirent.isDirectory()) this.#readSyncRecursive(dirent);
    return dirent;
  }

  read(callback) {
    return this.#readImpl(true, callback);
  }

  #readImpl(maybeSync, callback) {
    if (this[kDirClosed] === true) throw new ERR_DIR_CLOSED();
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.#readImpl(false, (err, dirent) => (err ? reject(err) : resolve(dirent)));
      });
    }
    validateFunction(callback, 'callback');
    if (this[kDirOperationQueue] !== null) {
      this[kDirOperationQueue].push(() => this.#readImpl(maybeSync, callback));
      return;
    }
    if (this[kDirBufferedEntries].length > 0) {
      let dirent;
      try {
        dirent = this.#shift();
      } catch (error) {
        return callback(error);
      }
      if (maybeSync) process.nextTick(callback, null, dirent);
      else callback(null, dirent);
      return;
    }
    this[kDirOperationQueue] = [];
    this[kDirHandle].read(this.#encoding(), this[kDirOptions].bufferSize, callbackReq(
      (err, result) => {
        process.nextTick(() => {
          const queue = this[kDirOperationQueue];
          this[kDirOperationQueue] = null;
          for (const op of queue) op();
        });
        if (err || result == null) return callback(err || null, null);
        let dirent;
        try {
          this.#processReadResult(this[kDirPath], result);
          dirent = this.#shift();
        } catch (error) {
          return callback(error);
        }
        callback(null, dirent);
      }));
  }

  readSync() {
    if (this[kDirClosed] === true) throw new ERR_DIR_CLOSED();
    if (this[kDirOperationQueue] !== null) throw new ERR_DIR_CONCURRENT_OPERATION();
    if (this[kDirBufferedEntries].length > 0) return this.#shift();
    const result = this[kDirHandle].read(this.#encoding(), this[kDirOptions].bufferSize,
                                         undefined);
    if (result === null) return null;
    this.#processReadResult(this[kDirPath], result);
    return this.#shift();
  }

  close(callback) {
    if (callback === undefined) {
      if (this[kDirClosed] === true) return Promise.reject(new ERR_DIR_CLOSED());
      return new Promise((resolve, reject) => {
        this.close((err) => (err ? reject(err) : resolve()));
      });
    }
    validateFunction(callback, 'callback');
    if (this[kDirClosed] === true) {
      process.nextTick(callback, new ERR_DIR_CLOSED());
      return;
    }
    if (this[kDirOperationQueue] !== null) {
      this[kDirOperationQueue].push(() => this.close(callback));
      return;
    }
    this[kDirClosed] = true;
    this[kDirHandle].close(callbackReq(callback));
  }

  closeSync() {
    if (this[kDirClosed] === true) throw new ERR_DIR_CLOSED();
    if (this[kDirOperationQueue] !== null) throw new ERR_DIR_CONCURRENT_OPERATION();
    this[kDirClosed] = true;
    this[kDirHandle].close(undefined);
  }

  async* entries() {
    try {
      for (;;) {
        const result = await this.read();
        if (result === null) break;
        yield result;
      }
    } finally {
      if (!this[kDirClosed]) await this.close();
    }
  }
}

Object.defineProperty(Dir.prototype, Symbol.asyncIterator, {
  __proto__: null,
  value: Dir.prototype.entries,
  enumerable: false,
  writable: true,
  configurable: true,
});

function opendir(path, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'callback');
  path = getValidatedPath(path);
  options = getOptions(options, { encoding: 'utf8' });
  const handle = new fsb.DirHandle();
  fsb.opendir(handle, path, callbackReq((error) => {
    if (error) return callback(error);
    let dir;
    try {
      dir = new Dir(handle, path, options);
    } catch (err) {
      return callback(err);
    }
    callback(null, dir);
  }));
}

function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = getOptions(options, { encoding: 'utf8' });
  return new Dir(openHandleSync(path), path, options);
}

function opendirPromise(path, options) {
  return new Promise((resolve, reject) => {
    opendir(path, options, (err, dir) => (err ? reject(err) : resolve(dir)));
  });
}

module.exports = { Dir, opendir, opendirPromise, opendirSync };
