'use strict';

// fs.rm / fs.rmSync / fs.rmdir (with the deprecated recursive option) and
// their promise forms: a recursive removal that unlinks files and empties
// directories depth-first, retrying on transient errors as Node's rimraf
// does (maxRetries, retryDelay). Children are named by bytes, so file names
// that are not UTF-8 are removed too.

const fsb = binding('fs');
const {
  codes: { ERR_FS_EISDIR },
  hideStackFrames,
} = require('internal/errors');
const {
  validateBoolean, validateFunction, validateInt32, validateObject, validateUint32,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');
const { callbackReq, getValidatedPath, makeCallback } = require('internal/fs/utils');
const { syncStatArray } = require('internal/fs/stats');
const { S_IFMT, S_IFDIR } = binding('constants').fs;
const { EISDIR } = binding('constants').os.errno;

const retryErrorCodes = new Set(['EBUSY', 'EMFILE', 'ENFILE', 'ENOTEMPTY', 'EPERM']);
const notEmptyErrorCodes = new Set(['ENOTEMPTY', 'EEXIST', 'EPERM']);

const defaultRmOptions = { recursive: false, force: false, retryDelay: 100, maxRetries: 0 };
const defaultRmdirOptions = { retryDelay: 100, maxRetries: 0, recursive: false };

const validateRmdirOptions = hideStackFrames((options, defaults = defaultRmdirOptions) => {
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, 'options.recursive');
  validateInt32(options.retryDelay, 'options.retryDelay', 0);
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
});

function isDir(stats) {
  return (stats[1] & S_IFMT) === S_IFDIR;
}

function eisdir(path) {
  return new ERR_FS_EISDIR({
    code: 'EISDIR', message: 'is a directory', path, syscall: 'rm', errno: EISDIR,
  });
}

// cb(err, options); cb(false) when expectDir and the path is not a directory.
const validateRmOptions = hideStackFrames((path, options, expectDir, cb) => {
  options = validateRmdirOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  fsb.lstat(path, false, callbackReq((err, stats) => {
    if (err) {
      if (options.force && err.code === 'ENOENT') return cb(null, options);
      return cb(err, options);
    }
    if (expectDir && !isDir(stats)) return cb(false);
    if (isDir(stats) && !options.recursive) return cb(eisdir(path));
    return cb(null, options);
  }));
});

const validateRmOptionsSync = hideStackFrames((path, options, expectDir) => {
  options = validateRmdirOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  if (!options.force || expectDir || !options.recursive) {
    let isDirectory;
    try {
      isDirectory = isDir(fsb.lstat(path, false, undefined, syncStatArray(false)));
    } catch (err) {
      if (!(options.force && (err.code === 'ENOENT' || err.code === 'ENOTDIR'))) throw err;
    }
    if (expectDir && !isDirectory) return false;
    if (isDirectory && !options.recursive) throw eisdir(path);
  }
  return options;
});

let recursiveRmdirWarned = false;
function emitRecursiveRmdirWarning() {
  if (recursiveRmdirWarned) return;
  recursiveRmdirWarned = true;
  process.emitWarning(
    'In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
    'will be removed. Use fs.rm(path, { recursive: true }) instead',
    'DeprecationWarning', 'DEP0147');
}

// `parent` + '/' + `child` as bytes (child as the binding's 'buffer' form).
function childPath(parent, child) {
  const p = typeof parent === 'string' ? chunks.fromString(parent, 'utf8') : parent;
  const out = new Uint8Array(p.length + 1 + child.length);
  out.set(p, 0);
  out[p.length] = 0x2f;
  out.set(child, p.length + 1);
  return out;
}

// ---- callback form ---------------------------------------------------------------------

function rimraf(path, options, callback) {
  let retries = 0;
  _rimraf(path, options, function CB(err) {
    if (err) {
      if (retryErrorCodes.has(err.code) && retries < options.maxRetries) {
        retries++;
        return setTimeout(_rimraf, retries * options.retryDelay, path, options, CB);
      }
      if (err.code === 'ENOENT') err = null;  // already gone
    }
    callback(err);
  });
}

function _rimraf(path, options, callback) {
  fsb.lstat(path, false, callbackReq((err, stats) => {
    if (err) {
      if (err.code === 'ENOENT') return callback(null);
    } else if (isDir(stats)) {
      return _rmdir(path, options, err, callback);
    }
    fsb.unlink(path, callbackReq((err) => {
      if (err) {
        if (err.code === 'ENOENT') return callback(null);
        if (err.code === 'EISDIR' || err.code === 'EPERM') {
          return _rmdir(path, options, err, callback);
        }
      }
      return callback(err);
    }));
  }));
}

function _rmdir(path, options, originalErr, callback) {
  fsb.rmdir(path, callbackReq((err) => {
    if (err) {
      if (notEmptyErrorCodes.has(err.code)) return _rmchildren(path, options, callback);
      if (err.code === 'ENOTDIR') return callback(originalErr);
    }
    callback(err);
  }));
}

function _rmchildren(path, options, callback) {
  fsb.readdir(path, 'buffer', false, callbackReq((err, files) => {
    if (err) return callback(err);
    let numFiles = files.length;
    const rmdirNow = () => fsb.rmdir(path, callbackReq((err) => callback(err || null)));
    if (numFiles === 0) return rmdirNow();
    let done = false;
    for (const child of files) {
      rimraf(childPath(path, child), options, (err) => {
        if (done) return;
        if (err) {
          done = true;
          return callback(err);
        }
        if (--numFiles === 0) rmdirNow();
      });
    }
  }));
}

function rm(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  path = getValidatedPath(path);
  validateFunction(callback, 'cb');
  validateRmOptions(path, options, false, (err, options) => {
    if (err) return callback(err);
    rimraf(path, options, callback);
  });
}

function rmdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    validateRmOptions(path, { ...options, force: false }, true, (err, options) => {
      if (err === false) return fsb.rmdir(path, callbackReq(callback));
      if (err) return callback(err);
      rimraf(path, options, callback);
    });
  } else {
    validateRmdirOptions(options);
    fsb.rmdir(path, callbackReq(callback));
  }
}

// ---- synchronous form ------------------------------------------------------------------

let sleepBuffer;
function sleep(ms) {
  sleepBuffer ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleepBuffer, 0, 0, ms);
}

function rimrafSync(path, options) {
  let stats;
  try {
    stats = fsb.lstat(path, false, undefined, syncStatArray(false));
  } catch (err) {
    if (err.code === 'ENOENT') return;
  }
  try {
    if (stats !== undefined && isDir(stats)) _rmdirSync(path, options, null);
    else _unlinkSync(path, options);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    if (err.code !== 'EISDIR' && err.code !== 'EPERM') throw err;
    _rmdirSync(path, options, err);
  }
}

function _unlinkSync(path, options) {
  const tries = options.maxRetries + 1;
  for (let i = 1; i <= tries; i++) {
    try {
      return fsb.unlink(path, undefined);
    } catch (err) {
      if (retryErrorCodes.has(err.code) && i < tries && options.retryDelay > 0) {
        sleep(i * options.retryDelay);
      } else if (err.code === 'ENOENT') {
        return;
      } else if (i === tries) {
        throw err;
      }
    }
  }
}

function _rmdirSync(path, options, originalErr) {
  try {
    fsb.rmdir(path, undefined);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    if (err.code === 'ENOTDIR') throw originalErr || err;
    if (notEmptyErrorCodes.has(err.code)) {
      for (const child of fsb.readdir(path, 'buffer', false, undefined)) {
        rimrafSync(childPath(path, child), options);
      }
      const tries = options.maxRetries + 1;
      for (let i = 1; i <= tries; i++) {
        try {
          return fsb.rmdir(path, undefined);
        } catch (err) {
          if (err.code === 'ENOENT') return;
          if (err.code === 'ENOTDIR') throw originalErr || err;
          if (i === tries) throw err;
          if (retryErrorCodes.has(err.code) && options.retryDelay > 0) {
            sleep(i * options.retryDelay);
          }
        }
      }
    }
    throw originalErr || err;
  }
}

function rmSync(path, options) {
  path = getValidatedPath(path);
  options = validateRmOptionsSync(path, options, false);
  return rimrafSync(path, options);
}

function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options?.recursive) {
    emitRecursiveRmdirWarning();
    options = validateRmOptionsSync(path, { ...options, force: false }, true);
    if (options !== false) return rimrafSync(path, options);
  } else {
    validateRmdirOptions(options);
  }
  fsb.rmdir(path, undefined);
}

// ---- promise forms -----------------------------------------------------------------------

async function rmPromise(path, options) {
  path = getValidatedPath(path);
  return new Promise((resolve, reject) => {
    validateRmOptions(path, options, false, (err, options) => {
      if (err) return reject(err);
      rimraf(path, options, (err) => (err ? reject(err) : resolve()));
    });
  });
}

async function rmdirPromise(path, options) {
  path = getValidatedPath(path);
  options = validateRmdirOptions(options);
  return new Promise((resolve, reject) => {
    const done = (err) => (err ? reject(err) : resolve());
    if (!options.recursive) return fsb.rmdir(path, callbackReq(done));
    emitRecursiveRmdirWarning();
    fsb.stat(path, false, callbackReq((err, stats) => {
      if (err) return reject(err);
      if (isDir(stats)) return rimraf(path, options, done);
      fsb.rmdir(path, callbackReq(done));
    }));
  });
}

module.exports = { rm, rmSync, rmdir, rmdirSync, rmPromise, rmdirPromise };
