'use strict';

// spawnSync, execFileSync and execSync: the child runs to completion inside
// binding('spawn_sync').spawn, which returns its output and how it ended.
// execFileSync/execSync throw Node's "Command failed: ..." error (with
// status, signal, output, pid, stdout, stderr) when it did not exit with 0,
// and pass the child's stderr on to ours unless stdio was given.

const {
  ErrnoException,
  codes: { ERR_INVALID_ARG_TYPE },
  genericNodeError,
} = require('internal/errors');
const chunks = require('internal/streams/chunk');
const {
  MAX_BUFFER,
  normalizeExecArgs,
  normalizeExecFileArgs,
  normalizeSpawnArguments,
  sanitizeKillSignal,
  signalName,
  validateMaxBuffer,
  validateTimeout,
} = require('internal/child_process/normalize');
const { getValidStdio } = require('internal/child_process/stdio');

// The binding's result in Node's shape.
function runSync(options) {
  const result = binding('spawn_sync').spawn(options);
  if (result.output) {
    const encoding = options.encoding && options.encoding !== 'buffer' ?
      options.encoding : null;
    for (let i = 0; i < result.output.length; i++) {
      const bytes = result.output[i];
      if (!bytes) continue;
      result.output[i] = encoding ?
        chunks.toString(bytes, encoding) : chunks.fromView(bytes);
    }
  }
  result.signal = signalName(result.signal);
  result.stdout = result.output && result.output[1];
  result.stderr = result.output && result.output[2];
  if (result.error) {
    result.error = new ErrnoException(result.error, 'spawnSync ' + options.file);
    result.error.path = options.file;
    result.error.spawnargs = options.args.slice(1);
  }
  return result;
}

function spawnSync(file, args, options) {
  options = {
    __proto__: null,
    maxBuffer: MAX_BUFFER,
    ...normalizeSpawnArguments(file, args, options),
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  options.stdio = getValidStdio(options.stdio || 'pipe', true).stdio;

  if (options.input) {
    const stdin = options.stdio[0] = { ...options.stdio[0] };
    stdin.input = options.input;
  }
  // Any pipe may carry input: bytes, or a string in options.encoding.
  for (let i = 0; i < options.stdio.length; i++) {
    const input = options.stdio[i] && options.stdio[i].input;
    if (input != null) {
      const pipe = options.stdio[i] = { ...options.stdio[i] };
      if (ArrayBuffer.isView(input)) {
        pipe.input = input;
      } else if (typeof input === 'string') {
        pipe.input = chunks.fromString(input, options.encoding);
      } else {
        throw new ERR_INVALID_ARG_TYPE(`options.stdio[${i}]`,
                                       ['Buffer', 'TypedArray', 'DataView', 'string'],
                                       input);
      }
    }
  }
  return runSync(options);
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) {
      const text = typeof ret.stderr === 'string' ?
        ret.stderr : chunks.toString(ret.stderr, 'utf8');
      msg += `\n${text}`;
    }
    err = genericNodeError(msg, ret);
  }
  return err;
}

function writeToStderr(data) {
  process.stderr.write(data);
}

function execFileSync(file, args, options) {
  ({ file, args, options } = normalizeExecFileArgs(file, args, options));
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args, options);
  if (inheritStderr && ret.stderr) writeToStderr(ret.stderr);
  const errArgs = [options.argv0 || file];
  errArgs.push(...args);
  const err = checkExecSyncError(ret, errArgs);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null);
  const inheritStderr = !opts.options.stdio;
  const ret = spawnSync(opts.file, opts.options);
  if (inheritStderr && ret.stderr) writeToStderr(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

module.exports = { execFileSync, execSync, spawnSync };
