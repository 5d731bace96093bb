'use strict';
// The on-disk compile cache of Node 22 (NODE_COMPILE_CACHE=dir,
// module.enableCompileCache()): V8 code caches of the CommonJS modules a run
// compiles, read back by later runs so that they skip parsing and compiling
// (an Express app starts ~2x faster). One file per module under
// <dir>/<version tag>/, named by a hash of the module's path; it holds the
// CRC-32 and length of the source it was made from, so an edited file is
// compiled afresh. Caches are written when the process ends, so they also
// hold the functions the run compiled after the module's top level.
const fs = require('fs');
const path = require('path');
const { kiln: version } = process.versions;
const contextify = binding('contextify');
const { cachedDataVersionTag } = binding('heap');
const { addAfterExitHook } = require('internal/process/execution');
const { setCompileCache } = require('internal/modules/cjs/loader');

const { compileCacheStatus } = require('module').constants;

const kMagic = 0x3143434b;  // "KCC1"
const kHeaderSize = 16;     // magic, source CRC-32, source length, path length
// Smaller sources compile faster than their cache file is read (measured: a
// tree of 200 two-line modules ran 9% more instructions with caches).
const kMinSourceLength = 1024;

let directory;              // <dir>/<version tag> once enabled
const compiled = new Map(); // path -> { crc, length, fn }: caches to write at exit

function enable(dir) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    return { status: compileCacheStatus.DISABLED,
             message: 'Disabled by NODE_DISABLE_COMPILE_CACHE' };
  }
  if (directory !== undefined) {
    return { status: compileCacheStatus.ALREADY_ENABLED, directory: path.dirname(directory) };
  }
  dir = path.resolve(dir ?? process.env.NODE_COMPILE_CACHE ??
                     path.join(require('os').tmpdir(), 'node-compile-cache'));
  // V8's tag covers its version, flags and CPU features: a cache made under
  // other ones would be refused anyway.
  const tag = `kiln-${version}-${process.arch}-${(cachedDataVersionTag() >>> 0).toString(16)}`;
  try {
    fs.mkdirSync(path.join(dir, tag), { recursive: true });
  } catch (err) {
    return { status: compileCacheStatus.FAILED,
             message: `Cannot create cache directory: ${err.message}` };
  }
  directory = path.join(dir, tag);
  setCompileCache({ compile, flush, getDirectory });
  addAfterExitHook(flush);
  return { status: compileCacheStatus.ENABLED, directory: dir };
}

function cacheFile(filename) {
  return path.join(directory, `${contextify.sourceHash(filename).toString(16)}-${filename.length}`);
}

// The cache kept for `filename` if it was made from this source, or undefined.
function read(filename, crc, length) {
  let buf;
  try {
    buf = fs.readFileSync(cacheFile(filename));
  } catch {
    return undefined;
  }
  if (buf.length < kHeaderSize || buf.readUInt32LE(0) !== kMagic ||
      buf.readUInt32LE(4) !== crc || buf.readUInt32LE(8) !== length) return undefined;
  const nameLength = buf.readUInt32LE(12);
  if (buf.toString('utf8', kHeaderSize, kHeaderSize + nameLength) !== filename) return undefined;
  return buf.subarray(kHeaderSize + nameLength);
}

// The CommonJS loader's compile (wrapSafe) while the cache is on.
function compile(filename, content, params) {
  if (content.length < kMinSourceLength) return contextify.compileFunction(content, filename, params);
  const crc = contextify.sourceHash(content);
  const cached = read(filename, crc, content.length);
  const fn = contextify.compileFunction(content, filename, params, undefined, undefined,
                                        undefined, undefined, cached);
  if (cached === undefined || fn.cachedDataRejected) {
    compiled.set(filename, { crc, length: content.length, fn });
  }
  return fn;
}

// Writes the caches of the modules compiled without one (module.flushCompileCache).
function flush() {
  if (directory === undefined) return;
  for (const [filename, { crc, length, fn }] of compiled) {
    const data = contextify.createFunctionCodeCache(fn);
    const name = Buffer.from(filename);
    const header = Buffer.alloc(kHeaderSize);
    header.writeUInt32LE(kMagic, 0);
    header.writeUInt32LE(crc, 4);
    header.writeUInt32LE(length, 8);
    header.writeUInt32LE(name.length, 12);
    const file = cacheFile(filename);
    const tmp = `${file}.${process.pid}.tmp`;
    try {  // a cache is an optimisation: failing to write one is no error
      fs.writeFileSync(tmp, Buffer.concat([header, name, data]));
      fs.renameSync(tmp, file);
    } catch {
      try { fs.unlinkSync(tmp); } catch { /* not made */ }
    }
  }
  compiled.clear();
}

function getDirectory() {
  return directory === undefined ? undefined : path.dirname(directory);
}

module.exports = { enable };
