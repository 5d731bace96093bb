'use strict';
// perf_hooks.createHistogram / monitorEventLoopDelay: HDR bucketing, min/max/mean/
// stddev/percentiles as Node's for the same records, validation, enable/disable.
const { createHistogram, monitorEventLoopDelay } = require('perf_hooks');
const { inspect } = require('util');
const h = createHistogram();
console.log(h.min, h.minBigInt, h.max, h.exceeds, h.mean, h.stddev, h.count, h.percentiles, h.percentile(50));
for (const v of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946, 1e6, 123456789]) h.record(v);
h.record(7n);
console.log(h.min, h.max, h.count, h.mean, h.stddev, h.exceeds);
console.log([1, 10, 25, 50, 75, 90, 99, 99.9, 100].map((p) => h.percentile(p)));
console.log(h.percentiles);
console.log(h.percentileBigInt(50), h.maxBigInt, h.countBigInt);
console.log(JSON.stringify(h));
console.log(inspect(h, { depth: -1 }), inspect(h).startsWith('Histogram'));
const h2 = createHistogram({ lowest: 1, highest: 11, figures: 1 }); h2.record(5); h2.record(100); console.log(h2.count, h2.exceeds, h2.max);
const h3 = createHistogram(); h3.record(1000); h3.add(h); console.log(h3.count, h3.min, h3.max);
h.reset(); console.log(h.count, h.min, h.max);
for (const bad of ['x', 0, -1, 1.5]) try { h.record(bad); } catch (e) { console.log(e.code); }
for (const bad of [0, 101, 'x']) try { h.percentile(bad); } catch (e) { console.log(e.code); }
for (const o of ['x', { lowest: 0 }, { figures: 6 }, { highest: 1 }]) try { createHistogram(o); } catch (e) { console.log(e.code); }
try { new h.constructor(); } catch (e) { console.log(e.code); }
const e = monitorEventLoopDelay({ resolution: 5 });
console.log(e.count, e.enable(), e.enable());
setTimeout(() => { console.log(e.disable(), e.disable(), e.count > 0, e.min > 1e6, e.max >= e.min, inspect(e, { depth: -1 })); }, 60);
try { monitorEventLoopDelay({ resolution: 0 }); } catch (err) { console.log(err.code); }
