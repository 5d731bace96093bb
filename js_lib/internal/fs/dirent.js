'use strict';

// fs.Dirent: a directory entry's name, its parent path and its type
// (UV_DIRENT_*). When the file system does not say (UV_DIRENT_UNKNOWN), the
// type comes from an lstat of the entry.

const {
  UV_DIRENT_UNKNOWN, UV_DIRENT_FILE, UV_DIRENT_DIR, UV_DIRENT_LINK, UV_DIRENT_FIFO,
  UV_DIRENT_SOCKET, UV_DIRENT_CHAR, UV_DIRENT_BLOCK,
  S_IFMT, S_IFREG, S_IFDIR, S_IFLNK, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK,
} = binding('constants').fs;
const pathModule = require('path');
const chunks = require('internal/streams/chunk');

const kType = Symbol('type');
const kStats = Symbol('stats');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }

  isDirectory() {
    return this[kType] === UV_DIRENT_DIR;
  }

  isFile() {
    return this[kType] === UV_DIRENT_FILE;
  }

  isBlockDevice() {
    return this[kType] === UV_DIRENT_BLOCK;
  }

  isCharacterDevice() {
    return this[kType] === UV_DIRENT_CHAR;
  }

  isSymbolicLink() {
    return this[kType] === UV_DIRENT_LINK;
  }

  isFIFO() {
    return this[kType] === UV_DIRENT_FIFO;
  }

  isSocket() {
    return this[kType] === UV_DIRENT_SOCKET;
  }
}

// A Dirent whose answers come from Stats (fs.Dir and readdir when the type
// had to be looked up).
class DirentFromStats extends Dirent {
  constructor(name, stats, path) {
    super(name, null, path);
    this[kStats] = stats;
  }
}

for (const name of Object.getOwnPropertyNames(Dirent.prototype)) {
  if (name === 'constructor') continue;
  DirentFromStats.prototype[name] = function() {
    return this[kStats][name]();
  };
}

function typeFromMode(mode) {
  switch (Number(mode) & S_IFMT) {
    case S_IFREG: return UV_DIRENT_FILE;
    case S_IFDIR: return UV_DIRENT_DIR;
    case S_IFLNK: return UV_DIRENT_LINK;
    case S_IFIFO: return UV_DIRENT_FIFO;
    case S_IFSOCK: return UV_DIRENT_SOCKET;
    case S_IFCHR: return UV_DIRENT_CHAR;
    case S_IFBLK: return UV_DIRENT_BLOCK;
    default: return UV_DIRENT_UNKNOWN;
  }
}

// The path of entry `name` in directory `dir`, for lstat (Buffers joined
// as bytes).
function entryPath(dir, name) {
  if (typeof dir === 'string' && typeof name === 'string') return pathModule.join(dir, name);
  const d = typeof dir === 'string' ? chunks.fromString(dir, 'utf8') : dir;
  const n = typeof name === 'string' ? chunks.fromString(name, 'utf8') : name;
  const out = new Uint8Array(d.length + 1 + n.length);
  out.set(d, 0);
  out[d.length] = 0x2f;
  out.set(n, d.length + 1);
  return chunks.fromView(out);
}

// [names, types] from the binding as Dirents; `lstat(path)` returns a mode
// for entries of unknown type. Synchronous.
function getDirentsSync(dir, names, types, lstatMode) {
  const out = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    let type = types[i];
    if (type === UV_DIRENT_UNKNOWN) type = typeFromMode(lstatMode(entryPath(dir, names[i])));
    out[i] = new Dirent(names[i], type, dir);
  }
  return out;
}

// The same with a callback-style lstatMode(path, (err, mode) => ...).
function getDirents(dir, names, types, lstatMode, callback) {
  const out = new Array(names.length);
  let pending = 1;
  let failed = false;
  const done = (err) => {
    if (failed) return;
    if (err) {
      failed = true;
      return callback(err);
    }
    if (--pending === 0) callback(null, out);
  };
  for (let i = 0; i < names.length; i++) {
    if (types[i] !== UV_DIRENT_UNKNOWN) {
      out[i] = new Dirent(names[i], types[i], dir);
      continue;
    }
    pending++;
    lstatMode(entryPath(dir, names[i]), (err, mode) => {
      if (!err) out[i] = new Dirent(names[i], typeFromMode(mode), dir);
      done(err);
    });
  }
  done(null);
}

module.exports = {
  Dirent,
  DirentFromStats,
  entryPath,
  getDirents,
  getDirentsSync,
  kType,
  typeFromMode,
};
