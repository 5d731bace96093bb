'use strict';
// process.report: Node's diagnostic report, a JSON document about the
// process (header, JavaScript and native stacks, heap, resource usage,
// environment, limits, shared objects) from getReport() or written to a file
// by writeReport(), on a signal (reportOnSignal) or on an uncaught exception
// (reportOnUncaughtException). Kiln has no libuv: the report's `libuv` list
// is empty, and `workers` lists no worker threads. reportOnFatalError is kept
// but never triggers (V8's fatal errors end the process in C++).
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');
const {
  validateBoolean, validateObject, validateSignalName, validateString,
} = require('internal/validators');
const { getOptionValue } = require('internal/options');
const execution = require('internal/process/execution');
const native = binding('report');

const kReportVersion = 4;  // as Node 20.20's

const config = {
  compact: getOptionValue('--report-compact') === true,
  directory: getOptionValue('--report-dir') ?? getOptionValue('--report-directory') ?? '',
  filename: getOptionValue('--report-filename') ?? '',
  excludeNetwork: getOptionValue('--report-exclude-network') === true,
  signal: getOptionValue('--report-signal') ?? 'SIGUSR2',
  reportOnFatalError: getOptionValue('--report-on-fatalerror') === true,
  reportOnSignal: getOptionValue('--report-on-signal') === true,
  reportOnUncaughtException: getOptionValue('--report-uncaught-exception') === true,
};
let sequence = 0;

function pad(n, width = 2) { return String(n).padStart(width, '0'); }

function header(event, trigger, filename, now) {
  const [glibcRuntime, glibcCompiler] = native.glibcVersions();
  const h = {
    reportVersion: kReportVersion,
    event,
    trigger,
    filename,
    dumpEventTime: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    dumpEventTimeStamp: String(now.getTime()),
    processId: process.pid,
    threadId: require('worker_threads').threadId,
    cwd: process.cwd(),
    commandLine: [process.argv0, ...process.execArgv, ...process.argv.slice(1)],
    nodejsVersion: process.version,
    glibcVersionRuntime: glibcRuntime,
    glibcVersionCompiler: glibcCompiler,
    wordSize: 64,
    arch: process.arch,
    platform: process.platform,
    componentVersions: { ...process.versions },
    release: { ...process.release },
    osName: os.type(),
    osRelease: os.release(),
    osVersion: os.version(),
    osMachine: os.machine(),
    cpus: os.cpus().map(({ model, speed, times }) => ({ model, speed, ...times })),
  };
  if (!config.excludeNetwork) {
    h.networkInterfaces = [];
    for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
      for (const { internal, mac, address, netmask, family, scopeid } of addresses) {
        const iface = { name, internal, mac, address, netmask, family };
        if (family === 'IPv6') iface.scopeid = scopeid;
        h.networkInterfaces.push(iface);
      }
    }
  }
  h.host = os.hostname();
  return h;
}

// The error's stack, or the caller's under a synthetic error, as Node's.
function javascriptStack(error) {
  if (error === undefined || error === null || typeof error !== 'object') {
    const synthetic = {};
    Error.captureStackTrace(synthetic, build);
    return {
      message: 'Error [ERR_SYNTHETIC]: JavaScript Callstack',
      stack: String(synthetic.stack).split('\n').slice(1).map((l) => l.trim()),
      errorProperties: { code: 'ERR_SYNTHETIC' },
    };
  }
  // As Node: the stack's first line, then its frames.
  const stack = typeof error.stack === 'string' ? error.stack.split('\n') : [String(error)];
  const errorProperties = {};
  for (const key of Object.keys(error)) errorProperties[key] = String(error[key]);
  return {
    message: stack[0],
    stack: stack.filter((l) => /^\s+at /.test(l)).map((l) => l.trim()),
    errorProperties,
  };
}

function javascriptHeap() {
  const s = v8.getHeapStatistics();
  const heapSpaces = {};
  for (const space of v8.getHeapSpaceStatistics()) {
    heapSpaces[space.space_name] = {
      memorySize: space.space_size,
      committedMemory: space.physical_space_size,
      capacity: space.space_used_size + space.space_available_size,
      used: space.space_used_size,
      available: space.space_available_size,
    };
  }
  return {
    totalMemory: s.total_heap_size,
    executableMemory: s.total_heap_size_executable,
    totalCommittedMemory: s.total_physical_size,
    availableMemory: s.total_available_size,
    totalGlobalHandlesMemory: s.total_global_handles_size,
    usedGlobalHandlesMemory: s.used_global_handles_size,
    usedMemory: s.used_heap_size,
    memoryLimit: s.heap_size_limit,
    mallocedMemory: s.malloced_memory,
    externalMemory: s.external_memory,
    peakMallocedMemory: s.peak_malloced_memory,
    nativeContextCount: s.number_of_native_contexts,
    detachedContextCount: s.number_of_detached_contexts,
    doesZapGarbage: s.does_zap_garbage,
    heapSpaces,
  };
}

function cpuPercents(user, kernel, uptime) {
  const pct = (x) => (uptime > 0 ? Math.round(x / uptime * 1e6) / 1e4 : 0);
  return {
    cpuConsumptionPercent: pct(user + kernel),
    userCpuConsumptionPercent: pct(user),
    kernelCpuConsumptionPercent: pct(kernel),
  };
}

function resourceUsage() {
  const r = process.resourceUsage();
  const user = r.userCPUTime / 1e6;
  const kernel = r.systemCPUTime / 1e6;
  return {
    free_memory: os.freemem(),
    total_memory: os.totalmem(),
    rss: process.memoryUsage.rss(),
    constrained_memory: process.constrainedMemory() || 18446744073709552000,
    available_memory: process.availableMemory(),
    userCpuSeconds: user,
    kernelCpuSeconds: kernel,
    ...cpuPercents(user, kernel, process.uptime()),
    maxRss: r.maxRSS * 1024,
    pageFaults: { IORequired: r.majorPageFault, IONotRequired: r.minorPageFault },
    fsActivity: { reads: r.fsRead, writes: r.fsWrite },
  };
}

function threadResourceUsage() {
  const t = native.threadResourceUsage();
  if (t === undefined) return undefined;
  const [user, kernel, reads, writes] = t;
  return {
    userCpuSeconds: user,
    kernelCpuSeconds: kernel,
    ...cpuPercents(user, kernel, process.uptime()),
    fsActivity: { reads, writes },
  };
}

function build(event, trigger, filename, err) {
  const report = {
    header: header(event, trigger, filename, new Date()),
    javascriptStack: javascriptStack(err),
    javascriptHeap: javascriptHeap(),
    nativeStack: native.nativeStack(),
    resourceUsage: resourceUsage(),
  };
  const thread = threadResourceUsage();
  if (thread !== undefined) report.uvthreadResourceUsage = thread;
  report.libuv = [];
  report.workers = [];
  report.environmentVariables = { ...process.env };
  report.userLimits = native.userLimits();
  report.sharedObjects = native.sharedObjects();
  return report;
}

function serialize(report) {
  return config.compact ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`;
}

// report.YYYYMMDD.HHMMSS.PID.TID.SEQ.json, as Node names them.
function defaultFilename(now) {
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const tid = require('worker_threads').threadId;
  return `report.${date}.${time}.${process.pid}.${tid}.${pad(++sequence, 3)}.json`;
}

// Writes a report; returns the file's name ('' if it could not be written).
function write(event, trigger, file, err) {
  const name = file || config.filename || defaultFilename(new Date());
  const text = serialize(build(event, trigger, name, err));
  if (name === 'stdout' || name === 'stderr') {
    fs.writeSync(name === 'stdout' ? 1 : 2, text);
    return name;
  }
  const target = path.resolve(config.directory || process.cwd(), name);
  process._rawDebug(`\nWriting Node.js report to file: ${name}`);
  try {
    fs.writeFileSync(target, text);
  } catch (e) {
    process._rawDebug(`Failed to open Node.js report file: ${name} (errno: ${e.errno ?? 0})`);
    return '';
  }
  process._rawDebug('Node.js report completed');
  return name;
}

function writeReport(file, err) {
  if (typeof file === 'object' && file !== null) {
    err = file;
    file = undefined;
  } else if (file !== undefined) {
    validateString(file, 'file');
  }
  if (err !== undefined) validateObject(err, 'err');
  return write('JavaScript API', 'API', file, err);
}

function getReport(err) {
  if (err !== undefined) validateObject(err, 'err');
  return build('JavaScript API', 'GetReport', null, err);
}

function onSignal(signal) {
  write(signal, 'Signal', undefined, undefined);
}

function setSignalListener(on) {
  if (on) process.on(config.signal, onSignal);
  else process.removeListener(config.signal, onSignal);
}

function onUncaughtException(err) {
  write('Exception', 'Exception', undefined, err);
}

const report = {
  writeReport,
  getReport,
  get directory() { return config.directory; },
  set directory(dir) { validateString(dir, 'directory'); config.directory = dir; },
  get filename() { return config.filename; },
  set filename(name) { validateString(name, 'filename'); config.filename = name; },
  get compact() { return config.compact; },
  set compact(b) { validateBoolean(b, 'compact'); config.compact = b; },
  get excludeNetwork() { return config.excludeNetwork; },
  set excludeNetwork(b) { validateBoolean(b, 'excludeNetwork'); config.excludeNetwork = b; },
  get signal() { return config.signal; },
  set signal(sig) {
    validateString(sig, 'signal');
    validateSignalName(sig, 'signal');
    if (config.reportOnSignal) setSignalListener(false);
    config.signal = sig;
    if (config.reportOnSignal) setSignalListener(true);
  },
  get reportOnFatalError() { return config.reportOnFatalError; },
  set reportOnFatalError(b) { validateBoolean(b, 'trigger'); config.reportOnFatalError = b; },
  get reportOnSignal() { return config.reportOnSignal; },
  set reportOnSignal(b) {
    validateBoolean(b, 'trigger');
    if (b !== config.reportOnSignal) setSignalListener(b);
    config.reportOnSignal = b;
  },
  get reportOnUncaughtException() { return config.reportOnUncaughtException; },
  set reportOnUncaughtException(b) {
    validateBoolean(b, 'trigger');
    config.reportOnUncaughtException = b;
    execution.setUncaughtExceptionReport(b ? onUncaughtException : null);
  },
};

if (config.reportOnSignal) setSignalListener(true);
if (config.reportOnUncaughtException) execution.setUncaughtExceptionReport(onUncaughtException);

module.exports = { report: () => report };
