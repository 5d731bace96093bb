'use strict';

// The lifecycle of async resources behind async_hooks.createHook, Node's
// model (lib/internal/async_hooks.js): every resource has an async id and the
// id of what triggered it; emitInit/emitBefore/emitAfter/emitDestroy call the
// enabled hooks; a stack of execution contexts tells executionAsyncId(),
// triggerAsyncId() and executionAsyncResource() where we are.
//
// Tracking is off until an AsyncHook is enabled or the execution id is first
// asked for (startTracking): until then a scheduling point pays one flag test
// and no callback pushes a context. hooks.asyncHookFields (Uint32Array) is
// the same state for C++:
//   [kInit..kPromiseResolve]  enabled hooks with that callback
//   [kTotals]                 enabled hooks
//   [kTracking]               1 once tracking is on: Environment::MakeCallback
//                             then calls hooks.enterAsyncCallback/exitAsyncCallback

const kInit = 0;
const kBefore = 1;
const kAfter = 2;
const kDestroy = 3;
const kPromiseResolve = 4;
const kTotals = 5;
const kTracking = 6;
const fields = new Uint32Array(7);
hooks.asyncHookFields = fields;

// Node's names: tools and tests look them up on timers and ticks.
const asyncIdSymbol = Symbol('asyncId');
const triggerAsyncIdSymbol = Symbol('triggerId');
const initSymbol = Symbol('init');
const beforeSymbol = Symbol('before');
const afterSymbol = Symbol('after');
const destroySymbol = Symbol('destroy');
const promiseResolveSymbol = Symbol('promiseResolve');
const hookSlots = [initSymbol, beforeSymbol, afterSymbol, destroySymbol, promiseResolveSymbol];

const state = { tracking: false };

let lastAsyncId = 1;
function newAsyncId() {
  return ++lastAsyncId;
}

// ---- execution contexts ----------------------------------------------------

// What executionAsyncResource() is outside any callback.
const topLevelResource = {};
// The contexts entered and not yet left, innermost last.
const idStack = [];
const triggerIdStack = [];
const resourceStack = [];
// Set by defaultTriggerAsyncIdScope (-1: none, use the execution id).
let defaultTriggerId = -1;

function executionAsyncId() {
  const n = idStack.length;
  return n === 0 ? 1 : idStack[n - 1];
}

function triggerAsyncId() {
  const n = triggerIdStack.length;
  return n === 0 ? 0 : triggerIdStack[n - 1];
}

function executionAsyncResource() {
  const n = resourceStack.length;
  return n === 0 ? topLevelResource : resourceStack[n - 1];
}

function getDefaultTriggerAsyncId() {
  return defaultTriggerId < 0 ? executionAsyncId() : defaultTriggerId;
}

// Resources made while `fn` runs are triggered by `id`.
function defaultTriggerAsyncIdScope(id, fn, ...args) {
  if (id === undefined) return Reflect.apply(fn, null, args);
  const prior = defaultTriggerId;
  defaultTriggerId = id;
  try {
    return Reflect.apply(fn, null, args);
  } finally {
    defaultTriggerId = prior;
  }
}

function pushAsyncContext(asyncId, trigger, resource) {
  idStack.push(asyncId);
  triggerIdStack.push(trigger);
  resourceStack.push(resource);
}

// Pops `asyncId`'s context; false if it is not the innermost one.
function popAsyncContext(asyncId) {
  const n = idStack.length;
  if (n === 0 || idStack[n - 1] !== asyncId) return false;
  idStack.pop();
  triggerIdStack.pop();
  resourceStack.pop();
  return true;
}

function startTracking() {
  if (state.tracking) return;
  state.tracking = true;
  fields[kTracking] = 1;
}

// ---- hooks -----------------------------------------------------------------

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

function emitInit(asyncId, type, trigger, resource) {
  if (fields[kInit] > 0) callHooks(initSymbol, asyncId, type, trigger, resource);
}

function emitBefore(asyncId, trigger, resource) {
  pushAsyncContext(asyncId, trigger, resource);
  if (fields[kBefore] > 0) callHooks(beforeSymbol, asyncId);
}

function emitAfter(asyncId) {
  if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
  if (!popAsyncContext(asyncId)) {
    fatalError(new Error('async hook stack has become corrupted (actual: ' +
                         `${executionAsyncId()}, expected: ${asyncId})`));
  }
}

function emitPromiseResolve(asyncId) {
  if (fields[kPromiseResolve] > 0) callHooks(promiseResolveSymbol, asyncId);
}

// Destroys are reported in a batch once the current callback's microtasks
// ran (Node: from a native immediate), never from inside the resource's own
// callback.
let destroyQueue = [];
function emitDestroy(asyncId) {
  if (fields[kDestroy] === 0 || asyncId === undefined) return;
  if (destroyQueue.length === 0) binding('task_queue').enqueueMicrotask(flushDestroys);
  destroyQueue.push(asyncId);
}

function flushDestroys() {
  const ids = destroyQueue;
  destroyQueue = [];
  for (let i = 0; i < ids.length; i++) {
    if (fields[kDestroy] > 0) callHooks(destroySymbol, ids[i]);
  }
}

function hasHooks(kind) {
  return fields[kind] > 0;
}

// After an uncaught exception a listener handled: the contexts the throw
// skipped get their after hooks, innermost first, as in Node.
function afterUncaughtException() {
  while (idStack.length > 0) {
    const asyncId = idStack[idStack.length - 1];
    if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
    popAsyncContext(asyncId);
  }
}

// ---- resources made by Kiln itself ---------------------------------------------

const kResourceType = Symbol('kResourceType');

// `resource` (a request or handle whose callbacks come from the loop)
// becomes an async resource of `type`: one flag test while not tracking.
function initAsyncResource(resource, type, trigger = getDefaultTriggerAsyncId()) {
  const asyncId = newAsyncId();
  resource[asyncIdSymbol] = asyncId;
  resource[triggerAsyncIdSymbol] = trigger;
  resource[kResourceType] = type;
  if (fields[kInit] > 0) callHooks(initSymbol, asyncId, type, trigger, resource);
}

// Requests are done once their callback ran; handles live until closed.
const requestTypes = {
  __proto__: null,
  FSREQCALLBACK: true,
  GETADDRINFOREQWRAP: true,
  GETNAMEINFOREQWRAP: true,
  QUERYWRAP: true,
  TCPCONNECTWRAP: true,
  PIPECONNECTWRAP: true,
  WRITEWRAP: true,
  SHUTDOWNWRAP: true,
};

// Environment::MakeCallback, while tracking, around a callback on `recv`.
function enterAsyncCallback(recv) {
  const asyncId = recv[asyncIdSymbol];
  if (asyncId !== undefined) emitBefore(asyncId, recv[triggerAsyncIdSymbol], recv);
}

function exitAsyncCallback(recv) {
  const asyncId = recv[asyncIdSymbol];
  if (asyncId === undefined || executionAsyncId() !== asyncId) return;
  if (requestTypes[recv[kResourceType]] === true) emitDestroy(asyncId);
  if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
  popAsyncContext(asyncId);
}
hooks.enterAsyncCallback = enterAsyncCallback;
hooks.exitAsyncCallback = exitAsyncCallback;

// A handle closed: its destroy hooks run.
function destroyAsyncResource(resource) {
  const asyncId = resource[asyncIdSymbol];
  if (asyncId !== undefined && resource[kResourceType] !== undefined) {
    resource[kResourceType] = undefined;
    emitDestroy(asyncId);
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

module.exports = {
  afterUncaughtException,
  asyncIdSymbol,
  defaultTriggerAsyncIdScope,
  destroyAsyncResource,
  disableHook,
  emitAfter,
  emitBefore,
  emitDestroy,
  emitInit,
  enableHook,
  executionAsyncId,
  executionAsyncResource,
  getDefaultTriggerAsyncId,
  hasHooks,
  initAsyncResource,
  kAfter,
  kBefore,
  kDestroy,
  kInit,
  newAsyncId,
  popAsyncContext,
  pushAsyncContext,
  startTracking,
  state,
  symbols: {
    afterSymbol, beforeSymbol, destroySymbol, initSymbol, promiseResolveSymbol,
  },
  triggerAsyncId,
  triggerAsyncIdSymbol,
};
