'use strict';
// The main script (Node's executeUserEntryPoint): a .mjs file, or a .js
// file in a "type": "module" package, runs on the ES module loader; anything
// else on the CommonJS loader, which may still hand it over (syntax
// detection, internal/modules/esm/cjs_interop). Only then is the ES module
// loader loaded.

const path = require('path');
const pkg = require('internal/modules/package_json');

function shouldUseESMLoader(mainPath) {
  if (!mainPath || mainPath.endsWith('.cjs')) return false;
  if (mainPath.endsWith('.mjs')) return true;
  const scope = pkg.findScope(path.dirname(mainPath));
  return scope !== undefined && scope.data.type === 'module';
}

// Once loader hooks are in use (esm/hooks), every entry point, CommonJS
// too, goes through them, as in Node.
let mainAsModule = false;
function runMainAsModule() {
  mainAsModule = true;
}

function executeUserEntryPoint(main) {
  const { Module } = require('internal/modules/cjs/loader');
  // The real path, found as require() finds files (tryFile).
  const mainPath = Module._findPath(path.resolve(main), null, true);
  if (!mainAsModule && !shouldUseESMLoader(mainPath)) {
    // The path found, so that the loader's path cache answers at once.
    Module._load(mainPath || main, null, true);
    return;
  }
  const { pathToFileURL } = require('internal/url');
  require('internal/modules/esm/loader').runMain(pathToFileURL(mainPath || path.resolve(main)).href);
}

module.exports = { executeUserEntryPoint, runMainAsModule };
