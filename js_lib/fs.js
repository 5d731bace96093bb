'use strict';

// The public `fs` module: Node 20's API in synchronous and callback forms
// (fs.promises is the promise form). The calls live in internal/fs/*, one
// file per concept; this file puts them together in Node's key order.

const fdOps = require('internal/fs/fd_ops');
const pathOps = require('internal/fs/path_ops');
const attrOps = require('internal/fs/attr_ops');
const wholeFile = require('internal/fs/whole_file');
const { readdir, readdirSync } = require('internal/fs/readdir');
const { realpath, realpathSync } = require('internal/fs/realpath');
const { rm, rmSync, rmdir, rmdirSync } = require('internal/fs/rm');
const { cp, cpSync } = require('internal/fs/cp');
const { Dirent } = require('internal/fs/dirent');
const { Stats } = require('internal/fs/stats');
const { constants, getValidatedPath, toUnixTimestamp } = require('internal/fs/utils');

realpath.native = (path, options, callback) => pathOps.realpathNative(path, options, callback);
realpathSync.native = (path, options) => pathOps.realpathSyncNative(path, options);

let streams;
function lazyStreams() {
  streams ??= require('internal/fs/streams');
  return streams;
}

function createReadStream(path, options) {
  return new (lazyStreams().ReadStream)(path, options);
}

function createWriteStream(path, options) {
  return new (lazyStreams().WriteStream)(path, options);
}

function watchers() {
  return require('internal/fs/watchers');
}

function watch(filename, options, listener) {
  return watchers().watch(filename, options, listener);
}

function watchFile(filename, options, listener) {
  return watchers().watchFile(filename, options, listener);
}

function unwatchFile(filename, listener) {
  return watchers().unwatchFile(filename, listener);
}

function opendir(path, options, callback) {
  return require('internal/fs/dir').opendir(path, options, callback);
}

function opendirSync(path, options) {
  return require('internal/fs/dir').opendirSync(path, options);
}

// A Blob of the file's contents (read now; Node's reads lazily).
async function openAsBlob(path, options = {}) {
  path = getValidatedPath(path);
  const { type = '' } = options;
  const data = await require('internal/fs/promises').exports.readFile(path);
  return new globalThis.Blob([data], { type });
}

module.exports = {
  appendFile: wholeFile.appendFile,
  appendFileSync: wholeFile.appendFileSync,
  access: pathOps.access,
  accessSync: pathOps.accessSync,
  chown: attrOps.chown,
  chownSync: attrOps.chownSync,
  chmod: attrOps.chmod,
  chmodSync: attrOps.chmodSync,
  close: fdOps.close,
  closeSync: fdOps.closeSync,
  copyFile: pathOps.copyFile,
  copyFileSync: pathOps.copyFileSync,
  cp,
  cpSync,
  createReadStream,
  createWriteStream,
  exists: pathOps.exists,
  existsSync: pathOps.existsSync,
  fchown: attrOps.fchown,
  fchownSync: attrOps.fchownSync,
  fchmod: attrOps.fchmod,
  fchmodSync: attrOps.fchmodSync,
  fdatasync: fdOps.fdatasync,
  fdatasyncSync: fdOps.fdatasyncSync,
  fstat: pathOps.fstat,
  fstatSync: pathOps.fstatSync,
  fsync: fdOps.fsync,
  fsyncSync: fdOps.fsyncSync,
  ftruncate: fdOps.ftruncate,
  ftruncateSync: fdOps.ftruncateSync,
  futimes: attrOps.futimes,
  futimesSync: attrOps.futimesSync,
  lchown: attrOps.lchown,
  lchownSync: attrOps.lchownSync,
  // lchmod exists only where O_SYMLINK does (macOS), as in Node.
  lchmod: undefined,
  lchmodSync: undefined,
  link: pathOps.link,
  linkSync: pathOps.linkSync,
  lstat: pathOps.lstat,
  lstatSync: pathOps.lstatSync,
  lutimes: attrOps.lutimes,
  lutimesSync: attrOps.lutimesSync,
  mkdir: pathOps.mkdir,
  mkdirSync: pathOps.mkdirSync,
  mkdtemp: pathOps.mkdtemp,
  mkdtempSync: pathOps.mkdtempSync,
  open: fdOps.open,
  openSync: fdOps.openSync,
  openAsBlob,
  readdir,
  readdirSync,
  read: fdOps.read,
  readSync: fdOps.readSync,
  readv: fdOps.readv,
  readvSync: fdOps.readvSync,
  readFile: wholeFile.readFile,
  readFileSync: wholeFile.readFileSync,
  readlink: pathOps.readlink,
  readlinkSync: pathOps.readlinkSync,
  realpath,
  realpathSync,
  rename: pathOps.rename,
  renameSync: pathOps.renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat: pathOps.stat,
  statfs: pathOps.statfs,
  statSync: pathOps.statSync,
  statfsSync: pathOps.statfsSync,
  symlink: pathOps.symlink,
  symlinkSync: pathOps.symlinkSync,
  truncate: fdOps.truncate,
  truncateSync: fdOps.truncateSync,
  unwatchFile,
  unlink: pathOps.unlink,
  unlinkSync: pathOps.unlinkSync,
  utimes: attrOps.utimes,
  utimesSync: attrOps.utimesSync,
  watch,
  watchFile,
  writeFile: wholeFile.writeFile,
  writeFileSync: wholeFile.writeFileSync,
  write: fdOps.write,
  writeSync: fdOps.writeSync,
  writev: fdOps.writev,
  writevSync: fdOps.writevSync,
  Dirent,
  Stats,
};

// Lazy, assignable class getters, as Node has them.
function lazyClass(name, load) {
  let value;
  return {
    __proto__: null,
    get() {
      value ??= load();
      return value;
    },
    set(v) {
      value = v;
    },
    enumerable: true,
    configurable: true,
  };
}

Object.defineProperties(module.exports, {
  ReadStream: lazyClass('ReadStream', () => lazyStreams().ReadStream),
  WriteStream: lazyClass('WriteStream', () => lazyStreams().WriteStream),
  FileReadStream: lazyClass('FileReadStream', () => lazyStreams().ReadStream),
  FileWriteStream: lazyClass('FileWriteStream', () => lazyStreams().WriteStream),
  _toUnixTimestamp: {
    __proto__: null, value: toUnixTimestamp, enumerable: true, writable: true, configurable: true,
  },
  Dir: lazyClass('Dir', () => require('internal/fs/dir').Dir),
  opendir: { __proto__: null, value: opendir, enumerable: true, writable: true, configurable: true },
  opendirSync: {
    __proto__: null, value: opendirSync, enumerable: true, writable: true, configurable: true,
  },
  F_OK: { __proto__: null, value: constants.F_OK, enumerable: true },
  R_OK: { __proto__: null, value: constants.R_OK, enumerable: true },
  W_OK: { __proto__: null, value: constants.W_OK, enumerable: true },
  X_OK: { __proto__: null, value: constants.X_OK, enumerable: true },
  constants: { __proto__: null, value: constants, enumerable: true },
  promises: {
    __proto__: null,
    enumerable: true,
    configurable: true,
    get() {
      return require('internal/fs/promises').exports;
    },
  },
});
