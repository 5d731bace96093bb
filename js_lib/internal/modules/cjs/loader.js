'use strict';
// The CommonJS module system, as Node's: Module, require, resolution of
// relative/absolute paths, node_modules, NODE_PATH, package.json "main",
// "exports" and "imports", and the extension handlers. Builtins come from
// the internal loader (internal/bootstrap/realm.js).

const path = require('path');
const fsb = binding('fs');
const contextify = binding('contextify');
const pkg = require('internal/modules/package_json');
const { endCircularRequire, exportsForCircularRequire } = require('internal/modules/cjs/circular_exports');
const { BuiltinModule } = hooks;

const kWrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];
// Stat results are cached only while one top-level require() runs, as
// Node does: a file created after a failed require() is found next time.
let statCache = null;
let loadDepth = 0;
// Module -> its exports when it finished loading, for `import` of it later
// (internal/modules/esm/translators), as Node snapshots them.
const loadedExports = new WeakMap();

function stat(filename) {
  if (Module._stat !== defaultStat) return Module._stat(filename);
  if (statCache === null) return fsb.internalModuleStat(filename);
  let r = statCache.get(filename);
  if (r === undefined) {
    r = fsb.internalModuleStat(filename);
    // Only hits, as Node: a file made after a failed require() is then found.
    if (r >= 0) statCache.set(filename, r);
  }
  return r;
}

function defaultStat(filename) {
  return fsb.internalModuleStat(path.toNamespacedPath(String(filename)));
}

const hasOwn = (o, k) => o !== null && typeof o === 'object' &&
  Object.prototype.hasOwnProperty.call(o, k);

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  // Defined, not assigned: a setter on Object.prototype must not see it.
  Object.defineProperty(this, 'exports', {
    __proto__: null, value: {}, writable: true, enumerable: true, configurable: true,
  });
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  moduleParents.set(this, parent);
  if (parent && parent.children) parent.children.push(this);
}

// module.parent, as Node's: an accessor on the prototype over a WeakMap,
// deprecated (DEP0144) under --pending-deprecation. Kiln's own code reads
// the map (moduleParent), never the accessor.
const moduleParents = new WeakMap();
function moduleParent(mod) { return moduleParents.get(mod); }
function warnModuleParent() {
  if (require('internal/options').pendingDeprecation()) {
    require('internal/process/warning').emitDeprecation(
      'module.parent is deprecated due to accuracy issues. Please use ' +
      'require.main to find program entry point instead.', 'DEP0144');
  }
}
Object.defineProperty(Module.prototype, 'parent', {
  __proto__: null,
  get() {
    warnModuleParent();
    return moduleParents.get(this);
  },
  set(value) {
    warnModuleParent();
    moduleParents.set(this, value);
  },
});

Module._stat = defaultStat;
Module._cache = { __proto__: null };
Module._pathCache = { __proto__: null };
Module._extensions = { __proto__: null };
Module.globalPaths = [];
Module.builtinModules = BuiltinModule.publicIds();
Module.isBuiltin = function isBuiltin(id) {
  if (typeof id !== 'string') return false;
  if (id.startsWith('node:')) return BuiltinModule.canBeRequiredWithScheme(id.slice(5));
  return BuiltinModule.canBeRequiredByUsers(id);
};
// Tools (test runners, instrumenters) patch Module.wrap or Module.wrapper;
// once either is touched, modules compile through the patched text.
let wrapperPatched = false;
let wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
const wrapperTarget = wrapper;
const wrapperProxy = new Proxy(wrapper, {
  __proto__: null,
  set(target, property, value) { wrapperPatched = true; return Reflect.set(target, property, value); },
  defineProperty(target, property, desc) {
    wrapperPatched = true;
    return Reflect.defineProperty(target, property, desc);
  },
});
let wrap = function wrap(script) { return Module.wrapper[0] + script + Module.wrapper[1]; };
Object.defineProperty(Module, 'wrap', {
  __proto__: null, enumerable: true, configurable: true,
  get() { return wrap; },
  set(value) { wrapperPatched = true; wrap = value; },
});
Object.defineProperty(Module, 'wrapper', {
  __proto__: null, enumerable: true, configurable: true,
  get() { return wrapper === wrapperTarget ? wrapperProxy : wrapper; },
  set(value) { wrapperPatched = true; wrapper = value; },
});

// Search paths for `from`: each ancestor's node_modules, innermost first.
Module._nodeModulePaths = function _nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    const dir = parts.slice(0, i).join('/');
    if (dir) paths.push(`${dir}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
};

// NODE_PATH and the global folders, read once per run.
Module._initPaths = function _initPaths() {
  const home = process.env.HOME;
  const prefix = path.resolve(process.execPath, '..', '..');
  const paths = [path.resolve(prefix, 'lib', 'node')];
  if (home) paths.unshift(path.resolve(home, '.node_libraries'), path.resolve(home, '.node_modules'));
  const nodePath = process.env.NODE_PATH;
  if (nodePath) paths.unshift(...nodePath.split(path.delimiter).filter(Boolean));
  Module.globalPaths = paths;
};

Module._resolveLookupPaths = function _resolveLookupPaths(request, parent) {
  if (BuiltinModule.canBeRequiredByUsers(request) || request.startsWith('node:')) return null;
  if (request[0] !== '.' || (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    let paths = Module.globalPaths;
    if (parent && parent.paths && parent.paths.length) paths = parent.paths.concat(paths);
    return paths.length ? paths : null;
  }
  if (!parent || !parent.id || !parent.filename) return ['.'];
  return [path.dirname(parent.filename)];
};

function tryFile(p, isMain) {
  if (stat(p) !== 0) return false;
  const preserve = hooks.requireBuiltin('internal/options')
    .getOptionValue(isMain ? '--preserve-symlinks-main' : '--preserve-symlinks');
  return preserve ? path.resolve(p) : fsb.realpath(p);
}

function tryExtensions(p, isMain) {
  const exts = Object.keys(Module._extensions);
  for (let i = 0; i < exts.length; i++) {
    const f = tryFile(p + exts[i], isMain);
    if (f) return f;
  }
  return false;
}

function tryPackage(requestPath, isMain, originalPath) {
  const data = pkg.read(path.join(requestPath, 'package.json'));
  const main = hasOwn(data, 'main') && typeof data.main === 'string' ? data.main : undefined;
  if (!main) return tryExtensions(path.join(requestPath, 'index'), isMain);
  const filename = path.resolve(requestPath, main);
  let found = tryFile(filename, isMain) || tryExtensions(filename, isMain) ||
    tryExtensions(path.join(filename, 'index'), isMain);
  if (found === false) {
    found = tryExtensions(path.join(requestPath, 'index'), isMain);
    if (found !== false) {
      process.emitWarning(`Invalid 'main' field in '${path.join(requestPath, 'package.json')}' ` +
        `of '${main}'. Please either fix that or report it to the module author`,
      'DeprecationWarning', 'DEP0128');
    }
  }
  if (found === false) {
    const err = new Error(`Cannot find module '${filename}'. ` +
      `Please verify that the package.json has a valid "main" entry`);
    err.code = 'MODULE_NOT_FOUND';
    err.path = path.join(requestPath, 'package.json');
    err.requestPath = originalPath;
    throw err;
  }
  return found;
}

// "exports" of the package `name` found in node_modules folder `dir`.
function resolveExports(dir, request) {
  const m = /^((?:@[^/\\%]+\/)?[^./\\%][^/\\%]*)(\/.*)?$/.exec(request);
  if (!m) return undefined;
  const pkgDir = path.resolve(dir, m[1]);
  const pkgPath = path.join(pkgDir, 'package.json');
  const data = pkg.read(pkgPath);
  if (!hasOwn(data, 'exports') || data.exports === null) return undefined;
  return resolvePackageExports(pkgDir, pkgPath, data, `.${m[2] || ''}`, request);
}

function resolvePackageExports(pkgDir, pkgPath, data, subpath, request) {
  const r = pkg.resolveMap(pkgDir, pkgPath, data.exports, subpath, false);
  if (typeof r === 'string') return r;
  const err = new Error(subpath === '.' ?
    `No "exports" main defined in ${pkgPath}` :
    `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}`);
  err.code = 'ERR_PACKAGE_PATH_NOT_EXPORTED';
  throw err;
}

Module._findPath = function _findPath(request, paths, isMain) {
  const absolute = path.isAbsolute(request);
  if (absolute) paths = [''];
  else if (!paths || paths.length === 0) return false;
  const cacheKey = `${request}\x00${paths.join('\x00')}`;
  if (Module._pathCache[cacheKey]) return Module._pathCache[cacheKey];
  const trailingSlash = request.endsWith('/') || /(?:^|\/)\.\.?$/.test(request);
  // A lookup folder that is gone is skipped, unless the request climbs out
  // of it ('../x' from a module whose folder was deleted), as in Node.
  const insidePath = !(request[0] === '.' && path.normalize(request).startsWith('..'));
  for (let i = 0; i < paths.length; i++) {
    const dir = paths[i];
    if (insidePath && dir && stat(dir) < 1) continue;
    if (!absolute && request[0] !== '.' && dir) {
      const exported = resolveExports(dir, request);
      if (exported) {
        const f = tryFile(exported, isMain);
        if (f) return (Module._pathCache[cacheKey] = f);
        const err = new Error(`Cannot find module '${exported}'`);
        err.code = 'MODULE_NOT_FOUND';
        throw err;
      }
    }
    const base = path.resolve(dir, request);
    let filename = false;
    const rc = stat(base);
    if (!trailingSlash) {
      if (rc === 0) filename = tryFile(base, isMain);
      if (!filename) filename = tryExtensions(base, isMain);
    }
    if (!filename && rc === 1) filename = tryPackage(base, isMain, request);
    if (filename) return (Module._pathCache[cacheKey] = filename);
  }
  return false;
};

// "#name" through the "imports" of the package containing `parent`; false
// when that package has no "imports" (then it is an ordinary request).
function resolveImports(request, parent) {
  const scope = parent && parent.filename ? pkg.findScope(path.dirname(parent.filename)) : undefined;
  if (!scope || !hasOwn(scope.data, 'imports') || !scope.data.imports) return false;
  const r = pkg.resolveMap(path.dirname(scope.path), scope.path, scope.data.imports, request, true);
  if (typeof r === 'string') return r;
  if (r && r.bare) return Module._resolveFilename(r.bare, parent);
  const err = new TypeError(`Package import specifier "${request}" is not defined` +
    ` in package ${scope.path}`);
  err.code = 'ERR_PACKAGE_IMPORT_NOT_DEFINED';
  throw err;
}

// The directory a self-reference from `parent` resolves in: its file's; for
// the REPL and -r preloads (no file), the working directory, as Node.
function selfReferenceDir(parent) {
  if (!parent) return null;
  if (parent.filename) return path.dirname(parent.filename);
  if (parent.id === '<repl>' || parent.id === 'internal/preload') {
    try {
      return process.cwd();
    } catch {
      return null;
    }
  }
  return null;
}

// A package requiring itself by its own name through its "exports".
function resolveSelf(request, parent) {
  const dir = selfReferenceDir(parent);
  if (dir === null) return false;
  const scope = pkg.findScope(dir);
  if (!scope || !hasOwn(scope.data, 'exports') || !scope.data.exports ||
      !hasOwn(scope.data, 'name') || typeof scope.data.name !== 'string') return false;
  const name = scope.data.name;
  if (request !== name && !request.startsWith(`${name}/`)) return false;
  const r = resolvePackageExports(path.dirname(scope.path), scope.path, scope.data,
    `.${request.slice(name.length)}`, request);
  return tryFile(r, false);
}

Module._resolveFilename = function _resolveFilename(request, parent, isMain, options) {
  if ((request.startsWith('node:') && BuiltinModule.canBeRequiredWithScheme(request.slice(5))) ||
      BuiltinModule.canBeRequiredByUsers(request)) {
    return request;
  }
  let paths;
  if (options && options.paths !== undefined && !Array.isArray(options.paths)) {
    const { ERR_INVALID_ARG_VALUE } = hooks.requireBuiltin('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE('options.paths', options.paths);
  }
  if (options && options.paths) {
    paths = [];
    for (const p of options.paths) {
      const fake = new Module('', null);
      fake.paths = Module._nodeModulePaths(p);
      const lookup = Module._resolveLookupPaths(request, fake);
      for (const l of (request[0] === '.' ? [p] : lookup || [])) {
        if (!paths.includes(l)) paths.push(l);
      }
    }
  } else {
    const imported = request[0] === '#' && resolveImports(request, parent);
    if (imported) return imported;
    paths = Module._resolveLookupPaths(request, parent);
  }
  const self = request[0] !== '.' && !path.isAbsolute(request) && resolveSelf(request, parent);
  if (self) return self;
  const filename = Module._findPath(request, paths, isMain);
  if (filename) return filename;
  const requireStack = [];
  for (let c = parent; c; c = moduleParents.get(c)) requireStack.push(c.filename || c.id);
  let message = `Cannot find module '${request}'`;
  if (requireStack.length) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = requireStack;
  throw err;
};

Module._load = function _load(request, parent, isMain) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    if (!BuiltinModule.exists(id) || id.startsWith('internal/')) {
      const { ERR_UNKNOWN_BUILTIN_MODULE } = require('internal/errors').codes;
      throw new ERR_UNKNOWN_BUILTIN_MODULE(request);
    }
    return hooks.requireBuiltin(id);
  }
  if (loadDepth++ === 0) statCache = new Map();
  try {
    return loadResolved(request, parent, isMain);
  } finally {
    if (--loadDepth === 0) statCache = null;
  }
};

function loadResolved(request, parent, isMain) {
  const filename = Module._resolveFilename(request, parent, isMain);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.loaded ? cached.exports : exportsForCircularRequire(cached);
  }
  if (BuiltinModule.canBeRequiredByUsers(filename)) return hooks.requireBuiltin(filename);
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent && parent.children) {
        const i = parent.children.indexOf(module);
        if (i !== -1) parent.children.splice(i, 1);
      }
    } else {
      endCircularRequire(module);
    }
  }
  return module.exports;
}

Module.prototype.load = function load(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  if (filename.endsWith('.mjs') && !Module._extensions['.mjs']) {
    require('internal/modules/esm/cjs_interop').loadESMFromCJS(this, filename);
  } else {
    Module._extensions[findLongestRegisteredExtension(filename)](this, filename);
  }
  this.loaded = true;
  loadedExports.set(this, this.exports);
};

// '.foo.bar' before '.bar', and never an extension starting the name.
function findLongestRegisteredExtension(filename) {
  const name = path.basename(filename);
  let index = 0;
  let start;
  while ((index = name.indexOf('.', index + 1)) !== -1) {
    start = name.slice(index);
    if (Module._extensions[start]) return start;
  }
  return '.js';
}

Module.prototype.require = function require(id) {
  const { validateString } = hooks.requireBuiltin('internal/validators');
  validateString(id, 'id');
  if (id === '') {
    const { ERR_INVALID_ARG_VALUE } = hooks.requireBuiltin('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  }
  return Module._load(id, this, false);
};

// `format` 'commonjs' (a .cjs file, or "type": "commonjs") rules out ES
// module syntax detection; 'module' loads the file as an ES module.
// The module function of CommonJS source (with a wrapper a tool patched in
// through Module.wrap/wrapper, if any); compiling is all it runs.
function wrapSafe(filename, content) {
  if (wrapperPatched) return contextify.runScript(Module.wrap(content), filename);
  if (compileCache !== undefined) return compileCache.compile(filename, content, kWrapperParams);
  return contextify.compileFunction(content, filename, kWrapperParams);
}

// internal/modules/compile_cache, once NODE_COMPILE_CACHE or
// module.enableCompileCache() turned it on.
let compileCache;
function setCompileCache(cache) { compileCache = cache; }
function getCompileCache() { return compileCache; }

Module.prototype._compile = function _compile(content, filename, format) {
  const interop = () => hooks.requireBuiltin('internal/modules/esm/cjs_interop');
  if (format === 'module') return interop().loadESMFromCJS(this, filename, content);
  let fn;
  try {
    fn = wrapSafe(filename, content);
  } catch (err) {
    if (format === undefined && !wrapperPatched &&
        interop().retryAsESM(this, filename, content, err)) return undefined;
    interop().decorateCompileError(err, this, filename, content);
    throw err;
  }
  const require = Module.makeRequire(this);
  return Reflect.apply(fn, this.exports,
    [this.exports, require, this, filename, path.dirname(filename)]);
};

Module.makeRequire = function makeRequire(mod) {
  const require = function require(id) { return mod.require(id); };
  require.resolve = function resolve(request, options) {
    hooks.requireBuiltin('internal/validators').validateString(request, 'request');
    return Module._resolveFilename(request, mod, false, options);
  };
  require.resolve.paths = function paths(request) {
    hooks.requireBuiltin('internal/validators').validateString(request, 'request');
    return Module._resolveLookupPaths(request, mod);
  };
  // Defined, not assigned: Object.prototype may have a `main` setter.
  Object.defineProperty(require, 'main', {
    __proto__: null, value: process.mainModule, writable: true, enumerable: true,
    configurable: true,
  });
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
};

function stripBOM(s) { return s.charCodeAt(0) === 0xFEFF ? s.slice(1) : s; }

Module._extensions['.js'] = function loadJs(module, filename) {
  let content = fsb.readFileUtf8(filename);
  let format = filename.endsWith('.cjs') ? 'commonjs' : undefined;
  if (filename.endsWith('.js')) {
    const scope = pkg.findScope(path.dirname(filename));
    const type = scope !== undefined ? scope.data.type : undefined;
    if (type === 'module' || type === 'commonjs') format = type;
  }
  // A shebang line is a comment to V8 only at the very start of a script.
  if (content.startsWith('#!') && format !== 'module') content = `//${content.slice(2)}`;
  module._compile(stripBOM(content), filename, format);
};
Module._extensions['.json'] = function loadJson(module, filename) {
  const content = fsb.readFileUtf8(filename);
  try {
    module.exports = JSON.parse(stripBOM(content));
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};
Module._extensions['.node'] = function loadNative(module, filename) {
  const err = new Error(`Cannot load native addon '${filename}': Kiln does not support .node addons`);
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};

Module.createRequire = function createRequire(filename) {
  if (typeof filename === 'object' && filename !== null && filename.href) filename = filename.pathname;
  if (typeof filename === 'string' && filename.startsWith('file:')) filename = new URL(filename).pathname;
  if (typeof filename !== 'string' || !path.isAbsolute(filename)) {
    const { ERR_INVALID_ARG_VALUE } = hooks.requireBuiltin('internal/errors').codes;
    throw new ERR_INVALID_ARG_VALUE('filename', filename,
      'must be a file URL object, file URL string, or absolute path string');
  }
  const m = new Module(filename, null);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(filename.endsWith('/') ? filename : path.dirname(filename));
  return Module.makeRequire(m);
};

// True while the -r modules load (module.isPreloading).
let isPreloading = false;
Object.defineProperty(Module.prototype, 'isPreloading', {
  __proto__: null, get() { return isPreloading; },
});

Module._preloadModule = function _preloadModule(request) {
  const parent = new Module('internal/preload', null);
  parent.paths = Module._nodeModulePaths(process.cwd());
  isPreloading = true;
  try {
    Module._load(request, parent, false);
  } finally {
    isPreloading = false;
  }
};

Module.runMain = function runMain(main = process.argv[1]) {
  require('internal/modules/run_main').executeUserEntryPoint(main);
};

Module.Module = Module;
module.exports = {
  Module, getCompileCache, loadedExports, moduleParent, setCompileCache, wrapSafe,
};
