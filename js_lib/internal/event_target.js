'use strict';

// The WHATWG EventTarget (Event and CustomEvent are in internal/events/event,
// re-exported here), with Node's behaviour: a
// listener's exception (or rejected promise) is re-thrown from a nextTick
// callback, i.e. becomes an uncaught exception, and dispatch goes on.
// Listeners of one type form a linked list that dispatch walks, so a
// listener removed mid-dispatch is skipped and one appended is reached.

const {
  codes: { ERR_EVENT_RECURSION, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateAbortSignal, validateObject } = require('internal/validators');
const {
  kMaxEventTargetListeners, kMaxEventTargetListenersWarned, kResistStopPropagation,
  kWeakHandler,
} = require('internal/events/symbols');
const {
  CustomEvent, Event, inspectAs, kIsBeingDispatched, kStop, kTarget, kTrustEvent,
  makeEnumerable,
} = require('internal/events/event');

const kEvents = Symbol('kEvents');
// Hook for subclasses (AbortSignal): called after a listener is added.
const kNewListener = Symbol('kNewListener');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

let inspectFn = null;
function inspect(value, options) {
  if (inspectFn === null) inspectFn = require('internal/util/inspect').inspect;
  return inspectFn(value, options);
}

function isEventTarget(obj) {
  return obj !== null && typeof obj === 'object' && obj[kEvents] instanceof Map;
}

// Weak listeners (options[kWeakHandler] = resource): the resource keeps the
// listener alive through `retainers`; once both are collected, `registry`
// removes the listener's node (if its target is still alive). Made on first
// use, at run time.
let weakListeners;
function holdWeakly(target, type, root, node, listener, resource) {
  weakListeners ??= {
    retainers: new WeakMap(),
    registry: new FinalizationRegistry(({ targetRef, type, root, node }) => {
      const target = targetRef.deref();
      if (target !== undefined) removeListener(target, type, root, node);
    }),
  };
  weakListeners.retainers.set(resource, listener);
  weakListeners.registry.register(listener, { targetRef: new WeakRef(target), type, root, node }, node);
  node.listener = node.callback = new WeakRef(listener);
}

// Unlinks `node` from `root`, the list of `type` on `target`, once.
function removeListener(target, type, root, node) {
  if (node.removed) return;
  node.remove();
  root.size--;
  if (root.size === 0 && target[kEvents].get(type) === root) target[kEvents].delete(type);
}

// One registered listener: a node of its type's doubly linked list.
class Listener {
  constructor(previous, listener, once, capture, passive, resistStopPropagation, weak) {
    this.next = undefined;
    this.previous = previous;
    if (previous !== undefined) previous.next = this;
    this.listener = listener;
    this.once = once;
    this.capture = capture;
    this.passive = passive;
    this.resistStopPropagation = resistStopPropagation;
    this.removed = false;
    // A weak listener (its callback a WeakRef, set by holdWeakly) is never
    // found by removeEventListener, as in Node.
    this.weak = weak !== undefined;
    if (typeof listener === 'function') {
      this.callback = listener;
    } else {
      // handleEvent is looked up at each dispatch, with the object as this.
      this.callback = function(...args) {
        if (typeof listener.handleEvent === 'function') {
          return Reflect.apply(listener.handleEvent, listener, args);
        }
      };
    }
  }

  same(listener, capture) {
    return this.listener === listener && this.capture === capture;
  }

  // The function to call: undefined once a weak listener was collected.
  get handler() {
    return this.weak ? this.callback.deref() : this.callback;
  }

  remove() {
    if (this.weak) weakListeners.registry.unregister(this);
    if (this.previous !== undefined) this.previous.next = this.next;
    if (this.next !== undefined) this.next.previous = this.previous;
    this.removed = true;
  }
}

function validateEventListener(listener) {
  if (typeof listener === 'function' || typeof listener?.handleEvent === 'function') return true;
  if (listener == null) return false;
  if (typeof listener === 'object') return true;  // handleEvent may be added later
  throw new ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
}

function validateOptions(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options === null) return {};
  validateObject(options, 'options', { allowArray: true, allowFunction: true });
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    resistStopPropagation: Boolean(options[kResistStopPropagation]),
    weak: options[kWeakHandler],
  };
}

// A listener's exception: thrown again from a tick, so the current dispatch
// goes on and the error reaches 'uncaughtException'.
function emitUncaughtException(err) {
  process.nextTick(() => { throw err; });
}

function addCatch(promise) {
  const then = promise.then;
  if (typeof then === 'function') {
    then.call(promise, undefined, function(err) {
      emitUncaughtException(err);
    });
  }
}

class EventTarget {
  static [Symbol.for('nodejs.event_target')] = true;

  constructor() {
    this[kEvents] = new Map();
    this[kMaxEventTargetListeners] = require('events').defaultMaxListeners;
    this[kMaxEventTargetListenersWarned] = false;
  }

  [kNewListener](size, type) {
    if (this[kMaxEventTargetListeners] > 0 && size > this[kMaxEventTargetListeners] &&
        !this[kMaxEventTargetListenersWarned]) {
      this[kMaxEventTargetListenersWarned] = true;
      const w = new Error('Possible EventTarget memory leak detected. ' +
                          `${size} ${type} listeners added to ${inspect(this, { depth: -1 })}. ` +
                          `MaxListeners is ${this[kMaxEventTargetListeners]}. ` +
                          'Use events.setMaxListeners() to increase limit');
      w.name = 'MaxListenersExceededWarning';
      w.target = this;
      w.type = type;
      w.count = size;
      process.emitWarning(w);
    }
  }

  addEventListener(type, listener, options = {}) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    const { once, capture, passive, signal, resistStopPropagation, weak } = validateOptions(options);
    validateAbortSignal(signal, 'options.signal');
    if (!validateEventListener(listener)) {
      // The DOM accepts a null listener and ignores it; Node warns.
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      w.name = 'AddEventListenerArgumentTypeWarning';
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    type = typeof type === 'symbol' ? type : `${type}`;
    if (signal) {
      if (signal.aborted) return;
      // Removed when the signal aborts; only the first registration counts.
      signal.addEventListener('abort', () => {
        this.removeEventListener(type, listener, options);
      }, { __proto__: null, once: true, [kResistStopPropagation]: true });
    }

    let root = this[kEvents].get(type);
    if (root === undefined) {
      root = { size: 1, next: undefined, resistStopPropagation };
      const node = new Listener(root, listener, once, capture, passive, resistStopPropagation, weak);
      if (node.weak) holdWeakly(this, type, root, node, listener, weak);
      this[kEvents].set(type, root);
      this[kNewListener](root.size, type, listener, once, capture, passive);
      return;
    }
    let handler = root.next;
    let previous = root;
    while (handler !== undefined && !handler.same(listener, capture)) {
      previous = handler;
      handler = handler.next;
    }
    if (handler !== undefined) return;  // already registered
    const node = new Listener(previous, listener, once, capture, passive, resistStopPropagation, weak);
    if (node.weak) holdWeakly(this, type, root, node, listener, weak);
    root.size++;
    root.resistStopPropagation ||= resistStopPropagation;
    this[kNewListener](root.size, type, listener, once, capture, passive);
  }

  removeEventListener(type, listener, options = {}) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('type', 'listener');
    if (!validateEventListener(listener)) return;
    type = typeof type === 'symbol' ? type : `${type}`;
    const capture = options?.capture === true || options === true;
    const root = this[kEvents].get(type);
    if (root === undefined || root.next === undefined) return;
    let handler = root.next;
    while (handler !== undefined) {
      if (handler.same(listener, capture)) {
        removeListener(this, type, root, handler);
        break;
      }
      handler = handler.next;
    }
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('event');
    if (!(event instanceof Event)) throw new ERR_INVALID_ARG_TYPE('event', 'Event', event);
    if (event[kIsBeingDispatched]) throw new ERR_EVENT_RECURSION(event.type);
    dispatch(this, event.type, event);
    return event.defaultPrevented !== true;
  }

  [customInspect](depth, options) {
    if (!isEventTarget(this)) throw new ERR_INVALID_THIS('EventTarget');
    return inspectAs(this, {}, depth, options);
  }
}
makeEnumerable(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, {
  __proto__: null, writable: false, enumerable: false, configurable: true, value: 'EventTarget',
});

function dispatch(target, type, event) {
  event[kTarget] = target;
  event[kIsBeingDispatched] = true;
  const root = target[kEvents].get(type);
  let handler = root?.next;
  const goOn = () => handler !== undefined &&
    (root.resistStopPropagation || handler.passive || event[kStop] !== true);
  while (goOn()) {
    // The current node may be removed by its own listener: keep the next.
    const next = handler.next;
    if (handler.removed || (event[kStop] === true && !handler.resistStopPropagation)) {
      handler = next;
      continue;
    }
    if (handler.once) removeListener(target, type, root, handler);
    const callback = handler.handler;
    if (callback === undefined) {  // a weak listener, collected
      handler = next;
      continue;
    }
    try {
      const result = Reflect.apply(callback, target, [event]);
      if (result !== undefined && result !== null) addCatch(result);
    } catch (err) {
      emitUncaughtException(err);
    }
    handler = next;
  }
  event[kIsBeingDispatched] = false;
}

// The listeners of `type` in dispatch order (events.getEventListeners).
function getTargetListeners(target, type) {
  const listeners = [];
  let handler = target[kEvents].get(type)?.next;
  while (handler !== undefined) {
    const listener = handler.weak ? handler.callback.deref() : handler.listener;
    if (listener !== undefined) listeners.push(listener);
    handler = handler.next;
  }
  return listeners;
}

// An `on<event>` accessor: setting a function makes it the (single) handler.
function defineEventHandler(emitter, name, event = name) {
  const handlers = new WeakMap();
  Object.defineProperty(emitter, `on${name}`, {
    __proto__: null,
    get() {
      return handlers.get(this)?.handler ?? null;
    },
    set(value) {
      let wrapped = handlers.get(this);
      if (wrapped === undefined) {
        wrapped = function(...args) {
          if (typeof wrapped.handler === 'function') {
            return Reflect.apply(wrapped.handler, this, args);
          }
        };
        wrapped.handler = null;
        handlers.set(this, wrapped);
      }
      if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
        if (wrapped.handler === null) this.addEventListener(event, wrapped);
        wrapped.handler = value;
      } else {
        if (wrapped.handler !== null) this.removeEventListener(event, wrapped);
        wrapped.handler = null;
      }
    },
    configurable: true,
    enumerable: true,
  });
}

module.exports = {
  CustomEvent,
  Event,
  EventTarget,
  defineEventHandler,
  getTargetListeners,
  isEventTarget,
  kEvents,
  kNewListener,
  kResistStopPropagation,
  kTrustEvent,
};
