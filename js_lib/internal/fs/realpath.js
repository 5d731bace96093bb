'use strict';

// fs.realpath / fs.realpathSync: Node's JavaScript resolver, which walks
// the path one component at a time with lstat and follows links with
// readlink. Its errors name the component that failed ("ENOENT: no such
// file or directory, lstat '/a/missing'"). The .native forms are one
// realpath(3) call (internal/fs/path_ops).

const fsb = binding('fs');
const pathModule = require('path');
const chunks = require('internal/streams/chunk');
const { S_IFMT, S_IFLNK, S_IFIFO, S_IFSOCK } = binding('constants').fs;
const {
  callbackReq, getOptions, makeCallback, pathToString, toPathIfFileURL, validatePath,
} = require('internal/fs/utils');
const { syncStatArray } = require('internal/fs/stats');

function isLink(stats) {
  return (stats[1] & S_IFMT) === S_IFLNK;
}

function isPipeOrSocket(stats) {
  const type = stats[1] & S_IFMT;
  return type === S_IFIFO || type === S_IFSOCK;
}

function encodeResult(result, options) {
  if (!options || !options.encoding || options.encoding === 'utf8') return result;
  const bytes = chunks.fromString(result, 'utf8');
  if (options.encoding === 'buffer') return bytes;
  return chunks.toString(bytes, options.encoding);
}

function startPath(p) {
  p = toPathIfFileURL(p);
  validatePath(p);
  return pathModule.resolve(pathToString(p));
}

// The walk's state: `p` is being resolved; everything before `pos` is known
// to be free of links, as `current` (with its trailing slash).
class Walk {
  constructor(p) {
    this.p = p;
    this.seenLinks = new Map();
    this.knownHard = new Set();
    // Set when the last link followed led to a pipe or socket (such as
    // /dev/stdin): its /proc target ("socket:[123]") does not exist, so
    // Node stops there and returns the path reached.
    this.pipe = false;
    this.restart();
  }

  restart() {
    this.pos = 1;
    this.current = '/';
    this.base = '/';
  }

  // Moves to the next component; false when the whole path is done.
  next() {
    if (this.pos >= this.p.length) return false;
    const slash = this.p.indexOf('/', this.pos);
    const previous = this.current;
    if (slash === -1) {
      const last = this.p.slice(this.pos);
      this.current += last;
      this.base = previous + last;
      this.pos = this.p.length;
    } else {
      this.current += this.p.slice(this.pos, slash + 1);
      this.base = previous + this.p.slice(this.pos, slash);
      this.pos = slash + 1;
    }
    this.previous = previous;
    return true;
  }

  linkId(stats) {
    return `${stats[0].toString(32)}:${stats[7].toString(32)}`;
  }

  // Continues with the link at `base` (pointing at `target`) resolved.
  follow(id, target) {
    this.seenLinks.set(id, target);
    const resolved = pathModule.resolve(this.previous, target);
    this.p = pathModule.resolve(resolved, this.p.slice(this.pos));
    this.restart();
  }
}

function realpathSync(p, options) {
  options = getOptions(options);
  const walk = new Walk(startPath(p));
  while (walk.next()) {
    const base = walk.base;
    if (walk.knownHard.has(base)) {
      if (walk.pipe) break;
      continue;
    }
    const stats = fsb.lstat(base, false, undefined, syncStatArray(false));
    if (!isLink(stats)) {
      walk.knownHard.add(base);
      continue;
    }
    const id = walk.linkId(stats);
    let target = walk.seenLinks.get(id);
    if (target === undefined) {
      // A dangling link throws here.
      walk.pipe = isPipeOrSocket(fsb.stat(base, false, undefined, syncStatArray(false)));
      target = fsb.readlink(base, 'utf8', undefined);
    }
    walk.follow(id, target);
  }
  return encodeResult(walk.p, options);
}

function realpath(p, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  const walk = new Walk(startPath(p));

  function step() {
    if (!walk.next()) return callback(null, encodeResult(walk.p, options));
    const base = walk.base;
    if (walk.knownHard.has(base)) {
      if (walk.pipe) return callback(null, encodeResult(walk.p, options));
      return process.nextTick(step);
    }
    fsb.lstat(base, false, callbackReq((err, stats) => {
      if (err) return callback(err);
      if (!isLink(stats)) {
        walk.knownHard.add(base);
        return step();
      }
      const id = walk.linkId(stats);
      const target = walk.seenLinks.get(id);
      if (target !== undefined) {
        walk.follow(id, target);
        return step();
      }
      fsb.stat(base, false, callbackReq((err, stats) => {
        if (err) return callback(err);
        walk.pipe = isPipeOrSocket(stats);
        fsb.readlink(base, 'utf8', callbackReq((err, target) => {
          if (err) return callback(err);
          walk.follow(id, target);
          step();
        }));
      }));
    }));
  }
  step();
}

module.exports = { realpath, realpathSync };
