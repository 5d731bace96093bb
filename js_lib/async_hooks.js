'use strict';

// async_hooks: AsyncLocalStorage and AsyncResource, as Node 20, over the
// async context frame of internal/async_context (V8's continuation-preserved
// embedder data). A frame is an immutable Map from AsyncLocalStorage to its
// store; run() makes a new one current and restores the old one after.
//
// createHook is not provided: Kiln does not report the lifecycle of its
// internal resources. executionAsyncId() and executionAsyncResource() report
// the innermost AsyncResource.runInAsyncScope (else the top level: 1 and an
// empty object), triggerAsyncId() its trigger (else 0).

const {
  codes: { ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID },
} = require('internal/errors');
const { validateFunction, validateString } = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');
const frames = require('internal/async_context');
const { newAsyncId } = require('internal/timers');

const { getFrame, setFrame } = frames;

// ---- execution ids ----------------------------------------------------------

const topLevelResource = {};
// The resource whose runInAsyncScope is running, innermost last.
const resourceStack = [];

function executionAsyncResource() {
  const n = resourceStack.length;
  return n === 0 ? topLevelResource : resourceStack[n - 1];
}

function executionAsyncId() {
  const n = resourceStack.length;
  return n === 0 ? 1 : resourceStack[n - 1][asyncIdSymbol];
}

function triggerAsyncId() {
  const n = resourceStack.length;
  return n === 0 ? 0 : resourceStack[n - 1][triggerAsyncIdSymbol];
}

// ---- AsyncResource ----------------------------------------------------------

const asyncIdSymbol = Symbol('async_id_symbol');
const triggerAsyncIdSymbol = Symbol('trigger_async_id_symbol');
const kFrame = Symbol('kFrame');

// Storages enabled now: as Node's init hook, their presence makes
// AsyncResource check its type.
let enabledStorages = 0;

class AsyncResource {
  constructor(type, opts = {}) {
    validateString(type, 'type');
    let trigger = opts;
    if (typeof opts !== 'number') {
      trigger = opts.triggerAsyncId === undefined ? executionAsyncId() : opts.triggerAsyncId;
    }
    if (!Number.isSafeInteger(trigger) || trigger < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', trigger);
    }
    if (enabledStorages > 0 && type.length === 0) throw new ERR_ASYNC_TYPE(type);
    this[asyncIdSymbol] = newAsyncId();
    this[triggerAsyncIdSymbol] = trigger;
    Object.defineProperty(this, kFrame, { value: getFrame(), writable: true });
  }

  runInAsyncScope(fn, thisArg, ...args) {
    const prior = getFrame();
    setFrame(this[kFrame]);
    resourceStack.push(this);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      resourceStack.pop();
      setFrame(prior);
    }
  }

  emitDestroy() {
    return this;
  }

  asyncId() {
    return this[asyncIdSymbol];
  }

  triggerAsyncId() {
    return this[triggerAsyncIdSymbol];
  }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    let bound;
    if (thisArg === undefined) {
      const resource = this;
      bound = function(...args) {
        return Reflect.apply(resource.runInAsyncScope, resource, [fn, this, ...args]);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg);
    }
    let self = this;
    Object.defineProperties(bound, {
      length: {
        __proto__: null, configurable: true, enumerable: false, value: fn.length, writable: false,
      },
      asyncResource: {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get: deprecate(() => self,
                       'The asyncResource property on bound functions is deprecated',
                       'DEP0172'),
        set: deprecate((val) => { self = val; },
                       'The asyncResource property on bound functions is deprecated',
                       'DEP0172'),
      },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    type = type || fn.name;
    return (new AsyncResource(type || 'bound-anonymous-fn')).bind(fn, thisArg);
  }
}

// ---- AsyncLocalStorage ------------------------------------------------------

// `frame` with `storage` mapped to `store` (a new frame; frames never change).
function withStore(frame, storage, store) {
  const next = new Map(frame);
  next.set(storage, store);
  return next;
}

class AsyncLocalStorage {
  constructor() {
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    return AsyncResource.bind(function(cb, ...args) {
      return Reflect.apply(cb, this, args);
    });
  }

  disable() {
    if (this.enabled) {
      this.enabled = false;
      enabledStorages--;
    }
  }

  // Node's storage hook copies stores to new resources; Kiln's frames carry
  // them, so nothing calls this. Kept for code that checks it exists.
  _propagate(resource, triggerResource, type) {}

  _enable() {
    if (!this.enabled) {
      this.enabled = true;
      enabledStorages++;
      frames.state.used = true;
    }
  }

  enterWith(store) {
    this._enable();
    setFrame(withStore(getFrame(), this, store));
  }

  run(store, callback, ...args) {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const prior = getFrame();
    setFrame(withStore(prior, this, store));
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      setFrame(prior);
    }
  }

  exit(callback, ...args) {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    const prior = getFrame();
    if (prior === undefined || !prior.has(this)) return Reflect.apply(callback, null, args);
    const next = new Map(prior);
    next.delete(this);
    setFrame(next);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      setFrame(prior);
    }
  }

  getStore() {
    if (!this.enabled) return undefined;
    const frame = getFrame();
    return frame === undefined ? undefined : frame.get(this);
  }
}

module.exports = {
  AsyncLocalStorage,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  AsyncResource,
};
