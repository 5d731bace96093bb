'use strict';

// PerformanceEntry, the base of every timeline entry. Not constructible by
// users (ERR_ILLEGAL_CONSTRUCTOR); internal code passes kSkipThrow.

const { inspect } = require('internal/util/inspect');
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const kSkipThrow = Symbol('kSkipThrow');
const kName = Symbol('kName');
const kEntryType = Symbol('kEntryType');
const kStartTime = Symbol('kStartTime');
const kDuration = Symbol('kDuration');
const kDetail = Symbol('kDetail');

// Getters check their receiver the way Node's validateInternalField does.
function checkField(self, field, className) {
  if (typeof self !== 'object' || self === null || !(field in self)) {
    throw new ERR_INVALID_ARG_TYPE('this', className, self);
  }
}

// inspect(entry): "<Class> { ...toJSON() }".
function inspectEntry(self, name, value, depth, options) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${inspect(value, opts)}`;
}

class PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined, start = undefined,
    duration = undefined) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this[kName] = name;
    this[kEntryType] = type;
    this[kStartTime] = start;
    this[kDuration] = duration;
  }

  get name() {
    checkField(this, kName, 'PerformanceEntry');
    return this[kName];
  }

  get entryType() {
    checkField(this, kEntryType, 'PerformanceEntry');
    return this[kEntryType];
  }

  get startTime() {
    checkField(this, kStartTime, 'PerformanceEntry');
    return this[kStartTime];
  }

  get duration() {
    checkField(this, kDuration, 'PerformanceEntry');
    return this[kDuration];
  }

  [inspect.custom](depth, options) {
    return inspectEntry(this, this.constructor.name, this.toJSON(), depth, options);
  }

  toJSON() {
    checkField(this, kName, 'PerformanceEntry');
    return {
      name: this[kName],
      entryType: this[kEntryType],
      startTime: this[kStartTime],
      duration: this[kDuration],
    };
  }
}

function enumerable(proto, keys) {
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    desc.enumerable = true;
    Object.defineProperty(proto, key, desc);
  }
}
enumerable(PerformanceEntry.prototype, ['name', 'entryType', 'startTime', 'duration', 'toJSON']);

// Entries of the types Node makes itself ('function', 'gc', ...): a detail.
class PerformanceNodeEntry extends PerformanceEntry {
  get detail() {
    checkField(this, kDetail, 'PerformanceNodeEntry');
    return this[kDetail];
  }

  toJSON() {
    return {
      name: this[kName],
      entryType: this[kEntryType],
      startTime: this[kStartTime],
      duration: this[kDuration],
      detail: this[kDetail],
    };
  }
}

enumerable(PerformanceNodeEntry.prototype, ['detail']);

function createPerformanceEntry(name, type, start, duration, detail) {
  const entry = new PerformanceNodeEntry(kSkipThrow, name, type, start, duration);
  entry[kDetail] = detail;
  return entry;
}

function isPerformanceEntry(obj) {
  return obj?.[kName] !== undefined;
}

module.exports = {
  PerformanceEntry,
  checkField,
  createPerformanceEntry,
  enumerable,
  inspectEntry,
  isPerformanceEntry,
  kDetail,
  kSkipThrow,
};
