'use strict';

// Display width of text in a terminal (columns), and removal of the escape
// sequences that take none. Used to align grouped arrays and console.table.

const table = require('internal/util/string_width_table');

// Matches ANSI/VT escape sequences (CSI, OSC and friends); after the pattern
// published by chalk/ansi-regex.
const kAnsi = new RegExp(
  '[\\u001B\\u009B][[\\]()#;?]*' +
  '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
  '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
  '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
  '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?' +
  '[\\dA-PR-TZcf-nq-uy=><~]))', 'g');

// Only the SGR color codes util.inspect itself emits.
const kColors = /\u001b\[\d\d?m/g;

// Parses 'a-b,c,...' (base 36) into a flat sorted [start0, end0, start1, ...].
function parseRanges(text) {
  const out = [];
  for (const part of text.split(',')) {
    const dash = part.indexOf('-');
    if (dash === -1) {
      const cp = parseInt(part, 36);
      out.push(cp, cp);
    } else {
      out.push(parseInt(part.slice(0, dash), 36), parseInt(part.slice(dash + 1), 36));
    }
  }
  return out;
}

const kZero = parseRanges(table.zero);
const kWide = parseRanges(table.wide);

function inRanges(ranges, cp) {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cp < ranges[mid * 2]) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

function codePointWidth(cp) {
  if (cp < 0x7f) return cp >= 32 ? 1 : 0;
  if (inRanges(kWide, cp)) return 2;
  if (inRanges(kZero, cp)) return 0;
  return 1;
}

function stripVTControlCharacters(str) {
  if (typeof str !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('str', 'string', str);
  }
  kAnsi.lastIndex = 0;
  return str.replace(kAnsi, '');
}

function removeColors(str) {
  return String(str).replace(kColors, '');
}

// Columns needed to show `str`; escape sequences are dropped first unless
// removeControlChars is false. Combining sequences are measured in NFC.
function getStringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = stripVTControlCharacters(str);
  let width = 0;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code >= 127) {
      for (const ch of str.slice(i).normalize('NFC')) width += codePointWidth(ch.codePointAt(0));
      break;
    }
    if (code >= 32) width++;
  }
  return width;
}

function isZeroWidthCodePoint(code) {
  return code <= 0x1F ||
    (code >= 0x7F && code <= 0x9F) ||
    (code >= 0x300 && code <= 0x36F) ||
    (code >= 0x200B && code <= 0x200F) ||
    (code >= 0x20D0 && code <= 0x20FF) ||
    (code >= 0xFE00 && code <= 0xFE0F) ||
    (code >= 0xFE20 && code <= 0xFE2F) ||
    (code >= 0xE0100 && code <= 0xE01EF);
}

module.exports = {
  getStringWidth,
  isZeroWidthCodePoint,
  removeColors,
  stripVTControlCharacters,
};
