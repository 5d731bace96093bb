'use strict';

// The enabled AsyncHooks of internal/async_hooks, and V8's promise hooks
// while any is enabled. Loaded by the first enable(), kept out of the
// startup snapshot.

const internal = require('internal/async_hooks');

const {
  asyncIdSymbol, triggerAsyncIdSymbol, fields, hookSlots, kAfter, kDestroy, kTotals,
  emitBefore, emitDestroy, emitInit, emitPromiseResolve, getDefaultTriggerAsyncId,
  newAsyncId, popAsyncContext, startTracking,
} = internal;
const { afterSymbol } = internal.symbols;

// The enabled AsyncHooks. Never changed in place: a hook enabled or disabled
// by a running hook takes effect at the next event, as in Node.
let enabledHooks = [];

// Node prints what a hook threw and exits (test/async-hooks/test-callback-error.js: 1).
function fatalError(err) {
  const stack = err !== null && typeof err === 'object' && typeof err.stack === 'string' ?
    err.stack : require('internal/util/inspect').inspect(err);
  process._rawDebug(stack);
  if (process.execArgv.includes('--abort-on-uncaught-exception')) process.abort();
  process.exit(1);
}

function callHooks(slot, a, b, c, d) {
  const list = enabledHooks;
  try {
    for (let i = 0; i < list.length; i++) {
      const fn = list[i][slot];
      if (typeof fn === 'function') fn.call(list[i], a, b, c, d);
    }
  } catch (err) {
    fatalError(err);
  }
}

// ---- promises (V8's promise hooks, while any AsyncHook is enabled) ----------

let stopPromiseHooks = null;

function trackPromise(promise, parent) {
  if (promise[asyncIdSymbol] !== undefined) return;
  promise[asyncIdSymbol] = newAsyncId();
  promise[triggerAsyncIdSymbol] = parent !== undefined && parent[asyncIdSymbol] !== undefined ?
    parent[asyncIdSymbol] : getDefaultTriggerAsyncId();
}

let promiseRegistry = null;
function promiseInitHook(promise, parent) {
  trackPromise(promise, parent);
  const asyncId = promise[asyncIdSymbol];
  emitInit(asyncId, 'PROMISE', promise[triggerAsyncIdSymbol], promise);
  if (fields[kDestroy] > 0) {
    if (promiseRegistry === null) promiseRegistry = new FinalizationRegistry(emitDestroy);
    promiseRegistry.register(promise, asyncId);
  }
}

function promiseBeforeHook(promise) {
  trackPromise(promise, undefined);
  emitBefore(promise[asyncIdSymbol], promise[triggerAsyncIdSymbol], promise);
}

function promiseAfterHook(promise) {
  trackPromise(promise, undefined);
  const asyncId = promise[asyncIdSymbol];
  if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
  popAsyncContext(asyncId);
}

function promiseResolveHook(promise) {
  trackPromise(promise, undefined);
  emitPromiseResolve(promise[asyncIdSymbol]);
}

function updatePromiseHooks() {
  if (fields[kTotals] > 0 && stopPromiseHooks === null) {
    stopPromiseHooks = require('internal/promise_hooks').hooks.createHook({
      init: promiseInitHook,
      before: promiseBeforeHook,
      after: promiseAfterHook,
      settled: promiseResolveHook,
    });
  } else if (fields[kTotals] === 0 && stopPromiseHooks !== null) {
    stopPromiseHooks();
    stopPromiseHooks = null;
  }
}

// ---- enabling ------------------------------------------------------------------

function enableHook(hook) {
  if (enabledHooks.includes(hook)) return;
  enabledHooks = [...enabledHooks, hook];
  for (let i = 0; i < hookSlots.length; i++) {
    if (typeof hook[hookSlots[i]] === 'function') fields[i]++;
  }
  fields[kTotals]++;
  startTracking();
  updatePromiseHooks();
}

function disableHook(hook) {
  const index = enabledHooks.indexOf(hook);
  if (index < 0) return;
  enabledHooks = enabledHooks.filter((h) => h !== hook);
  for (let i = 0; i < hookSlots.length; i++) {
    if (typeof hook[hookSlots[i]] === 'function') fields[i]--;
  }
  fields[kTotals]--;
  updatePromiseHooks();
}

module.exports = { callHooks, disableHook, enableHook, fatalError };
