'use strict';

// perf_hooks: the W3C performance timeline (marks, measures, resource
// timing, observers, timerify, eventLoopUtilization), histograms
// (createHistogram, monitorEventLoopDelay: internal/histogram).

const { PerformanceEntry } = require('internal/perf/performance_entry');
const { PerformanceObserver, PerformanceObserverEntryList } = require('internal/perf/observe');
const { PerformanceMark, PerformanceMeasure } = require('internal/perf/usertiming');
const { Performance, performance } = require('internal/perf/performance');
const { PerformanceResourceTiming } = require('internal/perf/resource_timing');
const { createHistogram, monitorEventLoopDelay } = require('internal/histogram');

// Node's perf_hooks.constants (GC entry kinds and flags).
const constants = {
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
  NODE_PERFORMANCE_GC_FLAGS_NO: 0,
  NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
  NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
  NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
  NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
  NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
  NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
};

module.exports = {
  Performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  PerformanceResourceTiming,
  performance,
  constants,
  createHistogram,
  monitorEventLoopDelay,
};
