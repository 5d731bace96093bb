'use strict';

// async_hooks as Node 20: createHook over the resource lifecycle of
// internal/async_hooks, and AsyncLocalStorage and AsyncResource over the
// async context frame of internal/async_context (V8's continuation-preserved
// embedder data). A frame is an immutable Map from AsyncLocalStorage to its
// store; run() makes a new one current and restores the old one after.
//
// Execution contexts are tracked from the first enabled hook or the first
// call of executionAsyncId()/triggerAsyncId()/executionAsyncResource(): a
// callback of a resource made before that reports the context it was
// called from.

const {
  codes: { ERR_ASYNC_CALLBACK, ERR_ASYNC_TYPE, ERR_INVALID_ASYNC_ID },
} = require('internal/errors');
const { validateFunction, validateString } = require('internal/validators');
const { deprecate } = require('internal/util/deprecate');
const frames = require('internal/async_context');
const {
  asyncIdSymbol, kDestroy, kInit, newAsyncId, symbols, triggerAsyncIdSymbol,
} = require('internal/async_hooks');
const internal = require('internal/async_hooks/execution');
const asyncWrapProviders = require('internal/async_wrap_providers');

const { getFrame, setFrame } = frames;

// ---- createHook -------------------------------------------------------------

class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve }) {
    const callbacks = { init, before, after, destroy, promiseResolve };
    for (const name of Object.keys(callbacks)) {
      const fn = callbacks[name];
      if (fn !== undefined && typeof fn !== 'function') throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
      this[symbols[`${name}Symbol`]] = fn;
    }
  }

  enable() {
    internal.enableHook(this);
    return this;
  }

  disable() {
    internal.disableHook(this);
    return this;
  }
}

function createHook(fns) {
  return new AsyncHook(fns);
}

// ---- execution ids ----------------------------------------------------------

function executionAsyncId() {
  internal.startTracking();
  return internal.executionAsyncId();
}

function triggerAsyncId() {
  internal.startTracking();
  return internal.triggerAsyncId();
}

function executionAsyncResource() {
  internal.startTracking();
  return internal.executionAsyncResource();
}

// ---- AsyncResource ----------------------------------------------------------

const kFrame = Symbol('kFrame');
const kDestroyed = Symbol('destroyed');

// Storages enabled now: as Node's init hook, their presence makes
// AsyncResource check its type.
let enabledStorages = 0;

// AsyncResources that nobody destroyed report their destroy when collected.
let destroyRegistry = null;
function onCollected(held) {
  if (!held.destroyed) internal.emitDestroy(held.asyncId);
}

class AsyncResource {
  constructor(type, opts = {}) {
    validateString(type, 'type');
    let trigger = opts;
    let requireManualDestroy = false;
    if (typeof opts !== 'number') {
      trigger = opts.triggerAsyncId === undefined ?
        internal.getDefaultTriggerAsyncId() : opts.triggerAsyncId;
      requireManualDestroy = !!opts.requireManualDestroy;
    }
    if (!Number.isSafeInteger(trigger) || trigger < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', trigger);
    }
    const hooked = internal.hasHooks(kInit);
    if ((enabledStorages > 0 || hooked) && type.length === 0) throw new ERR_ASYNC_TYPE(type);
    const asyncId = newAsyncId();
    this[asyncIdSymbol] = asyncId;
    this[triggerAsyncIdSymbol] = trigger;
    Object.defineProperty(this, kFrame, { value: getFrame(), writable: true });
    if (hooked) internal.emitInit(asyncId, type, trigger, this);
    if (!requireManualDestroy && internal.hasHooks(kDestroy)) {
      const held = { asyncId, destroyed: false };
      Object.defineProperty(this, kDestroyed, { value: held });
      if (destroyRegistry === null) destroyRegistry = new FinalizationRegistry(onCollected);
      destroyRegistry.register(this, held);
    }
  }

  runInAsyncScope(fn, thisArg, ...args) {
    const prior = getFrame();
    setFrame(this[kFrame]);
    const asyncId = this[asyncIdSymbol];
    internal.emitBefore(asyncId, this[triggerAsyncIdSymbol], this);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      // An uncaught exception may have emptied the stack already.
      if (internal.executionAsyncId() === asyncId) internal.emitAfter(asyncId);
      setFrame(prior);
    }
  }

  emitDestroy() {
    if (this[kDestroyed] !== undefined) this[kDestroyed].destroyed = true;
    internal.emitDestroy(this[asyncIdSymbol]);
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
  createHook,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};
