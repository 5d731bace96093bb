'use strict';

// Consume mode for server connections: the parser takes the socket
// handle's reads in C++ (bindings/http_parser.cc), so no JS runs per read
// but the parser's callbacks; 'pause'/'resume' of the socket then start and
// stop the handle directly. Whoever adds a 'data' or 'readable' listener to
// the socket gets its bytes the normal way again (unconsume).

const { Socket } = require('internal/net/socket');
const { kOnExecute, kOnHeadersComplete, kOnMessageComplete } = require('internal/http/common');
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

// A held head is a request's (no status, no upgrade); flags is its
// major | minor << 8 | kHeldKeepAlive (bindings/http_parser_consume.h).
const kHeldKeepAlive = 1 << 16;

function payHeld(parser, onHead, onComplete, headers, method, url, flags) {
  let index = kOnHeadersComplete;
  try {
    if (onHead !== undefined) {
      onHead.call(parser, flags & 0xff, (flags >> 8) & 0xff, headers, method, url, undefined,
                  undefined, false, (flags & kHeldKeepAlive) !== 0);
    }
    index = kOnMessageComplete;
    if (onComplete !== undefined) onComplete.call(parser);
  } catch (err) {
    // The parser fails as if the callback had thrown while it parsed.
    parser.failHeld(index);
    throw err;
  }
}

// onExecute(ret, chunk): what socketOnData would do with the read.
function consumeSocket(socket, parser, onExecute) {
  const handle = socket._handle;
  // Only native socket handles can be consumed (not TLS, not JS streams).
  if (!handle || handle._consumed || !(isTCP(handle) || isPipe(handle))) return;
  if (!parser.consume(handle)) return;
  parser._consumed = true;
  handle._consumed = true;
  // onHead (with headers, method, url and flags, its arguments) and
  // onComplete: the parser's callbacks for this read's message, held back by
  // C++ to be made here (bindings/http_parser_consume.h); they run first, as
  // they would have.
  parser[kOnExecute] = function(ret, chunk, nread, onHead, onComplete, headers, method, url, flags) {
    if (onHead !== undefined || onComplete !== undefined) {
      payHeld(this, onHead, onComplete, headers, method, url, flags);
    }
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
