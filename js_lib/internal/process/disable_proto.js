'use strict';
// --disable-proto=delete|throw: Object.prototype.__proto__ is removed, or
// made to throw ERR_PROTO_ACCESS, in every context user code gets (the main
// one and each worker's at start, vm contexts as they are made), as Node.
const { getOptionValue } = require('internal/options');

function thrower() {
  throw new (require('internal/errors').codes.ERR_PROTO_ACCESS)();
}

// Applies the option to `objectPrototype` (a context's Object.prototype).
function disableProto(objectPrototype) {
  const mode = getOptionValue('--disable-proto');
  if (mode === 'delete') {
    delete objectPrototype.__proto__;
  } else if (mode === 'throw') {
    Object.defineProperty(objectPrototype, '__proto__', {
      __proto__: null, get: thrower, set: thrower, enumerable: false, configurable: true,
    });
  }
}

module.exports = { disableProto };
