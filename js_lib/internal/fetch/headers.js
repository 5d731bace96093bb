'use strict';

// WHATWG Headers: a list of (name, value) pairs, names compared without
// case, values trimmed of HTTP whitespace; reads join repeated names with
// ', ' (Set-Cookie excepted: getSetCookie()); iteration is sorted by name
// and live. A guard makes a response's or request's headers immutable.
// Names keep the case they were given (util.inspect shows it, as Node's
// does); headers from the network are stored lower-cased.

const { checkIsHttpToken } = require('internal/http/common');
const { inspect } = require('internal/util/inspect');
const {
  argumentLengthCheck, brandCheck, definePairIterable, finishInterface, toByteString,
} = require('internal/fetch/webidl');

const kList = Symbol('headers list');
const kSorted = Symbol('sorted');
const kGuard = Symbol('guard');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function normalizeValue(value) {
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
    if (c === 0 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

function checkName(name, method) {
  if (!checkIsHttpToken(name)) {
    throw new TypeError(`Headers.${method}: "${name}" is an invalid header name.`);
  }
}

function checkMutable(headers) {
  if (headers[kGuard] === 'immutable') throw new TypeError('immutable');
}

function changed(headers) {
  headers[kSorted] = null;
}

// Name/value pairs sorted by name; set-cookie values stay separate, other
// repeated names are joined. Cached until the next change.
function sortedPairs(headers) {
  if (headers[kSorted]) return headers[kSorted];
  const list = headers[kList];
  const names = [...new Set(list.map((e) => e[0]))].sort();
  const out = [];
  for (const n of names) {
    const values = list.filter((e) => e[0] === n).map((e) => e[1]);
    if (n === 'set-cookie') {
      for (const v of values) out.push([n, v]);
    } else {
      out.push([n, values.join(', ')]);
    }
  }
  headers[kSorted] = out;
  return out;
}

function appendPair(headers, name, value, method) {
  value = normalizeValue(value);
  checkName(name, method);
  if (!validValue(value)) throw new TypeError(`Headers.${method}: "${value}" is an invalid header value.`);
  checkMutable(headers);
  headers[kList].push([name.toLowerCase(), value, name]);
  changed(headers);
}

// How undici shows an element of a sequence that is not itself iterable.
function describe(value) {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) return '';
  return ` (${typeof value === 'string' ? JSON.stringify(value) : String(value)})`;
}

function fill(headers, init) {
  const context = 'Headers contructor';  // sic: Node's message
  if (typeof init[Symbol.iterator] === 'function') {
    const pairs = [];
    let i = 0;
    for (const pair of init) {
      if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
          typeof pair[Symbol.iterator] !== 'function') {
        throw new TypeError(`${context}: init[${i}]${describe(pair)} is not iterable.`);
      }
      const entry = [];
      for (const item of pair) entry.push(toByteString(item, context, `init[${i}][${entry.length}]`));
      pairs.push(entry);
      i++;
    }
    for (const entry of pairs) {
      if (entry.length !== 2) {
        throw new TypeError('Headers constructor: expected name/value pair to be length 2, ' +
                            `found ${entry.length}.`);
      }
      appendPair(headers, entry[0], entry[1], 'append');
    }
    return;
  }
  const record = [];
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    record.push([toByteString(key, context, 'init'), toByteString(init[key], context, 'init')]);
  }
  for (const [name, value] of record) appendPair(headers, name, value, 'append');
}

class _Headers {
  constructor(init = undefined) {
    this[kList] = [];  // [lower-case name, value, name as given]
    this[kSorted] = null;
    this[kGuard] = 'none';
    if (init === undefined) return;
    if (init instanceof _Headers) {
      for (const [n, v, o] of init[kList]) this[kList].push([n, v, o]);
      return;
    }
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError('Headers constructor: Argument 1 could not be converted to one of: ' +
                          'sequence<sequence<ByteString>>, record<ByteString, ByteString>.');
    }
    fill(this, init);
  }

  append(name, value) {
    brandCheck(this, _Headers, kList);
    argumentLengthCheck(arguments.length, 2, 'Headers.append');
    name = toByteString(name, 'Headers.append', 'name');
    value = toByteString(value, 'Headers.append', 'value');
    appendPair(this, name, value, 'append');
  }

  delete(name) {
    brandCheck(this, _Headers, kList);
    argumentLengthCheck(arguments.length, 1, 'Headers.delete');
    name = toByteString(name, 'Headers.delete', 'name');
    checkName(name, 'delete');
    checkMutable(this);
    const lower = name.toLowerCase();
    this[kList] = this[kList].filter((e) => e[0] !== lower);
    changed(this);
  }

  get(name) {
    brandCheck(this, _Headers, kList);
    argumentLengthCheck(arguments.length, 1, 'Headers.get');
    name = toByteString(name, 'Headers.get', 'name');
    checkName(name, 'get');
    const lower = name.toLowerCase();
    let out = null;
    for (const e of this[kList]) {
      if (e[0] === lower) out = out === null ? e[1] : `${out}, ${e[1]}`;
    }
    return out;
  }

  has(name) {
    brandCheck(this, _Headers, kList);
    argumentLengthCheck(arguments.length, 1, 'Headers.has');
    name = toByteString(name, 'Headers.has', 'name');
    checkName(name, 'has');
    const lower = name.toLowerCase();
    return this[kList].some((e) => e[0] === lower);
  }

  set(name, value) {
    brandCheck(this, _Headers, kList);
    argumentLengthCheck(arguments.length, 2, 'Headers.set');
    name = toByteString(name, 'Headers.set', 'name');
    value = normalizeValue(toByteString(value, 'Headers.set', 'value'));
    checkName(name, 'set');
    if (!validValue(value)) throw new TypeError(`Headers.set: "${value}" is an invalid header value.`);
    checkMutable(this);
    const lower = name.toLowerCase();
    const i = this[kList].findIndex((e) => e[0] === lower);
    if (i === -1) {
      this[kList].push([lower, value, name]);
    } else {
      this[kList][i] = [lower, value, name];
      this[kList] = this[kList].filter((e, j) => j <= i || e[0] !== lower);
    }
    changed(this);
  }

  getSetCookie() {
    brandCheck(this, _Headers, kList);
    return this[kList].filter((e) => e[0] === 'set-cookie').map((e) => e[1]);
  }

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
definePairIterable(_Headers, kList, 'Headers', sortedPairs);
finishInterface(_Headers, 'Headers');

// Internal helpers for Request/Response/fetch.
function setGuard(headers, guard) { headers[kGuard] = guard; }
function headerList(headers) { return headers[kList]; }
// A header from the network: the name lower-cased, the value as it came.
function appendRaw(headers, name, value) {
  const lower = name.toLowerCase();
  headers[kList].push([lower, value, lower]);
  changed(headers);
}
function deleteRaw(headers, lower) {
  headers[kList] = headers[kList].filter((e) => e[0] !== lower);
  changed(headers);
}

module.exports = { Headers: _Headers, appendRaw, deleteRaw, headerList, setGuard };
