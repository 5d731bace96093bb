'use strict';

// Consume mode for server connections: the parser takes the socket
// handle's reads in C++ (bindings/http_parser.cc), so no JS runs per read
// but the parser's callbacks; 'pause'/'resume' of the socket then start and
// stop the handle directly. Whoever adds a 'data' or 'readable' listener to
// the socket gets its bytes the normal way again (unconsume).

const { Socket } = require('internal/net/socket');
const { kOnExecute } = require('internal/http/common');
const { isPipe, isTCP } = require('internal/net/handles');

function onSocketResume() {
  // 'resume' comes a tick after resume(): the socket may be paused again.
  if (this._paused) {
    this.pause();
    return;
  }
  if (this._handle && !this._handle.reading) {
    this._handle.reading = true;
    this._handle.readStart();
  }
}

function onSocketPause() {
  if (this._handle && this._handle.reading) {
    this._handle.reading = false;
    this._handle.readStop();
  }
}

function unconsume(parser, socket) {
  if (parser._consumed) {
    parser.unconsume();
    parser._consumed = false;
    if (socket._handle) socket._handle._consumed = false;
  }
  socket.removeListener('pause', onSocketPause);
  socket.removeListener('resume', onSocketResume);
}

function listenerWrapper(name) {
  return function socketListenerWrap(ev, fn) {
    const res = Socket.prototype[name].call(this, ev, fn);
    if (!this.parser) {
      this.on = Socket.prototype.on;
      this.addListener = Socket.prototype.addListener;
      this.prependListener = Socket.prototype.prependListener;
      return res;
    }
    if (ev === 'data' || ev === 'readable') unconsume(this.parser, this);
    return res;
  };
}

// onExecute(ret, chunk): what socketOnData would do with the read.
function consumeSocket(socket, parser, onExecute) {
  const handle = socket._handle;
  // Only native socket handles can be consumed (not TLS, not JS streams).
  if (!handle || handle._consumed || !(isTCP(handle) || isPipe(handle))) return;
  if (!parser.consume(handle)) return;
  parser._consumed = true;
  handle._consumed = true;
  // onComplete: the parser's [kOnMessageComplete], held back by C++ when a
  // message ended in this read; it runs first, as it would have.
  parser[kOnExecute] = function(ret, chunk, nread, onComplete) {
    if (onComplete !== undefined) onComplete.call(this);
    handle.bytesRead += nread;
    socket._unrefTimer();
    onExecute(ret, chunk);
  };
  socket.on('resume', onSocketResume);
  socket.on('pause', onSocketPause);
  socket.on = listenerWrapper('on');
  socket.addListener = listenerWrapper('addListener');
  socket.prependListener = listenerWrapper('prependListener');
}

module.exports = { consumeSocket, unconsume };
