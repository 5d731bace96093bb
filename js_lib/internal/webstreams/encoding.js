'use strict';
// TextEncoderStream and TextDecoderStream: TransformStreams between strings
// and UTF-8 bytes (any TextDecoder encoding for the decoder). A surrogate
// pair split across chunks is kept whole; a lone surrogate becomes U+FFFD.

const { codes: { ERR_INVALID_THIS } } = require('internal/errors');
const { customInspect, kInspect } = require('internal/webstreams/util');
const { TransformStream } = require('internal/webstreams/transformstream');

const kEmptyObject = Object.freeze({ __proto__: null });
const kHandle = Symbol('kHandle');
const kTransform = Symbol('kTransform');
const kPendingHighSurrogate = Symbol('kPendingHighSurrogate');

function check(value, Class) {
  if (value == null || value[kTransform] === undefined || !(value instanceof Class)) {
    throw new ERR_INVALID_THIS(Class.name);
  }
}

class TextEncoderStream {
  constructor() {
    this[kPendingHighSurrogate] = null;
    this[kHandle] = new TextEncoder();
    this[kTransform] = new TransformStream({
      transform: (chunk, controller) => {
        chunk = String(chunk);
        let out = '';
        for (let i = 0; i < chunk.length; i++) {
          const unit = chunk.charCodeAt(i);
          if (this[kPendingHighSurrogate] !== null) {
            const high = this[kPendingHighSurrogate];
            this[kPendingHighSurrogate] = null;
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
              out += high + chunk[i];
              continue;
            }
            out += '\uFFFD';
          }
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            this[kPendingHighSurrogate] = chunk[i];
          } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            out += '\uFFFD';
          } else {
            out += chunk[i];
          }
        }
        if (out) controller.enqueue(this[kHandle].encode(out));
      },
      flush: (controller) => {
        if (this[kPendingHighSurrogate] !== null) {
          controller.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD]));
        }
      },
    });
  }

  get encoding() {
    check(this, TextEncoderStream);
    return this[kHandle].encoding;
  }

  get readable() {
    check(this, TextEncoderStream);
    return this[kTransform].readable;
  }

  get writable() {
    check(this, TextEncoderStream);
    return this[kTransform].writable;
  }

  [kInspect](depth, options) {
    check(this, TextEncoderStream);
    return customInspect(depth, options, 'TextEncoderStream', {
      encoding: this[kHandle].encoding,
      readable: this[kTransform].readable,
      writable: this[kTransform].writable,
    });
  }
}

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = kEmptyObject) {
    this[kHandle] = new TextDecoder(encoding, options);
    this[kTransform] = new TransformStream({
      transform: (chunk, controller) => {
        const value = this[kHandle].decode(chunk, { stream: true });
        if (value) controller.enqueue(value);
      },
      flush: (controller) => {
        const value = this[kHandle].decode();
        if (value) controller.enqueue(value);
        controller.terminate();
      },
    });
  }

  get encoding() {
    check(this, TextDecoderStream);
    return this[kHandle].encoding;
  }

  get fatal() {
    check(this, TextDecoderStream);
    return this[kHandle].fatal;
  }

  get ignoreBOM() {
    check(this, TextDecoderStream);
    return this[kHandle].ignoreBOM;
  }

  get readable() {
    check(this, TextDecoderStream);
    return this[kTransform].readable;
  }

  get writable() {
    check(this, TextDecoderStream);
    return this[kTransform].writable;
  }

  [kInspect](depth, options) {
    check(this, TextDecoderStream);
    return customInspect(depth, options, 'TextDecoderStream', {
      encoding: this[kHandle].encoding,
      fatal: this[kHandle].fatal,
      ignoreBOM: this[kHandle].ignoreBOM,
      readable: this[kTransform].readable,
      writable: this[kTransform].writable,
    });
  }
}

for (const cls of [TextEncoderStream, TextDecoderStream]) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, {
    __proto__: null, value: cls.name, configurable: true,
  });
}

module.exports = { TextDecoderStream, TextEncoderStream };
