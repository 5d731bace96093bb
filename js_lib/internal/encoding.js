'use strict';

// TextEncoder and TextDecoder (WHATWG Encoding), in JS: UTF-8 both ways;
// decoding also from UTF-16LE/BE and latin1 ("windows-1252" labels decode
// bytes as code points U+0000-U+00FF, as Node 20 does). Instances carry the
// same symbol-keyed own properties as Node's, since console.dir shows them.

const { isAnyArrayBuffer, isUint8Array } = require('internal/util/types');
const {
  Utf8Decoder,
  Utf16Decoder,
  Latin1Decoder,
  nativeTypeError,
} = require('internal/encoding/decoders');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kHandle = Symbol('handle');
const kFlags = Symbol('flags');
const kEncoding = Symbol('encoding');
const kDecoder = Symbol('decoder');
const kEncoder = Symbol('encoder');
const kFatal = Symbol('kFatal');
const kUTF8FastPath = Symbol('kUTF8FastPath');
const kLatin1FastPath = Symbol('kLatin1FastPath');
const kIgnoreBOM = Symbol('kIgnoreBOM');

const CONVERTER_FLAGS_FATAL = 0x2;
const CONVERTER_FLAGS_IGNORE_BOM = 0x4;

const kLabels = new Map();
for (const [encoding, labels] of [
  ['utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf8', 'utf-8',
             'x-unicode20utf8']],
  ['utf-16be', ['unicodefffe', 'utf-16be']],
  ['utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16le',
                'utf-16']],
  ['windows-1252', ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819',
                    'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1',
                    'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']],
]) {
  for (const label of labels) kLabels.set(label, encoding);
}

// Labels are matched case-insensitively after trimming ASCII whitespace.
function getEncodingFromLabel(label) {
  const direct = kLabels.get(label);
  if (direct !== undefined) return direct;
  return kLabels.get(label.toLowerCase().replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, ''));
}

function lazyCodes() {
  return require('internal/errors').codes;
}

// Stands where Node keeps its ICU converter (shown by console.dir).
class Converter {
  #decoder;
  #ignoreBOM;
  #bomSeen = false;
  constructor(encoding, fatal, ignoreBOM) {
    this.#decoder = encoding === 'utf-8' ? new Utf8Decoder(fatal) :
      encoding === 'windows-1252' ? new Latin1Decoder() :
        new Utf16Decoder(fatal, encoding === 'utf-16be');
    this.#ignoreBOM = ignoreBOM;
  }
  // A BOM is dropped once at the start of each stream (a flush ends one).
  decode(bytes, flush) {
    let result = this.#decoder.decode(bytes, flush);
    if (!this.#bomSeen && result.length > 0) {
      if (!this.#ignoreBOM && result.charCodeAt(0) === 0xfeff) result = result.slice(1);
      this.#bomSeen = true;
    }
    if (flush) this.#bomSeen = false;
    return result;
  }
}

// ---- TextEncoder -----------------------------------------------------------

function utf8Length(str) {
  let length = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length &&
             (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      i++;
    } else {
      length += 3;
    }
  }
  return length;
}

// Writes UTF-8 for str into dest (lone surrogates as U+FFFD), stopping before
// a character that does not fit: { read (UTF-16 units), written (bytes) }.
function writeUtf8(str, dest) {
  let read = 0;
  let written = 0;
  const capacity = dest.length;
  while (read < str.length) {
    let cp = str.charCodeAt(read);
    let units = 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = str.charCodeAt(read + 1);
      if (cp <= 0xdbff && (next & 0xfc00) === 0xdc00) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        units = 2;
      } else {
        cp = 0xfffd;
      }
    }
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (written + size > capacity) break;
    if (size === 1) {
      dest[written++] = cp;
    } else if (size === 2) {
      dest[written++] = 0xc0 | (cp >> 6);
      dest[written++] = 0x80 | (cp & 0x3f);
    } else if (size === 3) {
      dest[written++] = 0xe0 | (cp >> 12);
      dest[written++] = 0x80 | ((cp >> 6) & 0x3f);
      dest[written++] = 0x80 | (cp & 0x3f);
    } else {
      dest[written++] = 0xf0 | (cp >> 18);
      dest[written++] = 0x80 | ((cp >> 12) & 0x3f);
      dest[written++] = 0x80 | ((cp >> 6) & 0x3f);
      dest[written++] = 0x80 | (cp & 0x3f);
    }
    read += units;
  }
  return { read, written };
}

function validateEncoder(obj) {
  if (obj == null || obj[kEncoder] !== true) throw new (lazyCodes().ERR_INVALID_THIS)('TextEncoder');
}

function validateDecoder(obj) {
  if (obj == null || obj[kDecoder] !== true) throw new (lazyCodes().ERR_INVALID_THIS)('TextDecoder');
}

function getConstructorOf(obj) {
  for (let proto = Object.getPrototypeOf(obj); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' &&
        descriptor.value.name !== '') {
      return descriptor.value;
    }
  }
  return null;
}

class TextEncoder {
  constructor() {
    this[kEncoder] = true;
  }

  get encoding() {
    validateEncoder(this);
    return 'utf-8';
  }

  encode(input = '') {
    validateEncoder(this);
    const str = `${input}`;
    const bytes = new Uint8Array(utf8Length(str));
    writeUtf8(str, bytes);
    return bytes;
  }

  encodeInto(src, dest) {
    validateEncoder(this);
    const { ERR_INVALID_ARG_TYPE } = lazyCodes();
    if (typeof src !== 'string') throw new ERR_INVALID_ARG_TYPE('src', 'string', src);
    if (!dest || !isUint8Array(dest)) throw new ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    return writeUtf8(src, dest);
  }

  [customInspect](depth, opts) {
    validateEncoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const ctor = getConstructorOf(this);
    const obj = { __proto__: { constructor: ctor === null ? TextEncoder : ctor } };
    obj.encoding = this.encoding;
    return require('internal/util/inspect').inspect(obj, opts);
  }
}

const enumerable = { __proto__: null, enumerable: true };
Object.defineProperties(TextEncoder.prototype, {
  encode: enumerable,
  encodeInto: enumerable,
  encoding: enumerable,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextEncoder' },
});

// ---- TextDecoder -----------------------------------------------------------

function toBytes(input) {
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw nativeTypeError('ERR_INVALID_ARG_TYPE', 'The "list" argument must be an instance of ' +
                        'SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
}

function validateOptions(options) {
  if (options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw new (lazyCodes().ERR_INVALID_ARG_TYPE)('options', 'object', options);
  }
}

const empty = new Uint8Array(0);

class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    encoding = `${encoding}`;
    validateOptions(options);
    const enc = getEncodingFromLabel(encoding);
    if (enc === undefined) throw new (lazyCodes().ERR_ENCODING_NOT_SUPPORTED)(encoding);
    let flags = 0;
    if (options !== null) {
      flags |= options.fatal ? CONVERTER_FLAGS_FATAL : 0;
      flags |= options.ignoreBOM ? CONVERTER_FLAGS_IGNORE_BOM : 0;
    }
    this[kDecoder] = true;
    this[kFlags] = flags;
    this[kEncoding] = enc;
    this[kIgnoreBOM] = Boolean(options?.ignoreBOM);
    this[kFatal] = Boolean(options?.fatal);
    // As in Node: one-shot UTF-8 and latin1 decodes skip the converter; the
    // first streaming decode switches to it for good.
    this[kUTF8FastPath] = enc === 'utf-8';
    this[kLatin1FastPath] = enc === 'windows-1252';
    this[kHandle] = undefined;
    if (!this[kUTF8FastPath] && !this[kLatin1FastPath]) this[kHandle] = this.#converter();
  }

  #converter() {
    return new Converter(this[kEncoding], this[kFatal], this[kIgnoreBOM]);
  }

  decode(input = empty, options = {}) {
    validateDecoder(this);
    this[kUTF8FastPath] &&= !(options?.stream);
    this[kLatin1FastPath] &&= !(options?.stream);
    if (this[kUTF8FastPath] || this[kLatin1FastPath]) {
      // A fresh converter: one complete decode, BOM handling included.
      return this.#converter().decode(toBytes(input), true);
    }
    this[kHandle] ??= this.#converter();
    validateOptions(options);
    const flush = !(options !== null && options.stream);
    return this[kHandle].decode(toBytes(input), flush);
  }

  get encoding() {
    validateDecoder(this);
    return this[kEncoding];
  }

  get fatal() {
    validateDecoder(this);
    return (this[kFlags] & CONVERTER_FLAGS_FATAL) === CONVERTER_FLAGS_FATAL;
  }

  get ignoreBOM() {
    validateDecoder(this);
    return (this[kFlags] & CONVERTER_FLAGS_IGNORE_BOM) === CONVERTER_FLAGS_IGNORE_BOM;
  }
}

Object.defineProperty(TextDecoder.prototype, customInspect, {
  __proto__: null,
  configurable: true,
  writable: true,
  enumerable: false,
  value(depth, opts) {
    validateDecoder(this);
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || TextDecoder;
    const obj = { __proto__: { constructor } };
    obj.encoding = this.encoding;
    obj.fatal = this.fatal;
    obj.ignoreBOM = this.ignoreBOM;
    if (opts.showHidden) {
      obj[kFlags] = this[kFlags];
      obj[kHandle] = this[kHandle];
    }
    return `${constructor.name} ${require('internal/util/inspect').inspect(obj)}`;
  },
});

Object.defineProperties(TextDecoder.prototype, {
  decode: enumerable,
  encoding: enumerable,
  fatal: enumerable,
  ignoreBOM: enumerable,
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'TextDecoder' },
});

module.exports = {
  getEncodingFromLabel,
  TextDecoder,
  TextEncoder,
};
