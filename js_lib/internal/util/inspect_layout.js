'use strict';

// How util.inspect lays out the pieces of one object: on a single line when
// they fit, in aligned columns for long arrays of short items, otherwise one
// entry per line. The line-fitting rules (breakLength, `compact`, the
// constant 10 of slack, the column heuristics) reproduce Node's output.

const { getStringWidth, removeColors } = require('internal/util/string_width');

// What kind of entries an output list holds.
const kObjectType = 0;        // "key: value" pairs
const kArrayType = 1;         // bare array items (formatProperty returns the value only)
const kArrayExtrasType = 2;   // array-like items followed by extra "key: value" pairs

// Square-ish grouping: characters are assumed ~2.5 times as tall as wide.
const kCharAspect = 2.5;
const kMaxColumns = 15;
const kSeparatorWidth = 2;    // ', '

// Lines up `output` (entries of an array-like `value`) in columns when they
// are short and similar in width. Returns the original list when it should
// not be grouped; a trailing "... more items" entry stays on its own line.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let count = output.length;
  if (ctx.maxArrayLength < output.length) count--;  // the "... more items" line
  const widths = new Array(count);
  for (let i = 0; i < count; i++) {
    const w = getStringWidth(output[i], ctx.colors);
    widths[i] = w;
    totalLength += w + kSeparatorWidth;
    if (maxLength < w) maxLength = w;
  }
  const actualMax = maxLength + kSeparatorWidth;
  // Need room for three columns, and no single entry much wider than the rest.
  if (actualMax * 3 + ctx.indentationLvl >= ctx.breakLength ||
      (totalLength / actualMax <= 5 && maxLength > 6)) {
    return output;
  }
  const averageBias = Math.sqrt(actualMax - totalLength / output.length);
  const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
  const columns = Math.min(
    Math.round(Math.sqrt(kCharAspect * biasedMax * count) / biasedMax),
    Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
    ctx.compact * 4,
    kMaxColumns,
  );
  if (columns <= 1) return output;

  const columnWidth = [];
  for (let c = 0; c < columns; c++) {
    let widest = 0;
    for (let j = c; j < output.length; j += columns) {
      if (widths[j] > widest) widest = widths[j];
    }
    columnWidth.push(widest + kSeparatorWidth);
  }
  // Numbers are right-aligned, anything else left-aligned.
  let alignRight = true;
  if (value !== undefined) {
    for (let i = 0; i < output.length; i++) {
      if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
        alignRight = false;
        break;
      }
    }
  }
  const pad = (text, width) => (alignRight ? text.padStart(width, ' ') : text.padEnd(width, ' '));
  const rows = [];
  for (let i = 0; i < count; i += columns) {
    const end = Math.min(i + columns, count);
    let line = '';
    let j = i;
    for (; j < end - 1; j++) {
      // Color codes take no columns: widen the pad by their length.
      const invisible = output[j].length - widths[j];
      line += pad(`${output[j]}, `, columnWidth[j - i] + invisible);
    }
    if (alignRight) {
      const invisible = output[j].length - widths[j];
      line += output[j].padStart(columnWidth[j - i] + invisible - kSeparatorWidth, ' ');
    } else {
      line += output[j];
    }
    rows.push(line);
  }
  if (ctx.maxArrayLength < output.length) rows.push(output[count]);
  return rows;
}

// True when all entries fit on one line of ctx.breakLength columns, counting
// `start` columns already used and one separator per entry.
function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += ctx.colors ? removeColors(output[i]).length : output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  // A multi-line head (an error's stack) never shares its line.
  return base === '' || !base.includes('\n');
}

// Array.prototype.join flattens its result into one sequential string, which
// copies every nested level again (quadratic on deep objects); `+=` builds a
// rope that V8 flattens once, at the end.
function join(output, separator) {
  let str = '';
  if (output.length !== 0) {
    const last = output.length - 1;
    for (let i = 0; i < last; i++) {
      str += output[i];
      str += separator;
    }
    str += output[last];
  }
  return str;
}

// Joins the formatted entries of one object with its braces and head `base`.
function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) {
        output = groupArrayElements(ctx, output, value);
      }
      // Only the `compact` innermost levels may be put on a single line, and
      // never an array that was just grouped into columns.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = join(output, ', ');
          if (!joined.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ` +
      `${join(output, `,${indentation}  `)}${indentation}${braces[1]}`;
  }
  // compact: true - the pre-v12 layout.
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${join(output, ', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  // A wide opening brace ("Set {") pushes the first entry to its own line so
  // that all entries line up.
  const first = base === '' && braces[0].length === 1 ?
    ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${first}${join(output, `,\n${indentation}  `)} ${braces[1]}`;
}

module.exports = {
  kObjectType,
  kArrayType,
  kArrayExtrasType,
  groupArrayElements,
  isBelowBreakLength,
  reduceToSingleString,
};
