'use strict';

// Captured at load: user code may replace Object.keys & co. (as Node's
// primordials guard against).
const {
  keys: ObjectKeys,
  getOwnPropertyNames: ObjectGetOwnPropertyNames,
  getOwnPropertySymbols: ObjectGetOwnPropertySymbols,
} = Object;

// util.inspect: turns any value into the string Node would print for it.
// This file holds the entry point, its options and styles, and the per-value
// dispatch (formatValue: primitives, proxies, custom inspectors, cycles).
// The pieces live next to it:
//   inspect_raw         formatRaw: the per-object dispatch
//   inspect_primitives  strings, numbers, bigints, symbols
//   inspect_bases       heads: "Foo [Tag]", "[Function: f]", "[Number: 1]"
//   inspect_entries     entries of arrays, collections, promises; properties
//   inspect_error       errors and their stacks
//   inspect_layout      single line / columns / one entry per line
//   format              util.format and util.formatWithOptions

const { getProxyDetails } = binding('util');
const { buildColors, buildStyles } = require('internal/util/inspect_colors');
const { stylizeNoColor, formatPrimitive } = require('internal/util/inspect_primitives');
const entries = require('internal/util/inspect_entries');
const raw = require('internal/util/inspect_raw');
const { identicalSequenceRange } = require('internal/util/inspect_error');
const { kArrayExtrasType, reduceToSingleString } = require('internal/util/inspect_layout');
const {
  getStringWidth,
  isZeroWidthCodePoint,
  stripVTControlCharacters,
} = require('internal/util/string_width');

const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// The keys here are exactly the options util.inspect accepts; it is sealed so
// that inspect.defaultOptions can be updated but not extended.
const inspectDefaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

// Legacy signature: inspect(value, showHidden, depth, colors).
function inspect(value, opts) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    ...inspectDefaultOptions,
  };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of ObjectKeys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') {
          ctx[key] = opts[key];
        } else if (ctx.userOptions === undefined) {
          // Unknown keys are passed on to custom inspectors untouched.
          ctx.userOptions = opts;
        }
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}
inspect.custom = customInspectSymbol;

Object.defineProperty(inspect, 'defaultOptions', {
  __proto__: null,
  get() {
    return inspectDefaultOptions;
  },
  set(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    return Object.assign(inspectDefaultOptions, options);
  },
});

inspect.colors = buildColors();
inspect.styles = buildStyles();

// Looks the style up on every call: users may replace entries of
// inspect.styles and inspect.colors.
function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}

// The options object a custom inspector receives. Values that do not inherit
// from this realm's Object (other contexts, proxies) get a null-prototype copy
// without objects, and a stylize that cannot leak ours.
function getUserOptions(ctx, isCrossContext) {
  const ret = {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
    ...ctx.userOptions,
  };
  if (isCrossContext) {
    Object.setPrototypeOf(ret, null);
    for (const key of ObjectKeys(ret)) {
      if ((typeof ret[key] === 'object' || typeof ret[key] === 'function') && ret[key] !== null) {
        delete ret[key];
      }
    }
    ret.stylize = Object.setPrototypeOf((value, flavour) => {
      let stylized;
      try {
        stylized = `${ctx.stylize(value, flavour)}`;
      } catch {
        // Fall back to the plain text.
      }
      return typeof stylized === 'string' ? stylized : value;
    }, null);
  }
  return ret;
}

function formatProxy(ctx, proxy, recurseTimes) {
  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    return ctx.stylize('Proxy [Array]', 'special');
  }
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
}

// `typedArray` is set when formatting the .buffer of a typed array.
function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');

  // Proxies are looked through without triggering their traps.
  const context = value;
  const proxy = getProxyDetails(value, !!ctx.showProxy);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    value = proxy;
  }

  if (ctx.customInspect) {
    const maybeCustom = value[customInspectSymbol];
    // Skip util.inspect itself and prototype objects (Foo.prototype).
    if (typeof maybeCustom === 'function' &&
        maybeCustom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const isCrossContext = proxy !== undefined || !(context instanceof Object);
      const ret = maybeCustom.call(context, depth, getUserOptions(ctx, isCrossContext), inspect);
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }

  // A cycle: number each object reached again in order of discovery.
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]]);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return raw.formatRaw(ctx, value, recurseTimes, typedArray);
}

entries.setFormatValue(formatValue);
raw.setup({ formatValue, inspect });

function format(...args) {
  return require('internal/util/format').format(...args);
}

function formatWithOptions(inspectOptions, ...args) {
  return require('internal/util/format').formatWithOptions(inspectOptions, ...args);
}

module.exports = {
  builtInObjects: raw.builtInObjects,
  customInspectSymbol,
  format,
  formatWithOptions,
  getStringWidth,
  identicalSequenceRange,
  inspect,
  inspectDefaultOptions,
  isZeroWidthCodePoint,
  stripVTControlCharacters,
};
