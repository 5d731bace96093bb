'use strict';

// Response: a status, headers and body; what fetch() resolves to, and what
// code builds with new Response(), Response.json(), Response.redirect() and
// Response.error().

const { Headers, appendRaw, setGuard } = require('internal/fetch/headers');
const {
  cloneBody, extractBody, getStream, initBody, isUnusable, isUsed, mixinBody,
} = require('internal/fetch/body');
const {
  argumentLengthCheck, brandCheck, finishInterface, toByteString, toDictionary, toUSVString, toUnsignedShort,
} = require('internal/fetch/webidl');
const { inspect } = require('internal/util/inspect');
const STATUS_CODES = require('internal/http/status_codes');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kInternal = Symbol('response');
const kRedirectStatuses = [301, 302, 303, 307, 308];
const kNullBodyStatuses = [101, 103, 204, 205, 304];

function checkReasonPhrase(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
  }
  return true;
}

// A ResponseInit's members, converted as Node converts them (the odd
// "undefined" context is Node's).
function convertInit(init) {
  init = toDictionary(init, 'undefined');
  return {
    headers: init.headers !== undefined ? new Headers(init.headers) : null,
    status: init.status !== undefined ? toUnsignedShort(init.status) : 200,
    statusText: init.statusText !== undefined ? toByteString(init.statusText, 'ResponseInit', 'statusText') : '',
  };
}

function newState(status, statusText, headers, type) {
  headers ??= new Headers();
  setGuard(headers, 'response');
  return { status, statusText, type, urlList: [], redirected: false, headers, guard: 'response' };
}

// Headers of error, redirect and network responses cannot change.
function lockHeaders(state) {
  state.guard = 'immutable';
  setGuard(state.headers, 'immutable');
}

// The Fetch standard's "initialize a response".
function initialize(response, init, extracted, type) {
  if (init.status < 200 || init.status > 599) {
    throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
  }
  if (!checkReasonPhrase(init.statusText)) throw new TypeError('Invalid statusText');
  response[kInternal] = newState(init.status, init.statusText, init.headers, 'default');
  initBody(response, null);
  if (extracted !== null) {
    if (kNullBodyStatuses.includes(init.status)) {
      throw new TypeError(`Response constructor: Invalid response status code ${init.status}`);
    }
    const { headers } = response[kInternal];
    if (type && !headers.has('content-type')) headers.append('content-type', type);
    initBody(response, extracted);
  }
}

class _Response {
  constructor(body = null, init = {}) {
    const extracted = body !== null ? extractBody(body) : null;
    initialize(this, convertInit(init), extracted, extracted && extracted.type);
  }

  static error() {
    const r = Object.create(_Response.prototype);
    r[kInternal] = newState(0, '', null, 'error');
    lockHeaders(r[kInternal]);
    initBody(r, null);
    return r;
  }

  static json(data, init = {}) {
    argumentLengthCheck(arguments.length, 1, 'Response.json');
    const converted = convertInit(init);
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = Object.create(_Response.prototype);
    initialize(r, converted, extractBody(text), 'application/json');
    return r;
  }

  static redirect(url, status = 302) {
    argumentLengthCheck(arguments.length, 1, 'Response.redirect');
    url = toUSVString(url);
    status = toUnsignedShort(status);
    let parsed;
    try {
      parsed = new URL(url);
    } catch (e) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause: e });
    }
    if (!kRedirectStatuses.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = Object.create(_Response.prototype);
    r[kInternal] = newState(status, '', null, 'default');
    r[kInternal].headers.append('location', parsed.href);
    lockHeaders(r[kInternal]);
    initBody(r, null);
    return r;
  }

  get type() { brandCheck(this, _Response, kInternal); return this[kInternal].type; }
  get url() {
    brandCheck(this, _Response, kInternal);
    const list = this[kInternal].urlList;
    return list.length ? list[list.length - 1].href.replace(/#.*$/, '') : '';
  }
  get redirected() { brandCheck(this, _Response, kInternal); return this[kInternal].redirected; }
  get status() { brandCheck(this, _Response, kInternal); return this[kInternal].status; }
  get ok() {
    brandCheck(this, _Response, kInternal);
    return this[kInternal].status >= 200 && this[kInternal].status <= 299;
  }
  get statusText() { brandCheck(this, _Response, kInternal); return this[kInternal].statusText; }
  get headers() { brandCheck(this, _Response, kInternal); return this[kInternal].headers; }
  get body() { brandCheck(this, _Response, kInternal); return getStream(this); }
  get bodyUsed() { brandCheck(this, _Response, kInternal); return isUsed(this); }

  clone() {
    brandCheck(this, _Response, kInternal);
    if (isUnusable(this)) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = Object.create(_Response.prototype);
    const state = this[kInternal];
    const headers = new Headers(state.headers);
    copy[kInternal] = { ...state, urlList: state.urlList.slice(), headers };
    setGuard(headers, state.guard);
    cloneBody(this, copy);
    return copy;
  }

  [kInspect](depth, options) {
    const obj = {
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type,
      url: this.url,
    };
    return `Response ${inspect(obj, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(_Response, kInternal);
finishInterface(_Response, 'Response');

// A response fetch() made from an http response (or a data: URL).
function fromNetwork(status, statusText, rawHeaders, body, urlList) {
  const r = Object.create(_Response.prototype);
  const state = newState(status, statusText ?? (STATUS_CODES[status] || ''), null, 'basic');
  state.urlList = urlList;
  state.redirected = urlList.length > 1;
  for (let i = 0; i < rawHeaders.length; i += 2) appendRaw(state.headers, rawHeaders[i], rawHeaders[i + 1]);
  lockHeaders(state);
  r[kInternal] = state;
  initBody(r, body);
  return r;
}

module.exports = { Response: _Response, fromNetwork, kInternal, kNullBodyStatuses, kRedirectStatuses };
