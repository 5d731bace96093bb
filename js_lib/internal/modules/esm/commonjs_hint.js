'use strict';
// The hint Node 20 adds to an ES module resolution error
// (ERR_MODULE_NOT_FOUND, ERR_UNSUPPORTED_DIR_IMPORT) when CommonJS
// resolution would have found a file: `Did you mean to import "./x.js"?`,
// relative to the importer for relative specifiers, within the package for
// bare ones.

const path = require('path');
const { fileURLToPath, pathToFileURL } = require('internal/url');
const { isRelativeSpecifier } = require('internal/modules/esm/resolve');

function isBareSpecifier(s) {
  return s[0] !== undefined && s[0] !== '/' && s[0] !== '.';
}

// What require() would have loaded for `specifier` from `parentURL`, as
// the hint shows it; false if nothing.
function resolveAsCommonJS(specifier, parentURL) {
  try {
    const { Module } = require('internal/modules/cjs/loader');
    const parent = fileURLToPath(parentURL);
    const tmpModule = new Module(parent, null);
    tmpModule.paths = Module._nodeModulePaths(parent);
    let found = Module._resolveFilename(specifier, tmpModule, false);
    if (isRelativeSpecifier(specifier)) {
      const parentDir = parentURL.slice('file://'.length, parentURL.lastIndexOf('/'));
      found = path.posix.relative(parentDir, pathToFileURL(found).pathname);
      if (!found.startsWith('../')) found = `./${found}`;
    } else if (isBareSpecifier(specifier)) {
      const index = found.indexOf(specifier.split('/')[0]);
      if (index !== -1) found = found.slice(index);
    }
    return found;
  } catch {
    return false;
  }
}

// Adds the hint to `error`'s message and stack (after its first line).
function decorateErrorWithCommonJSHints(error, specifier, parentURL) {
  if (specifier.startsWith('file://')) specifier = fileURLToPath(specifier);
  const found = resolveAsCommonJS(specifier, parentURL);
  if (!found || found === specifier) return;
  const hint = `Did you mean to import ${JSON.stringify(found)}?`;
  const lines = `${error.stack}`.split('\n');
  error.stack = [lines[0], hint, ...lines.slice(1)].join('\n');
  error.message += `\n${hint}`;
}

module.exports = { decorateErrorWithCommonJSHints };
