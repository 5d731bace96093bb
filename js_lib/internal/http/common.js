'use strict';

// What the HTTP server and client share: the parser (binding('http_parser'),
// bindings/http_parser.cc) and its callbacks, which turn a message's head
// into an IncomingMessage and push its body into it; header token and value
// checks; the cached Date header; and the options that tune parsing
// (--max-http-header-size, --insecure-http-parser).

const {
  IncomingMessage, createIncomingMessage, readStart, readStop,
} = require('internal/http/incoming');
const { setUnrefTimeout } = require('internal/net/stream_base');
const { initLoopResource } = require('internal/async_context');
const { setImmediate } = require('timers');
const chunks = require('internal/streams/chunk');
const { getOptionValue } = require('internal/options');

const kIncomingMessage = Symbol('IncomingMessage');
// Set on a server once it has seen a request's or response's prototype
// swapped (Express does it per request): from then on it makes req/res that
// keep shared maps through the swap (internal/util/stable_shape.js), which
// costs an API call each, so servers that never swap never pay it.
const kStableShapes = Symbol('kStableShapes');
const kOnHeaders = 1;
const kOnHeadersComplete = 2;
const kOnBody = 3;
const kOnMessageComplete = 4;
const kOnExecute = 5;
const MAX_HEADER_PAIRS = 2000;

let parserBinding;
function HTTPParserClass() {
  if (parserBinding === undefined) parserBinding = binding('http_parser');
  return parserBinding.HTTPParser;
}

// Trailers (the only headers that come separately).
function parserOnHeaders(headers) {
  if (this.maxHeaderPairs <= 0 || this._headers.length < this.maxHeaderPairs) {
    for (let i = 0; i < headers.length; i++) this._headers.push(headers[i]);
  }
}

function parserOnHeadersComplete(versionMajor, versionMinor, headers, method, url, statusCode,
                                 statusMessage, upgrade, shouldKeepAlive) {
  const parser = this;
  const { socket } = parser;
  const server = socket && socket.server;
  const Incoming = (server && server[kIncomingMessage]) || IncomingMessage;
  const incoming = parser.incoming = Incoming === IncomingMessage && server && server[kStableShapes] ?
    createIncomingMessage(socket) : new Incoming(socket);
  incoming.httpVersionMajor = versionMajor;
  incoming.httpVersionMinor = versionMinor;
  incoming.httpVersion = versionMajor === 1 && versionMinor === 1 ? '1.1' :
    `${versionMajor}.${versionMinor}`;
  incoming.joinDuplicateHeaders = (socket && socket.server && socket.server.joinDuplicateHeaders) ||
    parser.joinDuplicateHeaders;
  incoming.url = url;
  incoming.upgrade = upgrade;
  let n = headers.length;
  if (parser.maxHeaderPairs > 0) n = Math.min(n, parser.maxHeaderPairs);
  incoming._addHeaderLines(headers, n);
  if (typeof method === 'string') {
    incoming.method = method;  // a request
  } else {
    incoming.statusCode = statusCode;
    incoming.statusMessage = statusMessage;
  }
  return parser.onIncoming(incoming, shouldKeepAlive);
}

// Body bytes: a view of the chunk execute() is parsing, or in consume mode
// of `ab`, the read the parser took.
function parserOnBody(start, length, ab) {
  const stream = this.incoming;
  if (stream === null || stream === undefined) return;
  if (!stream._dumped) {
    const b = ab !== undefined ? chunks.fromView(new Uint8Array(ab, start, length)) :
      this.current.subarray(start, start + length);
    if (!stream.push(b)) readStop(this.socket);
  }
}

function parserOnMessageComplete() {
  const parser = this;
  const stream = parser.incoming;
  if (stream !== null && stream !== undefined) {
    stream.complete = true;
    const headers = parser._headers;
    if (headers.length) {
      stream._addHeaderLines(headers, headers.length);
      parser._headers = [];
    }
    stream.push(null);
  }
  // Ready for the next message on this connection.
  readStart(parser.socket);
}

function cleanParser(parser) {
  parser._headers = [];
  parser.socket = null;
  parser.incoming = null;
  parser.outgoing = null;
  parser.current = null;
  parser.maxHeaderPairs = MAX_HEADER_PAIRS;
  parser.onIncoming = null;
  parser.joinDuplicateHeaders = null;
  parser[kOnExecute] = null;
  parser._consumed = false;
}

function newParser() {
  const HTTPParser = HTTPParserClass();
  const parser = new HTTPParser();
  cleanParser(parser);
  parser[kOnHeaders] = parserOnHeaders;
  parser[kOnHeadersComplete] = parserOnHeadersComplete;
  parser[kOnBody] = parserOnBody;
  parser[kOnMessageComplete] = parserOnMessageComplete;
  return parser;
}

// Parsers are reused: at most this many wait in the pool.
const kMaxFreeParsers = 1000;
const freeParsers = [];

// A parser for one connection; `type` 'request' (a server) or 'response'.
function allocParser(type, maxHeaderSize, lenient) {
  const HTTPParser = HTTPParserClass();
  const parser = freeParsers.length ? freeParsers.pop() : newParser();
  parser.inPool = false;
  parser.initialize(type === 'request' ? HTTPParser.REQUEST : HTTPParser.RESPONSE,
                    maxHeaderSize || getMaxHeaderSize(),
                    lenient ? HTTPParser.kLenientAll : HTTPParser.kLenientNone);
  initLoopResource(parser, type === 'request' ? 'HTTPINCOMINGMESSAGE' : 'HTTPCLIENTREQUEST');
  return parser;
}

// execute() with the chunk remembered for parserOnBody.
function execute(parser, d) {
  parser.current = d;
  const ret = parser.execute(d);
  parser.current = null;
  return ret;
}

function closeParser(parser) {
  parser.close();
}

function freeParser(parser, req, socket) {
  if (parser && !parser.inPool) {
    if (parser._consumed) parser.unconsume();
    cleanParser(parser);
    parser.remove();
    if (freeParsers.length < kMaxFreeParsers) {
      parser.inPool = true;
      freeParsers.push(parser);
      parser.free();
    } else {
      // After the current call stack, which may still be in the parser.
      setImmediate(closeParser, parser);
    }
  }
  if (req) req.parser = null;
  if (socket) socket.parser = null;
}

// RFC 7230 token characters (section 3.2.6).
const kTokenChars = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") kTokenChars[c.charCodeAt(0)] = 1;
for (let c = 48; c <= 57; c++) kTokenChars[c] = 1;
for (let c = 65; c <= 90; c++) kTokenChars[c] = 1;
for (let c = 97; c <= 122; c++) kTokenChars[c] = 1;

function checkIsHttpToken(val) {
  if (typeof val !== 'string' || val.length === 0) return false;
  for (let i = 0; i < val.length; i++) {
    const c = val.charCodeAt(i);
    if (c >= 128 || kTokenChars[c] === 0) return false;
  }
  return true;
}

// True if `val` has a character a header value may not have: allowed are
// HTAB, SP to '~', and 0x80-0xFF.
function checkInvalidHeaderChar(val) {
  val = `${val}`;
  for (let i = 0; i < val.length; i++) {
    const c = val.charCodeAt(i);
    if (c === 9) continue;
    if (c < 32 || c === 127 || c > 255) return true;
  }
  return false;
}

function prepareError(err, parser, rawPacket) {
  err.rawPacket = rawPacket || parser.current;
  if (typeof err.reason === 'string') err.message = `Parse Error: ${err.reason}`;
}

// Command line options, read on first use.
let maxHeaderSize;
let insecureHTTPParser;

function getMaxHeaderSize() {
  if (maxHeaderSize === undefined) {
    const v = Number(getOptionValue('--max-http-header-size'));
    maxHeaderSize = Number.isInteger(v) && v > 0 ? v : 16 * 1024;
  }
  return maxHeaderSize;
}

let warnedLenient = false;
function isLenient() {
  if (insecureHTTPParser === undefined) insecureHTTPParser = getOptionValue('--insecure-http-parser');
  if (insecureHTTPParser && !warnedLenient) {
    warnedLenient = true;
    process.emitWarning('Using insecure HTTP parsing');
  }
  return insecureHTTPParser;
}

// The Date header's value, computed at most once a second, and the head's
// line made of it.
let utcCache;
let utcLineCache;
function resetCache() {
  utcCache = undefined;
  utcLineCache = undefined;
}
function utcDate() {
  if (utcCache === undefined) {
    const d = new Date();
    utcCache = d.toUTCString();
    setUnrefTimeout(resetCache, 1000 - d.getMilliseconds());
  }
  return utcCache;
}
function utcDateLine() {
  if (utcLineCache === undefined) utcLineCache = `Date: ${utcDate()}\r\n`;
  return utcLineCache;
}

module.exports = {
  CRLF: '\r\n',
  MAX_HEADER_PAIRS,
  allocParser,
  checkInvalidHeaderChar,
  checkIsHttpToken,
  chunkExpression: /(?:^|\W)chunked(?:$|\W)/i,
  continueExpression: /(?:^|\W)100-continue(?:$|\W)/i,
  execute,
  freeParser,
  getMaxHeaderSize,
  isLenient,
  kIncomingMessage,
  kStableShapes,
  kOnExecute,
  kOnHeadersComplete,
  kOnMessageComplete,
  prepareError,
  readStart,
  readStop,
  utcDateLine,
};
