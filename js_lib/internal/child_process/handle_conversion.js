'use strict';

// Handles sent over an IPC channel (child.send(msg, handle)): how each kind
// becomes a native handle whose fd travels with the message, and what the
// receiver makes of the fd. The message goes as
// { cmd: 'NODE_HANDLE', type, msg } and the receiver acknowledges it
// (NODE_HANDLE_ACK), after which the sender closes its copy unless keepOpen.
// Kinds: 'net.Native' (a TCP or Pipe handle), 'net.Server', 'net.Socket'.
// TODO(dgram): 'dgram.Socket' and 'dgram.Native' once there is a dgram.

const { SocketListReceive, SocketListSend } = require('internal/socket_list');

function nop() {}

function isNetHandle(handle) {
  const { isPipe, isTCP } = require('internal/net/handles');
  return isTCP(handle) || isPipe(handle);
}

// The message type for `handle`, or null if it cannot be sent.
function handleType(handle) {
  const net = require('net');
  if (handle instanceof net.Socket) return 'net.Socket';
  if (handle instanceof net.Server) return 'net.Server';
  if (isNetHandle(handle)) return 'net.Native';
  return null;
}

// A native handle for a received fd (the receiver's side of every kind).
function handleFromFd(fd, server) {
  const { createHandle } = require('internal/net/handles');
  let handle;
  try {
    handle = createHandle(fd, server);
  } catch {
    return null;
  }
  if (handle.open(fd) !== 0) {
    handle.close();
    return null;
  }
  return handle;
}

function getSocketList(type, target, key) {
  const { kChannelHandle } = require('internal/child_process/channel');
  const sockets = target[kChannelHandle].sockets[type];
  let socketList = sockets[key];
  if (!socketList) {
    const Construct = type === 'send' ? SocketListSend : SocketListReceive;
    socketList = sockets[key] = new Construct(target, key);
  }
  return socketList;
}

const handleConversion = {
  'net.Native': {
    server: false,
    send(message, handle, options) {
      return handle;
    },
    got(message, handle, emit) {
      emit(handle);
    },
  },

  'net.Server': {
    server: true,
    send(message, server, options) {
      return server._handle;
    },
    got(message, handle, emit) {
      const net = require('net');
      const server = new net.Server();
      server.listen(handle, () => {
        emit(server);
      });
    },
  },

  'net.Socket': {
    server: false,
    send(message, socket, options) {
      if (!socket._handle) return;
      // A server's connection: the server keeps count through the receiver.
      if (socket.server) {
        message.key = socket.server._connectionKey;
        const { kChannelHandle } = require('internal/child_process/channel');
        const firstTime = !this[kChannelHandle].sockets.send[message.key];
        const socketList = getSocketList('send', this, message.key);
        if (firstTime && typeof socket.server._setupWorker === 'function') {
          socket.server._setupWorker(socketList);
        }
        if (!options.keepOpen) socket.server._connections--;
      }
      const handle = socket._handle;
      // The socket lets go of its handle, which closes once the other side
      // has it.
      if (!options.keepOpen) {
        handle.onread = nop;
        socket._handle = null;
        socket.setTimeout(0);
      }
      return handle;
    },

    postSend(message, handle, options, callback, target) {
      // Kept until NODE_HANDLE_ACK (closed then); closed now if the send
      // failed.
      if (handle && !options.keepOpen) {
        if (target) {
          target._pendingMessage = { callback, message, handle, options, retransmissions: 0 };
        } else {
          handle.close();
        }
      }
    },

    got(message, handle, emit) {
      const net = require('net');
      const socket = new net.Socket({ handle, readable: true, writable: true });
      if (message.key) {
        getSocketList('got', this, message.key).add({ socket });
      }
      emit(socket);
    },
  },
};

module.exports = { handleConversion, handleFromFd, handleType };
