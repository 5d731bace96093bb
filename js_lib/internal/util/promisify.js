'use strict';

// util.promisify and util.callbackify: adapters between Node-style callbacks
// (err, value) and promises.

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
// Set on a callback API whose callback gets several values, e.g.
// ['bytesRead', 'buffer']: the promise then resolves to an object.
const kCustomPromisifyArgsSymbol = Symbol('customPromisifyArgs');

function lazyErrors() {
  return require('internal/errors').codes;
}

function validateFunction(value, name) {
  if (typeof value !== 'function') {
    throw new (lazyErrors().ERR_INVALID_ARG_TYPE)(name, 'Function', value);
  }
}

// Copies own property descriptors with null prototypes, so a polluted
// Object.prototype cannot add get/set to them.
function copyDescriptors(target, source, adjust) {
  const descriptors = Object.getOwnPropertyDescriptors(source);
  if (adjust) adjust(descriptors);
  for (const desc of Object.values(descriptors)) Object.setPrototypeOf(desc, null);
  return Object.defineProperties(target, descriptors);
}

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  const argumentNames = original[kCustomPromisifyArgsSymbol];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
  });
  return copyDescriptors(fn, original);
}
promisify.custom = kCustomPromisifiedSymbol;

// A falsy rejection reason is wrapped, since callback(null) would mean success.
function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const { ERR_FALSY_VALUE_REJECTION } = lazyErrors();
    const wrapped = new ERR_FALSY_VALUE_REJECTION(reason);
    if (!('reason' in wrapped)) wrapped.reason = reason;
    Error.captureStackTrace(wrapped, callbackifyOnRejected);
    reason = wrapped;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  // The promise is not returned: the callback's own errors must not reject it.
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args)
      .then((ret) => process.nextTick(cb, null, ret),
            (rej) => process.nextTick(callbackifyOnRejected, rej, cb));
  }
  return copyDescriptors(callbackified, original, (descriptors) => {
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  });
}

module.exports = {
  callbackify,
  customPromisifyArgs: kCustomPromisifyArgsSymbol,
  promisify,
};
