'use strict';
// performance.eventLoopUtilization and nodeTiming.loopStart/idleTime: zero
// before the loop runs; time blocked in the poll counts as idle, a busy
// stretch of JS as active (wall-clock time, not a speed).
const { performance } = require('perf_hooks');
console.log(performance.eventLoopUtilization(), performance.nodeTiming.loopStart);
setTimeout(() => {
  const e1 = performance.eventLoopUtilization();
  const t = Date.now();
  while (Date.now() - t < 50);
  setTimeout(() => {
    const e2 = performance.eventLoopUtilization(e1);
    console.log(e1.idle > 0, e2.active >= 49, e2.utilization > 0 && e2.utilization <= 1);
    const e3 = performance.eventLoopUtilization(e2, e1);
    console.log(Object.keys(e3), performance.nodeTiming.loopStart > 0,
                performance.nodeTiming.idleTime >= e1.idle);
  }, 20);
}, 20);
