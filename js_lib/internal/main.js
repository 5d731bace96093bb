'use strict';
// hooks.runMain(info): the first JS of every run. C++ (runtime/start.cc)
// calls it right after the snapshot is deserialized with the per-run state
// (runtime/per_run.cc: argv, execArgv, execPath, pid, env, mode, source), then
// runs the loop. Everything that depends on this process is set here, never
// at build time.

const { exposeGlobal, exposeLazyGlobal } = require('internal/bootstrap/globals');
// Loaded here, at build time, so every script's start finds it compiled.
require('internal/modules/run_main');

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

// -e/stdin code as an ES module: with --input-type=module, or when it only
// parses as one (Node's syntax detection).
function evalAsModule(source) {
  const argv = process.execArgv;
  let inputType = '';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--input-type') inputType = argv[++i];
    else if (argv[i].startsWith('--input-type=')) inputType = argv[i].slice(13);
  }
  if (inputType === 'module') return true;
  if (inputType !== '' || !/\b(import|export|await)\b/.test(source)) return false;
  return require('internal/modules/esm/format')
    .containsModuleSyntax(source, `${process.cwd()}/[eval1]`);
}

function evalModule(source) {
  // As Node's: URL-parsed, so the brackets stay as they are.
  const { URL, pathToFileURL } = require('internal/url');
  const url = new URL('[eval1]', pathToFileURL(`${process.cwd()}/`)).href;
  require('internal/modules/esm/loader').runMain(url, source);
}

function readStdin() {
  return binding('fs').readFileUtf8('/dev/stdin');
}

function runMain(info) {
  patchProcessObject(info);
  // A forked child: process.send/'message' over the parent's IPC channel.
  if (info.mode !== 'worker' && process.env.NODE_CHANNEL_FD) {
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
      if (evalAsModule(info.source)) evalModule(info.source);
      else evalScript('[eval]', info.source, false);
      break;
    case 'print':
      evalScript('[eval]', info.source, true);
      break;
    case 'stdin': {
      const source = readStdin();
      if (evalAsModule(source)) evalModule(source);
      else evalScript('[stdin]', source, false);
      break;
    }
    case 'repl':
      require('internal/repl').start();
      break;
    case 'worker':
      require('internal/worker/worker').runWorker(info, (filename) => {
        process.argv[1] = filename;
        Module.runMain(filename);
      }, (source) => evalScript('[worker eval]', source, false));
      break;
  }
}

hooks.runMain = runMain;
// V8's import() and import.meta callbacks (bindings/module_wrap.cc): the ES
// module loader is loaded at the first use.
hooks.importModuleDynamically = function importModuleDynamically(specifier, referrer, attrs) {
  return require('internal/modules/esm/loader')
    .importModuleDynamically(specifier, referrer, attrs);
};
hooks.initializeImportMeta = function initializeImportMeta(meta, wrap) {
  require('internal/modules/esm/loader').initializeImportMeta(meta, wrap);
};
module.exports = { runMain };
