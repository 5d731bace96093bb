'use strict';

// OutgoingMessage's header API (setHeader, getHeader, appendHeader, ...),
// the header checks http exports (validateHeaderName / validateHeaderValue),
// and _storeHeader: the head of a message as text, with the framing
// headers (Connection, Content-Length, Transfer-Encoding, Date) decided.

const {
  hideStackFrames, codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_HEADER_VALUE, ERR_HTTP_TRAILER_INVALID,
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR, ERR_INVALID_HTTP_TOKEN,
  },
} = require('internal/errors');
const { validateString } = require('internal/validators');
const { checkInvalidHeaderChar, checkIsHttpToken, utcDateLine } = require('internal/http/common');
const chunks = require('internal/streams/chunk');

const kOutHeaders = Symbol('kOutHeaders');
const kUniqueHeaders = Symbol('kUniqueHeaders');
const RE_CONN_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const RE_TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;

const validateHeaderName = hideStackFrames((name, label) => {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new ERR_INVALID_HTTP_TOKEN(label || 'Header name', name);
  }
});

const validateHeaderValue = hideStackFrames((name, value) => {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('header content', name);
});

function parseUniqueHeadersOption(headers) {
  if (!Array.isArray(headers)) return null;
  const unique = new Set();
  for (let i = 0; i < headers.length; i++) unique.add(headers[i].toLowerCase());
  return unique;
}

function isCookieField(s) {
  return s.length === 6 && s.toLowerCase() === 'cookie';
}

// Notes what a header means for framing (state and the message's flags).
function matchHeader(self, state, field, value) {
  if (field.length < 4 || field.length > 17) return;
  field = field.toLowerCase();
  switch (field) {
    case 'connection':
      state.connection = true;
      self._removedConnection = false;
      if (RE_CONN_CLOSE.test(value)) self._last = true;
      else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      self._removedTE = false;
      if (RE_TE_CHUNKED.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
    case 'expect':
    case 'trailer':
      state[field] = true;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
  }
}

function storeHeader(self, state, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  state.header += `${key}: ${value}\r\n`;
  matchHeader(self, state, key, value);
}

// RFC 6266 4.3: with a known length, Content-Disposition is sent as the
// bytes of its latin1 form (as Node does).
function latin1ToUtf8(value) {
  return chunks.toString(chunks.fromString(`${value}`, 'latin1'), 'utf8');
}

function processHeader(self, state, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (self._contentLength && key.length === 19 && key.toLowerCase() === 'content-disposition') {
    value = Array.isArray(value) ? value.map(latin1ToUtf8) : latin1ToUtf8(value);
  }
  if (Array.isArray(value)) {
    const unique = self[kUniqueHeaders];
    if ((value.length < 2 || !isCookieField(key)) &&
        (!unique || !unique.has(key.toLowerCase()))) {
      for (let i = 0; i < value.length; i++) storeHeader(self, state, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, state, key, value, validate);
}

// The lines a server repeats on every response, made once: a head built
// of fewer, longer pieces is cheaper to flatten when it is written.
let keepAliveKey = -1;
let keepAliveMax = 0;
let keepAliveText = '';
function keepAliveLines(timeout, maxRequests) {
  if (timeout !== keepAliveKey || maxRequests !== keepAliveMax) {
    const max = ~~maxRequests > 0 ? `, max=${maxRequests}` : '';
    keepAliveText = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(timeout / 1000)}${max}\r\n`;
    keepAliveKey = timeout;
    keepAliveMax = maxRequests;
  }
  return keepAliveText;
}

// The whole head, given its parts (`length` -1: no Content-Length). The
// last one is kept: responses of one second with the same status, framing
// and headers share one string, flattened by the first write.
const lastHead = { first: '', date: '', connection: '', length: -1, head: '' };
function joinHead(first, date, connection, length) {
  const last = lastHead;
  if (first === last.first && date === last.date && connection === last.connection &&
      length === last.length) {
    return last.head;
  }
  const head = length === -1 ? `${first}${date}${connection}\r\n` :
    `${first}${date}${connection}Content-Length: ${length}\r\n\r\n`;
  last.first = first;
  last.date = date;
  last.connection = connection;
  last.length = length;
  last.head = head;
  // Reading a character flattens a concatenation in place (V8): later
  // writes of this head then copy one piece instead of walking its parts.
  head.charCodeAt(0);
  return head;
}

// firstLine: 'GET / HTTP/1.1\r\n' or 'HTTP/1.1 200 OK\r\n'; headers: the
// message's own map, or what writeHead()/the request options gave (an
// object, [name, value, ...] or [[name, value], ...]).
function _storeHeader(firstLine, headers) {
  const state = {
    connection: false, contLen: false, te: false, date: false, expect: false, trailer: false,
    header: firstLine,
  };
  if (headers) {
    if (headers === this[kOutHeaders]) {
      for (const key in headers) processHeader(this, state, headers[key][0], headers[key][1], false);
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (let i = 0; i < headers.length; i++) {
          processHeader(this, state, headers[i][0], headers[i][1], true);
        }
      } else {
        if (headers.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', headers);
        for (let n = 0; n < headers.length; n += 2) {
          processHeader(this, state, headers[n], headers[n + 1], true);
        }
      }
    } else {
      for (const key in headers) {
        if (Object.prototype.hasOwnProperty.call(headers, key)) {
          processHeader(this, state, key, headers[key], true);
        }
      }
    }
  }
  const { header } = state;
  const date = this.sendDate && !state.date ? utcDateLine() : '';
  // 204 and 304 have no body: no zero chunk either, so no keep-alive.
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }
  let connection = '';
  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if (!state.connection) {
    const keepAlive = this.shouldKeepAlive &&
      (state.contLen || this.useChunkedEncodingByDefault || this.agent);
    if (keepAlive && this.maxRequestsOnConnectionReached) {
      connection = 'Connection: close\r\n';
    } else if (keepAlive) {
      connection = this._keepAliveTimeout && this._defaultKeepAlive ?
        keepAliveLines(this._keepAliveTimeout, this._maxRequestsPerSocket) :
        'Connection: keep-alive\r\n';
    } else {
      this._last = true;
      connection = 'Connection: close\r\n';
    }
  }
  let length = -1;
  if (!state.contLen && !state.te) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if (!state.trailer && !this._removedContLen &&
               typeof this._contentLength === 'number') {
      length = this._contentLength;
    } else if (!this._removedTE) {
      connection += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    } else {
      // Neither length nor chunking: the body ends when the connection does.
      this._last = true;
    }
  }
  // Trailers need chunked encoding.
  if (this.chunkedEncoding !== true && state.trailer) throw new ERR_HTTP_TRAILER_INVALID();
  this._header = joinHead(header, date, connection, length);
  this._headerSent = false;
  // With Expect: 100-continue the head goes out at once.
  if (state.expect) this._send('');
}

function installHeaderMethods(OutgoingMessage) {
  const proto = OutgoingMessage.prototype;
  proto._storeHeader = _storeHeader;

  proto.setHeader = function setHeader(name, value) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    let headers = this[kOutHeaders];
    if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
    headers[name.toLowerCase()] = [name, value];
    return this;
  };

  proto.setHeaders = function setHeaders(headers) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
    if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' ||
        typeof headers.get !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
    }
    // set-cookie values are collected: setHeader() would keep only the last.
    const cookies = [];
    for (const { 0: key, 1: value } of headers) {
      if (key === 'set-cookie') {
        if (Array.isArray(value)) cookies.push(...value);
        else cookies.push(value);
        continue;
      }
      this.setHeader(key, value);
    }
    if (cookies.length) this.setHeader('set-cookie', cookies);
    return this;
  };

  proto.appendHeader = function appendHeader(name, value) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const field = name.toLowerCase();
    const headers = this[kOutHeaders];
    if (headers === null || !headers[field]) return this.setHeader(name, value);
    if (!Array.isArray(headers[field][1])) headers[field][1] = [headers[field][1]];
    const existing = headers[field][1];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) existing.push(value[i]);
    } else {
      existing.push(value);
    }
    return this;
  };

  proto.getHeader = function getHeader(name) {
    validateString(name, 'name');
    const headers = this[kOutHeaders];
    if (headers === null) return undefined;
    const entry = headers[name.toLowerCase()];
    return entry && entry[1];
  };

  proto.getHeaderNames = function getHeaderNames() {
    return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
  };

  proto.getRawHeaderNames = function getRawHeaderNames() {
    const headers = this[kOutHeaders];
    if (headers === null) return [];
    return Object.values(headers).map((entry) => entry[0]);
  };

  proto.getHeaders = function getHeaders() {
    const headers = this[kOutHeaders];
    const ret = { __proto__: null };
    if (headers) {
      for (const key of Object.keys(headers)) ret[key] = headers[key][1];
    }
    return ret;
  };

  proto.hasHeader = function hasHeader(name) {
    validateString(name, 'name');
    return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
  };

  proto.removeHeader = function removeHeader(name) {
    validateString(name, 'name');
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
    const key = name.toLowerCase();
    switch (key) {
      case 'connection': this._removedConnection = true; break;
      case 'content-length': this._removedContLen = true; break;
      case 'transfer-encoding': this._removedTE = true; break;
      case 'date': this.sendDate = false; break;
    }
    if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
  };

  proto._renderHeaders = function _renderHeaders() {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
    const map = this[kOutHeaders];
    const headers = {};
    if (map !== null) {
      for (const key of Object.keys(map)) headers[map[key][0]] = map[key][1];
    }
    return headers;
  };

  proto.addTrailers = function addTrailers(headers) {
    this._trailer = '';
    const isArray = Array.isArray(headers);
    for (const key of Object.keys(headers)) {
      const field = isArray ? headers[key][0] : key;
      let value = isArray ? headers[key][1] : headers[key];
      validateHeaderName(field, 'Trailer name');
      const unique = this[kUniqueHeaders];
      if (Array.isArray(value) && value.length > 1 &&
          (!unique || !unique.has(field.toLowerCase()))) {
        for (let j = 0; j < value.length; j++) {
          if (checkInvalidHeaderChar(value[j])) throw new ERR_INVALID_CHAR('trailer content', field);
          this._trailer += `${field}: ${value[j]}\r\n`;
        }
      } else {
        if (Array.isArray(value)) value = value.join('; ');
        if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('trailer content', field);
        this._trailer += `${field}: ${value}\r\n`;
      }
    }
  };
}

module.exports = {
  installHeaderMethods, kOutHeaders, kUniqueHeaders, parseUniqueHeadersOption,
  validateHeaderName, validateHeaderValue,
};
