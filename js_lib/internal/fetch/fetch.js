'use strict';

// fetch(): the Fetch standard's HTTP(S) fetch, on Kiln's own http and https
// clients (keep-alive agents of its own). Redirects are followed (at most
// 20), returned (manual) or refused (error); gzip, deflate and br bodies are
// decoded; the response body is a web ReadableStream; an AbortSignal
// cancels the request and errors the body with its reason. data: and blob:
// URLs are answered locally (internal/fetch/schemes). Failures are
// TypeError('fetch failed') with the reason as `cause`, as in Node.

const { Request, kInternal: kRequest } = require('internal/fetch/request');
const { fromNetwork, kNullBodyStatuses, kRedirectStatuses } = require('internal/fetch/response');
const { deleteRaw, headerList } = require('internal/fetch/headers');
const { kState: kBody } = require('internal/fetch/body');
const { decode, fetchFailed, reasonOf, webStreamFrom } = require('internal/fetch/network');
const { schemeFetch } = require('internal/fetch/schemes');
const chunks = require('internal/streams/chunk');

// The Fetch standard's "bad ports": never connected to.
const kBadPorts = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69,
  77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143,
  161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587,
  601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
// Headers describing a body, dropped when a redirect turns a request into
// a GET; and credentials, dropped when it leaves the origin.
const kBodyHeaders = ['content-encoding', 'content-language', 'content-location', 'content-type',
  'content-length'];
const kCrossOriginHeaders = ['authorization', 'proxy-authorization', 'cookie', 'host'];

let agents;
function agentFor(protocol) {
  if (agents === undefined) {
    agents = {
      'http:': new (require('http').Agent)({ keepAlive: true }),
      'https:': new (require('https').Agent)({ keepAlive: true }),
    };
  }
  return agents[protocol];
}

function abortReason(signal) {
  if (signal.reason !== undefined) return signal.reason;
  const { DOMException } = require('internal/domexception');
  return new DOMException('This operation was aborted', 'AbortError');
}

function requestHeaders(request, bodyLength) {
  const out = {};
  for (const [, value, original] of headerList(request.headers)) {
    if (out[original] !== undefined) out[original] += `, ${value}`;
    else out[original] = value;
  }
  const has = (n) => request.headers.has(n);
  if (!has('accept')) out.accept = '*/*';
  if (!has('accept-language')) out['accept-language'] = '*';
  if (!has('sec-fetch-mode')) out['sec-fetch-mode'] = 'cors';
  if (!has('user-agent')) out['user-agent'] = 'node';
  if (!has('accept-encoding')) out['accept-encoding'] = 'gzip, deflate';
  if (bodyLength !== undefined && !has('content-length')) out['content-length'] = `${bodyLength}`;
  return out;
}

// Where a redirect response sends the request next: the next URL, or a
// network error. Adjusts state (method, body) and the request's headers.
function redirectTarget(request, state, res, url) {
  const status = res.statusCode;
  if (request.redirect === 'error') return fetchFailed(new Error('unexpected redirect'));
  let next;
  try {
    next = new URL(res.headers.location, url);
  } catch (e) {
    return fetchFailed(e);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return fetchFailed(new Error('URL scheme must be a HTTP(S) scheme'));
  }
  if (state.urlList.length > 20) return fetchFailed(new Error('redirect count exceeded'));
  // A stream body cannot be sent twice.
  if (status !== 303 && state.body !== null && !(state.body instanceof Uint8Array)) {
    return fetchFailed(new Error(''));
  }
  if ((status === 303 && state.method !== 'GET' && state.method !== 'HEAD') ||
      ((status === 301 || status === 302) && state.method === 'POST')) {
    state.method = 'GET';
    state.body = null;
    for (const h of kBodyHeaders) deleteRaw(request.headers, h);
  }
  if (next.origin !== url.origin) {
    for (const h of kCrossOriginHeaders) deleteRaw(request.headers, h);
  }
  return next;
}

// One request/response exchange; follows redirects by calling itself.
function httpFetch(request, state, resolve, reject) {
  const url = state.urlList[state.urlList.length - 1];
  const port = url.port ? Number(url.port) : (url.protocol === 'https:' ? 443 : 80);
  if (kBadPorts.has(port)) {
    reject(fetchFailed(new Error('bad port')));
    return;
  }
  const signal = request.signal;
  const lib = require(url.protocol === 'https:' ? 'https' : 'http');
  const body = state.body;
  const bodyLength = body instanceof Uint8Array ? body.length : undefined;
  let settled = false;
  const req = lib.request({
    protocol: url.protocol, hostname: url.hostname.replace(/^\[|\]$/g, ''), port,
    path: `${url.pathname}${url.search}`, method: state.method,
    headers: requestHeaders(request, bodyLength), agent: agentFor(url.protocol),
  });
  const onAbort = () => {
    const reason = abortReason(signal);
    req.destroy(reason);
    if (!settled) {
      settled = true;
      reject(reason);
    }
  };
  if (signal.aborted) {
    onAbort();
    return;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  req.on('error', (err) => {
    signal.removeEventListener('abort', onAbort);
    if (!settled) {
      settled = true;
      reject(signal.aborted ? abortReason(signal) : fetchFailed(reasonOf(err, req.socket)));
    }
  });
  req.on('response', (res) => {
    const status = res.statusCode;
    if (kRedirectStatuses.includes(status) && res.headers.location !== undefined && request.redirect !== 'manual') {
      res.resume();
      signal.removeEventListener('abort', onAbort);
      settled = true;
      const next = redirectTarget(request, state, res, url);
      if (next instanceof Error) {
        reject(next);
        return;
      }
      state.urlList.push(next);
      httpFetch(request, state, resolve, reject);
      return;
    }
    let extracted = null;
    if (state.method === 'HEAD' || kNullBodyStatuses.includes(status)) {
      res.resume();
      signal.removeEventListener('abort', onAbort);
    } else {
      const { stream, fail } = webStreamFrom(decode(res), res.socket);
      extracted = { source: null, stream, length: null };
      signal.removeEventListener('abort', onAbort);
      const onBodyAbort = () => fail(abortReason(signal));
      signal.addEventListener('abort', onBodyAbort, { once: true });
      res.on('close', () => signal.removeEventListener('abort', onBodyAbort));
    }
    settled = true;
    resolve(fromNetwork(status, res.statusMessage, res.rawHeaders, extracted, state.urlList.slice()));
  });
  if (body === null) {
    req.end();
  } else if (body instanceof Uint8Array) {
    req.end(chunks.fromView(body));
  } else {
    pumpBody(body, req);
  }
}

// Streams a ReadableStream request body (chunked).
async function pumpBody(stream, req) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!req.write(chunks.fromView(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)))) {
        await new Promise((r) => req.once('drain', r));
      }
    }
    req.end();
  } catch (err) {
    req.destroy(err);
  }
}

// What goes on the wire: bytes (with a length), a stream, or null.
async function requestBody(request) {
  const state = request[kBody];
  if (state === null) return null;
  state.consumed = true;
  const { source } = state;
  if (source === null) return state.stream;
  if (source instanceof Uint8Array) return source;
  const parts = [];
  for (const part of source) parts.push(part instanceof Uint8Array ? part : new Uint8Array(await part.arrayBuffer()));
  return chunks.concat(parts, state.length);
}

async function fetch(input, init = undefined) {
  const request = new Request(input, init);
  if (request.signal.aborted) throw abortReason(request.signal);
  const url = request[kRequest].url;
  const local = schemeFetch(url, request.method);
  if (local !== null) return local;
  const state = {
    method: request.method, body: await requestBody(request), urlList: [url],
  };
  return new Promise((resolve, reject) => httpFetch(request, state, resolve, reject));
}

module.exports = { fetch };
