'use strict';

// File (buffer.File and the global): a Blob with a name and a modification time.

const { Blob } = require('internal/blob');
const { ERR_MISSING_ARGS } = require('internal/errors').codes;

const customInspect = Symbol.for('nodejs.util.inspect.custom');

// String.prototype.toWellFormed (not in this V8): lone surrogates become U+FFFD.
function toWellFormed(str) {
  return str.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
                     '\uFFFD');
}

class File extends Blob {
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    let { lastModified } = options ?? {};
    if (lastModified !== undefined) {
      lastModified = +lastModified;
      if (Number.isNaN(lastModified)) lastModified = 0;
    } else {
      lastModified = Date.now();
    }
    this.#name = toWellFormed(`${fileName}`);
    this.#lastModified = lastModified;
  }

  get name() {
    return this.#name;
  }

  get lastModified() {
    return this.#lastModified;
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    const { inspect } = require('internal/util/inspect');
    return `File ${inspect({
      size: this.size, type: this.type, name: this.#name, lastModified: this.#lastModified,
    }, opts)}`;
  }
}

Object.defineProperties(File.prototype, {
  name: { __proto__: null, enumerable: true },
  lastModified: { __proto__: null, enumerable: true },
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'File' },
});

module.exports = { File };
