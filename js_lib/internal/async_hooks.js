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

// The enabled hooks live in internal/async_hook_registry, loaded by the
// first enable(): until then no field is set and nothing calls it.
let registry = null;
function callHooks(slot, a, b, c, d) {
  if (registry === null) registry = require('internal/async_hook_registry');
  registry.callHooks(slot, a, b, c, d);
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
    require('internal/async_hook_registry').fatalError(new Error('async hook stack has become corrupted (actual: ' +
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

function enableHook(hook) {
  if (registry === null) registry = require('internal/async_hook_registry');
  registry.enableHook(hook);
}

function disableHook(hook) {
  if (registry === null) registry = require('internal/async_hook_registry');
  registry.disableHook(hook);
}

module.exports = {
  afterUncaughtException,
  asyncIdSymbol,
  disableHook,
  emitAfter,
  emitBefore,
  emitDestroy,
  emitInit,
  enableHook,
  emitPromiseResolve,
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
  fields,
  hookSlots,
  kPromiseResolve,
  kTotals,
  state,
  symbols: {
    afterSymbol, beforeSymbol, destroySymbol, initSymbol, promiseResolveSymbol,
  },
  triggerAsyncId,
  triggerAsyncIdSymbol,
};
