'use strict';

// Blob (buffer.Blob and the global): an immutable run of bytes with a MIME
// type. Its handle is a list of Uint8Array parts: each source is copied once
// at construction (Blob sources and slices share parts, never copy them), and
// the parts are joined only when read; stream() hands them out one chunk per
// part, as Node's reader does.

const {
  ERR_BUFFER_TOO_LARGE,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_THIS,
} = require('internal/errors').codes;
const { validateDictionary } = require('internal/validators');
const { isAnyArrayBuffer } = require('internal/util/types');
const { kMaxLength } = binding('buffer');

const kHandle = Symbol('kHandle');
const kType = Symbol('kType');
const kLength = Symbol('kLength');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

// Types with characters outside U+0020-U+007E are dropped (the File API).
const disallowedTypeCharacters = /[^\u0020-\u007E]/;

let encoder;
let decoder;

function isBlob(object) {
  return object?.[kHandle] !== undefined;
}

function normalizeType(type) {
  type = `${type}`;
  return disallowedTypeCharacters.test(type) ? '' : type.toLowerCase();
}

// The parts of one source: a Blob's own, a copy of a buffer's bytes, or a
// string as UTF-8 (with line endings converted for endings: 'native').
function sourceParts(source, endings) {
  if (isBlob(source)) return source[kHandle];
  if (isAnyArrayBuffer(source)) return [new Uint8Array(source.slice(0))];
  if (ArrayBuffer.isView(source)) {
    const { buffer, byteOffset, byteLength } = source;
    return [new Uint8Array(buffer.slice(byteOffset, byteOffset + byteLength))];
  }
  let text = `${source}`;
  if (endings === 'native') text = text.replace(/\n|\r\n/g, require('os').EOL);
  encoder ??= new (require('internal/encoding').TextEncoder)();
  return [encoder.encode(text)];
}

// The parts covering bytes [start, end) of `parts`.
function sliceParts(parts, start, end) {
  const out = [];
  let offset = 0;
  for (const part of parts) {
    const partEnd = offset + part.length;
    if (partEnd > start && offset < end) {
      out.push(part.subarray(Math.max(start - offset, 0), Math.min(end, partEnd) - offset));
    }
    offset = partEnd;
  }
  return out;
}

function joinParts(parts, length) {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out.buffer;
}

class Blob {
  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' ||
        typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    validateDictionary(options, 'options');
    let { type = '', endings = 'transparent' } = options ?? {};
    endings = `${endings}`;
    if (endings !== 'transparent' && endings !== 'native') {
      throw new ERR_INVALID_ARG_VALUE('options.endings', endings);
    }
    let length = 0;
    const parts = [];
    for (const source of Array.from(sources)) {
      for (const part of sourceParts(source, endings)) {
        length += part.length;
        parts.push(part);
      }
    }
    if (length > kMaxLength) throw new ERR_BUFFER_TOO_LARGE(kMaxLength);
    this[kHandle] = parts;
    this[kLength] = length;
    this[kType] = normalizeType(type);
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    const { inspect } = require('internal/util/inspect');
    return `Blob ${inspect({ size: this.size, type: this.type }, opts)}`;
  }

  get type() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kType];
  }

  get size() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kLength];
  }

  slice(start = 0, end = this[kLength], contentType = '') {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const length = this[kLength];
    start = start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
    end = end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
    const span = Math.max(end - start, 0);
    return createBlob(sliceParts(this[kHandle], start, start + span), span,
                      normalizeType(contentType));
  }

  // Resolved one microtask later, as Node's in-memory reader is.
  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    const parts = this[kHandle];
    const length = this[kLength];
    return new Promise((resolve) => {
      const copy = () => resolve(joinParts(parts, length));
      if (length === 0) copy();
      else queueMicrotask(copy);
    });
  }

  async text() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    decoder ??= new (require('internal/encoding').TextDecoder)();
    return decoder.decode(await this.arrayBuffer());
  }

  // A byte stream of copies of the parts (enqueueing transfers a chunk's
  // buffer, and the Blob must keep its own).
  stream() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const parts = this[kHandle].filter((part) => part.length > 0);
    let next = 0;
    const { ReadableStream } = require('stream/web');
    // A byte stream's default high-water mark is 0: nothing is read before
    // the first read() (as in Node).
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (next < parts.length) controller.enqueue(new Uint8Array(parts[next++]));
        if (next >= parts.length) controller.close();
      },
    });
  }

  bytes() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
}

// A Blob over `parts` without running the constructor (slices, object URLs).
function createBlob(parts, length, type = '') {
  return Reflect.construct(function() {
    this[kHandle] = parts;
    this[kType] = type;
    this[kLength] = length;
  }, [], Blob);
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'Blob',
});
for (const name of ['size', 'type', 'slice', 'stream', 'text', 'arrayBuffer']) {
  Object.defineProperty(Blob.prototype, name, { __proto__: null, enumerable: true });
}

// blob:nodedata:<id> URLs, for URL.createObjectURL/revokeObjectURL.
const objectURLs = new Map();
let nextObjectId = 0;

function registerObjectURL(blob) {
  if (!isBlob(blob)) throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', blob);
  const id = `${(nextObjectId++).toString(16).padStart(8, '0')}-kiln-blob`;
  objectURLs.set(id, [blob[kHandle], blob[kLength], blob[kType]]);
  return `blob:nodedata:${id}`;
}

function objectURLId(url) {
  url = `${url}`;
  if (!url.startsWith('blob:')) return undefined;
  const path = url.slice(5).split(/[?#]/)[0];
  const parts = path.split(':');
  if (parts.length !== 2 || parts[0] !== 'nodedata') return undefined;
  return parts[1];
}

function revokeObjectURL(url) {
  const id = objectURLId(url);
  if (id !== undefined) objectURLs.delete(id);
}

function resolveObjectURL(url) {
  const id = objectURLId(url);
  const entry = id === undefined ? undefined : objectURLs.get(id);
  if (entry === undefined) return undefined;
  return createBlob(entry[0], entry[1], entry[2]);
}

module.exports = {
  Blob,
  createBlob,
  isBlob,
  kHandle,
  registerObjectURL,
  resolveObjectURL,
  revokeObjectURL,
};
