'use strict';
// Where the CommonJS loader meets an ES module (internal/modules/cjs/
// loader calls these only then): require() of a .mjs file, of a .js file in
// a "type": "module" package, or of a file that only parses as an ES module;
// and a main script found to be an ES module that way. As Node 20.19+,
// require() of an ES module gives its namespace (unless
// --no-experimental-require-module, then ERR_REQUIRE_ESM).

const path = require('path');
const { pathToFileURL } = require('internal/url');
const { codes } = require('internal/errors');

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function requireModuleEnabled() {
  return require('internal/options').getOptionValue('--experimental-require-module');
}

// ERR_REQUIRE_ESM, reported (as Node does) at the require() call in the
// parent's source rather than where the loader throws it.
function requireEsmError(filename, usesEsm, parentPath, pjsonPath) {
  const err = new codes.ERR_REQUIRE_ESM(filename, usesEsm, parentPath, pjsonPath);
  if (parentPath === undefined) return err;
  const frame = err.stack.split('\n').find((l) => l.includes(`(${parentPath}:`));
  const m = frame && /:(\d+):(\d+)\)$/.exec(frame);
  if (!m) return err;
  let line;
  try {
    line = binding('fs').readFileUtf8(parentPath).split('\n')[m[1] - 1];
  } catch {
    return err;
  }
  if (line === undefined) return err;
  err.stack = `${parentPath}:${m[1]}\n${line}\n${' '.repeat(m[2] - 1)}^\n\n${err.stack}`;
  require('internal/process/execution').markDecorated(err);
  return err;
}

// The module `mod` (being loaded from `filename`) is an ES module.
function loadESMFromCJS(mod, filename, source) {
  const loader = require('internal/modules/esm/loader');
  if (mod.id === '.') {
    // The main script: the ES module loader runs it; it has no CommonJS
    // module (process.mainModule, require.main stay undefined).
    process.mainModule = undefined;
    loader.runMain(pathToFileURL(filename).href);
    return;
  }
  const parent = require('internal/modules/cjs/loader').moduleParent(mod);
  const parentPath = parent && parent.filename ? parent.filename : undefined;
  if (!requireModuleEnabled()) {
    let pjsonPath = null;
    if (!filename.endsWith('.mjs')) {
      const scope = require('internal/modules/package_json').findScope(path.dirname(filename));
      if (scope !== undefined) pjsonPath = scope.path;
    }
    if (source === undefined) source = binding('fs').readFileUtf8(filename);
    const usesEsm = filename.endsWith('.mjs') ||
      require('internal/modules/esm/format').containsModuleSyntax(source, filename);
    throw requireEsmError(filename, usesEsm, parentPath, pjsonPath);
  }
  const { wrap, namespace } = loader.importSync(filename, parentPath);
  // Transpiled code tells an ES module by `__esModule`: a module with a
  // default export gets it through a facade namespace.
  if (hasOwn(namespace, 'module.exports')) {
    mod.exports = namespace['module.exports'];
  } else if (!hasOwn(namespace, 'default') || hasOwn(namespace, '__esModule')) {
    mod.exports = namespace;
  } else {
    mod.exports = loader.requiredModuleFacade(wrap);
  }
}

// CommonJS compilation of `source` failed with `err`: true when the module
// was then loaded as an ES module instead (syntax detection), after the
// main script's "To load an ES module" warning where Node gives it.
function retryAsESM(mod, filename, source, err) {
  const { shouldRetryAsESM } = require('internal/modules/esm/format');
  if (shouldRetryAsESM(err, source, pathToFileURL(filename).href)) {
    loadESMFromCJS(mod, filename, source);
    return true;
  }
  return false;
}

// A CommonJS module failed to compile: its SyntaxError gets Node's report.
// The source line and caret go into the stack, as Node puts them there (the
// loader rethrows it, and V8 would show the loader's line); a main script
// with ES module syntax gets the "To load an ES module" warning first, at
// once, since the process is about to end.
function decorateCompileError(err, mod, filename, source) {
  if (!(err instanceof SyntaxError) || typeof err.stack !== 'string') return;
  if (mod.id === '.' &&
      require('internal/modules/esm/format').containsModuleSyntax(source, filename)) {
    const warning = new Error('To load an ES module, set "type": "module" in the ' +
      'package.json or use the .mjs extension.');
    warning.name = 'Warning';
    require('internal/process/warning');  // installs the default printer
    process.emit('warning', warning);
  }
  const arrow = binding('errors').getErrorSource(err);
  if (arrow) {
    err.stack = `${arrow}\n${err.stack}`;
    require('internal/process/execution').markDecorated(err);
  }
}

module.exports = { loadESMFromCJS, retryAsESM, decorateCompileError, requireModuleEnabled };
