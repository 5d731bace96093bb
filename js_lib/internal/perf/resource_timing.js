'use strict';

// Resource timing: performance.markResourceTiming(timingInfo, url,
// initiatorType, global, cacheMode), as fetch implementations call it
// (undici's, with a fetch timing info), makes a PerformanceResourceTiming
// entry, hands it to 'resource' observers and keeps it in the resource
// timing buffer (250 entries unless setResourceTimingBufferSize says
// otherwise; past that, 'resourcetimingbufferfull' fires on performance,
// as the W3C spec has it).

const { codes: { ERR_ILLEGAL_CONSTRUCTOR } } = require('internal/errors');
const { PerformanceEntry, checkField, kSkipThrow } = require('internal/perf/performance_entry');
const { enqueue } = require('internal/perf/observe');

const kTimingInfo = Symbol('kTimingInfo');
const kInitiatorType = Symbol('kInitiatorType');
const kCacheMode = Symbol('kCacheMode');

class PerformanceResourceTiming extends PerformanceEntry {
  constructor(skipThrow = undefined, name = undefined, type = undefined) {
    if (skipThrow !== kSkipThrow) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(skipThrow, name, type);
  }

  get startTime() { return info(this).startTime; }
  get duration() { return info(this).endTime - info(this).startTime; }
  get initiatorType() { info(this); return this[kInitiatorType]; }
  get workerStart() { return info(this).finalServiceWorkerStartTime; }
  get redirectStart() { return info(this).redirectStartTime; }
  get redirectEnd() { return info(this).redirectEndTime; }
  get fetchStart() { return info(this).postRedirectStartTime; }
  get domainLookupStart() { return info(this).finalConnectionTimingInfo?.domainLookupStartTime; }
  get domainLookupEnd() { return info(this).finalConnectionTimingInfo?.domainLookupEndTime; }
  get connectStart() { return info(this).finalConnectionTimingInfo?.connectionStartTime; }
  get connectEnd() { return info(this).finalConnectionTimingInfo?.connectionEndTime; }
  get secureConnectionStart() {
    return info(this).finalConnectionTimingInfo?.secureConnectionStartTime;
  }
  get nextHopProtocol() { return info(this).finalConnectionTimingInfo?.ALPNNegotiatedProtocol; }
  get requestStart() { return info(this).finalNetworkRequestStartTime; }
  get responseStart() { return info(this).finalNetworkResponseStartTime; }
  get responseEnd() { return info(this).endTime; }
  get encodedBodySize() { return info(this).encodedBodySize; }
  get decodedBodySize() { return info(this).decodedBodySize; }

  // The spec's estimate: 300 bytes of headers on top of the body, nothing
  // for a local cache hit.
  get transferSize() {
    const mode = (info(this), this[kCacheMode]);
    if (mode === 'local') return 0;
    if (mode === 'validated') return 300;
    return this[kTimingInfo].encodedBodySize + 300;
  }

  toJSON() {
    info(this);
    return {
      name: this.name,
      entryType: this.entryType,
      startTime: this.startTime,
      duration: this.duration,
      initiatorType: this.initiatorType,
      nextHopProtocol: this.nextHopProtocol,
      workerStart: this.workerStart,
      redirectStart: this.redirectStart,
      redirectEnd: this.redirectEnd,
      fetchStart: this.fetchStart,
      domainLookupStart: this.domainLookupStart,
      domainLookupEnd: this.domainLookupEnd,
      connectStart: this.connectStart,
      connectEnd: this.connectEnd,
      secureConnectionStart: this.secureConnectionStart,
      requestStart: this.requestStart,
      responseStart: this.responseStart,
      responseEnd: this.responseEnd,
      transferSize: this.transferSize,
      encodedBodySize: this.encodedBodySize,
      decodedBodySize: this.decodedBodySize,
    };
  }
}
require('internal/perf/performance_entry').enumerable(PerformanceResourceTiming.prototype, [
  'initiatorType', 'workerStart', 'redirectStart', 'redirectEnd', 'fetchStart',
  'domainLookupStart', 'domainLookupEnd', 'connectStart', 'connectEnd',
  'secureConnectionStart', 'nextHopProtocol', 'requestStart', 'responseStart', 'responseEnd',
  'encodedBodySize', 'decodedBodySize', 'transferSize', 'toJSON',
]);
Object.defineProperty(PerformanceResourceTiming.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'PerformanceResourceTiming', writable: false, enumerable: false,
  configurable: true,
});

function info(entry) {
  checkField(entry, kTimingInfo, 'PerformanceResourceTiming');
  return entry[kTimingInfo];
}

// ---- the resource timing buffer ---------------------------------------------------
let buffer = [];
let secondary = [];  // entries that came while the buffer was full
let limit = 250;
let fullPending = false;
let dispatchBufferFull = null;  // set by internal/perf/performance

function bufferResourceTiming(entry) {
  if (buffer.length < limit && !fullPending) {
    buffer.push(entry);
    return;
  }
  if (!fullPending) {
    fullPending = true;
    // Listeners may clear the buffer or grow its size: what fits then is
    // kept, in order; the rest is dropped once a round frees no room.
    require('timers').setImmediate(() => {
      while (secondary.length > 0) {
        const before = secondary.length;
        dispatchBufferFull('resourcetimingbufferfull');
        const keep = Math.max(Math.min(limit - buffer.length, secondary.length), 0);
        buffer.push(...secondary.splice(0, keep));
        if (secondary.length >= before) secondary = [];
      }
      fullPending = false;
    });
  }
  secondary.push(entry);
}

function markResourceTiming(timingInfo, requestedUrl, initiatorType, global, cacheMode = '') {
  const entry = new PerformanceResourceTiming(kSkipThrow, requestedUrl, 'resource');
  entry[kTimingInfo] = timingInfo;
  entry[kInitiatorType] = initiatorType;
  entry[kCacheMode] = cacheMode;
  enqueue(entry);
  bufferResourceTiming(entry);
  return entry;
}

function setResourceTimingBufferSize(maxSize) {
  limit = maxSize;  // what is already buffered stays, as the spec says
}

function clearResourceTimings(name) {
  buffer = name === undefined ? [] : buffer.filter((entry) => entry.name !== name);
}

function resourceTimings() {
  return buffer;
}

function setDispatchBufferFull(fn) {
  dispatchBufferFull = fn;
}

module.exports = {
  PerformanceResourceTiming,
  clearResourceTimings,
  markResourceTiming,
  resourceTimings,
  setDispatchBufferFull,
  setResourceTimingBufferSize,
};
