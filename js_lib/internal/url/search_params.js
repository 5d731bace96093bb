'use strict';

// URLSearchParams (WHATWG URL standard, section 6) and its iterator. The list
// is a flat array [name0, value0, name1, value1, ...]. A URLSearchParams that
// belongs to a URL (url.searchParams) reports each change to it through the
// hook internal/url installs; the URL re-serializes lazily.

const { inspect } = require('internal/util/inspect');
const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_INVALID_THIS,
    ERR_INVALID_TUPLE,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');
const { asciiTable, encodeStr, hexTable, isHexTable, kAlnum } =
  require('internal/querystring');
const { toUSVString } = require('internal/url/usv');

// (url) => void, set by internal/url: the list of url.searchParams changed.
let onModified = null;
function setModifiedHook(fn) { onModified = fn; }

// Friends of the class (assigned in its static block).
let getList;  // (params) -> the live flat list
let setOwner; // (params, url)
let resetFromQuery; // (params, query or undefined)

function checkThis(self) {
  if (typeof self !== 'object' || self === null || getList(self) === undefined) {
    throw new ERR_INVALID_THIS('URLSearchParams');
  }
}

// ---- application/x-www-form-urlencoded parser --------------------------------
// Splits on '&', then on the first '='; '+' is a space; the percent-decoding
// (querystring.unescape) runs only when a valid %XX escape was seen.
function parseParams(qs) {
  const out = [];
  const unescape = require('querystring').unescape;
  let i = qs.charCodeAt(0) === 63 /* ? */ ? 1 : 0;
  let buf = '';
  let seenEq = false;
  let encoded = false;
  let hexSeen = 0;
  let pairStart = i;
  let lastPos = i;
  const flush = (end) => {
    if (lastPos < end) buf += qs.slice(lastPos, end);
    out.push(encoded ? unescape(buf) : buf);
    buf = '';
    encoded = false;
    hexSeen = 0;
  };
  for (; i < qs.length; i++) {
    const code = qs.charCodeAt(i);
    if (code === 38 /* & */) {
      if (pairStart !== i) {
        flush(i);
        if (!seenEq) out.push('');
        seenEq = false;
      }
      lastPos = pairStart = i + 1;
    } else if (code === 61 /* = */ && !seenEq) {
      flush(i);
      seenEq = true;
      lastPos = i + 1;
    } else if (code === 43 /* + */) {
      if (lastPos < i) buf += qs.slice(lastPos, i);
      buf += ' ';
      lastPos = i + 1;
    } else if (!encoded) {
      if (code === 37 /* % */) {
        hexSeen = 1;
      } else if (hexSeen > 0) {
        if (isHexTable[code] === 1) {
          if (++hexSeen === 3) encoded = true;
        } else {
          hexSeen = 0;
        }
      }
    }
  }
  if (pairStart === i) return out;
  flush(i);
  if (!seenEq) out.push('');
  return out;
}

// ---- application/x-www-form-urlencoded serializer ----------------------------
const noEscape = asciiTable(kAlnum + '*-._');
const paramHexTable = hexTable.slice();
paramHexTable[0x20] = '+';

function serializeParams(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += encodeStr(list[i], noEscape, paramHexTable) + '=' +
      encodeStr(list[i + 1], noEscape, paramHexTable);
  }
  return out;
}

// Stable sort of the pairs by name (by UTF-16 code units, as the standard
// says): insertion sort for short lists, bottom-up merge sort otherwise.
function sortPairs(a) {
  const len = a.length;
  if (len <= 2) return;
  if (len < 100) {
    for (let i = 2; i < len; i += 2) {
      const key = a[i];
      const val = a[i + 1];
      let j = i - 2;
      for (; j >= 0 && a[j] > key; j -= 2) {
        a[j + 2] = a[j];
        a[j + 3] = a[j + 1];
      }
      a[j + 2] = key;
      a[j + 3] = val;
    }
    return;
  }
  let src = a.slice();
  let dst = new Array(len);
  for (let width = 2; width < len; width *= 2) {
    for (let lo = 0; lo < len; lo += 2 * width) {
      const mid = Math.min(lo + width, len);
      const hi = Math.min(lo + 2 * width, len);
      let l = lo;
      let r = mid;
      let o = lo;
      while (l < mid && r < hi) {
        if (src[r] < src[l]) {
          dst[o++] = src[r++];
          dst[o++] = src[r++];
        } else {
          dst[o++] = src[l++];
          dst[o++] = src[l++];
        }
      }
      while (l < mid) dst[o++] = src[l++];
      while (r < hi) dst[o++] = src[r++];
    }
    [src, dst] = [dst, src];
  }
  for (let i = 0; i < len; i++) a[i] = src[i];
}

class URLSearchParams {
  #list = [];
  #owner = null;

  static {
    getList = (p) => (#list in p ? p.#list : undefined);
    setOwner = (p, url) => { p.#owner = url; };
    resetFromQuery = (p, query) => { p.#list = query === undefined ? [] : parseParams(query); };
  }

  // init: a query string, a sequence of [name, value] pairs, or a record.
  constructor(init = undefined) {
    if (init == null) return;
    if (typeof init !== 'object' && typeof init !== 'function') {
      init = toUSVString(`${init}`);
      if (init) this.#list = parseParams(init);
      return;
    }
    const method = init[Symbol.iterator];
    if (method === this[Symbol.iterator] && #list in init) {
      this.#list = init.#list.slice();
    } else if (method != null) {
      if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
      // Each pair is converted as it is read (Node merges the two passes the
      // standard describes; the difference is only visible to odd iterators).
      for (const pair of init) {
        if (pair == null) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        if (Array.isArray(pair)) {
          if (pair.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this.#list.push(toUSVString(`${pair[0]}`), toUSVString(`${pair[1]}`));
          continue;
        }
        if ((typeof pair !== 'object' && typeof pair !== 'function') ||
            typeof pair[Symbol.iterator] !== 'function') {
          throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
        }
        let n = 0;
        for (const element of pair) {
          n++;
          this.#list.push(toUSVString(`${element}`));
        }
        if (n !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
      }
    } else {
      // A record: own enumerable keys (symbols included, which then throw on
      // conversion); two keys equal after USV conversion keep the later value.
      const seen = new Map();
      for (const key of Reflect.ownKeys(init)) {
        const desc = Reflect.getOwnPropertyDescriptor(init, key);
        if (desc === undefined || !desc.enumerable) continue;
        const name = toUSVString(key);
        const value = toUSVString(`${init[key]}`);
        const at = seen.get(name);
        if (at !== undefined) {
          this.#list[at] = value;
        } else {
          seen.set(name, this.#list.push(name, value) - 1);
        }
      }
    }
  }

  [inspect.custom](recurseTimes, ctx) {
    checkThis(this);
    if (typeof recurseTimes === 'number' && recurseTimes < 0) {
      return ctx.stylize('[Object]', 'special');
    }
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = this.#list;
    const output = [];
    let width = -2;
    for (let i = 0; i < list.length; i += 2) {
      const entry = `${inspect(list[i], innerOpts)} => ${inspect(list[i + 1], innerOpts)}`;
      output.push(entry);
      width += removeColors(entry).length + 2;
    }
    const name = this.constructor.name;
    if (width > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    if (output.length) return `${name} { ${output.join(', ')} }`;
    return `${name} {}`;
  }

  get size() {
    checkThis(this);
    return this.#list.length / 2;
  }

  append(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSVString(`${name}`), toUSVString(`${value}`));
    this.#changed();
  }

  delete(name, value = undefined) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(`${name}`);
    if (value !== undefined) value = toUSVString(`${value}`);
    const list = this.#list;
    for (let i = 0; i < list.length;) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) {
        list.splice(i, 2);
      } else {
        i += 2;
      }
    }
    this.#changed();
  }

  get(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(`${name}`);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(`${name}`);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(`${name}`);
    if (value !== undefined) value = toUSVString(`${value}`);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  // The first pair named `name` gets `value`, later ones are removed; none:
  // the pair is appended.
  set(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    name = toUSVString(`${name}`);
    value = toUSVString(`${value}`);
    const list = this.#list;
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#changed();
  }

  sort() {
    checkThis(this);
    sortPairs(this.#list);
    this.#changed();
  }

  entries() {
    checkThis(this);
    return createIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    checkThis(this);
    validateFunction(callback, 'callback');
    // Re-read the list each time: the callback may replace it (url.search = ...).
    for (let i = 0; i < this.#list.length; i += 2) {
      const list = this.#list;
      callback.call(thisArg, list[i + 1], list[i], this);
    }
  }

  keys() {
    checkThis(this);
    return createIterator(this, 'key');
  }

  values() {
    checkThis(this);
    return createIterator(this, 'value');
  }

  toString() {
    checkThis(this);
    return serializeParams(this.#list);
  }

  #changed() {
    if (this.#owner !== null && onModified !== null) onModified(this.#owner);
  }
}

// Web IDL: operations and attributes are enumerable; the default iterator is
// `entries` itself.
for (const key of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'size', 'sort',
  'entries', 'forEach', 'keys', 'values', 'toString']) {
  const desc = Object.getOwnPropertyDescriptor(URLSearchParams.prototype, key);
  desc.enumerable = true;
  Object.defineProperty(URLSearchParams.prototype, key, desc);
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'URLSearchParams', writable: false, enumerable: false, configurable: true,
});
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  __proto__: null, value: URLSearchParams.prototype.entries,
  writable: true, enumerable: false, configurable: true,
});

function createIterator(target, kind) {
  return require('internal/url/search_params_iterator').createIterator(target, kind, getList);
}

function removeColors(str) {
  // eslint-disable-next-line no-control-regex
  return str.replace(/\u001b\[\d\d?m/g, '');
}

module.exports = {
  URLSearchParams,
  getList,
  parseParams,
  resetFromQuery,
  serializeParams,
  setModifiedHook,
  setOwner,
};
