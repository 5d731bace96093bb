'use strict';
// Differential test of `perf_hooks` and the performance globals, printing
// only what is stable across runs: marks and measures with explicit times,
// entry buffers, PerformanceObserver delivery, timerify, errors, shapes.
// Run under node and kiln: stdout must be identical.

const perfHooks = require('perf_hooks');
const { performance: perf, PerformanceObserver, PerformanceEntry, PerformanceMark } = perfHooks;

function show(fn) {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

console.log(perf === performance, typeof perf.now(), perf.now() >= 0, perf.now() < 10000);
console.log(typeof perf.timeOrigin, Math.abs(perf.timeOrigin + perf.now() - Date.now()) < 100);
{
  const a = perf.now();
  const b = perf.now();
  console.log(b >= a);
}

console.log(perf.mark('a', { startTime: 5, detail: { d: [1] } }));
console.log(perf.mark('b', { startTime: 15 }), perf.mark('c', { startTime: 1 }).toJSON());
console.log(perf.measure('a-b', 'a', 'b'), perf.measure('opts', { start: 'c', end: 'b' }));
console.log(perf.measure('dur', { start: 2, duration: 3 }), perf.measure('end', { end: 9, duration: 4 }));
console.log(perf.measure('det', { start: 1, end: 2, detail: 'x' }).detail);
console.log(perf.getEntries().map((e) => `${e.entryType}:${e.name}@${e.startTime}`).join(' '));
console.log(perf.getEntriesByType('mark').map((e) => e.name), perf.getEntriesByType('nope'),
            perf.getEntriesByName('a').map((e) => e.entryType),
            perf.getEntriesByName('a', 'mark').length);
perf.clearMarks('a');
console.log(perf.getEntriesByType('mark').map((e) => e.name));
perf.clearMeasures();
console.log(perf.getEntriesByType('measure'));
perf.clearMarks();
console.log(perf.getEntries());

const m = new PerformanceMark('direct', { startTime: 2 });
console.log(m, JSON.stringify(m), m instanceof PerformanceEntry, String(m), perf.getEntries().length);

console.log(show(() => perf.mark('x', { startTime: -1 })), show(() => perf.mark()),
            show(() => perf.mark('nodeStart')), show(() => perf.mark('x', 5)),
            show(() => perf.measure('x', 'missing')), show(() => perf.measure(1)),
            show(() => perf.measure('x', { start: 1 }, 'e')),
            show(() => perf.measure('x', { start: 1, end: 2, duration: 3 })),
            show(() => new PerformanceEntry()), show(() => perf.getEntriesByName()),
            show(() => perf.mark('x', { detail: Symbol('s') })),
            show(() => Object.getOwnPropertyDescriptor(PerformanceEntry.prototype, 'name').get.call({})),
            show(() => perf.now.call({})));

// Observers are called in a setImmediate after the entries are queued.
const obs = new PerformanceObserver((list, observer) => {
  console.log('observer', observer === obs,
              list.getEntries().map((e) => `${e.entryType}:${e.name}@${e.startTime}`),
              list.getEntriesByType('measure').length, list.getEntriesByName('m2').length,
              list.getEntriesByName('m2', 'measure').length);
  observer.disconnect();
  setImmediate(step2);
});
obs.observe({ entryTypes: ['mark', 'measure'] });
perf.mark('m1', { startTime: 10 });
perf.mark('m2', { startTime: 5 });
perf.measure('me', { start: 1, end: 2 });
console.log('sync done', obs.takeRecords().length);
perf.mark('m3', { startTime: 7 });

function step2() {
  const fnObs = new PerformanceObserver((list) => {
    const e = list.getEntries()[0];
    console.log('function entry', e.name, e.entryType, e.detail, e[0], e[1], typeof e.duration);
    fnObs.disconnect();
    step3();
  });
  fnObs.observe({ type: 'function' });
  const add = perf.timerify(function add(a, b) { return a + b; });
  console.log(add.name, add.length, add(2, 3), perf.timerify(add) === add);
}

function step3() {
  const buffered = new PerformanceObserver((list) => {
    console.log('buffered', list.getEntries().map((e) => e.name));
    buffered.disconnect();
  });
  buffered.observe({ type: 'mark', buffered: true });
  console.log(show(() => new PerformanceObserver(1)), show(() => buffered.observe({})),
              show(() => buffered.observe({ entryTypes: 'mark' })),
              show(() => buffered.observe({ entryTypes: ['mark'], type: 'mark' })),
              show(() => perf.timerify(1)));
  console.log(PerformanceObserver.supportedEntryTypes, Object.keys(perfHooks.constants).length);
}

console.log(Object.prototype.toString.call(perf), typeof Performance, typeof PerformanceMeasure,
            typeof PerformanceObserverEntryList);
const d = Object.getOwnPropertyDescriptor(globalThis, 'performance');
console.log(d.enumerable, d.configurable);
console.log(Object.keys(perf.toJSON()).slice(0, 2), perf.nodeTiming.name, perf.nodeTiming.entryType,
            perf.nodeTiming.startTime);
