'use strict';

// The Web IDL pieces fetch's classes share, with the messages Node's fetch
// (undici) gives: argument counts, `this` checks, ByteString and USVString
// conversions, init dictionaries, pair iterators ("Headers Iterator") and
// the shape of an interface's prototype (enumerable members, a string
// Symbol.toStringTag).

const { toUSVString } = require('internal/url/usv');

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

function illegalInvocation() {
  const err = new TypeError('Illegal invocation');
  err.code = 'ERR_INVALID_THIS';
  return err;
}

// Throws unless `self` is an instance of `Class` (made by its constructor).
function brandCheck(self, Class, slot) {
  if (self === null || typeof self !== 'object' || !(self instanceof Class) || self[slot] === undefined) {
    throw illegalInvocation();
  }
}

function argumentLengthCheck(length, min, context) {
  if (length < min) {
    throw new TypeError(`${context}: ${min} argument${min !== 1 ? 's' : ''} required, ` +
                        `but${length ? ' only' : ''} ${length} found.`);
  }
}

function toDOMString(value, context, argument) {
  if (typeof value === 'symbol') {
    throw new TypeError(`${context}: ${argument} is a symbol, which cannot be converted to a DOMString.`);
  }
  return `${value}`;
}

function toByteString(value, context, argument) {
  const str = toDOMString(value, context, argument);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c > 255) {
      throw new TypeError('Cannot convert argument to a ByteString because the character at ' +
                          `index ${i} has a value of ${c} which is greater than 255.`);
    }
  }
  return str;
}

// An init dictionary: undefined and null are {}, other non-objects throw.
function toDictionary(value, context) {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' && typeof value !== 'function') {
    throw new TypeError(`${context}: Expected ${String(value)} to be one of: Null, Undefined, Object.`);
  }
  return value;
}

// [EnforceRange]-less `unsigned short`, as undici converts statuses.
function toUnsignedShort(value) {
  const x = Number(value);
  if (Number.isNaN(x) || x === 0 || !Number.isFinite(x)) return 0;
  return Math.trunc(x) % 65536;
}

function checkEnum(value, allowed, context) {
  const str = `${value}`;
  if (!allowed.includes(str)) {
    throw new TypeError(`${context}: ${str} is not an accepted type. Expected one of ${allowed.join(', ')}.`);
  }
  return str;
}

// Iterators over a live list of pairs: `pairs(target)` is read again at
// every step, so changes made while iterating are seen.
function makePairIterator(name, pairs) {
  const states = new WeakMap();  // iterator -> { target, kind, index }
  const prototype = Object.create(IteratorPrototype);
  const tag = `${name} Iterator`;
  Object.defineProperty(prototype, 'next', {
    __proto__: null, writable: true, enumerable: true, configurable: true,
    value: function next() {
      const state = states.get(this);
      if (state === undefined) {
        throw new TypeError(`'next' called on an object that does not implement interface ${tag}.`);
      }
      const list = pairs(state.target);
      if (state.index >= list.length) return { value: undefined, done: true };
      const [key, value] = list[state.index++];
      const result = state.kind === 'key' ? key : state.kind === 'value' ? value : [key, value];
      return { value: result, done: false };
    },
  });
  Object.defineProperty(prototype, Symbol.toStringTag, {
    __proto__: null, value: tag, writable: false, enumerable: false, configurable: true,
  });
  return (target, kind) => {
    const it = Object.create(prototype);
    states.set(it, { target, kind, index: 0 });
    return it;
  };
}

// Adds keys(), values(), entries(), forEach() and @@iterator over
// `pairs(instance)` to `Class` (instances carry `slot`), iterating live.
function definePairIterable(Class, slot, name, pairs) {
  const create = makePairIterator(name, pairs);
  const methods = {
    keys() {
      brandCheck(this, Class, slot);
      return create(this, 'key');
    },
    values() {
      brandCheck(this, Class, slot);
      return create(this, 'value');
    },
    entries() {
      brandCheck(this, Class, slot);
      return create(this, 'key+value');
    },
    forEach(callback, thisArg = undefined) {
      brandCheck(this, Class, slot);
      argumentLengthCheck(arguments.length, 1, `${name}.forEach`);
      if (typeof callback !== 'function') {
        throw new TypeError(`Failed to execute 'forEach' on '${name}': parameter 1 is not of type 'Function'.`);
      }
      for (const [key, value] of create(this, 'key+value')) callback.call(thisArg, value, key, this);
    },
  };
  for (const key of Object.keys(methods)) {
    Object.defineProperty(Class.prototype, key, {
      __proto__: null, value: methods[key], writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(Class.prototype, Symbol.iterator, {
    __proto__: null, value: methods.entries, writable: true, enumerable: false, configurable: true,
  });
}

// Gives a class the property shape of a Web IDL interface: members
// enumerable, Symbol.toStringTag a plain string; `name` stays the one given
// (the class itself is named as Node's bundle names it, for messages such
// as "Class constructor _Headers cannot be invoked without 'new'").
function finishInterface(Class, name) {
  const proto = Class.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    Object.defineProperty(proto, key, { __proto__: null, enumerable: true });
  }
  for (const key of Object.getOwnPropertyNames(Class)) {
    if (typeof Class[key] === 'function' && key !== 'prototype') {
      Object.defineProperty(Class, key, { __proto__: null, enumerable: true });
    }
  }
  Object.defineProperty(proto, Symbol.toStringTag, {
    __proto__: null, value: name, writable: false, enumerable: false, configurable: true,
  });
  Object.defineProperty(Class, 'name', { __proto__: null, value: name });
}

module.exports = {
  argumentLengthCheck,
  brandCheck,
  checkEnum,
  definePairIterable,
  finishInterface,
  illegalInvocation,
  toByteString,
  toDOMString,
  toDictionary,
  toUSVString,
  toUnsignedShort,
};
