'use strict';

// The body of a Request or Response (the Fetch standard's "body mixin"):
// what a body init (string, bytes, Blob, URLSearchParams, FormData,
// ReadableStream) becomes, the `body` stream made from it on demand, and the
// readers text(), json(), arrayBuffer(), blob() and formData(), each of which
// uses the body up.

const chunks = require('internal/streams/chunk');

const kState = Symbol('body state');
const encoder = new TextEncoder();

function webstreams() {
  return require('internal/webstreams/readablestream');
}

function BlobClass() {
  return require('internal/blob').Blob;
}

function isBlob(v) {
  return v != null && typeof v === 'object' && typeof v.arrayBuffer === 'function' &&
    typeof v.stream === 'function' && typeof v.type === 'string';
}

function toBytes(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

let boundaryCount = 0;

// multipart/form-data for a FormData: [bytes parts..., boundary].
function encodeFormData(form) {
  boundaryCount++;
  const boundary = `----formdata-kiln-${String(boundaryCount).padStart(11, '0')}`;
  const escape = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  const norm = (s) => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');
  const parts = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(norm(name))}"` +
                                `\r\n\r\n${norm(value)}\r\n`));
    } else {
      parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(norm(name))}"` +
                                `; filename="${escape(value.name)}"\r\nContent-Type: ` +
                                `${value.type || 'application/octet-stream'}\r\n\r\n`), value, encoder.encode('\r\n'));
    }
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return { parts, boundary };
}

// { source: Uint8Array | Blob | ReadableStream | parts, type, length }
function extractBody(object) {
  if (object === null || object === undefined) return null;
  if (typeof object === 'string') {
    return { source: encoder.encode(object), type: 'text/plain;charset=UTF-8' };
  }
  if (object instanceof URLSearchParams) {
    return { source: encoder.encode(object.toString()),
             type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (object instanceof ArrayBuffer) return { source: new Uint8Array(object.slice(0)), type: null };
  if (ArrayBuffer.isView(object)) return { source: toBytes(object), type: null };
  if (isBlob(object)) return { source: object, type: object.type || null };
  const { FormData } = require('internal/fetch/formdata');
  if (object instanceof FormData) {
    const { parts, boundary } = encodeFormData(object);
    return { source: parts, type: `multipart/form-data; boundary=${boundary}` };
  }
  const { ReadableStream } = webstreams();
  if (object instanceof ReadableStream) {
    if (object.locked) throw new TypeError('Response body object should not be disturbed or locked');
    return { source: object, type: null, stream: true };
  }
  return { source: encoder.encode(`${object}`), type: 'text/plain;charset=UTF-8' };
}

// A ReadableStream over a body source.
function streamFrom(source) {
  const { ReadableStream } = webstreams();
  if (source instanceof ReadableStream) return source;
  if (isBlob(source)) return source.stream();
  const list = source instanceof Uint8Array ? [source] : source;
  let i = 0;
  return new ReadableStream({
    type: 'bytes',
    async pull(controller) {
      while (i < list.length) {
        const item = list[i++];
        const bytes = item instanceof Uint8Array ? item : new Uint8Array(await item.arrayBuffer());
        if (bytes.length > 0) {
          controller.enqueue(bytes.slice());
          return;
        }
      }
      controller.close();
      if (controller.byobRequest) controller.byobRequest.respond(0);
    },
  });
}

function initBody(target, extracted) {
  target[kState] = { extracted, stream: null, used: false };
}

function getStream(target) {
  const state = target[kState];
  if (!state.extracted) return null;
  if (state.stream === null) state.stream = streamFrom(state.extracted.source);
  return state.stream;
}

function isUnusable(target) {
  const state = target[kState];
  if (!state.extracted) return false;
  if (state.used) return true;
  return state.stream !== null && (state.stream.locked || isDisturbed(state.stream));
}

// A stream that has been read from (or cancelled).
function isDisturbed(stream) {
  const { kState: kStreamState } = require('internal/webstreams/util');
  const slots = stream[kStreamState];
  return slots !== undefined && !!slots.disturbed;
}

// All the bytes of the body (which is used up).
async function consume(target) {
  if (isUnusable(target)) throw new TypeError('Body is unusable: Body has already been read');
  const state = target[kState];
  state.used = true;
  if (!state.extracted) return new Uint8Array(0);
  const { source } = state.extracted;
  if (state.stream === null && source instanceof Uint8Array) return source;
  const reader = getStream(target).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
    parts.push(bytes);
    total += bytes.length;
  }
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

function mimeType(target) {
  const type = target.headers.get('content-type');
  return type === null ? '' : type;
}

// Parses application/x-www-form-urlencoded (and simple multipart) bodies.
function parseFormData(type, bytes) {
  const { FormData } = require('internal/fetch/formdata');
  const form = new FormData();
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    for (const [k, v] of new URLSearchParams(utf8Decode(bytes))) form.append(k, v);
    return form;
  }
  const m = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(type);
  if (!m) throw new TypeError('Response.formData: Could not parse content as FormData.');
  const text = chunks.toString(chunks.fromView(bytes), 'latin1');
  for (const part of text.split(`--${m[2]}`).slice(1)) {
    if (part.startsWith('--')) break;
    const sep = part.indexOf('\r\n\r\n');
    if (sep === -1) continue;
    const head = part.slice(2, sep);
    const data = part.slice(sep + 4, part.endsWith('\r\n') ? -2 : undefined);
    const name = /name="([^"]*)"/i.exec(head);
    if (!name) continue;
    const filename = /filename="([^"]*)"/i.exec(head);
    const bytesOf = (s) => chunks.fromString(s, 'latin1');
    if (filename) {
      const ctype = /content-type:\s*([^\r\n]+)/i.exec(head);
      const { File } = require('internal/file');
      form.append(name[1], new File([bytesOf(data)], filename[1], { type: ctype ? ctype[1] : '' }));
    } else {
      form.append(name[1], utf8Decode(bytesOf(data)));
    }
  }
  return form;
}

// Adds the body accessors and readers to `Class`.
function mixinBody(Class) {
  Object.defineProperties(Class.prototype, {
    body: { __proto__: null, configurable: true, enumerable: true, get() { return getStream(this); } },
    bodyUsed: { __proto__: null, configurable: true, enumerable: true, get() { return isUnusable(this); } },
  });
  Class.prototype.text = async function text() { return utf8Decode(await consume(this)); };
  Class.prototype.json = async function json() { return JSON.parse(utf8Decode(await consume(this))); };
  Class.prototype.arrayBuffer = async function arrayBuffer() {
    const bytes = await consume(this);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  Class.prototype.blob = async function blob() {
    const Blob = BlobClass();
    return new Blob([await consume(this)], { type: mimeType(this) });
  };
  Class.prototype.formData = async function formData() {
    return parseFormData(mimeType(this), await consume(this));
  };
}

// A copy of the body for clone(): a tee of the stream.
function cloneBody(from, to) {
  const state = from[kState];
  if (!state.extracted) {
    initBody(to, null);
    return;
  }
  if (isUnusable(from)) throw new TypeError('Response.clone: Body has already been consumed.');
  const [a, b] = getStream(from).tee();
  state.stream = a;
  initBody(to, { ...state.extracted, source: b, stream: true });
  to[kState].stream = b;
}

module.exports = { cloneBody, extractBody, getStream, initBody, isUnusable, kState, mixinBody };
