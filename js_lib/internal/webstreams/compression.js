'use strict';
// CompressionStream and DecompressionStream: a zlib stream (deflate,
// deflate-raw or gzip) seen as a readable/writable pair of web streams.

const { codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_THIS } } = require('internal/errors');
const { customInspect, kInspect } = require('internal/webstreams/util');
const { newReadableWritablePairFromDuplex } = require('internal/webstreams/adapters');

const kHandle = Symbol('kHandle');
const kTransform = Symbol('kTransform');

// format -> [compressing factory, decompressing factory] of the zlib module.
const kFactories = {
  __proto__: null,
  'deflate': ['createDeflate', 'createInflate'],
  'deflate-raw': ['createDeflateRaw', 'createInflateRaw'],
  'gzip': ['createGzip', 'createGunzip'],
};

function makeClass(name, which) {
  const check = (value) => {
    if (value == null || value[kTransform] === undefined || value[kHandle] === undefined) {
      throw new ERR_INVALID_THIS(name);
    }
  };
  const Class = class {
    constructor(format) {
      const factories = kFactories[format];
      if (factories === undefined) throw new ERR_INVALID_ARG_VALUE('format', format);
      this[kHandle] = require('zlib')[factories[which]]();
      this[kTransform] = newReadableWritablePairFromDuplex(this[kHandle]);
    }

    get readable() {
      check(this);
      return this[kTransform].readable;
    }

    get writable() {
      check(this);
      return this[kTransform].writable;
    }

    [kInspect](depth, options) {
      check(this);
      return customInspect(depth, options, name, {
        readable: this[kTransform].readable, writable: this[kTransform].writable,
      });
    }
  };
  Object.defineProperty(Class, 'name', { __proto__: null, value: name });
  Object.defineProperty(Class.prototype, Symbol.toStringTag, {
    __proto__: null, value: name, configurable: true,
  });
  return Class;
}

const CompressionStream = makeClass('CompressionStream', 0);
const DecompressionStream = makeClass('DecompressionStream', 1);

module.exports = { CompressionStream, DecompressionStream };
