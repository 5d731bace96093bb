'use strict';

// process.stdin, process.stdout and process.stderr, each created on first
// use (the bootstrap defines them as lazy getters; never in the snapshot).
// What they are depends on what the fd is, as in Node on Linux:
//   TTY:  tty.WriteStream / tty.ReadStream, writes synchronous
//   FILE: SyncWriteStream / a file ReadStream, writes synchronous
//   PIPE, TCP: a Socket; writes go out at once as far as the pipe takes
//         them, the rest is queued ('drain') and flushed at exit
//   else: a Writable that drops everything / an empty Readable

let stdin;
let stdout;
let stderr;

function guessHandleType(fd) {
  return binding('tty').guessHandleType(fd);
}

function createWritableStdioStream(fd) {
  let stream;
  switch (guessHandleType(fd)) {
    case 'TTY': {
      const { WriteStream } = require('internal/process/tty_streams');
      stream = new WriteStream(fd);
      stream._type = 'tty';
      break;
    }
    case 'FILE': {
      const SyncWriteStream = require('internal/process/sync_write_stream');
      stream = new SyncWriteStream(fd, { autoClose: false });
      stream._type = 'fs';
      break;
    }
    case 'PIPE':
    case 'TCP': {
      const { Socket } = require('internal/process/stdio_socket');
      stream = new Socket({ fd, readable: false, writable: true });
      // Like libuv's uv_pipe_open: a full pipe must not block the process.
      stream._handle.setBlocking(false);
      stream._type = 'pipe';
      break;
    }
    default: {
      const Writable = require('internal/streams/writable');
      stream = new Writable({ write(buf, enc, cb) { cb(); } });
    }
  }
  stream.fd = fd;
  stream._isStdio = true;
  return stream;
}

// stdout/stderr survive destroy(): the fd stays usable for later writes.
function dummyDestroy(err, cb) {
  cb(err);
  this._undestroy();
  if (!this._writableState.emitClose) {
    process.nextTick(() => { this.emit('close'); });
  }
}

function setupStdWritable(fd, refreshSize) {
  const stream = createWritableStdioStream(fd);
  stream.destroySoon = stream.destroy;
  stream._destroy = dummyDestroy;
  if (stream.isTTY) process.on('SIGWINCH', refreshSize);
  return stream;
}

function refreshStdoutOnSigWinch() {
  stdout._refreshSize();
}

function refreshStderrOnSigWinch() {
  stderr._refreshSize();
}

function getStdout() {
  if (stdout) return stdout;
  stdout = setupStdWritable(1, refreshStdoutOnSigWinch);
  return stdout;
}

function getStderr() {
  if (stderr) return stderr;
  stderr = setupStdWritable(2, refreshStderrOnSigWinch);
  return stderr;
}

function getStdin() {
  if (stdin) return stdin;
  const fd = 0;
  switch (guessHandleType(fd)) {
    case 'TTY': {
      const { ReadStream } = require('internal/process/tty_streams');
      stdin = new ReadStream(fd);
      break;
    }
    case 'FILE': {
      const ReadStream = require('internal/process/file_read_stream');
      stdin = new ReadStream(fd);
      break;
    }
    case 'PIPE':
    case 'TCP': {
      const { Socket } = require('internal/process/stdio_socket');
      stdin = new Socket({ fd, readable: true, writable: false, manualStart: true });
      stdin._handle.setBlocking(false);
      stdin._writableState.ended = true;
      break;
    }
    default: {
      const Readable = require('internal/streams/readable');
      stdin = new Readable({ read() {} });
      stdin.push(null);
    }
  }
  stdin.fd = fd;

  // Nothing is read (and the process is not kept alive) until someone reads.
  if (stdin._handle && stdin._handle.readStop) {
    stdin._handle.reading = false;
    stdin._readableState.reading = false;
    stdin._handle.readStop();
  }

  // A paused stdin stops reading, so it no longer keeps the process alive.
  stdin.on('pause', () => { process.nextTick(onpause); });
  function onpause() {
    if (!stdin._handle) return;
    if (stdin._handle.reading && !stdin.readableFlowing) {
      stdin._readableState.reading = false;
      stdin._handle.reading = false;
      stdin._handle.readStop();
    }
  }
  return stdin;
}

module.exports = { getStdout, getStderr, getStdin };
