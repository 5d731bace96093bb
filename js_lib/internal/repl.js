'use strict';
// A line-at-a-time REPL on process.stdin/stdout (`kiln` with a terminal and
// no script): evaluates each line in the global scope and prints the result
// with util.inspect. Multi-line input, completion and history wait for
// readline (issue 4).

function start() {
  const { inspect } = require('internal/util/inspect');
  const { runScript } = binding('contextify');
  const out = process.stdout;
  const prompt = () => out.write('> ');
  let pending = '';
  out.write(`Welcome to Kiln v${process.versions.kiln}.\nType ".exit" or press Ctrl+D to exit.\n`);
  prompt();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line === '.exit') process.exit(0);
      if (line !== '') {
        try {
          const result = runScript(line, 'REPL');
          globalThis._ = result;
          out.write(`${inspect(result, { colors: out.isTTY })}\n`);
        } catch (err) {
          out.write(`Uncaught ${inspect(err)}\n`);
        }
      }
      prompt();
    }
  });
  process.stdin.on('end', () => out.write('\n'));
}

module.exports = { start };
