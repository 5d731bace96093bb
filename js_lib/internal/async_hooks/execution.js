'use strict';

// Execution contexts of async resources, loaded once async hooks track
// (internal/async_hooks): the stack behind executionAsyncId(),
// triggerAsyncId() and executionAsyncResource(), the emit functions that
// run the enabled hooks (internal/async_hooks/registry), and the resources
// Kiln makes itself: loop requests and handles, ticks, microtasks, timers.

const {
  asyncIdSymbol, fields, kAfter, kBefore, kDestroy, kInit, kPromiseResolve, kTracking,
  newAsyncId, state, triggerAsyncIdSymbol,
} = require('internal/async_hooks');
const {
  afterSymbol, beforeSymbol, destroySymbol, initSymbol, promiseResolveSymbol,
} = require('internal/async_hooks').symbols;

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
  if (registry === null) registry = require('internal/async_hooks/registry');
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
    require('internal/async_hooks/registry').fatalError(new Error(
      `async hook stack has become corrupted (actual: ${executionAsyncId()}, expected: ${asyncId})`));
  }
}

// After hooks for a callback that began before tracking did (a hook enabled
// inside it): no context was pushed for it.
function emitLateAfter(asyncId) {
  if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
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
// becomes an async resource of `type` (internal/async_context).
function initLoopResource(resource, type) {
  const asyncId = newAsyncId();
  const trigger = getDefaultTriggerAsyncId();
  resource[asyncIdSymbol] = asyncId;
  resource[triggerAsyncIdSymbol] = trigger;
  resource[kResourceType] = type;
  if (fields[kInit] > 0) callHooks(initSymbol, asyncId, type, trigger, resource);
}

// A Timeout or Immediate (internal/timers) made while tracking; its id is
// already set.
function initTimerResource(resource, type) {
  const trigger = getDefaultTriggerAsyncId();
  resource[triggerAsyncIdSymbol] = trigger;
  if (fields[kInit] > 0) callHooks(initSymbol, resource[asyncIdSymbol], type, trigger, resource);
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

// A loop callback on `recv` begins: its context is entered.
function enterAsyncCallback(recv) {
  const asyncId = recv[asyncIdSymbol];
  if (asyncId !== undefined) emitBefore(asyncId, recv[triggerAsyncIdSymbol], recv);
}

// It ended: the context is left (unless an uncaught exception already
// emptied the stack), and a request is done.
function exitAsyncCallback(recv) {
  const asyncId = recv[asyncIdSymbol];
  if (asyncId === undefined || executionAsyncId() !== asyncId) return;
  if (requestTypes[recv[kResourceType]] === true) emitDestroy(asyncId);
  if (fields[kAfter] > 0) callHooks(afterSymbol, asyncId);
  popAsyncContext(asyncId);
}

// A handle closed.
function destroyAsyncResource(resource) {
  const asyncId = resource[asyncIdSymbol];
  if (asyncId !== undefined && resource[kResourceType] !== undefined) {
    resource[kResourceType] = undefined;
    emitDestroy(asyncId);
  }
}

// hooks.asyncResourceEvent (internal/async_hooks).
const resourceEvents = [enterAsyncCallback, exitAsyncCallback, destroyAsyncResource];
function onResourceEvent(event, resource) {
  resourceEvents[event](resource);
}

// ---- ticks and microtasks (internal/process/task_queues) ----------------------

// A tick queued while tracking: a TickObject resource of its own, whose
// callback runs in its scope (so the tick queue itself pays nothing).
function newTickObject(callback, args, frame) {
  const asyncId = newAsyncId();
  const trigger = getDefaultTriggerAsyncId();
  const tickObject = {
    [asyncIdSymbol]: asyncId, [triggerAsyncIdSymbol]: trigger, callback: null, args, frame,
  };
  tickObject.callback = function runTickInScope(...callArgs) {
    emitBefore(asyncId, trigger, tickObject);
    emitDestroy(asyncId);
    Reflect.apply(callback, undefined, callArgs);
    emitAfter(asyncId);
  };
  emitInit(asyncId, 'TickObject', trigger, tickObject);
  return tickObject;
}

// queueMicrotask while tracking: a 'Microtask' resource, as in Node.
function queueMicrotaskResource(callback, frame) {
  const asyncId = newAsyncId();
  const trigger = getDefaultTriggerAsyncId();
  const resource = { [asyncIdSymbol]: asyncId, [triggerAsyncIdSymbol]: trigger, callback, frame };
  emitInit(asyncId, 'Microtask', trigger, resource);
  binding('task_queue').enqueueMicrotask(runMicrotaskResource.bind(resource));
}

function runMicrotaskResource() {
  const asyncId = this[asyncIdSymbol];
  const frames = require('internal/async_context');
  const prior = frames.getFrame();
  if (frames.state.used) frames.setFrame(this.frame);
  emitBefore(asyncId, this[triggerAsyncIdSymbol], this);
  try {
    this.callback();
  } catch (error) {
    binding('errors').triggerUncaughtException(error, false);
  } finally {
    emitDestroy(asyncId);
    if (executionAsyncId() === asyncId) emitAfter(asyncId);
    if (frames.state.used) frames.setFrame(prior);
  }
}

function enableHook(hook) {
  if (registry === null) registry = require('internal/async_hooks/registry');
  registry.enableHook(hook);
}

function disableHook(hook) {
  if (registry === null) registry = require('internal/async_hooks/registry');
  registry.disableHook(hook);
}

module.exports = {
  afterUncaughtException,
  disableHook,
  emitAfter,
  emitBefore,
  emitDestroy,
  emitInit,
  emitLateAfter,
  emitPromiseResolve,
  enableHook,
  executionAsyncId,
  executionAsyncResource,
  getDefaultTriggerAsyncId,
  hasHooks,
  initLoopResource,
  initTimerResource,
  newTickObject,
  onResourceEvent,
  popAsyncContext,
  queueMicrotaskResource,
  startTracking,
  triggerAsyncId,
};
