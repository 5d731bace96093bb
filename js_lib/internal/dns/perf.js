'use strict';

// 'dns' performance entries (perf_hooks), as Node makes them: a request
// started while someone observes 'dns' is timed, and its entry (name
// 'lookup', 'lookupService' or the query's binding name) is handed to the
// observers when it succeeds, its detail joined with the result's.

const kContext = Symbol('kPerfHooksDnsContext');

let observe;
function perf() {
  if (observe === undefined) observe = require('internal/perf/observe');
  return observe;
}

// Notes when `req` (named `name`) started, with `detail`, if anyone
// observes; false if no one does.
function startPerf(req, name, detail) {
  if (!perf().hasObserver('dns')) return false;
  req[kContext] = { name, detail, start: require('internal/perf/utils').now() };
  return true;
}

// Queues the entry of `req`, finished with `detail` added.
function stopPerf(req, detail) {
  const ctx = req[kContext];
  if (ctx === undefined || !perf().hasObserver('dns')) return;
  const { createPerformanceEntry } = require('internal/perf/performance_entry');
  const end = require('internal/perf/utils').now();
  perf().enqueue(createPerformanceEntry(ctx.name, 'dns', ctx.start, end - ctx.start,
                                        { ...ctx.detail, ...detail }));
}

module.exports = { startPerf, stopPerf };
