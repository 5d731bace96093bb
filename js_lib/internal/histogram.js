'use strict';

// perf_hooks.createHistogram() and monitorEventLoopDelay(): Node's
// RecordableHistogram and IntervalHistogram (ELDHistogram). The store is an HDR histogram
// laid out as HdrHistogram_c lays it out (Node records into one): values
// within 1 of 10^figures significant digits share a bucket, and min, max,
// mean, stddev and percentiles come from the buckets exactly as there, so
// they equal Node's for the same records.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateInteger, validateNumber, validateObject } = require('internal/validators');

const kInt64Max = 9223372036854775807n;
// Node's percentiles maps are its internal SafeMap, and util.inspect shows
// that name ("SafeMap(n) [Map]"): the same here.
class SafeMap extends Map {}
const kStore = Symbol('kStore');
const kCreate = Symbol('kCreate');

// ---- the HDR store ---------------------------------------------------------------
class HdrStore {
  constructor(lowest, highest, figures) {
    const singleUnit = 2 * 10 ** figures;
    const subBucketCountMagnitude = Math.ceil(Math.log2(singleUnit));
    this.subBucketHalfCountMagnitude = Math.max(subBucketCountMagnitude, 1) - 1;
    this.unitMagnitude = Math.floor(Math.log2(lowest));
    this.subBucketCount = 2 ** (this.subBucketHalfCountMagnitude + 1);
    this.subBucketHalfCount = this.subBucketCount / 2;
    this.subBucketMask = (this.subBucketCount - 1) * 2 ** this.unitMagnitude;
    let smallestUntrackable = this.subBucketCount * 2 ** this.unitMagnitude;
    let buckets = 1;
    while (smallestUntrackable <= highest) {
      smallestUntrackable *= 2;
      buckets++;
    }
    this.highest = highest;
    this.counts = new Float64Array((buckets + 1) * this.subBucketHalfCount);
    this.reset();
  }

  reset() {
    this.counts.fill(0);
    this.total = 0;
    this.minValue = Infinity;  // INT64_MAX: nothing recorded
    this.maxValue = 0;
  }

  // floor(log2(v)), v >= 1 (beyond 2^31: no bit operators).
  static msb(v) {
    return v < 2 ** 31 ? 31 - Math.clz32(v) : Math.floor(Math.log2(v));
  }

  bucketIndex(v) {
    const masked = v < 2 ** 31 && this.subBucketMask < 2 ** 31 ?
      (v | this.subBucketMask) >>> 0 : Math.max(v, this.subBucketMask);
    return HdrStore.msb(masked) - this.unitMagnitude - this.subBucketHalfCountMagnitude;
  }

  subBucketIndex(v, bucket) {
    return Math.floor(v / 2 ** (bucket + this.unitMagnitude));
  }

  countsIndex(v) {
    const bucket = this.bucketIndex(v);
    const sub = this.subBucketIndex(v, bucket);
    return (bucket + 1) * this.subBucketHalfCount + (sub - this.subBucketHalfCount);
  }

  valueAt(index) {
    let bucket = Math.floor(index / this.subBucketHalfCount) - 1;
    let sub = (index % this.subBucketHalfCount) + this.subBucketHalfCount;
    if (bucket < 0) {
      sub -= this.subBucketHalfCount;
      bucket = 0;
    }
    return sub * 2 ** (bucket + this.unitMagnitude);
  }

  rangeSize(v) {
    const bucket = this.bucketIndex(v);
    const sub = this.subBucketIndex(v, bucket);
    return 2 ** (this.unitMagnitude + (sub >= this.subBucketCount ? bucket + 1 : bucket));
  }

  lowestEquivalent(v) {
    const bucket = this.bucketIndex(v);
    return this.subBucketIndex(v, bucket) * 2 ** (bucket + this.unitMagnitude);
  }

  highestEquivalent(v) { return this.lowestEquivalent(v) + this.rangeSize(v) - 1; }
  medianEquivalent(v) { return this.lowestEquivalent(v) + Math.floor(this.rangeSize(v) / 2); }

  // false when the value is out of range (it counts as "exceeds").
  record(v) {
    if (v < 0 || v > this.highest) return false;
    const index = this.countsIndex(v);
    if (index < 0 || index >= this.counts.length) return false;
    this.counts[index]++;
    this.total++;
    if (v !== 0 && v < this.minValue) this.minValue = v;
    if (v > this.maxValue) this.maxValue = v;
    return true;
  }

  min() {
    if (this.counts[0] > 0) return 0;
    return this.minValue === Infinity ? Infinity : this.lowestEquivalent(this.minValue);
  }

  max() {
    return this.maxValue === 0 ? 0 : this.highestEquivalent(this.maxValue);
  }

  mean() {
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] !== 0) sum += this.counts[i] * this.medianEquivalent(this.valueAt(i));
    }
    return sum / this.total;
  }

  stddev() {
    const mean = this.mean();
    let sum = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] === 0) continue;
      const d = this.medianEquivalent(this.valueAt(i)) - mean;
      sum += this.counts[i] * d * d;
    }
    return Math.sqrt(sum / this.total);
  }

  valueAtPercentile(p) {
    const requested = Math.min(Math.max(p, 0), 100);
    const target = Math.max(Math.floor((requested / 100) * this.total + 0.5), 1);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= target) return this.highestEquivalent(this.valueAt(i));
    }
    return 0;
  }

  // HdrHistogram_c's percentile iterator with one tick per half distance,
  // as Node walks it: [percentile, value] pairs, ending at 100.
  percentiles() {
    const out = [];
    let index = -1;
    let cumulative = 0;
    let count = 0;
    let value = 0;
    let toIterate = 0;
    let reported = 0;
    let seenLast = false;
    const hasNext = () => cumulative < this.total;
    const basicNext = () => {
      if (!hasNext() || index + 1 >= this.counts.length) return false;
      index++;
      count = this.counts[index];
      cumulative += count;
      value = this.valueAt(index);
      return true;
    };
    for (;;) {
      if (!hasNext()) {
        if (seenLast) break;
        seenLast = true;
        out.push([100, value]);
        continue;
      }
      if (index === -1 && !basicNext()) break;
      let found = false;
      do {
        if (count !== 0 && toIterate <= (100 * cumulative) / this.total) {
          reported = toIterate;
          const halfDistance = 2 ** (Math.trunc(Math.log(100 / (100 - toIterate)) / Math.log(2)) + 1);
          toIterate += 100 / halfDistance;
          found = true;
          break;
        }
      } while (basicNext());
      out.push([reported, value]);
      if (!found && !hasNext()) continue;
    }
    return out;
  }

  add(other) {
    let dropped = 0;
    for (let i = 0; i < other.counts.length; i++) {
      const n = other.counts[i];
      if (n === 0) continue;
      const v = other.valueAt(i);
      for (let k = 0; k < n; k++) if (!this.record(v)) dropped++;
    }
    return dropped;
  }
}

// ---- the JS classes ------------------------------------------------------------
function store(h) {
  if (h === null || typeof h !== 'object' || h[kStore] === undefined) {
    throw new ERR_INVALID_THIS('Histogram');
  }
  return h[kStore];
}

const toBig = (n) => (n === Infinity ? kInt64Max : BigInt(n));
const toNumber = (n) => (n === Infinity ? 9223372036854776000 : n);

class Histogram {
  constructor(token = undefined) {
    if (token !== kCreate) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get count() { return store(this).total; }
  get countBigInt() { return BigInt(store(this).total); }
  get min() { return toNumber(store(this).min()); }
  get minBigInt() { return toBig(store(this).min()); }
  get max() { return store(this).max(); }
  get maxBigInt() { return BigInt(store(this).max()); }
  get mean() { return store(this).mean(); }
  get stddev() { return store(this).stddev(); }
  get exceeds() { store(this); return this.exceedsCount; }
  get exceedsBigInt() { store(this); return BigInt(this.exceedsCount); }

  percentile(percentile) {
    const s = store(this);
    validateNumber(percentile, 'percentile');
    if (!(percentile > 0 && percentile <= 100)) {
      throw new ERR_OUT_OF_RANGE('percentile', '> 0 && <= 100', percentile);
    }
    return s.valueAtPercentile(percentile);
  }

  percentileBigInt(percentile) {
    return BigInt(this.percentile(percentile));
  }

  get percentiles() { return new SafeMap(store(this).percentiles()); }
  get percentilesBigInt() {
    return new SafeMap(store(this).percentiles().map(([p, v]) => [p, BigInt(v)]));
  }

  reset() {
    store(this).reset();
    this.exceedsCount = 0;
    this.prevDelta = 0n;
  }

  toJSON() {
    return {
      count: this.count,
      min: this.min,
      max: this.max,
      mean: this.mean,
      exceeds: this.exceeds,
      stddev: this.stddev,
      percentiles: Object.fromEntries(this.percentiles),
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    if (depth < 0) return `[${this.constructor.name}]`;
    const { inspect } = require('internal/util/inspect');
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Histogram ${inspect({
      min: this.min, max: this.max, mean: this.mean, exceeds: this.exceeds,
      stddev: this.stddev, count: this.count, percentiles: this.percentiles,
    }, opts)}`;
  }
}

function initHistogram(h, lowest, highest, figures) {
  h[kStore] = new HdrStore(lowest, highest, figures);
  h.exceedsCount = 0;
  h.prevDelta = 0n;
  for (const key of ['exceedsCount', 'prevDelta']) {
    Object.defineProperty(h, key, { __proto__: null, enumerable: false, writable: true });
  }
  return h;
}

function recordInto(h, value) {
  if (!store(h).record(value)) h.exceedsCount++;
}

// ns since the previous call (the first only starts the clock).
function recordDeltaInto(h) {
  const now = process.hrtime.bigint();
  if (h.prevDelta > 0n) {
    const delta = Number(now - h.prevDelta);
    if (delta > 0) recordInto(h, delta);
  }
  h.prevDelta = now;
}

class RecordableHistogram extends Histogram {
  constructor(token = undefined) {
    if (token !== kCreate) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(token);
  }

  record(val) {
    store(this);
    if (typeof val === 'bigint') {
      recordInto(this, Number(val));
      return;
    }
    validateInteger(val, 'val', 1);
    recordInto(this, val);
  }

  recordDelta() {
    recordDeltaInto(this);
  }

  add(other) {
    store(this);
    if (!(other instanceof RecordableHistogram)) {
      throw new ERR_INVALID_ARG_TYPE('other', 'RecordableHistogram', other);
    }
    this.exceedsCount += store(this).add(store(other)) + other.exceedsCount;
  }
}

// createHistogram([{ lowest, highest, figures }])
function createHistogram(options = {}) {
  validateObject(options, 'options');
  const { lowest = 1, highest = Number.MAX_SAFE_INTEGER, figures = 3 } = options;
  if (typeof lowest !== 'bigint') validateInteger(lowest, 'options.lowest', 1, Number.MAX_SAFE_INTEGER);
  if (typeof highest !== 'bigint') {
    validateInteger(highest, 'options.highest', 2 * Number(lowest), Number.MAX_SAFE_INTEGER);
  } else if (highest < 2n * BigInt(lowest)) {
    throw new ERR_INVALID_ARG_TYPE('options.highest', '>= 2 * lowest', highest);
  }
  validateInteger(figures, 'options.figures', 1, 5);
  return initHistogram(new RecordableHistogram(kCreate), Number(lowest), Number(highest), figures);
}

// monitorEventLoopDelay([{ resolution }]): while enabled, an unref'd timer
// every `resolution` ms records how long it really took (ns), as Node's.
// Node names the class of monitorEventLoopDelay()'s histograms ELDHistogram.
class ELDHistogram extends Histogram {
  #timer = null;
  #resolution;

  constructor(token = undefined, resolution = 10) {
    if (token !== kCreate) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(token);
    this.#resolution = resolution;
  }

  enable() {
    store(this);
    if (this.#timer !== null) return false;
    this.prevDelta = 0n;
    recordDeltaInto(this);
    this.#timer = setInterval(() => recordDeltaInto(this), this.#resolution);
    this.#timer.unref();
    return true;
  }

  disable() {
    store(this);
    if (this.#timer === null) return false;
    clearInterval(this.#timer);
    this.#timer = null;
    return true;
  }
}

function monitorEventLoopDelay(options = {}) {
  validateObject(options, 'options');
  const { resolution = 10 } = options;
  validateInteger(resolution, 'options.resolution', 1);
  return initHistogram(new ELDHistogram(kCreate, resolution), 1, Number.MAX_SAFE_INTEGER, 3);
}


module.exports = { Histogram, RecordableHistogram, createHistogram, monitorEventLoopDelay };
