'use strict';

// 'dns' performance entries (perf_hooks), as Node makes them: a request
// started while someone observes 'dns' is timed, and its entry (name
// 'lookup', 'lookupService' or the query's binding name) is handed to the
// observers when it succeeds, its detail joined with the result's.

const timed = require('internal/perf/timed_entry');

const kContext = Symbol('kPerfHooksDnsContext');

// Notes when `req` (named `name`) started, with `detail`, if anyone
// observes; false if no one does.
function startPerf(req, name, detail) {
  return timed.startPerf(req, kContext, 'dns', name, detail);
}

// Queues the entry of `req`, finished with `detail` added.
function stopPerf(req, detail) {
  timed.stopPerf(req, kContext, detail);
}

module.exports = { startPerf, stopPerf };
