'use strict';

// Entries Kiln times for its own operations (perf_hooks 'dns', 'net',
// 'http'), as Node's startPerf/stopPerf: an operation begun while someone
// observes its type notes its start on the object carrying it (under `key`);
// when it ends, its entry goes to the observers, its detail joined with the
// end's. Loaded lazily: perf_hooks stays out of the hot paths until used.

let observe;

// internal/perf/observe announces itself when it loads: before that there
// can be no observers, and isObserved need not load it to say so.
function observeLoaded(mod) {
  observe = mod;
}

// Whether anyone observes entries of `type`: callers whose detail costs
// something to build (an HTTP request's headers) ask first. Observers come
// only from internal/perf/observe: until it is loaded there are none.
function isObserved(type) {
  return observe !== undefined && observe.hasObserver(type);
}

// Notes on target[key] that operation `name` of `type` starts now, with
// `detail`, if anyone observes `type`; false if no one does.
function startPerf(target, key, type, name, detail) {
  if (!isObserved(type)) return false;
  target[key] = { type, name, detail, start: require('internal/perf/utils').now() };
  return true;
}

// Queues the entry of the operation noted on target[key], its detail joined
// with `detail`; nothing if none was noted or no one observes any more.
function stopPerf(target, key, detail) {
  const ctx = target[key];
  if (ctx === undefined || !isObserved(ctx.type)) return;
  target[key] = undefined;
  const { createPerformanceEntry } = require('internal/perf/performance_entry');
  const end = require('internal/perf/utils').now();
  observe.enqueue(createPerformanceEntry(ctx.name, ctx.type, ctx.start, end - ctx.start,
                                        { ...ctx.detail, ...detail }));
}

module.exports = { isObserved, observeLoaded, startPerf, stopPerf };
