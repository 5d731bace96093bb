'use strict';

// fs.cp / fs.cpSync / fsPromises.cp: copy files, directories (recursive)
// and links with Node's options and checks (no copy onto itself or into its
// own subdirectory, directory vs. non-directory conflicts, sockets/FIFOs
// refused). The algorithm is written once, as generators that yield the
// file system operations they need: one driver runs them synchronously,
// another with promises.

const pathModule = require('path');
const {
  codes: {
    ERR_FS_CP_DIR_TO_NON_DIR, ERR_FS_CP_EEXIST, ERR_FS_CP_EINVAL, ERR_FS_CP_FIFO_PIPE,
    ERR_FS_CP_NON_DIR_TO_DIR, ERR_FS_CP_SOCKET, ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY,
    ERR_FS_CP_UNKNOWN, ERR_FS_EISDIR, ERR_INCOMPATIBLE_OPTION_PAIR, ERR_INVALID_RETURN_VALUE,
  },
  hideStackFrames,
} = require('internal/errors');
const { validateBoolean, validateFunction, validateObject } = require('internal/validators');
const { getValidatedPath, makeCallback } = require('internal/fs/utils');
const { EEXIST, EINVAL, EISDIR, ENOTDIR } = binding('constants').os.errno;

const { dirname, isAbsolute, join, parse, resolve, sep } = pathModule;
const kSync = Symbol('kSync');

const defaultCpOptions = {
  dereference: false, errorOnExist: false, filter: undefined, force: true,
  preserveTimestamps: false, recursive: false, verbatimSymlinks: false,
};

const validateCpOptions = hideStackFrames((options) => {
  if (options === undefined) return { ...defaultCpOptions };
  validateObject(options, 'options');
  options = { ...defaultCpOptions, ...options };
  validateBoolean(options.dereference, 'options.dereference');
  validateBoolean(options.errorOnExist, 'options.errorOnExist');
  validateBoolean(options.force, 'options.force');
  validateBoolean(options.preserveTimestamps, 'options.preserveTimestamps');
  validateBoolean(options.recursive, 'options.recursive');
  validateBoolean(options.verbatimSymlinks, 'options.verbatimSymlinks');
  options.mode = require('internal/fs/path_ops').getValidMode(options.mode, 'copyFile');
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw new ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks');
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  return options;
});

function cpError(Ctor, message, path, errno, code) {
  return new Ctor({ message, path, syscall: 'cp', errno, code });
}

function areIdentical(srcStat, destStat) {
  return destStat.ino && destStat.dev && destStat.ino === srcStat.ino &&
    destStat.dev === srcStat.dev;
}

function normalizePathToArray(path) {
  return resolve(path).split(sep).filter(Boolean);
}

function isSrcSubdir(src, dest) {
  const srcArr = normalizePathToArray(src);
  const destArr = normalizePathToArray(dest);
  return srcArr.every((cur, i) => destArr[i] === cur);
}

// ---- the algorithm: yields [op, ...args] -------------------------------------------

function* getStatsFor(src, dest, opts) {
  const op = opts.dereference ? 'stat' : 'lstat';
  const srcStat = yield [op, src];
  let destStat = null;
  try {
    destStat = yield [op, dest];
  } catch (err) {
    if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err;
  }
  return { srcStat, destStat };
}

function* checkPaths(src, dest, opts) {
  if (opts.filter) {
    const shouldCopy = yield ['filter', opts.filter, src, dest];
    if (!shouldCopy) return { skipped: true };
  }
  const { srcStat, destStat } = yield* getStatsFor(src, dest, opts);
  if (destStat) {
    if (areIdentical(srcStat, destStat)) {
      throw cpError(ERR_FS_CP_EINVAL, 'src and dest cannot be the same', dest, EINVAL, 'EINVAL');
    }
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError(ERR_FS_CP_DIR_TO_NON_DIR,
                    `cannot overwrite non-directory ${dest} with directory ${src}`,
                    dest, EISDIR, 'EISDIR');
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError(ERR_FS_CP_NON_DIR_TO_DIR,
                    `cannot overwrite directory ${dest} with non-directory ${src}`,
                    dest, ENOTDIR, 'ENOTDIR');
    }
  }
  if (srcStat.isDirectory() && isSrcSubdir(src, dest)) {
    throw cpError(ERR_FS_CP_EINVAL, `cannot copy ${src} to a subdirectory of self ${dest}`,
                  dest, EINVAL, 'EINVAL');
  }
  return { srcStat, destStat, skipped: false };
}

function* checkParentPaths(src, srcStat, dest) {
  const srcParent = resolve(dirname(src));
  const destParent = resolve(dirname(dest));
  if (destParent === srcParent || destParent === parse(destParent).root) return;
  let destStat;
  try {
    destStat = yield ['stat', destParent];
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return;
    throw err;
  }
  if (areIdentical(srcStat, destStat)) {
    throw cpError(ERR_FS_CP_EINVAL, `cannot copy ${src} to a subdirectory of self ${dest}`,
                  dest, EINVAL, 'EINVAL');
  }
  yield* checkParentPaths(src, srcStat, destParent);
}

function* copyEntry(destStat, src, dest, opts) {
  const srcStat = yield [opts.dereference ? 'stat' : 'lstat', src];
  if (srcStat.isDirectory() && opts.recursive) return yield* onDir(srcStat, destStat, src, dest, opts);
  if (srcStat.isDirectory()) {
    // Node's synchronous copy says EINVAL here, its asynchronous one EISDIR.
    throw cpError(ERR_FS_EISDIR, `${src} is a directory (not copied)`, src,
                  opts[kSync] ? EINVAL : EISDIR, 'EISDIR');
  }
  if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    return yield* onFile(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isSymbolicLink()) return yield* onLink(destStat, src, dest, opts);
  if (srcStat.isSocket()) {
    throw cpError(ERR_FS_CP_SOCKET, `cannot copy a socket file: ${dest}`, dest, EINVAL, 'EINVAL');
  }
  if (srcStat.isFIFO()) {
    throw cpError(ERR_FS_CP_FIFO_PIPE, `cannot copy a FIFO pipe: ${dest}`, dest, EINVAL, 'EINVAL');
  }
  throw cpError(ERR_FS_CP_UNKNOWN, `cannot copy an unknown file type: ${dest}`, dest, EINVAL,
                'EINVAL');
}

function* onFile(srcStat, destStat, src, dest, opts) {
  if (destStat) {
    if (opts.force) {
      yield ['unlink', dest];
    } else if (opts.errorOnExist) {
      throw cpError(ERR_FS_CP_EEXIST, `${dest} already exists`, dest, EEXIST, 'EEXIST');
    } else {
      return;
    }
  }
  yield ['copyFile', src, dest, opts.mode];
  const mode = Number(srcStat.mode);
  if (opts.preserveTimestamps) {
    if ((mode & 0o200) === 0) yield ['chmod', dest, mode | 0o200];
    const updated = yield ['statNumbers', src];  // Dates rounded as Node's
    yield ['utimes', dest, updated.atime, updated.mtime];
  }
  yield ['chmod', dest, mode];
}

function* onDir(srcStat, destStat, src, dest, opts) {
  if (!destStat) yield ['mkdir', dest];
  for (const name of yield ['readdir', src]) {
    const srcItem = join(src, name);
    const destItem = join(dest, name);
    const { destStat: itemStat, skipped } = yield* checkPaths(srcItem, destItem, opts);
    if (!skipped) yield* copyEntry(itemStat, srcItem, destItem, opts);
  }
  if (!destStat) yield ['chmod', dest, Number(srcStat.mode)];
}

function* onLink(destStat, src, dest, opts) {
  let resolvedSrc = yield ['readlink', src];
  if (!opts.verbatimSymlinks && !isAbsolute(resolvedSrc)) {
    resolvedSrc = resolve(dirname(src), resolvedSrc);
  }
  if (!destStat) return yield ['symlink', resolvedSrc, dest];
  let resolvedDest;
  try {
    resolvedDest = yield ['readlink', dest];
  } catch (err) {
    // dest is a file or directory, not a link: the symlink call reports that.
    if (err.code === 'EINVAL' || err.code === 'UNKNOWN') return yield ['symlink', resolvedSrc, dest];
    throw err;
  }
  if (!isAbsolute(resolvedDest)) resolvedDest = resolve(dirname(dest), resolvedDest);
  if (isSrcSubdir(resolvedSrc, resolvedDest)) {
    throw cpError(ERR_FS_CP_EINVAL,
                  `cannot copy ${resolvedSrc} to a subdirectory of self ${resolvedDest}`,
                  dest, EINVAL, 'EINVAL');
  }
  const srcStat = yield ['stat', src];
  if (srcStat.isDirectory() && isSrcSubdir(resolvedDest, resolvedSrc)) {
    throw cpError(ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY,
                  `cannot overwrite ${resolvedDest} with ${resolvedSrc}`, dest, EINVAL, 'EINVAL');
  }
  yield ['unlink', dest];
  yield ['symlink', resolvedSrc, dest];
}

function* cpAll(src, dest, opts) {
  const { srcStat, destStat, skipped } = yield* checkPaths(src, dest, opts);
  if (skipped) return;
  yield* checkParentPaths(src, srcStat, dest);
  const destParent = dirname(dest);
  if (!(yield ['exists', destParent])) yield ['mkdirp', destParent];
  yield* copyEntry(destStat, src, dest, opts);
}

// ---- drivers -----------------------------------------------------------------------

function syncOps() {
  const fs = require('fs');
  return {
    stat: (p) => fs.statSync(p, { bigint: true }),
    statNumbers: (p) => fs.statSync(p),
    lstat: (p) => fs.lstatSync(p, { bigint: true }),
    readlink: (p) => fs.readlinkSync(p),
    symlink: (t, p) => fs.symlinkSync(t, p),
    unlink: (p) => fs.unlinkSync(p),
    copyFile: (s, d, m) => fs.copyFileSync(s, d, m),
    chmod: (p, m) => fs.chmodSync(p, m),
    utimes: (p, a, m) => fs.utimesSync(p, a, m),
    mkdir: (p) => fs.mkdirSync(p),
    mkdirp: (p) => fs.mkdirSync(p, { recursive: true }),
    exists: (p) => fs.existsSync(p),
    readdir: (p) => {
      // In the order the file system gives (Node reads with opendir).
      const dir = fs.opendirSync(p);
      const names = [];
      try {
        for (let e = dir.readSync(); e !== null; e = dir.readSync()) names.push(e.name);
      } finally {
        dir.closeSync();
      }
      return names;
    },
    filter: (fn, src, dest) => {
      const result = fn(src, dest);
      if (result && typeof result.then === 'function') {
        throw new ERR_INVALID_RETURN_VALUE('boolean', 'filter', result);
      }
      return result;
    },
  };
}

function promiseOps() {
  const fsp = require('internal/fs/promises').exports;
  const { existsSync } = require('fs');
  return {
    stat: (p) => fsp.stat(p, { bigint: true }),
    statNumbers: (p) => fsp.stat(p),
    lstat: (p) => fsp.lstat(p, { bigint: true }),
    readlink: (p) => fsp.readlink(p),
    symlink: (t, p) => fsp.symlink(t, p),
    unlink: (p) => fsp.unlink(p),
    copyFile: (s, d, m) => fsp.copyFile(s, d, m),
    chmod: (p, m) => fsp.chmod(p, m),
    utimes: (p, a, m) => fsp.utimes(p, a, m),
    mkdir: (p) => fsp.mkdir(p),
    mkdirp: (p) => fsp.mkdir(p, { recursive: true }),
    exists: async (p) => existsSync(p),
    readdir: async (p) => {
      const names = [];
      for await (const e of await fsp.opendir(p)) names.push(e.name);
      return names;
    },
    filter: async (fn, src, dest) => fn(src, dest),
  };
}

function runSync(gen, ops) {
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let value;
    try {
      value = ops[op](...args);
    } catch (err) {
      step = gen.throw(err);
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}

async function runAsync(gen, ops) {
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let value;
    try {
      value = await ops[op](...args);
    } catch (err) {
      step = gen.throw(err);
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}

function cpSync(src, dest, options) {
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  options[kSync] = true;
  runSync(cpAll(src, dest, options), syncOps());
}

function cp(src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  // As util.callbackify(cpPromise): (null, undefined) or (err), a tick later.
  runAsync(cpAll(src, dest, options), promiseOps()).then(
    (ret) => process.nextTick(callback, null, ret),
    (err) => process.nextTick(callback, err));
}

async function cpPromise(src, dest, options) {
  options = validateCpOptions(options);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  return runAsync(cpAll(src, dest, options), promiseOps());
}

module.exports = { cp, cpPromise, cpSync };
