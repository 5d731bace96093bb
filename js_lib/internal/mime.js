'use strict';

// util.MIMEType and util.MIMEParams: the WHATWG mimesniff "parse a MIME
// type" algorithm and its serializer. Parameters are parsed lazily, on
// first use, since a header may carry a long parameter list.

const { ERR_INVALID_MIME_SYNTAX } = require('internal/errors').codes;

const NOT_TOKEN_CHAR = /[^!#$%&'*+\-.^_`|~A-Za-z0-9]/;
const NOT_QUOTED_STRING_CHAR = /[^\t\u0020-~\u0080-\u00FF]/;
const HTTP_WHITESPACE = '\r\n\t ';

const isWhitespace = (c) => HTTP_WHITESPACE.includes(c);

function skipLeadingWhitespace(str, from = 0) {
  let i = from;
  while (i < str.length && isWhitespace(str[i])) i++;
  return i;
}

// Index just past the last non-whitespace character.
function trailingWhitespaceStart(str) {
  let end = str.length;
  while (end > 0 && isWhitespace(str[end - 1])) end--;
  return end;
}

const trimEnd = (str) => str.slice(0, trailingWhitespaceStart(str));

// Only A-Z are lowered; other case mappings are not part of the grammar.
const asciiLower = (str) => str.replace(/[A-Z]+/g, (s) => s.toLowerCase());

// Index of the first character outside `pattern`'s complement, or -1.
const firstInvalid = (str, pattern) => str.search(pattern);

function checkToken(production, value) {
  const invalid = firstInvalid(value, NOT_TOKEN_CHAR);
  if (value.length === 0 || invalid !== -1) {
    throw new ERR_INVALID_MIME_SYNTAX(production, value, invalid);
  }
}

// "type/subtype" at the start of `str`; returns them and where the
// parameters begin.
function parseEssence(str) {
  const start = skipLeadingWhitespace(str);
  const slash = str.indexOf('/', start);
  const type = slash === -1 ? str.slice(start) : str.slice(start, slash);
  const invalidType = firstInvalid(type, NOT_TOKEN_CHAR);
  if (type === '' || invalidType !== -1 || slash === -1) {
    throw new ERR_INVALID_MIME_SYNTAX('type', str, invalidType);
  }
  const semicolon = str.indexOf(';', slash + 1);
  const rawSubtype = semicolon === -1 ? str.slice(slash + 1) : str.slice(slash + 1, semicolon);
  const subtype = trimEnd(rawSubtype);
  const invalidSubtype = firstInvalid(subtype, NOT_TOKEN_CHAR);
  if (subtype === '' || invalidSubtype !== -1) {
    throw new ERR_INVALID_MIME_SYNTAX('subtype', str, invalidSubtype);
  }
  const paramsStart = semicolon === -1 ? str.length : semicolon + 1;
  return { type: asciiLower(type), subtype: asciiLower(subtype), paramsStart };
}

// A quoted-string value starting just after its opening quote. Returns the
// unescaped value and the index after the closing quote (or the end).
function readQuoted(str, from, end) {
  let value = '';
  let i = from;
  while (i < end) {
    const c = str[i];
    if (c === '"') return { value, next: i + 1 };
    if (c === '\\') {
      // A trailing backslash stands for itself.
      if (i + 1 >= end) return { value: value + '\\', next: end };
      value += str[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, next: i };
}

// Fills `map` from the text after "type/subtype;". First occurrence of a
// name wins; malformed parameters are skipped, never an error.
function parseParameters(str, map) {
  const end = trailingWhitespaceStart(str);
  let pos = 0;
  while (pos < end) {
    pos = skipLeadingWhitespace(str, pos);
    let nameEnd = pos;
    while (nameEnd < str.length && str[nameEnd] !== ';' && str[nameEnd] !== '=') nameEnd++;
    const name = asciiLower(str.slice(pos, nameEnd));
    pos = nameEnd;
    if (pos < end) {
      const sep = str[pos];
      pos++;
      if (sep === ';') continue;
    }
    if (pos >= end) break;
    let value;
    if (str[pos] === '"') {
      const quoted = readQuoted(str, pos + 1, str.length);
      value = quoted.value;
      // As Node: the character after the closing quote is skipped below
      // (normally the ';'), and any text after it reads as a new parameter.
      pos = quoted.next;
    } else {
      const semicolon = str.indexOf(';', pos);
      const raw = semicolon === -1 ? str.slice(pos) : str.slice(pos, semicolon);
      pos += raw.length;
      value = trimEnd(raw);
      if (value === '') continue;
    }
    if (name !== '' && firstInvalid(name, NOT_TOKEN_CHAR) === -1 &&
        firstInvalid(value, NOT_QUOTED_STRING_CHAR) === -1 && !map.has(name)) {
      map.set(name, value);
    }
    pos++;
  }
}

// Token values are written bare, anything else as a quoted-string.
function serializeValue(value) {
  if (value.length === 0) return '""';
  if (firstInvalid(value, NOT_TOKEN_CHAR) === -1) return value;
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

let createParams;

class MIMEParams {
  #map = new Map();
  #pending = null;

  static {
    createParams = (source) => {
      const params = new MIMEParams();
      params.#pending = source;
      return params;
    };
  }

  #data() {
    if (this.#pending !== null) {
      const source = this.#pending;
      this.#pending = null;
      parseParameters(source, this.#map);
    }
    return this.#map;
  }

  delete(name) {
    this.#data().delete(name);
  }

  get(name) {
    const map = this.#data();
    return map.has(name) ? map.get(name) : null;
  }

  has(name) {
    return this.#data().has(name);
  }

  set(name, value) {
    const map = this.#data();
    name = `${name}`;
    value = `${value}`;
    checkToken('parameter name', name);
    const invalid = firstInvalid(value, NOT_QUOTED_STRING_CHAR);
    if (invalid !== -1) throw new ERR_INVALID_MIME_SYNTAX('parameter value', value, invalid);
    map.set(name, value);
  }

  * entries() {
    yield* this.#data().entries();
  }

  * keys() {
    yield* this.#data().keys();
  }

  * values() {
    yield* this.#data().values();
  }

  toString() {
    const parts = [];
    for (const [name, value] of this.#data()) parts.push(`${name}=${serializeValue(value)}`);
    return parts.join(';');
  }
}

Object.defineProperty(MIMEParams.prototype, 'toJSON', {
  __proto__: null, value: MIMEParams.prototype.toString,
  writable: true, enumerable: false, configurable: true,
});
Object.defineProperty(MIMEParams.prototype, Symbol.iterator, {
  __proto__: null, value: MIMEParams.prototype.entries,
  writable: true, enumerable: false, configurable: true,
});

class MIMEType {
  #type;
  #subtype;
  #params;

  constructor(string) {
    string = `${string}`;
    const { type, subtype, paramsStart } = parseEssence(string);
    this.#type = type;
    this.#subtype = subtype;
    this.#params = createParams(string.slice(paramsStart));
  }

  get type() {
    return this.#type;
  }

  set type(value) {
    value = `${value}`;
    checkToken('type', value);
    this.#type = asciiLower(value);
  }

  get subtype() {
    return this.#subtype;
  }

  set subtype(value) {
    value = `${value}`;
    checkToken('subtype', value);
    this.#subtype = asciiLower(value);
  }

  get essence() {
    return `${this.#type}/${this.#subtype}`;
  }

  get params() {
    return this.#params;
  }

  toString() {
    const params = this.#params.toString();
    return `${this.#type}/${this.#subtype}${params.length ? `;${params}` : ''}`;
  }
}

Object.defineProperty(MIMEType.prototype, 'toJSON', {
  __proto__: null, value: MIMEType.prototype.toString,
  writable: true, enumerable: false, configurable: true,
});

module.exports = { MIMEParams, MIMEType };
