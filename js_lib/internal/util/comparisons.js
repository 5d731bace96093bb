'use strict';
// Deep equality as Node 20's assert.deepEqual / assert.deepStrictEqual and
// util.isDeepStrictEqual define it.
//
// Strict mode: Object.is for primitives, same prototype and same
// Object.prototype.toString tag, enumerable own symbol keys compared too.
// Loose mode: == for primitives, prototypes ignored, Set/Map entries may
// match loosely-equal primitives.
// Both: only enumerable own properties count (getters are invoked), Error
// message/name/cause/errors are compared even when not enumerable, and cycles
// are handled with a memo of the pairs being compared.

const types = require('internal/util/types');
const {
  constants: { ONLY_ENUMERABLE, SKIP_SYMBOLS },
  getOwnNonIndexProperties,
} = binding('util');

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const objectToString = Object.prototype.toString;
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

function ownEnumerable(obj, key) {
  return isEnumerable.call(obj, key);
}

// Node's duck-typed URL check (internal/url isURL).
function isURL(obj) {
  return Boolean(obj?.href && obj.protocol && obj.auth === undefined && obj.path === undefined);
}

function isKeyObject(obj) {
  return typeof types.isKeyObject === 'function' && types.isKeyObject(obj);
}

function isCryptoKey(obj) {
  return typeof types.isCryptoKey === 'function' && types.isCryptoKey(obj);
}

// Byte equality of two Uint8Arrays, four bytes at a time when aligned.
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = a.length >>> 2;
    const wa = new Int32Array(a.buffer, a.byteOffset, words);
    const wb = new Int32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) {
      if (wa[w] !== wb[w]) return false;
    }
    i = words * 4;
  }
  for (; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function viewBytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

// Loose comparison of float arrays: element-wise ===, so 0 equals -0 and
// NaN never equals NaN.
function sameFloatElements(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function sameBoxedPrimitive(a, b) {
  if (types.isNumberObject(a)) {
    return types.isNumberObject(b) &&
      Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  }
  if (types.isStringObject(a)) {
    return types.isStringObject(b) &&
      String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  }
  if (types.isBooleanObject(a)) {
    return types.isBooleanObject(b) &&
      Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  }
  if (types.isBigIntObject(a)) {
    return types.isBigIntObject(b) &&
      BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  }
  if (types.isSymbolObject(a)) {
    return types.isSymbolObject(b) &&
      Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  }
  throw new Error(`Unknown boxed type ${a}`);
}

function isError(obj) {
  return types.isNativeError(obj) || obj instanceof Error;
}

// Errors: message, name, cause and errors are compared even when they are
// not enumerable (then they are skipped by the key comparison).
function sameErrorFields(a, b, strict, memos) {
  for (const key of ['message', 'name']) {
    const enumerable = ownEnumerable(a, key);
    if (enumerable !== ownEnumerable(b, key)) return false;
    if (!enumerable && a[key] !== b[key]) return false;
  }
  for (const key of ['cause', 'errors']) {
    const enumerable = ownEnumerable(a, key);
    if (enumerable !== ownEnumerable(b, key)) return false;
    if (!enumerable && !innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  return true;
}

// True for the kinds of objects that are compared by more than their keys:
// an object of any of these kinds never equals a plain object.
function hasSpecialKind(obj) {
  return Array.isArray(obj) || types.isArrayBufferView(obj) || types.isSet(obj) ||
    types.isMap(obj) || types.isDate(obj) || types.isRegExp(obj) ||
    types.isAnyArrayBuffer(obj) || types.isBoxedPrimitive(obj) || isError(obj);
}

// Keys of an array or typed array that are not indices; false when the two
// differ in count.
function nonIndexKeys(a, b, strict) {
  const filter = strict ? ONLY_ENUMERABLE : ONLY_ENUMERABLE | SKIP_SYMBOLS;
  const keysA = getOwnNonIndexProperties(a, filter);
  const keysB = getOwnNonIndexProperties(b, filter);
  return keysA.length === keysB.length ? keysA : false;
}

function innerDeepEqual(a, b, strict, memos) {
  if (a === b) return a !== 0 || Object.is(a, b) || !strict;

  if (strict) {
    if (typeof a === 'number') return Number.isNaN(a) && Number.isNaN(b);
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null ||
        Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
      return false;
    }
  } else {
    const aIsObject = a !== null && typeof a === 'object';
    const bIsObject = b !== null && typeof b === 'object';
    if (!aIsObject || !bIsObject) {
      // eslint-disable-next-line eqeqeq
      return !aIsObject && !bIsObject && (a == b || (Number.isNaN(a) && Number.isNaN(b)));
    }
  }

  const tag = objectToString.call(a);
  if (tag !== objectToString.call(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const keys = nonIndexKeys(a, b, strict);
    if (keys === false) return false;
    return keyCheck(a, b, strict, memos, kIsArray, keys);
  }
  if (tag === '[object Object]') return keyCheck(a, b, strict, memos, kNoIterator);

  if (types.isDate(a)) {
    if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) {
      return false;
    }
  } else if (types.isRegExp(a)) {
    if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags ||
        a.lastIndex !== b.lastIndex) {
      return false;
    }
  } else if (types.isArrayBufferView(a)) {
    if (typedArrayTag.call(a) !== typedArrayTag.call(b)) return false;
    if (!strict && (types.isFloat32Array(a) || types.isFloat64Array(a))) {
      if (!sameFloatElements(a, b)) return false;
    } else if (a.byteLength !== b.byteLength || !sameBytes(viewBytes(a), viewBytes(b))) {
      return false;
    }
    const keys = nonIndexKeys(a, b, strict);
    if (keys === false) return false;
    return keyCheck(a, b, strict, memos, kNoIterator, keys);
  } else if (types.isSet(a)) {
    if (!types.isSet(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsSet);
  } else if (types.isMap(a)) {
    if (!types.isMap(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsMap);
  } else if (types.isAnyArrayBuffer(a)) {
    if (!types.isAnyArrayBuffer(b) || a.byteLength !== b.byteLength ||
        !sameBytes(new Uint8Array(a), new Uint8Array(b))) {
      return false;
    }
  } else if (isError(a)) {
    if (!isError(b) || !sameErrorFields(a, b, strict, memos)) return false;
  } else if (types.isBoxedPrimitive(a)) {
    if (!sameBoxedPrimitive(a, b)) return false;
  } else if (hasSpecialKind(b)) {
    return false;
  } else if (isKeyObject(a)) {
    if (!isKeyObject(b) || !a.equals(b)) return false;
  } else if (isCryptoKey(a)) {
    if (!isCryptoKey(b) || a.extractable !== b.extractable ||
        !innerDeepEqual(a.algorithm, b.algorithm, strict, memos) ||
        !innerDeepEqual(a.usages, b.usages, strict, memos)) {
      return false;
    }
  } else if (isURL(a)) {
    if (!isURL(b) || a.href !== b.href) return false;
  }
  return keyCheck(a, b, strict, memos, kNoIterator);
}

// Compares own enumerable keys (and, strictly, enumerable own symbols), then
// the values through objEquiv, guarding against cycles. `aKeys` is given
// for arrays and typed arrays (their non-index keys, counts already equal).
function keyCheck(a, b, strict, memos, iterationType, aKeys) {
  const keysGiven = aKeys !== undefined;
  if (!keysGiven) aKeys = Object.keys(a);

  for (let i = 0; i < aKeys.length; i++) {
    if (!ownEnumerable(b, aKeys[i])) return false;
  }

  if (!keysGiven) {
    if (aKeys.length !== Object.keys(b).length) return false;
    if (strict && !collectSymbolKeys(a, b, aKeys)) return false;
  }

  if (aKeys.length === 0 &&
      (iterationType === kNoIterator ||
       (iterationType === kIsArray && a.length === 0) ||
       a.size === 0)) {
    return true;
  }

  if (memos === undefined) {
    // The first pair and, one level down, the second are kept in fields; a
    // Set of all objects under comparison is made only for deeper nesting.
    memos = {
      set: undefined, a, b, c: undefined, d: undefined, deep: false, deleteFailures: false,
    };
    return objEquiv(a, b, strict, aKeys, memos, iterationType);
  }

  if (memos.set === undefined) {
    if (memos.deep === false) {
      if (memos.a === a && memos.b === b) return true;
      memos.c = a;
      memos.d = b;
      memos.deep = true;
      const result = objEquiv(a, b, strict, aKeys, memos, iterationType);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }

  const set = memos.set;
  const sizeBefore = set.size;
  set.add(a);
  set.add(b);
  // Both already under comparison: a cycle, assumed equal.
  if (set.size === sizeBefore) return true;

  const equal = objEquiv(a, b, strict, aKeys, memos, iterationType);
  if (equal || memos.deleteFailures) {
    set.delete(a);
    set.delete(b);
  }
  return equal;
}

// Strict mode: enumerable own symbols of `a` must be enumerable on `b` too,
// and `b` must have no others. Appends a's to `keys`.
function collectSymbolKeys(a, b, keys) {
  const symbolsA = Object.getOwnPropertySymbols(a);
  if (symbolsA.length === 0) {
    const symbolsB = Object.getOwnPropertySymbols(b);
    return symbolsB.length === 0 || countEnumerable(b, symbolsB) === 0;
  }
  let count = 0;
  for (const key of symbolsA) {
    if (ownEnumerable(a, key)) {
      if (!ownEnumerable(b, key)) return false;
      keys.push(key);
      count++;
    } else if (ownEnumerable(b, key)) {
      return false;
    }
  }
  const symbolsB = Object.getOwnPropertySymbols(b);
  return symbolsA.length === symbolsB.length || countEnumerable(b, symbolsB) === count;
}

function countEnumerable(obj, keys) {
  let n = 0;
  for (const key of keys) {
    if (ownEnumerable(obj, key)) n++;
  }
  return n;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  if (iterationType === kIsArray) return arrayElementsEqual(a, b, strict, memos);
  if (iterationType === kIsSet) return setEquiv(a, b, strict, memos);
  if (iterationType === kIsMap) return mapEquiv(a, b, strict, memos);
  return true;
}

function arrayElementsEqual(a, b, strict, memos) {
  for (let i = 0; i < a.length; i++) {
    if (hasOwn.call(a, i)) {
      if (!hasOwn.call(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
    } else if (hasOwn.call(b, i)) {
      return false;
    } else {
      // A hole: compare the remaining keys of the sparse array by name.
      const keysA = Object.keys(a);
      for (; i < keysA.length; i++) {
        const key = keysA[i];
        if (!hasOwn.call(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) {
          return false;
        }
      }
      return keysA.length === Object.keys(b).length;
    }
  }
  return true;
}

// ---- Sets and Maps ----------------------------------------------------------
// Entries found by identity (b.has) need no deep comparison; the rest are
// matched pairwise against a working copy, removing each match.

// Removes from `set` the first element deep-equal to `val`.
function takeEqualElement(set, val, strict, memos) {
  const saved = memos.deleteFailures;
  memos.deleteFailures = true;
  for (const candidate of set) {
    if (innerDeepEqual(candidate, val, strict, memos)) {
      set.delete(candidate);
      memos.deleteFailures = saved;
      return true;
    }
  }
  memos.deleteFailures = saved;
  return false;
}

// Loose mode, for a primitive of `a` that `b` lacks: the value `b` would
// have to hold instead (null for undefined and vice versa), or a boolean
// when that can be decided now (numbers and numeric strings may equal many
// values: true means "maybe, compare pairwise").
function looseAlternative(prim) {
  switch (typeof prim) {
    case 'undefined':
      return null;
    case 'object':  // null
      return undefined;
    case 'symbol':
      return false;
    case 'string':
      return !Number.isNaN(+prim);
    case 'number':
      return !Number.isNaN(prim);
    default:
      return true;
  }
}

function setMightHaveLoosePrim(a, b, prim) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  return b.has(alt) && !a.has(alt);
}

function mapMightHaveLoosePrim(a, b, prim, item, memos) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  const itemB = b.get(alt);
  if ((itemB === undefined && !b.has(alt)) || !innerDeepEqual(item, itemB, false, memos)) {
    return false;
  }
  return !a.has(alt) && innerDeepEqual(item, itemB, false, memos);
}

function setEquiv(a, b, strict, memos) {
  let pending = null;  // values of `a` that `b` does not hold by identity
  for (const val of a) {
    if (b.has(val)) continue;
    if ((typeof val !== 'object' || val === null) &&
        (strict || !setMightHaveLoosePrim(a, b, val))) {
      return false;
    }
    if (pending === null) {
      if (b.size === 1) return innerDeepEqual(val, b.values().next().value, strict, memos);
      pending = new Set();
    }
    pending.add(val);
  }
  if (pending === null) return true;
  for (const val of b) {
    if (typeof val === 'object' && val !== null) {
      if (!a.has(val) && !takeEqualElement(pending, val, strict, memos)) return false;
    } else if (!strict && !a.has(val) && !takeEqualElement(pending, val, strict, memos)) {
      return false;
    }
  }
  return pending.size === 0;
}

// Removes from `keys` the first key of `map` that deep-equals key2 and
// whose value deep-equals item2; all candidates are tried, so
// Map([[{}, 'a'], [{}, 'b']]) equals Map([[{}, 'b'], [{}, 'a']]).
function takeEqualEntry(keys, map, key2, item2, strict, memos) {
  const saved = memos.deleteFailures;
  memos.deleteFailures = true;
  for (const key1 of keys) {
    if (innerDeepEqual(key1, key2, strict, memos) &&
        innerDeepEqual(map.get(key1), item2, strict, memos)) {
      keys.delete(key1);
      memos.deleteFailures = saved;
      return true;
    }
  }
  memos.deleteFailures = saved;
  return false;
}

function mapEquiv(a, b, strict, memos) {
  let pending = null;  // keys of `a` still to be matched
  for (const { 0: key, 1: item1 } of a) {
    if (typeof key === 'object' && key !== null) {
      if (pending === null) {
        if (b.size === 1) {
          const { 0: key2, 1: item2 } = b.entries().next().value;
          return innerDeepEqual(key, key2, strict, memos) &&
            innerDeepEqual(item1, item2, strict, memos);
        }
        pending = new Set();
      }
      pending.add(key);
      continue;
    }
    const item2 = b.get(key);
    if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
      if (strict || !mapMightHaveLoosePrim(a, b, key, item1, memos)) return false;
      if (pending === null) pending = new Set();
      pending.add(key);
    }
  }
  if (pending === null) return true;
  for (const { 0: key, 1: item } of b) {
    if (typeof key === 'object' && key !== null) {
      if (!takeEqualEntry(pending, a, key, item, strict, memos)) return false;
    } else if (!strict &&
               (!a.has(key) || !innerDeepEqual(a.get(key), item, strict, memos)) &&
               !takeEqualEntry(pending, a, key, item, strict, memos)) {
      return false;
    }
  }
  return pending.size === 0;
}

module.exports = {
  isDeepEqual(a, b) {
    return innerDeepEqual(a, b, false);
  },
  isDeepStrictEqual(a, b) {
    return innerDeepEqual(a, b, true);
  },
};
