'use strict';

// The enabled AsyncHooks, and V8's promise hooks while any is enabled.
// Loaded by the first enable().

const internal = require('internal/async_hooks');
const {
  asyncIdSymbol, triggerAsyncIdSymbol, fields, hookSlots, kAfter, kDestroy, kTotals, newAsyncId,
} = internal;
const { afterSymbol } = internal.symbols;
const {
  emitBefore, emitDestroy, emitInit, emitPromiseResolve, getDefaultTriggerAsyncId,
  popAsyncContext, startTracking,
} = require('internal/async_hooks/execution');

// The enabled AsyncHooks.
let enabledHooks = [];
// Hooks running now (nested when a hook makes a resource), and the enables
// and disables they asked for: as in Node, those take effect once the
// outermost hook returns, so a hook never sees events of its own making.
let callDepth = 0;
let deferred = [];

// Node prints what a hook threw and exits (test/async-hooks/test-callback-error.js: 1);
// a thrown non-error is printed as an Error of its inspection.
function fatalError(err) {
  let stack;
  if (err !== null && typeof err === 'object' && typeof err.stack === 'string') {
    stack = err.stack;
  } else {
    const holder = { message: require('internal/util/inspect').inspect(err) };
    Error.captureStackTrace(holder, fatalError);
    stack = holder.stack;
  }
  process._rawDebug(stack);
  if (process.execArgv.includes('--abort-on-uncaught-exception')) process.abort();
  process.exit(1);
}

function callHooks(slot, a, b, c, d) {
  const list = enabledHooks;
  callDepth++;
  try {
    for (let i = 0; i < list.length; i++) {
      const fn = list[i][slot];
      if (typeof fn === 'function') fn.call(list[i], a, b, c, d);
    }
  } catch (err) {
    fatalError(err);
  } finally {
    if (--callDepth === 0 && deferred.length > 0) applyDeferred();
  }
}

function applyDeferred() {
  const ops = deferred;
  deferred = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i].enable) enableHook(ops[i].hook);
    else disableHook(ops[i].hook);
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
  if (callDepth > 0) {
    deferred.push({ enable: true, hook });
    return;
  }
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
  if (callDepth > 0) {
    deferred.push({ enable: false, hook });
    return;
  }
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
