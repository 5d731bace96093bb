'use strict';

// The tables behind util.inspect.colors and util.inspect.styles. Each color is
// [SGR code that turns it on, SGR code that turns it off]; each style names
// the color used for one kind of token. Users may edit both tables, so the
// stylizer (internal/util/inspect) looks them up on every call.

const FG_OFF = 39;
const BG_OFF = 49;

function buildColors() {
  const colors = { __proto__: null };
  const add = (name, on, off) => { colors[name] = [on, off]; };
  add('reset', 0, 0);
  add('bold', 1, 22);
  add('dim', 2, 22);
  add('italic', 3, 23);
  add('underline', 4, 24);
  add('blink', 5, 25);
  add('inverse', 7, 27);
  add('hidden', 8, 28);
  add('strikethrough', 9, 29);
  add('doubleunderline', 21, 24);
  const base = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
  for (let i = 0; i < base.length; i++) add(base[i], 30 + i, FG_OFF);
  for (let i = 0; i < base.length; i++) {
    add(`bg${base[i][0].toUpperCase()}${base[i].slice(1)}`, 40 + i, BG_OFF);
  }
  add('framed', 51, 54);
  add('overlined', 53, 55);
  add('gray', 90, FG_OFF);
  for (let i = 1; i < base.length; i++) add(`${base[i]}Bright`, 90 + i, FG_OFF);
  add('bgGray', 100, BG_OFF);
  for (let i = 1; i < base.length; i++) {
    add(`bg${base[i][0].toUpperCase()}${base[i].slice(1)}Bright`, 100 + i, BG_OFF);
  }

  // Aliases are hidden accessors, so they follow edits of their target and do
  // not show up when the table is listed.
  const alias = (target, name) => {
    Object.defineProperty(colors, name, {
      __proto__: null,
      get() { return this[target]; },
      set(value) { this[target] = value; },
      configurable: true,
      enumerable: false,
    });
  };
  alias('gray', 'grey');
  alias('gray', 'blackBright');
  alias('bgGray', 'bgGrey');
  alias('bgGray', 'bgBlackBright');
  alias('dim', 'faint');
  alias('strikethrough', 'crossedout');
  alias('strikethrough', 'strikeThrough');
  alias('strikethrough', 'crossedOut');
  alias('hidden', 'conceal');
  alias('inverse', 'swapColors');
  alias('inverse', 'swapcolors');
  alias('doubleunderline', 'doubleUnderline');
  return colors;
}

function buildStyles() {
  // 'name' (property keys) is deliberately left unstyled.
  return Object.assign({ __proto__: null }, {
    special: 'cyan',
    number: 'yellow',
    bigint: 'yellow',
    boolean: 'yellow',
    undefined: 'grey',
    null: 'bold',
    string: 'green',
    symbol: 'green',
    date: 'magenta',
    regexp: 'red',
    module: 'underline',
  });
}

module.exports = { buildColors, buildStyles };
