'use strict';

// The experimental iterator helpers on Readable.prototype: map, filter,
// flatMap, drop, take, asIndexedPairs and compose return streams; forEach,
// toArray, some, every, find and reduce return promises.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateAbortSignal, validateInteger, validateObject } = require('internal/validators');
const { addAbortSignalNoValidate } = require('internal/streams/add-abort-signal');
const { isNodeStream, isWritable } = require('internal/streams/utils');

const kEmpty = Symbol('kEmpty');  // a mapped value to skip (filter, forEach)
const kEof = Symbol('kEof');

function checkOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options && options.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function checkFn(fn, name = 'fn') {
  if (typeof fn !== 'function')
    throw new ERR_INVALID_ARG_TYPE(name, ['Function', 'AsyncFunction'], fn);
}

function aborted(options) {
  return !!(options && options.signal && options.signal.aborted);
}

function compose(stream, options) {
  checkOptions(options);
  if (isNodeStream(stream) && !isWritable(stream))
    throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be writable');
  const composed = require('internal/streams/compose')(this, stream);
  if (options && options.signal) addAbortSignalNoValidate(options.signal, composed);
  return composed;
}

// Runs fn over the stream with up to `concurrency` calls in flight, keeping
// results in order and at most highWaterMark of them buffered.
function map(fn, options) {
  checkFn(fn);
  checkOptions(options);
  let concurrency = 1;
  if (options && options.concurrency != null) concurrency = Math.floor(options.concurrency);
  let highWaterMark = concurrency - 1;
  if (options && options.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  highWaterMark += concurrency;
  const signal = options && options.signal;

  return async function* map() {
    const stream = this;
    const queue = [];
    const signalOpt = { signal };
    let next;
    let resume;
    let done = false;
    let inFlight = 0;

    function maybeResume() {
      if (resume && !done && inFlight < concurrency && queue.length < highWaterMark) {
        resume();
        resume = null;
      }
    }
    function afterItem() {
      inFlight -= 1;
      maybeResume();
    }
    function onCatch() {
      done = true;
      afterItem();
    }
    function wakeConsumer() {
      if (next) {
        next();
        next = null;
      }
    }

    async function pump() {
      try {
        for await (let val of stream) {
          if (done) return;
          if (signal && signal.aborted) throw new AbortError();
          try {
            val = fn(val, signalOpt);
            if (val === kEmpty) continue;
            val = Promise.resolve(val);
          } catch (err) {
            val = Promise.reject(err);
          }
          inFlight += 1;
          val.then(afterItem, onCatch);
          queue.push(val);
          wakeConsumer();
          if (!done && (queue.length >= highWaterMark || inFlight >= concurrency))
            await new Promise((resolve) => { resume = resolve; });
        }
        queue.push(kEof);
      } catch (err) {
        const val = Promise.reject(err);
        val.then(afterItem, onCatch);
        queue.push(val);
      } finally {
        done = true;
        wakeConsumer();
      }
    }
    pump();

    try {
      while (true) {
        while (queue.length > 0) {
          const val = await queue[0];
          if (val === kEof) return;
          if (signal && signal.aborted) throw new AbortError();
          if (val !== kEmpty) yield val;
          queue.shift();
          maybeResume();
        }
        await new Promise((resolve) => { next = resolve; });
      }
    } finally {
      done = true;
      if (resume) {
        resume();
        resume = null;
      }
    }
  }.call(this);
}

function asIndexedPairs(options = undefined) {
  checkOptions(options);
  return async function* asIndexedPairs() {
    let index = 0;
    for await (const val of this) {
      if (aborted(options)) throw new AbortError({ cause: options.signal.reason });
      yield [index++, val];
    }
  }.call(this);
}

function filter(fn, options) {
  checkFn(fn);
  async function filterFn(value, opts) {
    return (await fn(value, opts)) ? value : kEmpty;
  }
  return map.call(this, filterFn, options);
}

async function some(fn, options = undefined) {
  // eslint-disable-next-line no-unused-vars
  for await (const unused of filter.call(this, fn, options)) return true;
  return false;
}

async function every(fn, options = undefined) {
  checkFn(fn);
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const result of filter.call(this, fn, options)) return result;
  return undefined;
}

async function forEach(fn, options) {
  checkFn(fn);
  async function forEachFn(value, opts) {
    await fn(value, opts);
    return kEmpty;
  }
  // eslint-disable-next-line no-unused-vars
  for await (const unused of map.call(this, forEachFn, options));
}

async function reduce(reducer, initialValue, options) {
  checkFn(reducer, 'reducer');
  checkOptions(options);
  let hasInitialValue = arguments.length > 1;
  if (aborted(options)) {
    const err = new AbortError(undefined, { cause: options.signal.reason });
    this.once('error', () => {});  // already reported through the promise
    await require('internal/streams/end-of-stream').finished(this.destroy(err));
    throw err;
  }
  let gotAny = false;
  for await (const value of this) {
    gotAny = true;
    if (aborted(options)) throw new AbortError();
    if (!hasInitialValue) {
      initialValue = value;
      hasInitialValue = true;
    } else {
      initialValue = await reducer(initialValue, value, { signal: options && options.signal });
    }
  }
  if (!gotAny && !hasInitialValue) {
    const err = new ERR_MISSING_ARGS('reduce');
    err.message = 'Reduce of an empty stream requires an initial value';
    throw err;
  }
  return initialValue;
}

async function toArray(options) {
  checkOptions(options);
  const result = [];
  for await (const val of this) {
    if (aborted(options)) throw new AbortError(undefined, { cause: options.signal.reason });
    result.push(val);
  }
  return result;
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return async function* flatMap() {
    for await (const val of values) yield* val;
  }.call(this);
}

function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

function drop(number, options = undefined) {
  checkOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* drop() {
    if (aborted(options)) throw new AbortError();
    for await (const val of this) {
      if (aborted(options)) throw new AbortError();
      if (number-- <= 0) yield val;
    }
  }.call(this);
}

function take(number, options = undefined) {
  checkOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* take() {
    if (aborted(options)) throw new AbortError();
    for await (const val of this) {
      if (aborted(options)) throw new AbortError();
      if (number-- > 0) yield val;
      if (number <= 0) return;
    }
  }.call(this);
}

const streamReturning = { asIndexedPairs, drop, filter, flatMap, map, take, compose };
const promiseReturning = { every, forEach, reduce, toArray, some, find };

// Adds the operators to Readable.prototype as non-enumerable methods.
function install(Readable) {
  const { ERR_ILLEGAL_CONSTRUCTOR } = require('internal/errors').codes;
  for (const [key, op] of Object.entries(streamReturning)) {
    const fn = function(...args) {
      if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
      return Readable.from(Reflect.apply(op, this, args));
    };
    Object.defineProperty(fn, 'name', { value: op.name });
    Object.defineProperty(fn, 'length', { value: op.length });
    Object.defineProperty(Readable.prototype, key, {
      value: fn, enumerable: false, configurable: true, writable: true,
    });
  }
  for (const [key, op] of Object.entries(promiseReturning)) {
    const fn = function(...args) {
      if (new.target) throw new ERR_ILLEGAL_CONSTRUCTOR();
      return Reflect.apply(op, this, args);
    };
    Object.defineProperty(fn, 'name', { value: op.name });
    Object.defineProperty(fn, 'length', { value: op.length });
    Object.defineProperty(Readable.prototype, key, {
      value: fn, enumerable: false, configurable: true, writable: true,
    });
  }
}

module.exports = { install, streamReturningOperators: streamReturning,
                   promiseReturningOperators: promiseReturning };
