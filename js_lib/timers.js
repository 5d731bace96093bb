'use strict';

// The timers module: setTimeout/setInterval/setImmediate and their clear
// functions (also the globals). The machinery is in internal/timers.

const {
  Immediate, Timeout, active, asyncIdSymbol, immediateInfo, immediateQueue,
  insert, kCount, kHasPrimitive, kRefCount, kRefed, knownTimersById,
  getTimerDuration, toggleImmediateRef, unenroll, unrefActive,
} = require('internal/timers');
const { state: asyncHooksState, tracker } = require('internal/async_hooks');
const L = require('internal/linkedlist');
const { validateFunction } = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');

const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');
const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose');

let timersPromises;
function lazyPromises() {
  timersPromises ??= require('timers/promises');
  return timersPromises;
}

// Extra arguments after the first `skip` ones, or undefined if none.
function restArgs(args, skip) {
  if (args.length <= skip) return undefined;
  const rest = new Array(args.length - skip);
  for (let i = skip; i < args.length; i++) rest[i - skip] = args[i];
  return rest;
}

function setTimeout(callback, after, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  const timeout = new Timeout(callback, after, restArgs(arguments, 2), false, true);
  insert(timeout, timeout._idleTimeout);
  return timeout;
}
Object.defineProperty(setTimeout, kPromisifyCustom, {
  __proto__: null, enumerable: true, get() { return lazyPromises().setTimeout; },
});

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const timerInstance = knownTimersById[timer];
    if (timerInstance !== undefined) {
      timerInstance._onTimeout = null;
      unenroll(timerInstance);
    }
  }
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  const timeout = new Timeout(callback, repeat, restArgs(arguments, 2), true, true);
  insert(timeout, timeout._idleTimeout);
  return timeout;
}

// Either clear function clears either kind of timer (HTML spec).
function clearInterval(timer) {
  clearTimeout(timer);
}

Timeout.prototype.close = function() {
  clearTimeout(this);
  return this;
};

Timeout.prototype[SymbolDispose] = function() {
  clearTimeout(this);
};

// The id, usable with clearTimeout(); the timer is findable by it from now on.
Timeout.prototype[Symbol.toPrimitive] = function() {
  const id = this[asyncIdSymbol];
  if (!this[kHasPrimitive]) {
    this[kHasPrimitive] = true;
    knownTimersById[id] = this;
  }
  return id;
};

Immediate.prototype[SymbolDispose] = function() {
  clearImmediate(this);
};

function setImmediate(callback, arg1, arg2, arg3) {
  validateFunction(callback, 'callback');
  return new Immediate(callback, restArgs(arguments, 1));
}
Object.defineProperty(setImmediate, kPromisifyCustom, {
  __proto__: null, enumerable: true, get() { return lazyPromises().setImmediate; },
});

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediateInfo[kCount]--;
  immediate._destroyed = true;
  if (asyncHooksState.tracking) tracker().emitDestroy(immediate[asyncIdSymbol]);
  if (immediate[kRefed] && --immediateInfo[kRefCount] === 0) toggleImmediateRef(false);
  immediate[kRefed] = null;
  immediate._onImmediate = null;
  immediateQueue.remove(immediate);
}

// Legacy: makes `item` a timer object that active()/unrefActive() start.
function enroll(item, msecs) {
  msecs = getTimerDuration(msecs, 'msecs');
  if (item._idleNext) unenroll(item);  // taken out of its current list
  L.init(item);
  item._idleTimeout = msecs;
}

module.exports = {
  setTimeout,
  clearTimeout,
  setImmediate,
  clearImmediate,
  setInterval,
  clearInterval,
  _unrefActive: deprecate(unrefActive,
                          'timers._unrefActive() is deprecated.' +
                          ' Please use timeout.refresh() instead.', 'DEP0127'),
  active: deprecate(active,
                    'timers.active() is deprecated. Please use timeout.refresh() instead.',
                    'DEP0126'),
  unenroll: deprecate(unenroll,
                      'timers.unenroll() is deprecated. Please use clearTimeout instead.',
                      'DEP0096'),
  enroll: deprecate(enroll,
                    'timers.enroll() is deprecated. Please use setTimeout instead.', 'DEP0095'),
};
Object.defineProperty(module.exports, 'promises', {
  __proto__: null, enumerable: true, configurable: true, get: lazyPromises,
});
