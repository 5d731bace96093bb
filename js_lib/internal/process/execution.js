'use strict';
// Exit and fatal-error handling: process.exit, process.exitCode, and the
// hooks C++ calls when an exception escapes (onUncaughtException) and when
// the process is about to end (emitProcessEvent('beforeExit' | 'exit')).

const { kiln: kilnVersion } = binding('process_methods').versions;
const { state: asyncHooksState, tracker } = require('internal/async_hooks');
let captureCallback = null;
// In a worker: sends a fatal exception to the parent instead of printing it.
let fatalReporter = null;
function setFatalReporter(fn) { fatalReporter = fn; }
// Read by C++ (Environment::ShouldAbortOnUncaughtException): 0 while a
// capture callback is set, so --abort-on-uncaught-exception does not abort.
const shouldAbortOnUncaughtToggle = new Int32Array(1);
shouldAbortOnUncaughtToggle[0] = 1;
hooks.shouldAbortOnUncaughtToggle = shouldAbortOnUncaughtToggle;
// Errors whose stack already starts with the source line and caret.
const decorated = new WeakSet();

function validateExitCode(code) {
  if (code === undefined || code === null) return;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) return;
  const { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE } = require('internal/errors').codes;
  if (typeof code !== 'number') throw new ERR_INVALID_ARG_TYPE('code', 'number', code);
  if (!Number.isInteger(+code)) throw new ERR_OUT_OF_RANGE('code', 'an integer', code);
}

function nop() {}

function exitCodeOf(code) { return code === undefined || code === null ? 0 : +code | 0; }

// 'exit' is emitted once, by whichever comes first: process.exit(), the loop
// running dry, or a fatal exception. Returns the final exit code.
function emitExit(code) {
  if (!process._exiting) {
    process._exiting = true;
    // Left undefined on a clean exit, as Node leaves it for 'exit' listeners.
    if (process.exitCode === undefined && code !== 0) process.exitCode = code;
    process.emit('exit', exitCodeOf(process.exitCode));
    // An index loop: user code may have deleted Array.prototype[Symbol.iterator].
    for (let i = 0; i < afterExitHooks.length; i++) afterExitHooks[i]();
  }
  return exitCodeOf(process.exitCode);
}

// Run once, after the 'exit' listeners (the compile cache writes its files
// then); not listeners themselves, so user code never sees them.
const afterExitHooks = [];
function addAfterExitHook(hook) { afterExitHooks.push(hook); }

function emitProcessEvent(name, code) {
  if (name === 'exit') return emitExit(code);
  if (name === 'beforeExit') process.emit('beforeExit', exitCodeOf(process.exitCode));
  return 0;
}

function printFatal(er, source) {
  let text;
  try {
    text = require('internal/util/inspect').inspect(er, { colors: false });
  } catch {
    text = String(er);
  }
  const isError = er !== null && typeof er === 'object' && 'stack' in er;
  // vm decorates the errors it throws (displayErrors) in C++.
  if (isError && (decorated.has(er) || binding('contextify').isDecorated(er))) source = '';
  // Node starts a fatal report for a thrown non-error with an empty line.
  let out = isError ? source || '' : `\n${source || ''}`;
  if (isError) {
    out += (out ? '\n' : '') + text;
  } else {
    out += text + '\n(Use `kiln --trace-uncaught ...` to show where the exception was thrown)';
  }
  out += `\n\nKiln v${kilnVersion}\n`;
  binding('fs').writeStringSync(2, out);
}

let uncaughtExceptionReport = null;
function setUncaughtExceptionReport(fn) { uncaughtExceptionReport = fn; }

// C++ calls this for every exception no JS caught. Returns true when a
// listener handled it, else the exit code (the error is printed).
function onUncaughtException(er, fromPromise, source) {
  const type = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  process.emit('uncaughtExceptionMonitor', er, type);
  if (captureCallback !== null) {
    captureCallback(er);
    if (asyncHooksState.tracking) tracker().afterUncaughtException();
    return true;
  }
  if (process.listenerCount('uncaughtException') > 0) {
    // A throwing listener makes C++ exit with 7, as Node does.
    process.emit('uncaughtException', er, type);
    if (asyncHooksState.tracking) tracker().afterUncaughtException();
    return true;
  }
  // process.report.reportOnUncaughtException: the report first, as Node.
  if (uncaughtExceptionReport !== null) uncaughtExceptionReport(er);
  if (fatalReporter !== null) fatalReporter(er);
  else printFatal(er, source);
  try {
    if (!process._exiting) {
      process._exiting = true;
      process.exitCode = 1;
      process.emit('exit', 1);
    }
  } catch {
    // An 'exit' listener threw while we were already failing.
  }
  return exitCodeOf(process.exitCode) || 1;
}

function setup(process) {
  process._exiting = false;
  // The active domain (lib/domain.js sets it).
  process.domain = null;
  let exitCode;
  Object.defineProperty(process, 'exitCode', {
    __proto__: null, enumerable: true, configurable: false,
    get() { return exitCode; },
    set(code) { validateExitCode(code); exitCode = code; },
  });
  process.exit = function exit(code) {
    validateExitCode(code);
    process.off('exit', handleProcessExit);
    if (code !== undefined) process.exitCode = code;
    emitExit(exitCodeOf(process.exitCode));
    process.reallyExit(exitCodeOf(process.exitCode));
    // In a worker reallyExit returns, with V8's termination pending: V8
    // raises it at its next stack check, which a call makes. Without it the
    // statement after process.exit() would still run (as Node notes).
    nop();
  };
  process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
    if (fn === null) {
      captureCallback = null;
      shouldAbortOnUncaughtToggle[0] = 1;
      return;
    }
    if (typeof fn !== 'function') {
      throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('fn', ['Function', 'null'], fn);
    }
    if (captureCallback !== null) {
      throw new (require('internal/errors').codes.ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET)();
    }
    captureCallback = fn;
    shouldAbortOnUncaughtToggle[0] = 0;
  };
  process.hasUncaughtExceptionCaptureCallback = function hasUncaughtExceptionCaptureCallback() {
    return captureCallback !== null;
  };
  // C++ goes through process._fatalException, which tools monkey-patch as
  // in Node; if it is no longer a function the process exits with 6.
  process._fatalException = onUncaughtException;
  hooks.onUncaughtException = function fatalException(er, fromPromise, source) {
    const handler = process._fatalException;
    if (typeof handler !== 'function') {
      printFatal(er, source);
      return 6;
    }
    return handler === onUncaughtException ?
      onUncaughtException(er, fromPromise, source) :
      (handler(er, fromPromise) ? true : 1);
  };
  hooks.printFatalException = printFatal;
  hooks.emitProcessEvent = emitProcessEvent;
}

function markDecorated(err) { decorated.add(err); }

// While an ES module entry point is still running (internal/modules/esm/
// loader): the loop ran dry with its top-level await unsettled, so exit
// with 13 unless an exit code was set. process.exit() removes it.
function handleProcessExit() {
  if (process.exitCode === undefined) process.exitCode = 13;
}

module.exports = {
  addAfterExitHook, setUncaughtExceptionReport, setup, printFatal, markDecorated, handleProcessExit, setFatalReporter };
