'use strict';

// util.deprecate: wraps a function so that its first call emits a
// DeprecationWarning (at most once per deprecation code across all wrappers;
// none at all with --no-deprecation, i.e. process.noDeprecation).

const codesWarned = new Set();

function deprecate(fn, msg, code) {
  if (code !== undefined && typeof code !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('code', 'string', code);
  }
  let warned = false;
  function deprecated(...args) {
    if (!process.noDeprecation && !warned) {
      warned = true;
      if (code === undefined) {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      } else if (!codesWarned.has(code)) {
        process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
        codesWarned.add(code);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  // Keep the prototype chain, so the wrapper still looks like `fn`.
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

module.exports = { deprecate };
