'use strict';

// worker_threads' Worker (the parent side) and the start of a worker thread
// (runWorker, called by internal/main for mode 'worker'). The thread itself
// is binding('worker') (bindings/worker.cc). Parent and worker share two
// channels of port ends (internal/worker/io): the control channel carries
// the load message (parent -> worker, queued before the thread starts),
// then 'up', stdio chunks and a fatal error (worker -> parent); the public
// channel is worker.postMessage() <-> parentPort.

const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_URL_SCHEME, ERR_WORKER_PATH,
    ERR_WORKER_UNSUPPORTED_OPERATION,
  },
} = require('internal/errors');
const { validateArray, validateObject } = require('internal/validators');
const EventEmitter = require('events');
const io = require('internal/worker/io');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');
const kLimitNames = ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb',
  'stackSizeMb'];

// What worker_threads exports about the current thread; runWorker fills it
// in a worker before user code runs.
const threadState = {
  isMainThread: true,
  threadId: 0,
  parentPort: null,
  workerData: null,
  resourceLimits: {},
  environmentData: new Map(),
};

const kPort = Symbol('kPort');
const kPublicPort = Symbol('kPublicPort');
const kExited = Symbol('kExited');
const kOnControl = Symbol('kOnControl');
const kOnExit = Symbol('kOnExit');
const kExitWaiters = Symbol('kExitWaiters');
const kLimits = Symbol('kLimits');
const kSnapshots = Symbol('kSnapshots');

function workerPath(filename) {
  if (filename instanceof URL || (filename !== null && typeof filename === 'object' &&
                                  typeof filename.href === 'string')) {
    if (filename.protocol === 'data:') return null;
    if (filename.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME(['file', 'data']);
    return require('internal/url').fileURLToPath(filename);
  }
  const path = require('path');
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) {
    throw new ERR_WORKER_PATH(filename);
  }
  return path.resolve(filename);
}

function limitsArray(limits) {
  return kLimitNames.map((k) => (typeof limits[k] === 'number' && limits[k] > 0 ? limits[k] : -1));
}

// The options a worker may have of its own (they act per thread); V8 flags
// and process-wide options are refused as Node refuses them.
const kPerThreadOptions = new Set([
  '-r', '--require', '-C', '--conditions', '--input-type', '--warnings', '--no-warnings',
  '--deprecation', '--no-deprecation', '--throw-deprecation', '--trace-deprecation',
  '--trace-warnings', '--pending-deprecation', '--unhandled-rejections', '--preserve-symlinks',
  '--preserve-symlinks-main', '--experimental-require-module', '--no-experimental-require-module',
  '--experimental-detect-module', '--dns-result-order', '--max-http-header-size',
  '--insecure-http-parser', '--network-family-autoselection', '--no-network-family-autoselection',
  '--enable-network-family-autoselection', '--network-family-autoselection-attempt-timeout',
  '--enable-source-maps', '--redirect-warnings',
]);

// `fromEnv`: the worker's NODE_OPTIONS rather than its execArgv (Node's
// message says which); that may also hold what NODE_OPTIONS allows
// process-wide (process.allowedNodeEnvironmentFlags), which stays the
// process's.
function checkWorkerExecArgv(execArgv, fromEnv = false) {
  const { takesValue } = require('internal/options');
  const invalid = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = `${execArgv[i]}`;
    if (arg === '--' && !fromEnv) break;  // the end of the options
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (!kPerThreadOptions.has(name) &&
        !(fromEnv && process.allowedNodeEnvironmentFlags.has(name))) {
      invalid.push(fromEnv ? `${arg} is not allowed in NODE_OPTIONS` : arg);
    } else if (takesValue(name) && !arg.includes('=')) {
      if (i + 1 >= execArgv.length) invalid.push(`${arg} requires an argument`);
      i++;
    }
  }
  if (invalid.length > 0) {
    const { ERR_WORKER_INVALID_EXEC_ARGV } = require('internal/errors').codes;
    throw new ERR_WORKER_INVALID_EXEC_ARGV(
      invalid, fromEnv ? 'invalid NODE_OPTIONS env variable' : undefined);
  }
}

// Every worker's output goes into the one process.stdout/stderr: as Node,
// without tripping the max-listeners warning on them.
function pipeWithoutWarning(source, dest) {
  const sourceMax = source._maxListeners;
  const destMax = dest._maxListeners;
  source.setMaxListeners(Infinity);
  dest.setMaxListeners(Infinity);
  source.pipe(dest, { end: false });
  source._maxListeners = sourceMax;
  dest._maxListeners = destMax;
}

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    validateObject(options, 'options');
    const isEval = !!options.eval;
    let file = null;
    let source = null;
    let moduleUrl = null;
    if (isEval) {
      if (typeof filename !== 'string') {
        throw new ERR_INVALID_ARG_VALUE('options.eval', options.eval,
                                        'must be false when \'filename\' is not a string');
      }
      source = filename;
    } else {
      if (typeof filename !== 'string' && !(filename instanceof URL)) {
        throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
      }
      file = workerPath(filename);
      if (file === null) moduleUrl = `${filename}`;  // a data: URL: an ES module
    }
    let argv = [];
    if (options.argv !== undefined) {
      validateArray(options.argv, 'options.argv');
      argv = options.argv.map(String);
    }
    let execArgv;
    if (options.execArgv !== undefined) {
      validateArray(options.execArgv, 'options.execArgv');
      checkWorkerExecArgv(options.execArgv);
      // As on a command line, '--' ends the options; the worker's
      // process.execArgv has those before it.
      execArgv = options.execArgv.map(String);
      const end = execArgv.indexOf('--');
      if (end !== -1) execArgv = execArgv.slice(0, end);
    }
    // NODE_OPTIONS in the env given to the worker sets its options too.
    let envOptions = [];
    if (options.env !== undefined && options.env !== null && options.env !== SHARE_ENV &&
        typeof options.env === 'object' && options.env.NODE_OPTIONS !== undefined) {
      envOptions = `${options.env.NODE_OPTIONS}`.split(' ').filter(Boolean);
      checkWorkerExecArgv(envOptions, true);
    }
    let env = null;
    const shareEnv = options.env === SHARE_ENV;
    if (!shareEnv) {
      const from = options.env === undefined || options.env === null ? process.env : options.env;
      if (typeof from !== 'object') {
        throw new ERR_INVALID_ARG_TYPE(
          'options.env', ['object', 'undefined', 'null', 'worker_threads.SHARE_ENV'], options.env);
      }
      env = {};
      for (const k of Object.keys(from)) env[k] = `${from[k]}`;
    }
    const limits = options.resourceLimits ?? {};
    validateObject(limits, 'options.resourceLimits');
    this[kLimits] = limits;
    this[kExited] = false;
    this[kExitWaiters] = [];
    this[kSnapshots] = new Map();  // request id -> { resolve, reject }

    const messaging = binding('messaging');
    const [controlHere, controlThere] = messaging.createPair();
    const [publicHere, publicThere] = messaging.createPair();
    this[kPort] = io.adoptRemote(controlHere);
    this[kPublicPort] = io.adoptRemote(publicHere);
    this[kPort].postMessage({
      type: 'load',
      filename: file,
      source,
      moduleUrl,
      isEval: source !== null,
      argv,
      execArgv: execArgv ?? process.execArgv,
      // The worker's options: its own execArgv, or its parent's.
      options: execArgv !== undefined ? [...envOptions, ...execArgv] :
        envOptions.length > 0 ? [...envOptions] : require('internal/options').getOptions(),
      env,
      shareEnv,
      cwd: process.cwd(),
      workerData: options.workerData,
      publicPort: publicThere,
      environmentData: [...threadState.environmentData],
      resourceLimits: limits,
      stdin: !!options.stdin,
    }, options.transferList ?? []);

    const { Readable, Writable } = require('stream');
    this.stdin = null;
    if (options.stdin) {
      const control = this[kPort];
      this.stdin = new Writable({
        write(chunk, encoding, cb) {
          control.postMessage({ type: 'stdin', chunk: new Uint8Array(chunk) });
          cb();
        },
        final(cb) {
          control.postMessage({ type: 'stdin', chunk: null });
          cb();
        },
      });
    }
    this.stdout = new Readable({ read() {} });
    this.stderr = new Readable({ read() {} });
    if (!options.stdout) pipeWithoutWarning(this.stdout, process.stdout);
    if (!options.stderr) pipeWithoutWarning(this.stderr, process.stderr);

    this[kPort].on('message', (m) => this[kOnControl](m));
    this[kPort].unref();
    this[kPublicPort].on('message', (data) => this.emit('message', data));
    this[kPublicPort].on('messageerror', (err) => this.emit('messageerror', err));
    this[kPublicPort].unref();

    this.threadId = binding('worker').start(controlThere, limitsArray(limits),
                                            (code, oom, initFailed) =>
                                              this[kOnExit](code, oom, initFailed));
    process.nextTick(() => process.emit('worker', this));
  }

  [kOnControl](m) {
    if (m === null || typeof m !== 'object') return;
    switch (m.type) {
      case 'up':
        this.emit('online');
        break;
      case 'stdio':
        (m.fd === 2 ? this.stderr : this.stdout).push(Buffer.from(m.chunk.buffer,
                                                                  m.chunk.byteOffset,
                                                                  m.chunk.byteLength));
        break;
      case 'error':
        this.emit('error', m.error);
        break;
      case 'heapSnapshot': {
        const request = this[kSnapshots].get(m.id);
        if (request === undefined) break;
        this[kSnapshots].delete(m.id);
        if (this[kSnapshots].size === 0) this[kPort].unref();
        const { HeapSnapshotStream } = require('internal/heap_snapshot_stream');
        request.resolve(new HeapSnapshotStream(m.json));
        break;
      }
    }
  }

  [kOnExit](code, outOfMemory, initFailed) {
    this[kExited] = true;
    if (initFailed) {
      const { ERR_WORKER_INIT_FAILED } = require('internal/errors').codes;
      this.emit('error', new ERR_WORKER_INIT_FAILED('EMFILE'));
    }
    if (outOfMemory) {
      const { ERR_WORKER_OUT_OF_MEMORY } = require('internal/errors').codes;
      this.emit('error', new ERR_WORKER_OUT_OF_MEMORY('JS heap out of memory'));
      code = 1;
    }
    // What the worker sent before it ended comes first, as in Node.
    let m;
    while ((m = io.receiveMessageOnPort(this[kPort])) !== undefined) this[kOnControl](m.message);
    while ((m = io.receiveMessageOnPort(this[kPublicPort])) !== undefined) {
      this.emit('message', m.message);
    }
    this[kPort].close();
    this[kPublicPort].close();
    this.stdout.push(null);
    this.stderr.push(null);
    this.threadId = -1;
    this.emit('exit', code);
    for (const resolve of this[kExitWaiters].splice(0)) resolve(code);
    const { ERR_WORKER_NOT_RUNNING } = require('internal/errors').codes;
    for (const { reject } of this[kSnapshots].values()) reject(new ERR_WORKER_NOT_RUNNING());
    this[kSnapshots].clear();
  }

  postMessage(...args) {
    if (this[kExited]) return;
    this[kPublicPort].postMessage(...args);
  }

  // getHeapSnapshot([options]): a promise of a Readable of the worker's
  // heap snapshot, taken on its thread.
  getHeapSnapshot(options = undefined) {
    const numeric = require('internal/heap_snapshot_stream').snapshotOptions(options);
    if (this[kExited]) {
      const { ERR_WORKER_NOT_RUNNING } = require('internal/errors').codes;
      return Promise.reject(new ERR_WORKER_NOT_RUNNING());
    }
    const id = this[kSnapshots].size === 0 ? 1 : Math.max(...this[kSnapshots].keys()) + 1;
    return new Promise((resolve, reject) => {
      this[kSnapshots].set(id, { resolve, reject });
      this[kPort].ref();  // the answer keeps this thread waiting
      this[kPort].postMessage({ type: 'heapSnapshot', id, numeric });
    });
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. ' +
                          'It returns a Promise instead.', 'DeprecationWarning', 'DEP0132');
      this.once('exit', (code) => callback(null, code));
    }
    if (this[kExited]) return Promise.resolve();
    this.ref();  // the exit must still arrive when the worker was unref'd
    return new Promise((resolve) => {
      this[kExitWaiters].push(resolve);
      binding('worker').terminate(this.threadId);
    });
  }

  ref() {
    if (!this[kExited]) binding('worker').setRef(this.threadId, true);
  }

  unref() {
    if (!this[kExited]) binding('worker').setRef(this.threadId, false);
  }

  get resourceLimits() {
    if (this[kExited]) return {};
    const out = {};
    for (const k of kLimitNames) out[k] = this[kLimits][k] ?? 0;
    return out;
  }

}

// ---- the worker thread ----------------------------------------------------------

// Marked `disabled`, as Node's stubs for what a worker may not do.
function unsupported(name) {
  function unavailableInWorker() {
    throw new ERR_WORKER_UNSUPPORTED_OPERATION(name);
  }
  unavailableInWorker.disabled = true;
  return unavailableInWorker;
}

function workerStdio(control, fd) {
  const { Writable } = require('stream');
  const stream = new Writable({
    write(chunk, encoding, cb) {
      control.postMessage({ type: 'stdio', fd, chunk: new Uint8Array(chunk) });
      cb();
    },
  });
  stream.isTTY = false;
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  return stream;
}

// A worker's own process.env (not SHARE_ENV): a copy that, like the real
// one, keeps string values and plain data properties only.
function workerEnv(init) {
  const { TypeError: T } = globalThis;
  const fail = (msg) => {
    const err = new T(msg);
    err.code = 'ERR_INVALID_OBJECT_DEFINE_PROPERTY';
    return err;
  };
  return new Proxy(Object.assign({}, init), {
    __proto__: null,
    set(target, key, value) {
      if (typeof key === 'symbol') return Reflect.set(target, key, value);
      target[key] = `${value}`;
      return true;
    },
    defineProperty(target, key, desc) {
      if ('get' in desc || 'set' in desc) {
        throw fail('\'process.env\' does not accept an accessor(getter/setter) descriptor');
      }
      if (!desc.configurable || !desc.writable || !desc.enumerable) {
        throw fail('\'process.env\' only accepts a configurable, writable, and enumerable ' +
                   'data descriptor');
      }
      target[key] = `${desc.value}`;
      return true;
    },
  });
}

// internal/main's runMain for mode 'worker': set up this thread from the
// load message, then run the script or the eval code.
function runWorker(info, runScript, runEval) {
  const control = io.adoptRemote(info.internalPort);
  const load = io.receiveMessageOnPort(control).message;
  if (!load.shareEnv) process.env = workerEnv(load.env);
  process.argv = [info.execPath, load.filename ?? '[worker eval]', ...load.argv];
  process.execArgv = load.execArgv;
  const workerOptions = require('internal/options');
  workerOptions.setOptions(load.options, process.env);
  if (workerOptions.getOptionValue('--disable-proto') !== undefined) {
    require('internal/process/disable_proto').disableProto(Object.prototype);
  }
  threadState.isMainThread = false;
  threadState.threadId = info.threadId;
  threadState.workerData = load.workerData;
  threadState.resourceLimits = Object.fromEntries(
    kLimitNames.map((k) => [k, load.resourceLimits[k] ?? 0]));
  for (const [k, v] of load.environmentData) threadState.environmentData.set(k, v);
  const parentPort = io.createPort();
  io.attachRemote(parentPort, load.publicPort);
  threadState.parentPort = parentPort;

  const stdout = workerStdio(control, 1);
  const stderr = workerStdio(control, 2);
  const { Readable } = require('stream');
  // A stdin someone reads keeps the worker alive until the parent ends it.
  let stdinEnded = !load.stdin;
  const stdin = new Readable({ read() { if (!stdinEnded) control.ref(); } });
  // The parent's requests (stdin data, heap snapshots) never keep the
  // worker alive by themselves.
  control.on('message', (m) => {
    if (m === null || typeof m !== 'object') return;
    if (m.type === 'stdin' && load.stdin) {
      if (m.chunk === null) {
        stdinEnded = true;
        control.unref();
        stdin.push(null);
      } else {
        stdin.push(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
      }
    } else if (m.type === 'heapSnapshot') {
      const json = binding('heap').takeHeapSnapshot(m.numeric);
      control.postMessage({ type: 'heapSnapshot', id: m.id, json });
    }
  });
  control.unref();
  if (!load.stdin) stdin.push(null);
  for (const [name, value] of [['stdout', stdout], ['stderr', stderr], ['stdin', stdin]]) {
    Object.defineProperty(process, name, {
      __proto__: null, configurable: true, enumerable: false, get() { return value; },
    });
  }
  // Process-wide state stays the main thread's, as in Node.
  const cwd = load.cwd;
  process.cwd = function cwd_() { return cwd; };
  process.chdir = unsupported('process.chdir()');
  const umask = process.umask;
  process.umask = function(mask) {
    if (mask !== undefined) throw new ERR_WORKER_UNSUPPORTED_OPERATION('Setting process.umask()');
    return umask.call(process);
  };
  for (const name of ['setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups']) {
    if (typeof process[name] === 'function') process[name] = unsupported(`process.${name}()`);
  }
  process.abort = unsupported('process.abort()');
  // The title and the inspector port are the process's: a worker reads
  // them, and setting them does nothing, as in Node.
  for (const name of ['title', 'debugPort']) {
    const value = process[name];
    Object.defineProperty(process, name, {
      __proto__: null, enumerable: true, configurable: true, get() { return value; }, set() {},
    });
  }
  // A process started by child_process with IPC: its workers have none.
  if (process.env.NODE_CHANNEL_FD) {
    for (const name of ['channel', 'connected']) {
      Object.defineProperty(process, name, {
        __proto__: null, enumerable: false, configurable: true, get: unsupported(`process.${name}`),
      });
    }
    process.send = unsupported('process.send()');
    process.disconnect = unsupported('process.disconnect()');
  }

  require('internal/process/execution').setFatalReporter((err) => {
    let error = err;
    try {
      control.postMessage({ type: 'error', error });
    } catch {
      error = new Error(String(err));
      control.postMessage({ type: 'error', error });
    }
  });
  control.postMessage({ type: 'up' });
  const { Module } = require('internal/modules/cjs/loader');
  for (const id of workerOptions.getOptionValues('--require')) Module._preloadModule(id);
  if (load.moduleUrl !== null) require('internal/modules/esm/loader').runMain(load.moduleUrl);
  else if (load.isEval) runEval(load.source);
  else runScript(load.filename);
}

module.exports = { Worker, SHARE_ENV, threadState, runWorker };
