'use strict';

// The URLSearchParams iterator (Web IDL default iterator object): entries(),
// keys(), values() and [Symbol.iterator](). It reads the live list, so
// changes made while iterating are seen, as the standard says.

const { inspect } = require('internal/util/inspect');
const { codes: { ERR_INVALID_THIS } } = require('internal/errors');

const iteratorState = new WeakMap(); // iterator -> { target, kind, index, getList }
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const URLSearchParamsIteratorPrototype = Object.create(IteratorPrototype);

// getList(params) -> the params' live flat list (search_params.js).
function createIterator(target, kind, getList) {
  const it = Object.create(URLSearchParamsIteratorPrototype);
  iteratorState.set(it, { target, kind, index: 0, getList });
  return it;
}

function pick(kind, name, value) {
  if (kind === 'key') return name;
  if (kind === 'value') return value;
  return [name, value];
}

const iteratorMethods = {
  next() {
    const state = iteratorState.get(this);
    if (state === undefined) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    const list = state.getList(state.target);
    if (state.index >= list.length) return { value: undefined, done: true };
    const i = state.index;
    state.index += 2;
    return { value: pick(state.kind, list[i], list[i + 1]), done: false };
  },
  [inspect.custom](recurseTimes, ctx) {
    const state = this == null ? undefined : iteratorState.get(this);
    if (state === undefined) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    if (typeof recurseTimes === 'number' && recurseTimes < 0) {
      return ctx.stylize('[Object]', 'special');
    }
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = state.getList(state.target);
    const output = [];
    for (let i = state.index; i < list.length; i += 2) {
      output.push(pick(state.kind, list[i], list[i + 1]));
    }
    const multiline = inspect(output, innerOpts).includes('\n');
    const items = output.map((p) => inspect(p, innerOpts));
    const body = multiline ? `\n  ${items.join(',\n  ')}` : ` ${items.join(', ')}`;
    return `${this[Symbol.toStringTag]} {${body} }`;
  },
};
Object.defineProperty(URLSearchParamsIteratorPrototype, Symbol.toStringTag, {
  __proto__: null, value: 'URLSearchParams Iterator',
  writable: false, enumerable: false, configurable: true,
});
Object.defineProperty(URLSearchParamsIteratorPrototype, 'next', {
  __proto__: null, value: iteratorMethods.next, writable: true, enumerable: true, configurable: true,
});
Object.defineProperty(URLSearchParamsIteratorPrototype, inspect.custom, {
  __proto__: null, value: iteratorMethods[inspect.custom],
  writable: true, enumerable: false, configurable: true,
});

module.exports = { createIterator };
