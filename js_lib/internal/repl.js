'use strict';
// `kiln` with a terminal and no script (or with -i): the standalone REPL on
// stdin/stdout, evaluating in the global scope; exits when it closes.

function start() {
  const { REPLServer, kStandaloneREPL, writer } = require('internal/repl/server');
  console.log(`Welcome to Kiln v${process.versions.kiln}.\n` +
              'Type ".help" for more information.');
  const repl = new REPLServer({
    prompt: '> ',
    useGlobal: true,
    ignoreUndefined: false,
    terminal: process.env.NODE_NO_READLINE ? false : undefined,
    [kStandaloneREPL]: true,
  });
  // Introspection from inside: require('repl').repl is this REPL.
  require('repl').repl = repl;
  // util.inspect.replDefaults: the writer's options, as in node.
  const { inspect } = require('internal/util/inspect');
  Object.defineProperty(inspect, 'replDefaults', {
    __proto__: null,
    get() { return writer.options; },
    set(options) {
      require('internal/validators').validateObject(options, 'options');
      return Object.assign(writer.options, options);
    },
    enumerable: true,
    configurable: true,
  });
  repl.on('exit', () => process.exit());
  return repl;
}

module.exports = { start };
