'use strict';

// util.types: the engine brand checks from binding('types') plus the typed
// array checks, which read %TypedArray%.prototype[Symbol.toStringTag] (a
// getter that returns the array's kind, or undefined for anything else).

const binding_ = binding('types');

const getTypedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

// 'Uint8Array', 'Float64Array', ... or undefined when not a typed array.
function typedArrayTag(value) {
  return getTypedArrayTag.call(value);
}

function isTypedArray(value) {
  return typedArrayTag(value) !== undefined;
}

const kinds = [
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array',
  'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
  'BigUint64Array',
];

// Same key order as Node's util.types: the binding's checks first.
module.exports = { ...binding_ };
module.exports.isArrayBufferView = ArrayBuffer.isView;
module.exports.isTypedArray = isTypedArray;
for (const kind of kinds) {
  // Named functions, so util.types.isUint8Array.name is 'isUint8Array'.
  const check = { [`is${kind}`](value) { return typedArrayTag(value) === kind; } }[`is${kind}`];
  module.exports[`is${kind}`] = check;
}

// Crypto key objects: answered by the crypto implementation when present.
let cryptoKeys;
function lazyCryptoKeys() {
  if (cryptoKeys === undefined) {
    try {
      cryptoKeys = require('internal/crypto/keys');
    } catch {
      cryptoKeys = null;
    }
  }
  return cryptoKeys;
}

Object.defineProperties(module.exports, {
  isKeyObject: {
    __proto__: null,
    configurable: false,
    enumerable: true,
    value: function isKeyObject(obj) {
      const keys = lazyCryptoKeys();
      return keys !== null && typeof keys.isKeyObject === 'function' && keys.isKeyObject(obj);
    },
  },
  isCryptoKey: {
    __proto__: null,
    configurable: false,
    enumerable: true,
    value: function isCryptoKey(obj) {
      const keys = lazyCryptoKeys();
      return keys !== null && typeof keys.isCryptoKey === 'function' && keys.isCryptoKey(obj);
    },
  },
});

