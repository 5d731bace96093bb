'use strict';

// WHATWG Headers: a list of (name, value) pairs, names compared without
// case, values trimmed of HTTP whitespace; reads join repeated names with
// ', ' (Set-Cookie excepted: getSetCookie()); iteration is sorted by name.
// A guard makes a response's or request's headers immutable.

const { checkIsHttpToken } = require('internal/http/common');
const { inspect } = require('internal/util/inspect');

const kList = Symbol('headers list');
const kGuard = Symbol('guard');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function normalizeValue(value) {
  value = `${value}`;
  let start = 0;
  let end = value.length;
  const ws = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  while (start < end && ws(value.charCodeAt(start))) start++;
  while (end > start && ws(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

function validValue(value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || c > 0xff) return false;
  }
  return true;
}

function checkName(name, method) {
  if (!checkIsHttpToken(name)) {
    throw new TypeError(`Headers.${method}: "${name}" is an invalid header name.`);
  }
}

class Headers {
  constructor(init = undefined) {
    this[kList] = [];  // [lowercase name, value, original name]
    this[kGuard] = 'none';
    if (init === undefined || init === null) return;
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Headers constructor: expected 'init' to be an object");
    }
    if (init instanceof Headers) {
      for (const [n, v, o] of init[kList]) this[kList].push([n, v, o]);
    } else if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) {
          throw new TypeError('Headers constructor: expected name/value pair to be length 2, ' +
                              `found ${entry.length}.`);
        }
        this.append(entry[0], entry[1]);
      }
    } else {
      for (const key of Reflect.ownKeys(init)) {
        const desc = Reflect.getOwnPropertyDescriptor(init, key);
        if (desc === undefined || !desc.enumerable) continue;
        if (typeof key === 'symbol') throw new TypeError('Headers constructor: key must be a string');
        this.append(key, init[key]);
      }
    }
  }

  append(name, value) {
    name = `${name}`;
    value = normalizeValue(value);
    checkName(name, 'append');
    if (!validValue(value)) {
      throw new TypeError(`Headers.append: "${value}" is an invalid header value.`);
    }
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].push([name.toLowerCase(), value, name]);
  }

  delete(name) {
    name = `${name}`;
    checkName(name, 'delete');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const lower = name.toLowerCase();
    this[kList] = this[kList].filter((e) => e[0] !== lower);
  }

  get(name) {
    name = `${name}`;
    checkName(name, 'get');
    const lower = name.toLowerCase();
    const values = this[kList].filter((e) => e[0] === lower).map((e) => e[1]);
    return values.length ? values.join(', ') : null;
  }

  getSetCookie() {
    return this[kList].filter((e) => e[0] === 'set-cookie').map((e) => e[1]);
  }

  has(name) {
    name = `${name}`;
    checkName(name, 'has');
    const lower = name.toLowerCase();
    return this[kList].some((e) => e[0] === lower);
  }

  set(name, value) {
    name = `${name}`;
    value = normalizeValue(value);
    checkName(name, 'set');
    if (!validValue(value)) {
      throw new TypeError(`Headers.set: "${value}" is an invalid header value.`);
    }
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const lower = name.toLowerCase();
    const i = this[kList].findIndex((e) => e[0] === lower);
    if (i === -1) {
      this[kList].push([lower, value, name]);
      return;
    }
    this[kList][i] = [lower, value, name];
    this[kList] = this[kList].filter((e, j) => j <= i || e[0] !== lower);
  }

  // Sorted pairs; set-cookie values stay separate, others are joined.
  #sorted() {
    const names = [...new Set(this[kList].map((e) => e[0]))].sort();
    const out = [];
    for (const n of names) {
      if (n === 'set-cookie') {
        for (const v of this.getSetCookie()) out.push([n, v]);
      } else {
        out.push([n, this[kList].filter((e) => e[0] === n).map((e) => e[1]).join(', ')]);
      }
    }
    return out;
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') {
      throw new TypeError("Headers.forEach: Argument 1 could not be converted to: Function.");
    }
    for (const [n, v] of this.#sorted()) callback.call(thisArg, v, n, this);
  }

  * entries() { yield* this.#sorted(); }
  * keys() { for (const [n] of this.#sorted()) yield n; }
  * values() { for (const [, v] of this.#sorted()) yield v; }
  [Symbol.iterator]() { return this.entries(); }

  get [Symbol.toStringTag]() { return 'Headers'; }

  // Insertion order, repeated names joined (as Node prints them).
  [kInspect](depth, options) {
    const obj = {};
    const names = new Map();  // lower-case name -> the name as first given
    for (const [n, v, original] of this[kList]) {
      if (names.has(n)) {
        obj[names.get(n)] += `, ${v}`;
      } else {
        names.set(n, original);
        obj[original] = v;
      }
    }
    return `Headers ${inspect(obj, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

// Internal helpers for Request/Response/fetch.
function setGuard(headers, guard) { headers[kGuard] = guard; }
function headerList(headers) { return headers[kList]; }
function appendRaw(headers, name, value) {
  headers[kList].push([name.toLowerCase(), value, name]);
}

module.exports = { Headers, appendRaw, headerList, setGuard };
