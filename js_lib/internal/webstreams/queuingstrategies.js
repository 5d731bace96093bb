'use strict';
// ByteLengthQueuingStrategy and CountQueuingStrategy: a highWaterMark and a
// size() measuring chunks in bytes or counting them.

const { codes: { ERR_MISSING_OPTION } } = require('internal/errors');
const { validateObject } = require('internal/validators');
const { checkBrand, customInspect, kInspect, kState, kType } = require('internal/webstreams/util');

// The functions the `size` getters return (named 'size', as the spec says).
const byteSizeFunction = { size: (chunk) => chunk.byteLength }.size;
const countSizeFunction = { size: () => 1 }.size;

function makeStrategy(name, sizeFunction) {
  class Strategy {
    constructor(init) {
      validateObject(init, 'init');
      if (init.highWaterMark === undefined) throw new ERR_MISSING_OPTION('init.highWaterMark');
      this[kType] = name;
      this[kState] = { highWaterMark: +init.highWaterMark };
    }

    get highWaterMark() {
      checkBrand(this, name);
      return this[kState].highWaterMark;
    }

    get size() {
      checkBrand(this, name);
      return sizeFunction;
    }

    [kInspect](depth, options) {
      return customInspect(depth, options, this[kType], { highWaterMark: this.highWaterMark });
    }
  }
  Object.defineProperty(Strategy, 'name', { __proto__: null, value: name });
  Object.defineProperty(Strategy.prototype, Symbol.toStringTag, {
    __proto__: null, value: name, configurable: true,
  });
  return Strategy;
}

const ByteLengthQueuingStrategy = makeStrategy('ByteLengthQueuingStrategy', byteSizeFunction);
const CountQueuingStrategy = makeStrategy('CountQueuingStrategy', countSizeFunction);

module.exports = { ByteLengthQueuingStrategy, CountQueuingStrategy };
