'use strict';

// domain, as Node 20 (deprecated there, still used). A domain is an
// EventEmitter that claims the errors of the code it runs: while one is
// active (process.domain), async resources made belong to it (an async
// hook enters it around their callbacks), new EventEmitters belong to it
// (their unhandled 'error' goes to the domain), and an uncaught exception
// goes to its 'error' listeners through the uncaught-exception capture
// callback, which domains own from the moment this module loads.
//
// Loaded only when required: nothing here runs for programs without domains.

const EventEmitter = require('events');
const {
  codes: {
    ERR_DOMAIN_CALLBACK_NOT_AVAILABLE,
    ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE,
    ERR_UNHANDLED_ERROR,
  },
} = require('internal/errors');
const { createHook } = require('async_hooks');

if (process.hasUncaughtExceptionCaptureCallback()) {
  throw new ERR_DOMAIN_CALLBACK_NOT_AVAILABLE();
}

// Where `domain` was loaded, for the error of a later capture callback.
const domainRequireStack = new Error('require(`domain`) at this point').stack;
const { setUncaughtExceptionCaptureCallback } = process;
process.setUncaughtExceptionCaptureCallback = function(fn) {
  const err = new ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE();
  err.stack += `\n${'-'.repeat(40)}\n${domainRequireStack}`;
  throw err;
};

// async id -> the domain active when the resource was made.
const pairing = new Map();

const asyncHook = createHook({
  init(asyncId, type, triggerAsyncId, resource) {
    const domain = process.domain;
    if (domain === null || domain === undefined) return;
    pairing.set(asyncId, domain);
    if (typeof resource !== 'object' || resource === null) return;
    if (type !== 'PROMISE' || resource instanceof Promise) {
      Object.defineProperty(resource, 'domain', {
        __proto__: null, configurable: true, enumerable: false, value: domain, writable: true,
      });
    }
  },
  before(asyncId) {
    const domain = pairing.get(asyncId);
    if (domain !== undefined) domain.enter();
  },
  after(asyncId) {
    const domain = pairing.get(asyncId);
    if (domain !== undefined) domain.exit();
  },
  destroy(asyncId) {
    pairing.delete(asyncId);
  },
});

// The domains entered and not exited, innermost last (one may repeat).
let stack = [];
exports._stack = stack;
// The domain we are in (process.domain).
exports.active = null;

function setActive(domain) {
  exports.active = process.domain = domain;
}

// The capture callback is set while some domain on the stack listens for
// 'error': otherwise an uncaught exception takes its usual path.
function updateExceptionCapture() {
  setUncaughtExceptionCaptureCallback(null);
  if (stack.some((domain) => domain.listenerCount('error') > 0)) {
    setUncaughtExceptionCaptureCallback((er) => process.domain._errorHandler(er));
  }
}

// The first 'uncaughtException' listener leaves every domain: an uncaught
// exception ends the tick and no domain may stay on the stack across ticks.
function domainUncaughtExceptionClear() {
  stack.length = 0;
  setActive(null);
  updateExceptionCapture();
}

process.on('newListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== domainUncaughtExceptionClear) {
    process.removeListener(name, domainUncaughtExceptionClear);
    process.prependListener(name, domainUncaughtExceptionClear);
  }
});

process.on('removeListener', (name, listener) => {
  if (name === 'uncaughtException' && listener !== domainUncaughtExceptionClear) {
    const listeners = process.listeners('uncaughtException');
    if (listeners.length === 1 && listeners[0] === domainUncaughtExceptionClear) {
      process.removeListener(name, domainUncaughtExceptionClear);
    }
  }
});

function defineDomain(target, domain) {
  Object.defineProperty(target, 'domain', {
    __proto__: null, configurable: true, enumerable: false, value: domain, writable: true,
  });
}

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
    asyncHook.enable();
    this.on('removeListener', updateExceptionCapture);
    this.on('newListener', updateExceptionCapture);
  }
}
Domain.prototype.members = undefined;

exports.Domain = Domain;
exports.create = exports.createDomain = function createDomain() {
  return new Domain();
};

// The capture callback's handler: true when an 'error' listener took `er`.
Domain.prototype._errorHandler = function(er) {
  let caught = false;
  if ((typeof er === 'object' && er !== null) || typeof er === 'function') {
    defineDomain(er, this);
    er.domainThrown = true;
  }
  // The error listener must not run inside the domain it handles.
  while (exports.active === this) this.exit();
  if (stack.length === 0) {
    // The outermost domain: without a listener, the usual uncaught path
    // (and 'uncaughtException' listeners) follow; an error its listener
    // throws is uncaught, so --abort-on-uncaught-exception can abort.
    if (EventEmitter.listenerCount(this, 'error') > 0) {
      setUncaughtExceptionCaptureCallback(null);
      try {
        caught = this.emit('error', er);
      } finally {
        updateExceptionCapture();
      }
    }
  } else {
    try {
      caught = this.emit('error', er);
    } catch (er2) {
      // The listener threw: the next domain out gets that error.
      updateExceptionCapture();
      if (stack.length === 0) throw er2;
      setActive(stack[stack.length - 1]);
      caught = process.domain._errorHandler(er2);
    }
  }
  domainUncaughtExceptionClear();
  return caught;
};

Domain.prototype.enter = function() {
  // Pushed even if already active, so that exit() pops it.
  setActive(this);
  stack.push(this);
  updateExceptionCapture();
};

Domain.prototype.exit = function() {
  // Leaves this domain and every domain entered inside it.
  const index = stack.lastIndexOf(this);
  if (index === -1) return;
  stack.splice(index);
  setActive(stack.length === 0 ? undefined : stack[stack.length - 1]);
  updateExceptionCapture();
};

// Makes `ee` (an EventEmitter, a timer) a member of this domain.
Domain.prototype.add = function(ee) {
  if (ee.domain === this) return;
  if (ee.domain) ee.domain.remove(ee);
  // A domain may not (indirectly) contain a domain that contains it.
  if (this.domain && (ee instanceof Domain)) {
    for (let d = this.domain; d; d = d.domain) {
      if (ee === d) return;
    }
  }
  defineDomain(ee, this);
  this.members.push(ee);
};

Domain.prototype.remove = function(ee) {
  ee.domain = null;
  const index = this.members.indexOf(ee);
  if (index !== -1) this.members.splice(index, 1);
};

Domain.prototype.run = function(fn, ...args) {
  this.enter();
  const ret = Reflect.apply(fn, this, args);
  this.exit();
  return ret;
};

// A callback whose first argument, if an Error, goes to the domain instead.
Domain.prototype.intercept = function(cb) {
  const self = this;
  function runIntercepted(...args) {
    const er = args[0];
    if (er && er instanceof Error) {
      er.domainBound = cb;
      er.domainThrown = false;
      defineDomain(er, self);
      self.emit('error', er);
      return;
    }
    self.enter();
    const ret = Reflect.apply(cb, this, args.slice(1));
    self.exit();
    return ret;
  }
  return runIntercepted;
};

Domain.prototype.bind = function(cb) {
  const self = this;
  function runBound(...args) {
    self.enter();
    const ret = Reflect.apply(cb, this, args);
    self.exit();
    return ret;
  }
  defineDomain(runBound, this);
  return runBound;
};

// ---- EventEmitter integration ---------------------------------------------------

EventEmitter.usingDomains = true;

const eventInit = EventEmitter.init;
EventEmitter.init = function(opts) {
  defineDomain(this, null);
  if (exports.active && !(this instanceof Domain)) this.domain = exports.active;
  return Reflect.apply(eventInit, this, [opts]);
};

const eventEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(...args) {
  const domain = this.domain;
  const type = args[0];
  const shouldEmitError = type === 'error' && this.listenerCount(type) > 0;
  if (shouldEmitError || domain === null || domain === undefined || this === process) {
    return Reflect.apply(eventEmit, this, args);
  }
  if (type === 'error') {
    const er = args.length > 1 && args[1] ? args[1] : new ERR_UNHANDLED_ERROR();
    if (typeof er === 'object') {
      er.domainEmitter = this;
      defineDomain(er, domain);
      er.domainThrown = false;
    }
    // The domain's listener runs outside the domain (and its duplicates on
    // top of the stack), so an error there cannot come back to it.
    const origStack = stack.slice();
    const origActive = process.domain;
    let idx = stack.length - 1;
    while (idx > -1 && process.domain === stack[idx]) --idx;
    if (idx < 0) stack.length = 0;
    else stack.splice(idx + 1);
    setActive(stack.length > 0 ? stack[stack.length - 1] : null);
    updateExceptionCapture();
    domain.emit('error', er);
    exports._stack = stack = origStack;
    setActive(origActive);
    updateExceptionCapture();
    return false;
  }
  domain.enter();
  const ret = Reflect.apply(eventEmit, this, args);
  domain.exit();
  return ret;
};
