'use strict';

// util.format and util.formatWithOptions: printf-style %s %d %i %f %j %o %O
// %c %% placeholders, then the remaining arguments, each inspected (strings
// are written as they are) and joined with spaces.

const { getProxyDetails } = binding('util');
const { inspect, inspectDefaultOptions } = require('internal/util/inspect');
const { builtInObjects } = require('internal/util/inspect_raw');
const {
  stylizeNoColor,
  formatNumber,
  formatBigInt,
} = require('internal/util/inspect_primitives');

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

// True when String(value) would only give "[object Object]"-like text: no
// user-defined toString or Symbol.toPrimitive anywhere before a built-in
// prototype. Such objects are inspected by %s instead.
function hasBuiltInToString(value) {
  const target = getProxyDetails(value, false);
  if (target !== undefined) {
    if (target === null) return true;  // revoked
    value = target;
  }
  let lookForToString = true;
  let lookForToPrimitive = true;
  if (typeof value.toString !== 'function') {
    if (typeof value[Symbol.toPrimitive] !== 'function') return true;
    if (hasOwn(value, Symbol.toPrimitive)) return false;
    lookForToString = false;
  } else if (hasOwn(value, 'toString')) {
    return false;
  } else if (typeof value[Symbol.toPrimitive] !== 'function') {
    lookForToPrimitive = false;
  } else if (hasOwn(value, Symbol.toPrimitive)) {
    return false;
  }
  // The prototype that defines the method decides.
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (!(lookForToString && hasOwn(pointer, 'toString')) &&
           !(lookForToPrimitive && hasOwn(pointer, Symbol.toPrimitive)));
  const descriptor = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined &&
    typeof descriptor.value === 'function' &&
    builtInObjects.has(descriptor.value.name);
}

let circularErrorMessage;
function firstLine(error) {
  return String(error.message).split('\n', 1)[0];
}

// JSON.stringify, with '[Circular]' for cyclic values.
function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (circularErrorMessage === undefined) {
      try {
        const a = {};
        a.a = a;
        JSON.stringify(a);
      } catch (circularError) {
        circularErrorMessage = firstLine(circularError);
      }
    }
    if (err.name === 'TypeError' && firstLine(err) === circularErrorMessage) return '[Circular]';
    throw err;
  }
}

function numericSeparator(options) {
  return options?.numericSeparator ?? inspectDefaultOptions.numericSeparator;
}

// The text for one placeholder letter (char code) and its argument.
function formatArgument(letter, arg, inspectOptions) {
  switch (letter) {
    case 115:  // 's'
      if (typeof arg === 'number') return formatNumber(stylizeNoColor, arg, numericSeparator(inspectOptions));
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, numericSeparator(inspectOptions));
      if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) return String(arg);
      return inspect(arg, { ...inspectOptions, compact: 3, colors: false, depth: 0 });
    case 106:  // 'j'
      return tryStringify(arg);
    case 100:  // 'd'
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, numericSeparator(inspectOptions));
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number(arg), numericSeparator(inspectOptions));
    case 79:  // 'O'
      return inspect(arg, inspectOptions);
    case 111:  // 'o'
      return inspect(arg, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
    case 105:  // 'i'
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, numericSeparator(inspectOptions));
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number.parseInt(arg), numericSeparator(inspectOptions));
    case 102:  // 'f'
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number.parseFloat(arg), numericSeparator(inspectOptions));
    default:  // 'c': CSS, ignored
      return '';
  }
}

// s d i f j o O c
const kPlaceholders = new Set([115, 100, 105, 102, 106, 111, 79, 99]);

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';

  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue;  // '%'
      const next = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        if (next === 37) {  // '%%' -> '%'
          str += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        }
        if (!kPlaceholders.has(next)) continue;
        const text = formatArgument(next, args[++a], inspectOptions);
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += text;
        lastPos = i + 1;
      } else if (next === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }

  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('inspectOptions', 'Object', inspectOptions);
  }
  return formatWithOptionsInternal(inspectOptions, args);
}

module.exports = { format, formatWithOptions };
