'use strict';
// hooks.runMain(info): the first JS of every run. C++ (runtime/start.cc)
// calls it right after the snapshot is deserialized with the per-run state
// (runtime/per_run.cc: argv, execArgv, execPath, pid, env, mode, source), then
// runs the loop. Everything that depends on this process is set here, never
// at build time.

const { exposeGlobal, exposeLazyGlobal } = require('internal/bootstrap/globals');
const { getOptionValue, getOptionValues, setOptions } = require('internal/options');
// Loaded here, at build time, so every script's start finds it compiled.
require('internal/modules/run_main');

function patchProcessObject(info) {
  // A worker's come with its load message (internal/worker/worker.js).
  setOptions(info.options ?? [], info.env);
  // As Node, these exist only when their option is given.
  if (!getOptionValue('--deprecation')) process.noDeprecation = true;
  if (getOptionValue('--throw-deprecation')) process.throwDeprecation = true;
  if (getOptionValue('--trace-deprecation')) process.traceDeprecation = true;
  const title = getOptionValue('--title');
  if (title !== undefined) process.title = title;
  process.argv = info.argv;
  process.execArgv = info.execArgv;
  process.execPath = info.execPath;
  process.argv0 = info.argv0;
  process.pid = info.pid;
  process.env = info.env;
  // --env-file: variables the environment does not already have.
  for (const file of getOptionValues('--env-file')) {
    let content;
    try {
      content = binding('fs').readFileUtf8(file);
    } catch {
      process._rawDebug(`${process.argv0}: ${file}: not found`);
      process.reallyExit(9);
    }
    require('internal/process/per_thread').applyEnvFile(content);
  }
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
function inputType() {
  return getOptionValue('--input-type') ?? '';
}

function evalAsModule(source) {
  const type = inputType();
  if (type === 'module') return true;
  if (type !== '' || !/\b(import|export|await)\b/.test(source)) return false;
  return require('internal/modules/esm/format')
    .containsModuleSyntax(source, `${process.cwd()}/[eval1]`);
}

function evalModule(source) {
  // As Node's: URL-parsed, so the brackets stay as they are.
  const { URL, pathToFileURL } = require('internal/url');
  const url = new URL('[eval1]', pathToFileURL(`${process.cwd()}/`)).href;
  require('internal/modules/esm/loader').runMain(url, source);
}

// The script from fd 0, whatever it is: opening /dev/stdin fails (ENXIO)
// when stdin is a socket, as child_process's 'pipe' stdio makes it.
function readStdin() {
  return binding('fs').readFileUtf8(0);
}

// The working directory when -e/-p/stdin code started: what its relative
// name ([eval], [stdin]) is resolved against, even after process.chdir().
let evalDirectory = null;

// -c/--check: compiles the main script (or stdin) without running it. A
// syntax error is thrown like any uncaught error (exit 1).
function checkSyntax(main) {
  let filename = '[stdin]';
  let source;
  let isModule = inputType() === 'module';
  if (main === null) {
    source = readStdin();
    process._eval = source;
  } else {
    const { Module } = require('internal/modules/cjs/loader');
    filename = Module._resolveFilename(main, null, true);
    source = binding('fs').readFileUtf8(filename);
    isModule = filename.endsWith('.mjs') ||
      (filename.endsWith('.js') &&
       require('internal/modules/package_json').findScope(require('path').dirname(filename))
         ?.data.type === 'module');
  }
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  if (isModule) {
    const { ModuleWrap } = binding('module_wrap');
    const url = main === null ? filename : require('internal/url').pathToFileURL(filename).href;
    new ModuleWrap(url, source);
  } else {
    require('internal/modules/cjs/loader').wrapSafe(filename, source);
  }
}

function runMain(info) {
  patchProcessObject(info);
  // A forked child: process.send/'message' over the parent's IPC channel.
  if (info.mode !== 'worker' && process.env.NODE_CHANNEL_FD) {
    require('internal/child_process/setup').setupChildProcessIpcChannel();
  }
  const { Module } = require('internal/modules/cjs/loader');
  Module._initPaths();
  if (getOptionValue('--disable-proto') !== undefined) {
    require('internal/process/disable_proto').disableProto(Object.prototype);
  }
  if (process.env.NODE_COMPILE_CACHE) require('internal/modules/compile_cache').enable();
  if (getOptionValue('--report-on-signal') || getOptionValue('--report-uncaught-exception')) {
    void process.report;  // sets up the triggers
  }
  for (const id of getOptionValues('--require')) Module._preloadModule(id);
  // After the -r preloads, which may patch Module.wrap.
  if (info.check && (info.mode === 'script' || info.mode === 'stdin')) {
    checkSyntax(info.mode === 'script' ? process.argv[1] : null);
    return;
  }
  if (info.mode !== 'script' && info.mode !== 'repl') evalDirectory = process.cwd();
  // --import: ES modules preloaded (after the -r ones) and awaited; the
  // entry point then runs from the tick queue, so that what it throws is an
  // uncaught exception, as without them.
  const loaders = getOptionValues('--experimental-loader');
  if (loaders.length !== 0) require('internal/modules/esm/hooks').registerLoaders(loaders);
  const imports = getOptionValues('--import');
  if (imports.length === 0) return runEntryPoint(info, Module);
  require('internal/modules/esm/loader').importPreloads(imports).then(() => {
    process.nextTick(runEntryPoint, info, Module);
  });
}

function runEntryPoint(info, Module) {
  switch (info.mode) {
    case 'script':
      Module.runMain(process.argv[1]);
      break;
    case 'eval':
      // As Node: fork() drops `-e CODE` from the child's execArgv by it.
      process._eval = info.source;
      if (evalAsModule(info.source)) evalModule(info.source);
      else evalScript('[eval]', info.source, false);
      break;
    case 'print':
      process._eval = info.source;
      if (inputType() === 'module') {
        const { ERR_EVAL_ESM_CANNOT_PRINT } = require('internal/errors').codes;
        throw new ERR_EVAL_ESM_CANNOT_PRINT();
      }
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
module.exports = { runMain, evalDirectory: () => evalDirectory };
