'use strict';

// process.nextTick, queueMicrotask, and the tick callback C++ runs after
// every callback into JS (hooks.tickCallback), in Node's order: the whole
// nextTick queue, then V8's microtasks, again until both are empty; then
// promise rejections are processed, which may queue more of both.
//
// hooks.tickInfo (Int32Array, read by C++ to skip the call when idle):
//   [kHasTickScheduled]   1 while the nextTick queue is not empty
//   [kHasRejectionToWarn] 1 while a rejection awaits processing

const FixedQueue = require('internal/fixed_queue');
const { validateFunction } = require('internal/validators');
const frames = require('internal/async_context');
const asyncContext = frames.state;
const { state: asyncHooksState, tracker } = require('internal/async_hooks');

const kHasTickScheduled = 0;
const kHasRejectionToWarn = 1;
const tickInfo = new Int32Array(2);
hooks.tickInfo = tickInfo;

// Needs hooks.tickInfo, set above.
const { processPromiseRejections } = require('internal/process/promises');

const { runMicrotasks, enqueueMicrotask } = binding('task_queue');

const queue = new FixedQueue();

function hasTickScheduled() {
  return tickInfo[kHasTickScheduled] === 1;
}

function setHasTickScheduled(value) {
  tickInfo[kHasTickScheduled] = value ? 1 : 0;
}

function hasRejectionToWarn() {
  return tickInfo[kHasRejectionToWarn] === 1;
}

// `first` (called on `recv` with a-f): Environment::CallThenTick's call,
// made here so that it and the drain cost one call from C++.
function processTicksAndRejections(first, recv, a, b, c, d, e, f, g, h, i) {
  if (first !== undefined) first.call(recv, a, b, c, d, e, f, g, h, i);
  let tock;
  do {
    while ((tock = queue.shift()) !== null) {
      // An exception leaves the rest queued (and kHasTickScheduled set): C++
      // reports it and calls us again.
      const { callback, args } = tock;
      // The frame the tick was queued in (AsyncLocalStorage).
      if (asyncContext.used) frames.setFrame(tock.frame);
      if (args === undefined) {
        callback();
      } else {
        switch (args.length) {
          case 1: callback(args[0]); break;
          case 2: callback(args[0], args[1]); break;
          case 3: callback(args[0], args[1], args[2]); break;
          case 4: callback(args[0], args[1], args[2], args[3]); break;
          default: callback(...args);
        }
      }
    }
    runMicrotasks();
  } while (!queue.isEmpty() || processPromiseRejections());
  setHasTickScheduled(false);
  tickInfo[kHasRejectionToWarn] = 0;
}

// Between two timers or immediates: the same drain, skipped when idle.
function runNextTicks() {
  if (!hasTickScheduled() && !hasRejectionToWarn()) runMicrotasks();
  if (!hasTickScheduled() && !hasRejectionToWarn()) return;
  processTicksAndRejections();
}

function nextTick(callback) {
  validateFunction(callback, 'callback');
  // After 'exit' was emitted nothing would run them.
  if (process._exiting) return;
  let args;
  switch (arguments.length) {
    case 1: break;
    case 2: args = [arguments[1]]; break;
    case 3: args = [arguments[1], arguments[2]]; break;
    case 4: args = [arguments[1], arguments[2], arguments[3]]; break;
    default:
      args = new Array(arguments.length - 1);
      for (let i = 1; i < arguments.length; i++) args[i - 1] = arguments[i];
  }
  if (queue.isEmpty()) setHasTickScheduled(true);
  // While async hooks track, a TickObject whose callback enters its scope.
  if (asyncHooksState.tracking) {
    queue.push(tracker().newTickObject(callback, args, frames.captureFrame()));
    return;
  }
  // The AsyncLocalStorage frame, once one is used (a second shape only then).
  queue.push(asyncContext.used ? { callback, args, frame: frames.getFrame() } : { callback, args });
}

// A microtask's exception is reported like any uncaught one (the microtask
// queue itself cannot carry it), and the other microtasks still run.
function queueMicrotask(callback) {
  validateFunction(callback, 'callback');
  if (asyncHooksState.tracking) {
    tracker().queueMicrotaskResource(callback, frames.captureFrame());
    return;
  }
  const frame = frames.captureFrame();
  enqueueMicrotask(() => {
    try {
      if (!asyncContext.used) callback();
      else frames.applyInFrame(frame, callback, undefined, []);
    } catch (error) {
      binding('errors').triggerUncaughtException(error, false);
    }
  });
}

hooks.tickCallback = processTicksAndRejections;

module.exports = {
  hasTickScheduled,
  nextTick,
  processTicksAndRejections,
  queueMicrotask,
  runNextTicks,
};
