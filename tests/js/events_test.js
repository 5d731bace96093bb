'use strict';
// Differential test of the events module (EventEmitter and its statics),
// EventTarget/Event/CustomEvent and AbortController/AbortSignal. Prints a
// trace; it must equal node's.

const EventEmitter = require('events');
const { once, on, getEventListeners, getMaxListeners, errorMonitor } = EventEmitter;

const log = (...args) => console.log(...args);
const section = (name) => log(`=== ${name}`);
function attempt(label, fn) {
  try {
    const r = fn();
    log(label, 'ok', r);
  } catch (e) {
    log(label, 'threw', e.name, e.code, e.message);
  }
}

section('module shape');
log(Object.keys(EventEmitter).join(','));
log(Object.getOwnPropertyNames(EventEmitter.prototype).join(','));
log(EventEmitter.EventEmitter === EventEmitter, EventEmitter.usingDomains,
    EventEmitter.defaultMaxListeners, String(EventEmitter.captureRejectionSymbol),
    String(errorMonitor), EventEmitter.captureRejections);
log(typeof EventEmitter.init, typeof EventEmitter.listenerCount, typeof EventEmitter.setMaxListeners);

section('basic emit');
{
  const e = new EventEmitter();
  log(e.emit('nothing'), e.eventNames(), e.listenerCount('x'));
  e.on('x', function(a, b) { log('x1', a, b, this === e); });
  e.prependListener('x', (a) => log('x0 (prepended)', a));
  e.once('x', (a) => log('x once', a));
  e.prependOnceListener('x', () => log('x prepended once'));
  log('listenerCount', e.listenerCount('x'), e.listeners('x').length, e.rawListeners('x').length);
  log('emit returns', e.emit('x', 1, 2));
  log('emit again', e.emit('x', 3, 4));
  log('after once:', e.listenerCount('x'));
  const sym = Symbol('s');
  e.on(sym, () => log('symbol event'));
  e.emit(sym);
  log(e.eventNames().map(String).join(','));
  log('on === addListener', e.on === e.addListener, 'off === removeListener', e.off === e.removeListener);
}

section('listeners vs rawListeners');
{
  const e = new EventEmitter();
  function f() {}
  function g() {}
  e.once('a', f);
  e.on('a', g);
  const raw = e.rawListeners('a');
  log(e.listeners('a')[0] === f, raw[0] === f, raw[0].listener === f, raw[1] === g);
  log('listenerCount with listener', e.listenerCount('a', f), e.listenerCount('a', g),
      e.listenerCount('a', () => {}));
  raw[0]();  // the once wrapper removes itself
  log('after calling raw once wrapper', e.listenerCount('a'));
  e.removeListener('a', g);
  log('removed', e.listenerCount('a'), e.eventNames().length);
}

section('removal during emit');
{
  const e = new EventEmitter();
  const b = () => log('b (still runs this time)');
  e.on('x', () => {
    log('a removes b, adds c');
    e.removeListener('x', b);
    e.on('x', () => log('c'));
  });
  e.on('x', b);
  e.emit('x');
  log('second emit:');
  e.emit('x');
}

section('newListener / removeListener events');
{
  const e = new EventEmitter();
  e.on('newListener', (name, fn) => log('newListener', String(name), typeof fn));
  e.on('removeListener', (name, fn) => log('removeListener', String(name), fn.name));
  function one() {}
  function two() {}
  e.on('a', one);
  e.once('a', two);
  e.on('b', one);
  e.removeListener('a', two);
  e.removeListener('a', one);
  e.removeListener('zzz', one);
  e.on('a', one);
  e.on('a', two);
  log('removeAllListeners(a)');
  e.removeAllListeners('a');
  log('removeAllListeners()');
  e.removeAllListeners();
  log(e.eventNames().length, e.listenerCount('newListener'));
}

section('newListener sees the listener before it is added');
{
  const e = new EventEmitter();
  e.once('newListener', (name) => {
    if (name === 'x') e.on('x', () => log('added from newListener (runs first)'));
  });
  e.on('x', () => log('original'));
  e.emit('x');
}

section('errors');
{
  const e = new EventEmitter();
  attempt('emit error Error', () => e.emit('error', new Error('plain')));
  attempt('emit error string', () => e.emit('error', 'a string'));
  attempt('emit error object', () => e.emit('error', { a: 1 }));
  attempt('emit error nothing', () => e.emit('error'));
  try {
    e.emit('error', 42);
  } catch (err) {
    log('context:', err.context);
  }
  e.on(errorMonitor, (err) => log('monitor saw', err.message));
  attempt('monitor does not handle', () => e.emit('error', new Error('monitored')));
  e.on('error', (err) => log('handled', err.message));
  log('with listener', e.emit('error', new Error('handled one')));
  attempt('on non-function', () => e.on('x', 'nope'));
  attempt('once non-function', () => e.once('x', null));
  attempt('removeListener non-function', () => e.removeListener('x', 1));
  attempt('prependListener non-function', () => e.prependListener('x', {}));
  attempt('setMaxListeners -1', () => e.setMaxListeners(-1));
  attempt('setMaxListeners string', () => e.setMaxListeners('1'));
  attempt('defaultMaxListeners = -1', () => { EventEmitter.defaultMaxListeners = -1; });
  attempt('defaultMaxListeners = NaN', () => { EventEmitter.defaultMaxListeners = NaN; });
  attempt('captureRejections = 1', () => { EventEmitter.captureRejections = 1; });
  attempt('new EE bad captureRejections', () => new EventEmitter({ captureRejections: 1 }));
}

section('max listeners');
{
  const e = new EventEmitter();
  log(e.getMaxListeners(), getMaxListeners(e));
  log(e.setMaxListeners(2) === e, e.getMaxListeners());
  process.on('warning', function onWarning(w) {
    log('warning:', w.name, w.message, w.count, String(w.type), w.emitter === e);
    process.removeListener('warning', onWarning);
  });
  e.on('leak', () => {});
  e.on('leak', () => {});
  e.on('leak', () => {});
  e.on('leak', () => {});  // warned once only
  e.setMaxListeners(0);
  for (let i = 0; i < 20; i++) e.on('many', () => {});
  log('no warning with 0, count', e.listenerCount('many'));
}

section('subclass and inheritance');
{
  class Foo extends EventEmitter {}
  const f = new Foo();
  f.on('x', () => log('Foo got x'));
  f.emit('x');
  function Old() {
    EventEmitter.call(this);
  }
  Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
  const o = new Old();
  o.once('y', (v) => log('Old got y', v));
  o.emit('y', 7);
  log(f instanceof EventEmitter, o instanceof EventEmitter, EventEmitter.listenerCount(f, 'x'));
  log(Object.keys(f).join(','));
  log(require('util').inspect(new EventEmitter(), { depth: 0 }));
}

section('captureRejections');
{
  const e = new EventEmitter({ captureRejections: true });
  e.on('ev', async () => {
    throw new Error('async failure');
  });
  e.on('error', (err) => log('captured as error:', err.message));
  e.emit('ev');
  const e2 = new EventEmitter({ captureRejections: true });
  e2.on('ev', async (x) => {
    throw new Error(`failure ${x}`);
  });
  e2[Symbol.for('nodejs.rejection')] = (err, type, ...args) => {
    log('nodejs.rejection:', err.message, type, args);
  };
  e2.emit('ev', 5);
}

function later(fn) {
  setTimeout(fn, 5);
}

later(async () => {
  section('events.once');
  {
    const e = new EventEmitter();
    process.nextTick(() => e.emit('ready', 1, 2));
    log('once resolved', await once(e, 'ready'));
    process.nextTick(() => e.emit('error', new Error('once error')));
    try {
      await once(e, 'ready');
    } catch (err) {
      log('once rejected', err.message, e.listenerCount('ready'), e.listenerCount('error'));
    }
    const ac = new AbortController();
    const p = once(e, 'never', { signal: ac.signal });
    ac.abort();
    try {
      await p;
    } catch (err) {
      log('once aborted', err.name, err.code, e.listenerCount('never'));
    }
    try {
      await once(e, 'x', { signal: 'bad' });
    } catch (err) {
      log('bad signal', err.code, err.message);
    }
    const t = new EventTarget();
    process.nextTick(() => t.dispatchEvent(new Event('ping')));
    const [ev] = await once(t, 'ping');
    log('once on EventTarget', ev.type, ev instanceof Event);
  }

  section('events.on');
  {
    const e = new EventEmitter();
    process.nextTick(() => {
      e.emit('data', 'a');
      e.emit('data', 'b', 'c');
      e.emit('end');
    });
    for await (const args of on(e, 'data', { close: ['end'] })) {
      log('on data', args);
    }
    log('after loop, listeners:', e.listenerCount('data'), e.listenerCount('end'),
        e.listenerCount('error'));
    const e2 = new EventEmitter();
    process.nextTick(() => e2.emit('error', new Error('iter error')));
    try {
      for await (const x of on(e2, 'data')) log('never', x);
    } catch (err) {
      log('on rejected', err.message);
    }
    const ac = new AbortController();
    const it = on(e2, 'data', { signal: ac.signal });
    process.nextTick(() => ac.abort());
    try {
      await it.next();
    } catch (err) {
      log('on aborted', err.name);
    }
    const it2 = on(e2, 'data');
    e2.emit('data', 1);
    log('buffered', await it2.next());
    log('return', await it2.return(), await it2.next());
  }

  section('getEventListeners / setMaxListeners');
  {
    const e = new EventEmitter();
    const f = () => {};
    e.on('x', f);
    const t = new EventTarget();
    const g = () => {};
    t.addEventListener('x', g);
    t.addEventListener('x', { handleEvent() {} });
    log(getEventListeners(e, 'x')[0] === f, getEventListeners(t, 'x').length,
        getEventListeners(t, 'x')[0] === g, getEventListeners(t, 'none').length);
    EventEmitter.setMaxListeners(3, e, t);
    log(e.getMaxListeners(), getMaxListeners(t));
    attempt('setMaxListeners bad target', () => EventEmitter.setMaxListeners(1, {}));
    attempt('getEventListeners bad', () => getEventListeners({}, 'x'));
  }

  section('EventTarget and Event');
  {
    const t = new EventTarget();
    const ev = new Event('foo', { cancelable: true });
    log(ev.type, ev.cancelable, ev.bubbles, ev.composed, ev.defaultPrevented, ev.eventPhase,
        ev.isTrusted, ev.target, ev.currentTarget, ev.returnValue, ev.composedPath().length);
    t.addEventListener('foo', function(e) {
      log('listener 1', this === t, e.target === t, e.currentTarget === t, e.eventPhase,
          e.composedPath()[0] === t);
      e.preventDefault();
    });
    t.addEventListener('foo', { handleEvent(e) { log('handleEvent object', e.defaultPrevented); } });
    t.addEventListener('foo', () => log('once listener'), { once: true });
    log('dispatch returns', t.dispatchEvent(ev), ev.defaultPrevented, ev.eventPhase);
    log('dispatch again returns', t.dispatchEvent(new Event('foo')));
    const dup = () => log('duplicate added once');
    t.addEventListener('bar', dup);
    t.addEventListener('bar', dup);
    t.addEventListener('bar', () => {
      log('stops immediate propagation');
    });
    t.dispatchEvent(new Event('bar'));
    const s = new EventTarget();
    s.addEventListener('x', (e) => { log('first, stop'); e.stopImmediatePropagation(); });
    s.addEventListener('x', () => log('never after stopImmediatePropagation'));
    s.dispatchEvent(new Event('x'));
    const ac = new AbortController();
    s.addEventListener('y', () => log('y with signal'), { signal: ac.signal });
    s.dispatchEvent(new Event('y'));
    ac.abort();
    s.dispatchEvent(new Event('y'));
    log('removed by abort');
    const ce = new CustomEvent('c', { detail: { n: 1 } });
    log(ce.detail, new CustomEvent('d').detail, ce instanceof Event);
    attempt('new Event()', () => new Event());
    attempt('dispatch non-event', () => t.dispatchEvent({ type: 'x' }));
    attempt('bad listener', () => t.addEventListener('x', 5));
    attempt('type getter on plain object', () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({}));
    attempt('add on non-target', () => EventTarget.prototype.addEventListener.call({}, 'x', () => {}));
    log(Object.prototype.toString.call(ev), Object.prototype.toString.call(t));
    log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE);
  }

  section('EventTarget listener errors become uncaught exceptions');
  {
    const handler = (err) => log('uncaughtException:', err.message);
    process.on('uncaughtException', handler);
    const t = new EventTarget();
    t.addEventListener('boom', () => { throw new Error('listener threw'); });
    t.addEventListener('boom', () => log('next listener still runs'));
    t.dispatchEvent(new Event('boom'));
    log('dispatch returned');
    await new Promise((r) => setTimeout(r, 2));
    process.removeListener('uncaughtException', handler);
  }

  section('AbortController / AbortSignal');
  {
    const ac = new AbortController();
    const { signal } = ac;
    log(signal.aborted, signal.reason, typeof signal.throwIfAborted);
    signal.addEventListener('abort', (e) => log('abort event', e.type, e.isTrusted, signal.aborted));
    signal.onabort = (e) => log('onabort', e.type);
    log('onabort is function', typeof signal.onabort);
    ac.abort();
    log(signal.aborted, signal.reason.name, signal.reason.message, signal.reason.code,
        signal.reason instanceof DOMException, signal.reason instanceof Error);
    ac.abort('second abort ignored');
    log(signal.reason.name);
    try {
      signal.throwIfAborted();
    } catch (e) {
      log('throwIfAborted', e.name);
    }
    const ac2 = new AbortController();
    ac2.abort('custom');
    log(ac2.signal.reason);
    const pre = AbortSignal.abort();
    log(pre.aborted, pre.reason.name, AbortSignal.abort(7).reason);
    const a = new AbortController();
    const b = new AbortController();
    const any = AbortSignal.any([a.signal, b.signal]);
    any.addEventListener('abort', () => log('any aborted with', any.reason));
    b.abort('from b');
    a.abort('from a');
    log(AbortSignal.any([AbortSignal.abort('already')]).reason, AbortSignal.any([]).aborted);
    attempt('new AbortSignal', () => new AbortSignal());
    attempt('timeout(-1)', () => AbortSignal.timeout(-1));
    attempt('any(bad)', () => AbortSignal.any([1]));
    attempt('aborted on plain object',
            () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call({}));
    log(Object.prototype.toString.call(signal), Object.prototype.toString.call(ac));
    log(require('util').inspect(new AbortController()), require('util').inspect(pre));
    const ts = AbortSignal.timeout(5);
    await new Promise((r) => ts.addEventListener('abort', r));
    log('timeout signal', ts.aborted, ts.reason.name, ts.reason.message, ts.reason.code);
    const ac3 = new AbortController();
    EventEmitter.addAbortListener(ac3.signal, () => log('addAbortListener fired'));
    ac3.abort();
    EventEmitter.addAbortListener(AbortSignal.abort(), () => log('addAbortListener on aborted (microtask)'));
    log('after addAbortListener');
    await null;
  }

  section('DOMException');
  {
    const d = new DOMException('msg', 'NotFoundError');
    log(d.name, d.message, d.code, String(d), d instanceof Error,
        Object.prototype.toString.call(d), DOMException.ABORT_ERR, d.TIMEOUT_ERR);
    const d2 = new DOMException();
    log(JSON.stringify(d2.name), JSON.stringify(d2.message), d2.code);
    const d3 = new DOMException('m', { name: 'DataCloneError', cause: 'c' });
    log(d3.name, d3.code, d3.cause);
  }
  // The unref'd AbortSignal.timeout timer must not keep the process alive.
  AbortSignal.timeout(100000);
  log('done');
});
