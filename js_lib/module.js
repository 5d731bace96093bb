'use strict';
// The public `module` builtin: the CommonJS Module class.
const { Module } = require('internal/modules/cjs/loader');

// Named exports of builtins imported as ES modules follow changes made to
// their module.exports since (a no-op when no builtin was imported).
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {
  require('internal/modules/esm/translators').syncBuiltinExports();
};

// Loader hooks (internal/modules/esm/hooks, loaded at the first call).
Module.register = function register(specifier, parentURL = undefined, options = undefined) {
  return require('internal/modules/esm/hooks').register(specifier, parentURL, options);
};

// Node 22's compile cache (internal/modules/compile_cache, loaded when enabled).
const { getCompileCache } = require('internal/modules/cjs/loader');
Module.enableCompileCache = function enableCompileCache(cacheDir) {
  if (cacheDir !== undefined) require('internal/validators').validateString(cacheDir, 'cacheDir');
  return require('internal/modules/compile_cache').enable(cacheDir);
};
Module.getCompileCacheDir = function getCompileCacheDir() {
  return getCompileCache()?.getDirectory();
};
Module.flushCompileCache = function flushCompileCache() {
  getCompileCache()?.flush();
};
Module.constants = Object.freeze({
  __proto__: null,
  compileCacheStatus: Object.freeze({
    __proto__: null, FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3,
  }),
});

module.exports = Module;
