'use strict';

// FormData (basic): an ordered list of entries, each a string or a File;
// Blobs appended are wrapped as Files named 'blob' (or the given name).

const { inspect } = require('internal/util/inspect');

const kEntries = Symbol('entries');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function toEntry(name, value, filename, method) {
  name = `${name}`;
  if (value !== null && typeof value === 'object' && typeof value.arrayBuffer === 'function' &&
      typeof value.type === 'string') {
    const { File } = require('internal/file');
    if (!(value instanceof File) || filename !== undefined) {
      value = new File([value], filename !== undefined ? `${filename}` :
        (value instanceof File ? value.name : 'blob'), { type: value.type });
    }
    return [name, value];
  }
  if (filename !== undefined) {
    throw new TypeError(`Failed to execute '${method}' on 'FormData': parameter 2 is not of type 'Blob'.`);
  }
  return [name, `${value}`];
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    this[kEntries] = [];
  }

  append(name, value, filename = undefined) {
    this[kEntries].push(toEntry(name, value, filename, 'append'));
  }

  delete(name) {
    name = `${name}`;
    this[kEntries] = this[kEntries].filter((e) => e[0] !== name);
  }

  get(name) {
    name = `${name}`;
    const e = this[kEntries].find((x) => x[0] === name);
    return e === undefined ? null : e[1];
  }

  getAll(name) {
    name = `${name}`;
    return this[kEntries].filter((e) => e[0] === name).map((e) => e[1]);
  }

  has(name) {
    name = `${name}`;
    return this[kEntries].some((e) => e[0] === name);
  }

  set(name, value, filename = undefined) {
    const entry = toEntry(name, value, filename, 'set');
    const i = this[kEntries].findIndex((e) => e[0] === entry[0]);
    if (i === -1) {
      this[kEntries].push(entry);
      return;
    }
    this[kEntries][i] = entry;
    this[kEntries] = this[kEntries].filter((e, j) => j <= i || e[0] !== entry[0]);
  }

  forEach(callback, thisArg = undefined) {
    for (const [k, v] of this[kEntries]) callback.call(thisArg, v, k, this);
  }

  * entries() { for (const [k, v] of this[kEntries]) yield [k, v]; }
  * keys() { for (const [k] of this[kEntries]) yield k; }
  * values() { for (const [, v] of this[kEntries]) yield v; }
  [Symbol.iterator]() { return this.entries(); }

  get [Symbol.toStringTag]() { return 'FormData'; }

  [kInspect](depth, options) {
    return `FormData ${inspect(this[kEntries].map(([name, value]) => ({ name, value })), options)}`;
  }
}

module.exports = { FormData };
