'use strict';

// http.ServerResponse: the OutgoingMessage a server writes for a request:
// the status line (writeHead, statusCode/statusMessage), interim responses
// (writeContinue, writeProcessing, writeEarlyHints) and the hand-over of
// the connection between pipelined responses (assignSocket/detachSocket).

const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE, ERR_HTTP_SOCKET_ASSIGNED,
    ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR,
  },
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const { OutgoingMessage, kOutHeaders } = require('internal/http/outgoing');
const { checkInvalidHeaderChar, chunkExpression } = require('internal/http/common');
const STATUS_CODES = require('internal/http/status_codes');
const { stableShape } = require('internal/util/stable_shape');
const { startServerPerf, stopServerPerf } = require('internal/http/perf');

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
  startServerPerf(this, req);
}
// What the server creates keeps shared maps when a framework swaps its
// prototype (internal/util/stable_shape.js).
const newServerResponse = stableShape(ServerResponse);
function createServerResponse(req, options) {
  const res = newServerResponse();
  ServerResponse.call(res, req, options);
  return res;
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;

function emitCloseNT(self) {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

// 'close' of the connection while this response owns it. A stale call
// (after detachSocket) finds no message.
function onServerResponseClose() {
  if (this._httpMessage) emitCloseNT(this._httpMessage);
}

// Set on the connections of an http.Server: their own 'close' listener
// (internal/http/server.js socketOnClose) closes the response that owns
// them, so responses need not add and remove one each.
const kClosesResponse = Symbol('kClosesResponse');

ServerResponse.prototype._finish = function _finish() {
  stopServerPerf(this);
  OutgoingMessage.prototype._finish.call(this);
};

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  if (socket[kClosesResponse] !== true) socket.on('close', onServerResponseClose);
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  if (socket[kClosesResponse] !== true) socket.removeListener('close', onServerResponseClose);
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};

// "<url>; param=value" (or several of them): what a Link header holds.
const linkValue = /^<[^>]*>(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/;
function validateLinkHeaderValue(hints) {
  if (typeof hints === 'string' && linkValue.test(hints)) return hints;
  if (Array.isArray(hints) && hints.every((h) => typeof h === 'string' && linkValue.test(h))) {
    return hints.join(', ');
  }
  throw new ERR_INVALID_ARG_VALUE('hints', hints,
                                  'must be an array or string of format "</styles.css>; ' +
                                  'rel=preload; as=style"');
}

ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = validateLinkHeaderValue(hints.link);
  if (link.length === 0) return;
  let head = `HTTP/1.1 103 Early Hints\r\nLink: ${link}\r\n`;
  for (const key of Object.keys(hints)) {
    if (key !== 'link') head += `${key}: ${hints[key]}\r\n`;
  }
  this._writeRaw(`${head}\r\n`, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

// The last status line, kept: a server mostly repeats one.
let lastStatusCode = 0;
let lastStatusMessage = '';
let lastStatusLine = '';
function statusLineOf(statusCode, statusMessage) {
  if (statusCode !== lastStatusCode || statusMessage !== lastStatusMessage) {
    lastStatusLine = `HTTP/1.1 ${statusCode} ${statusMessage}\r\n`;
    lastStatusCode = statusCode;
    lastStatusMessage = statusMessage;
  }
  return lastStatusLine;
}

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) {
    throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
  }
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;
  let headers;
  if (this[kOutHeaders]) {
    // setHeader() was used: merge into its map.
    if (Array.isArray(obj)) {
      if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
      for (let n = 0; n < obj.length; n += 2) {
        if (obj[n]) this.setHeader(obj[n], obj[n + 1]);
      }
    } else if (obj) {
      for (const k of Object.keys(obj)) {
        if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }
  if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
  const statusLine = statusLineOf(statusCode, this.statusMessage);
  // 204, 304 and 1xx have no body.
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  // A final status without 100 Continue: the client may still send the body.
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};

ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

module.exports = {
  STATUS_CODES, ServerResponse, createServerResponse, emitCloseNT, kClosesResponse,
  onServerResponseClose,
};
