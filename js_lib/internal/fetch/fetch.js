'use strict';

// fetch(): the Fetch standard's HTTP(S) fetch, on Kiln's own http and https
// clients (keep-alive agents of its own). Redirects are followed (at most
// 20), returned (manual) or refused (error); gzip, deflate and br bodies are
// decoded; the response body is a web ReadableStream; an AbortSignal
// cancels the request and errors the body. data: URLs are answered locally.
// Failures are TypeError('fetch failed') with the reason as `cause`.

const { Request, kInternal: kRequest } = require('internal/fetch/request');
const { fromNetwork, kNullBodyStatuses, kRedirectStatuses } = require('internal/fetch/response');
const { Response } = require('internal/fetch/response');
const { headerList } = require('internal/fetch/headers');
const { getStream } = require('internal/fetch/body');
const chunks = require('internal/streams/chunk');

// The Fetch standard's "bad ports": never connected to.
const kBadPorts = new Set([1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69,
  77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143,
  161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587,
  601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566,
  6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

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

function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

function abortReason(signal) {
  if (signal.reason !== undefined) return signal.reason;
  const { DOMException } = require('internal/domexception');
  return new DOMException('This operation was aborted', 'AbortError');
}

// A byte ReadableStream over a Node Readable, copying each chunk (http
// chunks may share pooled memory).
function webStreamFrom(readable) {
  const { ReadableStream } = require('internal/webstreams/readablestream');
  return new ReadableStream({
    type: 'bytes',
    start(controller) {
      readable.on('data', (chunk) => {
        controller.enqueue(new Uint8Array(chunk));
        if (controller.desiredSize <= 0) readable.pause();
      });
      readable.on('end', () => {
        controller.close();
        if (controller.byobRequest) controller.byobRequest.respond(0);
      });
      readable.on('error', (err) => controller.error(err));
      readable.pause();
    },
    pull() {
      readable.resume();
    },
    cancel() {
      readable.destroy();
    },
  }, { highWaterMark: 65536 });
}

// The body, decoded as its Content-Encoding says (codings applied in order
// are undone last first).
function decode(res) {
  const coding = res.headers['content-encoding'];
  if (!coding) return res;
  const zlib = require('zlib');
  let stream = res;
  const codings = coding.toLowerCase().split(',').map((c) => c.trim()).reverse();
  for (const c of codings) {
    let d;
    if (c === 'gzip' || c === 'x-gzip') {
      d = zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } else if (c === 'deflate') {
      d = zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    } else if (c === 'br') {
      d = zlib.createBrotliDecompress();
    } else {
      return stream;  // unknown coding: the bytes as they came
    }
    const from = stream;
    from.on('error', (err) => d.destroy(err));
    from.pipe(d);
    stream = d;
  }
  return stream;
}

function dataURL(url) {
  const href = url.href;
  const comma = href.indexOf(',');
  if (comma === -1) throw fetchFailed(new Error('invalid data: URL'));
  let meta = href.slice(5, comma).trim();
  const body = decodeURIComponent(href.slice(comma + 1));
  const base64 = /;\s*base64$/i.test(meta);
  if (base64) meta = meta.replace(/;\s*base64$/i, '');
  const bytes = base64 ? chunks.fromString(body.replace(/\s/g, ''), 'base64') :
    chunks.fromString(body, 'latin1');
  const type = meta === '' ? 'text/plain;charset=US-ASCII' : (meta.startsWith(';') ? `text/plain${meta}` : meta);
  const r = new Response(bytes, { status: 200, statusText: 'OK', headers: { 'content-type': type } });
  return r;
}

function requestHeaders(request, bodyLength) {
  const out = {};
  for (const [name, value, original] of headerList(request.headers)) {
    void name;
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

// One request/response exchange; follows redirects by calling itself.
function httpFetch(request, state, resolve, reject) {
  const url = state.urlList[state.urlList.length - 1];
  if (url.protocol === 'data:') {
    try {
      resolve(dataURL(url));
    } catch (e) {
      reject(e);
    }
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    reject(fetchFailed(new Error('unknown scheme')));
    return;
  }
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
      reject(signal.aborted ? abortReason(signal) : fetchFailed(err));
    }
  });
  req.on('response', (res) => {
    const status = res.statusCode;
    const location = res.headers.location;
    if (kRedirectStatuses.includes(status) && location !== undefined && request.redirect !== 'manual') {
      res.resume();
      signal.removeEventListener('abort', onAbort);
      settled = true;
      if (request.redirect === 'error') {
        reject(fetchFailed(new Error('unexpected redirect')));
        return;
      }
      if (state.urlList.length > 20) {
        reject(fetchFailed(new Error('redirect count exceeded')));
        return;
      }
      let next;
      try {
        next = new URL(location, url);
      } catch (e) {
        reject(fetchFailed(e));
        return;
      }
      // 303 (not for HEAD), and 301/302 after a POST, continue as GET.
      if ((status === 303 && state.method !== 'GET' && state.method !== 'HEAD') ||
          ((status === 301 || status === 302) && state.method === 'POST')) {
        state.method = 'GET';
        state.body = null;
        for (const h of ['content-encoding', 'content-language', 'content-location',
          'content-type', 'content-length']) {
          request.headers.delete(h);
        }
      }
      if (next.origin !== url.origin) {
        for (const h of ['authorization', 'proxy-authorization', 'cookie', 'host']) {
          request.headers.delete(h);
        }
      }
      state.urlList.push(next);
      httpFetch(request, state, resolve, reject);
      return;
    }
    const nullBody = state.method === 'HEAD' || kNullBodyStatuses.includes(status);
    let stream = null;
    if (nullBody) {
      res.resume();
    } else {
      const decoded = decode(res);
      stream = webStreamFrom(decoded);
      signal.addEventListener('abort', () => decoded.destroy(abortReason(signal)), { once: true });
      res.on('end', () => signal.removeEventListener('abort', onAbort));
    }
    settled = true;
    resolve(fromNetwork(status, res.statusMessage, res.rawHeaders, stream, state.urlList.slice()));
  });
  if (body === null || body === undefined) {
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

async function requestBody(request) {
  const stream = getStream(request);
  if (stream === null) return null;
  const { extracted } = request[require('internal/fetch/body').kState];
  if (extracted.source instanceof Uint8Array) return extracted.source;
  if (!extracted.stream) {
    // A Blob or form data: collect it (bounded by what the caller gave).
    return new Uint8Array(await request.arrayBuffer());
  }
  return stream;
}

async function fetch(input, init = undefined) {
  let request;
  try {
    request = new Request(input, init);
  } catch (e) {
    throw e;
  }
  if (request.signal.aborted) throw abortReason(request.signal);
  const body = await requestBody(request);
  const state = {
    method: request.method, body, urlList: [request[kRequest].url],
  };
  return new Promise((resolve, reject) => httpFetch(request, state, resolve, reject));
}

module.exports = { fetch };
