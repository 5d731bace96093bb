'use strict';

// multipart/form-data: FormData to body parts (for a request or response
// body), and a body back to FormData, after the WHATWG multipart/form-data
// parser as Node's fetch applies it: leading and trailing CRLFs are
// allowed, anything else out of shape is TypeError('Failed to parse body
// as FormData.'). application/x-www-form-urlencoded bodies parse here too.

const chunks = require('internal/streams/chunk');
const { checkIsHttpToken } = require('internal/http/common');

const encoder = new TextEncoder();
let boundaryCount = 0;

// [bytes or Blob, ...] and the boundary for `form`'s entries.
function encodeFormData(form) {
  boundaryCount++;
  const boundary = `----formdata-kiln-${String(boundaryCount).padStart(11, '0')}`;
  const escape = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const norm = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
  const parts = [];
  for (const [name, value] of form) {
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(norm(name))}"`;
    if (typeof value === 'string') {
      parts.push(encoder.encode(`${head}\r\n\r\n${norm(value)}\r\n`));
    } else {
      parts.push(encoder.encode(`${head}; filename="${escape(value.name)}"\r\nContent-Type: ` +
                                `${value.type || 'application/octet-stream'}\r\n\r\n`), value, encoder.encode('\r\n'));
    }
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return { parts, boundary };
}

function parseFailed() {
  return new TypeError('Failed to parse body as FormData.');
}

const utf8 = (bytes) => new TextDecoder().decode(bytes);

function startsWith(bytes, at, ascii) {
  if (at + ascii.length > bytes.length) return false;
  for (let i = 0; i < ascii.length; i++) {
    if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  }
  return true;
}

function isCRLF(bytes, at) {
  return bytes[at] === 0x0d && bytes[at + 1] === 0x0a;
}

// Index of the first byte at or after `from` for which `stop` holds.
function scan(bytes, from, stop) {
  while (from < bytes.length && !stop(bytes[from])) from++;
  return from;
}

const isLineEnd = (c) => c === 0x0a || c === 0x0d;
const isBlank = (c) => c === 0x20 || c === 0x09;

// A quoted name from `at` (just past the opening quote): [name, next].
function parseName(bytes, at) {
  const end = scan(bytes, at, (c) => isLineEnd(c) || c === 0x22);
  if (bytes[end] !== 0x22) throw parseFailed();
  const name = utf8(bytes.subarray(at, end)).replace(/%0A/ig, '\n').replace(/%0D/ig, '\r').replace(/%22/g, '"');
  return [name, end + 1];
}

// The headers of one part, from `at`: { name, filename, type, encoding, at }
// with `at` on the CRLF that ends them.
function parseHeaders(bytes, at) {
  const out = { name: null, filename: null, type: null, encoding: null };
  for (;;) {
    if (isCRLF(bytes, at)) {
      if (out.name === null) throw parseFailed();
      out.at = at;
      return out;
    }
    const nameEnd = scan(bytes, at, (c) => isLineEnd(c) || c === 0x3a);
    const headerName = chunks.toString(chunks.fromView(bytes.subarray(at, nameEnd)), 'latin1')
      .replace(/^[ \t]+|[ \t]+$/g, '');
    if (!checkIsHttpToken(headerName) || bytes[nameEnd] !== 0x3a) throw parseFailed();
    at = scan(bytes, nameEnd + 1, (c) => !isBlank(c));
    switch (headerName.toLowerCase()) {
      case 'content-disposition':
        out.name = out.filename = null;
        if (!startsWith(bytes, at, 'form-data; name="')) throw parseFailed();
        [out.name, at] = parseName(bytes, at + 17);
        if (startsWith(bytes, at, '; filename="')) [out.filename, at] = parseName(bytes, at + 12);
        break;
      case 'content-type':
      case 'content-transfer-encoding': {
        const end = scan(bytes, at, isLineEnd);
        const value = chunks.toString(chunks.fromView(bytes.subarray(at, end)), 'latin1').replace(/[ \t]+$/, '');
        if (headerName.length === 12) out.type = value;
        else out.encoding = value;
        at = end;
        break;
      }
      default:
        at = scan(bytes, at, isLineEnd);
    }
    if (!isCRLF(bytes, at)) throw parseFailed();
    at += 2;
  }
}

function indexOfBytes(bytes, needle, from) {
  return chunks.fromView(bytes).indexOf(chunks.fromView(needle), from);
}

// The entries of a multipart/form-data body with this boundary, appended
// to `form` by `append(form, name, value)`.
function parseMultipart(bytes, boundary, form, append) {
  if (boundary === null) throw parseFailed();
  const delimiter = encoder.encode(`--${boundary}`);
  const { File } = require('internal/file');
  let at = 0;
  let end = bytes.length;
  while (isCRLF(bytes, at)) at += 2;
  while (end >= 2 && bytes[end - 2] === 0x0d && bytes[end - 1] === 0x0a) end -= 2;
  bytes = bytes.subarray(0, end);
  const entries = [];
  for (;;) {
    if (indexOfBytes(bytes, delimiter, at) !== at) throw parseFailed();
    at += delimiter.length;
    if (at === bytes.length - 2 && bytes[at] === 0x2d && bytes[at + 1] === 0x2d) break;
    if (!isCRLF(bytes, at)) throw parseFailed();
    const head = parseHeaders(bytes, at + 2);
    at = head.at + 2;
    const next = indexOfBytes(bytes, encoder.encode(`\r\n--${boundary}`), at);
    if (next === -1) throw parseFailed();
    let body = bytes.subarray(at, next);
    at = next + 2;
    if (head.encoding === 'base64') {
      body = chunks.fromString(chunks.toString(chunks.fromView(body), 'latin1'), 'base64');
    }
    if (head.filename !== null) {
      let type = head.type ?? 'text/plain';
      if (/[^\x00-\x7f]/.test(type)) type = '';
      entries.push([head.name, new File([body], head.filename, { type })]);
    } else {
      entries.push([head.name, utf8(body)]);
    }
  }
  for (const [name, value] of entries) append(form, name, value);
}

function parseURLEncoded(bytes, form, append) {
  for (const [name, value] of new URLSearchParams(utf8(bytes))) append(form, name, value);
}

module.exports = { encodeFormData, parseMultipart, parseURLEncoded };
