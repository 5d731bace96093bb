'use strict';

// Request: a method, URL, headers, body and options, as fetch() takes them.
// new Request(request) moves the body out of `request` (which is then
// used); clone() copies it.

const { Headers, setGuard } = require('internal/fetch/headers');
const {
  extractBody, getStream, initBody, isUnusable, isUsed, kState: kBody, mixinBody, transferBody, cloneBody,
} = require('internal/fetch/body');
const {
  argumentLengthCheck, brandCheck, checkEnum, finishInterface, toByteString, toDictionary, toUSVString,
} = require('internal/fetch/webidl');
const { inspect } = require('internal/util/inspect');
const { checkIsHttpToken } = require('internal/http/common');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kInternal = Symbol('request');
const kContext = 'Request constructor';

const kNormalized = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const kForbidden = ['CONNECT', 'TRACE', 'TRACK'];
const kEnums = {
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin',
    'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'manual', 'error'],
};
let patchWarned = false;

function parseURL(input) {
  try {
    return new URL(input);
  } catch (e) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause: e });
  }
}

// The members of a RequestInit, converted in the order Node converts them.
function convertInit(init) {
  const out = {};
  if (init.method !== undefined) out.method = toByteString(init.method, kContext, 'method');
  if (init.headers !== undefined) out.headers = new Headers(init.headers);
  if (init.body !== undefined) out.body = init.body;
  if (init.referrer !== undefined) out.referrer = toUSVString(init.referrer);
  for (const key of Object.keys(kEnums)) {
    if (init[key] !== undefined) out[key] = checkEnum(init[key], kEnums[key], kContext);
  }
  if (init.integrity !== undefined) out.integrity = `${init.integrity}`;
  if (init.keepalive !== undefined) out.keepalive = !!init.keepalive;
  if (init.signal !== undefined) out.signal = init.signal;
  if (init.window !== undefined) out.window = init.window;
  if (init.duplex !== undefined) out.duplex = checkEnum(init.duplex, ['half'], kContext);
  return out;
}

function normalizeMethod(method) {
  const upper = method.toUpperCase();
  if (kNormalized.includes(upper)) return upper;
  if (!checkIsHttpToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
  if (kForbidden.includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
  if (method === 'patch' && !patchWarned) {
    patchWarned = true;
    process.emitWarning('Using `patch` is highly likely to result in a `405 Method Not Allowed`. ' +
                        '`PATCH` is much more likely to succeed.', { code: 'UNDICI-FETCH-patch' });
  }
  return method;
}

// A signal that follows `parent` (null for none).
function followSignal(parent) {
  const { AbortController } = require('internal/abort_controller');
  const ac = new AbortController();
  if (parent != null) {
    if (typeof parent !== 'object' || typeof parent.aborted !== 'boolean' ||
        typeof parent.addEventListener !== 'function') {
      throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
    }
    if (parent.aborted) ac.abort(parent.reason);
    else parent.addEventListener('abort', () => ac.abort(parent.reason), { once: true });
  }
  return ac.signal;
}

class _Request {
  constructor(input, init = {}) {
    argumentLengthCheck(arguments.length, 1, kContext);
    const base = input instanceof _Request ? input[kInternal] : null;
    if (base === null) input = toUSVString(input);
    const opts = convertInit(toDictionary(init, kContext));
    let state;
    if (base === null) {
      const url = parseURL(input);
      if (url.username || url.password) {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      }
      state = {
        method: 'GET', url, referrer: 'client', referrerPolicy: '', mode: 'cors', credentials: 'same-origin',
        cache: 'default', redirect: 'follow', integrity: '', keepalive: false,
      };
    } else {
      state = { ...base };
    }
    if (opts.window != null) throw new TypeError("'window' option 'client' must be null");
    if (Object.keys(init ?? {}).length !== 0) {
      state.referrer = 'client';
      state.referrerPolicy = '';
    }
    if (opts.referrer !== undefined) {
      if (opts.referrer === '') {
        state.referrer = 'no-referrer';
      } else {
        let parsed;
        try {
          parsed = new URL(opts.referrer);
        } catch (e) {
          throw new TypeError(`Referrer "${opts.referrer}" is not a valid URL.`, { cause: e });
        }
        state.referrer = parsed.href === 'about:client' ? 'client' : parsed;
      }
    }
    for (const key of ['referrerPolicy', 'credentials', 'cache', 'redirect', 'integrity', 'keepalive']) {
      if (opts[key] !== undefined) state[key] = opts[key];
    }
    if (opts.mode === 'navigate') throw new TypeError(`${kContext}: invalid request mode navigate.`);
    if (opts.mode !== undefined) state.mode = opts.mode;
    if (state.cache === 'only-if-cached' && state.mode !== 'same-origin') {
      throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
    }
    if (opts.method !== undefined) state.method = normalizeMethod(opts.method);
    this[kInternal] = state;
    state.signal = followSignal(opts.signal !== undefined ? opts.signal : (base ? base.signal : null));
    if (state.mode === 'no-cors' && !['GET', 'HEAD', 'POST'].includes(state.method)) {
      throw new TypeError(`'${state.method} is unsupported in no-cors mode.`);
    }
    state.headers = opts.headers ?? new Headers(base ? base.headers : undefined);
    setGuard(state.headers, 'request');
    const inputHasBody = base !== null && input[kBody] !== null;
    if ((opts.body != null || inputHasBody) && (state.method === 'GET' || state.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (opts.body != null) {
      const extracted = extractBody(opts.body, state.keepalive);
      if (extracted.type && !state.headers.has('content-type')) state.headers.append('content-type', extracted.type);
      if (extracted.source === null && opts.duplex === undefined) {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
      initBody(this, extracted);
    } else if (inputHasBody) {
      if (isUnusable(input)) {
        throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      }
      transferBody(input, this);
    } else {
      initBody(this, null);
    }
    const body = this[kBody];
    if (body !== null && body.source === null && state.mode !== 'same-origin' && state.mode !== 'cors') {
      throw new TypeError('If request is made from ReadableStream, mode should be "same-origin" or "cors"');
    }
  }

  get method() { brandCheck(this, _Request, kInternal); return this[kInternal].method; }
  get url() { brandCheck(this, _Request, kInternal); return this[kInternal].url.href; }
  get headers() { brandCheck(this, _Request, kInternal); return this[kInternal].headers; }
  get destination() { brandCheck(this, _Request, kInternal); return ''; }
  get referrer() {
    brandCheck(this, _Request, kInternal);
    const { referrer } = this[kInternal];
    return referrer === 'no-referrer' ? '' : referrer === 'client' ? 'about:client' : referrer.href;
  }
  get referrerPolicy() { brandCheck(this, _Request, kInternal); return this[kInternal].referrerPolicy; }
  get mode() { brandCheck(this, _Request, kInternal); return this[kInternal].mode; }
  get credentials() { brandCheck(this, _Request, kInternal); return this[kInternal].credentials; }
  get cache() { brandCheck(this, _Request, kInternal); return this[kInternal].cache; }
  get redirect() { brandCheck(this, _Request, kInternal); return this[kInternal].redirect; }
  get integrity() { brandCheck(this, _Request, kInternal); return this[kInternal].integrity; }
  get keepalive() { brandCheck(this, _Request, kInternal); return this[kInternal].keepalive; }
  get isReloadNavigation() { brandCheck(this, _Request, kInternal); return false; }
  get isHistoryNavigation() { brandCheck(this, _Request, kInternal); return false; }
  get signal() { brandCheck(this, _Request, kInternal); return this[kInternal].signal; }
  get body() { brandCheck(this, _Request, kInternal); return getStream(this); }
  get bodyUsed() { brandCheck(this, _Request, kInternal); return isUsed(this); }
  get duplex() { brandCheck(this, _Request, kInternal); return 'half'; }

  clone() {
    brandCheck(this, _Request, kInternal);
    if (isUnusable(this)) throw new TypeError('unusable');
    const copy = Object.create(_Request.prototype);
    const state = { ...this[kInternal], signal: followSignal(this[kInternal].signal) };
    state.headers = new Headers(state.headers);
    setGuard(state.headers, 'request');
    copy[kInternal] = state;
    cloneBody(this, copy);
    return copy;
  }

  [kInspect](depth, options) {
    const s = this[kInternal];
    const obj = {
      method: s.method, url: s.url.href, headers: s.headers, destination: '',
      referrer: this.referrer, referrerPolicy: s.referrerPolicy, mode: s.mode,
      credentials: s.credentials, cache: s.cache, redirect: s.redirect, integrity: s.integrity,
      keepalive: s.keepalive, isReloadNavigation: false, isHistoryNavigation: false,
      signal: s.signal,
    };
    return `Request ${inspect(obj, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
mixinBody(_Request, kInternal);
finishInterface(_Request, 'Request');

module.exports = { Request: _Request, kInternal };
