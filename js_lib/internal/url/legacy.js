'use strict';

// The legacy url.parse()/Url API: not the WHATWG algorithm but Node's own
// lenient splitter, kept bug for bug because packages depend on its exact
// fields. Url.prototype.parse and format live here; resolve/resolveObject in
// internal/url/legacy_resolve.

const { codes: { ERR_INVALID_URL } } = require('internal/errors');
const { validateString } = require('internal/validators');
const { asciiTable, encodeStr, hexTable, kAlnum } = require('internal/querystring');

const bindingUrl = binding('url');

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

// Protocols with special handling (lower case, with and without the colon).
const withColons = (names) => new Set(names.flatMap((n) => [n, `${n}:`]));
const unsafeProtocol = withColons(['javascript']);   // keep "unsafe" chars
const hostlessProtocol = withColons(['javascript']); // never a host
const slashedProtocol = withColons(['http', 'https', 'ftp', 'gopher', 'file', 'ws', 'wss']);

const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@/]+@[^@/]+/;
// A path with an optional query and nothing else: the fast path.
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const hostnameMaxLen = 255;
// What may never appear in a hostname after toASCII (it would mean the
// host part was spoofed); IPv6 literals may keep '[', ']' and ':'.
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;

// Chars escaped in the part after the host (RFC 2396 delimiters, unwise
// chars and the single quote).
const autoEscaped = new Array(128).fill('');
for (const c of '\t\n\r "\'<>\\^`{|}') autoEscaped[c.charCodeAt(0)] = hexTable[c.charCodeAt(0)];

function autoEscapeStr(rest) {
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < rest.length; i++) {
    const esc = autoEscaped[rest.charCodeAt(i)];
    if (!esc) continue;
    out += rest.slice(lastPos, i) + esc;
    lastPos = i + 1;
  }
  if (lastPos === 0) return rest;
  return out + rest.slice(lastPos);
}

function isIpv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 91 /* [ */ &&
    hostname.charCodeAt(hostname.length - 1) === 93 /* ] */;
}

// Whitespace for trimming: controls, space, NBSP and BOM.
function isWs(code) {
  return code < 33 || code === 0xA0 || code === 0xFEFF;
}

// Trims the input and turns '\' into '/' before the first '?' or '#'.
// Returns [rest, hasHash, hasAt] (hasAt: an '@' before that split).
function prepare(url) {
  let start = 0;
  while (start < url.length && isWs(url.charCodeAt(start))) start++;
  let end = url.length;
  while (end > start && isWs(url.charCodeAt(end - 1))) end--;
  let rest = '';
  let lastPos = start;
  let hasAt = false;
  let i = start;
  for (; i < end; i++) {
    const code = url.charCodeAt(i);
    if (code === 35 /* # */ || code === 63 /* ? */) break;
    if (code === 64 /* @ */) {
      hasAt = true;
    } else if (code === 92 /* \ */) {
      rest += url.slice(lastPos, i) + '/';
      lastPos = i + 1;
    }
  }
  rest += url.slice(lastPos, end);
  return [rest, url.slice(i, end).includes('#'), hasAt];
}

let warnedInvalidPort = false;

// Cuts the hostname at the first char that cannot be in one; the remainder
// goes back to the front of the path. (A ':' there is a bad port: warned
// about once, as DEP0170.)
function getHostname(self, rest, hostname, url) {
  for (let i = 0; i < hostname.length; i++) {
    const code = hostname.charCodeAt(i);
    if (code !== 47 /* / */ && code !== 92 /* \ */ && code !== 35 /* # */ &&
        code !== 63 /* ? */ && code !== 58 /* : */) {
      continue;
    }
    if (code === 58 && !warnedInvalidPort) {
      warnedInvalidPort = true;
      process.emitWarning(
        `The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
        'DeprecationWarning', 'DEP0170');
    }
    self.hostname = hostname.slice(0, i);
    return `/${hostname.slice(i)}${rest}`;
  }
  return rest;
}

// Splits `rest` (after "//" or the protocol) into auth and host; returns what
// follows the host. Tabs and newlines are dropped on the way; the last '@'
// before any host-ending char ends the auth.
function splitAuthority(self, rest) {
  let hostEnd = -1;
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length && hostEnd === -1; i++) {
    switch (rest.charCodeAt(i)) {
      case 9: case 10: case 13: // \t \n \r: removed, as WHATWG URL does
        rest = rest.slice(0, i) + rest.slice(i + 1);
        i--;
        break;
      case 32: case 34: case 37: case 39: case 59: case 60: case 62: case 92:
      case 94: case 96: case 123: case 124: case 125: // never in a hostname
        if (nonHost === -1) nonHost = i;
        break;
      case 35: case 47: case 63: // # / ?: the host ends
        if (nonHost === -1) nonHost = i;
        hostEnd = i;
        break;
      case 64: // @
        atSign = i;
        nonHost = -1;
        break;
    }
  }
  let start = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    start = atSign + 1;
  }
  if (nonHost === -1) {
    self.host = rest.slice(start);
    return '';
  }
  self.host = rest.slice(start, nonHost);
  return rest.slice(nonHost);
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url');
  let [rest, hasHash, hasAt] = prepare(url);

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simplePath = simplePathPattern.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        this.query = parseQueryString ?
          require('querystring').parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  let proto = protocolPattern.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  // "user@server" always has a host; so does "//x" when slashes denote one.
  let slashes;
  if (slashesDenoteHost || proto || hostPattern.test(rest)) {
    slashes = rest.charCodeAt(0) === 47 && rest.charCodeAt(1) === 47;
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  // (Node tests the protocol as written, not lower-cased, against the
  // slashed list here.)
  if (!hostlessProtocol.has(lowerProto) &&
      (slashes || (proto && !slashedProtocol.has(proto)))) {
    rest = splitAuthority(this, rest);
    this.parseHost();
    if (typeof this.hostname !== 'string') this.hostname = '';
    const ipv6Hostname = isIpv6Hostname(this.hostname);
    if (!ipv6Hostname) rest = getHostname(this, rest, this.hostname, url);

    this.hostname = this.hostname.length > hostnameMaxLen ? '' : this.hostname.toLowerCase();
    if (this.hostname !== '') {
      if (ipv6Hostname) {
        if (forbiddenHostCharsIpv6.test(this.hostname)) throw new ERR_INVALID_URL(url);
      } else {
        // IDNA: punycode for the labels that need it.
        this.hostname = bindingUrl.toASCII(this.hostname);
        if (this.hostname === '' || forbiddenHostChars.test(this.hostname)) {
          throw new ERR_INVALID_URL(url);
        }
      }
    }
    this.host = (this.hostname || '') + (this.port ? ':' + this.port : '');
    if (ipv6Hostname) {
      // host keeps the brackets, hostname does not.
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== '/') rest = '/' + rest;
    }
  }

  if (!unsafeProtocol.has(lowerProto)) rest = autoEscapeStr(rest);

  let questionIdx = -1;
  let hashIdx = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 35 /* # */) {
      this.hash = rest.slice(i);
      hashIdx = i;
      break;
    }
    if (code === 63 /* ? */ && questionIdx === -1) questionIdx = i;
  }
  if (questionIdx !== -1) {
    const end = hashIdx === -1 ? undefined : hashIdx;
    this.search = rest.slice(questionIdx, end);
    this.query = rest.slice(questionIdx + 1, end);
    if (parseQueryString) this.query = require('querystring').parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }

  const firstIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx) ?
    questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx);
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) {
    this.pathname = '/';
  }
  // path: what http.request wants.
  if (this.pathname || this.search) {
    this.path = (this.pathname || '') + (this.search || '');
  }
  this.href = this.format();
  return this;
};

// host "name:port": a trailing ":digits" is the port ("name:" drops the colon).
Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  let port = portPattern.exec(host);
  if (port) {
    port = port[0];
    if (port !== ':') this.port = port.slice(1);
    host = host.slice(0, host.length - port.length);
  }
  if (host) this.hostname = host;
};

// What auth keeps unescaped: the unreserved chars, "!'()*" and ':'.
const noEscapeAuth = asciiTable(kAlnum + "!'()*-._~:");

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = encodeStr(auth, noEscapeAuth, hexTable) + '@';

  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';

  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const name = this.hostname;
    host = auth + (name.includes(':') && !isIpv6Hostname(name) ? '[' + name + ']' : name);
    if (this.port) host += ':' + this.port;
  }
  if (this.query !== null && typeof this.query === 'object') {
    query = require('querystring').stringify(this.query);
  }
  let search = this.search || (query && ('?' + query)) || '';

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58 /* : */) protocol += ':';

  // '#' and '?' inside the path would end it.
  if (pathname.includes('#') || pathname.includes('?')) {
    pathname = pathname.replace(/#/g, '%23').replace(/\?/g, '%3F');
  }

  // Only slashed protocols (or URLs that had them) get the "//".
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47 /* / */) pathname = '/' + pathname;
      host = '//' + host;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }

  search = search.replace(/#/g, '%23');
  if (hash && hash.charCodeAt(0) !== 35 /* # */) hash = '#' + hash;
  if (search && search.charCodeAt(0) !== 63 /* ? */) search = '?' + search;
  return protocol + host + pathname + search + hash;
};

let warnedUrlParse = false;

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (!warnedUrlParse && require('internal/options').getOptionValue('--pending-deprecation')) {
    warnedUrlParse = true;
    process.emitWarning(
      '`url.parse()` behavior is not standardized and prone to ' +
      'errors that have security implications. Use the WHATWG URL API ' +
      'instead. CVEs are not issued for `url.parse()` vulnerabilities.',
      'DeprecationWarning', 'DEP0169');
  }
  if (url instanceof Url) return url;
  const urlObject = new Url();
  urlObject.parse(url, parseQueryString, slashesDenoteHost);
  return urlObject;
}

module.exports = {
  Url,
  hostlessProtocol,
  slashedProtocol,
  unsafeProtocol,
  urlParse,
};
