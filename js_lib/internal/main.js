'use strict';
// hooks.runMain(info): the first JS of every run. C++ (runtime/start.cc)
// calls it right after the snapshot is deserialized with the per-run state
// (runtime/per_run.cc: argv, execArgv, execPath, pid, env, mode, source), then
// runs the loop. Everything that depends on this process is set here, never
// at build time.

const { exposeGlobal, exposeLazyGlobal } = require('internal/bootstrap/globals');

function patchProcessObject(info) {
  process.argv = info.argv;
  process.execArgv = info.execArgv;
  process.execPath = info.execPath;
  process.argv0 = info.argv0;
  process.pid = info.pid;
  process.env = info.env;
  // argv[1] is the absolute path of the main script, as in Node.
  if (info.mode === 'script' && process.argv[1]) {
    process.argv[1] = require('path').resolve(process.argv[1]);
  }
}

// -e, -p and stdin code run as a script in the global scope, with the
// builtin modules and `require`, `module`, `exports` as globals (as Node).
function evalScript(name, source, print) {
  const { Module } = require('internal/modules/cjs/loader');
  const mod = new Module(name, null);
  mod.filename = require('path').join(process.cwd(), name);
  mod.paths = Module._nodeModulePaths(process.cwd());
  const req = Module.makeRequire(mod);
  // Node's order of these globals.
  exposeGlobal('__filename', name, true);
  exposeGlobal('module', mod, true);
  exposeGlobal('exports', mod.exports, true);
  exposeGlobal('__dirname', '.', true);
  exposeGlobal('require', req, true);
  for (const id of Module.builtinModules) {
    if (!id.includes('/') && !(id in globalThis)) exposeLazyGlobal(id, id);
  }
  const result = binding('contextify').runScript(source, name);
  if (print) {
    const { log } = require('console');
    log(result);
  }
}

function readStdin() {
  return binding('fs').readFileUtf8('/dev/stdin');
}

function runMain(info) {
  patchProcessObject(info);
  // A forked child: process.send/'message' over the parent's IPC channel.
  if (process.env.NODE_CHANNEL_FD) {
    require('internal/child_process/setup').setupChildProcessIpcChannel();
  }
  const { Module } = require('internal/modules/cjs/loader');
  Module._initPaths();
  for (let i = 0; i < info.execArgv.length; i++) {
    const a = info.execArgv[i];
    if (a === '-r' || a === '--require') Module._preloadModule(info.execArgv[i + 1]);
    else if (a.startsWith('--require=')) Module._preloadModule(a.slice(10));
  }
  switch (info.mode) {
    case 'script':
      Module.runMain(process.argv[1]);
      break;
    case 'eval':
      evalScript('[eval]', info.source, false);
      break;
    case 'print':
      evalScript('[eval]', info.source, true);
      break;
    case 'stdin':
      evalScript('[stdin]', readStdin(), false);
      break;
    case 'repl':
      require('internal/repl').start();
      break;
  }
}

hooks.runMain = runMain;
module.exports = { runMain };
