'use strict';
// `kiln` with a terminal and no script (or with -i): the standalone REPL on
// stdin/stdout, evaluating in the global scope; exits when it closes.

function start() {
  const { REPLServer } = require('internal/repl/server');
  console.log(`Welcome to Kiln v${process.versions.kiln}.\n` +
              'Type ".help" for more information.');
  const repl = new REPLServer({
    prompt: '> ',
    useGlobal: true,
    ignoreUndefined: false,
    terminal: process.env.NODE_NO_READLINE ? false : undefined,
  });
  require('repl').repl = repl;
  // Errors thrown later by callbacks the input started print like others.
  process.on('uncaughtException', (err) => repl._handleError(err));
  repl.on('exit', () => process.exit());
  return repl;
}

module.exports = { start };
