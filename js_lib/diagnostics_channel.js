'use strict';

// diagnostics_channel: named publish/subscribe channels for instrumentation
// (Express's router traces requests through one). A channel nobody
// subscribes to costs one `hasSubscribers` check; it is held weakly, so
// channels looked up once and dropped do not pile up, while a channel with
// subscribers or bound stores stays alive (and so keeps its identity).
// TracingChannel groups the five channels of one traced operation.

const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');
const { validateFunction } = require('internal/validators');

// name -> WeakRef(channel); made lazily (nothing weak in the snapshot).
let channels = null;
let registry = null;
// Channels with subscribers or stores: held strongly.
const active = new Set();

function channelMap() {
  if (channels === null) {
    channels = new Map();
    registry = new FinalizationRegistry((name) => {
      const ref = channels.get(name);
      if (ref !== undefined && ref.deref() === undefined) channels.delete(name);
    });
  }
  return channels;
}

function updateActive(ch) {
  if (ch._subscribers !== undefined || ch._stores !== undefined) active.add(ch);
  else active.delete(ch);
}

// Runs a subscriber; its exception is reported as uncaught on the next tick
// and does not stop the other subscribers.
function deliver(fn, data, name) {
  try {
    fn(data, name);
  } catch (err) {
    process.nextTick(() => { throw err; });
  }
}

class Channel {
  constructor(name) {
    this._subscribers = undefined;
    this._stores = undefined;
    this.name = name;
    channelMap().set(name, new WeakRef(this));
    registry.register(this, name);
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    // Copy on write: a publish() in progress keeps iterating its own array.
    this._subscribers = this._subscribers === undefined ? [subscription] :
      [...this._subscribers, subscription];
    updateActive(this);
  }

  unsubscribe(subscription) {
    const list = this._subscribers;
    if (list === undefined) return false;
    const i = list.indexOf(subscription);
    if (i === -1) return false;
    const next = list.slice(0, i).concat(list.slice(i + 1));
    this._subscribers = next.length ? next : undefined;
    updateActive(this);
    return true;
  }

  // store.run(transform(data), ...) wraps runStores() of this channel.
  bindStore(store, transform) {
    const stores = this._stores === undefined ? new Map() : new Map(this._stores);
    stores.set(store, transform);
    this._stores = stores;
    updateActive(this);
  }

  unbindStore(store) {
    if (this._stores === undefined || !this._stores.has(store)) return false;
    const stores = new Map(this._stores);
    stores.delete(store);
    this._stores = stores.size ? stores : undefined;
    updateActive(this);
    return true;
  }

  get hasSubscribers() {
    return this._subscribers !== undefined || this._stores !== undefined;
  }

  publish(data) {
    const list = this._subscribers;
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) deliver(list[i], data, this.name);
  }

  // Enters each bound store (with its transform of `data`), publishes, then
  // runs fn inside all of them.
  runStores(data, fn, thisArg, ...args) {
    const stores = this._stores;
    if (stores === undefined) {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    }
    const entries = [...stores];
    const run = (i) => {
      if (i === entries.length) {
        this.publish(data);
        return Reflect.apply(fn, thisArg, args);
      }
      const [store, transform] = entries[i];
      let value = data;
      if (typeof transform === 'function') {
        try {
          value = transform(data);
        } catch (err) {
          process.nextTick(() => { throw err; });
          return run(i + 1);
        }
      }
      return store.run(value, run, i + 1);
    };
    return run(0);
  }
}

function validateName(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw new ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
}

function channel(name) {
  const ref = channelMap().get(name);
  const existing = ref !== undefined ? ref.deref() : undefined;
  if (existing !== undefined) return existing;
  validateName(name);
  return new Channel(name);
}

function subscribe(name, subscription) {
  channel(name).subscribe(subscription);
}

function unsubscribe(name, subscription) {
  return channel(name).unsubscribe(subscription);
}

function hasSubscribers(name) {
  const ref = channelMap().get(name);
  const ch = ref !== undefined ? ref.deref() : undefined;
  return ch !== undefined && ch.hasSubscribers;
}

const kTraceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of kTraceEvents) {
      let ch;
      if (typeof nameOrChannels === 'string') {
        ch = channel(`tracing:${nameOrChannels}:${event}`);
      } else {
        ch = nameOrChannels[event];
        if (!(ch instanceof Channel)) {
          throw new ERR_INVALID_ARG_TYPE(`nameOrChannels.${event}`, ['Channel'], ch);
        }
      }
      Object.defineProperty(this, event, {
        __proto__: null, value: ch, writable: false, enumerable: false, configurable: false,
      });
    }
  }

  get hasSubscribers() {
    return this.start.hasSubscribers || this.end.hasSubscribers ||
      this.asyncStart.hasSubscribers || this.asyncEnd.hasSubscribers ||
      this.error.hasSubscribers;
  }

  subscribe(handlers) {
    for (const event of kTraceEvents) {
      if (handlers[event]) this[event].subscribe(handlers[event]);
    }
  }

  unsubscribe(handlers) {
    let done = true;
    for (const event of kTraceEvents) {
      if (handlers[event] && !this[event].unsubscribe(handlers[event])) done = false;
    }
    return done;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return traced(this, context, () => {
      const result = Reflect.apply(fn, thisArg, args);
      context.result = result;
      return result;
    });
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { asyncStart, asyncEnd, error } = this;
    const settled = () => {
      asyncStart.publish(context);
      asyncEnd.publish(context);
    };
    return traced(this, context, () => {
      let promise = Reflect.apply(fn, thisArg, args);
      if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
      return promise.then((result) => {
        context.result = result;
        settled();
        return result;
      }, (err) => {
        context.error = err;
        error.publish(context);
        settled();
        throw err;
      });
    });
  }

  // The callback is args.at(position); it is wrapped to publish the async
  // events around it.
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const { asyncStart, asyncEnd, error } = this;
    const callback = args.at(position);
    validateFunction(callback, 'callback');
    function wrappedCallback(err, res) {
      if (err) {
        context.error = err;
        error.publish(context);
      } else {
        context.result = res;
      }
      return asyncStart.runStores(context, () => {
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      });
    }
    args.splice(position, 1, wrappedCallback);
    return traced(this, context, () => Reflect.apply(fn, thisArg, args));
  }
}

// Runs body() inside the stores of tc.start (which publishes `context`):
// tc.error hears of what it throws (rethrown), tc.end of its return.
function traced(tc, context, body) {
  const { start, end, error } = tc;
  return start.runStores(context, () => {
    try {
      return body();
    } catch (err) {
      context.error = err;
      error.publish(context);
      throw err;
    } finally {
      end.publish(context);
    }
  });
}

function tracingChannel(nameOrChannels) {
  if (typeof nameOrChannels !== 'string' &&
      (typeof nameOrChannels !== 'object' || nameOrChannels === null)) {
    throw new ERR_INVALID_ARG_TYPE('nameOrChannels', ['string', 'object', 'Channel'],
                                   nameOrChannels);
  }
  return new TracingChannel(nameOrChannels);
}

module.exports = {
  channel,
  hasSubscribers,
  subscribe,
  tracingChannel,
  unsubscribe,
  Channel,
};
