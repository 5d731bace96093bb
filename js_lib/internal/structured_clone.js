'use strict';

// structuredClone(value[, { transfer }]): a deep copy through V8's
// serializer (process.binding('serdes').structuredClone). What V8 cannot
// clone (functions, symbols, WeakMaps, promises, ...) throws a DOMException
// named DataCloneError with V8's message. Transferable: ArrayBuffers only
// (Kiln has no MessagePort).

const serdes = binding('serdes');

let DOMException;
function makeDataCloneError(message) {
  DOMException ??= require('internal/domexception').DOMException;
  return new DOMException(message, 'DataCloneError');
}

// Node throws these from C++: a TypeError with an own `code`, no [code] in
// the name.
function codedTypeError(message, code) {
  const err = new TypeError(message);
  err.code = code;
  Error.captureStackTrace(err, structuredClone);
  return err;
}

// options.transfer -> the ArrayBuffers to move, validated as Node does.
function transferList(options) {
  if (options === undefined || options === null) return [];
  if (typeof options !== 'object') {
    throw codedTypeError('The options argument must be either an object or undefined',
                         'ERR_INVALID_ARG_TYPE');
  }
  const transfer = options.transfer;
  if (transfer === undefined || transfer === null) return [];
  if (typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function') {
    throw codedTypeError('Optional transferList argument must be an iterable',
                         'ERR_INVALID_ARG_TYPE');
  }
  const list = [];
  for (const item of transfer) {
    if (!(item instanceof ArrayBuffer)) {
      throw codedTypeError('Found invalid object in transferList', 'ERR_INVALID_TRANSFER_OBJECT');
    }
    if (list.includes(item)) {
      throw makeDataCloneError('Transfer list contains duplicate ArrayBuffer');
    }
    list.push(item);
  }
  return list;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    throw codedTypeError('The value argument must be specified', 'ERR_MISSING_ARGS');
  }
  return serdes.structuredClone(value, transferList(options), makeDataCloneError);
}

// Node's is a native function: length 0.
Object.defineProperty(structuredClone, 'length', { __proto__: null, value: 0 });

module.exports = { structuredClone };
