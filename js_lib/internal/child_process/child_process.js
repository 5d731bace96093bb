'use strict';

// ChildProcess: the EventEmitter for one child, over a
// binding('process_wrap').Process handle. Events as in Node: 'spawn' (next
// tick after a successful start), 'error' (failed start, failed kill),
// 'exit' (code, signal), then 'close' (code, signal) once the child has
// exited and every stdio stream it wrote to (and the IPC channel) has closed.

const EventEmitter = require('events');
const { ErrnoException } = require('internal/errors');
const {
  validateArray,
  validateObject,
  validateOneOf,
  validateString,
} = require('internal/validators');
const { convertToValidSignal, signalName } = require('internal/child_process/normalize');
const {
  createSocket,
  getValidStdio,
  openPipeHandles,
} = require('internal/child_process/stdio');

// libuv's codes for the errors below (negated Linux errnos).
const UV_EACCES = -13;
const UV_EAGAIN = -11;
const UV_EINVAL = -22;
const UV_EMFILE = -24;
const UV_ENFILE = -23;
const UV_ENOENT = -2;
const UV_ENOSYS = -38;
const UV_ESRCH = -3;

const kOwner = require('internal/owner_symbol');
// Set on a stream passed to a child as its stdio: no longer ours to read.
const kIsUsedAsStdio = Symbol('kIsUsedAsStdio');

function ChildProcess() {
  EventEmitter.call(this);
  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;
  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;

  const { Process } = binding('process_wrap');
  this._handle = new Process();
  this._handle[kOwner] = this;
  this._handle.onexit = (exitCode, signo) => onExit(this, exitCode, signalName(signo));
}
Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
Object.setPrototypeOf(ChildProcess, EventEmitter);

// exitCode < 0 is a failed start, reported as 'error' instead of 'exit'.
function onExit(child, exitCode, signalCode) {
  if (signalCode) child.signalCode = signalCode;
  else child.exitCode = exitCode;

  if (child.stdin) child.stdin.destroy();
  child._handle.close();
  child._handle = null;

  if (exitCode < 0) {
    const syscall = child.spawnfile ? 'spawn ' + child.spawnfile : 'spawn';
    const err = new ErrnoException(exitCode, syscall);
    if (child.spawnfile) err.path = child.spawnfile;
    err.spawnargs = child.spawnargs.slice(1);
    child.emit('error', err);
  } else {
    child.emit('exit', child.exitCode, child.signalCode);
  }
  // Streams nobody reads are drained so they reach EOF and 'close'; on the
  // next tick, so a listener of 'exit' can still start reading.
  process.nextTick(flushStdio, child);
  maybeClose(child);
}

function flushStdio(child) {
  const stdio = child.stdio;
  if (stdio == null) return;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (!stream || !stream.readable || stream[kIsUsedAsStdio]) continue;
    stream.resume();
  }
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    child.emit('close', child.exitCode, child.signalCode);
  }
}

function onErrorNT(child, err) {
  child._handle.onexit(err, 0);
}

function onSpawnNT(child) {
  child.emit('spawn');
}

ChildProcess.prototype.spawn = function spawn(options) {
  validateObject(options, 'options');
  const valid = getValidStdio(options.stdio || 'pipe', false);
  const ipcFd = valid.ipcFd;
  const stdio = options.stdio = valid.stdio;

  validateOneOf(options.serialization, 'options.serialization',
                [undefined, 'json', 'advanced']);
  const serialization = options.serialization || 'json';
  if (valid.ipc !== undefined) {
    // The child finds its end of the channel through these.
    if (options.envPairs === undefined) options.envPairs = [];
    else validateArray(options.envPairs, 'options.envPairs');
    options.envPairs.push(`NODE_CHANNEL_FD=${ipcFd}`);
    options.envPairs.push(`NODE_CHANNEL_SERIALIZATION_MODE=${serialization}`);
  }

  validateString(options.file, 'options.file');
  this.spawnfile = options.file;
  if (options.args === undefined) {
    this.spawnargs = [];
  } else {
    validateArray(options.args, 'options.args');
    this.spawnargs = options.args;
  }

  const err = this._handle.spawn(options);
  openPipeHandles(stdio);

  // Failures to start are 'error' events, except those that mean a bug in
  // the call, which throw.
  if (err === UV_EACCES || err === UV_EAGAIN || err === UV_EMFILE ||
      err === UV_ENFILE || err === UV_ENOENT) {
    process.nextTick(onErrorNT, this, err);
    if (err === UV_EMFILE || err === UV_ENFILE) return err;
  } else if (err) {
    for (let i = 0; i < stdio.length; i++) {
      if (stdio[i].handle && stdio[i].type !== 'wrap') stdio[i].handle.close();
    }
    this._handle.close();
    this._handle = null;
    throw new ErrnoException(err, 'spawn');
  } else {
    process.nextTick(onSpawnNT, this);
  }

  this.pid = this._handle.pid;

  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (stream.type === 'ignore') continue;
    if (stream.ipc) {
      this._closesNeeded++;
      continue;
    }
    // The child shares this stream's fd now: stop reading it here, or we
    // would race the child for its input.
    if (stream.type === 'wrap') {
      stream.handle.reading = false;
      stream.handle.readStop();
      stream._stdio.pause();
      stream._stdio.readableFlowing = false;
      stream._stdio._readableState.reading = false;
      stream._stdio[kIsUsedAsStdio] = true;
      continue;
    }
    if (stream.handle) {
      stream.socket = createSocket(this.pid !== 0 ? stream.handle : null, i > 0);
      if (i > 0 && this.pid !== 0) {
        this._closesNeeded++;
        stream.socket.on('close', () => { maybeClose(this); });
      }
    }
  }

  this.stdin = stdio.length >= 1 && stdio[0].socket !== undefined ? stdio[0].socket : null;
  this.stdout = stdio.length >= 2 && stdio[1].socket !== undefined ? stdio[1].socket : null;
  this.stderr = stdio.length >= 3 && stdio[2].socket !== undefined ? stdio[2].socket : null;
  this.stdio = [];
  for (let i = 0; i < stdio.length; i++) {
    this.stdio.push(stdio[i].socket === undefined ? null : stdio[i].socket);
  }

  if (valid.ipc !== undefined) {
    require('internal/child_process/channel').setupChannel(this, valid.ipc.handle,
                                                           serialization);
  }
  return err;
};

ChildProcess.prototype.kill = function kill(sig) {
  const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
  if (this._handle) {
    const err = this._handle.kill(signal);
    if (err === 0) {
      this.killed = true;
      return true;
    }
    if (err === UV_ESRCH) {
      // Already gone.
    } else if (err === UV_EINVAL || err === UV_ENOSYS) {
      throw new ErrnoException(err, 'kill');
    } else {
      // Most likely EPERM.
      this.emit('error', new ErrnoException(err, 'kill'));
    }
  }
  return false;
};

ChildProcess.prototype[Symbol.dispose || Symbol.for('nodejs.dispose')] = function() {
  if (!this.killed) this.kill();
};

ChildProcess.prototype.ref = function ref() {
  if (this._handle) this._handle.ref();
};

ChildProcess.prototype.unref = function unref() {
  if (this._handle) this._handle.unref();
};

module.exports = {
  ChildProcess,
  kIsUsedAsStdio,
  maybeClose,
};
