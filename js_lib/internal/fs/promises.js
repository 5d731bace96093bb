'use strict';

// fs.promises / require('fs/promises'): every call returns a promise; its
// errors (argument errors included) are rejections. Whole-file reads and
// writes on a path are one binding call each, like the callback forms.

const fsb = binding('fs');
const pathModule = require('path');
const {
  aggregateTwoErrors,
  codes: { ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED },
} = require('internal/errors');
const {
  parseFileMode, validateAbortSignal, validateBoolean, validateInteger,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');
const {
  asBufferIfBytes, bindingEncoding, callPromise, constants, copyObject, flagsForBinding,
  getOptions, getValidatedPath, kMaxUserId, stringToFlags, toUnixTimestamp,
  warnOnNonPortableTemplate,
} = require('internal/fs/utils');
const { getStatFsFromBinding, getStatsFromBinding } = require('internal/fs/stats');
const { Dirent, entryPath, typeFromMode } = require('internal/fs/dirent');
const {
  FileHandle, checkAborted, fsCall, ftruncate,
} = require('internal/fs/file_handle');
const { getValidMode, stringToSymlinkType } = require('internal/fs/path_ops');
const { readResult } = require('internal/fs/whole_file');

async function open(path, flags, mode) {
  path = getValidatedPath(path);
  const flagsNumber = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return new FileHandle(await callPromise(fsb.open, path, flagsForBinding(flagsNumber), mode));
}

// Settles with the operation's result after closing the handle.
async function handleFdClose(fileOpPromise, closeFunc) {
  return fileOpPromise.then(
    (result) => closeFunc().then(() => result),
    (opError) => closeFunc().then(() => Promise.reject(opError),
                                  (closeError) => Promise.reject(aggregateTwoErrors(closeError,
                                                                                    opError))));
}

// ---- readFile / writeFile / appendFile -------------------------------------------------

async function readFileHandle(handle, options) {
  options = getOptions(options, { flag: 'r' });
  const signal = options.signal;
  checkAborted(signal);
  if (signal) {
    // As Node's reader: an fstat first, so an abort soon after the call
    // (a tick or two) is seen before the contents are read.
    await callPromise(fsb.fstat, handle.fd, false);
    checkAborted(signal);
  }
  const encoding = options.encoding || undefined;
  const result = await callPromise(fsb.readFile, handle.fd, 0, bindingEncoding(encoding, 'buffer'));
  checkAborted(signal);
  return readResult(result, encoding);
}

async function readFile(path, options) {
  options = getOptions(options, { flag: 'r' });
  const flag = options.flag || 'r';
  if (path instanceof FileHandle) return fsCall(readFileHandle, path, options);
  const signal = options.signal;
  checkAborted(signal);
  const flags = stringToFlags(flag);
  path = getValidatedPath(path);
  const encoding = options.encoding || undefined;
  const result = await callPromise(fsb.readFile, path, flagsForBinding(flags),
                                   bindingEncoding(encoding, 'buffer'));
  checkAborted(signal);
  return readResult(result, encoding);
}

function isCustomIterable(obj) {
  return obj != null && typeof obj !== 'string' && !ArrayBuffer.isView(obj) &&
    (typeof obj[Symbol.iterator] === 'function' || typeof obj[Symbol.asyncIterator] === 'function');
}

// Writes all of `chunk` (string or view) at the handle's position.
async function writeAll(fd, chunk, encoding, signal) {
  const bytes = typeof chunk === 'string' ? chunks.fromString(chunk, encoding) : chunk;
  let offset = 0;
  let remaining = bytes.byteLength;
  while (remaining > 0) {
    checkAborted(signal);
    const n = await callPromise(fsb.writeBuffer, fd, bytes, offset, remaining, null);
    offset += n;
    remaining -= n;
  }
}

async function writeFileHandle(handle, data, signal, encoding, flush = false) {
  checkAborted(signal);
  encoding ||= 'utf8';
  if (isCustomIterable(data)) {
    for await (const chunk of data) {
      if (typeof chunk !== 'string' && !ArrayBuffer.isView(chunk)) {
        throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'],
                                       chunk);
      }
      await writeAll(handle.fd, chunk, encoding, signal);
    }
  } else {
    await callPromise(fsb.writeFile, handle.fd, data, bindingEncoding(encoding), 0, 0o666, false);
  }
  checkAborted(signal);
  if (flush) await callPromise(fsb.fsync, handle.fd);
}

function writeOptions(options, flag) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag, flush: false });
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  return { options, flush };
}

function validateWriteData(data) {
  if (!ArrayBuffer.isView(data) && !isCustomIterable(data) && typeof data !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
}

async function writeFile(path, data, options) {
  const { options: opts, flush } = writeOptions(options, 'w');
  const flag = opts.flag || 'w';
  validateWriteData(data);
  validateAbortSignal(opts.signal, 'options.signal');
  if (path instanceof FileHandle) {
    return fsCall(writeFileHandle, path, data, opts.signal, opts.encoding, flush);
  }
  checkAborted(opts.signal);
  if (isCustomIterable(data)) {
    const fd = await open(path, flag, opts.mode);
    return handleFdClose(writeFileHandle(fd, data, opts.signal, opts.encoding, flush), fd.close);
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(flag);
  const mode = parseFileMode(opts.mode, 'mode', 0o666);
  await callPromise(fsb.writeFile, path, data, bindingEncoding(opts.encoding || 'utf8'),
                    flagsForBinding(flags), mode, flush);
  checkAborted(opts.signal);
}

async function appendFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = copyObject(options);
  options.flag ||= 'a';
  return writeFile(path, data, options);
}

// FileHandle.prototype.writeFile / appendFile.
async function writeFileHandleOptions(handle, data, options) {
  const { options: opts, flush } = writeOptions(options, 'w');
  validateWriteData(data);
  return writeFileHandle(handle, data, opts.signal, opts.encoding, flush);
}

async function writeFileHandleAppend(handle, data, options) {
  return writeFileHandleOptions(handle, data, options);
}

// ---- paths ---------------------------------------------------------------------------

async function access(path, mode = constants.F_OK) {
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  return callPromise(fsb.access, path, mode);
}

async function copyFile(src, dest, mode) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  mode = getValidMode(mode, 'copyFile');
  return callPromise(fsb.copyFile, src, dest, mode);
}

async function rename(oldPath, newPath) {
  oldPath = getValidatedPath(oldPath, 'oldPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return callPromise(fsb.rename, oldPath, newPath);
}

async function truncate(path, len = 0) {
  const fd = await open(path, 'r+');
  return handleFdClose(ftruncate(fd, len), fd.close);
}

async function mkdir(path, options) {
  if (typeof options === 'number' || typeof options === 'string') {
    options = { mode: options };
  }
  const { recursive = false, mode = 0o777 } = options || {};
  path = getValidatedPath(path);
  validateBoolean(recursive, 'options.recursive');
  return callPromise(fsb.mkdir, path, parseFileMode(mode, 'mode', 0o777), recursive);
}

async function readdirRecursive(basePath, options) {
  const withFileTypes = Boolean(options.withFileTypes);
  const encoding = bindingEncoding(options.encoding);
  const results = [];
  const queue = [basePath];
  for (let q = 0; q < queue.length; q++) {
    const path = queue[q];
    const result = await callPromise(fsb.readdir, path, encoding, withFileTypes);
    if (withFileTypes) {
      const [names, types] = result;
      for (let i = 0; i < names.length; i++) {
        let type = types[i];
        if (type === 0) {
          type = typeFromMode((await callPromise(fsb.lstat, pathModule.join(path, names[i]),
                                                 false))[1]);
        }
        const dirent = new Dirent(names[i], type, path);
        results.push(dirent);
        if (dirent.isDirectory()) queue.push(pathModule.join(path, dirent.name));
      }
    } else {
      for (let i = 0; i < result.length; i++) {
        const resultPath = pathModule.join(path, result[i]);
        results.push(pathModule.relative(basePath, resultPath));
        if (fsb.internalModuleStat(resultPath) === 1) queue.push(resultPath);
      }
    }
  }
  return results;
}

async function readdir(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  if (options.recursive) return readdirRecursive(path, options);
  const withFileTypes = Boolean(options.withFileTypes);
  const result = await callPromise(fsb.readdir, path, bindingEncoding(options.encoding),
                                   withFileTypes);
  const asNames = (names) => (options.encoding === 'buffer' ? names.map(asBufferIfBytes) : names);
  if (!withFileTypes) return asNames(result);
  const names = asNames(result[0]);
  const types = result[1];
  const dirents = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    let type = types[i];
    if (type === 0) {
      type = typeFromMode((await callPromise(fsb.lstat, entryPath(path, names[i]), false))[1]);
    }
    dirents[i] = new Dirent(names[i], type, path);
  }
  return dirents;
}

async function readlink(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path, 'oldPath');
  return asBufferIfBytes(await callPromise(fsb.readlink, path,
                                           bindingEncoding(options.encoding)));
}

async function symlink(target, path, type) {
  type = typeof type === 'string' ? type : null;
  target = getValidatedPath(target, 'target');
  path = getValidatedPath(path);
  return callPromise(fsb.symlink, target, path, stringToSymlinkType(type));
}

async function lstat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  return getStatsFromBinding(await callPromise(fsb.lstat, path, Boolean(options.bigint)));
}

async function stat(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  return getStatsFromBinding(await callPromise(fsb.stat, path, Boolean(options.bigint)));
}

async function statfs(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  return getStatFsFromBinding(await callPromise(fsb.statfs, path, Boolean(options.bigint)));
}

async function link(existingPath, newPath) {
  existingPath = getValidatedPath(existingPath, 'existingPath');
  newPath = getValidatedPath(newPath, 'newPath');
  return callPromise(fsb.link, existingPath, newPath);
}

async function unlink(path) {
  return callPromise(fsb.unlink, getValidatedPath(path));
}

async function chmod(path, mode) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  return callPromise(fsb.chmod, path, mode);
}

async function lchmod(path, mode) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('lchmod()');
}

function validateIds(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
}

async function lchown(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  return callPromise(fsb.lchown, path, uid, gid);
}

async function chown(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  return callPromise(fsb.chown, path, uid, gid);
}

async function utimes(path, atime, mtime) {
  path = getValidatedPath(path);
  return callPromise(fsb.utimes, path, toUnixTimestamp(atime), toUnixTimestamp(mtime));
}

async function lutimes(path, atime, mtime) {
  path = getValidatedPath(path);
  return callPromise(fsb.lutimes, path, toUnixTimestamp(atime), toUnixTimestamp(mtime));
}

async function realpath(path, options) {
  options = getOptions(options);
  path = getValidatedPath(path);
  return asBufferIfBytes(await callPromise(fsb.realpath, path,
                                           bindingEncoding(options.encoding)));
}

async function mkdtemp(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  warnOnNonPortableTemplate(prefix);
  return asBufferIfBytes(await callPromise(fsb.mkdtemp, prefix,
                                           bindingEncoding(options.encoding)));
}

// rm, rmdir, cp, opendir and watch live with their callback forms.
const { rmPromise, rmdirPromise } = require('internal/fs/rm');
const { cpPromise } = require('internal/fs/cp');

async function opendir(path, options) {
  return require('internal/fs/dir').opendirPromise(path, options);
}

function watch(filename, options) {
  return require('internal/fs/watchers').watchPromise(filename, options);
}

const exportsObject = {
  access,
  copyFile,
  cp: cpPromise,
  open,
  opendir,
  rename,
  truncate,
  rm: rmPromise,
  rmdir: rmdirPromise,
  mkdir,
  readdir,
  readlink,
  symlink,
  lstat,
  stat,
  statfs,
  link,
  unlink,
  chmod,
  lchmod,
  lchown,
  chown,
  utimes,
  lutimes,
  realpath,
  mkdtemp,
  writeFile,
  appendFile,
  readFile,
  watch,
  constants,
};

// Names as Node's (cp, rm and rmdir are defined under other names here).
for (const [name, fn] of [['cp', cpPromise], ['rm', rmPromise], ['rmdir', rmdirPromise]]) {
  Object.defineProperty(fn, 'name', { __proto__: null, value: name, configurable: true });
}

module.exports = {
  exports: exportsObject,
  FileHandle,
  readFileHandle,
  writeFileHandleAppend,
  writeFileHandleOptions,
};
