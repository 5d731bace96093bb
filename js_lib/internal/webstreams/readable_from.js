'use strict';
// ReadableStream.from(iterable): a stream pulling from an async iterator (or
// a sync one, whose values may be promises), cancelled through its return().

const { codes: { ERR_ARG_NOT_ITERABLE, ERR_INVALID_STATE } } = require('internal/errors');
const { kState, nonOpStart } = require('internal/webstreams/util');
const {
  readableStreamDefaultControllerClose, readableStreamDefaultControllerEnqueue,
} = require('internal/webstreams/readable_ops');

// GetIterator(obj, async): a sync iterator is wrapped to return promises.
function getAsyncIterator(obj) {
  let method = obj?.[Symbol.asyncIterator];
  let sync = false;
  if (method == null) {
    method = obj?.[Symbol.iterator];
    sync = true;
  }
  if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE(obj);
  const iterator = method.call(obj);
  if (typeof iterator !== 'object' || iterator === null) {
    throw new ERR_INVALID_STATE.TypeError('The iterator method must return an object');
  }
  const next = iterator.next;
  if (!sync) return { iterator, next };
  const asyncIterator = {
    next(value) {
      const result = next.call(iterator, value);
      if (typeof result !== 'object' || result === null) {
        throw new ERR_INVALID_STATE.TypeError('The iterator.next() method must return an object');
      }
      const { done } = result;
      return Promise.resolve(result.value).then((v) => ({ value: v, done }));
    },
    return(value) {
      const ret = iterator.return;
      if (ret === undefined) return Promise.resolve({ value, done: true });
      const result = ret.call(iterator, value);
      return Promise.resolve(result).then((r) => r);
    },
  };
  return { iterator: asyncIterator, next: asyncIterator.next };
}

function readableStreamFromIterable(iterable) {
  const record = getAsyncIterator(iterable);
  let stream;
  async function pullAlgorithm() {
    const nextResult = record.next.call(record.iterator);
    if (typeof nextResult !== 'object' || nextResult === null) {
      throw new ERR_INVALID_STATE.TypeError('The iterator.next() method must return an object');
    }
    return Promise.resolve(nextResult).then((result) => {
      if (typeof result !== 'object' || result === null) {
        throw new ERR_INVALID_STATE.TypeError(
          'The promise returned by the iterator.next() method must fulfill with an object');
      }
      const { controller } = stream[kState];
      if (result.done) readableStreamDefaultControllerClose(controller);
      else readableStreamDefaultControllerEnqueue(controller, result.value);
    });
  }
  async function cancelAlgorithm(reason) {
    const { iterator } = record;
    const returnMethod = iterator.return;
    if (returnMethod === undefined) return;
    const result = await returnMethod.call(iterator, reason);
    if (typeof result !== 'object' || result === null) {
      throw new ERR_INVALID_STATE.TypeError(
        'The promise returned by the iterator.return() method must fulfill with an object');
    }
  }
  const { createReadableStream } = require('internal/webstreams/readablestream');
  stream = createReadableStream(nonOpStart, pullAlgorithm, cancelAlgorithm, 0);
  return stream;
}

module.exports = { readableStreamFromIterable };
