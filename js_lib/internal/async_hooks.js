'use strict';

// The lifecycle of async resources behind async_hooks.createHook, Node's
// model (lib/internal/async_hooks.js): every resource has an async id and the
// id of what triggered it; hooks run at its init, before and after each of
// its callbacks, and at its destroy.
//
// This part is in the startup snapshot: the state scheduling points test.
// Tracking is off until an AsyncHook is enabled or the execution id is first
// asked for: until then a scheduling point pays one flag test
// (state.tracking) and no callback enters a context. Once it is on, they call
// the execution contexts of internal/async_hooks/execution (tracker()),
// loaded then. hooks.asyncHookFields (Uint32Array) is the state for C++:
//   [kInit..kPromiseResolve]  enabled hooks with that callback
//   [kTotals]                 enabled hooks
//   [kTracking]               1 once tracking is on: loop callbacks then
//                             report to hooks.asyncResourceEvent

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

let executionModule = null;
// The execution contexts (internal/async_hooks/execution), once tracking.
function tracker() {
  if (executionModule === null) executionModule = require('internal/async_hooks/execution');
  return executionModule;
}

// C++, while tracking: a loop callback on `resource` begins (0) or ends
// (1), or the handle `resource` closed (2).
hooks.asyncResourceEvent = (event, resource) => tracker().onResourceEvent(event, resource);

module.exports = {
  asyncIdSymbol,
  fields,
  hookSlots,
  kAfter,
  kBefore,
  kDestroy,
  kInit,
  kPromiseResolve,
  kTotals,
  kTracking,
  newAsyncId,
  state,
  symbols: {
    afterSymbol, beforeSymbol, destroySymbol, initSymbol, promiseResolveSymbol,
  },
  tracker,
  triggerAsyncIdSymbol,
};
