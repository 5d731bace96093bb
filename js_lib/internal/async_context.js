'use strict';

// The async context frame behind AsyncLocalStorage: an immutable Map from
// AsyncLocalStorage instance to its store, held in V8's
// continuation-preserved embedder data (binding('async_context')). V8
// carries it across await and then; Kiln's own scheduling points carry it
// across theirs:
//   - process.nextTick, queueMicrotask, timers and immediates capture the
//     frame when scheduled (captureFrame) and make it current when they run;
//   - requests and handles whose callbacks come from the loop are stamped
//     (stampFrame); Environment::MakeCallback runs the callback in the
//     stamped frame, or the empty one.
// Until an AsyncLocalStorage first makes a frame current (state.used), none
// of that happens: the hot paths only test one flag.

const { getFrame, setFrame, stamp } = binding('async_context');

const state = { used: false };
const { state: asyncHooksState, tracker } = require('internal/async_hooks');

// The frame a callback scheduled now runs in (undefined: the empty frame,
// or AsyncLocalStorage never used).
function captureFrame() {
  return state.used ? getFrame() : undefined;
}

// Loop callbacks on `obj` (a request, a handle) run in the current frame.
function stampFrame(obj) {
  if (state.used) stamp(obj);
}

// `obj` (a request or handle) is an async resource of `type` made now: its
// loop callbacks run in the current frame and, while async hooks track
// (internal/async_hooks), in its execution context.
function initLoopResource(obj, type) {
  if (state.used) stamp(obj);
  if (asyncHooksState.tracking) tracker().initLoopResource(obj, type);
}

// Calls fn.apply(thisArg, args) with `frame` current, then restores.
function applyInFrame(frame, fn, thisArg, args) {
  const prior = getFrame();
  setFrame(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    setFrame(prior);
  }
}

module.exports = {
  applyInFrame,
  captureFrame,
  getFrame,
  initLoopResource,
  setFrame,
  stampFrame,
  state,
};
