'use strict';
// The `os` module (Node 20) over binding('os'). Everything is read at call
// time: this file is loaded inside the snapshot builder, so the uname facts
// Node reads at load time are read on first use here.

const {
  codes: { ERR_SYSTEM_ERROR },
  uvErrmapGet,
} = require('internal/errors');
const { validateInt32 } = require('internal/validators');

const os = binding('os');

// A SystemError from the { errno, code, syscall } the binding filled in; the
// context (error.info) gets libuv's message, in Node's key order.
function systemError(ctx) {
  const entry = ctx.message === undefined ? uvErrmapGet(ctx.errno) : undefined;
  if (entry === undefined) return new ERR_SYSTEM_ERROR(ctx);
  return new ERR_SYSTEM_ERROR({
    errno: ctx.errno,
    code: entry[0],
    message: entry[1],
    syscall: ctx.syscall,
  });
}

// Wraps a binding query that returns undefined on failure (named as Node's
// hideStackFrames wrapper is).
function checked(query) {
  return function wrappedFn() {
    const ctx = {};
    const ret = query(ctx);
    if (ret === undefined) throw systemError(ctx);
    return ret;
  };
}

// Node lets these be used as values too (`${os.hostname}`).
function primitive(fn, read = fn) {
  fn[Symbol.toPrimitive] = () => read();
  return fn;
}

let osInfo;  // [type, version, release, machine], read once
function osInformation() {
  if (osInfo === undefined) {
    const ctx = {};
    const info = os.getOSInformation(ctx);
    if (info === undefined) throw systemError(ctx);
    osInfo = info;
  }
  return osInfo;
}

const getHostname = primitive(checked(os.getHostname));
const getHomeDirectory = primitive(checked(os.getHomeDirectory));
const getUptime = primitive(checked(os.getUptime));
const getInterfaceAddresses = checked(os.getInterfaceAddresses);
const getOSType = primitive(function getOSType() { return osInformation()[0]; });
const getOSVersion = primitive(function getOSVersion() { return osInformation()[1]; });
const getOSRelease = primitive(function getOSRelease() { return osInformation()[2]; });
const getMachine = primitive(function getMachine() { return osInformation()[3]; });
const getFreeMem = primitive(function getFreeMem() { return os.getFreeMem(); });
const getTotalMem = primitive(function getTotalMem() { return os.getTotalMem(); });
const getAvailableParallelism = primitive(function getAvailableParallelism() {
  return os.getAvailableParallelism();
});

function loadavg() {
  const avg = new Float64Array(3);
  os.getLoadAvg(avg);
  return [avg[0], avg[1], avg[2]];
}

function cpus() {
  const data = os.getCPUs() || [];
  const result = [];
  for (let i = 0; i < data.length; i += 7) {
    result.push({
      model: data[i],
      speed: data[i + 1],
      times: {
        user: data[i + 2],
        nice: data[i + 3],
        sys: data[i + 4],
        idle: data[i + 5],
        irq: data[i + 6],
      },
    });
  }
  return result;
}

const arch = primitive(function arch() { return process.arch; });
const platform = primitive(function platform() { return process.platform; });

// TMPDIR, TMP, TEMP, then /tmp; without a trailing slash.
const tmpdir = primitive(function tmpdir() {
  const env = process.env;
  let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
});

const kEndianness = os.isBigEndian ? 'BE' : 'LE';
const endianness = primitive(function endianness() { return kEndianness; });

function countOnes(n) {
  let ones = 0;
  for (; n !== 0; n >>>= 1) ones += n & 1;
  return ones;
}

// 'address/prefix' from a netmask, or null when the mask is not contiguous.
function getCIDR(address, netmask, family) {
  const ipv6 = family === 'IPv6';
  const groupBits = ipv6 ? 16 : 8;
  let ones = 0;
  let sawZeros = false;
  for (const part of netmask.split(ipv6 ? ':' : '.')) {
    if (part === '') continue;  // '::' in an IPv6 mask
    if (sawZeros) {
      if (part !== '0') return null;
      continue;
    }
    const bits = Number.parseInt(part, ipv6 ? 16 : 10);
    const n = countOnes(bits);
    ones += n;
    if (n !== groupBits) {
      if (bits.toString(2).includes('01')) return null;
      sawZeros = true;
    }
  }
  return `${address}/${ones}`;
}

function networkInterfaces() {
  const data = getInterfaceAddresses();
  const result = {};
  if (data === undefined) return result;
  for (let i = 0; i < data.length; i += 7) {
    const name = data[i];
    const entry = {
      address: data[i + 1],
      netmask: data[i + 2],
      family: data[i + 3],
      mac: data[i + 4],
      internal: data[i + 5],
      cidr: getCIDR(data[i + 1], data[i + 2], data[i + 3]),
    };
    const scopeid = data[i + 6];
    if (scopeid !== -1) entry.scopeid = scopeid;
    if (result[name] !== undefined) result[name].push(entry);
    else result[name] = [entry];
  }
  return result;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  const ctx = {};
  if (os.setPriority(pid, priority, ctx) !== 0) throw systemError(ctx);
}

function getPriority(pid) {
  if (pid === undefined) pid = 0;
  else validateInt32(pid, 'pid');
  const ctx = {};
  const priority = os.getPriority(pid, ctx);
  if (priority === undefined) throw systemError(ctx);
  return priority;
}

// Node's encoding names (case-insensitive) -> canonical name.
const kEncodings = {
  'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'utf16le', 'ucs-2': 'utf16le',
  'utf16le': 'utf16le', 'utf-16le': 'utf16le', 'latin1': 'latin1', 'binary': 'latin1',
  'base64': 'base64', 'base64url': 'base64url', 'hex': 'hex', 'ascii': 'ascii',
  'buffer': 'buffer',
};

// options.encoding: 'buffer' gives Buffers, any other Buffer encoding
// re-encodes the UTF-8 strings; unknown encodings mean UTF-8, as in Node.
function userInfo(options) {
  if (typeof options !== 'object') options = null;
  const ctx = {};
  const user = os.getUserInfo(options, ctx);
  if (user === undefined) throw systemError(ctx);
  const requested = options?.encoding;
  const encoding = typeof requested === 'string' ?
    kEncodings[requested] ?? kEncodings[requested.toLowerCase()] : undefined;
  if (encoding !== undefined && encoding !== 'utf8') {
    const { Buffer } = require('buffer');
    for (const key of ['username', 'homedir', 'shell']) {
      if (typeof user[key] !== 'string') continue;
      const bytes = Buffer.from(user[key], 'utf8');
      user[key] = encoding === 'buffer' ? bytes : bytes.toString(encoding);
    }
  }
  return user;
}

module.exports = {
  arch,
  availableParallelism: getAvailableParallelism,
  cpus,
  endianness,
  freemem: getFreeMem,
  getPriority,
  homedir: getHomeDirectory,
  hostname: getHostname,
  loadavg,
  networkInterfaces,
  platform,
  release: getOSRelease,
  setPriority,
  tmpdir,
  totalmem: getTotalMem,
  type: getOSType,
  userInfo,
  uptime: getUptime,
  version: getOSVersion,
  machine: getMachine,
};

// Node's constant tables have null prototypes.
function nullPrototypes(table) {
  if (Object.getPrototypeOf(table) !== null && Object.isExtensible(table)) {
    Object.setPrototypeOf(table, null);
  }
  for (const value of Object.values(table)) {
    if (typeof value === 'object' && value !== null) nullPrototypes(value);
  }
  return table;
}

Object.defineProperties(module.exports, {
  constants: {
    __proto__: null,
    configurable: false,
    enumerable: true,
    value: nullPrototypes(binding('constants').os),
  },
  EOL: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    writable: false,
    value: '\n',
  },
  devNull: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    writable: false,
    value: '/dev/null',
  },
});
