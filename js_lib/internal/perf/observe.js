'use strict';

// The performance timeline: the global mark/measure buffers behind
// performance.getEntries*(), and PerformanceObserver, whose callbacks run in
// a setImmediate after entries arrive. Kiln produces user timing ('mark',
// 'measure'), 'function' (timerify) and 'resource' (markResourceTiming)
// entries.

const { inspect } = require('internal/util/inspect');
const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');
const { checkField, isPerformanceEntry, kSkipThrow } = require('internal/perf/performance_entry');

const kEmptyObject = Object.freeze({ __proto__: null });

const kSupportedEntryTypes = Object.freeze([
  'dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource',
]);

const kTypeSingle = 0;
const kTypeMultiple = 1;

// ---- global buffers (performance.getEntries) ----------------------------------
let markEntryBuffer = [];
let measureEntryBuffer = [];
const kBufferWarnSize = 1e6;
const warnedEntryTypes = new Set();
const kClearFunctionOf = { mark: 'performance.clearMarks', measure: 'performance.clearMeasures' };

function bufferUserTiming(entry) {
  const type = entry.entryType;
  let buffer;
  if (type === 'mark') buffer = markEntryBuffer;
  else if (type === 'measure') buffer = measureEntryBuffer;
  else return;
  buffer.push(entry);
  const count = buffer.length;
  if (count > kBufferWarnSize && !warnedEntryTypes.has(type)) {
    warnedEntryTypes.add(type);
    const w = new Error('Possible perf_hooks memory leak detected. ' +
                        `${count} ${type} entries added to the global performance entry ` +
                        `buffer. Use ${kClearFunctionOf[type]} to clear the buffer.`);
    w.name = 'MaxPerformanceEntryBufferExceededWarning';
    w.entryType = type;
    w.count = count;
    process.emitWarning(w);
  }
}

function clearEntriesFromBuffer(type, name) {
  if (type === 'resource') {
    require('internal/perf/resource_timing').clearResourceTimings(name);
    return;
  }
  const keep = (entry) => entry.name !== name;
  if (type === 'mark') {
    markEntryBuffer = name === undefined ? [] : markEntryBuffer.filter(keep);
  } else if (type === 'measure') {
    measureEntryBuffer = name === undefined ? [] : measureEntryBuffer.filter(keep);
  }
}

// Buffered entries of a name and/or type, by start time.
function filterBufferMapByNameAndType(name, type) {
  let list;
  const resources = () => require('internal/perf/resource_timing').resourceTimings();
  if (type === 'mark') list = markEntryBuffer.slice();
  else if (type === 'measure') list = measureEntryBuffer.slice();
  else if (type === 'resource') list = resources().slice();
  else if (type !== undefined) return [];
  else list = markEntryBuffer.concat(measureEntryBuffer, resources());
  if (name !== undefined) list = list.filter((entry) => entry.name === name);
  return list.sort((a, b) => a.startTime - b.startTime);
}

// ---- observers ----------------------------------------------------------------
const observers = new Set();
const pending = new Set();
let dispatchQueued = false;

function queuePending() {
  if (dispatchQueued) return;
  dispatchQueued = true;
  require('timers').setImmediate(() => {
    dispatchQueued = false;
    const list = [...pending];
    pending.clear();
    for (const observer of list) observer[kDispatch]();
  });
}

// Hands a new entry to every observer watching its type.
function enqueue(entry) {
  if (!isPerformanceEntry(entry)) throw new ERR_INVALID_ARG_TYPE('entry', 'PerformanceEntry', entry);
  for (const observer of observers) observer[kMaybeBuffer](entry);
}

function hasObserver(type) {
  if (observers.size === 0) return false;
  for (const observer of observers) {
    if (observer[kObserves](type)) return true;
  }
  return false;
}

const kBuffer = Symbol('kBuffer');
const kDispatch = Symbol('kDispatch');
const kMaybeBuffer = Symbol('kMaybeBuffer');
const kObserves = Symbol('kObserves');

function byStartTime(a, b) {
  return a.startTime - b.startTime;
}

class PerformanceObserverEntryList {
  constructor(skipThrow = undefined, entries = []) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kBuffer] = entries.sort(byStartTime);
  }

  getEntries() {
    checkField(this, kBuffer, 'PerformanceObserverEntryList');
    return this[kBuffer].slice();
  }

  getEntriesByType(type) {
    checkField(this, kBuffer, 'PerformanceObserverEntryList');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    type = `${type}`;
    return this[kBuffer].filter((entry) => entry.entryType === type);
  }

  getEntriesByName(name, type = undefined) {
    checkField(this, kBuffer, 'PerformanceObserverEntryList');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (type != null) {
      return this[kBuffer].filter((entry) => entry.name === name && entry.entryType === type);
    }
    return this[kBuffer].filter((entry) => entry.name === name);
  }

  [inspect.custom](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `PerformanceObserverEntryList ${inspect(this[kBuffer], opts)}`;
  }
}

class PerformanceObserver {
  #buffer = [];
  #entryTypes = new Set();
  #type;
  #callback;

  constructor(callback) {
    validateFunction(callback, 'callback');
    this.#callback = callback;
  }

  // observe({ entryTypes: [...] }) or observe({ type, buffered }); the two
  // forms cannot be mixed on one observer.
  observe(options = kEmptyObject) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = { ...options };
    if (entryTypes === undefined && type === undefined) {
      throw new ERR_MISSING_ARGS('options.entryTypes', 'options.type');
    }
    if (entryTypes != null && type != null) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes,
                                      'options.entryTypes can not set with options.type together');
    }
    if (this.#type === undefined) {
      if (entryTypes !== undefined) this.#type = kTypeMultiple;
      if (type !== undefined) this.#type = kTypeSingle;
    } else if (this.#type === kTypeSingle && entryTypes !== undefined) {
      throw domException('PerformanceObserver can not change to multiple observations',
                         'InvalidModificationError');
    } else if (this.#type === kTypeMultiple && type !== undefined) {
      throw domException('PerformanceObserver can not change to single observation',
                         'InvalidModificationError');
    }

    if (this.#type === kTypeMultiple) {
      if (!Array.isArray(entryTypes)) {
        throw new ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', entryTypes);
      }
      this.#entryTypes.clear();
      for (const t of entryTypes) {
        if (kSupportedEntryTypes.includes(t)) this.#entryTypes.add(t);
      }
    } else {
      if (!kSupportedEntryTypes.includes(type)) return;
      this.#entryTypes.add(type);
      if (buffered) {
        this.#buffer.push(...filterBufferMapByNameAndType(undefined, type));
        pending.add(this);
        queuePending();
      }
    }
    if (this.#entryTypes.size) observers.add(this);
    else this.disconnect();
  }

  disconnect() {
    observers.delete(this);
    pending.delete(this);
    this.#buffer = [];
    this.#entryTypes.clear();
    this.#type = undefined;
  }

  takeRecords() {
    const list = this.#buffer;
    this.#buffer = [];
    return list;
  }

  static get supportedEntryTypes() {
    return kSupportedEntryTypes;
  }

  [kObserves](type) {
    return this.#entryTypes.has(type);
  }

  [kMaybeBuffer](entry) {
    if (!this.#entryTypes.has(entry.entryType)) return;
    this.#buffer.push(entry);
    pending.add(this);
    queuePending();
  }

  [kDispatch]() {
    const list = new PerformanceObserverEntryList(kSkipThrow, this.takeRecords());
    this.#callback(list, this);
  }

  [inspect.custom](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `PerformanceObserver ${inspect({
      connected: observers.has(this),
      pending: pending.has(this),
      entryTypes: [...this.#entryTypes],
      buffer: this.#buffer,
    }, opts)}`;
  }
}

function domException(message, name) {
  const { DOMException } = require('internal/domexception');
  return new DOMException(message, name);
}

for (const [proto, keys] of [
  [PerformanceObserver.prototype, ['observe', 'disconnect', 'takeRecords']],
  [PerformanceObserverEntryList.prototype, ['getEntries', 'getEntriesByType', 'getEntriesByName']],
]) {
  require('internal/perf/performance_entry').enumerable(proto, keys);
}
for (const [proto, tag] of [[PerformanceObserver.prototype, 'PerformanceObserver'],
  [PerformanceObserverEntryList.prototype, 'PerformanceObserverEntryList']]) {
  Object.defineProperty(proto, Symbol.toStringTag, {
    __proto__: null, value: tag, writable: false, enumerable: false, configurable: true,
  });
}

module.exports = {
  PerformanceObserver,
  PerformanceObserverEntryList,
  bufferUserTiming,
  clearEntriesFromBuffer,
  enqueue,
  filterBufferMapByNameAndType,
  hasObserver,
};
require('internal/perf/timed_entry').observeLoaded(module.exports);

