'use strict';

// Captured at load: user code may replace Object.keys & co. (as Node's
// primordials guard against).
const {
  keys: ObjectKeys,
  getOwnPropertyNames: ObjectGetOwnPropertyNames,
  getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
} = Object;

// The entry formatters of util.inspect: each returns the list of entry
// strings for one kind of container (array items, typed-array items, bytes of
// an ArrayBuffer, Set/Map/iterator/WeakMap entries, a promise's state) and
// formatProperty writes one "key: value" pair. Recursion goes through
// formatValue, which internal/util/inspect hands over with setFormatValue().

const {
  getPromiseDetails,
  previewEntries,
  constants: { kPending, kRejected },
} = binding('util');
const { isNativeError } = require('internal/util/types');
const { getStringWidth } = require('internal/util/string_width');
const {
  strEscape,
  escapeKey,
  formatNumber,
  formatBigInt,
  formatPrimitive,
} = require('internal/util/inspect_primitives');
const {
  kObjectType,
  kArrayType,
  kArrayExtrasType,
  reduceToSingleString,
} = require('internal/util/inspect_layout');

let formatValue;  // (ctx, value, recurseTimes, typedArray) -> string
function setFormatValue(fn) {
  formatValue = fn;
}

// Iterator preview kinds.
const kWeak = 0;
const kIterator = 1;
const kMapEntries = 2;

const kIdentifier = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const kArrayIndex = /^(0|[1-9][0-9]*)$/;

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function emptyItems(ctx, count) {
  return ctx.stylize(`<${count} empty item${count > 1 ? 's' : ''}>`, 'undefined');
}

// The value half of a property whose descriptor has a getter, honouring the
// `getters` option ('get' / 'set' limit it to read-only / read-write ones).
function formatAccessor(ctx, desc, original, recurseTimes) {
  const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
  const s = ctx.stylize;
  const wanted = ctx.getters && (ctx.getters === true ||
    (ctx.getters === 'get' && desc.set === undefined) ||
    (ctx.getters === 'set' && desc.set !== undefined));
  if (!wanted) return s(`[${label}]`, 'special');
  try {
    const value = desc.get.call(original);
    ctx.indentationLvl += 2;
    let str;
    if (value === null) {
      str = `${s(`[${label}:`, 'special')} ${s('null', 'null')}${s(']', 'special')}`;
    } else if (typeof value === 'object') {
      str = `${s(`[${label}]`, 'special')} ${formatValue(ctx, value, recurseTimes)}`;
    } else {
      str = `${s(`[${label}:`, 'special')} ${formatPrimitive(s, value, ctx)}${s(']', 'special')}`;
    }
    ctx.indentationLvl -= 2;
    return str;
  } catch (err) {
    const message = `<Inspection threw (${err.message})>`;
    return `${s(`[${label}:`, 'special')} ${message}${s(']', 'special')}`;
  }
}

// One entry: "key: value", or just the value for array items (kArrayType).
// `desc` and `original` are given when listing prototype properties.
function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let str;
  let extra = ' ';
  desc = desc || Object.getOwnPropertyDescriptor(value, key) ||
    { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    // compact: true indents object values by the width of ': '.
    const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) {
      extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = formatAccessor(ctx, desc, original, recurseTimes);
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;

  let name;
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(escapeKey(Symbol.prototype.toString.call(key)), 'symbol')}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${escapeKey(key)}]`;
  } else if (kIdentifier.test(key)) {
    name = ctx.stylize(key, 'name');
  } else {
    name = ctx.stylize(strEscape(key), 'string');
  }
  return `${name}:${extra}${str}`;
}

// A sparse array, or one with extra enumerable keys: walk its keys and show
// holes as "<n empty items>".
function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = ObjectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const numeric = +key;
    if (numeric > 2 ** 32 - 2) break;  // not an index
    if (`${index}` !== key) {
      if (!kArrayIndex.test(key)) break;
      output.push(emptyItems(ctx, numeric - index));
      index = numeric;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(emptyItems(ctx, remaining));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatArray(ctx, value, recurseTimes) {
  const length = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const output = [];
  for (let i = 0; i < length; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, length, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (value.length > length) output.push(remainingText(value.length - length));
  return output;
}

function formatArrayBuffer(ctx, value) {
  let bytes;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize('(detached)', 'special')];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  const hex = [];
  for (let i = 0; i < shown; i++) hex.push(bytes[i].toString(16).padStart(2, '0'));
  let str = hex.join(' ');
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
}

// `value` may be a copy of the original (for null-prototype typed arrays);
// `length` is the original's length.
function formatTypedArray(value, length, ctx, ignored, recurseTimes) {
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = value.length - shown;
  const output = new Array(shown);
  const formatItem = value.length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
  for (let i = 0; i < shown; ++i) output[i] = formatItem(ctx.stylize, value[i], ctx.numericSeparator);
  if (remaining > 0) output[shown] = remainingText(remaining);
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

// `value` is the Set (or, for a null-prototype Set, a values iterator).
function formatSet(value, size, ctx, ignored, recurseTimes) {
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  for (const item of value) {
    if (output.length >= shown) break;
    output.push(formatValue(ctx, item, recurseTimes));
  }
  if (size > shown) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(value, size, ctx, ignored, recurseTimes) {
  const shown = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  for (const { 0: k, 1: v } of value) {
    if (output.length >= shown) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  if (size > shown) output.push(remainingText(size - shown));
  ctx.indentationLvl -= 2;
  return output;
}

function formatSetIterInner(ctx, recurseTimes, entries, state) {
  const shown = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = new Array(shown);
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) output[i] = formatValue(ctx, entries[i], recurseTimes);
  ctx.indentationLvl -= 2;
  // Weak collections have no order: sort for a stable output.
  if (state === kWeak && !ctx.sorted) output.sort();
  if (entries.length > shown) output.push(remainingText(entries.length - shown));
  return output;
}

// `entries` is flat: [key0, value0, key1, value1, ...].
function formatMapIterInner(ctx, recurseTimes, entries, state) {
  const maxArrayLength = Math.max(ctx.maxArrayLength, 0);
  const pairs = entries.length / 2;
  const remaining = pairs - maxArrayLength;
  const shown = Math.min(maxArrayLength, pairs);
  const output = new Array(shown);
  ctx.indentationLvl += 2;
  for (let i = 0; i < shown; i++) {
    const k = formatValue(ctx, entries[i * 2], recurseTimes);
    const v = formatValue(ctx, entries[i * 2 + 1], recurseTimes);
    output[i] = state === kWeak ? `${k} => ${v}` :
      reduceToSingleString(ctx, [k, v], '', ['[', ']'], kArrayExtrasType, recurseTimes);
  }
  if (state === kWeak && !ctx.sorted) output.sort();
  ctx.indentationLvl -= 2;
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}

function formatWeakSet(ctx, value, recurseTimes) {
  return formatSetIterInner(ctx, recurseTimes, previewEntries(value), kWeak);
}

function formatWeakMap(ctx, value, recurseTimes) {
  return formatMapIterInner(ctx, recurseTimes, previewEntries(value), kWeak);
}

// Shows what a Map/Set iterator has left without advancing it; entries()
// iterators are relabelled "[Map Entries]".
function formatIterator(braces, ctx, value, recurseTimes) {
  const { 0: entries, 1: isKeyValue } = previewEntries(value, true);
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] {$/, ' Entries] {');
    return formatMapIterInner(ctx, recurseTimes, entries, kMapEntries);
  }
  return formatSetIterInner(ctx, recurseTimes, entries, kIterator);
}

function formatPromise(ctx, value, recurseTimes) {
  const { 0: state, 1: result } = getPromiseDetails(value);
  if (state === kPending) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === kRejected ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

// Module namespaces: bindings still in their temporal dead zone read as
// <uninitialized>. Empties `keys` so they are not listed twice.
function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i], kObjectType);
    } catch (err) {
      if (!(isNativeError(err) && err.name === 'ReferenceError')) throw err;
      // Format a stand-in to get the key part with the right layout.
      const entry = formatProperty(ctx, { [keys[i]]: '' }, recurseTimes, keys[i], kObjectType);
      output[i] = entry.slice(0, entry.lastIndexOf(' ') + 1) +
        ctx.stylize('<uninitialized>', 'special');
    }
  }
  keys.length = 0;
  return output;
}

module.exports = {
  setFormatValue,
  formatProperty,
  formatArray,
  formatArrayBuffer,
  formatTypedArray,
  formatSet,
  formatMap,
  formatWeakCollection,
  formatWeakSet,
  formatWeakMap,
  formatIterator,
  formatPromise,
  formatNamespaceObject,
};
