'use strict';
// process methods over binding('process_methods'): validation in JS, the
// system call in C++. setup() runs at build time; nothing here reads per-run
// state until called.

const pm = binding('process_methods');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_UNKNOWN_SIGNAL },
} = require('internal/errors');
const { validateNumber, validateObject, validateString } = require('internal/validators');

// Typed arrays the bindings fill, so that hot calls allocate nothing in C++.
const hrValues = new Uint32Array(3);
const memValues = new Float64Array(5);
const cpuValues = new Float64Array(2);
const ruValues = new Float64Array(16);

function hrtime(time) {
  pm.hrtime(hrValues);
  const sec = hrValues[0] * 0x100000000 + hrValues[1];
  const nsec = hrValues[2];
  if (time !== undefined) {
    if (!Array.isArray(time)) throw new ERR_INVALID_ARG_TYPE('time', 'Array', time);
    if (time.length !== 2) throw new ERR_OUT_OF_RANGE('time', 2, time.length);
    const dsec = sec - time[0];
    const dnsec = nsec - time[1];
    return dnsec < 0 ? [dsec - 1, dnsec + 1e9] : [dsec, dnsec];
  }
  return [sec, nsec];
}
hrtime.bigint = function bigint() { return pm.hrtimeBigInt(); };

function memoryUsage() {
  pm.memoryUsage(memValues);
  return {
    rss: memValues[0], heapTotal: memValues[1], heapUsed: memValues[2],
    external: memValues[3], arrayBuffers: memValues[4],
  };
}
memoryUsage.rss = function rss() { return pm.rss(); };

// A previous result's field, as the native side makes them: a finite count
// of microseconds, never negative.
function validatePreviousUsage(value, name) {
  validateNumber(value, name);
  if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER)) {
    throw new ERR_INVALID_ARG_VALUE.RangeError(name, value);
  }
}

function cpuUsage(prev) {
  pm.cpuUsage(cpuValues);
  if (prev !== undefined) {
    validateObject(prev, 'prevValue');
    validatePreviousUsage(prev.user, 'prevValue.user');
    validatePreviousUsage(prev.system, 'prevValue.system');
    return { user: cpuValues[0] - prev.user, system: cpuValues[1] - prev.system };
  }
  return { user: cpuValues[0], system: cpuValues[1] };
}

function resourceUsage() {
  pm.resourceUsage(ruValues);
  const v = ruValues;
  return {
    userCPUTime: v[0], systemCPUTime: v[1], maxRSS: v[2], sharedMemorySize: v[3],
    unsharedDataSize: v[4], unsharedStackSize: v[5], minorPageFault: v[6],
    majorPageFault: v[7], swappedOut: v[8], fsRead: v[9], fsWrite: v[10],
    ipcSent: v[11], ipcReceived: v[12], signalsCount: v[13],
    voluntaryContextSwitches: v[14], involuntaryContextSwitches: v[15],
  };
}

// As Node's: an integer is a signal number (0 included); anything else
// falsy is SIGTERM; other values must name a signal. The signal goes
// through process._kill, which tools (and Node's tests) replace.
function kill(pid, sig) {
  // eslint-disable-next-line eqeqeq
  if (pid != (pid | 0)) throw new ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  let signo;
  if (sig === (sig | 0)) {
    signo = sig;
  } else {
    sig = sig || 'SIGTERM';
    signo = binding('constants').os.signals[sig];
    if (!signo) throw new ERR_UNKNOWN_SIGNAL(sig);
  }
  const err = process._kill(pid, signo);
  if (err) throw require('internal/errors').errnoException(err, 'kill');
  return true;
}

function umask(mask) {
  if (mask === undefined) return pm.umask();
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      throw new (require('internal/errors').codes.ERR_INVALID_ARG_VALUE)(
        'mask', mask, 'must be a 32-bit unsigned integer or an octal string');
    }
    mask = parseInt(mask, 8);
  } else {
    require('internal/validators').validateUint32(mask, 'mask');
  }
  return pm.umask(mask);
}

// A numeric id, or a user/group name resolved through the binding.
function idOf(id, name, kind) {
  const { validateUint32 } = require('internal/validators');
  let n;
  if (typeof id === 'number') {
    validateUint32(id, name);
    n = id >>> 0;  // -0 too
  } else if (typeof id === 'string') {
    n = kind === 'user' ? pm.userId(id) : pm.groupId(id);
  } else {
    throw new ERR_INVALID_ARG_TYPE(name, ['number', 'string'], id);
  }
  // (uid_t)-1 means "no such id" to Node, as to the C library.
  if (n < 0 || n === 0xFFFFFFFF) {
    const { ERR_UNKNOWN_CREDENTIAL } = require('internal/errors').codes;
    throw new ERR_UNKNOWN_CREDENTIAL(kind === 'user' ? 'User' : 'Group', id);
  }
  return n;
}

function setId(method, id) {
  const kind = method === 'setuid' || method === 'seteuid' ? 'user' : 'group';
  pm[method](idOf(id, 'id', kind));
}

// Pending requests and ref'd handles by Node's class names, then one
// 'Timeout' per ref'd timer and one 'Immediate' per ref'd immediate.
function getActiveResourcesInfo() {
  const { timeoutCount, immediateCount } = require('internal/timers').getTimerCounts();
  const names = pm.activeRequests(true).concat(pm.activeHandles(true));
  for (let i = 0; i < timeoutCount; i++) names.push('Timeout');
  for (let i = 0; i < immediateCount; i++) names.push('Immediate');
  return names;
}

// The ref'd handles' owners (a net.Socket rather than its TCP handle).
function getActiveHandles() {
  const ownerSymbol = require('internal/owner_symbol');
  return pm.activeHandles(false).map((handle) => handle[ownerSymbol] ?? handle);
}

// process.loadEnvFile([path]): a .env file's variables into process.env;
// ones already set keep their value (as with --env-file).
function loadEnvFile(path = undefined) {
  path = path === undefined ? '.env' :
    require('internal/fs/utils').getValidatedPath(path);
  applyEnvFile(require('fs').readFileSync(path, 'utf8'));
}

function applyEnvFile(content) {
  const vars = require('util').parseEnv(content);
  for (const key of Object.keys(vars)) {
    if (process.env[key] === undefined) process.env[key] = vars[key];
  }
}

// process.getBuiltinModule(id): a builtin's exports, or undefined for any
// other id (no file is ever loaded).
function getBuiltinModule(id) {
  validateString(id, 'id');
  const { BuiltinModule, requireBuiltin } = hooks;
  const name = id.startsWith('node:') ? id.slice(5) : id;
  const ok = id.startsWith('node:') ? BuiltinModule.canBeRequiredWithScheme(name) :
    BuiltinModule.canBeRequiredByUsers(name);
  return ok ? requireBuiltin(name) : undefined;
}

// The cgroup memory limit (v2 memory.max, v1 memory.limit_in_bytes) of this
// process, as libuv reads it: 2^64 when there is none, 0 when unknown.
const kNoLimit = 2 ** 64;
function cgroupMemory(file2, file1) {
  const fs = require('fs');
  let rel = '';
  try {
    for (const line of fs.readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
      const [, controllers, path] = line.split(':');
      if (controllers === '' || (controllers ?? '').split(',').includes('memory')) rel = path;
    }
  } catch {
    return undefined;
  }
  for (const file of [`/sys/fs/cgroup${rel}/${file2}`, `/sys/fs/cgroup/${file2}`,
                      `/sys/fs/cgroup/memory${rel}/${file1}`, `/sys/fs/cgroup/memory/${file1}`]) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch {
      continue;
    }
    if (text === 'max') return kNoLimit;
    const n = Number(text);
    // cgroup v1 says "no limit" with the largest page-aligned int64.
    return n >= 0x7ffffffffffff000 ? kNoLimit : n;
  }
  return undefined;
}

function constrainedMemory() {
  return cgroupMemory('memory.max', 'memory.limit_in_bytes') ?? 0;
}

// What the process may still allocate: below its cgroup limit, else free memory.
function availableMemory() {
  const free = require('os').freemem();
  const limit = constrainedMemory();
  if (limit === 0 || limit === kNoLimit) return free;
  const used = cgroupMemory('memory.current', 'memory.usage_in_bytes') ?? 0;
  return Math.min(free, Math.max(0, limit - used));
}

// process.allowedNodeEnvironmentFlags: a frozen, read-only Set whose has()
// accepts a flag as Node's does (with or without its dashes, '_' for '-',
// a '=value' dropped).
function buildAllowedFlags() {
  const flags = pm.allowedEnvFlags();
  const bare = flags.map((f) => f.replace(/^--?/, ''));
  const kFlags = Symbol('kFlags');
  class NodeEnvironmentFlagsSet extends Set {
    constructor(array) {
      super();
      this[kFlags] = array;
    }

    add() { return this; }
    delete() { return false; }
    clear() {}

    has(key) {
      if (typeof key !== 'string') return false;
      key = key.replace(/_/g, '-');
      if (/^--?/.test(key)) return this[kFlags].includes(key.replace(/=.*$/, ''));
      return bare.includes(key);
    }

    entries() { return new Set(this[kFlags]).entries(); }
    values() { return this[kFlags][Symbol.iterator](); }
    keys() { return this[kFlags][Symbol.iterator](); }
    [Symbol.iterator]() { return this[kFlags][Symbol.iterator](); }
    get size() { return this[kFlags].length; }

    forEach(callback, thisArg = undefined) {
      for (const v of this[kFlags]) Reflect.apply(callback, thisArg, [v, v, this]);
    }
  }
  Object.freeze(NodeEnvironmentFlagsSet.prototype.constructor);
  Object.freeze(NodeEnvironmentFlagsSet.prototype);
  return Object.freeze(new NodeEnvironmentFlagsSet(flags));
}

function setup(process) {
  process.getActiveResourcesInfo = getActiveResourcesInfo;
  process.loadEnvFile = loadEnvFile;
  process.getBuiltinModule = getBuiltinModule;
  process.constrainedMemory = constrainedMemory;
  process.availableMemory = availableMemory;
  process._getActiveHandles = getActiveHandles;
  process._getActiveRequests = () => pm.activeRequests(false);
  process.hrtime = hrtime;
  process.memoryUsage = memoryUsage;
  process.cpuUsage = cpuUsage;
  process.resourceUsage = resourceUsage;
  process.kill = kill;
  process._kill = function _kill(pid, sig) { return pm.kill(pid | 0, sig | 0); };
  process.umask = umask;
  // Methods, not constructors (no .prototype, `new` throws), as Node's.
  const methods = {
    cwd() { return pm.cwd(); },
    chdir(directory) {
      require('internal/validators').validateString(directory, 'directory');
      pm.chdir(directory);
    },
    uptime() { return pm.uptime(); },
    abort() { pm.abort(); },
    getuid() { return pm.getuid(); },
    geteuid() { return pm.geteuid(); },
    getgid() { return pm.getgid(); },
    getegid() { return pm.getegid(); },
    getgroups() { return pm.getgroups(); },
    // Deprecated since Node 0.x, still used by old scripts.
    openStdin() {
      process.stdin.resume();
      return process.stdin;
    },
    reallyExit(code) { pm.reallyExit(code | 0); },
    // Writes synchronously to stderr, for debugging the runtime itself.
    _rawDebug(...args) {
      binding('fs').writeStringSync(2, `${require('internal/util/inspect').format(...args)}\n`);
    },
    assert(value, message) {
      require('internal/process/warning').emitDeprecation('process.assert() is deprecated. ' +
        'Please use the `assert` module instead.', 'DEP0100');
      if (!value) {
        const { ERR_ASSERTION } = require('internal/errors').codes;
        throw new ERR_ASSERTION(message || 'assertion error');
      }
    },
  };
  for (const name of ['setuid', 'seteuid', 'setgid', 'setegid']) {
    methods[name] = { [name](id) { return setId(name, id); } }[name];
  }
  methods.setgroups = function setgroups(groups) {
    require('internal/validators').validateArray(groups, 'groups');
    const ids = groups.map((g, i) => idOf(g, `groups[${i}]`, 'group'));
    const err = pm.setgroups(ids);
    if (err) throw require('internal/errors').errnoException(err, 'setgroups');
  };
  methods.initgroups = function initgroups(user, extraGroup) {
    const uid = idOf(user, 'user', 'user');
    const gid = idOf(extraGroup, 'extraGroup', 'group');
    const err = pm.initgroups(uid, gid);
    if (err) throw require('internal/errors').errnoException(err, 'initgroups');
  };
  Object.assign(process, methods);
  Object.defineProperty(process, 'ppid', {
    __proto__: null, enumerable: true, configurable: true, get() { return pm.getppid(); },
  });
  let title;
  Object.defineProperty(process, 'title', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return title === undefined ? 'kiln' : title; },
    set(v) { title = String(v); pm.setTitle(title); },
  });
  // The inspector port: Kiln has no inspector, but tools read and set it
  // (to give forked children --inspect-port); Node's default is 9229.
  let debugPort = 9229;
  Object.defineProperty(process, 'debugPort', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return debugPort; },
    set(value) {
      const port = value | 0;  // V8's Int32Value, as Node's C++ setter
      if ((port !== 0 && port < 1024) || port > 65535) {
        // Node's own message, from C++ (no [code] in the name).
        const err = new RangeError('process.debugPort must be 0 or in range 1024 to 65535');
        err.code = 'ERR_OUT_OF_RANGE';
        throw err;
      }
      debugPort = port;
    },
  });
  process.emitWarning = function emitWarning(...args) {
    return require('internal/process/warning').emitWarning(...args);
  };
  // Build-time facts: the same for every run of this binary.
  const versions = pm.versions;
  process.version = `v${versions.node}`;
  process.versions = versions;
  process.arch = 'x64';
  process.platform = 'linux';
  process.release = { name: 'node', lts: 'Iron', sourceUrl: '', headersUrl: '' };
  process.features = {
    inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: true,
    tls_sni: true, tls_ocsp: false, tls: true, cached_builtins: true, typescript: false,
  };
  process.config = {
    target_defaults: {},
    variables: { node_module_version: 115, node_shared: false, v8_enable_i18n_support: 1 },
  };
  Object.defineProperty(process, 'moduleLoadList', {
    __proto__: null, value: hooks.moduleLoadList, writable: false, enumerable: true, configurable: true,
  });
  // Built on first read (it asks the binding for runtime/options.cc's list).
  let allowedFlags;
  Object.defineProperty(process, 'allowedNodeEnvironmentFlags', {
    __proto__: null, enumerable: true, configurable: true,
    get() { return allowedFlags ??= buildAllowedFlags(); },
    set(value) {
      Object.defineProperty(this, 'allowedNodeEnvironmentFlags', {
        __proto__: null, value, configurable: true, enumerable: true, writable: true,
      });
    },
  });
}

module.exports = { applyEnvFile, setup };
