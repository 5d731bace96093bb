'use strict';
// process.emitWarning and the default 'warning' printer, as Node 20:
// "(node:PID) [CODE] Type: message", the --trace-warnings hint once, and
// --no-warnings / --no-deprecation / --throw-deprecation (internal/options).

let traceHintShown = false;

const { getOptionValue } = require('internal/options');

function createWarning(warning, type, code, ctor, detail) {
  if (typeof warning === 'string') {
    // No frames from here: the stack, always taken as Node's, starts at the caller.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    // eslint-disable-next-line no-restricted-syntax
    warning = new Error(warning);
    Error.stackTraceLimit = limit;
    warning.name = String(type || 'Warning');
    if (code !== undefined) warning.code = code;
    if (detail !== undefined) warning.detail = detail;
    Error.captureStackTrace(warning, ctor || process.emitWarning);
  }
  return warning;
}

function emitWarning(warning, type, code, ctor) {
  const { validateString, validateFunction } = require('internal/validators');
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type;
    code = undefined;
    type = 'Warning';
  }
  if (type !== undefined) validateString(type, 'type');
  if (typeof code === 'function') {
    ctor = code;
    code = undefined;
  } else if (code !== undefined) {
    validateString(code, 'code');
  }
  if (ctor !== undefined) validateFunction(ctor, 'ctor');
  if (typeof warning !== 'string' && !(warning instanceof Error)) {
    const { ERR_INVALID_ARG_TYPE } = require('internal/errors').codes;
    throw new ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  warning = createWarning(warning, type, code, ctor, detail);
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation || !getOptionValue('--deprecation')) return;
    if (process.throwDeprecation || getOptionValue('--throw-deprecation')) {
      // Thrown from the tick queue, as Node does: the caller continues.
      return process.nextTick(() => { throw warning; });
    }
  }
  process.nextTick(() => process.emit('warning', warning));
}

// --redirect-warnings=FILE or NODE_REDIRECT_WARNINGS=FILE: append instead of
// printing; stderr if the file cannot be written.
function redirectTarget() {
  return getOptionValue('--redirect-warnings') || process.env.NODE_REDIRECT_WARNINGS || undefined;
}

function writeWarning(warning) {
  if (!(warning instanceof Error)) return;
  if (!getOptionValue('--warnings') || process.noProcessWarnings ||
    process.env.NODE_NO_WARNINGS === '1') return;
  if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
  const trace = getOptionValue('--trace-warnings') ||
    (warning.name === 'DeprecationWarning' && process.traceDeprecation);
  let msg = `(${process.release.name}:${process.pid}) `;
  if (warning.code) msg += `[${warning.code}] `;
  msg += trace && warning.stack ? warning.stack : `${warning.name}: ${warning.message}`;
  if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
  if (!trace && !traceHintShown) {
    traceHintShown = true;
    const traceFlag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    msg += `\n(Use \`${process.release.name} ${traceFlag} ...\` to show where the warning ` +
      'was created)';
  }
  const file = redirectTarget();
  if (file) {
    try {
      require('fs').appendFileSync(file, `${msg}\n`);
      return;
    } catch {
      // Fall back to stderr, as Node does.
    }
  }
  try {
    process.stderr.write(`${msg}\n`);
  } catch {
    binding('fs').writeStringSync(2, `${msg}\n`);
  }
}

// The default listener: installed at build time, prints at run time.
process.on('warning', writeWarning);

// A DeprecationWarning emitted at most once per code.
const emittedDeprecations = new Set();
function emitDeprecation(message, code) {
  if (emittedDeprecations.has(code)) return;
  emittedDeprecations.add(code);
  emitWarning(message, 'DeprecationWarning', code);
}

module.exports = { emitWarning, emitDeprecation };
