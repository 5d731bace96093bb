'use strict';

// Captured at load: user code may replace Object.keys & co. (as Node's
// primordials guard against).
const {
  keys: ObjectKeys,
  getOwnPropertyNames: ObjectGetOwnPropertyNames,
  getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
} = Object;

// formatRaw: util.inspect's per-object dispatch. It finds the constructor
// name and tag, picks the head, braces, keys and entry formatter for the kind
// of object (array, Set, Map, typed array, iterator, function, RegExp, Date,
// Error, ArrayBuffer, DataView, Promise, weak collection, module namespace,
// boxed primitive, plain object), then lays the entries out. Recursion into
// values goes back through formatValue (internal/util/inspect), which hands
// itself over with setup().

const {
  getOwnNonIndexProperties,
  getExternalValue,
  getConstructorName: internalGetConstructorName,
  constants: { ALL_PROPERTIES, ONLY_ENUMERABLE },
} = binding('util');
const types = require('internal/util/types');
const { formatNumber } = require('internal/util/inspect_primitives');
const {
  getPrefix,
  getCtxStyle,
  getIteratorBraces,
  getBoxedBase,
  getFunctionBase,
} = require('internal/util/inspect_bases');
const entries = require('internal/util/inspect_entries');
const { formatError, isError } = require('internal/util/inspect_error');
const {
  kObjectType,
  kArrayExtrasType,
  reduceToSingleString,
} = require('internal/util/inspect_layout');

const { formatProperty } = entries;
const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

let formatValue;  // (ctx, value, recurseTimes, typedArray) -> string
let inspect;      // util.inspect, for the "<proto>" of odd prototype chains
function setup(fns) {
  ({ formatValue, inspect } = fns);
}

// Global constructors whose prototypes count as "built in": their methods are
// not listed with showHidden, and util.format's %s trusts their toString.
// Node takes the capitalised globals present when this module loads, which
// are the engine's; here engine objects are told apart from JS-implemented
// globals (URL, Buffer, ...) directly, so the load order does not matter.
function isEngineGlobal(name) {
  if (!/^[A-Z][a-zA-Z0-9]+$/.test(name)) return false;
  const desc = Object.getOwnPropertyDescriptor(globalThis, name);
  if (desc === undefined || !('value' in desc)) return false;
  const { value } = desc;
  if (typeof value === 'function') {
    return /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(value));
  }
  return typeof value === 'object' && value !== null;
}
const builtInObjects = new Set(Object.getOwnPropertyNames(globalThis).filter(isEngineGlobal));

function isInstanceof(object, ctor) {
  try {
    return object instanceof ctor;
  } catch {
    return false;
  }
}

// Object.prototype and Function.prototype are recognised even when their
// `constructor` property was tampered with.
const wellKnownPrototypes = new Map([
  [Object.prototype, { name: 'Object', constructor: Object }],
  [Function.prototype, { name: 'Function', constructor: Function }],
]);

// The name of the first constructor on the prototype chain that `obj` is an
// instance of; null for a null-prototype object; "Engine <Proto>" when the
// chain names none. With showHidden, `protoProps` collects non-method
// properties of user prototypes along the way.
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const tmp = obj;
  while (obj) {
    const known = wellKnownPrototypes.get(obj);
    if (known !== undefined && Function.prototype[Symbol.hasInstance].call(known.constructor, tmp)) {
      if (protoProps !== undefined && firstProto !== obj) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return known.name;
    }
    const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined &&
        typeof descriptor.value === 'function' &&
        descriptor.value.name !== '' &&
        isInstanceof(tmp, descriptor.value)) {
      if (protoProps !== undefined &&
          (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;

  const res = internalGetConstructorName(tmp);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) {
    return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${res} <${protoConstr}>`;
}

// Adds the non-function properties of up to three user-defined prototype
// levels of `main` to `output` (dimmed with colors).
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let depth = 0;
  let keys;
  let keySet;
  do {
    if (depth !== 0 || main === obj) {
      obj = Object.getPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' &&
          builtInObjects.has(descriptor.value.name)) {
        return;
      }
    }
    if (depth === 0) {
      keySet = new Set();
    } else {
      for (const key of keys) keySet.add(key);
    }
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && keySet.has(key))) continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === 'function') continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

// Own keys to list: enumerable ones (strings, then symbols), or all with
// showHidden.
function getKeys(value, showHidden) {
  const symbols = ObjectGetOwnPropertySymbols(value);
  let keys;
  if (showHidden) {
    keys = ObjectGetOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
    return keys;
  }
  try {
    keys = ObjectKeys(value);
  } catch (err) {
    // A namespace of a module that has not finished evaluating.
    if (!(types.isNativeError(err) && err.name === 'ReferenceError' &&
          types.isModuleNamespaceObject(value))) {
      throw err;
    }
    keys = ObjectGetOwnPropertyNames(value);
  }
  if (symbols.length !== 0) {
    keys.push(...symbols.filter((key) => Object.prototype.propertyIsEnumerable.call(value, key)));
  }
  return keys;
}

function isStackOverflowError(err) {
  return err instanceof RangeError && err.message === 'Maximum call stack size exceeded';
}

let urlModule;
function isURL(value) {
  if (urlModule === undefined) {
    try {
      urlModule = require('internal/url');
    } catch {
      urlModule = null;  // No URL implementation: nothing is a URL.
    }
  }
  return urlModule !== null && typeof urlModule.URL === 'function' &&
    typeof value.href === 'string' && value instanceof urlModule.URL;
}

// The Symbol.toStringTag to show: only an inherited or non-enumerable string
// one (an own enumerable tag is listed as a property anyway).
function getTag(ctx, value) {
  const tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string') return '';
  if (tag !== '') {
    const own = ctx.showHidden ? hasOwn(value, Symbol.toStringTag) :
      Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag);
    if (own) return '';
  }
  return tag;
}

const kTypedArrayClasses = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;
const dateToString = Date.prototype.toString;
const regExpToString = RegExp.prototype.toString;

function returnEmptyList() {
  return [];
}

// Objects that are iterable (or have no prototype to tell): arrays, Sets,
// Maps, typed arrays and their iterators. Fills `s` (the shape of the
// output) and returns a finished string for empty ones, or undefined.
function describeIterable(ctx, value, s) {
  const { constructor, tag, filter } = s;
  if (Array.isArray(value)) {
    // Plain arrays have no head: only subclasses, tags and null prototypes.
    const prefix = constructor !== 'Array' || tag !== '' ?
      getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
    s.keys = getOwnNonIndexProperties(value, filter);
    s.braces = [`${prefix}[`, ']'];
    if (value.length === 0 && s.keys.length === 0 && s.protoProps === undefined) return `${prefix}[]`;
    s.extrasType = kArrayExtrasType;
    s.formatter = entries.formatArray;
  } else if (types.isSet(value)) {
    const size = setSize.call(value);
    const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
    s.keys = getKeys(value, ctx.showHidden);
    // Without a prototype there is no iterator: walk a values() iterator,
    // which (as in Node) has no size, so nothing is cut.
    s.formatter = constructor !== null ?
      entries.formatSet.bind(null, value, size) :
      entries.formatSet.bind(null, Set.prototype.values.call(value), undefined);
    if (size === 0 && s.keys.length === 0 && s.protoProps === undefined) return `${prefix}{}`;
    s.braces = [`${prefix}{`, '}'];
  } else if (types.isMap(value)) {
    const size = mapSize.call(value);
    const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
    s.keys = getKeys(value, ctx.showHidden);
    s.formatter = constructor !== null ?
      entries.formatMap.bind(null, value, size) :
      entries.formatMap.bind(null, Map.prototype.entries.call(value), undefined);
    if (size === 0 && s.keys.length === 0 && s.protoProps === undefined) return `${prefix}{}`;
    s.braces = [`${prefix}{`, '}'];
  } else if (types.isTypedArray(value)) {
    s.keys = getOwnNonIndexProperties(value, filter);
    let bound = value;
    let fallback = '';
    if (constructor === null) {
      // Copy into a real typed array to read its items and fields.
      fallback = typedArrayTag.call(value);
      bound = new kTypedArrayClasses[fallback](value);
    }
    const size = typedArrayLength.call(value);
    const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
    s.braces = [`${prefix}[`, ']'];
    if (value.length === 0 && s.keys.length === 0 && !ctx.showHidden) return `${prefix}[]`;
    s.formatter = entries.formatTypedArray.bind(null, bound, size);
    s.extrasType = kArrayExtrasType;
  } else if (types.isMapIterator(value)) {
    s.keys = getKeys(value, ctx.showHidden);
    s.braces = getIteratorBraces('Map', tag);
    s.formatter = entries.formatIterator.bind(null, s.braces);
  } else if (types.isSetIterator(value)) {
    s.keys = getKeys(value, ctx.showHidden);
    s.braces = getIteratorBraces('Set', tag);
    s.formatter = entries.formatIterator.bind(null, s.braces);
  } else {
    s.noIterator = true;
  }
  return undefined;
}

// Every other object. Fills `s`; returns a finished string when there is
// nothing to list, or undefined.
function describeObject(ctx, value, recurseTimes, typedArray, s) {
  const { constructor, tag } = s;
  const keys = s.keys = getKeys(value, ctx.showHidden);
  const bare = keys.length === 0 && s.protoProps === undefined;
  s.braces = ['{', '}'];
  if (typeof value === 'function') {
    s.base = getFunctionBase(value, constructor, tag);
    if (bare) return ctx.stylize(s.base, 'special');
  } else if (constructor === 'Object') {
    if (types.isArgumentsObject(value)) {
      s.braces[0] = '[Arguments] {';
    } else if (tag !== '') {
      s.braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
    }
    if (bare) return `${s.braces[0]}}`;
  } else if (types.isRegExp(value)) {
    // A null-prototype RegExp is copied to reach RegExp.prototype.toString.
    s.base = regExpToString.call(constructor !== null ? value : new RegExp(value));
    const prefix = getPrefix(constructor, tag, 'RegExp');
    if (prefix !== 'RegExp ') s.base = `${prefix}${s.base}`;
    if (bare || (recurseTimes > ctx.depth && ctx.depth !== null)) {
      return ctx.stylize(s.base, 'regexp');
    }
  } else if (types.isDate(value)) {
    s.base = Number.isNaN(dateGetTime.call(value)) ?
      dateToString.call(value) : dateToISOString.call(value);
    const prefix = getPrefix(constructor, tag, 'Date');
    if (prefix !== 'Date ') s.base = `${prefix}${s.base}`;
    if (bare) return ctx.stylize(s.base, 'date');
  } else if (isError(value)) {
    s.base = formatError(value, constructor, tag, ctx, keys);
    if (keys.length === 0 && s.protoProps === undefined) return s.base;
  } else if (types.isAnyArrayBuffer(value)) {
    const arrayType = types.isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
    const prefix = getPrefix(constructor, tag, arrayType);
    if (typedArray === undefined) {
      s.formatter = entries.formatArrayBuffer;
    } else if (bare) {
      // The .buffer of a typed array shown with showHidden: no bytes again.
      return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
    }
    s.braces[0] = `${prefix}{`;
    keys.unshift('byteLength');
  } else if (types.isDataView(value)) {
    s.braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
    keys.unshift('byteLength', 'byteOffset', 'buffer');
  } else if (types.isPromise(value)) {
    s.braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
    s.formatter = entries.formatPromise;
  } else if (types.isWeakSet(value)) {
    s.braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
    s.formatter = ctx.showHidden ? entries.formatWeakSet : entries.formatWeakCollection;
  } else if (types.isWeakMap(value)) {
    s.braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
    s.formatter = ctx.showHidden ? entries.formatWeakMap : entries.formatWeakCollection;
  } else if (types.isModuleNamespaceObject(value)) {
    s.braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
    s.formatter = entries.formatNamespaceObject.bind(null, keys);
  } else if (types.isBoxedPrimitive(value)) {
    s.base = getBoxedBase(value, ctx, keys, constructor, tag);
    if (keys.length === 0 && s.protoProps === undefined) return s.base;
  } else if (isURL(value) && !(recurseTimes > ctx.depth && ctx.depth !== null)) {
    s.base = value.href;
    if (bare) return s.base;
  } else {
    if (bare) {
      if (types.isExternal(value)) {
        const address = getExternalValue(value).toString(16);
        return ctx.stylize(`[External: ${address}]`, 'special');
      }
      return `${getCtxStyle(value, constructor, tag)}{}`;
    }
    s.braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
  }
  return undefined;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  // The shape of the output, filled in by the describe* functions.
  const s = {
    constructor,
    tag: getTag(ctx, value),
    protoProps,
    filter: ctx.showHidden ? ALL_PROPERTIES : ONLY_ENUMERABLE,
    keys: undefined,
    braces: undefined,
    base: '',
    formatter: returnEmptyList,
    extrasType: kObjectType,
    noIterator: true,
  };
  let done;
  // Check iterables first; a null prototype hides Symbol.iterator, so those
  // objects are tested for every type.
  if (Symbol.iterator in value || constructor === null) {
    s.noIterator = false;
    done = describeIterable(ctx, value, s);
  }
  if (done === undefined && s.noIterator) {
    done = describeObject(ctx, value, recurseTimes, typedArray, s);
  }
  if (done !== undefined) return done;

  const { keys, braces, extrasType, tag } = s;
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let name = getCtxStyle(value, constructor, tag).slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return ctx.stylize(name, 'special');
  }
  recurseTimes += 1;

  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    output = s.formatter(ctx, value, recurseTimes);
    for (let i = 0; i < keys.length; i++) {
      output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
    }
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflowError(err)) throw err;
    const name = getCtxStyle(value, constructor, tag).slice(0, -1);
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    return ctx.stylize(
      `[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`,
      'special');
  }

  let base = s.base;
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) {
        base = base === '' ? reference : `${reference} ${base}`;
      } else {
        braces[0] = `${reference} ${braces[0]}`;
      }
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      // Only the extra keys of array-likes are sorted, not the items.
      const tail = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...tail);
    }
  }

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  // Past ~128 MiB of output at one indentation level, stop descending so the
  // string stays below V8's limit.
  const budget = ctx.budget[ctx.indentationLvl] || 0;
  const newLength = budget + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

module.exports = {
  builtInObjects,
  formatRaw,
  getConstructorName,
  getKeys,
  setup,
};
