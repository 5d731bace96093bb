'use strict';
// The public `repl` module: repl.start(options) makes a REPLServer on
// stdin/stdout (or the given streams). See internal/repl/server.js.

const { REPLServer, writer } = require('internal/repl/server');
const { Recoverable, isValidSyntax } = require('internal/repl/eval');

function start(prompt, source, eval_, useGlobal, ignoreUndefined, replMode) {
  return new REPLServer(prompt, source, eval_, useGlobal, ignoreUndefined, replMode);
}

module.exports = {
  start,
  writer,
  REPLServer,
  REPL_MODE_SLOPPY: Symbol('repl-sloppy'),
  REPL_MODE_STRICT: Symbol('repl-strict'),
  Recoverable,
  isValidSyntax,
};
Object.defineProperty(module.exports, 'builtinModules', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    const { Module } = require('internal/modules/cjs/loader');
    return Module.builtinModules.filter((id) => !id.startsWith('_'));
  },
});
