'use strict';

// MessageChannel, MessagePort, MessageEvent and BroadcastChannel, as Node's
// lib/internal/worker/io.js has them. postMessage() clones the value at
// once (V8's serializer, as structuredClone) and queues it; the loop
// delivers queued messages in its next iteration (binding('messaging'),
// bindings/messaging.cc), one top-level callback per message. A port
// starts, and keeps the thread alive, once it has a 'message' listener
// (on(), addEventListener() or onmessage), until close(), unref() or the
// last listener goes.
// A port whose peer is on another thread (worker_threads) holds a port end
// of binding('messaging') (kRemote): what it posts is serialized there and
// what arrives is pulled into the same queue at the start of each delivery
// round. Transferring a port of a local channel turns the channel into a
// pair of port ends first. Ports inside a message travel marked with
// kPortMark (V8 10.2's serializer has no host-object hook for JS classes)
// and are revived on arrival. BroadcastChannel stays within one thread.

const {
  codes: { ERR_CONSTRUCT_CALL_INVALID, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_ARGS },
} = require('internal/errors');
const { Event, EventTarget, defineEventHandler, kEvents, kNewListener } =
  require('internal/event_target');
const { structuredClone } = require('internal/structured_clone');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kCreate = Symbol('kCreate');
const kPeer = Symbol('kPeer');
const kState = Symbol('kState');
const kNodeListeners = Symbol('kNodeListeners');
const kRemote = Symbol('kRemote');
const kRawData = Symbol('kRawData');
const kPortMark = '\u0000kilnTransferredPort';
// Objects postMessage() copies even when listed for transfer (Node 20
// ignores them in the transfer list).
const untransferable = new WeakSet();

function markAsUntransferable(obj) {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') {
    untransferable.add(obj);
  }
}

// Port ends this thread receives on -> their MessagePort.
const remotePorts = new Map();

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

function enqueue(target, data, ports = undefined) {
  queue.push({ target, data, ports });
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
  if (first) {
    pullRemote();
    budget = queue.length;
  }
  const i = queue.findIndex((m) => m.close || m.target[kState].started);
  if (i === -1) return false;
  const { target, data, close, ports } = queue[i];
  queue.splice(i, 1);
  budget--;
  if (close) {
    closePort(target);
  } else if (!target[kState].closed) {
    const event = new MessageEvent('message', { data, ports: ports ?? [] });
    event[kRawData] = data;  // on('message') listeners get it as posted (undefined too)
    target.dispatchEvent(event);
    if (target instanceof MessagePort) target[kState].afterListenerChange();
  }
  if (budget > 0) return true;
  if (queue.some((m) => m.close || m.target[kState].started)) messaging.schedule();
  return false;
}

// Moves what arrived on this thread's port ends into the queue.
function pullRemote() {
  if (remotePorts.size === 0) return;
  const got = messaging.drain();
  for (let i = 0; i < got.length; i += 4) {
    const port = remotePorts.get(got[i]);
    if (port === undefined) continue;
    if (got[i + 3]) {
      port[kState].closing = true;
      queue.push({ target: port, close: true });
    } else {
      const ports = got[i + 2].map(adoptRemote);
      queue.push({ target: port, data: revivePorts(got[i + 1], ports), ports });
    }
  }
}

// A MessagePort for port end `id`, received on this thread.
function adoptRemote(id) {
  const port = createPort();
  attachRemote(port, id);
  return port;
}

function attachRemote(port, id) {
  loopSide();
  port[kRemote] = id;
  port[kPeer] = null;
  remotePorts.set(id, port);
  messaging.own(id);
}

// The transferred ports inside a received value were sent as objects
// carrying kPortMark: put the MessagePorts in their place.
function revivePorts(value, ports) {
  if (ports.length === 0) return value;
  const seen = new Set();
  const swap = (v) => {
    if (v === null || typeof v !== 'object') return v;
    if (Object.prototype.hasOwnProperty.call(v, kPortMark)) return ports[v[kPortMark]] ?? v;
    if (seen.has(v)) return v;
    seen.add(v);
    if (v instanceof Map) {
      for (const [k, x] of v) v.set(k, swap(x));
    } else if (v instanceof Set) {
      for (const x of [...v]) {
        const y = swap(x);
        if (y !== x) { v.delete(x); v.add(y); }
      }
    } else if (!ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) {
      for (const k of Object.keys(v)) v[k] = swap(v[k]);
    }
    return v;
  };
  return swap(value);
}

// `port` leaves this thread inside a message: its end id, after making a
// local channel a pair of port ends. The port itself is closed here
// without a 'close' event (as a transferred port is detached in Node).
function detachForTransfer(port) {
  let id = port[kRemote];
  if (id == null) {
    const peer = port[kPeer];
    const [a, b] = loopSide().createPair();
    // What the peer sent and the port has not received goes first.
    const pending = queue.filter((m) => m.target === port && !m.close);
    queue = queue.filter((m) => m.target !== port);
    if (peer !== null && !peer[kState].closed) {
      attachRemote(peer, a);
      for (const m of pending) messaging.post(a, m.data, [], [], makeDataCloneError);
    } else {
      messaging.close(a);
    }
    id = b;
  } else {
    remotePorts.delete(id);
  }
  messaging.disown(id);
  port[kRemote] = null;
  port[kPeer] = null;
  const state = port[kState];
  state.closed = true;
  state.ref = false;
  setRefd(port, false);
  return id;
}

let DOMException;
function makeDataCloneError(message) {
  DOMException ??= require('internal/domexception').DOMException;
  return new DOMException(message, 'DataCloneError');
}

// The transfer list, checked as Node checks it before anything moves:
// { buffers, ports }.
function splitTransfer(sender, transfer) {
  const buffers = [];
  const ports = [];
  for (const item of transfer) {
    if (item instanceof MessagePort) {
      if (item === sender) throw makeDataCloneError('Transfer list contains source port');
      if (ports.includes(item)) {
        throw makeDataCloneError('Transfer list contains duplicate MessagePort');
      }
      ports.push(item);
    } else if (item instanceof ArrayBuffer) {
      if (buffers.includes(item)) {
        throw makeDataCloneError('Transfer list contains duplicate ArrayBuffer');
      }
      buffers.push(item);
    } else if (item !== null && typeof item === 'object' && !(item instanceof SharedArrayBuffer)) {
      const err = new TypeError('Found invalid object in transferList');
      err.code = 'ERR_INVALID_TRANSFER_OBJECT';
      throw err;
    }
  }
  for (const port of ports) {
    if (port[kState].closed) {
      throw makeDataCloneError('MessagePort in transfer list is already detached');
    }
  }
  return { buffers, ports };
}

// A MessagePort can only travel in the transfer list: one found in the
// message without being listed there is an error, as in Node (it would
// otherwise arrive as a plain object).
function checkListedPorts(message, ports) {
  const seen = new Set();
  const visit = (v) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof MessagePort && !ports.includes(v)) {
      const err = new TypeError(
        'Object that needs transfer was found in message but not listed in transferList');
      err.code = 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST';
      throw err;
    }
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i]);
    } else if (v instanceof Map) {
      for (const [k, x] of v) { visit(k); visit(x); }
    } else if (v instanceof Set) {
      for (const x of v) visit(x);
    } else {
      for (const key of Object.keys(v)) visit(v[key]);
    }
  };
  visit(message);
}

// postMessage on a port whose peer is on another thread.
function postRemote(sender, message, transfer) {
  const { buffers, ports } = splitTransfer(sender, transfer);
  checkListedPorts(message, ports);
  if (ports.length === 0) {
    messaging.post(sender[kRemote], message, buffers, [], makeDataCloneError);
    return;
  }
  ports.forEach((p, i) => Object.defineProperty(p, kPortMark, {
    __proto__: null, value: i, enumerable: true, configurable: true, writable: true,
  }));
  let ids;
  try {
    // Fails before anything moves if the value cannot be cloned.
    messaging.post(-1, message, [], [], makeDataCloneError);
  } catch (err) {
    for (const p of ports) delete p[kPortMark];
    throw err;
  }
  try {
    ids = ports.map(detachForTransfer);
    messaging.post(sender[kRemote], message, buffers, ids, makeDataCloneError);
  } finally {
    for (const p of ports) delete p[kPortMark];
  }
}

// receiveMessageOnPort(port): the next message queued for it, or undefined.
function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort) || port[kState] === undefined) {
    // Node's message here is its own (a C++ check), not ERR_INVALID_ARG_TYPE's.
    const err = new TypeError('The "port" argument must be a MessagePort instance');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (port[kRemote] != null) pullRemote();
  const i = queue.findIndex((m) => m.target === port && !m.close);
  if (i === -1 || port[kState].closed) return undefined;
  const [m] = queue.splice(i, 1);
  return { message: m.data };
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
  if (port[kRemote] != null) {
    remotePorts.delete(port[kRemote]);
    messaging.close(port[kRemote]);
    port[kRemote] = null;
  }
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

  // As Node's: the init dictionary is destructured (a non-iterable `ports`
  // is a TypeError), `source` and each port must be MessagePorts.
  constructor(type, {
    data = null, origin = '', lastEventId = '', source = null, ports = [],
  } = {}) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type);
    this.#data = data;
    this.#origin = `${origin}`;
    this.#lastEventId = `${lastEventId}`;
    this.#source = source;
    this.#ports = Object.freeze([...ports]);
    if (source !== null) validateMessagePort(source, 'init.source');
    for (let i = 0; i < this.#ports.length; i++) {
      validateMessagePort(this.#ports[i], `init.ports[${i}]`);
    }
  }

  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
  get ports() { return this.#ports; }
}

// ---- MessagePort --------------------------------------------------------------

function validateMessagePort(port, name) {
  if (!(port instanceof MessagePort) || port[kState] === undefined) {
    throw new ERR_INVALID_ARG_TYPE(name, 'MessagePort', port);
  }
}

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
    return [...list].filter((x) => !untransferable.has(x));
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
  if (sender[kRemote] != null) return postRemote(sender, message, transfer);
  const { buffers, ports } = splitTransfer(sender, transfer);
  checkListedPorts(message, ports);
  let data;
  if (ports.length === 0) {
    data = structuredClone(message, { transfer: buffers });
  } else {
    // Within the thread the receiver gets the same MessagePort objects.
    ports.forEach((p, i) => Object.defineProperty(p, kPortMark, {
      __proto__: null, value: i, enumerable: true, configurable: true, writable: true,
    }));
    try {
      data = structuredClone(message, { transfer: buffers });
    } finally {
      for (const p of ports) delete p[kPortMark];
    }
    data = revivePorts(data, ports);
  }
  if (sender[kState].closed || peer === null || peer[kState].closed ||
      peer[kState].closing) {
    return;
  }
  enqueue(peer, data, ports);
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
  close(callback) {
    checkPort(this);
    if (typeof callback === 'function') this.once('close', callback);
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
    const arg = !takesData ? event : kRawData in event ? event[kRawData] : event.data;
    return Reflect.apply(listener, port, [arg]);
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

  // As Node: BroadcastChannel { name: 'x', active: true } (false once closed).
  [customInspect](depth, options, inspect) {
    if (this?.[kState] === undefined) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (depth < 0) return 'BroadcastChannel';
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BroadcastChannel ${inspect({ name: this.#name, active: !this[kState].closed }, opts)}`;
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
  adoptRemote,
  attachRemote,
  createPort,
  detachForTransfer,
  kRemote,
  makeDataCloneError,
  markAsUntransferable,
  receiveMessageOnPort,
};
