'use strict';

// The `stdio` option of spawn/fork/spawnSync: 'pipe', 'inherit', 'ignore',
// 'overlapped' or an array of those, 'ipc', fd numbers, streams with an fd,
// and stream handles; turned into the entries binding('process_wrap') takes:
//   { type: 'ignore' }
//   { type: 'pipe', readable, writable }       a socketpair (the binding sets
//                                              parentFd, our end)
//   { type: 'pipe', ipc: true }                the IPC channel, the same way
//                                              (its handle an IpcChannel)
//   { type: 'inherit' | 'fd', fd }             the child gets our fd `fd`
//   { type: 'wrap', fd, handle, _stdio }       the fd under a stream's handle
// After the spawn, pipe entries get `handle`, a stream over parentFd.

const {
  codes: {
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_SYNC_FORK_INPUT,
    ERR_IPC_ONE_PIPE,
    ERR_IPC_SYNC_FORK,
  },
} = require('internal/errors');

function stdioStringToArray(stdio, channel) {
  const options = [];
  switch (stdio) {
    case 'ignore':
    case 'overlapped':
    case 'pipe': options.push(stdio, stdio, stdio); break;
    case 'inherit': options.push(0, 1, 2); break;
    default:
      throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  if (channel) options.push(channel);
  return options;
}

// The classes of stream handles whose fd a child can be given: FdStream
// (stdio, child pipes) and the net handles built on it, where present.
let handleClasses = null;
function streamHandleClasses() {
  if (handleClasses === null) {
    handleClasses = [binding('stream_fd').FdStream];
    for (const [name, cls] of [['tcp_wrap', 'TCP'], ['pipe_wrap', 'Pipe']]) {
      try {
        const ctor = binding(name)[cls];
        if (typeof ctor === 'function') handleClasses.push(ctor);
      } catch {
        // This build has no such binding.
      }
    }
  }
  return handleClasses;
}

function isStreamHandle(value) {
  if (value == null || typeof value !== 'object') return false;
  return streamHandleClasses().some((cls) => value instanceof cls);
}

// The handle under a stream (or the handle itself), or null.
function wrappedHandle(stdio) {
  if (isStreamHandle(stdio)) return stdio;
  if (isStreamHandle(stdio.handle)) return stdio.handle;
  if (isStreamHandle(stdio._handle)) return stdio._handle;
  return null;
}

function closeOpened(acc) {
  for (let i = 0; i < acc.length; i++) {
    if (acc[i].type === 'pipe' && acc[i].handle) acc[i].handle.close();
  }
}

// -> { stdio: entries, ipc (the ipc entry or undefined), ipcFd }
function getValidStdio(stdio, sync) {
  let ipc;
  let ipcFd;
  if (typeof stdio === 'string') {
    stdio = stdioStringToArray(stdio);
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  // At least three; a plain loop so holes count as undefined.
  while (stdio.length < 3) stdio.push(undefined);

  const acc = [];
  for (let i = 0; i < stdio.length; i++) {
    let item = stdio[i];
    item ??= i < 3 ? 'pipe' : 'ignore';
    if (item === 'ignore') {
      acc.push({ type: 'ignore' });
    } else if (item === 'pipe' || item === 'overlapped' ||
               (typeof item === 'number' && item < 0)) {
      acc.push({
        type: item === 'overlapped' ? 'overlapped' : 'pipe',
        readable: i === 0,
        writable: i !== 0,
      });
    } else if (item === 'ipc') {
      if (sync || ipc !== undefined) {
        closeOpened(acc);
        if (!sync) throw new ERR_IPC_ONE_PIPE();
        throw new ERR_IPC_SYNC_FORK();
      }
      ipc = { type: 'pipe', ipc: true };
      ipcFd = i;
      acc.push(ipc);
    } else if (item === 'inherit') {
      acc.push({ type: 'inherit', fd: i });
    } else if (typeof item === 'number' || typeof item.fd === 'number') {
      acc.push({ type: 'fd', fd: typeof item === 'number' ? item : item.fd });
    } else if (wrappedHandle(item) !== null) {
      const handle = wrappedHandle(item);
      acc.push({ type: 'wrap', fd: handle.fd, handle, _stdio: item });
    } else if (ArrayBuffer.isView(item) || typeof item === 'string') {
      if (!sync) {
        closeOpened(acc);
        throw new ERR_INVALID_SYNC_FORK_INPUT(require('internal/util/inspect').inspect(item));
      }
    } else {
      closeOpened(acc);
      throw new ERR_INVALID_ARG_VALUE('stdio', item);
    }
  }
  return { stdio: acc, ipc, ipcFd };
}

// After binding('process_wrap').spawn: a stream handle over each pipe's
// parentFd (an IpcChannel for the IPC channel, which can carry fds).
function openPipeHandles(stdio) {
  for (let i = 0; i < stdio.length; i++) {
    const entry = stdio[i];
    if ((entry.type === 'pipe' || entry.type === 'overlapped') &&
        typeof entry.parentFd === 'number') {
      const Handle = entry.ipc ?
        binding('ipc_channel').IpcChannel : binding('stream_fd').FdStream;
      entry.handle = new Handle(entry.parentFd);
    }
  }
}

// The parent's side of a pipe as a stream: readable for the child's
// output, writable for its input.
function createSocket(handle, readable) {
  const { Socket } = require('internal/process/stdio_socket');
  return new Socket({ handle, readable });
}

module.exports = {
  createSocket,
  getValidStdio,
  openPipeHandles,
  stdioStringToArray,
};
