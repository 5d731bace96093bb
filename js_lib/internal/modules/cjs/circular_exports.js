'use strict';

// What a require() cycle hands back, as Node: the exports of a module still
// loading. A plain exports object gets, until its module has loaded, a
// prototype that warns when code reads a property it does not (yet) have,
// the usual sign of a cycle gone wrong.

const { isProxy } = binding('types');

function emitCircularRequireWarning(prop) {
  process.emitWarning(
    `Accessing non-existent property '${String(prop)}' of module exports ` +
    'inside circular dependency');
}

const CircularRequirePrototypeWarningProxy = new Proxy({}, {
  __proto__: null,
  get(target, prop) {
    // __esModule is how transpiled code asks whether this came from an ES
    // module: no regular key, no warning.
    if (prop in target || prop === '__esModule') return target[prop];
    emitCircularRequireWarning(prop);
    return undefined;
  },
  getOwnPropertyDescriptor(target, prop) {
    if (Object.prototype.hasOwnProperty.call(target, prop) || prop === '__esModule') {
      return Object.getOwnPropertyDescriptor(target, prop);
    }
    emitCircularRequireWarning(prop);
    return undefined;
  },
});

// The exports of `module`, which is still loading.
function exportsForCircularRequire(module) {
  const exports = module.exports;
  if (exports && !isProxy(exports) && Object.getPrototypeOf(exports) === Object.prototype &&
      // Transpiled ES modules use module.exports in unusual ways.
      !exports.__esModule) {
    Object.setPrototypeOf(exports, CircularRequirePrototypeWarningProxy);
  }
  return exports;
}

// `module` has loaded: its exports stop warning.
function endCircularRequire(module) {
  const exports = module.exports;
  if (exports && !isProxy(exports) &&
      Object.getPrototypeOf(exports) === CircularRequirePrototypeWarningProxy) {
    Object.setPrototypeOf(exports, Object.prototype);
  }
}

module.exports = { endCircularRequire, exportsForCircularRequire };
