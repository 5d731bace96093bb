'use strict';
// One path segment of a glob (no '/') compiled as minimatch compiles it:
// to a literal string when it has no magic, else to an anchored RegExp.
// Supports * ? [classes] (with [:alpha:]-style POSIX classes) and the
// extglobs @(a|b) ?(..) *(..) +(..) !(..). Wildcards never match a leading
// '.', and never '.' or '..' (dot: false, as path.matchesGlob uses).
// Backslashes were turned into '/' before, so there is no escaping here.

const kQmark = '[^/]';
const kStar = `${kQmark}*?`;
const kStarNoEmpty = `${kQmark}+?`;
const kStartNoDot = '(?!\\.)';
const kStartNoTraversal = '(?!(?:^|/)\\.\\.?(?:$|/))';
const kPatternStart = new Set(['[', '.']);
const kExtglobTypes = new Set(['!', '?', '+', '*', '@']);

const kPosixClasses = {
  '[:alnum:]': ['\\p{L}\\p{Nl}\\p{Nd}', true],
  '[:alpha:]': ['\\p{L}\\p{Nl}', true],
  '[:ascii:]': ['\\x00-\\x7f', false],
  '[:blank:]': ['\\p{Zs}\\t', true],
  '[:cntrl:]': ['\\p{Cc}', true],
  '[:digit:]': ['\\p{Nd}', true],
  '[:graph:]': ['\\p{Z}\\p{C}', true, true],
  '[:lower:]': ['\\p{Ll}', true],
  '[:print:]': ['\\p{C}', true],
  '[:punct:]': ['\\p{P}', true],
  '[:space:]': ['\\p{Z}\\t\\r\\n\\v\\f', true],
  '[:upper:]': ['\\p{Lu}', true],
  '[:word:]': ['\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}', true],
  '[:xdigit:]': ['A-Fa-f0-9', false],
};

const regExpEscape = (s) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');
const classEscape = (s) => s.replace(/[[\]\\-]/g, '\\$&');
// The literal text of a regexp source without magic.
const unescape = (s) => s.replace(/((?!\\).|^)\[([^/\\])\]/g, '$1$2').replace(/\\([^/])/g, '$1');

// A bracket expression at glob[pos] ('['): [source, needsUnicode, length
// consumed (0: not a class, '[' is literal), magic].
function parseClass(glob, pos) {
  const ranges = [];
  const negs = [];
  let i = pos + 1;
  let sawStart = false;
  let unicode = false;
  let negate = false;
  let endPos = pos;
  let rangeStart = '';
  outer: while (i < glob.length) {
    const c = glob[i];
    if ((c === '!' || c === '^') && i === pos + 1) {
      negate = true;
      i++;
      continue;
    }
    if (c === ']' && sawStart) {
      endPos = i + 1;
      break;
    }
    sawStart = true;
    if (c === '[') {
      for (const cls of Object.keys(kPosixClasses)) {
        if (!glob.startsWith(cls, i)) continue;
        if (rangeStart) return ['$.', false, glob.length - pos, true];
        const [source, u, negated] = kPosixClasses[cls];
        i += cls.length;
        (negated ? negs : ranges).push(source);
        unicode = unicode || u;
        continue outer;
      }
    }
    if (rangeStart) {
      if (c > rangeStart) ranges.push(`${classEscape(rangeStart)}-${classEscape(c)}`);
      else if (c === rangeStart) ranges.push(classEscape(c));
      rangeStart = '';
      i++;
    } else if (glob.startsWith('-]', i + 1)) {
      ranges.push(classEscape(`${c}-`));
      i += 2;
    } else if (glob.startsWith('-', i + 1)) {
      rangeStart = c;
      i += 2;
    } else {
      ranges.push(classEscape(c));
      i++;
    }
  }
  if (endPos < i) return ['', false, 0, false];
  if (!ranges.length && !negs.length) return ['$.', false, glob.length - pos, true];
  if (!negs.length && ranges.length === 1 && /^\\?.$/.test(ranges[0]) && !negate) {
    const r = ranges[0].length === 2 ? ranges[0].slice(-1) : ranges[0];
    return [regExpEscape(r), false, endPos - pos, false];
  }
  const pos_ = `[${negate ? '^' : ''}${ranges.join('')}]`;
  const neg_ = `[${negate ? '' : '^'}${negs.join('')}]`;
  const source = ranges.length && negs.length ? `(${pos_}|${neg_})` :
    ranges.length ? pos_ : neg_;
  return [source, unicode, endPos - pos, true];
}

// Plain glob text (no extglob) -> [regexp source, magic, needsUnicode].
function globText(glob, magic, noEmpty) {
  let re = '';
  let unicode = false;
  let inStar = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (inStar) continue;
      inStar = true;
      re += noEmpty && /^[*]+$/.test(glob) ? kStarNoEmpty : kStar;
      magic = true;
      continue;
    }
    inStar = false;
    if (c === '[') {
      const [src, u, consumed, isMagic] = parseClass(glob, i);
      if (consumed) {
        re += src;
        unicode = unicode || u;
        i += consumed - 1;
        magic = magic || isMagic;
        continue;
      }
    }
    if (c === '?') {
      re += kQmark;
      magic = true;
      continue;
    }
    re += regExpEscape(c);
  }
  return [re, !!magic, unicode];
}

module.exports = { globText, unescape, kQmark, kStar, kStarNoEmpty, kStartNoDot,
                   kStartNoTraversal, kPatternStart, kExtglobTypes };
