'use strict';
// The `path` module: Kiln runs on POSIX systems only, so `require('path')`
// is path.posix; path.win32 is the same API for Windows paths.

const posix = require('internal/path/posix');
const win32 = require('internal/path/win32');

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

// Legacy alias (DEP0080, documentation-only).
posix._makeLong = posix.toNamespacedPath;
win32._makeLong = win32.toNamespacedPath;

module.exports = posix;
