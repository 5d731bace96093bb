'use strict';

// timers/promises: promise forms of setTimeout and setImmediate, setInterval
// as an async iterator, and the scheduler (wait/yield). Each takes
// { signal, ref }: an aborted signal rejects with an AbortError, ref: false
// lets the process exit while waiting.

const { Immediate, Timeout, insert } = require('internal/timers');
const { clearImmediate, clearInterval, clearTimeout } = require('timers');
const {
  AbortError,
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_THIS },
} = require('internal/errors');
const {
  validateAbortSignal, validateBoolean, validateObject,
} = require('internal/validators');
const { kResistStopPropagation } = require('internal/events/symbols');

const kScheduler = Symbol('kScheduler');
const kEmptyObject = Object.freeze({ __proto__: null });

// Aborts a pending timer: `this` is the Timeout or Immediate.
function cancelListenerHandler(clear, reject, signal) {
  if (!this._destroyed) {
    clear(this);
    reject(new AbortError(undefined, { cause: signal?.reason }));
  }
}

// Validates options; returns { signal, ref } or throws.
function readOptions(options) {
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  validateAbortSignal(signal, 'options.signal');
  validateBoolean(ref, 'options.ref');
  return { signal, ref };
}

// Starts a timer via `start(resolve, reject)`, which returns the handle;
// wires up the signal.
function startCancelable(options, clear, start) {
  let signal;
  try {
    ({ signal } = readOptions(options));
  } catch (err) {
    return Promise.reject(err);
  }
  if (signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  let oncancel;
  const ret = new Promise((resolve, reject) => {
    const handle = start(resolve);
    if (signal) {
      oncancel = cancelListenerHandler.bind(handle, clear, reject, signal);
      signal.addEventListener('abort', oncancel, {
        __proto__: null, [kResistStopPropagation]: true,
      });
    }
  });
  if (oncancel === undefined) return ret;
  return ret.finally(() => signal.removeEventListener('abort', oncancel));
}

function setTimeout(after, value, options = kEmptyObject) {
  const args = value !== undefined ? [value] : value;
  return startCancelable(options, clearTimeout, (resolve) => {
    const timeout = new Timeout(resolve, after, args, false, options.ref ?? true);
    insert(timeout, timeout._idleTimeout);
    return timeout;
  });
}

function setImmediate(value, options = kEmptyObject) {
  return startCancelable(options, clearImmediate, (resolve) => {
    const immediate = new Immediate(resolve, [value]);
    if (!(options.ref ?? true)) immediate.unref();
    return immediate;
  });
}

async function* setInterval(after, value, options = kEmptyObject) {
  const { signal, ref } = readOptions(options);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  let onCancel;
  let interval;
  try {
    let notYielded = 0;  // ticks not yet consumed by the iterator
    let callback;
    interval = new Timeout(() => {
      notYielded++;
      if (callback) {
        callback();
        callback = undefined;
      }
    }, after, undefined, true, ref);
    insert(interval, interval._idleTimeout);
    if (signal) {
      onCancel = () => {
        clearInterval(interval);
        if (callback) {
          callback(Promise.reject(new AbortError(undefined, { cause: signal.reason })));
          callback = undefined;
        }
      };
      signal.addEventListener('abort', onCancel, {
        __proto__: null, once: true, [kResistStopPropagation]: true,
      });
    }
    while (!signal?.aborted) {
      if (notYielded === 0) {
        await new Promise((resolve) => callback = resolve);
      }
      for (; notYielded > 0; notYielded--) {
        yield value;
      }
    }
    throw new AbortError(undefined, { cause: signal?.reason });
  } finally {
    clearInterval(interval);
    signal?.removeEventListener('abort', onCancel);
  }
}

class Scheduler {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  // Resolves on the next turn of the loop (an immediate).
  yield() {
    if (!this[kScheduler]) throw new ERR_INVALID_THIS('Scheduler');
    return setImmediate();
  }

  wait(delay, options) {
    if (!this[kScheduler]) throw new ERR_INVALID_THIS('Scheduler');
    return setTimeout(delay, undefined, { signal: options?.signal });
  }
}

module.exports = {
  setTimeout,
  setImmediate,
  setInterval,
  scheduler: Reflect.construct(function() {
    this[kScheduler] = true;
  }, [], Scheduler),
};
