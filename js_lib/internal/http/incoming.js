'use strict';

// http.IncomingMessage: a request (server side) or a response (client side)
// as received: head fields, headers built lazily from rawHeaders with Node's
// duplicate rules, trailers, and the body as a Readable fed by the parser
// (internal/http/common.js).

const Readable = require('internal/streams/readable');
const eos = require('internal/streams/end-of-stream');
const { stableShape } = require('internal/util/stable_shape');

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kHeadersCount = Symbol('kHeadersCount');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kTrailersCount = Symbol('kTrailersCount');
// Called with the message once its 'end' listeners have run (from the
// autoDestroy that follows 'end'): the server's step that lets the parser
// forget the request, without a listener added per request.
const kOnEnded = Symbol('kOnEnded');

function readStart(socket) {
  if (socket && !socket._paused && socket.readable) socket.resume();
}

function readStop(socket) {
  if (socket) socket.pause();
}

function IncomingMessage(socket) {
  let streamOptions;
  if (socket) streamOptions = { highWaterMark: socket.readableHighWaterMark };
  Readable.call(this, streamOptions);
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this[kHeaders] = null;
  this[kHeadersCount] = 0;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersCount] = 0;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';  // requests
  this.method = null;
  this.statusCode = null;  // responses
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  // Set when nobody can read the body any more: it is thrown away.
  this._dumped = false;
  this[kOnEnded] = null;
}
// What http itself creates (createIncomingMessage) keeps shared maps when a
// framework swaps its prototype (internal/util/stable_shape.js).
const newIncomingMessage = stableShape(IncomingMessage);
function createIncomingMessage(socket) {
  const message = newIncomingMessage();
  IncomingMessage.call(message, socket);
  return message;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

function accessor(name, get, set) {
  Object.defineProperty(IncomingMessage.prototype, name, { __proto__: null, get, set });
}

accessor('connection', function() { return this.socket; }, function(v) { this.socket = v; });

function buildHeaders(self, raw, count, distinct) {
  const dst = distinct ? { __proto__: null } : {};
  for (let n = 0; n < count; n += 2) {
    if (distinct) self._addHeaderLineDistinct(raw[n], raw[n + 1], dst);
    else self._addHeaderLine(raw[n], raw[n + 1], dst);
  }
  return dst;
}

accessor('headers', function() {
  if (!this[kHeaders]) this[kHeaders] = buildHeaders(this, this.rawHeaders, this[kHeadersCount]);
  return this[kHeaders];
}, function(v) { this[kHeaders] = v; });

accessor('headersDistinct', function() {
  if (!this[kHeadersDistinct]) {
    this[kHeadersDistinct] = buildHeaders(this, this.rawHeaders, this[kHeadersCount], true);
  }
  return this[kHeadersDistinct];
}, function(v) { this[kHeadersDistinct] = v; });

accessor('trailers', function() {
  if (!this[kTrailers]) {
    this[kTrailers] = buildHeaders(this, this.rawTrailers, this[kTrailersCount]);
  }
  return this[kTrailers];
}, function(v) { this[kTrailers] = v; });

accessor('trailersDistinct', function() {
  if (!this[kTrailersDistinct]) {
    this[kTrailersDistinct] = buildHeaders(this, this.rawTrailers, this[kTrailersCount], true);
  }
  return this[kTrailersDistinct];
}, function(v) { this[kTrailersDistinct] = v; });

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

// The parser pushes the body; reading only has to let the socket flow.
IncomingMessage.prototype._read = function _read(n) {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  if (this.socket.readable) readStart(this.socket);
};

function onError(self, error, cb) {
  // An error goes out only to those listening for it (as Node has it).
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  const onEnded = this[kOnEnded];
  if (onEnded !== null) {
    this[kOnEnded] = null;
    if (this.readableEnded) onEnded(this);
  }
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = eos(this.socket, (e) => {
      if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      process.nextTick(onError, this, e || err, cb);
    });
  } else {
    process.nextTick(onError, this, err, cb);
  }
};

// Whether the head has a field named `name` (lower-case letters), without building
// message.headers: the server asks it of every request (Host, Expect), and
// a handler that never reads the headers then never pays for the object.
function hasHeader(message, name) {
  const built = message[kHeaders];
  if (built) return built[name] !== undefined;
  const raw = message.rawHeaders;
  const n = message[kHeadersCount];
  for (let i = 0; i < n; i += 2) {
    if (sameLetters(raw[i], name)) return true;
  }
  return false;
}

// Whether `field` is `name` (lower-case letters) in any case, without making
// a lower-cased copy: | 0x20 lower-cases a letter and keeps only it equal.
function sameLetters(field, name) {
  if (field.length !== name.length) return false;
  for (let i = 0; i < name.length; i++) {
    if ((field.charCodeAt(i) | 0x20) !== name.charCodeAt(i)) return false;
  }
  return true;
}

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers, n) {
  if (!headers || !headers.length) return;
  let dest;
  if (this.complete) {
    this.rawTrailers = headers;
    this[kTrailersCount] = n;
    dest = this[kTrailers];
  } else {
    this.rawHeaders = headers;
    this[kHeadersCount] = n;
    dest = this[kHeaders];
  }
  if (dest) {
    for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
  }
};

// Fields of which only the first occurrence counts (Node's documented list);
// set-cookie collects an array, cookie joins with '; ', every other field
// joins with ', '.
const kFirstWins = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host',
  'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent',
]);

IncomingMessage.prototype._addHeaderLine = function _addHeaderLine(field, value, dest) {
  field = field.toLowerCase();
  if (field === 'set-cookie') {
    if (dest['set-cookie'] !== undefined) dest['set-cookie'].push(value);
    else dest['set-cookie'] = [value];
  } else if (kFirstWins.has(field)) {
    if (this.joinDuplicateHeaders) {
      if (dest[field] === undefined) dest[field] = value;
      else dest[field] += `, ${value}`;
    } else if (dest[field] === undefined) {
      dest[field] = value;
    }
  } else if (typeof dest[field] === 'string') {
    dest[field] += (field === 'cookie' ? '; ' : ', ') + value;
  } else {
    dest[field] = value;
  }
};

IncomingMessage.prototype._addHeaderLineDistinct = function(field, value, dest) {
  field = field.toLowerCase();
  if (!dest[field]) dest[field] = [value];
  else dest[field].push(value);
};

// Throws the body away (nobody will read it) so the next message can come.
IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

module.exports = {
  IncomingMessage, createIncomingMessage, hasHeader, kOnEnded, readStart, readStop,
};
