'use strict';

// file: URLs <-> file system paths (url.fileURLToPath / url.pathToFileURL),
// POSIX by default, Windows rules with { windows: true }.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_URL_SCHEME,
  },
} = require('internal/errors');
const path = require('path');
const { URL, domainToASCII, domainToUnicode, isURL } = require('internal/url');

const kEmptyObject = Object.freeze({ __proto__: null });

function getPathFromURLWin32(url) {
  const hostname = url.hostname;
  let pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] !== '%') continue;
    const third = pathname.codePointAt(n + 2) | 0x20;
    if ((pathname[n + 1] === '2' && third === 102) || // %2F /
        (pathname[n + 1] === '5' && third === 99)) { // %5C \
      throw new ERR_INVALID_FILE_URL_PATH('must not include encoded \\ or / characters');
    }
  }
  pathname = decodeURIComponent(pathname.replace(/\//g, '\\'));
  // A host makes it a UNC path; an IDN host is shown in Unicode.
  if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 97 || letter > 122 || pathname[2] !== ':') {
    throw new ERR_INVALID_FILE_URL_PATH('must be absolute');
  }
  return pathname.slice(1);
}

function getPathFromURLPosix(url) {
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(process.platform);
  const pathname = url.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%' && pathname[n + 1] === '2' &&
        (pathname.codePointAt(n + 2) | 0x20) === 102) {
      throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
    }
  }
  return decodeURIComponent(pathname);
}

function fileURLToPath(path, options = kEmptyObject) {
  const windows = options?.windows;
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  return (windows ?? process.platform === 'win32') ?
    getPathFromURLWin32(path) : getPathFromURLPosix(path);
}

// Chars escaped before the path goes through the URL parser: '%' (the one
// char the parser keeps literally), those that would end the path ('?',
// '#'), tab/CR/LF (which the parser drops), '\' on POSIX (the parser reads
// it as '/'), and the rest of what Node escapes.
const kEscapeAlways = '%\t\n\r?#[]^|~';
function encodePathChars(filepath, windows) {
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < filepath.length; i++) {
    const c = filepath[i];
    if (kEscapeAlways.includes(c) || (c === '\\' && !windows)) {
      const code = c.charCodeAt(0);
      out += filepath.slice(lastPos, i) + '%' + (code < 16 ? '0' : '') +
        code.toString(16).toUpperCase();
      lastPos = i + 1;
    }
  }
  return lastPos === 0 ? filepath : out + filepath.slice(lastPos);
}

function pathToFileURL(filepath, options = kEmptyObject) {
  const windows = options?.windows ?? process.platform === 'win32';
  if (windows && filepath.startsWith('\\\\')) {
    // UNC: \\server\share\rest (or \\?\UNC\server\share\rest).
    const outURL = new URL('file://');
    const prefixLength = filepath.startsWith('\\\\?\\UNC\\') ? 8 : 2;
    const hostEnd = filepath.indexOf('\\', prefixLength);
    if (hostEnd === -1) {
      throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Missing UNC resource path');
    }
    if (hostEnd === 2) throw new ERR_INVALID_ARG_VALUE('path', filepath, 'Empty UNC servername');
    outURL.hostname = domainToASCII(filepath.slice(prefixLength, hostEnd));
    outURL.pathname = encodePathChars(filepath.slice(hostEnd).replace(/\\/g, '/'), windows);
    return outURL;
  }
  let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
  // resolve() drops a trailing separator; keep it. (Compared with the host's
  // separator even in Windows mode, as Node does: 'C:\\' gives 'file:///C://'.)
  const last = filepath[filepath.length - 1];
  if ((last === '/' || (windows && last === '\\')) &&
      resolved[resolved.length - 1] !== path.sep) {
    resolved += '/';
  }
  return new URL(`file://${encodePathChars(resolved, windows)}`);
}

function toPathIfFileURL(fileURLOrPath) {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return fileURLToPath(fileURLOrPath);
}

module.exports = { fileURLToPath, pathToFileURL, toPathIfFileURL };
