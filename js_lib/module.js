'use strict';
// The public `module` builtin: the CommonJS Module class.
const { Module } = require('internal/modules/cjs/loader');

// Named exports of builtins imported as ES modules follow changes made to
// their module.exports since (a no-op when no builtin was imported).
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {
  require('internal/modules/esm/translators').syncBuiltinExports();
};

module.exports = Module;
