'use strict';

// fs.Stats, fs.BigIntStats and StatFs, built from the binding's arrays:
// kFsStatsFieldsNumber values (dev mode nlink uid gid rdev blksize ino size
// blocks, then sec/nsec pairs of atime mtime ctime birthtime) in a
// Float64Array, or a BigInt64Array for { bigint: true }.

const { S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK } =
  binding('constants').fs;

const kNsPerMsBigInt = 10n ** 6n;
const kNsPerSecBigInt = 10n ** 9n;
const kMsPerSec = 1e3;
const kNsPerMs = 1e6;
const kFields = 18;

function dateFromMs(ms) {
  // Truncating would make a time with sub-millisecond part compare earlier
  // than the file's own mtime; Node rounds.
  return new Date(Math.round(Number(ms)));
}

function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.blksize = blksize;
  this.ino = ino;
  this.size = size;
  this.blocks = blocks;
}

StatsBase.prototype.isDirectory = function() {
  return this._checkModeProperty(S_IFDIR);
};
StatsBase.prototype.isFile = function() {
  return this._checkModeProperty(S_IFREG);
};
StatsBase.prototype.isBlockDevice = function() {
  return this._checkModeProperty(S_IFBLK);
};
StatsBase.prototype.isCharacterDevice = function() {
  return this._checkModeProperty(S_IFCHR);
};
StatsBase.prototype.isSymbolicLink = function() {
  return this._checkModeProperty(S_IFLNK);
};
StatsBase.prototype.isFIFO = function() {
  return this._checkModeProperty(S_IFIFO);
};
StatsBase.prototype.isSocket = function() {
  return this._checkModeProperty(S_IFSOCK);
};

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
               atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeMs;
  this.mtimeMs = mtimeMs;
  this.ctimeMs = ctimeMs;
  this.birthtimeMs = birthtimeMs;
  this.atime = dateFromMs(atimeMs);
  this.mtime = dateFromMs(mtimeMs);
  this.ctime = dateFromMs(ctimeMs);
  this.birthtime = dateFromMs(birthtimeMs);
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);

// Stats.prototype.isFile is its own (as in Node), so it works on objects
// whose mode is not a number yet (e.g. some test doubles).
Stats.prototype.isFile = StatsBase.prototype.isFile;
Stats.prototype._checkModeProperty = function(property) {
  return (this.mode & S_IFMT) === property;
};

function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
                     atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeNs / kNsPerMsBigInt;
  this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.ctimeMs = ctimeNs / kNsPerMsBigInt;
  this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.atimeNs = atimeNs;
  this.mtimeNs = mtimeNs;
  this.ctimeNs = ctimeNs;
  this.birthtimeNs = birthtimeNs;
  this.atime = dateFromMs(this.atimeMs);
  this.mtime = dateFromMs(this.mtimeMs);
  this.ctime = dateFromMs(this.ctimeMs);
  this.birthtime = dateFromMs(this.birthtimeMs);
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
Object.setPrototypeOf(BigIntStats, StatsBase);

BigIntStats.prototype._checkModeProperty = function(property) {
  return (this.mode & BigInt(S_IFMT)) === BigInt(property);
};

function msFromTimeSpec(sec, nsec) {
  return sec * kMsPerSec + nsec / kNsPerMs;
}

function nsFromTimeSpecBigInt(sec, nsec) {
  return sec * kNsPerSecBigInt + nsec;
}

// A Stats (or BigIntStats) from `stats` starting at `offset`; undefined for
// a missing array (a failed lstat in some callers).
function getStatsFromBinding(stats, offset = 0) {
  if (stats === undefined) return undefined;
  const s = (i) => stats[offset + i];
  if (stats instanceof BigInt64Array) {
    return new BigIntStats(s(0), s(1), s(2), s(3), s(4), s(5), s(6), s(7), s(8), s(9),
                           nsFromTimeSpecBigInt(s(10), s(11)),
                           nsFromTimeSpecBigInt(s(12), s(13)),
                           nsFromTimeSpecBigInt(s(14), s(15)),
                           nsFromTimeSpecBigInt(s(16), s(17)));
  }
  return new Stats(s(0), s(1), s(2), s(3), s(4), s(5), s(6), s(7), s(8), s(9),
                   msFromTimeSpec(s(10), s(11)), msFromTimeSpec(s(12), s(13)),
                   msFromTimeSpec(s(14), s(15)), msFromTimeSpec(s(16), s(17)));
}

class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    this.type = type;
    this.bsize = bsize;
    this.blocks = blocks;
    this.bfree = bfree;
    this.bavail = bavail;
    this.files = files;
    this.ffree = ffree;
  }
}

function getStatFsFromBinding(stats) {
  return new StatFs(stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6]);
}

// Scratch arrays for synchronous calls: the binding fills them in place.
const statValues = new Float64Array(kFields);
const bigintStatValues = new BigInt64Array(kFields);

function syncStatArray(bigint) {
  return bigint ? bigintStatValues : statValues;
}

module.exports = {
  BigIntStats,
  StatFs,
  Stats,
  getStatFsFromBinding,
  getStatsFromBinding,
  kFsStatsFieldsNumber: kFields,
  syncStatArray,
};
