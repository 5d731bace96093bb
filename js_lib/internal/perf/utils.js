'use strict';

// Performance timeline clock: ms since this run's time origin (the
// Environment's creation, the same origin as process.uptime()). Both values
// are read at first use at run time, never inside the snapshot builder.

const pm = binding('process_methods');

// ms since the time origin, sub-millisecond.
function now() {
  return pm.uptime() * 1000;
}

let timeOrigin;
// The time origin as a Unix time in ms (performance.timeOrigin).
function getTimeOriginTimestamp() {
  if (timeOrigin === undefined) timeOrigin = Date.now() - now();
  return timeOrigin;
}

// The perf error codes, registered here until internal/errors has them.
// TODO(lead): move these two E() lines into js_lib/internal/errors.js.
const { E, codes } = require('internal/errors');
if (codes.ERR_PERFORMANCE_INVALID_TIMESTAMP === undefined) {
  E('ERR_PERFORMANCE_INVALID_TIMESTAMP', '%d is not a valid timestamp', TypeError);
}
if (codes.ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS === undefined) {
  E('ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', '%s', TypeError);
}

module.exports = { getTimeOriginTimestamp, now };
