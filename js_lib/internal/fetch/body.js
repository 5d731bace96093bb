'use strict';

// The body of a Request or Response (the Fetch standard's "body mixin"):
// what a body init (string, bytes, Blob, URLSearchParams, FormData,
// ReadableStream, async iterable) becomes, the `body` stream made from it
// on demand, and the readers text(), json(), arrayBuffer(), bytes(),
// blob() and formData(), each of which uses the body up. A body of bytes
// is read without making a stream unless `body` is asked for.

const { isDisturbed } = require('internal/streams/utils');
const { illegalInvocation } = require('internal/fetch/webidl');
const { encodeFormData, parseMultipart, parseURLEncoded } = require('internal/fetch/multipart');

const kState = Symbol('body state');
const encoder = new TextEncoder();

function webstreams() {
  return require('internal/webstreams/readablestream');
}

function isBlobLike(v) {
  if (v === null || typeof v !== 'object') return false;
  return v instanceof require('internal/blob').Blob ||
    (typeof v.stream === 'function' && typeof v.arrayBuffer === 'function' &&
     /^(Blob|File)$/.test(v[Symbol.toStringTag]));
}

function copyBytes(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function toChunk(value) {
  if (typeof value === 'string') return encoder.encode(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

// A ReadableStream over an async iterable (a Node Readable, a generator).
function streamFromIterable(iterable) {
  const { ReadableStream } = webstreams();
  let iterator;
  return new ReadableStream({
    type: 'bytes',
    async pull(controller) {
      iterator ??= iterable[Symbol.asyncIterator]();
      for (;;) {
        const { done, value } = await iterator.next();
        if (done) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        const chunk = toChunk(value);
        if (chunk.byteLength) {
          controller.enqueue(new Uint8Array(chunk));
          return;
        }
      }
    },
    async cancel(reason) {
      await iterator?.return?.(reason);
    },
  });
}

// { source: Uint8Array | [Uint8Array | Blob, ...] | null, stream, type,
//   length }: a stream body has a null source (it cannot be sent again).
function extractBody(object, keepalive = false) {
  if (typeof object === 'string') {
    const bytes = encoder.encode(object);
    return { source: bytes, stream: null, type: 'text/plain;charset=UTF-8', length: bytes.length };
  }
  if (object instanceof URLSearchParams) {
    const bytes = encoder.encode(object.toString());
    return { source: bytes, stream: null, type: 'application/x-www-form-urlencoded;charset=UTF-8',
             length: bytes.length };
  }
  if (object instanceof ArrayBuffer || ArrayBuffer.isView(object)) {
    const bytes = object instanceof ArrayBuffer ? new Uint8Array(object.slice(0)) : copyBytes(object);
    return { source: bytes, stream: null, type: null, length: bytes.length };
  }
  const { FormData } = require('internal/fetch/formdata');
  if (object instanceof FormData) {
    const { parts, boundary } = encodeFormData(object);
    const length = parts.reduce((n, p) => n + (p instanceof Uint8Array ? p.length : p.size), 0);
    return { source: parts, stream: null, type: `multipart/form-data; boundary=${boundary}`, length };
  }
  if (isBlobLike(object)) {
    return { source: [object], stream: null, type: object.type || null, length: object.size };
  }
  if (object !== null && typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
    if (keepalive) throw new TypeError('keepalive');
    if (isDisturbed(object) || object.locked) {
      throw new TypeError('Response body object should not be disturbed or locked');
    }
    const { ReadableStream } = webstreams();
    const stream = object instanceof ReadableStream ? object : streamFromIterable(object);
    return { source: null, stream, type: null, length: null };
  }
  return extractBody(`${object}`);
}

// A byte ReadableStream over a list of Uint8Arrays and Blobs.
function streamFromParts(parts) {
  const { ReadableStream } = webstreams();
  let i = 0;
  return new ReadableStream({
    type: 'bytes',
    async pull(controller) {
      while (i < parts.length) {
        const item = parts[i++];
        const bytes = item instanceof Uint8Array ? item : new Uint8Array(await item.arrayBuffer());
        if (bytes.length > 0) {
          controller.enqueue(bytes.slice());
          return;
        }
      }
      controller.close();
      controller.byobRequest?.respond(0);
    },
  });
}

// A stream already read to its end (what `body` is once a reader used it
// up without one).
function usedStream() {
  const { ReadableStream } = webstreams();
  const stream = new ReadableStream({ type: 'bytes', start(c) { c.close(); } });
  stream.getReader();
  return stream;
}

// `extracted` is extractBody()'s result, or null for no body.
function initBody(target, extracted) {
  target[kState] = extracted === null ? null :
    { source: extracted.source, stream: extracted.stream, length: extracted.length, consumed: false };
}

function getStream(target) {
  const state = target[kState];
  if (state === null) return null;
  if (state.stream === null) {
    state.stream = state.consumed ? usedStream() :
      streamFromParts(state.source instanceof Uint8Array ? [state.source] : state.source);
  }
  return state.stream;
}

function isUsed(target) {
  const state = target[kState];
  return state !== null && (state.consumed || (state.stream !== null && isDisturbed(state.stream)));
}

function isUnusable(target) {
  const state = target[kState];
  return isUsed(target) || (state !== null && state.stream !== null && state.stream.locked);
}

function unusable() {
  return new TypeError('Body is unusable: Body has already been read');
}

// All the bytes of the body (which is used up).
async function consume(target) {
  if (isUnusable(target)) throw unusable();
  const state = target[kState];
  if (state === null) return new Uint8Array(0);
  if (state.stream === null && state.source instanceof Uint8Array) {
    state.consumed = true;
    return state.source;
  }
  const reader = getStream(target).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
    parts.push(value);
    total += value.length;
  }
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function utf8Decode(bytes) {
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

// The header's values split at commas outside quoted strings.
function splitValues(value) {
  const out = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && quoted && i + 1 < value.length) current += value[i++];
    else if (c === ',' && !quoted) {
      out.push(current.replace(/^[ \t]+|[ \t]+$/g, ''));
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current.replace(/^[ \t]+|[ \t]+$/g, ''));
  return out;
}

// The Fetch standard's "extract a MIME type": a MIMEType, or null.
function bodyMimeType(target) {
  const header = target.headers.get('content-type');
  if (header === null) return null;
  const { MIMEType } = require('internal/mime');
  let mimeType = null;
  let essence = null;
  let charset = null;
  for (const value of splitValues(header)) {
    let parsed;
    try {
      parsed = new MIMEType(value);
    } catch {
      continue;
    }
    if (parsed.essence === '*/*') continue;
    mimeType = parsed;
    if (parsed.essence !== essence) {
      charset = parsed.params.get('charset');
      essence = parsed.essence;
    } else if (!parsed.params.has('charset') && charset !== null) {
      parsed.params.set('charset', charset);
    }
  }
  return mimeType;
}

function parseFormData(target, bytes) {
  const { FormData, appendEntry } = require('internal/fetch/formdata');
  const mimeType = bodyMimeType(target);
  const form = new FormData();
  if (mimeType !== null && mimeType.essence === 'multipart/form-data') {
    parseMultipart(bytes, mimeType.params.get('boundary'), form, appendEntry);
  } else if (mimeType !== null && mimeType.essence === 'application/x-www-form-urlencoded') {
    parseURLEncoded(bytes, form, appendEntry);
  } else {
    throw new TypeError('Content-Type was not one of "multipart/form-data" or ' +
                        '"application/x-www-form-urlencoded".');
  }
  return form;
}

// Adds the body readers to `Class` (whose instances have `slot`); each is
// a plain function returning a promise, as Node's are.
function mixinBody(Class, slot) {
  const reader = (name, convert) => ({
    [name]() {
      if (!(this instanceof Class) || this[slot] === undefined) return Promise.reject(illegalInvocation());
      return consume(this).then((bytes) => convert(this, bytes));
    },
  }[name]);
  Object.assign(Class.prototype, {
    blob: reader('blob', (self, bytes) => {
      const { Blob } = require('internal/blob');
      const mimeType = bodyMimeType(self);
      return new Blob([bytes], { type: mimeType === null ? '' : `${mimeType}` });
    }),
    arrayBuffer: reader('arrayBuffer', (self, bytes) =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    text: reader('text', (self, bytes) => utf8Decode(bytes)),
    json: reader('json', (self, bytes) => JSON.parse(utf8Decode(bytes))),
    formData: reader('formData', parseFormData),
    bytes: reader('bytes', (self, bytes) => copyBytes(bytes)),
  });
}

// Copies the body of `from` into `to` for clone(): bytes are shared, a
// stream is teed.
function cloneBody(from, to) {
  const state = from[kState];
  if (state === null) {
    initBody(to, null);
    return;
  }
  let stream = null;
  if (state.stream !== null) [state.stream, stream] = state.stream.tee();
  to[kState] = { ...state, stream };
}

// Moves the body of `from` into `to` (new Request(request)): `from` is
// left used.
function transferBody(from, to) {
  const state = from[kState];
  if (state === null) {
    initBody(to, null);
    return;
  }
  let stream = null;
  if (state.stream !== null) {
    const { ReadableStream } = webstreams();
    const reader = state.stream.getReader();
    stream = new ReadableStream({
      type: 'bytes',
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          controller.byobRequest?.respond(0);
        } else {
          controller.enqueue(value);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
  }
  to[kState] = { ...state, stream };
  state.consumed = true;
}

module.exports = {
  cloneBody, extractBody, getStream, initBody, isUnusable, isUsed, kState, mixinBody, transferBody, unusable,
};
