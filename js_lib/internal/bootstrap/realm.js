'use strict';
// The first JS to run. C++ (runtime/bootstrap.cc, RunBootstrap) calls it as
//   function (process, getBinding, hooks)
// inside the snapshot builder at build time, or at startup with --no-snapshot.
// Nothing ran before it but the creation of the bare `process` object.
//
// It sets up the internal module loader for js_lib/ (builtin modules), then
// loads internal/bootstrap/node, which builds the rest of the runtime. It must
// not read per-run state or start asynchronous work.

/* global process, getBinding, hooks */

// As Node's process.moduleLoadList: every binding and builtin module in the
// order they were first loaded (the bootstrap's part is in the snapshot).
const moduleLoadList = [];
const bindingCache = { __proto__: null };
function binding(name) {
  let b = bindingCache[name];
  if (b === undefined) {
    bindingCache[name] = b = getBinding(name);
    moduleLoadList.push(`Internal Binding ${name}`);
  }
  return b;
}

const builtins = binding('builtins');
const builtinIds = new Set(builtins.ids);

// Ids reachable only as `node:<id>`, as in Node, so a package named `test`
// still resolves from node_modules/.
const schemeOnlyIds = new Set(['test']);

// One cached module record per builtin id, as Node's BuiltinModule.
class BuiltinModule {
  constructor(id) {
    this.id = id;
    this.filename = `${id}.js`;
    // Defined, not assigned: Object.prototype may have an `exports` setter.
    Object.defineProperty(this, 'exports', {
      __proto__: null, value: {}, writable: true, enumerable: true, configurable: true,
    });
    this.loaded = false;
    this.loading = false;
  }

  static exists(id) { return builtinIds.has(id); }

  // Public ids: everything outside internal/, reachable with or without the
  // node: scheme except the scheme-only ones.
  static canBeRequiredByUsers(id) {
    return builtinIds.has(id) && !id.startsWith('internal/') && !schemeOnlyIds.has(id);
  }

  // Ids reachable as `node:<id>`: every public id, scheme-only ones included.
  static canBeRequiredWithScheme(id) {
    return builtinIds.has(id) && !id.startsWith('internal/');
  }

  static publicIds() {
    return [...builtinIds].filter((id) => BuiltinModule.canBeRequiredByUsers(id)).sort();
  }

  compileForInternalLoader() {
    if (this.loaded || this.loading) return this.exports;
    this.loading = true;
    try {
      // Lazily: kiln's snapshot gets the functions a program's start calls
      // compiled from snapshot/trainer's caches, and the modules outside it
      // load from eager code caches (bindings/builtins.cc).
      const fn = builtins.compileFunction(this.id);
      fn(this.exports, requireBuiltin, this, process, binding, hooks);
      this.loaded = true;
    } finally {
      this.loading = false;
    }
    return this.exports;
  }
}

const moduleCache = new Map();

function requireBuiltin(id) {
  let mod = moduleCache.get(id);
  if (mod === undefined) {
    if (!builtinIds.has(id)) throw new Error(`No such built-in module: ${id}`);
    mod = new BuiltinModule(id);
    moduleCache.set(id, mod);
    moduleLoadList.push(`NativeModule ${id}`);
  }
  return mod.compileForInternalLoader();
}

hooks.BuiltinModule = BuiltinModule;
hooks.requireBuiltin = requireBuiltin;
hooks.binding = binding;
hooks.moduleLoadList = moduleLoadList;

requireBuiltin('internal/bootstrap/node');
