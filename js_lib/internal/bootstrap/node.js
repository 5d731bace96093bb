'use strict';
// Loaded by internal/bootstrap/realm.js, at build time inside the snapshot
// builder (or at startup with --no-snapshot). Before it: the builtin loader.
//
// It turns `process` into an EventEmitter with Node's static properties and
// methods, installs the globals, and loads the core modules every run needs,
// so that their compiled code and state are in the snapshot. Per-run values
// (argv, env, pid, stdio) are filled in later by internal/main.js; stdio
// streams are lazy getters created on first use at run time.

const { defineLazyProperties, exposeAccessorGlobal, exposeGlobal, exposeLazyGlobal } =
  require('internal/bootstrap/globals');

// Node 20 defines the explicit-resource-management symbols V8 10.2 lacks,
// as the registered symbols nodejs.dispose and nodejs.asyncDispose.
for (const name of ['dispose', 'asyncDispose']) {
  if (Symbol[name] === undefined) {
    Object.defineProperty(Symbol, name, {
      __proto__: null, value: Symbol.for(`nodejs.${name}`),
      writable: false, enumerable: false, configurable: false,
    });
  }
}

// Node 20's V8 has String.prototype.isWellFormed/toWellFormed (ES2024);
// V8 10.2 does not, and undici 7 calls them.
if (String.prototype.toWellFormed === undefined) {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const str = (self, name) => {
    if (self === undefined || self === null) {
      throw new TypeError(`String.prototype.${name} called on null or undefined`);
    }
    return `${self}`;
  };
  const methods = {
    isWellFormed() { lone.lastIndex = 0; return !lone.test(str(this, 'isWellFormed')); },
    toWellFormed() { return str(this, 'toWellFormed').replace(lone, '\uFFFD'); },
  };
  for (const name of ['isWellFormed', 'toWellFormed']) {
    Object.defineProperty(String.prototype, name, {
      __proto__: null, value: methods[name], writable: true, enumerable: false, configurable: true,
    });
  }
}

// Node removes V8's non-standard Intl.v8BreakIterator from every context
// (nodejs/node#14909); vm contexts: bindings/contextify.cc.
delete Intl.v8BreakIterator;

// ---- process ---------------------------------------------------------------
// Needed by everything: process is an EventEmitter.
const EventEmitter = require('events');
const processProto = Object.getPrototypeOf(process);
Object.setPrototypeOf(processProto, EventEmitter.prototype);
EventEmitter.call(process);
// An own tag, as Node's: an object made from process's prototype is no
// process to deep equality.
Object.defineProperty(process, Symbol.toStringTag, {
  __proto__: null, value: 'process', writable: true, enumerable: false, configurable: false,
});

require('internal/process/per_thread').setup(process);
require('internal/process/execution').setup(process);
require('internal/process/signals').setup(process);

// process.nextTick and the tick queue C++ drains after each callback.
const { nextTick, queueMicrotask } = require('internal/process/task_queues');
process.nextTick = nextTick;
require('internal/process/promises');
// process.emitWarning's default 'warning' printer: listening before user code
// runs, as Node's, so a user's own listeners come after it.
require('internal/process/warning');

process.binding = function binding(name) {
  const { validateString } = require('internal/validators');
  validateString(name, 'name');
  return hooks.binding(name);
};
process._linkedBinding = process.binding;

// Source maps are not applied yet (--enable-source-maps is accepted); the
// switch is kept for the tools that turn it on and off (tsx).
let sourceMapsEnabled;
process.setSourceMapsEnabled = function setSourceMapsEnabled(val) {
  require('internal/validators').validateBoolean(val, 'val');
  sourceMapsEnabled = val;
};
Object.defineProperty(process, 'sourceMapsEnabled', {
  __proto__: null, enumerable: true, configurable: true,
  get() {
    return sourceMapsEnabled ?? require('internal/options').getOptionValue('--enable-source-maps');
  },
});

// stdio: created at run time, on first use.
defineLazyProperties(process, 'internal/process/stdio', {
  stdout: 'getStdout', stderr: 'getStderr', stdin: 'getStdin',
});
// process.report: made on first use (or at start, for --report-on-signal /
// --report-uncaught-exception: internal/main.js).
defineLazyProperties(process, 'internal/process/report', { report: 'report' });

// ---- globals ---------------------------------------------------------------
// Node's attributes: writable + configurable, most not enumerable (test/common
// checks no enumerable global leaks); the timer functions are enumerable.
exposeGlobal('global', globalThis, true);
// Its own type tag, as Node's: '[object global]' (deep equality compares tags).
Object.defineProperty(globalThis, Symbol.toStringTag, {
  __proto__: null, value: 'global', writable: false, enumerable: false, configurable: true,
});
const timers = require('timers');
for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout',
  'setInterval', 'setTimeout']) {
  exposeGlobal(name, timers[name], true);
}
exposeGlobal('queueMicrotask', queueMicrotask, true);
exposeGlobal('console', require('console'), false);
exposeAccessorGlobal('process', () => process);
exposeLazyGlobal('TextEncoder', 'util', 'TextEncoder');
exposeLazyGlobal('TextDecoder', 'util', 'TextDecoder');
exposeLazyGlobal('EventTarget', 'internal/event_target', 'EventTarget');
exposeLazyGlobal('Event', 'internal/event_target', 'Event');
exposeLazyGlobal('CustomEvent', 'internal/event_target', 'CustomEvent');
exposeLazyGlobal('DOMException', 'internal/domexception', 'DOMException');
exposeLazyGlobal('AbortController', 'internal/abort_controller', 'AbortController');
// Web Crypto classes (the enumerable `crypto` global comes after `performance`).
exposeLazyGlobal('Crypto', 'internal/crypto/webcrypto', 'Crypto');
exposeLazyGlobal('CryptoKey', 'internal/crypto/webcrypto', 'CryptoKey');
exposeLazyGlobal('SubtleCrypto', 'internal/crypto/webcrypto', 'SubtleCrypto');
exposeLazyGlobal('AbortSignal', 'internal/abort_controller', 'AbortSignal');
exposeAccessorGlobal('Buffer', () => require('buffer').Buffer);
// Enumerable globals in Node's order: structuredClone, atob, btoa, performance.
exposeLazyGlobal('structuredClone', 'internal/structured_clone', 'structuredClone', true);
for (const name of ['atob', 'btoa']) exposeLazyGlobal(name, 'buffer', name, true);
for (const name of ['Blob', 'File']) exposeLazyGlobal(name, 'buffer', name);
// URL/URLSearchParams are plain data properties in Node (not lazy getters).
exposeGlobal('URL', require('internal/url').URL, false);
exposeGlobal('URLSearchParams', require('internal/url').URLSearchParams, false);
exposeLazyGlobal('performance', 'perf_hooks', 'performance', true);
exposeLazyGlobal('crypto', 'internal/crypto/webcrypto', 'crypto', true);
for (const name of ['Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure',
  'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming']) {
  exposeLazyGlobal(name, 'perf_hooks', name);
}
// Web streams, loaded on first use (as Node 20's lazy interfaces).
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
  'TransformStream', 'TransformStreamDefaultController', 'WritableStream',
  'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream',
  'DecompressionStream']) {
  exposeLazyGlobal(name, 'stream/web', name);
}
// MessageChannel and friends (internal/worker/io), as Node 20's globals.
for (const name of ['BroadcastChannel', 'MessageChannel', 'MessageEvent', 'MessagePort']) {
  exposeLazyGlobal(name, 'internal/worker/io', name);
}
// fetch and its classes (internal/fetch/*), over the http and https clients.
exposeLazyGlobal('fetch', 'internal/fetch', 'fetch', true);
for (const name of ['FormData', 'Headers', 'Request', 'Response']) {
  exposeLazyGlobal(name, 'internal/fetch', name);
}

// ---- what every run uses, compiled into the snapshot -------------------------
require('util');
require('internal/modules/cjs/loader');
require('internal/main');
// Needed by process.stdout/stderr/stdin, which nearly every run creates on
// its first console.log: compiled here, the streams themselves made at run time.
require('internal/process/stdio');
require('internal/process/tty_streams');
require('internal/process/sync_write_stream');
require('internal/process/stdio_socket');
require('internal/streams/readable');
// console.log's formatting and its colour check.
require('internal/util/format');
require('internal/util/colors');
// Needed by the streams (their chunks are Buffers) and so by most runs'
// first console.log; its allocation pool is made at run time, on first use.
require('buffer');
require('stream');
// Needed by nearly every real program and npm package that touches files:
// compiled into the snapshot rather than at the first require('fs').
require('fs');
