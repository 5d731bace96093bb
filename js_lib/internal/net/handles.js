'use strict';

// Socket handles from the bindings (bindings/tcp_wrap.cc, pipe_wrap.cc),
// looked up on first use: bindings that touch the loop cannot be made while
// the snapshot is built.

const { codes: { ERR_INVALID_FD_TYPE } } = require('internal/errors');
const { validateInt32 } = require('internal/validators');
const { initLoopResource } = require('internal/async_context');

let tcp;
let pipe;

function tcpWrap() {
  if (tcp === undefined) tcp = binding('tcp_wrap');
  return tcp;
}

function pipeWrap() {
  if (pipe === undefined) pipe = binding('pipe_wrap');
  return pipe;
}

function newTCP(server) {
  const { TCP, constants } = tcpWrap();
  const handle = new TCP(server ? constants.SERVER : constants.SOCKET);
  // Its callbacks run in the AsyncLocalStorage frame it was made in.
  initLoopResource(handle, server ? 'TCPSERVERWRAP' : 'TCPWRAP');
  return handle;
}

function newPipe(server) {
  const { Pipe, constants } = pipeWrap();
  const handle = new Pipe(server ? constants.SERVER : constants.SOCKET);
  initLoopResource(handle, server ? 'PIPESERVERWRAP' : 'PIPEWRAP');
  return handle;
}

function isTCP(handle) {
  return handle != null && handle instanceof tcpWrap().TCP;
}

function isPipe(handle) {
  return handle != null && handle instanceof pipeWrap().Pipe;
}

function guessHandleType(fd) {
  return binding('tty').guessHandleType(fd);
}

// A handle for an existing fd (not opened yet): a Pipe for pipes and unix
// sockets, a TCP for TCP sockets; anything else is refused, as in Node.
function createHandle(fd, server) {
  validateInt32(fd, 'fd', 0);
  const type = guessHandleType(fd);
  if (type === 'PIPE') return newPipe(server);
  if (type === 'TCP') return newTCP(server);
  throw new ERR_INVALID_FD_TYPE(type);
}

function ipv6OnlyFlag(ipv6Only) {
  return ipv6Only === true ? tcpWrap().constants.UV_TCP_IPV6ONLY : 0;
}

module.exports = {
  createHandle, guessHandleType, ipv6OnlyFlag, isPipe, isTCP, newPipe, newTCP, pipeWrap,
  tcpWrap,
};
