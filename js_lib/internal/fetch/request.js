'use strict';

// Request: a method, URL, headers, body and options, as fetch() takes them.

const { Headers, setGuard } = require('internal/fetch/headers');
const { cloneBody, extractBody, initBody, isUnusable, mixinBody } = require('internal/fetch/body');
const { inspect } = require('internal/util/inspect');
const { checkIsHttpToken } = require('internal/http/common');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kInternal = Symbol('request');

const kNormalized = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const kForbidden = ['CONNECT', 'TRACE', 'TRACK'];
const kEnums = {
  mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'error', 'manual'],
};

function parseURL(input) {
  try {
    return new URL(`${input}`);
  } catch (e) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause: e });
  }
}

class Request {
  constructor(input, init = {}) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) init = {};
    const base = input instanceof Request ? input[kInternal] : null;
    const url = base ? base.url : parseURL(input);
    if (url.username || url.password) {
      throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
    }
    let method = init.method !== undefined ? `${init.method}` : (base ? base.method : 'GET');
    if (init.method !== undefined) {
      if (!checkIsHttpToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (kForbidden.includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      if (kNormalized.includes(upper)) method = upper;
    }
    const state = {
      method,
      url,
      destination: '', referrer: 'about:client', referrerPolicy: '', integrity: '',
      mode: base ? base.mode : 'cors',
      credentials: base ? base.credentials : 'same-origin',
      cache: base ? base.cache : 'default',
      redirect: base ? base.redirect : 'follow',
      keepalive: base ? base.keepalive : false,
      duplex: init.duplex,
    };
    for (const key of Object.keys(kEnums)) {
      if (init[key] !== undefined) {
        if (!kEnums[key].includes(`${init[key]}`)) {
          throw new TypeError(`Request constructor: ${init[key]} is not an accepted type. ` +
                              `Expected one of ${kEnums[key].join(', ')}.`);
        }
        state[key] = `${init[key]}`;
      }
    }
    if (init.keepalive !== undefined) state.keepalive = !!init.keepalive;
    if (init.integrity !== undefined) state.integrity = `${init.integrity}`;
    this[kInternal] = state;
    const { AbortController } = require('internal/abort_controller');
    const ac = new AbortController();
    const parentSignal = init.signal !== undefined ? init.signal : (base ? base.signal : null);
    if (parentSignal != null) {
      if (typeof parentSignal !== 'object' || typeof parentSignal.aborted !== 'boolean') {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      if (parentSignal.aborted) ac.abort(parentSignal.reason);
      else parentSignal.addEventListener('abort', () => ac.abort(parentSignal.reason), { once: true });
    }
    state.signal = ac.signal;
    state.headers = new Headers(init.headers !== undefined ? init.headers :
      (input instanceof Request ? input.headers : undefined));
    setGuard(state.headers, 'request');
    let extracted = null;
    if (init.body !== undefined && init.body !== null) {
      if (method === 'GET' || method === 'HEAD') {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      extracted = extractBody(init.body);
      if (extracted.stream && init.duplex !== 'half') {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
      if (extracted.type && !state.headers.has('content-type')) {
        state.headers.append('content-type', extracted.type);
      }
      initBody(this, extracted);
    } else if (base && input.body !== null) {
      if (isUnusable(input)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      cloneBody(input, this);
    } else {
      initBody(this, null);
    }
  }

  get method() { return this[kInternal].method; }
  get url() { return this[kInternal].url.href; }
  get headers() { return this[kInternal].headers; }
  get destination() { return this[kInternal].destination; }
  get referrer() { return this[kInternal].referrer; }
  get referrerPolicy() { return this[kInternal].referrerPolicy; }
  get mode() { return this[kInternal].mode; }
  get credentials() { return this[kInternal].credentials; }
  get cache() { return this[kInternal].cache; }
  get redirect() { return this[kInternal].redirect; }
  get integrity() { return this[kInternal].integrity; }
  get keepalive() { return this[kInternal].keepalive; }
  get isReloadNavigation() { return false; }
  get isHistoryNavigation() { return false; }
  get signal() { return this[kInternal].signal; }
  get duplex() { return 'half'; }

  clone() {
    if (isUnusable(this)) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new Request(this, {});
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Request'; }

  [kInspect](depth, options) {
    const s = this[kInternal];
    const obj = {
      method: s.method, url: s.url.href, headers: s.headers, destination: s.destination,
      referrer: s.referrer, referrerPolicy: s.referrerPolicy, mode: s.mode,
      credentials: s.credentials, cache: s.cache, redirect: s.redirect, integrity: s.integrity,
      keepalive: s.keepalive, isReloadNavigation: false, isHistoryNavigation: false,
      signal: s.signal,
    };
    return `Request ${inspect(obj, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(Request);

module.exports = { Request, kInternal };
