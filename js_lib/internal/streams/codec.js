'use strict';

// Byte <-> string conversion for Node's encodings, in plain JS. Used by
// string_decoder and the streams while the runtime has no Buffer of its own;
// callers prefer globalThis.Buffer when it exists (see chunk.js).

const kReplacement = 0xFFFD;

// Node's canonical names ('utf8', 'utf16le', 'latin1', 'base64', 'base64url',
// 'hex', 'ascii'), or undefined for an unknown encoding.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': case '': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default: return undefined;
  }
}

// Strings are built from code-unit arrays in slices, so that
// String.fromCharCode.apply never gets more arguments than the engine allows.
function unitsToString(units) {
  const kSlice = 0x2000;
  if (units.length <= kSlice) return String.fromCharCode.apply(null, units);
  let out = '';
  for (let i = 0; i < units.length; i += kSlice)
    out += String.fromCharCode.apply(null, units.slice(i, i + kSlice));
  return out;
}

// WHATWG UTF-8 decoding: each maximal invalid subpart becomes one U+FFFD,
// which is also what V8 (and so Node's Buffer#toString) produces.
function decodeUtf8(bytes, start, end) {
  const units = [];
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) { units.push(b); i++; continue; }
    let need = 0;
    let cp = 0;
    let lo = 0x80;
    let hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; }
    else if (b >= 0xE0 && b <= 0xEF) {
      need = 2; cp = b & 0x0F;
      if (b === 0xE0) lo = 0xA0;
      else if (b === 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3; cp = b & 0x07;
      if (b === 0xF0) lo = 0x90;
      else if (b === 0xF4) hi = 0x8F;
    } else { units.push(kReplacement); i++; continue; }
    let j = i + 1;
    let got = 0;
    while (got < need && j < end && bytes[j] >= lo && bytes[j] <= hi) {
      cp = (cp << 6) | (bytes[j] & 0x3F);
      lo = 0x80; hi = 0xBF;
      j++; got++;
    }
    i = j;
    if (got < need) { units.push(kReplacement); continue; }
    if (cp > 0xFFFF) {
      cp -= 0x10000;
      units.push(0xD800 | (cp >> 10), 0xDC00 | (cp & 0x3FF));
    } else {
      units.push(cp);
    }
  }
  return unitsToString(units);
}

function encodeUtf8(str) {
  const out = [];
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDFFF) {
      const next = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
        i++;
      } else {
        c = kReplacement;  // lone surrogate
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xC0 | (c >> 6), 0x80 | (c & 0x3F));
    else if (c < 0x10000) {
      out.push(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
    } else {
      out.push(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F),
               0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F));
    }
  }
  return new Uint8Array(out);
}

const kB64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const kB64Url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let b64Values = null;  // char code -> 6-bit value; both alphabets, built lazily

function encodeBase64(bytes, start, end, url) {
  const abc = url ? kB64Url : kB64;
  let out = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += abc[n >> 18] + abc[(n >> 12) & 63] + abc[(n >> 6) & 63] + abc[n & 63];
  }
  const rest = end - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += abc[n >> 18] + abc[(n >> 12) & 63] + (url ? '' : '==');
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += abc[n >> 18] + abc[(n >> 12) & 63] + abc[(n >> 6) & 63] + (url ? '' : '=');
  }
  return out;
}

// Lenient like Node: skips characters outside both alphabets, stops at '='.
// In a string with characters above U+00FF Node looks only at the low byte of
// each (so U+D83D reads as '=').
function decodeBase64(str) {
  let wide = false;
  for (let i = 0; i < str.length; i++) {
    if (str.charCodeAt(i) > 0xFF) { wide = true; break; }
  }
  if (b64Values === null) {
    b64Values = new Int8Array(128).fill(-1);
    for (let i = 0; i < 64; i++) {
      b64Values[kB64.charCodeAt(i)] = i;
      b64Values[kB64Url.charCodeAt(i)] = i;
    }
  }
  const out = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < str.length; i++) {
    const c = wide ? str.charCodeAt(i) & 0xFF : str.charCodeAt(i);
    if (c === 0x3D) break;
    const v = c < 128 ? b64Values[c] : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xFF);
    }
  }
  return new Uint8Array(out);
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

// Stops at the first pair that is not hex, as Buffer.from(str, 'hex') does.
function decodeHex(str) {
  const out = [];
  for (let i = 0; i + 1 < str.length; i += 2) {
    const hi = hexValue(str.charCodeAt(i));
    const lo = hexValue(str.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    out.push(hi * 16 + lo);
  }
  return new Uint8Array(out);
}

// `enc` must be a name normalizeEncoding accepted.
function encode(str, enc) {
  switch (normalizeEncoding(enc)) {
    case 'utf8': return encodeUtf8(str);
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        out[2 * i] = c & 0xFF;
        out[2 * i + 1] = c >> 8;
      }
      return out;
    }
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 0xFF;
      return out;
    }
    case 'base64': case 'base64url': return decodeBase64(str);
    case 'hex': return decodeHex(str);
    default: return encodeUtf8(str);
  }
}

function decode(bytes, start, end, enc) {
  switch (normalizeEncoding(enc)) {
    case 'utf16le': {
      const units = [];
      for (let i = start; i + 1 < end; i += 2) units.push(bytes[i] | (bytes[i + 1] << 8));
      return unitsToString(units);
    }
    case 'latin1': case 'ascii': {
      const mask = normalizeEncoding(enc) === 'ascii' ? 0x7F : 0xFF;
      const units = [];
      for (let i = start; i < end; i++) units.push(bytes[i] & mask);
      return unitsToString(units);
    }
    case 'base64': return encodeBase64(bytes, start, end, false);
    case 'base64url': return encodeBase64(bytes, start, end, true);
    case 'hex': {
      let out = '';
      for (let i = start; i < end; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      return out;
    }
    default: return decodeUtf8(bytes, start, end);
  }
}

module.exports = { normalizeEncoding, encode, decode };
