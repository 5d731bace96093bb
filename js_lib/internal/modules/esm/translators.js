'use strict';
// Module URL + format -> ModuleWrap. ES modules compile from their source;
// the other formats are synthetic modules whose exports are filled when V8
// evaluates them: CommonJS (run by the CommonJS loader; `default` is
// module.exports, named exports are what cjs_lexer finds in the source),
// builtins (`default` is the module, named exports its own enumerable
// keys) and JSON (`default` only).

const path = require('path');
const fsb = binding('fs');
const { ModuleWrap, kEvaluated } = binding('module_wrap');
const { fileURLToPath } = require('internal/url');
const { codes } = require('internal/errors');
const { BuiltinModule } = hooks;

const hasOwn = (o, k) => {
  try {
    return Object.prototype.hasOwnProperty.call(o, k);
  } catch {
    return false;
  }
};
const stripBOM = (s) => (s.charCodeAt(0) === 0xFEFF ? s.slice(1) : s);
let cjsLoader;
const CJSModule = () => (cjsLoader ??= require('internal/modules/cjs/loader')).Module;

// A wrap's `url`, defined so that setters on Object.prototype never run.
function named(wrap, url) {
  Object.defineProperty(wrap, 'url', { __proto__: null, value: url, enumerable: true });
  return wrap;
}

function readSource(url) {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const body = url.slice(comma + 1);
    return /;base64$/.test(url.slice(0, comma)) ?
      require('buffer').Buffer.from(decodeURIComponent(body), 'base64').toString() :
      decodeURIComponent(body);
  }
  return stripBOM(fsb.readFileUtf8(fileURLToPath(url)));
}

// `import x from 'y' with { type: 'json' }`: V8 10.2 only knows the older
// `assert` keyword for import attributes, so a source that fails to compile
// gets its static `with {` rewritten and is tried once more. In import()
// calls (which V8 would run, ignoring `with`) the `with` key of a literal
// options object is rewritten up front; modules that rewrote some and wrote
// no `assert` of their own get no `assert` deprecation warning for them.
const kWithAttributes = /(\bfrom\s*(["'])[^"'\n]*\2\s*|\bimport\s*(["'])[^"'\n]*\3\s*)with(\s*\{)/g;
const kDynamicWith = /(\bimport\s*\(\s*(?:'[^'\n]*'|"[^"\n]*"|`[^`]*`|[\w$.[\]]+)\s*,\s*\{\s*)with(\s*:)/g;
const kDynamicAssert = /\bimport\s*\([^;]*?\{\s*assert\s*:/;
const rewrittenWith = new Set();  // URLs of such modules

function rewriteDynamicWith(url, source) {
  if (!source.includes('with')) return source;
  const out = source.replace(kDynamicWith, '$1assert$2');
  if (out !== source && !kDynamicAssert.test(source)) rewrittenWith.add(url);
  return out;
}

// Node 20's V8 warns at each import attribute written with `assert`.
function warnAssertSyntax(url, line) {
  process.emitWarning(`${url}:${line} 'assert' is deprecated in import statements and ` +
    "support will be removed in a future version; use 'with' instead", 'V8');
}
const kAssertAttributes = /(\bfrom\s*(["'])[^"'\n]*\2\s*|\bimport\s*(["'])[^"'\n]*\3\s*)assert\s*\{/g;

function compileSourceTextModule(url, original) {
  let wrap;
  const source = rewriteDynamicWith(url, original);
  try {
    wrap = new ModuleWrap(url, source);
    if (original.includes('assert')) {
      for (const m of original.matchAll(kAssertAttributes)) {
        warnAssertSyntax(url, original.slice(0, m.index + m[1].length).split('\n').length);
      }
    }
  } catch (err) {
    kWithAttributes.lastIndex = 0;
    if (!(err instanceof SyntaxError) || !kWithAttributes.test(source)) throw err;
    // `with` is never valid otherwise in a module (strict code): if this
    // fails too, its error is the module's real one.
    wrap = new ModuleWrap(url, source.replace(kWithAttributes, '$1assert$4'));
  }
  return named(wrap, url);
}

// filename -> Set of export names, for CommonJS modules (re-exports
// followed through the files they require).
const cjsNames = new Map();

function cjsExportNames(filename, source) {
  let names = cjsNames.get(filename);
  if (names !== undefined) return names;
  names = new Set();
  cjsNames.set(filename, names);  // first, for cycles
  if (source === undefined) {
    try {
      source = stripBOM(fsb.readFileUtf8(filename));
    } catch {
      return names;
    }
  }
  const { exports, reexports } = require('internal/modules/esm/cjs_lexer').parse(source);
  for (const name of exports) names.add(name);
  if (reexports.length === 0) return names;
  const Module = CJSModule();
  const parent = new Module(filename, null);
  parent.filename = filename;
  parent.paths = Module._nodeModulePaths(path.dirname(filename));
  for (const request of reexports) {
    let resolved;
    try {
      resolved = Module._resolveFilename(request, parent, false);
    } catch {
      continue;
    }
    if ((resolved.endsWith('.js') || resolved.endsWith('.cjs')) &&
        !BuiltinModule.canBeRequiredByUsers(resolved)) {
      for (const name of cjsExportNames(resolved)) names.add(name);
    }
  }
  return names;
}

// A CommonJS module run from `hookSource` (what a load hook returned)
// instead of its file; the require() calls in it are the CommonJS loader's.
function compileCJSFromHook(Module, filename, hookSource) {
  const module = new Module(filename, null);
  module.filename = filename;
  module.paths = Module._nodeModulePaths(path.dirname(filename));
  Module._cache[filename] = module;
  try {
    module._compile(hookSource, filename);
  } catch (err) {
    delete Module._cache[filename];
    throw err;
  }
  module.loaded = true;
}

function createCJSModuleWrap(url, source, isMain = false, hookSource = undefined) {
  // Only a load hook gives CommonJS at a URL that is not a file's.
  const filename = url.startsWith('file:') ? fileURLToPath(url) : url;
  const names = cjsExportNames(filename, source);
  const exportNames = [...names].filter((n) => n !== 'default');
  exportNames.push('default');
  const wrap = new ModuleWrap(url, exportNames, function evaluate() {
    const Module = CJSModule();
    if (Module._cache[filename] === undefined) {
      if (hookSource !== undefined) compileCJSFromHook(Module, filename, hookSource);
      else Module._load(filename, null, isMain);
    }
    // The exports the module ended its first load with, even if changed
    // since through require.cache, as Node takes them.
    const cached = Module._cache[filename];
    let exports = cached !== undefined ? cached.exports : undefined;
    if (cjsLoader.loadedExports.has(cached)) {
      exports = cjsLoader.loadedExports.get(cached);
      cjsLoader.loadedExports.delete(cached);
    }
    for (const name of names) {
      if (name === 'default' || !hasOwn(exports, name)) continue;
      let value;
      try {
        value = exports[name];
      } catch {
        // A throwing getter: the export stays undefined, as in Node.
      }
      this.setExport(name, value);
    }
    this.setExport('default', exports);
  });
  return named(wrap, url);
}

const builtinWraps = [];  // { wrap, exports, keys }, for syncBuiltinESMExports

function setBuiltinExports(wrap, exports, keys) {
  for (const key of keys) {
    let value;
    try {
      value = exports[key];
    } catch {
      // A lazy getter that cannot load here (a module Kiln lacks).
    }
    wrap.setExport(key, value);
  }
}

// module.syncBuiltinESMExports(): named exports of builtins follow
// changes made to their module.exports since.
function syncBuiltinExports() {
  for (const { wrap, exports, keys } of builtinWraps) {
    if (wrap.getStatus() >= kEvaluated) setBuiltinExports(wrap, exports, keys);
  }
}

function createBuiltinModuleWrap(url) {
  const id = url.slice(5);
  if (!BuiltinModule.canBeRequiredWithScheme(id)) throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(url);
  const exports = hooks.requireBuiltin(id);
  const keys = Object.keys(exports).filter((k) => k !== 'default');
  const wrap = new ModuleWrap(url, [...keys, 'default'], function evaluate() {
    setBuiltinExports(this, exports, keys);
    this.setExport('default', exports);
  });
  builtinWraps.push({ wrap, exports, keys });
  return named(wrap, url);
}

function createJSONModuleWrap(url, source) {
  const filename = url.startsWith('file:') ? fileURLToPath(url) : null;
  const Module = filename !== null ? CJSModule() : null;
  let module = filename !== null ? Module._cache[filename] : undefined;
  if (module === undefined || !module.loaded) {
    try {
      module = { exports: JSON.parse(stripBOM(source)), loaded: true };
    } catch (err) {
      err.message = `${filename !== null ? filename : url}: ${err.message}`;
      throw err;
    }
    // As Node: the CommonJS loader then finds the same object.
    if (filename !== null && !url.includes('?')) Module._cache[filename] = module;
  }
  const wrap = new ModuleWrap(url, ['default'], function evaluate() {
    this.setExport('default', module.exports);
  });
  return named(wrap, url);
}

// A load hook's source (string, ArrayBuffer or TypedArray) as text.
function sourceText(source) {
  if (typeof source === 'string') return source;
  return stripBOM(new TextDecoder().decode(source));
}

// translate(url, format[, source[, isMain]]) -> ModuleWrap (its `url`
// property set). `source`, from load hooks, replaces the file's.
function translate(url, format, source = null, isMain = false) {
  const text = source == null ? undefined : sourceText(source);
  switch (format) {
    case 'module': return compileSourceTextModule(url, text ?? readSource(url));
    case 'commonjs': return createCJSModuleWrap(url, text, isMain, text);
    case 'builtin': return createBuiltinModuleWrap(url);
    case 'json': return createJSONModuleWrap(url, text ?? readSource(url));
  }
  throw new codes.ERR_UNKNOWN_MODULE_FORMAT(format, url);
}

module.exports = {
  translate, readSource, compileSourceTextModule, warnAssertSyntax, rewrittenWith,
  syncBuiltinExports,
};
