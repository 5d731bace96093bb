'use strict';

// fetch() of URLs answered without a network: data: (the Fetch standard's
// data: URL processor) and blob: (the object URL store); about: and file:
// fail as in Node. Each returns a Response or throws the network error.

const chunks = require('internal/streams/chunk');
const { fromNetwork } = require('internal/fetch/response');
const { extractBody } = require('internal/fetch/body');
const { fetchFailed } = require('internal/fetch/network');

const isASCIIWhitespace = (c) => c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;

function trimASCII(str) {
  let start = 0;
  let end = str.length;
  while (start < end && isASCIIWhitespace(str.charCodeAt(start))) start++;
  while (end > start && isASCIIWhitespace(str.charCodeAt(end - 1))) end--;
  return str.slice(start, end);
}

// Percent-decoding of an ASCII string (a URL) into bytes.
function percentDecode(str) {
  const out = new Uint8Array(str.length);
  let n = 0;
  const hex = (c) => /^[0-9a-fA-F]$/.test(c);
  for (let i = 0; i < str.length; i++) {
    if (str[i] === '%' && hex(str[i + 1] ?? '') && hex(str[i + 2] ?? '')) {
      out[n++] = parseInt(str.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = str.charCodeAt(i) & 0xff;
    }
  }
  return out.subarray(0, n);
}

// The HTML standard's forgiving-base64 decode: bytes, or null on failure.
function forgivingBase64(str) {
  str = str.replace(/[\t\n\f\r ]/g, '');
  if (str.length % 4 === 0) str = str.replace(/={1,2}$/, '');
  if (str.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(str)) return null;
  return new Uint8Array(chunks.fromString(str, 'base64'));
}

function dataURL(url) {
  const input = url.href.replace(/#.*$/s, '').slice(5);
  const comma = input.indexOf(',');
  if (comma === -1) throw fetchFailed(new Error('failed to fetch the data URL'));
  let mimeType = trimASCII(input.slice(0, comma));
  let body = percentDecode(input.slice(comma + 1));
  const base64 = /; *base64$/i.exec(mimeType);
  if (base64) {
    body = forgivingBase64(chunks.toString(chunks.fromView(body), 'latin1'));
    if (body === null) throw fetchFailed(new Error('failed to fetch the data URL'));
    mimeType = mimeType.slice(0, base64.index);
  }
  if (mimeType.startsWith(';')) mimeType = `text/plain${mimeType}`;
  let type;
  try {
    const { MIMEType } = require('internal/mime');
    type = `${new MIMEType(mimeType)}`;
  } catch {
    type = 'text/plain;charset=US-ASCII';
  }
  return fromNetwork(200, 'OK', ['content-type', type], extractBody(body), [url]);
}

function blobURL(url, method) {
  const blob = method === 'GET' ? require('internal/blob').resolveObjectURL(url.href) : undefined;
  if (blob === undefined) throw fetchFailed(new Error('invalid method'));
  return fromNetwork(200, 'OK', ['content-length', `${blob.size}`, 'content-type', blob.type],
                     extractBody(blob), [url]);
}

// The Response for a URL of these schemes, or null for http(s).
function schemeFetch(url, method) {
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return null;
    case 'data:':
      return dataURL(url);
    case 'blob:':
      return blobURL(url, method);
    case 'about:':
      throw fetchFailed(new Error('about scheme is not supported'));
    case 'file:':
      throw fetchFailed(new Error('not implemented... yet...'));
    default:
      throw fetchFailed(new Error('unknown scheme'));
  }
}

module.exports = { schemeFetch };
