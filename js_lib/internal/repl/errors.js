'use strict';
// Where errors thrown later by code a REPL ran (timer and tick callbacks)
// go. Node runs REPL input in a domain; Kiln has no domains, so the first
// REPL installs process.setUncaughtExceptionCaptureCallback (what domains
// use) and uncaught exceptions go to the REPL that last evaluated input,
// which prints them and carries on. As in node, code run by a REPL that is
// not the standalone one may not add 'uncaughtException' listeners.

const { codes: { ERR_INVALID_REPL_INPUT } } = require('internal/errors');

let installed = false;
let lastRepl = null;
const openRepls = new Set();

function guardListeners(event) {
  if (event === 'uncaughtException' && openRepls.size > 0) {
    throw new ERR_INVALID_REPL_INPUT('Listeners for `uncaughtException` cannot be used in the REPL');
  }
}

function capture(err) {
  lastRepl._domain.emit('error', err);
}

// Called for each new REPLServer (standalone: kiln's own REPL).
function trackRepl(repl, standalone) {
  lastRepl = repl;
  if (!standalone) {
    openRepls.add(repl);
    repl.once('close', () => openRepls.delete(repl));
  }
  if (installed) return;
  installed = true;
  process.prependListener('newListener', guardListeners);
  // A capture callback already set by user code wins; errors then stay its.
  if (!process.hasUncaughtExceptionCaptureCallback()) {
    process.setUncaughtExceptionCaptureCallback(capture);
  }
}

// The REPL evaluating input now receives later errors.
function setActiveRepl(repl) {
  lastRepl = repl;
}

module.exports = { setActiveRepl, trackRepl };
