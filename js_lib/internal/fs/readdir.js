'use strict';

// fs.readdir / fs.readdirSync, with withFileTypes and recursive. As in
// Node 20, the recursive callback form does its walk synchronously.

const fsb = binding('fs');
const pathModule = require('path');
const { validateBoolean } = require('internal/validators');
const {
  asBufferIfBytes, bindingEncoding, callbackReq, getOptions, getValidatedPath, makeCallback,
} = require('internal/fs/utils');
const { Dirent, getDirents, getDirentsSync, typeFromMode } = require('internal/fs/dirent');
const { syncStatArray } = require('internal/fs/stats');

function lstatModeSync(path) {
  return fsb.lstat(path, false, undefined, syncStatArray(false))[1];
}

function lstatModeAsync(path, cb) {
  fsb.lstat(path, false, callbackReq((err, stats) => cb(err, err ? undefined : stats[1])));
}

function names(list, encoding) {
  return encoding === 'buffer' ? list.map(asBufferIfBytes) : list;
}

function readdirRecursiveSync(basePath, options) {
  const withFileTypes = Boolean(options.withFileTypes);
  const encoding = bindingEncoding(options.encoding);
  const results = [];
  const queue = [basePath];
  for (let q = 0; q < queue.length; q++) {
    const path = queue[q];
    const result = fsb.readdir(path, encoding, withFileTypes, undefined);
    if (withFileTypes) {
      const [list, types] = result;
      for (let i = 0; i < list.length; i++) {
        const name = asBufferIfBytes(list[i]);
        let type = types[i];
        if (type === 0) type = typeFromMode(lstatModeSync(pathModule.join(path, name)));
        const dirent = new Dirent(name, type, path);
        results.push(dirent);
        if (dirent.isDirectory()) queue.push(pathModule.join(dirent.parentPath, dirent.name));
      }
    } else {
      for (let i = 0; i < result.length; i++) {
        const resultPath = pathModule.join(path, result[i]);
        results.push(pathModule.relative(basePath, resultPath));
        // internalModuleStat follows links, as Node's walk does: 1 is a directory.
        if (fsb.internalModuleStat(resultPath) === 1) queue.push(resultPath);
      }
    }
  }
  return results;
}

function readdirArgs(options) {
  options = getOptions(options);
  if (options.recursive != null) validateBoolean(options.recursive, 'options.recursive');
  return options;
}

function readdir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = readdirArgs(options);
  path = getValidatedPath(path);
  if (options.recursive) {
    callback(null, readdirRecursiveSync(path, options));
    return;
  }
  const withFileTypes = Boolean(options.withFileTypes);
  fsb.readdir(path, bindingEncoding(options.encoding), withFileTypes, callbackReq((err, result) => {
    if (err) return callback(err);
    if (!withFileTypes) return callback(null, names(result, options.encoding));
    getDirents(path, names(result[0], options.encoding), result[1], lstatModeAsync, callback);
  }));
}

function readdirSync(path, options) {
  options = readdirArgs(options);
  path = getValidatedPath(path);
  if (options.recursive) return readdirRecursiveSync(path, options);
  const withFileTypes = Boolean(options.withFileTypes);
  const result = fsb.readdir(path, bindingEncoding(options.encoding), withFileTypes, undefined);
  if (!withFileTypes) return names(result, options.encoding);
  return getDirentsSync(path, names(result[0], options.encoding), result[1], lstatModeSync);
}

module.exports = { lstatModeAsync, lstatModeSync, readdir, readdirRecursiveSync, readdirSync };
