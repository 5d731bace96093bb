'use strict';

// FormData (basic): an ordered list of entries, each a string or a File;
// Blobs appended are wrapped as Files named 'blob' (or the given name).
// Iteration is live, as for Headers.

const { inspect } = require('internal/util/inspect');
const {
  argumentLengthCheck, brandCheck, definePairIterable, finishInterface, toUSVString,
} = require('internal/fetch/webidl');

const kEntries = Symbol('entries');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function isBlobLike(value) {
  if (value === null || typeof value !== 'object') return false;
  const { Blob } = require('internal/blob');
  return value instanceof Blob ||
    ((typeof value.stream === 'function' || typeof value.arrayBuffer === 'function') &&
     /^(Blob|File)$/.test(value[Symbol.toStringTag]));
}

// `args` is the method's arguments: a third one, even undefined, is a
// file name.
function toEntry(args, method) {
  argumentLengthCheck(args.length, 2, `FormData.${method}`);
  const [name, value, filename] = args;
  if (args.length === 3 && !isBlobLike(value)) {
    throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'`);
  }
  if (!isBlobLike(value)) return [toUSVString(name), toUSVString(value)];
  const { File } = require('internal/file');
  let file = value;
  if (args.length === 3) {
    file = new File([value], toUSVString(filename), { type: value.type, lastModified: value.lastModified });
  } else if (!(value instanceof File)) {
    file = new File([value], 'blob', { type: value.type });
  }
  return [toUSVString(name), file];
}

class _FormData {
  constructor(form) {
    if (form !== undefined) {
      throw new TypeError('FormData constructor: Argument 1 could not be converted to: undefined.');
    }
    this[kEntries] = [];
  }

  append(name, value) {
    brandCheck(this, _FormData, kEntries);
    this[kEntries].push(toEntry(arguments, 'append'));
  }

  delete(name) {
    brandCheck(this, _FormData, kEntries);
    argumentLengthCheck(arguments.length, 1, 'FormData.delete');
    name = toUSVString(name);
    this[kEntries] = this[kEntries].filter((e) => e[0] !== name);
  }

  get(name) {
    brandCheck(this, _FormData, kEntries);
    argumentLengthCheck(arguments.length, 1, 'FormData.get');
    name = toUSVString(name);
    const e = this[kEntries].find((x) => x[0] === name);
    return e === undefined ? null : e[1];
  }

  getAll(name) {
    brandCheck(this, _FormData, kEntries);
    argumentLengthCheck(arguments.length, 1, 'FormData.getAll');
    name = toUSVString(name);
    return this[kEntries].filter((e) => e[0] === name).map((e) => e[1]);
  }

  has(name) {
    brandCheck(this, _FormData, kEntries);
    argumentLengthCheck(arguments.length, 1, 'FormData.has');
    name = toUSVString(name);
    return this[kEntries].some((e) => e[0] === name);
  }

  set(name, value) {
    brandCheck(this, _FormData, kEntries);
    const entry = toEntry(arguments, 'set');
    const i = this[kEntries].findIndex((e) => e[0] === entry[0]);
    if (i === -1) {
      this[kEntries].push(entry);
      return;
    }
    this[kEntries][i] = entry;
    this[kEntries] = this[kEntries].filter((e, j) => j <= i || e[0] !== entry[0]);
  }

  // Entries grouped by name: one value as itself, more as an array.
  [kInspect](depth, options) {
    const grouped = { __proto__: null };
    for (const [name, value] of this[kEntries]) {
      if (!(name in grouped)) grouped[name] = value;
      else if (Array.isArray(grouped[name])) grouped[name].push(value);
      else grouped[name] = [grouped[name], value];
    }
    const text = inspect(grouped, { ...options, depth: options.depth ?? depth });
    return `FormData ${text.slice(text.indexOf(']') + 2)}`;
  }
}
definePairIterable(_FormData, kEntries, 'FormData', (form) => form[kEntries]);
finishInterface(_FormData, 'FormData');

// An entry made by a body parser (values already converted).
function appendEntry(form, name, value) {
  form[kEntries].push([name, value]);
}

module.exports = { FormData: _FormData, appendEntry };
