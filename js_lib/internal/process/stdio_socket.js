'use strict';

// The Socket stdio streams are made of (process.stdin/stdout/stderr on pipes
// and sockets, and tty.ReadStream/WriteStream): net.Socket, with a handle
// made for the fd: a Pipe or TCP handle for pipes and sockets, as in Node,
// and a plain FdStream (binding('stream_fd')) for anything else, such as a
// terminal, which net.Socket itself would refuse.

const { ErrnoException } = require('internal/errors');
const { Socket: NetSocket } = require('internal/net/socket');
const { kOwner } = require('internal/net/stream_base');
const { guessHandleType, newPipe, newTCP } = require('internal/net/handles');

function createHandle(fd) {
  const type = guessHandleType(fd);
  if (type !== 'PIPE' && type !== 'TCP') {
    const { FdStream } = binding('stream_fd');
    return new FdStream(fd);
  }
  const handle = type === 'PIPE' ? newPipe(false) : newTCP(false);
  const err = handle.open(fd);
  if (err) throw new ErrnoException(err, 'open');
  return handle;
}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  options = { ...options };
  if (options.handle === undefined && options.fd !== undefined) {
    options.handle = createHandle(options.fd);
  }
  NetSocket.call(this, options);
}
Object.setPrototypeOf(Socket.prototype, NetSocket.prototype);
Object.setPrototypeOf(Socket, NetSocket);

module.exports = { Socket, kOwner };
