'use strict';

// Unhandled promise rejections, as Node 20. V8 reports each rejection without
// a handler (and each handler added later) to hooks.promiseRejectHandler; the
// tick callback then calls processPromiseRejections(), after the nextTick
// queue and microtasks drained, so a handler attached in the same tick counts.
//
// --unhandled-rejections=<mode> (internal/options, read at first use):
//   throw (default)       'unhandledRejection', else raise as uncaught exception
//   strict                raise as uncaught exception, then 'unhandledRejection'
//   warn                  'unhandledRejection' and always a warning
//   warn-with-error-code  'unhandledRejection', else a warning and exit code 1
//   none                  'unhandledRejection' only

// v8::PromiseRejectEvent
const kPromiseRejectWithNoHandler = 0;
const kPromiseHandlerAddedAfterReject = 1;
const kPromiseRejectAfterResolved = 2;
const kPromiseResolveAfterResolved = 3;

const kIgnoreUnhandledRejections = 0;
const kAlwaysWarnUnhandledRejections = 1;
const kStrictUnhandledRejections = 2;
const kThrowUnhandledRejections = 3;
const kWarnWithErrorCodeUnhandledRejections = 4;

// hooks.tickInfo is owned by internal/process/task_queues.
const kHasRejectionToWarn = 1;

// promise -> { reason, uid, warned }
const maybeUnhandledPromises = new WeakMap();
// Rejected promises not yet processed (kept alive until then).
const pendingUnhandledRejections = [];
// { promise, warning } for rejections handled after they were reported.
const asyncHandledRejections = [];
let lastPromiseId = 0;
let mode;

function setHasRejectionToWarn(value) {
  hooks.tickInfo[kHasRejectionToWarn] = value ? 1 : 0;
}

function getUnhandledRejectionsMode() {
  switch (require('internal/options').getOptionValue('--unhandled-rejections')) {
    case 'none': return kIgnoreUnhandledRejections;
    case 'warn': return kAlwaysWarnUnhandledRejections;
    case 'strict': return kStrictUnhandledRejections;
    case 'warn-with-error-code': return kWarnWithErrorCodeUnhandledRejections;
    default: return kThrowUnhandledRejections;
  }
}

// V8's Object::NoSideEffectsToString, from C++ when the binding has it.
function noSideEffectsToString(value) {
  const native = binding('errors').noSideEffectsToString;
  if (typeof native === 'function') return native(value);
  switch (typeof value) {
    case 'string': return value;
    case 'symbol': return String(value);
    case 'function': return Function.prototype.toString.call(value);
    case 'object': break;
    default: return `${value}`;
  }
  if (value === null) return 'null';
  // No getters or user toString run: data properties only.
  const get = (obj, key) => {
    for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
      const desc = Object.getOwnPropertyDescriptor(o, key);
      if (desc !== undefined) return 'value' in desc ? desc.value : undefined;
    }
    return undefined;
  };
  if (value instanceof Error) {
    const name = get(value, 'name');
    const message = get(value, 'message');
    const n = typeof name === 'string' ? name : 'Error';
    return typeof message === 'string' && message !== '' ? `${n}: ${message}` : n;
  }
  if (get(value, 'toString') === Object.prototype.toString) {
    const ctor = get(value, 'constructor');
    const name = typeof ctor === 'function' ? get(ctor, 'name') : undefined;
    return `#<${typeof name === 'string' && name !== '' ? name : 'Object'}>`;
  }
  return Object.prototype.toString.call(value);
}

// Raised for a rejection whose reason is not an Error.
class UnhandledPromiseRejection extends Error {
  code = 'ERR_UNHANDLED_REJECTION';
  name = 'UnhandledPromiseRejection';

  constructor(reason) {
    super('This error originated either by throwing inside of an async function ' +
          'without a catch block, or by rejecting a promise which was not handled ' +
          `with .catch(). The promise rejected with the reason "${noSideEffectsToString(reason)}".`);
  }
}

class UnhandledPromiseRejectionWarning extends Error {
  name = 'UnhandledPromiseRejectionWarning';

  constructor(uid) {
    // The warning takes its stack from the reason: none needed here.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('Unhandled promise rejection. This error originated either by throwing ' +
          'inside of an async function without a catch block, or by rejecting a ' +
          'promise which was not handled with .catch(). To terminate the node ' +
          'process on unhandled promise rejection, use the CLI flag ' +
          '`--unhandled-rejections=strict` (see ' +
          'https://nodejs.org/api/cli.html#cli_unhandled_rejections_mode). ' +
          `(rejection id: ${uid})`);
    Error.stackTraceLimit = limit;
  }
}

class PromiseRejectionHandledWarning extends Error {
  name = 'PromiseRejectionHandledWarning';

  constructor(uid) {
    super(`Promise rejection was handled asynchronously (rejection id: ${uid})`);
    this.id = uid;
  }
}

function isErrorLike(o) {
  return typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, 'stack');
}

function promiseRejectHandler(type, promise, reason) {
  switch (type) {
    case kPromiseRejectWithNoHandler:
      maybeUnhandledPromises.set(promise, {
        reason, uid: ++lastPromiseId, warned: false, domain: process.domain,
      });
      pendingUnhandledRejections.push(promise);
      setHasRejectionToWarn(true);
      break;
    case kPromiseHandlerAddedAfterReject:
      handledRejection(promise);
      break;
    case kPromiseResolveAfterResolved:
      resolveError('resolve', promise, reason);
      break;
    case kPromiseRejectAfterResolved:
      resolveError('reject', promise, reason);
      break;
  }
}

// The deprecated 'multipleResolves' event, only for those who listen.
function resolveError(type, promise, reason) {
  if (process.listenerCount('multipleResolves') === 0) return;
  // A tick later, or the executor could catch a listener's exception.
  process.nextTick(() => {
    process.emit('multipleResolves', type, promise, reason);
  });
}

function handledRejection(promise) {
  const promiseInfo = maybeUnhandledPromises.get(promise);
  if (promiseInfo !== undefined) {
    maybeUnhandledPromises.delete(promise);
    if (promiseInfo.warned) {
      // Made now for a stack that shows where the handler was attached.
      const warning = new PromiseRejectionHandledWarning(promiseInfo.uid);
      asyncHandledRejections.push({ promise, warning });
      setHasRejectionToWarn(true);
      return;
    }
  }
  if (pendingUnhandledRejections.length === 0 && asyncHandledRejections.length === 0) {
    setHasRejectionToWarn(false);
  }
}

function emitUnhandledRejectionWarning(uid, reason) {
  const warning = new UnhandledPromiseRejectionWarning(uid);
  try {
    if (isErrorLike(reason)) {
      warning.stack = reason.stack;
      process.emitWarning(reason.stack, 'UnhandledPromiseRejectionWarning');
    } else {
      process.emitWarning(noSideEffectsToString(reason), 'UnhandledPromiseRejectionWarning');
    }
  } catch {
    // A reason whose stack getter throws: the generic warning still goes out.
  }
  process.emitWarning(warning);
}

function triggerUncaught(reason) {
  const err = isErrorLike(reason) ? reason : new UnhandledPromiseRejection(reason);
  binding('errors').triggerUncaughtException(err, true /* fromPromise */);
}

// 'unhandledRejection', or 'error' on the domain the promise was rejected in.
function emitUnhandled(promise, promiseInfo) {
  const { reason, domain } = promiseInfo;
  if (domain) return domain.emit('error', reason);
  return process.emit('unhandledRejection', reason, promise);
}

// Returns true when it ran user code or emitted something, i.e. when the
// nextTick queue and microtasks need draining again.
function processPromiseRejections() {
  let maybeScheduledTicksOrMicrotasks = asyncHandledRejections.length > 0;

  while (asyncHandledRejections.length > 0) {
    const { promise, warning } = asyncHandledRejections.shift();
    if (!process.emit('rejectionHandled', promise)) process.emitWarning(warning);
  }

  if (mode === undefined) mode = getUnhandledRejectionsMode();
  let len = pendingUnhandledRejections.length;
  while (len--) {
    const promise = pendingUnhandledRejections.shift();
    const promiseInfo = maybeUnhandledPromises.get(promise);
    if (promiseInfo === undefined) continue;  // handled in the meantime
    promiseInfo.warned = true;
    const { reason, uid } = promiseInfo;
    switch (mode) {
      case kStrictUnhandledRejections: {
        triggerUncaught(reason);
        if (!emitUnhandled(promise, promiseInfo)) {
          emitUnhandledRejectionWarning(uid, reason);
        }
        break;
      }
      case kIgnoreUnhandledRejections:
        emitUnhandled(promise, promiseInfo);
        break;
      case kAlwaysWarnUnhandledRejections:
        emitUnhandled(promise, promiseInfo);
        emitUnhandledRejectionWarning(uid, reason);
        break;
      case kThrowUnhandledRejections:
        if (!emitUnhandled(promise, promiseInfo)) triggerUncaught(reason);
        break;
      case kWarnWithErrorCodeUnhandledRejections:
        if (!emitUnhandled(promise, promiseInfo)) {
          emitUnhandledRejectionWarning(uid, reason);
          process.exitCode = 1;
        }
        break;
    }
    maybeScheduledTicksOrMicrotasks = true;
  }
  return maybeScheduledTicksOrMicrotasks || pendingUnhandledRejections.length !== 0;
}

hooks.promiseRejectHandler = promiseRejectHandler;

module.exports = {
  noSideEffectsToString,
  processPromiseRejections,
};
