'use strict';
// Differential test of Node's coded errors as user code sees them: name,
// code, message, the first line of the stack ("TypeError [ERR_X]: ..."),
// String(err), own keys and class relations, for errors raised through public
// APIs (events, timers, path, streams, util, ...). Prints a trace; it must
// equal node's.

const EventEmitter = require('events');
const path = require('path');
const util = require('util');
const { Writable, Readable, finished } = require('stream');

const log = (...args) => console.log(...args);

function describe(label, err) {
  const first = String(err.stack).split('\n')[0];
  log(`${label}:`);
  log('  name/code:', err.name, err.code);
  log('  message:', JSON.stringify(err.message));
  log('  stack[0]:', first);
  log('  string:', String(err));
  log('  keys:', Object.keys(err).join(','), '| own:', Object.getOwnPropertyNames(err).join(','));
  log('  classes:', err instanceof Error, err instanceof TypeError, err instanceof RangeError,
      err.constructor.name, Object.prototype.toString.call(err));
}

function check(label, fn) {
  try {
    fn();
    log(`${label}: did not throw`);
  } catch (err) {
    describe(label, err);
  }
}

// ---- ERR_INVALID_ARG_TYPE and its message variants ---------------------------
check('path.join(number)', () => path.join(1));
check('path.join(null)', () => path.join('a', null));
check('path.basename(undefined)', () => path.basename(undefined));
check('path.extname(object)', () => path.extname({}));
check('path.join(array)', () => path.join([]));
check('path.join(function)', () => path.join(function namedFn() {}));
check('path.join(arrow)', () => path.join(() => {}));
check('path.join(symbol)', () => path.join(Symbol('sym')));
check('path.join(bigint)', () => path.join(10n));
check('path.join(long string obj)', () => path.join(new String('x'.repeat(50))));
check('path.join(true)', () => path.join(true));
check('path.join(-0)', () => path.join(-0));
check('path.join(NaN)', () => path.join(NaN));
check('path.join(null proto)', () => path.join(Object.create(null)));
check('events on(non-function)', () => new EventEmitter().on('x', 'str'));
check('setTimeout(non-function)', () => setTimeout('code'));
check('process.nextTick(non-function)', () => process.nextTick(42));
check('queueMicrotask(non-function)', () => queueMicrotask({}));
check('util.promisify(non-function)', () => util.promisify(1));
check('util.inherits(bad)', () => util.inherits(function A() {}, {}));
EventEmitter.once(new EventEmitter(), 'x', { signal: 1 })
  .catch((err) => describe('events.once bad signal (rejection)', err));
check('dispatchEvent(non-event)', () => new EventTarget().dispatchEvent({}));
check('AbortSignal.any([1])', () => AbortSignal.any([1]));
check('EventEmitter.setMaxListeners(1, {})', () => EventEmitter.setMaxListeners(1, {}));
check('emitWarning(1)', () => process.emitWarning(1));

// ---- range errors ---------------------------------------------------------------
check('setMaxListeners(-1)', () => new EventEmitter().setMaxListeners(-1));
check('defaultMaxListeners = -1', () => { EventEmitter.defaultMaxListeners = -1; });
check('AbortSignal.timeout(2**32)', () => AbortSignal.timeout(2 ** 32));
check('AbortSignal.timeout(1.5)', () => AbortSignal.timeout(1.5));
check('AbortSignal.timeout(-2**40)', () => AbortSignal.timeout(-(2 ** 40)));
check('getSystemErrorName(1)', () => util.getSystemErrorName(1));

// ---- other codes ---------------------------------------------------------------
check('ERR_UNHANDLED_ERROR (string)', () => new EventEmitter().emit('error', 'bad thing'));
check('ERR_UNHANDLED_ERROR (object)', () => new EventEmitter().emit('error', { x: [1, 2] }));
check('ERR_UNHANDLED_ERROR (none)', () => new EventEmitter().emit('error'));
check('Error passes through', () => new EventEmitter().emit('error', new RangeError('as is')));
check('ERR_MISSING_ARGS', () => new Event());
check('ERR_MISSING_ARGS (2)', () => new EventTarget().addEventListener('x'));
check('ERR_ILLEGAL_CONSTRUCTOR', () => new AbortSignal());
check('ERR_INVALID_THIS', () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call(1));
check('ERR_UNKNOWN_ENCODING', () => new (require('string_decoder').StringDecoder)('klingon'));
check('ERR_UNKNOWN_SIGNAL', () => process.kill(process.pid, 'SIGNOPE'));
check('ERR_UNKNOWN_SIGNAL lower case', () => process.kill(process.pid, 'sigterm'));
check('ERR_ENCODING_NOT_SUPPORTED', () => new TextDecoder('klingon'));

// ---- stream errors (through callbacks and events) -------------------------------
{
  const w = new Writable({ write(chunk, enc, cb) { cb(); } });
  w.on('error', (err) => describe('write after end (error event)', err));
  w.end();
  w.write('x', (err) => describe('write after end (callback)', err));
}
{
  const w = new Writable({ write(chunk, enc, cb) { cb(); cb(); } });
  w.on('error', (err) => describe('ERR_MULTIPLE_CALLBACK', err));
  w.write('x');
}
check('ERR_STREAM_NULL_VALUES', () => new Writable({ write() {} }).write(null));
{
  const r = new Readable({ read() {} });
  r.on('error', (err) => describe('ERR_STREAM_PUSH_AFTER_EOF', err));
  r.push(null);
  r.push('late');
}
{
  const w = new Writable({ write(chunk, enc, cb) { cb(); } });
  w.destroy();
  w.write('x', (err) => describe('ERR_STREAM_DESTROYED', err));
}
{
  const r = new Readable({ read() {} });
  finished(r, (err) => describe('ERR_STREAM_PREMATURE_CLOSE', err));
  r.destroy();
}

// ---- AbortError and DOMException --------------------------------------------------
EventEmitter.once(new EventEmitter(), 'never', { signal: AbortSignal.abort('why') })
  .catch((err) => {
    describe('AbortError', err);
    log('  cause:', err.cause);
  });
{
  const reason = AbortSignal.abort().reason;
  log('DOMException:', reason.name, reason.code, reason.message,
      String(reason.stack).split('\n')[0], reason instanceof Error);
}

// ---- stack behaviour ---------------------------------------------------------------
{
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    path.join(1);
  } catch (err) {
    log('stackTraceLimit 0:', JSON.stringify(err.stack));
  }
  Error.stackTraceLimit = limit;
}
{
  Error.prepareStackTrace = (err, frames) => `custom ${err.name} ${err.code} ${frames.length > 0}`;
  try {
    path.join(1);
  } catch (err) {
    log('user prepareStackTrace:', err.stack);
  }
  delete Error.prepareStackTrace;
}
function callerName() {
  path.join(1);
}
try {
  callerName();
} catch (err) {
  // Internal frames may differ; only whether the caller is on the stack matters.
  log('caller on stack:', err.stack.includes('at callerName'));
}
{
  const err = (() => { try { path.join(1); } catch (e) { return e; } })();
  err.message = 'changed';
  log('message writable:', err.message, String(err));
  err.name = 'Custom';
  log('name writable:', String(err));
}

// ---- an uncaught coded error ends the process with 1 -------------------------------
process.on('exit', (code) => log('exit code', code));
setTimeout(() => {
  new EventEmitter().emit('error', 'fatal');
}, 5);
