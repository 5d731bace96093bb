'use strict';
// path.posix: '/'-separated paths. The cwd is read at call time, never at
// load time (this file is loaded inside the snapshot builder).

const { validateString } = require('internal/validators');
const {
  kSlash,
  isPosixSep,
  normalizeString,
  format,
  matchesGlob,
  scanLastComponent,
  basenameFrom,
  extnameFrom,
} = require('internal/path/common');

const posix = {
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= 0 && !absolute; i--) {
      const path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolved = `${path}/${resolved}`;
      absolute = path.charCodeAt(0) === kSlash;
    }
    if (!absolute) {
      const cwd = process.cwd();
      resolved = `${cwd}/${resolved}`;
      absolute = cwd.charCodeAt(0) === kSlash;
    }
    resolved = normalizeString(resolved, !absolute, '/', isPosixSep);
    if (absolute) return `/${resolved}`;
    return resolved.length > 0 ? resolved : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path.charCodeAt(0) === kSlash;
    const trailingSep = path.charCodeAt(path.length - 1) === kSlash;
    path = normalizeString(path, !absolute, '/', isPosixSep);
    if (path.length === 0) {
      if (absolute) return '/';
      return trailingSep ? './' : '.';
    }
    if (trailingSep) path += '/';
    return absolute ? `/${path}` : path;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path.charCodeAt(0) === kSlash;
  },

  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    if (parts.length === 0) return '.';
    return posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';

    // Both are absolute and normalized: compare after the leading '/'.
    const fromLen = from.length - 1;
    const toLen = to.length - 1;
    const common = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < common; i++) {
      const code = from.charCodeAt(1 + i);
      if (code !== to.charCodeAt(1 + i)) break;
      if (code === kSlash) lastCommonSep = i;
    }
    if (i === common) {
      if (toLen > common) {
        // `from` is a directory prefix of `to`, or the root.
        if (to.charCodeAt(1 + i) === kSlash) return to.slice(1 + i + 1);
        if (i === 0) return to.slice(1 + i);
      } else if (fromLen > common) {
        // `to` is a directory prefix of `from`, or the root.
        if (from.charCodeAt(1 + i) === kSlash) lastCommonSep = i;
        else if (i === 0) lastCommonSep = 0;
      }
    }
    let up = '';
    for (i = 1 + lastCommonSep + 1; i <= from.length; i++) {
      if (i === from.length || from.charCodeAt(i) === kSlash) {
        up += up.length === 0 ? '..' : '/..';
      }
    }
    return `${up}${to.slice(1 + lastCommonSep)}`;
  },

  toNamespacedPath(path) {
    return path;  // only meaningful on Windows
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path.charCodeAt(0) === kSlash;
    let end = -1;
    let inTrailingSeps = true;
    for (let i = path.length - 1; i >= 1; i--) {
      if (path.charCodeAt(i) === kSlash) {
        if (!inTrailingSeps) {
          end = i;
          break;
        }
      } else {
        inTrailingSeps = false;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return basenameFrom(path, suffix, 0, isPosixSep);
  },

  extname(path) {
    validateString(path, 'path');
    return extnameFrom(path, 0, isPosixSep);
  },

  format: format.bind(null, '/'),

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const absolute = path.charCodeAt(0) === kSlash;
    if (absolute) ret.root = '/';
    const scan = scanLastComponent(path, absolute ? 1 : 0, 0, isPosixSep);
    const startPart = scan.startPart;
    if (scan.end !== -1) {
      const start = startPart === 0 && absolute ? 1 : startPart;
      ret.base = path.slice(start, scan.end);
      if (scan.startDot === -1) {
        ret.name = ret.base;
      } else {
        ret.name = path.slice(start, scan.startDot);
        ret.ext = path.slice(scan.startDot, scan.end);
      }
    }
    if (startPart > 0) ret.dir = path.slice(0, startPart - 1);
    else if (absolute) ret.dir = '/';
    return ret;
  },

  matchesGlob(path, pattern) {
    return matchesGlob(path, pattern, false);
  },

  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
};

module.exports = posix;
