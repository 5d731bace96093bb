'use strict';

// fs.watch (FSWatcher, on the binding's inotify FSEvent), fs.watchFile /
// unwatchFile (StatWatcher, polling stat on the worker pool) and
// fsPromises.watch. Linux inotify is not recursive: { recursive: true }
// watches every directory of the tree and reports names relative to the
// root, adding directories as they appear.

const EventEmitter = require('events');
const fsb = binding('fs');
const pathModule = require('path');
const {
  AbortError, UVException,
  codes: { ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const {
  validateAbortSignal, validateBoolean, validateFunction, validateObject, validateUint32,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');
const {
  copyObject, getOptions, getValidatedPath, isEncoding, kEmptyObject, pathToString,
} = require('internal/fs/utils');
const { getStatsFromBinding, kFsStatsFieldsNumber } = require('internal/fs/stats');
const { ENOSPC } = binding('constants').os.errno;

const kFSWatchStart = Symbol('kFSWatchStart');
const kOldStatus = Symbol('kOldStatus');
const kUseBigint = Symbol('kUseBigint');
const kRefCount = Symbol('KFSStatWatcherRefCount');
const kMaxRefCount = Symbol('KFSStatWatcherMaxRefCount');
const owner = require('internal/owner_symbol');

function watchError(err, filename) {
  const error = new UVException({
    errno: err, syscall: 'watch', path: filename,
    message: err === -ENOSPC ? 'System limit for number of file watchers reached' : '',
  });
  error.filename = filename;
  return error;
}

function eventName(filename) {
  return typeof filename === 'string' || filename == null ? filename : chunks.fromView(filename);
}

// Starts an FSEvent on `path`; throws Node's 'watch' error.
function startHandle(handle, path, persistent, encoding, filename) {
  const err = handle.start(path, persistent, false, encoding ?? 'utf8');
  if (err) {
    handle.close();
    throw watchError(err, filename);
  }
}

// ---- FSWatcher ---------------------------------------------------------------------------

function FSWatcher() {
  EventEmitter.call(this);
  this._handle = new fsb.FSEvent();
  this._handle[owner] = this;
  this._handle.onchange = (status, eventType, filename) => {
    if (status < 0) {
      if (this._handle !== null) {
        this._handle.close();
        this._handle = null;
      }
      this.emit('error', watchError(status, filename));
    } else {
      this.emit('change', eventType, eventName(filename));
    }
  };
}
Object.setPrototypeOf(FSWatcher.prototype, EventEmitter.prototype);
Object.setPrototypeOf(FSWatcher, EventEmitter);

FSWatcher.prototype[kFSWatchStart] = function(filename, persistent, recursive, encoding) {
  if (this._handle === null || this._handle.getInitialized()) return;
  filename = getValidatedPath(filename, 'filename');
  startHandle(this._handle, filename, persistent, encoding, filename);
  if (recursive) this._recursive = new RecursiveWatch(this, filename, persistent, encoding);
};

FSWatcher.prototype.close = function() {
  if (this._handle === null) return;
  this._handle.close();
  this._handle = null;
  this._recursive?.close();
  process.nextTick(() => this.emit('close'));
};

FSWatcher.prototype.ref = function() {
  this._handle?.ref();
  this._recursive?.forEach((h) => h.ref());
  return this;
};

FSWatcher.prototype.unref = function() {
  this._handle?.unref();
  this._recursive?.forEach((h) => h.unref());
  return this;
};

// The subdirectories of a recursive watch: one FSEvent each, whose events
// the watcher reports as paths relative to its root.
class RecursiveWatch {
  constructor(watcher, root, persistent, encoding) {
    this.watcher = watcher;
    this.root = pathToString(root);
    this.persistent = persistent;
    this.encoding = encoding;
    this.handles = new Map();
    this.scan(this.root);
    // The root's own events may create directories to watch.
    const rootChange = watcher._handle.onchange;
    watcher._handle.onchange = (status, eventType, filename) => {
      if (status >= 0 && eventType === 'rename' && filename != null) {
        this.maybeAdd(pathModule.join(this.root, String(filename)));
      }
      rootChange(status, eventType, filename);
    };
  }

  scan(dir) {
    let entries;
    try {
      entries = require('fs').readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) this.add(pathModule.join(dir, e.name));
    }
  }

  maybeAdd(path) {
    if (this.handles.has(path)) return;
    if (fsb.internalModuleStat(path) === 1) this.add(path);
  }

  add(dir) {
    const handle = new fsb.FSEvent();
    const rel = pathModule.relative(this.root, dir);
    handle.onchange = (status, eventType, filename) => {
      if (status < 0) return;
      const full = pathModule.join(dir, String(filename));
      if (eventType === 'rename') {
        if (fsb.internalModuleStat(full) === 1) this.maybeAdd(full);
        else this.remove(full);
      }
      const name = pathModule.join(rel, String(filename));
      this.watcher.emit('change', eventType,
                        this.encoding === 'buffer' ? chunks.fromString(name, 'utf8') : name);
    };
    if (handle.start(dir, this.persistent, false, 'utf8') !== 0) return;
    this.handles.set(dir, handle);
    this.scan(dir);
  }

  remove(dir) {
    for (const [path, handle] of this.handles) {
      if (path === dir || path.startsWith(dir + '/')) {
        handle.close();
        this.handles.delete(path);
      }
    }
  }

  forEach(fn) {
    for (const handle of this.handles.values()) fn(handle);
  }

  close() {
    this.forEach((h) => h.close());
    this.handles.clear();
  }
}

function watch(filename, options, listener) {
  if (typeof options === 'function') listener = options;
  options = getOptions(options);
  options = copyObject(options);
  if (options.persistent === undefined) options.persistent = true;
  if (options.recursive === undefined) options.recursive = false;
  const path = getValidatedPath(filename);
  const watcher = new FSWatcher();
  watcher[kFSWatchStart](path, options.persistent, options.recursive, options.encoding);
  if (listener) watcher.addListener('change', listener);
  if (options.signal) {
    if (options.signal.aborted) {
      process.nextTick(() => watcher.close());
    } else {
      const onAbort = () => watcher.close();
      options.signal.addEventListener('abort', onAbort);
      watcher.once('close', () => options.signal.removeEventListener('abort', onAbort));
    }
  }
  return watcher;
}

// ---- StatWatcher -----------------------------------------------------------------------

function StatWatcher(bigint) {
  EventEmitter.call(this);
  this._handle = null;
  this[kOldStatus] = -1;
  this[kUseBigint] = bigint;
  this[kRefCount] = 1;
  this[kMaxRefCount] = 1;
}
Object.setPrototypeOf(StatWatcher.prototype, EventEmitter.prototype);
Object.setPrototypeOf(StatWatcher, EventEmitter);

function onStatChange(newStatus, stats) {
  const self = this[owner];
  if (self[kOldStatus] === -1 && newStatus === -1 &&
      stats[2] === stats[kFsStatsFieldsNumber + 2]) {
    return;
  }
  self[kOldStatus] = newStatus;
  self.emit('change', getStatsFromBinding(stats),
            getStatsFromBinding(stats, kFsStatsFieldsNumber));
}

StatWatcher.prototype.start = function(filename, persistent, interval) {
  if (this._handle !== null) return;
  this._handle = new fsb.StatWatcher(Boolean(this[kUseBigint]));
  this._handle[owner] = this;
  this._handle.onchange = onStatChange;
  if (!persistent) this.unref();
  this[kOldStatus] = -1;
  filename = getValidatedPath(filename, 'filename');
  validateUint32(interval, 'interval');
  const err = this._handle.start(filename, interval);
  if (err) throw watchError(err, filename);
};

StatWatcher.prototype.addOrCleanRef = function(operate) {
  if (operate === 'add') {
    this[kRefCount]++;
    this[kMaxRefCount]++;
  } else if (operate === 'clean') {
    this[kMaxRefCount]--;
    this.unref();
  } else if (operate === 'cleanAll') {
    this[kMaxRefCount] = 0;
    this[kRefCount] = 0;
    this._handle?.unref();
  }
};

StatWatcher.prototype.stop = function() {
  if (this._handle === null) return;
  process.nextTick(() => this.emit('stop'));
  this._handle.close();
  this._handle = null;
};

StatWatcher.prototype.ref = function() {
  // Never above the number of listeners that asked for a ref.
  if (this[kRefCount] === this[kMaxRefCount]) return this;
  if (this._handle && this[kRefCount]++ === 0) this._handle.ref();
  return this;
};

StatWatcher.prototype.unref = function() {
  if (this[kRefCount] === 0) return this;
  if (this._handle && --this[kRefCount] === 0) this._handle.unref();
  return this;
};

const statWatchers = new Map();

function watchFile(filename, options, listener) {
  filename = getValidatedPath(filename);
  filename = pathModule.resolve(pathToString(filename));
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  options = { interval: 5007, persistent: true, ...options };
  validateFunction(listener, 'listener');
  let stat = statWatchers.get(filename);
  if (stat === undefined) {
    stat = new StatWatcher(options.bigint);
    stat.start(filename, options.persistent, options.interval);
    statWatchers.set(filename, stat);
  } else {
    stat.addOrCleanRef('add');
  }
  stat.addListener('change', listener);
  return stat;
}

function unwatchFile(filename, listener) {
  filename = getValidatedPath(filename);
  filename = pathModule.resolve(pathToString(filename));
  const stat = statWatchers.get(filename);
  if (stat === undefined) return;
  if (typeof listener === 'function') {
    const before = stat.listenerCount('change');
    stat.removeListener('change', listener);
    if (stat.listenerCount('change') < before) stat.addOrCleanRef('clean');
  } else {
    stat.removeAllListeners('change');
    stat.addOrCleanRef('cleanAll');
  }
  if (stat.listenerCount('change') === 0) {
    stat.stop();
    statWatchers.delete(filename);
  }
}

// ---- fsPromises.watch ------------------------------------------------------------------

async function* watchPromise(filename, options = kEmptyObject) {
  const path = getValidatedPath(filename);
  validateObject(options, 'options');
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  validateAbortSignal(signal, 'options.signal');
  if (encoding && !isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  // Events queue up between iterations; an error or abort ends the loop.
  const queue = [];
  let wake = null;
  let failure = null;
  const notify = () => {
    if (wake !== null) {
      const w = wake;
      wake = null;
      w();
    }
  };
  const watcher = new FSWatcher();
  const onAbort = () => {
    failure = new AbortError(undefined, { cause: signal?.reason });
    notify();
  };
  try {
    signal?.addEventListener('abort', onAbort, { once: true });
    watcher.on('change', (eventType, name) => {
      queue.push({ __proto__: null, eventType, filename: name });
      notify();
    });
    watcher.on('error', (err) => {
      failure = err;
      notify();
    });
    watcher[kFSWatchStart](path, persistent, recursive, encoding);
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift();
        continue;
      }
      if (failure !== null) throw failure;
      await new Promise((resolve) => { wake = resolve; });
    }
  } finally {
    watcher.close();
    signal?.removeEventListener('abort', onAbort);
  }
}

module.exports = {
  FSWatcher, StatWatcher, kFSWatchStart, unwatchFile, watch, watchFile, watchPromise,
};
