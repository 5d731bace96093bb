'use strict';

// Timers, Node's design. Timeouts with the same duration share one list
// (TimersList), ordered by start time, so each list's head expires first.
// The lists sit in a priority queue keyed by their head's expiry, and one
// native timer (binding('timers').scheduleTimer) is armed for the earliest.
// When it fires, C++ calls hooks.processTimers(now), which runs every due
// timer, draining nextTicks and microtasks between two of them as Node does,
// and returns the next expiry: 0 if none, negative if only unref'd timers
// remain (so C++ unrefs the native timer).
//
// Immediates form one linked list run by hooks.processImmediate() from the
// loop's check phase. C++ reads hooks.immediateInfo (Uint32Array):
//   [kCount]          immediates queued
//   [kRefCount]       those of them that are ref'd (keep the loop polling)
//   [kHasOutstanding] 1 while a run was interrupted by an exception
//
// Times are integer ms of the loop clock (binding('timers').getLibevNow()).

const {
  scheduleTimer, toggleTimerRef, getLibevNow, toggleImmediateRef,
} = binding('timers');
const L = require('internal/linkedlist');
const { codes: { ERR_OUT_OF_RANGE } } = require('internal/errors');
const { validateNumber } = require('internal/validators');
const frames = require('internal/async_context');
const asyncHooks = require('internal/async_hooks');
const PriorityQueue = require('internal/priority_queue');

const kCount = 0;
const kRefCount = 1;
const kHasOutstanding = 2;
const immediateInfo = new Uint32Array(3);
hooks.immediateInfo = immediateInfo;

// 2 ** 31 - 1: larger delays become 1, as in browsers.
const TIMEOUT_MAX = 2 ** 31 - 1;

const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');
// The AsyncLocalStorage frame the callback runs in (internal/async_context).
const kFrame = Symbol('kFrame');
const { asyncIdSymbol, triggerAsyncIdSymbol, newAsyncId, tracker } = asyncHooks;
const asyncHooksState = asyncHooks.state;

// Ids also serve as the primitive value of a Timeout (for clearTimeout(id)).
function initAsyncResource(resource, type) {
  resource[asyncIdSymbol] = newAsyncId();
  if (asyncHooksState.tracking) tracker().initTimerResource(resource, type);
  else resource[triggerAsyncIdSymbol] = 1;
}

let timerListId = Number.MIN_SAFE_INTEGER;
// duration (ms) -> TimersList
const timerListMap = { __proto__: null };
const timerListQueue = new PriorityQueue(compareTimersLists, setPosition);
let nextExpiry = Infinity;
// Live ref'd Timeouts; at 0 the native timer no longer keeps the loop alive.
let refCount = 0;
// id -> Timeout, for timers whose id was taken (clearTimeout(+timer)).
const knownTimersById = { __proto__: null };

let inspectFn = null;
function inspectNoCustom(self, options) {
  if (inspectFn === null) inspectFn = require('internal/util/inspect').inspect;
  return inspectFn(self, { ...options, depth: 0, customInspect: false });
}
const customInspect = Symbol.for('nodejs.util.inspect.custom');

function incRefCount() {
  if (refCount++ === 0) toggleTimerRef(true);
}

function decRefCount() {
  if (--refCount === 0) toggleTimerRef(false);
}

class Timeout {
  constructor(callback, after, args, isRepeat, isRefed) {
    after *= 1;  // to number (or NaN)
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.` +
                            '\nTimeout duration was set to 1.', 'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._idlePrev = this;
    this._idleNext = this;
    this._idleStart = null;
    this._onTimeout = null;  // keeps the hidden class free of the callback
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    if (isRefed) incRefCount();
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    // Only once AsyncLocalStorage is used, so that inspecting shows Node's keys.
    if (frames.state.used) this[kFrame] = frames.getFrame();
    initAsyncResource(this, 'Timeout');
  }

  [customInspect](_, options) {
    return inspectNoCustom(this, options);
  }

  // Restarts the countdown from now, with the same duration.
  refresh() {
    if (this[kRefed]) active(this);
    else unrefActive(this);
    return this;
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) decRefCount();
    }
    return this;
  }

  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) incRefCount();
    }
    return this;
  }

  hasRef() {
    return this[kRefed];
  }
}

class TimersList {
  constructor(expiry, msecs) {
    this._idleNext = this;
    this._idlePrev = this;
    this.expiry = expiry;
    this.id = timerListId++;
    this.msecs = msecs;
    this.priorityQueuePosition = null;
  }

  [customInspect](_, options) {
    return inspectNoCustom(this, options);
  }
}

// Singly appended, doubly linked: head runs first.
class ImmediateList {
  constructor() {
    this.head = null;
    this.tail = null;
  }

  append(item) {
    if (this.tail !== null) {
      this.tail._idleNext = item;
      item._idlePrev = this.tail;
    } else {
      this.head = item;
    }
    this.tail = item;
  }

  // Also unlinks from a chain already detached for processing.
  remove(item) {
    if (item._idleNext) item._idleNext._idlePrev = item._idlePrev;
    if (item._idlePrev) item._idlePrev._idleNext = item._idleNext;
    if (item === this.head) this.head = item._idleNext;
    if (item === this.tail) this.tail = item._idlePrev;
    item._idleNext = null;
    item._idlePrev = null;
  }
}

const immediateQueue = new ImmediateList();

// setImmediate's handle; it queues itself.
class Immediate {
  constructor(callback, args) {
    this._idleNext = null;
    this._idlePrev = null;
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this[kRefed] = false;
    if (frames.state.used) this[kFrame] = frames.getFrame();
    initAsyncResource(this, 'Immediate');
    this.ref();
    immediateInfo[kCount]++;
    immediateQueue.append(this);
  }

  ref() {
    if (this[kRefed] === false) {
      this[kRefed] = true;
      if (immediateInfo[kRefCount]++ === 0) toggleImmediateRef(true);
    }
    return this;
  }

  unref() {
    if (this[kRefed] === true) {
      this[kRefed] = false;
      if (--immediateInfo[kRefCount] === 0) toggleImmediateRef(false);
    }
    return this;
  }

  hasRef() {
    return !!this[kRefed];
  }
}

// What remains of a run that an exception interrupted.
const outstandingQueue = new ImmediateList();

function compareTimersLists(a, b) {
  const expiryDiff = a.expiry - b.expiry;
  if (expiryDiff === 0) {
    if (a.id < b.id) return -1;
    if (a.id > b.id) return 1;
  }
  return expiryDiff;
}

function setPosition(node, pos) {
  node.priorityQueuePosition = pos;
}

// (Re)starts `item` counting from `start`; arms the native timer if this
// makes an earlier expiry.
function insert(item, msecs, start = getLibevNow()) {
  msecs = Math.trunc(msecs);  // no sub-millisecond accuracy is promised
  item._idleStart = start;
  let list = timerListMap[msecs];
  if (list === undefined) {
    const expiry = start + msecs;
    timerListMap[msecs] = list = new TimersList(expiry, msecs);
    timerListQueue.insert(list);
    if (nextExpiry > expiry) {
      scheduleTimer(msecs);
      nextExpiry = expiry;
    }
  }
  L.append(list, item);
}

function insertGuarded(item, refed, start) {
  const msecs = item._idleTimeout;
  if (msecs < 0 || msecs === undefined) return;
  insert(item, msecs, start);
  const isDestroyed = item._destroyed;
  if (isDestroyed || !item[asyncIdSymbol]) {
    item._destroyed = false;
    initAsyncResource(item, 'Timeout');
  }
  if (isDestroyed) {
    if (refed) incRefCount();
  } else if (refed === !item[kRefed]) {
    if (refed) incRefCount();
    else decRefCount();
  }
  item[kRefed] = refed;
}

function active(item) {
  insertGuarded(item, true);
}

function unrefActive(item) {
  insertGuarded(item, false);
}

// Stops a Timeout (clearTimeout and the legacy timers.unenroll).
function unenroll(item) {
  if (item._destroyed) return;
  item._destroyed = true;
  if (asyncHooksState.tracking) tracker().emitDestroy(item[asyncIdSymbol]);
  if (item[kHasPrimitive]) delete knownTimersById[item[asyncIdSymbol]];
  L.remove(item);
  if (item[kRefed]) {
    // Only ref'd lists go: unref'd ones (http) tend to come right back.
    const list = timerListMap[Math.trunc(item._idleTimeout)];
    if (list !== undefined && L.isEmpty(list)) {
      timerListQueue.removeAt(list.priorityQueuePosition);
      delete timerListMap[list.msecs];
    }
    decRefCount();
  }
  item._idleTimeout = -1;  // a later active() does nothing
}

// Marks a Timeout that ran (or was cleared while queued) as finished.
function destroyRan(timer) {
  timer._destroyed = true;
  if (asyncHooksState.tracking) tracker().emitDestroy(timer[asyncIdSymbol]);
  if (timer[kRefed]) refCount--;  // the sign of processTimers' result unrefs
  if (timer[kHasPrimitive]) delete knownTimersById[timer[asyncIdSymbol]];
}

// Ref'd live Timeouts and Immediates, for process.getActiveResourcesInfo().
function getTimerCounts() {
  return { timeoutCount: refCount, immediateCount: immediateInfo[kRefCount] };
}

// The loop entry points; `runNextTicks` drains ticks between callbacks.
function getTimerCallbacks(runNextTicks) {
  function processImmediate() {
    const queue = outstandingQueue.head !== null ? outstandingQueue : immediateQueue;
    let immediate = queue.head;
    // Detached first: immediates queued from now on wait for the next turn.
    if (queue !== outstandingQueue) {
      queue.head = queue.tail = null;
      immediateInfo[kHasOutstanding] = 1;
    }
    let prevImmediate;
    let ranAtLeastOneImmediate = false;
    while (immediate !== null) {
      if (ranAtLeastOneImmediate) runNextTicks();
      else ranAtLeastOneImmediate = true;
      // Cleared by a tick just now: its predecessor's link skips it.
      if (immediate._destroyed) {
        outstandingQueue.head = immediate = prevImmediate._idleNext;
        continue;
      }
      immediate._destroyed = true;
      immediateInfo[kCount]--;
      if (immediate[kRefed] && --immediateInfo[kRefCount] === 0) toggleImmediateRef(false);
      immediate[kRefed] = null;
      prevImmediate = immediate;
      if (frames.state.used) frames.setFrame(immediate[kFrame]);
      const tracking = asyncHooksState.tracking;
      const asyncId = immediate[asyncIdSymbol];
      if (tracking) tracker().emitBefore(asyncId, immediate[triggerAsyncIdSymbol], immediate);
      try {
        const argv = immediate._argv;
        if (!argv) immediate._onImmediate();
        else immediate._onImmediate(...argv);
      } finally {
        // On an exception the rest stays in outstandingQueue for next time.
        immediate._onImmediate = null;
        if (tracking) tracker().emitDestroy(asyncId);
        outstandingQueue.head = immediate = immediate._idleNext;
      }
      if (tracking) tracker().emitAfter(asyncId);
      else if (asyncHooksState.tracking) tracker().emitLateAfter(asyncId);
    }
    if (queue === outstandingQueue) outstandingQueue.head = null;
    immediateInfo[kHasOutstanding] = 0;
  }

  function processTimers(now) {
    nextExpiry = Infinity;
    let list;
    let ranAtLeastOneList = false;
    while ((list = timerListQueue.peek()) != null) {
      if (list.expiry > now) {
        nextExpiry = list.expiry;
        return refCount > 0 ? nextExpiry : -nextExpiry;
      }
      if (ranAtLeastOneList) runNextTicks();
      else ranAtLeastOneList = true;
      listOnTimeout(list, now);
    }
    return 0;
  }

  function listOnTimeout(list, now) {
    const msecs = list.msecs;
    let ranAtLeastOneTimer = false;
    let timer;
    while ((timer = L.peek(list)) != null) {
      const diff = now - timer._idleStart;
      // The rest of the list started later and is not due yet.
      if (diff < msecs) {
        list.expiry = Math.max(timer._idleStart + msecs, now + 1);
        list.id = timerListId++;
        timerListQueue.percolateDown(1);
        return;
      }
      if (ranAtLeastOneTimer) runNextTicks();
      else ranAtLeastOneTimer = true;
      L.remove(timer);
      if (!timer._onTimeout) {
        if (!timer._destroyed) destroyRan(timer);
        continue;
      }
      let start;
      if (timer._repeat) start = getLibevNow();
      if (frames.state.used) frames.setFrame(timer[kFrame]);
      const tracking = asyncHooksState.tracking;
      const asyncId = timer[asyncIdSymbol];
      if (tracking) tracker().emitBefore(asyncId, timer[triggerAsyncIdSymbol], timer);
      try {
        // An exception propagates to C++, which reports it and calls
        // processTimers again for the timers still due.
        const args = timer._timerArgs;
        if (args === undefined) timer._onTimeout();
        else Reflect.apply(timer._onTimeout, timer, args);
      } finally {
        if (timer._repeat && timer._idleTimeout !== -1) {
          timer._idleTimeout = timer._repeat;
          insert(timer, timer._idleTimeout, start);
        } else if (!timer._idleNext && !timer._idlePrev && !timer._destroyed) {
          destroyRan(timer);
        }
      }
      if (tracking) tracker().emitAfter(asyncId);
      else if (asyncHooksState.tracking) tracker().emitLateAfter(asyncId);
    }
    // All ran. The list may have been replaced meanwhile (cleared, then a
    // new timer of the same duration): only drop it if it is still ours.
    if (list === timerListMap[msecs]) {
      delete timerListMap[msecs];
      timerListQueue.shift();
    }
  }

  return { processImmediate, processTimers };
}

{
  const { runNextTicks } = require('internal/process/task_queues');
  const { processImmediate, processTimers } = getTimerCallbacks(runNextTicks);
  hooks.processImmediate = processImmediate;
  hooks.processTimers = processTimers;
}

// A timeout argument (socket.setTimeout, timers.enroll, http's timeout):
// a non-negative finite number; past TIMEOUT_MAX, a warning and TIMEOUT_MAX.
function getTimerDuration(msecs, name) {
  validateNumber(msecs, name);
  if (msecs < 0 || !Number.isFinite(msecs)) {
    throw new ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  }
  if (msecs > TIMEOUT_MAX) {
    process.emitWarning(`${msecs} does not fit into a 32-bit signed integer.` +
                        `\nTimer duration was truncated to ${TIMEOUT_MAX}.`,
                        'TimeoutOverflowWarning');
    return TIMEOUT_MAX;
  }
  return msecs;
}

module.exports = {
  Immediate,
  Timeout,
  ImmediateList,
  TIMEOUT_MAX,
  active,
  asyncIdSymbol,
  getTimerDuration,
  getTimerCallbacks,
  getTimerCounts,
  immediateInfo,
  immediateQueue,
  initAsyncResource,
  insert,
  kCount,
  kHasPrimitive,
  kRefCount,
  kRefed,
  newAsyncId,
  knownTimersById,
  toggleImmediateRef,
  triggerAsyncIdSymbol,
  unenroll,
  unrefActive,
};
