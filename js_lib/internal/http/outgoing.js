'use strict';

// http.OutgoingMessage: the base of ServerResponse and ClientRequest. Body
// writes are framed (chunked when no length is known) and go to the socket
// once the message owns it; until then they are queued here (outputData),
// and the server pauses reading while too much is queued. The head goes out
// with the first body bytes.

const Stream = require('internal/streams/legacy').Stream;
const EE = require('events');
const {
  codes: {
    ERR_HTTP_BODY_NOT_ALLOWED, ERR_HTTP_CONTENT_LENGTH_MISMATCH, ERR_INVALID_ARG_TYPE,
    ERR_METHOD_NOT_IMPLEMENTED, ERR_STREAM_ALREADY_FINISHED, ERR_STREAM_CANNOT_PIPE,
    ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES, ERR_STREAM_WRITE_AFTER_END,
  },
} = require('internal/errors');
const { getDefaultHighWaterMark } = require('internal/streams/state');
const chunks = require('internal/streams/chunk');
const {
  _writev: SocketWritev, _write: SocketWrite,
} = require('internal/net/socket').Socket.prototype;
const {
  installHeaderMethods, kOutHeaders, kUniqueHeaders, parseUniqueHeadersOption,
  validateHeaderName, validateHeaderValue,
} = require('internal/http/outgoing_headers');

const kCorked = Symbol('corked');
const kNeedDrain = Symbol('kNeedDrain');
const kErrored = Symbol('kErrored');
const kHighWaterMark = Symbol('kHighWaterMark');
const kBytesWritten = Symbol('kBytesWritten');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');
// What runs just before 'finish' is emitted (the server's own step for a
// response, which Node makes its first 'finish' listener): one call instead
// of a listener added per response.
const kBeforeFinish = Symbol('kBeforeFinish');

function nop() {}

function byteLength(chunk, encoding) {
  if (typeof chunk !== 'string') return chunk.byteLength;
  const B = chunks.getBuffer();
  return B !== null ? B.byteLength(chunk, encoding) : chunks.fromString(chunk, encoding).length;
}

function OutgoingMessage(options) {
  Stream.call(this);
  this.outputData = [];  // queued until the message owns its socket
  this.outputSize = 0;
  this.writable = true;
  this.destroyed = false;
  this._last = false;
  this.chunkedEncoding = false;
  this.shouldKeepAlive = true;
  this.maxRequestsOnConnectionReached = false;
  this._defaultKeepAlive = true;
  this.useChunkedEncodingByDefault = true;
  this.sendDate = false;
  this._removedConnection = false;
  this._removedContLen = false;
  this._removedTE = false;
  this.strictContentLength = false;
  this[kBytesWritten] = 0;
  this._contentLength = null;
  this._hasBody = true;
  this._trailer = '';
  this[kNeedDrain] = false;
  this.finished = false;
  this._headerSent = false;
  this[kCorked] = 0;
  this._closed = false;
  this.socket = null;
  this._header = null;
  this[kOutHeaders] = null;
  this._keepAliveTimeout = 0;
  this._onPendingData = nop;
  this[kErrored] = null;
  this[kHighWaterMark] = (options && options.highWaterMark) ?? getDefaultHighWaterMark();
  this[kRejectNonStandardBodyWrites] = (options && options.rejectNonStandardBodyWrites) ?? false;
  this[kBeforeFinish] = null;
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);
installHeaderMethods(OutgoingMessage);

function getter(name, get, set) {
  Object.defineProperty(OutgoingMessage.prototype, name, { __proto__: null, get, set });
}

getter('errored', function() { return this[kErrored]; });
getter('closed', function() { return this._closed; });
getter('writableFinished', function() {
  return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
});
getter('writableObjectMode', function() { return false; });
getter('writableLength', function() {
  return this.outputSize + (this.socket ? this.socket.writableLength : 0);
});
getter('writableHighWaterMark', function() {
  return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark];
});
getter('writableCorked', function() {
  return (this.socket ? this.socket.writableCorked : 0) + this[kCorked];
});
getter('connection', function() { return this.socket; }, function(v) { this.socket = v; });
getter('writableEnded', function() { return this.finished; });
getter('writableNeedDrain', function() {
  return !this.destroyed && !this.finished && this[kNeedDrain];
});
// The deprecated views of the header map (DEP0066).
const { deprecate } = require('internal/util/deprecate');
getter('_headers', deprecate(function() {
  return this.getHeaders();
}, 'OutgoingMessage.prototype._headers is deprecated', 'DEP0066'), deprecate(function(val) {
  if (val == null) {
    this[kOutHeaders] = null;
  } else if (typeof val === 'object') {
    const headers = this[kOutHeaders] = { __proto__: null };
    for (const name of Object.keys(val)) headers[name.toLowerCase()] = [name, val[name]];
  }
}, 'OutgoingMessage.prototype._headers is deprecated', 'DEP0066'));
getter('_headerNames', deprecate(function() {
  const headers = this[kOutHeaders];
  if (headers === null) return null;
  const out = { __proto__: null };
  for (const key of Object.keys(headers)) out[key] = headers[key][0];
  return out;
}, 'OutgoingMessage.prototype._headerNames is deprecated', 'DEP0066'), deprecate(function(val) {
  if (typeof val === 'object' && val !== null) {
    const headers = this[kOutHeaders];
    if (!headers) return;
    for (const key of Object.keys(val)) {
      const header = headers[key];
      if (header) header[0] = val[key];
    }
  }
}, 'OutgoingMessage.prototype._headerNames is deprecated', 'DEP0066'));
Object.defineProperty(OutgoingMessage.prototype, 'headersSent', {
  __proto__: null, configurable: true, enumerable: true, get() { return !!this._header; },
});

OutgoingMessage.prototype.cork = function() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};

OutgoingMessage.prototype.uncork = function() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

OutgoingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) {
    this.once('socket', function socketSetTimeoutOnConnect(socket) { socket.setTimeout(msecs); });
  } else {
    this.socket.setTimeout(msecs);
  }
  return this;
};

OutgoingMessage.prototype.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this[kErrored] = error;
  if (this.socket) {
    this.socket.destroy(error);
  } else {
    this.once('socket', function socketDestroyOnConnect(socket) { socket.destroy(error); });
  }
  return this;
};

// The head rides along with the first body bytes.
OutgoingMessage.prototype._send = function _send(data, encoding, callback, length) {
  if (!this._headerSent && this._header !== null) {
    if (typeof data === 'string' && (encoding === 'utf8' || encoding === 'latin1' || !encoding)) {
      data = this._header + data;
    } else {
      const header = this._header;
      this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
      this.outputSize += header.length;
      this._onPendingData(header.length);
    }
    this._headerSent = true;
  }
  return this._writeRaw(data, encoding, callback, length);
};

OutgoingMessage.prototype._writeRaw = function _writeRaw(data, encoding, callback) {
  const conn = this.socket;
  // Destroyed but not closed yet: drop it.
  if (conn && conn.destroyed) return false;
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (conn && conn._httpMessage === this && conn.writable) {
    if (this.outputData.length) this._flushOutput(conn);
    return conn.write(data, encoding, callback);
  }
  this.outputData.push({ data, encoding, callback });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this[kHighWaterMark];
};

OutgoingMessage.prototype._implicitHeader = function _implicitHeader() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

OutgoingMessage.prototype.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  const ret = write_(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

function emitErrorNt(msg, err, callback) {
  callback(err);
  if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
}

function onError(msg, err, callback) {
  if (msg.destroyed) return;
  process.nextTick(emitErrorNt, msg, err, callback);
}

function strictContentLength(msg) {
  return msg.strictContentLength && msg._contentLength != null && msg._hasBody &&
    !msg._removedContLen && !msg.chunkedEncoding && !msg.hasHeader('transfer-encoding');
}

const CRLF = '\r\n';

// A net.Socket that writes through its handle: an empty write to it would
// change nothing (to any other stream Node's empty end write is visible).
function writesNatively(socket) {
  return socket !== null && socket._writev === SocketWritev && socket._write === SocketWrite;
}

// From end() (fromEnd), `callback` is the 'finish' step: it rides on the
// body's write when that is the last one (no chunked terminator follows)
// to a native socket; returns whether it did.
function write_(msg, chunk, encoding, callback, fromEnd) {
  let finish = null;
  if (fromEnd) {
    finish = callback;
    callback = nop;
  } else if (typeof callback !== 'function') {
    callback = nop;
  }
  if (chunk === null) {
    throw new ERR_STREAM_NULL_VALUES();
  } else if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
  let err;
  if (msg.finished) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback);
    else process.nextTick(callback, err);
    return false;
  }
  let len;
  if (msg.strictContentLength) {
    len = byteLength(chunk, encoding);
    if (strictContentLength(msg) &&
        (fromEnd ? msg[kBytesWritten] + len !== msg._contentLength :
          msg[kBytesWritten] + len > msg._contentLength)) {
      throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(len + msg[kBytesWritten], msg._contentLength);
    }
    msg[kBytesWritten] += len;
  }
  if (!msg._header) {
    // end(body) before any write: the length is known.
    if (fromEnd) msg._contentLength = len ?? byteLength(chunk, encoding);
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    process.nextTick(callback);
    return !fromEnd;
  }
  // Writes of one tick go out together.
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    msg.socket.cork();
    process.nextTick(connectionCorkNT, msg.socket);
  }
  if (msg.chunkedEncoding && chunk.length !== 0) {
    // end(): with the terminator that follows, one write.
    if (fromEnd && msg.socket) msg.socket.cork();
    len = len ?? byteLength(chunk, encoding);
    msg._send(`${len.toString(16)}\r\n`, 'latin1', null);
    msg._send(chunk, encoding, null, len);
    return msg._send(CRLF, 'latin1', callback);
  }
  if (finish !== null && !msg.chunkedEncoding && writesNatively(msg.socket)) {
    msg._send(chunk, encoding, finish, len);
    return true;
  }
  if (fromEnd && msg.socket) msg.socket.cork();
  const ret = msg._send(chunk, encoding, callback, len);
  return fromEnd ? false : ret;
}

function connectionCorkNT(conn) {
  conn.uncork();
}

function onFinish(outmsg) {
  if (outmsg && outmsg.socket && outmsg.socket._hadError) return;
  const before = outmsg[kBeforeFinish];
  if (before !== null) before.call(outmsg);
  outmsg.emit('finish');
}

OutgoingMessage.prototype.end = function end(chunk, encoding, callback) {
  let finish = null;
  let finishSent = false;
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (chunk) {
    if (this.finished) {
      onError(this, new ERR_STREAM_WRITE_AFTER_END(),
              typeof callback !== 'function' ? nop : callback);
      return this;
    }
    // write_ corks the socket unless the head and body go in one write.
    finish = onFinish.bind(undefined, this);
    finishSent = write_(this, chunk, encoding, finish, true);
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(new ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (!this._header) {
    if (this.socket) this.socket.cork();
    this._contentLength = 0;
    this._implicitHeader();
  }
  if (typeof callback === 'function') this.once('finish', callback);
  if (strictContentLength(this) && this[kBytesWritten] !== this._contentLength) {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this[kBytesWritten], this._contentLength);
  }
  if (finish === null) finish = onFinish.bind(undefined, this);
  if (this._hasBody && this.chunkedEncoding) {
    this._send(`0\r\n${this._trailer}\r\n`, 'latin1', finish);
  } else if (finishSent) {
    // It went with the body.
  } else if (!this._headerSent || this.writableLength || chunk) {
    this._send('', 'latin1', finish);
  } else {
    process.nextTick(finish);
  }
  if (this.socket && this.socket._writableState.corked) {
    // Fully uncorked at the end.
    this.socket._writableState.corked = 1;
    this.socket.uncork();
  }
  this[kCorked] = 0;
  this.finished = true;
  // Everything is with the socket already: the next message may go.
  if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) {
    this._finish();
  }
  return this;
};

OutgoingMessage.prototype._finish = function _finish() {
  this.emit('prefinish');
};

// The message got its socket (or it drained): out with what was queued.
OutgoingMessage.prototype._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

OutgoingMessage.prototype._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const outputLength = this.outputData.length;
  if (outputLength <= 0) return undefined;
  const outputData = this.outputData;
  socket.cork();
  let ret;
  for (let i = 0; i < outputLength; i++) {
    const { data, encoding, callback } = outputData[i];
    outputData[i].data = null;
    ret = socket.write(data, encoding, callback);
  }
  socket.uncork();
  this.outputData = [];
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

OutgoingMessage.prototype.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};

OutgoingMessage.prototype.pipe = function pipe() {
  // Write-only.
  this.emit('error', new ERR_STREAM_CANNOT_PIPE());
};

OutgoingMessage.prototype[EE.captureRejectionSymbol] = function(err, event) {
  this.destroy(err);
};

module.exports = {
  OutgoingMessage,
  kBeforeFinish,
  kHighWaterMark,
  kNeedDrain,
  kOutHeaders,
  kUniqueHeaders,
  parseUniqueHeadersOption,
  validateHeaderName,
  validateHeaderValue,
};
