'use strict';

// How util.inspect writes primitives: quoted and escaped strings, numbers
// (with -0 and the optional `_` separators), bigints, booleans, undefined and
// symbols. Every function takes the stylizer `fn(text, styleName)` to use.

// A string longer than this may be split at its newlines into `'a\n' +` lines.
const kMinLineLength = 16;

// Characters that are always escaped: C0 controls, the backslash, DEL and C1
// controls, and lone surrogates. The single quote is added when it is the
// quote in use.
const kEscapeWithQuote =
  /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const kEscapeWithQuoteAll =
  /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const kEscapeNoQuoteAll =
  /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const kShortEscapes = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };

// The stylizer used without colors: text passes through unchanged.
function stylizeNoColor(str) {
  return str;
}

function hex2(code) {
  return code.toString(16).toUpperCase().padStart(2, '0');
}

// One escaped character, as util.inspect writes it: \n-style short forms,
// \xHH (upper case) for other controls, \uhhhh (lower case) for a lone
// surrogate.
function escapeChar(ch) {
  const code = ch.charCodeAt(0);
  const short = kShortEscapes[code];
  if (short !== undefined) return short;
  if (code < 0xa0) return `\\x${hex2(code)}`;
  return `\\u${code.toString(16)}`;
}

// Escapes `str` for use inside the quote chosen by strEscape; `all` is one of
// the global patterns above.
function escapeWith(str, all) {
  all.lastIndex = 0;
  return str.replace(all, escapeChar);
}

// Quotes a string the way util.inspect does: single quotes unless the text
// holds one, then double quotes, then backticks (when there is neither a
// backtick nor `${`); only if all three occur are single quotes escaped.
function strEscape(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) {
      quote = '"';
    } else if (!str.includes('`') && !str.includes('${')) {
      quote = '`';
    }
  }
  const all = quote === "'" ? kEscapeWithQuoteAll : kEscapeNoQuoteAll;
  let body = str;
  if (quote !== "'" || kEscapeWithQuote.test(str)) body = escapeWith(str, all);
  return `${quote}${body}${quote}`;
}

// Escapes (without quoting) a symbol description or a non-enumerable key.
function escapeKey(str) {
  return escapeWith(str, kEscapeWithQuoteAll);
}

// '1234567' -> '1_234_567' (a leading '-' is kept out of the groups).
function groupThousands(digits) {
  const start = digits[0] === '-' ? 1 : 0;
  let end = digits.length;
  let out = '';
  while (end - start > 3) {
    out = `_${digits.slice(end - 3, end)}${out}`;
    end -= 3;
  }
  return digits.slice(0, end) + out;
}

// '1234567' after the decimal point -> '123_456_7'.
function groupFraction(digits) {
  let out = '';
  let i = 0;
  for (; i < digits.length - 3; i += 3) out += `${digits.slice(i, i + 3)}_`;
  return out + digits.slice(i);
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) {
    if (Object.is(number, -0)) return fn('-0', 'number');
    return fn(`${number}`, 'number');
  }
  const text = String(number);
  if (Math.trunc(number) === number) {
    if (!Number.isFinite(number) || text.includes('e')) return fn(text, 'number');
    return fn(groupThousands(text), 'number');
  }
  if (Number.isNaN(number)) return fn(text, 'number');
  const dot = text.indexOf('.');
  return fn(`${groupThousands(text.slice(0, dot))}.${groupFraction(text.slice(dot + 1))}`,
            'number');
}

function formatBigInt(fn, bigint, numericSeparator) {
  const text = String(bigint);
  return fn(`${numericSeparator ? groupThousands(text) : text}n`, 'bigint');
}

function formatString(fn, value, ctx) {
  let trailer = '';
  if (value.length > ctx.maxStringLength) {
    const remaining = value.length - ctx.maxStringLength;
    value = value.slice(0, ctx.maxStringLength);
    trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
  }
  // Long strings are shown one source line per output line. The length test
  // counts UTF-16 units, not display columns, as Node does.
  if (ctx.compact !== true &&
      value.length > kMinLineLength &&
      value.length > ctx.breakLength - ctx.indentationLvl - 4) {
    const lines = value.split(/(?<=\n)/);
    const glue = ` +\n${' '.repeat(ctx.indentationLvl + 2)}`;
    return lines.map((line) => fn(strEscape(line), 'string')).join(glue) + trailer;
  }
  return fn(strEscape(value), 'string') + trailer;
}

function formatPrimitive(fn, value, ctx) {
  switch (typeof value) {
    case 'string': return formatString(fn, value, ctx);
    case 'number': return formatNumber(fn, value, ctx.numericSeparator);
    case 'bigint': return formatBigInt(fn, value, ctx.numericSeparator);
    case 'boolean': return fn(`${value}`, 'boolean');
    case 'undefined': return fn('undefined', 'undefined');
    default: return fn(Symbol.prototype.toString.call(value), 'symbol');
  }
}

module.exports = {
  stylizeNoColor,
  strEscape,
  escapeKey,
  formatNumber,
  formatBigInt,
  formatPrimitive,
};
