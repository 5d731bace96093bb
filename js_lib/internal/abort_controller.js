'use strict';

// AbortController and AbortSignal (WHATWG DOM), as Node 20 has them,
// including AbortSignal.abort(), .timeout(ms) (its timer is unref'd, so it
// never keeps the process alive) and .any(signals).

const {
  EventTarget, Event, defineEventHandler, kTrustEvent,
} = require('internal/event_target');
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS },
} = require('internal/errors');
const { kResistStopPropagation, kWeakHandler } = require('internal/events/symbols');
const {
  validateAbortSignal, validateAbortSignalArray, validateObject, validateUint32,
} = require('internal/validators');
const { DOMException } = require('internal/domexception');

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kDontThrow = Symbol('kDontThrow');
// Signals made by AbortSignal.any() that follow this one.
const kDependants = Symbol('kDependants');
// On a signal made by AbortSignal.any(): the signals it follows, never
// themselves made by any() (the DOM spec's "source signals").
const kSources = Symbol('kSources');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

let inspectFn = null;
function inspectAs(self, obj, depth, options) {
  if (depth < 0) return self;
  if (inspectFn === null) inspectFn = require('internal/util/inspect').inspect;
  const opts = Object.assign({}, options, {
    depth: options.depth === null ? null : options.depth - 1,
  });
  return `${self.constructor.name} ${inspectFn(obj, opts)}`;
}

function validateThisAbortSignal(obj) {
  if (obj?.[kAborted] === undefined) throw new ERR_INVALID_THIS('AbortSignal');
}

class AbortSignal extends EventTarget {
  constructor(dontThrow = undefined, { aborted = false, reason = undefined } = {}) {
    if (dontThrow !== kDontThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
    this[kAborted] = aborted;
    this[kReason] = reason;
  }

  get aborted() {
    validateThisAbortSignal(this);
    return !!this[kAborted];
  }

  get reason() {
    validateThisAbortSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    validateThisAbortSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspect](depth, options) {
    return inspectAs(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    return new AbortSignal(kDontThrow, { aborted: true, reason });
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = new AbortSignal(kDontThrow);
    const { setTimeout } = require('timers');
    const timer = setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout',
                                           'TimeoutError'));
    }, delay);
    timer.unref();
    return signal;
  }

  static any(signals) {
    validateAbortSignalArray(signals, 'signals');
    const result = new AbortSignal(kDontThrow);
    for (const signal of signals) {
      if (signal.aborted) {
        abortSignal(result, signal.reason);
        return result;
      }
    }
    // A dependent input stands for its sources, so an abort reaches every
    // dependent signal directly, in the order they were made.
    result[kSources] = new Set();
    for (const signal of signals) {
      const sources = signal[kSources] === undefined ? [signal] : signal[kSources];
      for (const source of sources) {
        if (source[kAborted]) continue;
        result[kSources].add(source);
        source[kDependants] ??= new Set();
        source[kDependants].add(result);
      }
    }
    return result;
  }
}

Object.defineProperties(AbortSignal.prototype, {
  aborted: { __proto__: null, enumerable: true },
});
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, {
  __proto__: null, writable: false, enumerable: false, configurable: true, value: 'AbortSignal',
});
defineEventHandler(AbortSignal.prototype, 'abort');

// Aborts `signal` once, as the DOM spec's "signal abort": marks it and the
// signals of AbortSignal.any() that depend on it aborted with `reason`, then
// fires a trusted 'abort' event on it, then on each of those.
function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const dependants = [];
  if (signal[kDependants] !== undefined) {
    for (const dependant of signal[kDependants]) {
      if (dependant[kAborted]) continue;
      dependant[kAborted] = true;
      dependant[kReason] = reason;
      dependants.push(dependant);
    }
    signal[kDependants] = undefined;
  }
  signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
  for (const dependant of dependants) {
    dependant.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
  }
}

class AbortController {
  #signal;

  constructor() {
    this.#signal = new AbortSignal(kDontThrow);
  }

  get signal() {
    if (!(#signal in this)) throw new ERR_INVALID_THIS('AbortController');
    return this.#signal;
  }

  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    if (!(#signal in this)) throw new ERR_INVALID_THIS('AbortController');
    abortSignal(this.#signal, reason);
  }

  [customInspect](depth, options) {
    return inspectAs(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: { __proto__: null, enumerable: true },
  abort: { __proto__: null, enumerable: true },
});
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, {
  __proto__: null, writable: false, enumerable: false, configurable: true,
  value: 'AbortController',
});

// For internal users that need a signal without a controller.
function newAbortSignal(options) {
  return new AbortSignal(kDontThrow, options);
}

// util.aborted(signal, resource): settles when `signal` aborts; the listener
// lives only as long as `resource`, so a dropped resource leaves nothing
// behind on a long-lived signal.
async function aborted(signal, resource) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', { allowArray: true, allowFunction: true });
  if (signal.aborted) return;
  return new Promise((resolve) => {
    signal.addEventListener('abort', resolve, {
      __proto__: null, once: true, [kWeakHandler]: resource, [kResistStopPropagation]: true,
    });
  });
}

module.exports = {
  AbortController,
  aborted,
  AbortSignal,
  abortSignal,
  newAbortSignal,
  kAborted,
};
