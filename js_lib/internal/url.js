'use strict';

// The WHATWG URL class over the ada parser (process.binding('url')). A URL
// holds its serialized href and ada's component offsets into it (URLContext);
// every getter is a slice of the href, every setter re-parses in C++. The
// URLSearchParams of url.searchParams is created on first use; changes to it
// mark the URL stale and the href is rebuilt on the next read.
//
// Also the hub for the rest of the WHATWG-side url helpers (file paths,
// domainTo*, urlToHttpOptions), which live in internal/url/*.

const { inspect } = require('internal/util/inspect');
const { codes: { ERR_MISSING_ARGS } } = require('internal/errors');
const {
  URLSearchParams,
  getList,
  resetFromQuery,
  setModifiedHook,
  setOwner,
} = require('internal/url/search_params');
const { toUSVString } = require('internal/url/usv');

const bindingUrl = binding('url');

// Setter numbers of bindingUrl.update (Node's urlUpdateActions).
const updateActions = {
  kProtocol: 0,
  kHost: 1,
  kHostname: 2,
  kPort: 3,
  kUsername: 4,
  kPassword: 5,
  kPathname: 6,
  kSearch: 7,
  kHash: 8,
  kHref: 9,
};

// ada::scheme::type
const kSchemeHttp = 0;
const kSchemeNotSpecial = 1;
const kSchemeHttps = 2;
const kSchemeFile = 6;
const kOmitted = 0xffffffff;

// Where the binding writes a parse's offsets; read right after each call.
const components = new Uint32Array(9);

// Offsets into href (ada's url_components), as Node's URLContext.
class URLContext {
  href = '';
  protocol_end = 0;
  username_end = 0;
  host_start = 0;
  host_end = 0;
  pathname_start = 0;
  search_start = 0;
  hash_start = 0;
  port = 0;
  scheme_type = 1;

  get hasPort() { return this.port !== kOmitted; }
  get hasSearch() { return this.search_start !== kOmitted; }
  get hasHash() { return this.hash_start !== kOmitted; }
}

const contextForInspect = Symbol('context');
const kParseOnly = Symbol('kParseOnly');

// Node throws this one from C++: a TypeError with own code/input/base.
function invalidURL(input, base) {
  const err = new TypeError('Invalid URL');
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

// Friends of the class (assigned in its static block).
let markSearchParamsModified;
let schemeTypeOf;

class URL {
  #context = new URLContext();
  #searchParams;
  #searchParamsModified;

  static {
    markSearchParamsModified = (url) => {
      url.#searchParamsModified = true;
      // Drop the old query now, without touching the params; the new one is
      // serialized on the next read.
      if (url.#context.hasSearch) {
        url.#updateContext(bindingUrl.update(url.#context.href, updateActions.kSearch, '',
                                             components));
      }
    };
    schemeTypeOf = (url) => url.#context.scheme_type;
  }

  constructor(input, base = undefined, parseOnly = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    const href = bindingUrl.parse(input, base, components);
    if (href === false) {
      if (parseOnly === kParseOnly) return;
      throw invalidURL(input, base);
    }
    this.#updateContext(href);
  }

  // URL.parse(input[, base]): the URL, or null instead of throwing.
  static parse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    const url = new URL(input, base, kParseOnly);
    return url.#context.href ? url : null;
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    url = `${url}`;
    if (base !== undefined) return bindingUrl.canParse(url, `${base}`);
    return bindingUrl.canParse(url);
  }

  // blob:nodedata:<id> URLs for Blobs (the registry is internal/blob's).
  static createObjectURL(obj) {
    return require('internal/blob').registerObjectURL(obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    require('internal/blob').revokeObjectURL(`${url}`);
  }

  [inspect.custom](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || URL;
    const obj = { __proto__: { constructor } };
    obj.href = this.href;
    obj.origin = this.origin;
    obj.protocol = this.protocol;
    obj.username = this.username;
    obj.password = this.password;
    obj.host = this.host;
    obj.hostname = this.hostname;
    obj.port = this.port;
    obj.pathname = this.pathname;
    obj.search = this.search;
    obj.searchParams = this.searchParams;
    obj.hash = this.hash;
    if (opts.showHidden) obj[contextForInspect] = this.#context;
    return `${constructor.name} ${inspect(obj, opts)}`;
  }

  #searchFromContext() {
    const ctx = this.#context;
    if (!ctx.hasSearch) return '';
    const end = ctx.hasHash ? ctx.hash_start : ctx.href.length;
    if (end - ctx.search_start <= 1) return '';
    return ctx.href.slice(ctx.search_start, end);
  }

  #searchFromParams() {
    if (!this.#searchParams?.size) return '';
    return `?${this.#searchParams}`;
  }

  // Brings the href up to date with url.searchParams after changes to it.
  #syncFromSearchParams() {
    if (!this.#searchParamsModified) return;
    this.#searchParamsModified = false;
    this.#updateContext(bindingUrl.update(this.#context.href, updateActions.kSearch,
                                          this.#searchFromParams(), components));
  }

  // Takes a new href (with its offsets in `components`). When the change may
  // have replaced the query (href/search setters), the params follow it.
  #updateContext(href, mayChangeSearch = false) {
    const previousSearch = mayChangeSearch && this.#searchParams &&
      (this.#searchParamsModified ? this.#searchFromParams() : this.#searchFromContext());
    const ctx = this.#context;
    ctx.href = href;
    ctx.protocol_end = components[0];
    ctx.username_end = components[1];
    ctx.host_start = components[2];
    ctx.host_end = components[3];
    ctx.port = components[4];
    ctx.pathname_start = components[5];
    ctx.search_start = components[6];
    ctx.hash_start = components[7];
    ctx.scheme_type = components[8];
    if (this.#searchParams) {
      if (mayChangeSearch) {
        const search = this.#searchFromContext();
        if (previousSearch !== search) {
          resetFromQuery(this.#searchParams, search);
          this.#searchParamsModified = false;
        }
      }
      this.#syncFromSearchParams();
    }
  }

  #update(action, value) {
    const href = bindingUrl.update(this.#context.href, action, value, components);
    if (href !== false) this.#updateContext(href, action === updateActions.kSearch);
  }

  toString() {
    this.#syncFromSearchParams();
    return this.#context.href;
  }

  get href() {
    this.#syncFromSearchParams();
    return this.#context.href;
  }

  set href(value) {
    value = `${value}`;
    const href = bindingUrl.update(this.#context.href, updateActions.kHref, value, components);
    if (href === false) throw invalidURL(value);
    this.#updateContext(href, true);
  }

  get origin() {
    const ctx = this.#context;
    const protocol = ctx.href.slice(0, ctx.protocol_end);
    if (ctx.scheme_type !== kSchemeNotSpecial) {
      if (ctx.scheme_type === kSchemeFile) return 'null';
      return `${protocol}//${this.host}`;
    }
    if (protocol === 'blob:') {
      // blob:<url>: the origin of the inner http(s) URL.
      const inner = URL.parse(this.pathname);
      if (inner !== null) {
        const type = schemeTypeOf(inner);
        if (type === kSchemeHttp || type === kSchemeHttps) return `${inner.protocol}//${inner.host}`;
      }
    }
    return 'null';
  }

  get protocol() {
    return this.#context.href.slice(0, this.#context.protocol_end);
  }

  set protocol(value) { this.#update(updateActions.kProtocol, `${value}`); }

  get username() {
    const ctx = this.#context;
    if (ctx.protocol_end + 2 < ctx.username_end) {
      return ctx.href.slice(ctx.protocol_end + 2, ctx.username_end);
    }
    return '';
  }

  set username(value) { this.#update(updateActions.kUsername, `${value}`); }

  get password() {
    const ctx = this.#context;
    if (ctx.host_start - ctx.username_end > 0) {
      return ctx.href.slice(ctx.username_end + 1, ctx.host_start);
    }
    return '';
  }

  set password(value) { this.#update(updateActions.kPassword, `${value}`); }

  get host() {
    const ctx = this.#context;
    let start = ctx.host_start;
    if (ctx.href[start] === '@') start++;
    // An empty host: what lies before pathname_start may be a '/'.
    if (start === ctx.host_end) return '';
    return ctx.href.slice(start, ctx.pathname_start);
  }

  set host(value) { this.#update(updateActions.kHost, `${value}`); }

  get hostname() {
    const ctx = this.#context;
    let start = ctx.host_start;
    if (ctx.href[start] === '@') start++;
    return ctx.href.slice(start, ctx.host_end);
  }

  set hostname(value) { this.#update(updateActions.kHostname, `${value}`); }

  get port() {
    return this.#context.hasPort ? `${this.#context.port}` : '';
  }

  set port(value) { this.#update(updateActions.kPort, `${value}`); }

  get pathname() {
    const ctx = this.#context;
    let end;
    if (ctx.hasSearch) end = ctx.search_start;
    else if (ctx.hasHash) end = ctx.hash_start;
    return ctx.href.slice(ctx.pathname_start, end);
  }

  set pathname(value) { this.#update(updateActions.kPathname, `${value}`); }

  get search() {
    this.#syncFromSearchParams();
    return this.#searchFromContext();
  }

  set search(value) { this.#update(updateActions.kSearch, toUSVString(value)); }

  get searchParams() {
    if (this.#searchParams == null) {
      this.#searchParams = new URLSearchParams(this.#searchFromContext());
      setOwner(this.#searchParams, this);
      this.#searchParamsModified = false;
    }
    return this.#searchParams;
  }

  get hash() {
    const ctx = this.#context;
    if (!ctx.hasHash || ctx.href.length - ctx.hash_start <= 1) return '';
    return ctx.href.slice(ctx.hash_start);
  }

  set hash(value) { this.#update(updateActions.kHash, `${value}`); }

  toJSON() {
    this.#syncFromSearchParams();
    return this.#context.href;
  }
}

setModifiedHook((url) => markSearchParamsModified(url));

// Web IDL: attributes and operations are enumerable.
for (const key of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host',
  'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
  const desc = Object.getOwnPropertyDescriptor(URL.prototype, key);
  desc.enumerable = true;
  Object.defineProperty(URL.prototype, key, desc);
}
for (const key of ['parse', 'canParse', 'createObjectURL', 'revokeObjectURL']) {
  const desc = Object.getOwnPropertyDescriptor(URL, key);
  desc.enumerable = true;
  Object.defineProperty(URL, key, desc);
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'URL', writable: false, enumerable: false, configurable: true,
});

function getConstructorOf(obj) {
  while (obj) {
    const desc = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      return desc.value;
    }
    obj = Object.getPrototypeOf(obj);
  }
  return null;
}

// Node's duck-typed check (an object from url.parse has auth/path instead).
function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined &&
                 self.path === undefined);
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  return bindingUrl.domainToASCII(`${domain}`);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  return bindingUrl.domainToUnicode(`${domain}`);
}

// The options object http.request takes for a URL.
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url, // own properties a user added to the URL
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) {
    options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  }
  return options;
}

module.exports = {
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  getSearchParamsList: getList,
  isURL,
  updateActions,
  urlToHttpOptions,
};

// The file-path helpers need URL itself (a cycle through this module).
const file = require('internal/url/file');
module.exports.fileURLToPath = file.fileURLToPath;
module.exports.pathToFileURL = file.pathToFileURL;
module.exports.toPathIfFileURL = file.toPathIfFileURL;
