'use strict';

// child_process: running other programs. spawn (here) starts a ChildProcess
// (internal/child_process/child_process); exec/execFile collect its output
// (internal/child_process/exec_file); the *Sync forms run it to completion
// (internal/child_process/sync); fork starts a kiln child with an IPC
// channel (internal/child_process/channel). Nothing here runs at load time
// beyond defining functions: safe for the snapshot.

const {
  AbortError,
  codes: { ERR_CHILD_PROCESS_IPC_REQUIRED },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateArray,
  validateObject,
} = require('internal/validators');
const { ChildProcess } = require('internal/child_process/child_process');
const {
  getValidatedPath,
  normalizeSpawnArguments,
  sanitizeKillSignal,
  validateArgumentNullCheck,
  validateArgumentsNullCheck,
  validateTimeout,
} = require('internal/child_process/normalize');
const { stdioStringToArray } = require('internal/child_process/stdio');
const { exec, execFile } = require('internal/child_process/exec_file');
const { execFileSync, execSync, spawnSync } = require('internal/child_process/sync');

const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose');

// fork(modulePath[, args][, options]): process.execPath running modulePath,
// with an IPC channel as an extra stdio entry (fd 3 by default).
function fork(modulePath, args = [], options) {
  modulePath = getValidatedPath(modulePath, 'modulePath');
  if (args == null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    validateArray(args, 'args');
  }
  if (options != null) validateObject(options, 'options');
  options = { __proto__: null, ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  validateArgumentNullCheck(options.execPath, 'options.execPath');

  let execArgv = options.execArgv || process.execArgv;
  validateArgumentsNullCheck(execArgv, 'options.execArgv');
  if (execArgv === process.execArgv && process._eval != null) {
    // Drop our own -e so the child does not run it again.
    const index = execArgv.lastIndexOf(process._eval);
    if (index > 0) {
      execArgv = execArgv.slice();
      execArgv.splice(index - 1, 2);
    }
  }
  args = [...execArgv, modulePath, ...args];

  if (typeof options.stdio === 'string') {
    options.stdio = stdioStringToArray(options.stdio, 'ipc');
  } else if (!Array.isArray(options.stdio)) {
    options.stdio = stdioStringToArray(options.silent ? 'pipe' : 'inherit', 'ipc');
  } else if (!options.stdio.includes('ipc')) {
    throw new ERR_CHILD_PROCESS_IPC_REQUIRED('options.stdio');
  }
  return spawn(options.execPath, args, options);
}

// In a forked child: `process` becomes the channel's end (process.send,
// 'message', disconnect). The channel only holds the process open while
// someone listens for 'message' or 'disconnect'.
function _forkChild(fd, serializationMode) {
  const { IpcChannel } = binding('ipc_channel');
  const handle = new IpcChannel(fd);  // non-blocking and close-on-exec
  handle.unref();
  const { setupChannel } = require('internal/child_process/channel');
  const control = setupChannel(process, handle, serializationMode);
  process.on('newListener', function onNewListener(name) {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  process.on('removeListener', function onRemoveListener(name) {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });
}

function abortChildProcess(child, killSignal, reason) {
  if (!child) return;
  try {
    if (child.kill(killSignal)) child.emit('error', new AbortError(undefined, { cause: reason }));
  } catch (err) {
    child.emit('error', err);
  }
}

function spawn(file, args, options) {
  options = normalizeSpawnArguments(file, args, options);
  validateTimeout(options.timeout);
  validateAbortSignal(options.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(options.killSignal);
  const child = new ChildProcess();
  child.spawn(options);

  if (options.timeout > 0) {
    let timeoutId = setTimeout(() => {
      if (timeoutId) {
        try {
          child.kill(killSignal);
        } catch (err) {
          child.emit('error', err);
        }
        timeoutId = null;
      }
    }, options.timeout);
    child.once('exit', () => {
      if (timeoutId) {
        clearTimeout(timeoutId);
        timeoutId = null;
      }
    });
  }

  if (options.signal) {
    const signal = options.signal;
    const onAbortListener = () => {
      abortChildProcess(child, killSignal, options.signal.reason);
    };
    if (signal.aborted) {
      process.nextTick(onAbortListener);
    } else {
      const disposable = require('events').addAbortListener(signal, onAbortListener);
      // events may have been loaded before Symbol.dispose existed.
      child.once('exit', disposable[SymbolDispose] || disposable[Symbol.for('nodejs.dispose')]);
    }
  }
  return child;
}

module.exports = {
  _forkChild,
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
};
