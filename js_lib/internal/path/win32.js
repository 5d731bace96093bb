'use strict';
// path.win32: Windows paths ('\\' or '/' separators, drive letters, UNC
// roots \\server\share and device roots \\.\ and \\?\). Pure string
// manipulation; resolve() reads process.cwd() and the per-drive cwd
// variables (`=C:`) at call time.

const { validateString } = require('internal/validators');
const {
  kBackslash,
  isWin32Sep,
  normalizeString,
  format,
  matchesGlob,
  scanLastComponent,
  basenameFrom,
  extnameFrom,
} = require('internal/path/common');

const kColon = 58;
const kQuestion = 63;
const kDotCode = 46;

// Device names Windows resolves anywhere (`CON:`, `COM1:`...), upper-case.
const kReservedNames = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\xb9', 'COM\xb2', 'COM\xb3',
  'LPT\xb9', 'LPT\xb2', 'LPT\xb3',
]);

// Note: with colonIndex === -1 this tests all but the last character, as
// Node does.
function isReservedName(path, colonIndex) {
  return kReservedNames.has(path.slice(0, colonIndex).toUpperCase());
}

function isDriveLetter(code) {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hasDrive(path) {
  return isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === kColon;
}

function isSepAt(path, i) {
  return isWin32Sep(path.charCodeAt(i));
}

// For a path starting with two separators: the `\\server\share` parts, or
// null when there is no server name followed by a share name.
function matchUnc(path) {
  const len = path.length;
  let j = 2;
  while (j < len && !isSepAt(path, j)) j++;
  if (j === len || j === 2) return null;
  const server = path.slice(2, j);
  while (j < len && isSepAt(path, j)) j++;
  if (j === len) return null;
  const shareStart = j;
  while (j < len && !isSepAt(path, j)) j++;
  return { server, shareStart, shareEnd: j };
}

function isDeviceServer(server) {
  return server === '.' || server === '?';
}

// The root of one resolve() argument: { device, rootEnd, absolute }.
function resolveRoot(path) {
  const root = { device: '', rootEnd: 0, absolute: false };
  if (isSepAt(path, 0)) {
    root.absolute = true;
    if (!isSepAt(path, 1)) {
      root.rootEnd = 1;
      return root;
    }
    const unc = matchUnc(path);
    if (unc === null) return root;
    if (isDeviceServer(unc.server)) {
      root.device = `\\\\${unc.server}`;
      root.rootEnd = 4;
    } else {
      root.device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`;
      root.rootEnd = unc.shareEnd;
    }
  } else if (hasDrive(path)) {
    root.device = path.slice(0, 2);
    root.rootEnd = 2;
    if (path.length > 2 && isSepAt(path, 2)) {
      root.absolute = true;
      root.rootEnd = 3;
    }
  }
  return root;
}

// The cwd to resolve a drive-relative path (`C:foo`) against.
function driveCwd(device) {
  let path = process.env[`=${device}`] || process.cwd();
  if (path === undefined ||
      (path.slice(0, 2).toLowerCase() !== device.toLowerCase() &&
       path.charCodeAt(2) === kBackslash)) {
    path = `${device}\\`;
  }
  return path;
}

const win32 = {
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (device.length === 0) {
        path = process.cwd();
      } else {
        path = driveCwd(device);
      }

      const root = resolveRoot(path);
      if (root.device.length > 0) {
        if (device.length === 0) {
          device = root.device;
        } else if (root.device.toLowerCase() !== device.toLowerCase()) {
          continue;  // another drive or share: not part of this path
        }
      }
      if (absolute) {
        if (device.length > 0) break;
      } else {
        tail = `${path.slice(root.rootEnd)}\\${tail}`;
        absolute = root.absolute;
        if (absolute && device.length > 0) break;
      }
    }
    tail = normalizeString(tail, !absolute, '\\', isWin32Sep);
    if (absolute) return `${device}\\${tail}`;
    return `${device}${tail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return path.charCodeAt(0) === 47 ? '\\' : path;
    let rootEnd = 0;
    let device;
    let absolute = false;
    if (isSepAt(path, 0)) {
      absolute = true;
      if (isSepAt(path, 1)) {
        const unc = matchUnc(path);
        if (unc !== null) {
          if (isDeviceServer(unc.server)) {
            device = `\\\\${unc.server}`;
            rootEnd = 4;
          } else if (unc.shareEnd === len) {
            // Only a UNC root: nothing more to normalize.
            return `\\\\${unc.server}\\${path.slice(unc.shareStart)}\\`;
          } else {
            device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`;
            rootEnd = unc.shareEnd;
          }
        }
      } else {
        rootEnd = 1;
      }
    } else {
      const colon = path.indexOf(':');
      if (colon === 1 && isDriveLetter(path.charCodeAt(0))) {
        device = path.slice(0, 2);
        rootEnd = 2;
        if (len > 2 && isSepAt(path, 2)) {
          absolute = true;
          rootEnd = 3;
        }
      } else if (colon > 0 && isReservedName(path, colon)) {
        device = path.slice(0, colon + 1);
        rootEnd = colon + 1;
      }
    }

    let tail = rootEnd < len ?
      normalizeString(path.slice(rootEnd), !absolute, '\\', isWin32Sep) : '';
    if (tail.length === 0 && !absolute) tail = '.';
    if (tail.length > 0 && isSepAt(path, len - 1)) tail += '\\';
    if (!absolute && device === undefined && path.includes(':')) {
      // A relative result must not read as a drive or stream root
      // (CVE-2024-36139): prefix it with '.\'.
      if (tail.length >= 2 && hasDrive(tail)) return `.\\${tail}`;
      for (let c = path.indexOf(':'); c !== -1; c = path.indexOf(':', c + 1)) {
        if (c === len - 1 || isSepAt(path, c + 1)) return `.\\${tail}`;
      }
    }
    if (isReservedName(path, path.indexOf(':'))) return `.\\${device ?? ''}${tail}`;
    if (device === undefined) return absolute ? `\\${tail}` : tail;
    return absolute ? `${device}\\${tail}` : `${device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    return isSepAt(path, 0) || (len > 2 && hasDrive(path) && isSepAt(path, 2));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let first;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length === 0) continue;
      if (joined === undefined) joined = first = arg;
      else joined += `\\${arg}`;
    }
    if (joined === undefined) return '.';

    // Leading separators would make normalize() see a UNC root. Keep them
    // only when the first part clearly names one: exactly two separators
    // then a non-separator (join('//server', 'share') is a UNC path).
    const uncFirst = first.length > 2 && isSepAt(first, 0) && isSepAt(first, 1) &&
      !isSepAt(first, 2);
    if (!uncFirst) {
      let seps = 0;
      while (seps < joined.length && isSepAt(joined, seps)) seps++;
      if (seps >= 2) joined = `\\${joined.slice(seps)}`;
    }
    return win32.normalize(joined);
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return '';
    if (fromOrig.length !== from.length || toOrig.length !== to.length) {
      return relativeBySegments(fromOrig, toOrig);
    }
    return relativeByChars(from, to, toOrig);
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved.charCodeAt(0) === kBackslash) {
      if (resolved.charCodeAt(1) === kBackslash) {
        const code = resolved.charCodeAt(2);
        if (code !== kQuestion && code !== kDotCode) {
          return `\\\\?\\UNC\\${resolved.slice(2)}`;
        }
      }
    } else if (hasDrive(resolved) && resolved.charCodeAt(2) === kBackslash) {
      return `\\\\?\\${resolved}`;
    }
    return resolved;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isSepAt(path, 0) ? path : '.';
    let rootEnd = -1;
    let offset = 0;
    if (isSepAt(path, 0)) {
      rootEnd = offset = 1;
      if (isSepAt(path, 1)) {
        const unc = matchUnc(path);
        if (unc !== null) {
          if (unc.shareEnd === len) return path;  // only a UNC root
          rootEnd = offset = unc.shareEnd + 1;
        }
      }
    } else if (hasDrive(path)) {
      rootEnd = offset = len > 2 && isSepAt(path, 2) ? 3 : 2;
    }
    let end = -1;
    let inTrailingSeps = true;
    for (let i = len - 1; i >= offset; i--) {
      if (isSepAt(path, i)) {
        if (!inTrailingSeps) {
          end = i;
          break;
        }
      } else {
        inTrailingSeps = false;
      }
    }
    if (end === -1) {
      if (rootEnd === -1) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    const start = path.length >= 2 && hasDrive(path) ? 2 : 0;
    return basenameFrom(path, suffix, start, isWin32Sep);
  },

  extname(path) {
    validateString(path, 'path');
    const start = path.length >= 2 && hasDrive(path) ? 2 : 0;
    return extnameFrom(path, start, isWin32Sep);
  },

  format: format.bind(null, '\\'),

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    const len = path.length;
    if (len === 0) return ret;
    if (len === 1) {
      if (isSepAt(path, 0)) ret.root = ret.dir = path;
      else ret.base = ret.name = path;
      return ret;
    }
    let rootEnd = 0;
    if (isSepAt(path, 0)) {
      rootEnd = 1;
      if (isSepAt(path, 1)) {
        const unc = matchUnc(path);
        if (unc !== null) rootEnd = unc.shareEnd === len ? len : unc.shareEnd + 1;
      }
    } else if (hasDrive(path)) {
      if (len <= 2 || (len === 3 && isSepAt(path, 2))) {
        ret.root = ret.dir = path;  // only a drive root
        return ret;
      }
      rootEnd = isSepAt(path, 2) ? 3 : 2;
    }
    if (rootEnd > 0) ret.root = path.slice(0, rootEnd);

    const { startPart, end, startDot } = scanLastComponent(path, rootEnd, rootEnd, isWin32Sep);
    if (end !== -1) {
      ret.base = path.slice(startPart, end);
      if (startDot === -1) {
        ret.name = ret.base;
      } else {
        ret.name = path.slice(startPart, startDot);
        ret.ext = path.slice(startDot, end);
      }
    }
    // A directory that is the root keeps the root's trailing separator.
    if (startPart > 0 && startPart !== rootEnd) ret.dir = path.slice(0, startPart - 1);
    else ret.dir = ret.root;
    return ret;
  },

  matchesGlob(path, pattern) {
    return matchesGlob(path, pattern, true);
  },

  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
};

// relative() when lower-casing changed a string's length (some non-ASCII
// characters): compare whole segments case-insensitively instead.
function relativeBySegments(fromOrig, toOrig) {
  const fromParts = fromOrig.split('\\');
  const toParts = toOrig.split('\\');
  if (fromParts[fromParts.length - 1] === '') fromParts.pop();
  if (toParts[toParts.length - 1] === '') toParts.pop();
  const fromLen = fromParts.length;
  const toLen = toParts.length;
  const common = fromLen < toLen ? fromLen : toLen;
  let i = 0;
  while (i < common && fromParts[i].toLowerCase() === toParts[i].toLowerCase()) i++;
  if (i === 0) return toOrig;
  if (i === common) {
    if (toLen > common) return toParts.slice(i).join('\\');
    if (fromLen > common) return `${'..\\'.repeat(fromLen - 1 - i)}..`;
    return '';
  }
  return `${'..\\'.repeat(fromLen - i)}${toParts.slice(i).join('\\')}`;
}

// relative() on the lower-cased resolved paths; slices of `toOrig` keep the
// caller's case.
function relativeByChars(from, to, toOrig) {
  let fromStart = 0;
  while (fromStart < from.length && from.charCodeAt(fromStart) === kBackslash) fromStart++;
  let fromEnd = from.length;
  while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === kBackslash) fromEnd--;
  const fromLen = fromEnd - fromStart;
  let toStart = 0;
  while (toStart < to.length && to.charCodeAt(toStart) === kBackslash) toStart++;
  let toEnd = to.length;
  while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === kBackslash) toEnd--;
  const toLen = toEnd - toStart;

  const common = fromLen < toLen ? fromLen : toLen;
  let lastCommonSep = -1;
  let i = 0;
  for (; i < common; i++) {
    const code = from.charCodeAt(fromStart + i);
    if (code !== to.charCodeAt(toStart + i)) break;
    if (code === kBackslash) lastCommonSep = i;
  }
  if (i !== common) {
    if (lastCommonSep === -1) return toOrig;  // different roots
  } else {
    if (toLen > common) {
      // `from` is a directory prefix of `to`, or the drive root.
      if (to.charCodeAt(toStart + i) === kBackslash) return toOrig.slice(toStart + i + 1);
      if (i === 2) return toOrig.slice(toStart + i);
    }
    if (fromLen > common) {
      // `to` is a directory prefix of `from`, or the drive root.
      if (from.charCodeAt(fromStart + i) === kBackslash) lastCommonSep = i;
      else if (i === 2) lastCommonSep = 3;
    }
    if (lastCommonSep === -1) lastCommonSep = 0;
  }
  let up = '';
  for (i = fromStart + lastCommonSep + 1; i <= fromEnd; i++) {
    if (i === fromEnd || from.charCodeAt(i) === kBackslash) {
      up += up.length === 0 ? '..' : '\\..';
    }
  }
  toStart += lastCommonSep;
  if (up.length > 0) return `${up}${toOrig.slice(toStart, toEnd)}`;
  if (toOrig.charCodeAt(toStart) === kBackslash) toStart++;
  return toOrig.slice(toStart, toEnd);
}

module.exports = win32;
