'use strict';
// A worker's own execArgv: -r preloads run on its thread, per-thread options
// apply, V8 and process-wide flags are refused (ERR_WORKER_INVALID_EXEC_ARGV).
const { Worker } = require('worker_threads');
const pre = require('path').join(require('os').tmpdir(), `kiln-pre-${process.pid}.js`);
process.on('exit', () => require('fs').rmSync(pre, { force: true }));
require('fs').writeFileSync(pre, 'console.log("preloaded in", require("worker_threads").isMainThread ? "main" : "worker")');
const w = new Worker('console.log("worker body", process.execArgv.length)', { eval: true, execArgv: ['-r', pre] });
w.on('exit', () => {
  try { new Worker('1', { eval: true, execArgv: ['--expose-gc', '--no-warnings', '--stack-size=100'] }); } catch (e) { console.log(e.code, e.message); }
  const w3 = new Worker('process.emitWarning("hidden"); console.log("w3 done")', { eval: true, execArgv: ['--no-warnings'] });
});
for (const env of [{ NODE_OPTIONS: '--nonexistent-options' }, { NODE_OPTIONS: '--no-warnings --expose-gc' }]) {
  try { new Worker('1', { eval: true, env }); } catch (e) { console.log(e.code, e.message); }
}
for (const execArgv of [['--title=blah'], ['--redirect-warnings'], ['--foo']]) {
  try { new Worker('1', { eval: true, execArgv }); } catch (e) { console.log(e.code, e.message); }
}
