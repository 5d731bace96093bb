'use strict';

// querystring: Node's application/x-www-form-urlencoded-ish parser and
// serializer. Not the WHATWG algorithm (that is URLSearchParams): separators
// may be several chars long, '+' is a space, repeated keys collect into
// arrays, and malformed escapes are kept rather than rejected. Lookups go
// through the exports object (QueryString.escape/unescape/unescapeBuffer)
// because users replace them and Node honours that.

const { asciiTable, encodeStr, hexTable, isHexTable, kAlnum } =
  require('internal/querystring');

const QueryString = module.exports = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};

// hex digit value of a char code, -1 for anything else.
function unhex(c) {
  if (c >= 48 && c <= 57) return c - 48;
  c |= 0x20;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

// Decodes %XX escapes (and '+' with decodeSpaces) into bytes; a '%' not
// followed by two hex digits is kept as is. Chars are taken as bytes (only
// the low 8 bits of each code unit survive), as Node does.
function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  const out = Buffer.allocUnsafe(s.length);
  let n = 0;
  let hasHex = false;
  const lastEscape = s.length - 2;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c === 43 /* + */ && decodeSpaces) {
      out[n++] = 32;
      continue;
    }
    if (c === 37 /* % */ && i < lastEscape) {
      const hi = unhex(s.charCodeAt(i + 1));
      const lo = hi < 0 ? -1 : unhex(s.charCodeAt(i + 2));
      if (lo >= 0) {
        c = hi * 16 + lo;
        hasHex = true;
        i += 2;
      } else if (hi >= 0) {
        // '%' and one hex digit: keep both as they are.
        out[n++] = 37;
        c = s.charCodeAt(++i);
      } else {
        // '%' then a non-hex char: keep the '%'; that char is read next
        // (it may be '+' or another '%').
        out[n++] = 37;
        continue;
      }
    }
    out[n++] = c;
  }
  return hasHex ? out.slice(0, n) : out;
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return QueryString.unescapeBuffer(s, decodeSpaces).toString();
  }
}

// What escape() leaves alone: encodeURIComponent's unreserved set.
const noEscape = asciiTable(kAlnum + "!'()*-._~");

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeStr(str, noEscape, hexTable);
}

function stringifyPrimitive(v) {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isFinite(v) ? '' + v : '';
    case 'bigint': return '' + v;
    case 'boolean': return v ? 'true' : 'false';
    default: return '';
  }
}

// With the default encoder, numbers below 1e21 and bigints need no escaping.
function encodeStringified(v, encode) {
  if (typeof v === 'string') return v.length ? encode(v) : '';
  if (typeof v === 'number' && Number.isFinite(v)) {
    return Math.abs(v) < 1e21 ? '' + v : encode('' + v);
  }
  return stringifyPrimitive(v);
}

function encodeStringifiedCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  let encode = QueryString.escape;
  if (options && typeof options.encodeURIComponent === 'function') {
    encode = options.encodeURIComponent;
  }
  const convert = encode === qsEscape ? encodeStringified : encodeStringifiedCustom;
  if (obj === null || typeof obj !== 'object') return '';

  let fields = '';
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = convert(k, encode) + eq;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      for (let j = 0; j < v.length; j++) {
        if (fields) fields += sep;
        fields += ks + convert(v[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += ks + convert(v, encode);
    }
  }
  return fields;
}

function charCodes(str) {
  const codes = new Array(str.length);
  for (let i = 0; i < str.length; i++) codes[i] = str.charCodeAt(i);
  return codes;
}

// A decoder that throws falls back to unescape() with '+' as space.
function decodeStr(s, decoder) {
  try {
    return decoder(s);
  } catch {
    return QueryString.unescape(s, true);
  }
}

function addKeyVal(obj, key, value, keyEncoded, valEncoded, decode) {
  if (key.length > 0 && keyEncoded) key = decodeStr(key, decode);
  if (value.length > 0 && valEncoded) value = decodeStr(value, decode);
  const cur = obj[key];
  if (cur === undefined) {
    obj[key] = value;
  } else if (cur.pop) {
    cur[cur.length] = value;
  } else {
    obj[key] = [cur, value];
  }
}

// One pass over the string matching sep and eq char by char. Keys and values
// are only decoded when a valid %XX was seen (or a custom decoder is given).
// At most options.maxKeys pairs (default 1000; 0 or less: no limit) are kept.
function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;

  const sepCodes = sep ? charCodes(String(sep)) : [38];
  const eqCodes = eq ? charCodes(String(eq)) : [61];
  const sepLen = sepCodes.length;
  const eqLen = eqCodes.length;

  let pairsLeft = 1000;
  if (options && typeof options.maxKeys === 'number') {
    pairsLeft = options.maxKeys > 0 ? options.maxKeys : -1;
  }
  let decode = QueryString.unescape;
  if (options && typeof options.decodeURIComponent === 'function') {
    decode = options.decodeURIComponent;
  }
  const customDecode = decode !== qsUnescape;
  const plus = customDecode ? '%20' : ' ';

  let key = '';
  let value = '';
  let keyEncoded = customDecode;
  let valEncoded = customDecode;
  let lastPos = 0;
  let sepIdx = 0;  // chars of sep matched so far
  let eqIdx = 0;   // chars of eq matched so far (eqLen once the key ended)
  let hexSeen = 0; // 1 after '%', 2 after one hex digit

  for (let i = 0; i < qs.length; i++) {
    const code = qs.charCodeAt(i);
    if (code === sepCodes[sepIdx]) {
      if (++sepIdx !== sepLen) continue;
      const end = i - sepIdx + 1;
      if (eqIdx < eqLen) {
        if (lastPos < end) {
          key += qs.slice(lastPos, end);
        } else if (key.length === 0) {
          // An empty pair ("&&"): counts against maxKeys, adds nothing.
          if (--pairsLeft === 0) return obj;
          lastPos = i + 1;
          sepIdx = eqIdx = 0;
          continue;
        }
      } else if (lastPos < end) {
        value += qs.slice(lastPos, end);
      }
      addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
      if (--pairsLeft === 0) return obj;
      keyEncoded = valEncoded = customDecode;
      key = value = '';
      hexSeen = 0;
      lastPos = i + 1;
      sepIdx = eqIdx = 0;
      continue;
    }
    sepIdx = 0;
    if (eqIdx < eqLen) {
      // Still in the key.
      if (code === eqCodes[eqIdx]) {
        if (++eqIdx === eqLen) {
          const end = i - eqIdx + 1;
          if (lastPos < end) key += qs.slice(lastPos, end);
          hexSeen = 0;
          lastPos = i + 1;
        }
        continue;
      }
      eqIdx = 0;
      if (!keyEncoded) {
        if (code === 37 /* % */) {
          hexSeen = 1;
          continue;
        }
        if (hexSeen > 0) {
          if (isHexTable[code] === 1) {
            if (++hexSeen === 3) keyEncoded = true;
            continue;
          }
          hexSeen = 0;
        }
      }
      if (code === 43 /* + */) {
        if (lastPos < i) key += qs.slice(lastPos, i);
        key += plus;
        lastPos = i + 1;
        continue;
      }
    }
    if (code === 43 /* + */) {
      if (lastPos < i) value += qs.slice(lastPos, i);
      value += plus;
      lastPos = i + 1;
    } else if (!valEncoded) {
      if (code === 37 /* % */) {
        hexSeen = 1;
      } else if (hexSeen > 0) {
        if (isHexTable[code] === 1) {
          if (++hexSeen === 3) valEncoded = true;
        } else {
          hexSeen = 0;
        }
      }
    }
  }

  // The text after the last separator.
  if (lastPos < qs.length) {
    if (eqIdx < eqLen) key += qs.slice(lastPos);
    else if (sepIdx < sepLen) value += qs.slice(lastPos);
  } else if (eqIdx === 0 && key.length === 0) {
    return obj;
  }
  addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
  return obj;
}
