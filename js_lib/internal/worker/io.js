'use strict';

// MessageChannel, MessagePort, MessageEvent and BroadcastChannel, as Node's
// lib/internal/worker/io.js has them, for the one thread Kiln runs JS on.
// postMessage() clones the value at once (V8's serializer, as
// structuredClone) and queues it; the loop delivers queued messages in its
// next iteration (binding('messaging'), bindings/messaging.cc), one
// top-level callback per message. A port starts, and keeps the process
// alive, once it has a 'message' listener (on(), addEventListener() or
// onmessage), until close(), unref() or the last listener goes.
// There is no worker_threads module yet: packages test for it with
// require() to choose worker threads, so a module without real workers
// would break them; MessagePort transfer between threads waits for it too.

const {
  codes: { ERR_CONSTRUCT_CALL_INVALID, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_ARGS },
} = require('internal/errors');
const { Event, EventTarget, defineEventHandler, kEvents, kNewListener } =
  require('internal/event_target');
const { structuredClone } = require('internal/structured_clone');
const { validateObject } = require('internal/validators');

const kCreate = Symbol('kCreate');
const kPeer = Symbol('kPeer');
const kState = Symbol('kState');
const kNodeListeners = Symbol('kNodeListeners');

// ---- delivery ---------------------------------------------------------------

let messaging = null;
// Messages in posting order: { target, data }. A target is a port or a
// BroadcastChannel; it holds its messages until started.
let queue = [];
let budget = 0;  // messages still due in the current delivery round
const refd = new Set();  // open targets that keep the loop alive
function loopSide() {
  if (messaging === null) {
    messaging = binding('messaging');
    messaging.start(deliver);
  }
  return messaging;
}

function enqueue(target, data) {
  queue.push({ target, data });
  if (target[kState].started) loopSide().schedule();
}

function setRefd(target, ref) {
  if (ref && !target[kState].closed) refd.add(target);
  else refd.delete(target);
  loopSide().setRef(refd.size > 0);
}

// Called by the loop: delivers the first message whose target is started
// (or closes a port whose peer closed, after what was queued before);
// returns whether another is due in this round (budget: the messages queued
// when the round began, so a listener that posts cannot starve the loop).
function deliver(first) {
  if (first) budget = queue.length;
  const i = queue.findIndex((m) => m.close || m.target[kState].started);
  if (i === -1) return false;
  const { target, data, close } = queue[i];
  queue.splice(i, 1);
  budget--;
  if (close) {
    closePort(target);
  } else if (!target[kState].closed) {
    target.dispatchEvent(new MessageEvent('message', { data }));
    if (target instanceof MessagePort) target[kState].afterListenerChange();
  }
  if (budget > 0) return true;
  if (queue.some((m) => m.close || m.target[kState].started)) messaging.schedule();
  return false;
}

function dropQueued(target) {
  queue = queue.filter((m) => m.target !== target);
}

// 'close' comes from the loop, after what is already queued for the target.
function emitClose(target) {
  setImmediate(() => target.dispatchEvent(new MessagePortCloseEvent()));
}

// The event of a port's 'close' (named as Node names it).
class MessagePortCloseEvent extends Event {
  constructor() {
    super('close');
  }
}

function closePort(port) {
  if (port[kState].closed) return;
  port[kState].closed = true;
  dropQueued(port);
  setRefd(port, false);
  emitClose(port);
}

// ---- MessageEvent -------------------------------------------------------------

class MessageEvent extends Event {
  #data;
  #origin;
  #lastEventId;
  #source;
  #ports;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type, options);
    if (options !== undefined && options !== null) validateObject(options, 'options');
    const init = options ?? {};
    this.#data = init.data ?? null;
    this.#origin = `${init.origin ?? ''}`;
    this.#lastEventId = `${init.lastEventId ?? ''}`;
    this.#source = init.source ?? null;
    const ports = init.ports ?? [];
    if (typeof ports !== 'object' || typeof ports[Symbol.iterator] !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options.ports', 'Array', ports);
    }
    this.#ports = Object.freeze([...ports]);
  }

  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
  get ports() { return this.#ports; }
}

// ---- MessagePort --------------------------------------------------------------

function checkPort(port) {
  if (!(port instanceof MessagePort) || port[kState] === undefined) {
    throw new ERR_INVALID_THIS('MessagePort');
  }
}

function notIterable(what) {
  const err = new TypeError(`Optional ${what} argument must be an iterable`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

// postMessage's second argument: the transfer list itself, or { transfer }.
function transferList(options) {
  if (options === undefined || options === null) return [];
  if (typeof options !== 'object') throw notIterable('transferList');
  let list = options;
  if (typeof options[Symbol.iterator] !== 'function') {
    list = options.transfer;
    if (list === undefined) return [];
    if (list === null || typeof list !== 'object' ||
        typeof list[Symbol.iterator] !== 'function') {
      throw notIterable('options.transfer');
    }
  }
  try {
    return [...list];
  } catch {
    throw notIterable(list === options ? 'transferList' : 'options.transfer');
  }
}

function postTo(sender, peer, args) {
  if (args.length === 0) {
    const err = new TypeError('Not enough arguments to MessagePort.postMessage');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  const [message, options] = args;
  const transfer = transferList(options);
  const data = structuredClone(message, { transfer });
  if (sender[kState].closed || peer === null || peer[kState].closed ||
      peer[kState].closing) {
    return;
  }
  enqueue(peer, data);
}

class MessagePort extends EventTarget {
  constructor(token) {
    if (token !== kCreate) throw new ERR_CONSTRUCT_CALL_INVALID();
    super();
    const port = this;
    this[kPeer] = null;
    this[kNodeListeners] = new Map();
    this[kState] = {
      started: false,
      closed: false,
      closing: false,  // the peer closed: what it sent is still delivered
      ref: false,
      // A listener went away (removed, or a `once` one ran): a port with
      // no 'message' listener left stops keeping the loop alive.
      afterListenerChange() {
        if (port[kState].ref && !port[kEvents].has('message')) port.unref();
      },
    };
  }

  [kNewListener](size, type, ...rest) {
    super[kNewListener](size, type, ...rest);
    if (type === 'message' && size === 1) {
      this.ref();
      this.start();
    }
  }

  removeEventListener(type, listener, options) {
    super.removeEventListener(type, listener, options);
    if (this[kState] !== undefined) this[kState].afterListenerChange();
  }

  postMessage(...args) {
    checkPort(this);
    postTo(this, this[kPeer], args);
  }

  start() {
    checkPort(this);
    const state = this[kState];
    if (state.started || state.closed) return;
    state.started = true;
    if (queue.some((m) => m.target === this)) loopSide().schedule();
  }

  // This side closes now, dropping what it has not received; the peer
  // closes once it has received what was sent before.
  close() {
    checkPort(this);
    const peer = this[kPeer];
    if (this[kState].closed) return;
    closePort(this);
    if (peer !== null && !peer[kState].closed && !peer[kState].closing) {
      peer[kState].closing = true;
      queue.push({ target: peer, close: true });
      loopSide().schedule();
    }
  }

  ref() {
    checkPort(this);
    this[kState].ref = true;
    setRefd(this, true);
    return this;
  }

  unref() {
    checkPort(this);
    this[kState].ref = false;
    setRefd(this, false);
    return this;
  }

  hasRef() {
    checkPort(this);
    return this[kState].ref && !this[kState].closed;
  }

  // Node's EventEmitter-style methods (NodeEventTarget): a 'message'
  // listener gets the message itself, others get the event.
  on(type, listener) { return addNodeListener(this, type, listener, false); }
  addListener(type, listener) { return addNodeListener(this, type, listener, false); }
  once(type, listener) { return addNodeListener(this, type, listener, true); }

  off(type, listener) { return this.removeListener(type, listener); }
  removeListener(type, listener) {
    const list = this[kNodeListeners].get(type);
    const i = list === undefined ? -1 : list.findLastIndex((e) => e.listener === listener);
    if (i !== -1) {
      const [{ wrapper }] = list.splice(i, 1);
      this.removeEventListener(type, wrapper);
    }
    return this;
  }

  removeAllListeners(type = undefined) {
    if (type === undefined) {
      this[kEvents].clear();
      this[kNodeListeners].clear();
    } else {
      this[kEvents].delete(`${type}`);
      this[kNodeListeners].delete(`${type}`);
    }
    this[kState].afterListenerChange();
    return this;
  }

  emit(type, arg) {
    const event = type === 'message' || type === 'messageerror' ?
      new MessageEvent(type, { data: arg }) : new Event(type);
    const had = this[kEvents].has(type);
    this.dispatchEvent(event);
    return had;
  }

  listenerCount(type) { return this[kEvents].get(`${type}`)?.size ?? 0; }
  eventNames() { return [...this[kEvents].keys()]; }
}
defineEventHandler(MessagePort.prototype, 'message');
defineEventHandler(MessagePort.prototype, 'messageerror');

function addNodeListener(port, type, listener, once) {
  if (typeof listener !== 'function') throw new ERR_INVALID_ARG_TYPE('listener', 'Function', listener);
  type = typeof type === 'symbol' ? type : `${type}`;
  const entry = { listener, wrapper: null };
  const takesData = type === 'message' || type === 'messageerror';
  entry.wrapper = function(event) {
    if (once) port.removeListener(type, listener);
    return Reflect.apply(listener, port, [takesData ? event.data : event]);
  };
  let list = port[kNodeListeners].get(type);
  if (list === undefined) port[kNodeListeners].set(type, list = []);
  list.push(entry);
  port.addEventListener(type, entry.wrapper);
  return port;
}

function createPort() {
  return new MessagePort(kCreate);
}

class MessageChannel {
  constructor() {
    const port1 = createPort();
    const port2 = createPort();
    port1[kPeer] = port2;
    port2[kPeer] = port1;
    Object.defineProperties(this, {
      port1: { __proto__: null, value: port1, enumerable: true, configurable: false, writable: false },
      port2: { __proto__: null, value: port2, enumerable: true, configurable: false, writable: false },
    });
  }
}

// ---- BroadcastChannel ---------------------------------------------------------

const channels = new Map();  // name -> Set of open BroadcastChannels

class BroadcastChannel extends EventTarget {
  #name;

  constructor(name) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    super();
    this.#name = `${name}`;
    this[kState] = { started: true, closed: false };
    let set = channels.get(this.#name);
    if (set === undefined) channels.set(this.#name, set = new Set());
    set.add(this);
  }

  get name() {
    if (this[kState] === undefined) throw new ERR_INVALID_THIS('BroadcastChannel');
    return this.#name;
  }

  [kNewListener](size, type, ...rest) {
    super[kNewListener](size, type, ...rest);
    if (type === 'message' && size === 1) setRefd(this, true);
  }

  removeEventListener(type, listener, options) {
    super.removeEventListener(type, listener, options);
    if (this[kState] !== undefined && !this[kEvents].has('message')) setRefd(this, false);
  }

  postMessage(message) {
    if (this[kState] === undefined) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    if (this[kState].closed) {
      const { DOMException } = require('internal/domexception');
      throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    }
    const data = structuredClone(message);
    for (const other of channels.get(this.#name)) {
      if (other !== this) enqueue(other, data);
    }
  }

  close() {
    if (this[kState] === undefined) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (this[kState].closed) return;
    this[kState].closed = true;
    const set = channels.get(this.#name);
    set.delete(this);
    if (set.size === 0) channels.delete(this.#name);
    dropQueued(this);
    setRefd(this, false);
  }

  ref() {
    setRefd(this, true);
    return this;
  }

  unref() {
    setRefd(this, false);
    return this;
  }
}
defineEventHandler(BroadcastChannel.prototype, 'message');
defineEventHandler(BroadcastChannel.prototype, 'messageerror');

module.exports = {
  BroadcastChannel,
  MessageChannel,
  MessageEvent,
  MessagePort,
};
