'use strict';

// The Performance interface and its one instance, `performance` (also the
// global).

const { inspect } = require('internal/util/inspect');
const { EventTarget } = require('internal/event_target');
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');
const { checkField, createPerformanceEntry, enumerable, inspectEntry } =
  require('internal/perf/performance_entry');
const {
  clearEntriesFromBuffer, enqueue, filterBufferMapByNameAndType,
} = require('internal/perf/observe');
const { clearMarkTimings, mark, measure } = require('internal/perf/usertiming');
const { getTimeOriginTimestamp, now } = require('internal/perf/utils');
const resourceTiming = require('internal/perf/resource_timing');

const kEmptyObject = Object.freeze({ __proto__: null });
const kPerformanceBrand = Symbol('performance');

// ---- nodeTiming -----------------------------------------------------------------
// Milestones in ms from the time origin. Kiln's origin is the runtime's
// start, after V8 is up and with the bootstrap already in the snapshot, so
// nodeStart/v8Start/environment/bootstrapComplete are 0; loopStart is when
// the loop first ran (-1 before), idleTime the time it has spent waiting in
// its poll; loopExit is not recorded (-1).
class PerformanceNodeTiming {
  constructor() {
    const value = (v) => ({ __proto__: null, enumerable: true, configurable: true, value: v });
    Object.defineProperties(this, {
      name: value('node'),
      entryType: value('node'),
      startTime: value(0),
      duration: { __proto__: null, enumerable: true, configurable: true, get: now },
      nodeStart: value(0),
      v8Start: value(0),
      environment: value(0),
      loopStart: { __proto__: null, enumerable: true, configurable: true,
                   get() { return loopTiming()[0]; } },
      loopExit: value(-1),
      bootstrapComplete: value(0),
      idleTime: { __proto__: null, enumerable: true, configurable: true,
                  get() { return loopTiming()[1]; } },
    });
  }

  [inspect.custom](depth, options) {
    return inspectEntry(this, 'PerformanceNodeTiming', this.toJSON(), depth, options);
  }

  toJSON() {
    return {
      name: 'node',
      entryType: 'node',
      startTime: this.startTime,
      duration: this.duration,
      nodeStart: this.nodeStart,
      v8Start: this.v8Start,
      bootstrapComplete: this.bootstrapComplete,
      environment: this.environment,
      loopStart: this.loopStart,
      loopExit: this.loopExit,
      idleTime: this.idleTime,
    };
  }
}

function loopTiming() {
  return binding('process_methods').loopTiming();
}

// performance.eventLoopUtilization([util1[, util2]]): the loop's idle and
// active time (ms) since it started, or between two earlier readings, and
// the active share, as Node's.
function eventLoopUtilization(util1, util2) {
  const [loopStart, idleTime] = loopTiming();
  if (loopStart <= 0) return { idle: 0, active: 0, utilization: 0 };
  if (util2) {
    const idle = util1.idle - util2.idle;
    const active = util1.active - util2.active;
    return { idle, active, utilization: active / (idle + active) };
  }
  const idle = idleTime;
  const active = now() - loopStart - idle;
  if (!util1) return { idle, active, utilization: active / (idle + active) };
  const idleDelta = idle - util1.idle;
  const activeDelta = active - util1.active;
  return { idle: idleDelta, active: activeDelta, utilization: activeDelta / (idleDelta + activeDelta) };
}

// ---- timerify ---------------------------------------------------------------------
// A 'function' entry with the call's arguments as detail (and as indices).
function processComplete(name, start, args, histogram) {
  const duration = now() - start;
  // The histogram gets the duration in ns, as Node records it.
  if (histogram !== undefined) histogram.record(Math.max(Math.ceil(duration * 1e6), 1));
  const entry = createPerformanceEntry(name, 'function', start, duration, args);
  for (let n = 0; n < args.length; n++) entry[n] = args[n];
  enqueue(entry);
}

// Wraps fn so each call (or construction) is timed into a 'function' entry
// for PerformanceObservers; a returned thenable is timed until it settles.
function timerify(fn, options = kEmptyObject) {
  validateFunction(fn, 'fn');
  validateObject(options, 'options');
  const { histogram } = options;
  if (histogram !== undefined &&
      !(histogram instanceof require('internal/histogram').RecordableHistogram)) {
    throw new ERR_INVALID_ARG_TYPE('options.histogram', 'RecordableHistogram', histogram);
  }
  function timerified(...args) {
    const isConstructorCall = new.target !== undefined;
    const start = now();
    const result = isConstructorCall ?
      Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    if (!isConstructorCall && typeof result?.finally === 'function') {
      return result.finally(() => processComplete(fn.name, start, args, histogram));
    }
    processComplete(fn.name, start, args, histogram);
    return result;
  }
  Object.defineProperties(timerified, {
    length: { __proto__: null, configurable: false, enumerable: true, value: fn.length },
    name: { __proto__: null, configurable: false, enumerable: true, value: `timerified ${fn.name}` },
  });
  return timerified;
}

// ---- Performance ------------------------------------------------------------------
const nodeTiming = new PerformanceNodeTiming();

class Performance extends EventTarget {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  [inspect.custom](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Performance ${inspect({ nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin },
                                  opts)}`;
  }

  clearMarks(name = undefined) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (name !== undefined) name = `${name}`;
    clearMarkTimings(name);
    clearEntriesFromBuffer('mark', name);
  }

  // Node lets it be called unbound (const { clearResourceTimings } = performance).
  clearResourceTimings(name = undefined) {
    if (name !== undefined) name = `${name}`;
    clearEntriesFromBuffer('resource', name);
  }

  // maxSize as WebIDL's unsigned long.
  setResourceTimingBufferSize(maxSize) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('maxSize');
    const n = Math.trunc(Number(maxSize));
    resourceTiming.setResourceTimingBufferSize(Number.isFinite(n) ? ((n % 2 ** 32) + 2 ** 32) % 2 ** 32 : 0);
  }

  clearMeasures(name = undefined) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (name !== undefined) name = `${name}`;
    clearEntriesFromBuffer('measure', name);
  }

  getEntries() {
    checkField(this, kPerformanceBrand, 'Performance');
    return filterBufferMapByNameAndType();
  }

  getEntriesByName(name, type = undefined) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (type !== undefined) type = `${type}`;
    return filterBufferMapByNameAndType(name, type);
  }

  getEntriesByType(type) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    return filterBufferMapByNameAndType(undefined, `${type}`);
  }

  mark(name, options = kEmptyObject) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return mark(name, options);
  }

  measure(name, startOrMeasureOptions = kEmptyObject, endMark = undefined) {
    checkField(this, kPerformanceBrand, 'Performance');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return measure(name, startOrMeasureOptions, endMark);
  }

  now() {
    checkField(this, kPerformanceBrand, 'Performance');
    return now();
  }

  get timeOrigin() {
    checkField(this, kPerformanceBrand, 'Performance');
    return getTimeOriginTimestamp();
  }

  toJSON() {
    checkField(this, kPerformanceBrand, 'Performance');
    return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin };
  }
}

enumerable(Performance.prototype, [
  'clearMarks', 'clearMeasures', 'clearResourceTimings', 'getEntries', 'getEntriesByName',
  'getEntriesByType', 'mark', 'measure', 'now', 'setResourceTimingBufferSize', 'timeOrigin',
  'toJSON',
]);
Object.defineProperties(Performance.prototype, {
  nodeTiming: { __proto__: null, configurable: true, enumerable: false, writable: true,
                value: nodeTiming },
  timerify: { __proto__: null, configurable: true, enumerable: false, writable: true,
              value: timerify },
  eventLoopUtilization: { __proto__: null, configurable: true, enumerable: false, writable: true,
                          value: eventLoopUtilization },
  markResourceTiming: { __proto__: null, configurable: true, enumerable: false, writable: true,
                        value: resourceTiming.markResourceTiming },
  [Symbol.toStringTag]: { __proto__: null, configurable: true, enumerable: false,
                          writable: false, value: 'Performance' },
});

// The one instance: an EventTarget branded as a Performance.
class InternalPerformance extends EventTarget {
  constructor() {
    super();
    this[kPerformanceBrand] = true;
  }
}
InternalPerformance.prototype.constructor = Performance;
Object.setPrototypeOf(InternalPerformance.prototype, Performance.prototype);

const performance = new InternalPerformance();
resourceTiming.setDispatchBufferFull((type) => {
  const { Event } = require('internal/event_target');
  performance.dispatchEvent(new Event(type));
});

module.exports = { Performance, performance };
