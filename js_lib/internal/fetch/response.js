'use strict';

// Response: a status, headers and body; what fetch() resolves to, and what
// code builds with new Response(), Response.json(), Response.redirect() and
// Response.error().

const { Headers, setGuard } = require('internal/fetch/headers');
const { cloneBody, extractBody, initBody, isUnusable, mixinBody } = require('internal/fetch/body');
const { inspect } = require('internal/util/inspect');
const STATUS_CODES = require('internal/http/status_codes');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kInternal = Symbol('response');
const kRedirectStatuses = [301, 302, 303, 307, 308];
const kNullBodyStatuses = [101, 103, 204, 205, 304];

function checkReasonPhrase(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return false;
  }
  return true;
}

class Response {
  constructor(body = null, init = {}) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) init = {};
    const status = init.status !== undefined ? Number(init.status) : 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    }
    const statusText = init.statusText !== undefined ? `${init.statusText}` : '';
    if (!checkReasonPhrase(statusText)) throw new TypeError('Invalid statusText');
    this[kInternal] = {
      status, statusText, type: 'default', urlList: [], redirected: false,
      headers: new Headers(init.headers),
    };
    setGuard(this[kInternal].headers, 'response');
    if (body !== null && body !== undefined) {
      if (kNullBodyStatuses.includes(status)) {
        throw new TypeError('Response constructor: Invalid response status code ' + status);
      }
      const extracted = extractBody(body);
      if (extracted.type && !this[kInternal].headers.has('content-type')) {
        this[kInternal].headers.append('content-type', extracted.type);
      }
      initBody(this, extracted);
    } else {
      initBody(this, null);
    }
  }

  static error() {
    const r = new Response(null, { status: 200 });
    Object.assign(r[kInternal], { status: 0, type: 'error' });
    setGuard(r.headers, 'immutable');
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = new Response(text, init);
    r.headers.set('content-type', 'application/json');
    return r;
  }

  static redirect(url, status = 302) {
    let parsed;
    try {
      parsed = new URL(`${url}`);
    } catch (e) {
      throw new TypeError(`Failed to parse URL from ${url}`, { cause: e });
    }
    if (!kRedirectStatuses.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = new Response(null, { status });
    r.headers.set('location', parsed.href);
    setGuard(r.headers, 'immutable');
    return r;
  }

  get type() { return this[kInternal].type; }
  get url() {
    const list = this[kInternal].urlList;
    return list.length ? list[list.length - 1].href.replace(/#.*$/, '') : '';
  }
  get redirected() { return this[kInternal].redirected; }
  get status() { return this[kInternal].status; }
  get ok() { return this[kInternal].status >= 200 && this[kInternal].status <= 299; }
  get statusText() { return this[kInternal].statusText; }
  get headers() { return this[kInternal].headers; }

  clone() {
    if (isUnusable(this)) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = new Response(null, {
      status: this.status || 200, statusText: this.statusText, headers: this.headers,
    });
    Object.assign(copy[kInternal], { ...this[kInternal], headers: copy[kInternal].headers });
    cloneBody(this, copy);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Response'; }

  [kInspect](depth, options) {
    const obj = {
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type,
      url: this.url,
    };
    return `Response ${inspect(obj, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(Response);

// A response fetch() made from an http response.
function fromNetwork(status, statusText, rawHeaders, bodyStream, urlList) {
  const r = new Response(null, { status: status >= 200 ? status : 200 });
  const state = r[kInternal];
  state.status = status;
  state.statusText = statusText || STATUS_CODES[status] || '';
  state.urlList = urlList;
  state.redirected = urlList.length > 1;
  state.type = 'basic';
  const { appendRaw } = require('internal/fetch/headers');
  for (let i = 0; i < rawHeaders.length; i += 2) appendRaw(state.headers, rawHeaders[i], rawHeaders[i + 1]);
  setGuard(state.headers, 'immutable');
  if (bodyStream !== null) initBody(r, { source: bodyStream, type: null, stream: true });
  return r;
}

module.exports = { Response, fromNetwork, kInternal, kNullBodyStatuses, kRedirectStatuses };
