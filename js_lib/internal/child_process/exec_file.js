'use strict';

// execFile and exec: run a child, collect its stdout and stderr (up to
// maxBuffer bytes each), and call back with (err, stdout, stderr) once it
// has closed. A failure is Node's "Command failed: cmd\nstderr" error with
// code (exit code or errno name), killed, signal and cmd. util.promisify
// gives a promise of { stdout, stderr } with `child` on it.

const {
  codes: { ERR_CHILD_PROCESS_STDIO_MAXBUFFER },
  genericNodeError,
} = require('internal/errors');
const { getSystemErrorName } = require('internal/errors/uv_errmap');
// util.promisify.custom (a registered symbol).
const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
const chunks = require('internal/streams/chunk');
const {
  MAX_BUFFER,
  normalizeExecArgs,
  normalizeExecFileArgs,
  sanitizeKillSignal,
  validateMaxBuffer,
  validateTimeout,
} = require('internal/child_process/normalize');

function byteLength(str, encoding) {
  return chunks.fromString(str, encoding).length;
}

// Collects one of the child's output streams, within maxBuffer.
function collect(stream, options, state, name) {
  const list = [];
  let length = 0;
  stream.on('data', function onChildOutput(chunk) {
    if (options.maxBuffer === Infinity) {
      list.push(chunk);
      return;
    }
    const encoding = stream.readableEncoding;
    const size = encoding ? byteLength(chunk, encoding) : chunk.length;
    length += size;
    if (length > options.maxBuffer) {
      const keep = options.maxBuffer - (length - size);
      list.push(chunk.slice(0, keep));
      state.ex = new ERR_CHILD_PROCESS_STDIO_MAXBUFFER(name);
      state.kill();
    } else {
      list.push(chunk);
    }
  });
  return list;
}

function join(list, stream, encoding) {
  if (encoding || (stream && stream.readableEncoding)) return list.join('');
  return chunks.concat(list);
}

function execFile(file, args, options, callback) {
  ({ file, args, options, callback } = normalizeExecFileArgs(file, args, options, callback));
  options = {
    __proto__: null,
    encoding: 'utf8',
    timeout: 0,
    maxBuffer: MAX_BUFFER,
    killSignal: 'SIGTERM',
    cwd: null,
    env: null,
    shell: false,
    ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);

  const { spawn } = require('child_process');
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    gid: options.gid,
    shell: options.shell,
    signal: options.signal,
    uid: options.uid,
    windowsHide: !!options.windowsHide,
    windowsVerbatimArguments: !!options.windowsVerbatimArguments,
  });

  const encoding = options.encoding !== 'buffer' && chunks.isEncoding(options.encoding) ?
    options.encoding : null;
  let killed = false;
  let exited = false;
  let timeoutId;
  let cmd = file;
  const state = { ex: null, kill };

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timeoutId) {
      clearTimeout(timeoutId);
      timeoutId = null;
    }
    if (!callback) return;
    const stdout = join(stdoutList, child.stdout, encoding);
    const stderr = join(stderrList, child.stderr, encoding);
    if (!state.ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (args?.length) cmd += ` ${args.join(' ')}`;
    if (!state.ex) {
      state.ex = genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code < 0 ? getSystemErrorName(code) : code,
        killed: child.killed || killed,
        signal: signal,
      });
    }
    state.ex.cmd = cmd;
    callback(state.ex, stdout, stderr);
  }

  function errorhandler(e) {
    state.ex = e;
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    exithandler();
  }

  function kill() {
    if (child.stdout) child.stdout.destroy();
    if (child.stderr) child.stderr.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      state.ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timeoutId = setTimeout(function delayedKill() {
      kill();
      timeoutId = null;
    }, options.timeout);
  }

  let stdoutList = [];
  let stderrList = [];
  if (child.stdout) {
    if (encoding) child.stdout.setEncoding(encoding);
    stdoutList = collect(child.stdout, options, state, 'stdout');
  }
  if (child.stderr) {
    if (encoding) child.stderr.setEncoding(encoding);
    stderrList = collect(child.stderr, options, state, 'stderr');
  }
  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return require('child_process').execFile(opts.file, opts.options, opts.callback);
}

// The util.promisify form: resolves { stdout, stderr }; rejects with the
// error carrying stdout and stderr; the promise has the ChildProcess.
function customPromiseExecFunction(orig) {
  return (...args) => {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.child = orig(...args, (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        reject(err);
      } else {
        resolve({ stdout, stderr });
      }
    });
    return promise;
  };
}

Object.defineProperty(exec, kCustomPromisifiedSymbol, {
  __proto__: null,
  enumerable: false,
  value: customPromiseExecFunction(exec),
});

Object.defineProperty(execFile, kCustomPromisifiedSymbol, {
  __proto__: null,
  enumerable: false,
  value: customPromiseExecFunction(execFile),
});

module.exports = { exec, execFile };
