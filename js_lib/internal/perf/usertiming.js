'use strict';

// User Timing: performance.mark()/measure(), PerformanceMark and
// PerformanceMeasure. A mark's detail is stored as a structured clone.

const {
  PerformanceEntry,
  checkField,
  kDetail,
  kSkipThrow,
} = require('internal/perf/performance_entry');
const { bufferUserTiming, enqueue } = require('internal/perf/observe');
const { now } = require('internal/perf/utils');
const { validateNumber, validateObject, validateString } = require('internal/validators');
const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_VALUE,
    ERR_MISSING_ARGS,
    ERR_PERFORMANCE_INVALID_TIMESTAMP,
    ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS,
  },
} = require('internal/errors');

const kEmptyObject = Object.freeze({ __proto__: null });

// name -> start time of the latest mark with that name.
const markTimings = new Map();

// Names that refer to performance.nodeTiming milestones, not marks.
const nodeTimingReadOnlyAttributes = new Set([
  'nodeStart', 'v8Start', 'environment', 'loopStart', 'loopExit', 'bootstrapComplete',
]);

function structuredClone(value) {
  return require('internal/structured_clone').structuredClone(value);
}

// A timestamp from a number, a milestone name or a mark name.
function getMark(name) {
  if (name === undefined) return;
  if (typeof name === 'number') {
    if (name < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(name);
    return name;
  }
  name = `${name}`;
  if (nodeTimingReadOnlyAttributes.has(name)) {
    return require('internal/perf/performance').performance.nodeTiming[name];
  }
  const ts = markTimings.get(name);
  if (ts === undefined) {
    const { DOMException } = require('internal/domexception');
    throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  }
  return ts;
}

class PerformanceMark extends PerformanceEntry {
  constructor(name, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (nodeTimingReadOnlyAttributes.has(name)) throw new ERR_INVALID_ARG_VALUE('name', name);
    if (options != null) validateObject(options, 'options');
    const startTime = options?.startTime ?? now();
    validateNumber(startTime, 'startTime');
    if (startTime < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(startTime);
    markTimings.set(name, startTime);
    let detail = options?.detail;
    detail = detail != null ? structuredClone(detail) : null;
    super(kSkipThrow, name, 'mark', startTime, 0);
    this[kDetail] = detail;
  }

  get detail() {
    checkField(this, kDetail, 'PerformanceMark');
    return this[kDetail];
  }

  toJSON() {
    return {
      name: this.name,
      entryType: this.entryType,
      startTime: this.startTime,
      duration: this.duration,
      detail: this[kDetail],
    };
  }
}

class PerformanceMeasure extends PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined, start = undefined,
    duration = undefined) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(skipThrow, name, type, start, duration);
  }

  get detail() {
    checkField(this, kDetail, 'PerformanceMeasure');
    return this[kDetail];
  }

  toJSON() {
    return {
      name: this.name,
      entryType: this.entryType,
      startTime: this.startTime,
      duration: this.duration,
      detail: this[kDetail],
    };
  }
}

for (const [C, tag] of [[PerformanceMark, 'PerformanceMark'], [PerformanceMeasure, 'PerformanceMeasure']]) {
  const desc = Object.getOwnPropertyDescriptor(C.prototype, 'detail');
  desc.enumerable = true;
  Object.defineProperty(C.prototype, 'detail', desc);
  Object.defineProperty(C.prototype, Symbol.toStringTag, {
    __proto__: null, value: tag, writable: false, enumerable: false, configurable: true,
  });
}

function mark(name, options) {
  const entry = new PerformanceMark(name, options);
  enqueue(entry);
  bufferUserTiming(entry);
  return entry;
}

// measure(name, startMark[, endMark]) or measure(name, { start, end,
// duration, detail }): start/end are mark names, milestones or timestamps.
function calculateStartDuration(startOrOptions, endMark) {
  startOrOptions ??= 0;
  let start;
  let end;
  let duration;
  let optionsValid = false;
  if (typeof startOrOptions === 'object') {
    ({ start, end, duration } = startOrOptions);
    optionsValid = start !== undefined || end !== undefined;
  }
  if (optionsValid) {
    if (endMark !== undefined) {
      throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS('endMark must not be specified');
    }
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS(
        'Must not have options.start, options.end, and options.duration specified');
    }
  }

  if (endMark !== undefined) {
    end = getMark(endMark);
  } else if (optionsValid && end !== undefined) {
    end = getMark(end);
  } else if (optionsValid && start !== undefined && duration !== undefined) {
    end = getMark(start) + getMark(duration);
  } else {
    end = now();
  }

  if (typeof startOrOptions === 'string') {
    start = getMark(startOrOptions);
  } else if (optionsValid && start !== undefined) {
    start = getMark(start);
  } else if (optionsValid && duration !== undefined && end !== undefined) {
    start = end - getMark(duration);
  } else {
    start = 0;
  }
  return { start, duration: end - start };
}

function measure(name, startOrOptions, endMark) {
  validateString(name, 'name');
  const { start, duration } = calculateStartDuration(startOrOptions, endMark);
  let detail = startOrOptions?.detail;
  detail = detail != null ? structuredClone(detail) : null;
  const entry = new PerformanceMeasure(kSkipThrow, name, 'measure', start, duration);
  entry[kDetail] = detail;
  enqueue(entry);
  bufferUserTiming(entry);
  return entry;
}

function clearMarkTimings(name) {
  if (name === undefined) {
    markTimings.clear();
    return;
  }
  name = `${name}`;
  if (nodeTimingReadOnlyAttributes.has(name)) throw new ERR_INVALID_ARG_VALUE('name', name);
  markTimings.delete(name);
}

module.exports = {
  PerformanceMark,
  PerformanceMeasure,
  clearMarkTimings,
  mark,
  measure,
};
