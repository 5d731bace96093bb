'use strict';

// The child side of fork(): called once per run by internal/main's runMain.
// A parent that forked us put its end of the IPC channel at fd
// NODE_CHANNEL_FD; the variables are removed so our own children do not
// inherit them.

function setupChildProcessIpcChannel() {
  const value = process.env.NODE_CHANNEL_FD;
  if (!value) return;
  const fd = Number.parseInt(value, 10);
  delete process.env.NODE_CHANNEL_FD;
  const serializationMode = process.env.NODE_CHANNEL_SERIALIZATION_MODE || 'json';
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  if (!(fd >= 0)) return;
  require('child_process')._forkChild(fd, serializationMode);
}

module.exports = { setupChildProcessIpcChannel };
