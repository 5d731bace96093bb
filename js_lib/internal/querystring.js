'use strict';

// Percent-encoding shared by querystring, the legacy url.parse/format and
// URLSearchParams: '%XX' for every byte, which bytes are hex digits, and the
// UTF-8 percent-encoder driven by a per-module table of bytes left as they are.

const { codes: { ERR_INVALID_URI } } = require('internal/errors');

// hexTable[b] is '%XX' (upper case), as encodeURIComponent writes bytes.
const hexTable = new Array(256);
for (let i = 0; i < 256; ++i) {
  hexTable[i] = '%' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase();
}

// isHexTable[c] is 1 for the char codes of 0-9, A-F, a-f (256 entries, so a
// lookup with any Latin-1 code is defined).
const isHexTable = new Int8Array(256);
for (const c of '0123456789ABCDEFabcdef') isHexTable[c.charCodeAt(0)] = 1;

// An Int8Array(128) with 1 for each ASCII char in `chars`: the bytes an
// encoder leaves unescaped.
function asciiTable(chars) {
  const table = new Int8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const kAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Percent-encodes `str` as UTF-8, except ASCII chars marked 1 in noEscapeTable.
// A surrogate pair becomes its 4 UTF-8 bytes; a high surrogate at the very end
// throws URIError ERR_INVALID_URI; any other lone surrogate is paired with
// whatever unit follows it (as Node does, callers pass well-formed strings).
function encodeStr(str, noEscapeTable, table) {
  const len = str.length;
  if (len === 0) return '';
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscapeTable[c] === 1) continue;
      if (lastPos < i) out += str.slice(lastPos, i);
      lastPos = i + 1;
      out += table[c];
      continue;
    }
    if (lastPos < i) out += str.slice(lastPos, i);
    if (c < 0x800) {
      out += table[0xC0 | (c >> 6)] + table[0x80 | (c & 0x3F)];
    } else if (c < 0xD800 || c >= 0xE000) {
      out += table[0xE0 | (c >> 12)] + table[0x80 | ((c >> 6) & 0x3F)] +
        table[0x80 | (c & 0x3F)];
    } else {
      if (++i >= len) throw new ERR_INVALID_URI();
      c = 0x10000 + (((c & 0x3FF) << 10) | (str.charCodeAt(i) & 0x3FF));
      out += table[0xF0 | (c >> 18)] + table[0x80 | ((c >> 12) & 0x3F)] +
        table[0x80 | ((c >> 6) & 0x3F)] + table[0x80 | (c & 0x3F)];
    }
    lastPos = i + 1;
  }
  if (lastPos === 0) return str;
  if (lastPos < len) return out + str.slice(lastPos);
  return out;
}

module.exports = { asciiTable, encodeStr, hexTable, isHexTable, kAlnum };
