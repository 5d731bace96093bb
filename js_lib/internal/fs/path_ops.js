'use strict';

// fs calls on paths (and their fd twins), synchronous and callback forms:
// stat family, access/exists, mkdir, mkdtemp, unlink, rename, copyFile,
// link, symlink, readlink, realpath.native. (chmod, chown and utimes are
// in internal/fs/attr_ops.)

const fsb = binding('fs');
const {
  codes: { ERR_FS_INVALID_SYMLINK_TYPE },
  hideStackFrames,
} = require('internal/errors');
const {
  parseFileMode, validateBoolean, validateFunction,
} = require('internal/validators');
const { promisify } = require('internal/util/promisify');
const {
  asBufferIfBytes, bindingEncoding, callbackReq, constants, getOptions, getValidatedFd,
  getValidatedPath, kEmptyObject, makeCallback, warnOnNonPortableTemplate,
} = require('internal/fs/utils');
const { getStatFsFromBinding, getStatsFromBinding, syncStatArray } =
  require('internal/fs/stats');

const { F_OK, R_OK, W_OK, X_OK, UV_FS_SYMLINK_DIR, UV_FS_SYMLINK_JUNCTION } = constants;

// ---- stat --------------------------------------------------------------------------

function makeStatsCallback(cb) {
  validateFunction(cb, 'cb');
  return (err, stats) => {
    if (err) return cb(err);
    cb(err, getStatsFromBinding(stats));
  };
}

function stat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  callback = makeStatsCallback(callback);
  path = getValidatedPath(path);
  fsb.stat(path, Boolean(options.bigint), callbackReq(callback));
}

function lstat(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  callback = makeStatsCallback(callback);
  path = getValidatedPath(path);
  fsb.lstat(path, Boolean(options.bigint), callbackReq(callback));
}

function fstat(fd, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  fd = getValidatedFd(fd);
  callback = makeStatsCallback(callback);
  fsb.fstat(fd, Boolean(options.bigint), callbackReq(callback));
}

// A synchronous stat family call; throwIfNoEntry: false turns ENOENT and
// ENOTDIR into undefined.
function statSyncWith(fn, target, options) {
  const bigint = Boolean(options.bigint);
  let stats;
  try {
    stats = fn(target, bigint, undefined, syncStatArray(bigint));
  } catch (err) {
    if (options.throwIfNoEntry === false &&
        (err?.code === 'ENOENT' || err?.code === 'ENOTDIR')) {
      return undefined;
    }
    throw err;
  }
  return getStatsFromBinding(stats);
}

function statSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  return statSyncWith(fsb.stat, getValidatedPath(path), options);
}

function lstatSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  return statSyncWith(fsb.lstat, getValidatedPath(path), options);
}

function fstatSync(fd, options = { bigint: false }) {
  fd = getValidatedFd(fd);
  const bigint = Boolean(options.bigint);
  return getStatsFromBinding(fsb.fstat(fd, bigint, undefined, syncStatArray(bigint)));
}

function statfs(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  validateFunction(callback, 'cb');
  path = getValidatedPath(path);
  fsb.statfs(path, Boolean(options.bigint), callbackReq((err, stats) => {
    if (err) return callback(err);
    callback(err, getStatFsFromBinding(stats));
  }));
}

function statfsSync(path, options = { bigint: false }) {
  return getStatFsFromBinding(fsb.statfs(getValidatedPath(path), Boolean(options.bigint),
                                         undefined));
}

// ---- access / exists --------------------------------------------------------------

const kMaximumAccessMode = F_OK | W_OK | R_OK | X_OK;
const kMaximumCopyMode = constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE |
  constants.COPYFILE_FICLONE_FORCE;

// Node checks these modes in C++: plain errors with a code, its wording.
function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  return err;
}

const getValidMode = hideStackFrames((mode, type) => {
  const max = type === 'copyFile' ? kMaximumCopyMode : kMaximumAccessMode;
  const def = type === 'copyFile' ? 0 : F_OK;
  if (mode == null) return def;
  if (typeof mode !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (!(mode >= 0 && mode <= max)) {
    throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `mode is out of range: >= 0 && <= ${max}`);
  }
  return mode | 0;
});

function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = F_OK;
  }
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  callback = makeCallback(callback);
  fsb.access(path, mode, callbackReq(callback));
}

function accessSync(path, mode) {
  path = getValidatedPath(path);
  fsb.access(path, getValidMode(mode, 'access'), undefined);
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  function suppressedCallback(err) {
    callback(err ? false : true);
  }
  try {
    access(path, F_OK, suppressedCallback);
  } catch {
    return callback(false);
  }
}

Object.defineProperty(exists, promisify.custom, {
  __proto__: null,
  value: function exists(path) {
    return new Promise((resolve) => module.exports.exists(path, resolve));
  },
});

function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  return fsb.existsSync(path);
}

// ---- mkdir, mkdtemp -----------------------------------------------------------------

function mkdirArgs(options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options && typeof options !== 'function') {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  return { mode, recursive };
}

function mkdir(path, options, callback) {
  if (typeof options === 'function') callback = options;
  const { mode, recursive } = mkdirArgs(options);
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  fsb.mkdir(path, mode, recursive, callbackReq(callback));
}

function mkdirSync(path, options) {
  const { mode, recursive } = mkdirArgs(options);
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  const result = fsb.mkdir(path, mode, recursive, undefined);
  if (recursive) return result;
}

function mkdtemp(prefix, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  warnOnNonPortableTemplate(prefix);
  fsb.mkdtemp(prefix, bindingEncoding(options.encoding), callbackReq((err, path) => {
    if (err) return callback(err);
    callback(null, asBufferIfBytes(path));
  }));
}

function mkdtempSync(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  warnOnNonPortableTemplate(prefix);
  return asBufferIfBytes(fsb.mkdtemp(prefix, bindingEncoding(options.encoding), undefined));
}

// ---- unlink, rename, copyFile, links ----------------------------------------------------

function unlink(path, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  fsb.unlink(path, callbackReq(callback));
}

function unlinkSync(path) {
  fsb.unlink(getValidatedPath(path), undefined);
}

function rename(oldPath, newPath, callback) {
  callback = makeCallback(callback);
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  fsb.rename(oldPath, newPath, callbackReq(callback));
}

function renameSync(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  fsb.rename(oldPath, newPath, undefined);
}

function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  callback = makeCallback(callback);
  fsb.copyFile(src, dest, mode, callbackReq(callback));
}

function copyFileSync(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  fsb.copyFile(src, dest, getValidMode(mode, 'copyFile'), undefined);
}

function link(existingPath, newPath, callback) {
  callback = makeCallback(callback);
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  fsb.link(existingPath, newPath, callbackReq(callback));
}

function linkSync(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  fsb.link(existingPath, newPath, undefined);
}

function stringToSymlinkType(type) {
  if (typeof type !== 'string') return 0;
  switch (type) {
    case 'dir': return UV_FS_SYMLINK_DIR;
    case 'junction': return UV_FS_SYMLINK_JUNCTION;
    case 'file': return 0;
    default: throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
  }
}

function symlink(target, path, type, callback) {
  type = typeof type === 'string' ? type : null;
  callback = makeCallback(arguments[arguments.length - 1]);
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  fsb.symlink(target, path, stringToSymlinkType(type), callbackReq(callback));
}

function symlinkSync(target, path, type) {
  type = typeof type === 'string' ? type : null;
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  fsb.symlink(target, path, stringToSymlinkType(type), undefined);
}

function readlink(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  fsb.readlink(path, bindingEncoding(options.encoding), callbackReq((err, result) => {
    if (err) return callback(err);
    callback(null, asBufferIfBytes(result));
  }));
}

function readlinkSync(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return asBufferIfBytes(fsb.readlink(path, bindingEncoding(options.encoding), undefined));
}

function realpathNative(path, options, callback) {
  callback = makeCallback(callback || options);
  options = getOptions(options);
  path = getValidatedPath(path);
  fsb.realpath(path, bindingEncoding(options.encoding), callbackReq((err, result) => {
    if (err) return callback(err);
    callback(null, asBufferIfBytes(result));
  }));
}

function realpathSyncNative(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  return asBufferIfBytes(fsb.realpath(path, bindingEncoding(options.encoding), undefined));
}

module.exports = {
  access,
  accessSync,
  copyFile,
  copyFileSync,
  exists,
  existsSync,
  fstat,
  fstatSync,
  getValidMode,
  link,
  linkSync,
  lstat,
  lstatSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  readlink,
  readlinkSync,
  realpathNative,
  realpathSyncNative,
  rename,
  renameSync,
  stat,
  statSync,
  statfs,
  statfsSync,
  stringToSymlinkType,
  symlink,
  symlinkSync,
  unlink,
  unlinkSync,
};
