'use strict';
// Pieces shared by the posix and win32 flavours of `path`: the segment
// normalizer, format(), and matchesGlob's argument handling.

const { validateObject, validateString } = require('internal/validators');

const kSlash = 47;      // '/'
const kBackslash = 92;  // '\\'
const kDot = 46;        // '.'

function isPosixSep(code) {
  return code === kSlash;
}

function isWin32Sep(code) {
  return code === kSlash || code === kBackslash;
}

// Collapses '.' and '..' segments and repeated separators of `path` (which
// carries no root) and joins the surviving segments with `sep`. Leading '..'
// segments are kept only when `allowAboveRoot` (relative paths). A trailing
// separator is dropped.
function normalizeString(path, allowAboveRoot, sep, isSep) {
  let out = '';
  let lastSegmentLength = 0;
  let segStart = 0;         // index just after the previous separator
  let dots = 0;             // 1 or 2 while the segment is '.'/'..'; -1 otherwise
  const len = path.length;
  for (let i = 0; i <= len; i++) {
    let code;
    if (i < len) {
      code = path.charCodeAt(i);
    } else if (len > 0 && isSep(path.charCodeAt(len - 1))) {
      break;
    } else {
      code = kSlash;  // a virtual separator closes the last segment
    }
    if (!isSep(code)) {
      if (code === kDot && dots !== -1) dots++;
      else dots = -1;
      continue;
    }
    // `path.slice(segStart, i)` is one segment.
    if (i === segStart || dots === 1) {
      // Empty or '.': nothing to add.
    } else if (dots === 2) {
      const endsWithDotDot = lastSegmentLength === 2 && out.length >= 2 &&
        out.charCodeAt(out.length - 1) === kDot &&
        out.charCodeAt(out.length - 2) === kDot;
      if (!endsWithDotDot && out.length > 2) {
        const cut = out.lastIndexOf(sep);
        if (cut === -1) {
          out = '';
          lastSegmentLength = 0;
        } else {
          out = out.slice(0, cut);
          lastSegmentLength = out.length - 1 - out.lastIndexOf(sep);
        }
      } else if (!endsWithDotDot && out.length !== 0) {
        out = '';
        lastSegmentLength = 0;
      } else if (allowAboveRoot) {
        out += out.length > 0 ? `${sep}..` : '..';
        lastSegmentLength = 2;
      }
    } else {
      const segment = path.slice(segStart, i);
      out += out.length > 0 ? `${sep}${segment}` : segment;
      lastSegmentLength = i - segStart;
    }
    segStart = i + 1;
    dots = 0;
  }
  return out;
}

// Scans the last path component of `path[start..]` (trailing separators
// ignored). Returns { startPart, end, startDot }: startPart is where the
// component begins (`startPart` as given when no separator precedes it),
// end === -1 means there is no component, and startDot === -1 means it has
// no extension (no dot, only leading dots, or exactly '..').
function scanLastComponent(path, start, startPart, isSep) {
  let startDot = -1;
  let end = -1;
  // 0: nothing before the first dot yet, 1: only dots, -1: some other char.
  let preDotState = 0;
  for (let i = path.length - 1; i >= start; i--) {
    const code = path.charCodeAt(i);
    if (isSep(code)) {
      if (end !== -1) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) end = i + 1;
    if (code === kDot) {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  if (startDot !== -1 &&
      (end === -1 || preDotState === 0 ||
       (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1))) {
    startDot = -1;
  }
  return { startPart, end, startDot };
}

// basename() for both flavours: `start` skips a win32 drive prefix.
function basenameFrom(path, suffix, start, isSep) {
  let end = -1;
  let inTrailingSeps = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let suffixIdx = suffix.length - 1;
    let componentEnd = -1;
    for (let i = path.length - 1; i >= start; i--) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (!inTrailingSeps) {
          start = i + 1;
          break;
        }
        continue;
      }
      if (componentEnd === -1) {
        inTrailingSeps = false;
        componentEnd = i + 1;
      }
      if (suffixIdx >= 0) {
        if (code === suffix.charCodeAt(suffixIdx)) {
          if (--suffixIdx === -1) end = i;  // the whole suffix matched
        } else {
          suffixIdx = -1;
          end = componentEnd;
        }
      }
    }
    if (start === end) end = componentEnd;  // the suffix is the whole name
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  for (let i = path.length - 1; i >= start; i--) {
    if (isSep(path.charCodeAt(i))) {
      if (!inTrailingSeps) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      inTrailingSeps = false;
      end = i + 1;
    }
  }
  return end === -1 ? '' : path.slice(start, end);
}

function extnameFrom(path, start, isSep) {
  const { end, startDot } = scanLastComponent(path, start, start, isSep);
  return startDot === -1 ? '' : path.slice(startDot, end);
}

// format() for either flavour; bound to its separator by the callers (the
// name shows as Node's: "bound _format").
function _format(sep, pathObject) {
  validateObject(pathObject, 'pathObject');
  const dir = pathObject.dir || pathObject.root;
  let base = pathObject.base;
  if (!base) {
    const ext = pathObject.ext;
    const dotExt = ext ? (ext[0] === '.' ? ext : `.${ext}`) : '';
    base = `${pathObject.name || ''}${dotExt}`;
  }
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

let warnedGlob = false;
// matchesGlob(path, pattern): experimental in Node 20, as here.
function matchesGlob(path, pattern, windows) {
  if (!warnedGlob) {
    warnedGlob = true;
    process.emitWarning('glob is an experimental feature and might change at any time',
                        'ExperimentalWarning');
  }
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  return require('internal/path/glob').match(path, pattern, windows);
}

module.exports = {
  kSlash,
  kBackslash,
  kDot,
  isPosixSep,
  isWin32Sep,
  normalizeString,
  scanLastComponent,
  basenameFrom,
  extnameFrom,
  format: _format,
  matchesGlob,
};
