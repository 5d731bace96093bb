'use strict';
// Helpers for installing globals with Node's property attributes. Used by
// internal/bootstrap/node.js at build time and by internal/main.js (for the
// builtin-module globals of -e/-p code).

function exposeGlobal(name, value, enumerable) {
  Object.defineProperty(globalThis, name, {
    __proto__: null, value, writable: true, enumerable, configurable: true,
  });
}

// A getter that loads `id` on first access and then becomes a plain value
// property, so unused globals cost nothing at startup.
function exposeLazyGlobal(name, id, key, enumerable = false) {
  Object.defineProperty(globalThis, name, {
    __proto__: null, enumerable, configurable: true,
    get() {
      const mod = require(id);
      const value = key === undefined ? mod : mod[key];
      try {
        exposeGlobal(name, value, enumerable);
      } catch {
        // Made non-configurable by user code since: it stays this getter.
      }
      return value;
    },
    set(value) { exposeGlobal(name, value, enumerable); },
  });
}

// Node's `process` and `Buffer`: accessors that stay accessors when assigned
// (`process = x` then `global.process = process` restores them). `load`
// gives the first value, on first read.
function exposeAccessorGlobal(name, load) {
  let value;
  let loaded = false;
  Object.defineProperty(globalThis, name, {
    __proto__: null, enumerable: false, configurable: true,
    get() {
      if (!loaded) {
        value = load();
        loaded = true;
      }
      return value;
    },
    set(v) {
      value = v;
      loaded = true;
    },
  });
}

// Lazy getters on `target` for the exports of `id`: { prop: 'exportName' }.
function defineLazyProperties(target, id, map) {
  for (const prop of Object.keys(map)) {
    let value;
    Object.defineProperty(target, prop, {
      __proto__: null, enumerable: true, configurable: true,
      get() {
        if (value === undefined) value = require(id)[map[prop]]();
        return value;
      },
      set(v) {
        Object.defineProperty(target, prop, {
          __proto__: null, value: v, writable: true, enumerable: true, configurable: true,
        });
      },
    });
  }
}

module.exports = { exposeAccessorGlobal, exposeGlobal, exposeLazyGlobal, defineLazyProperties };
