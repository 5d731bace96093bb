'use strict';
// A JavaScript tokenizer just good enough for cjs_lexer: identifiers,
// string literals (decoded), punctuators, and everything else skipped
// (comments, numbers, regular expressions, template text). Each token has
// its nesting depth (open ( [ { and template ${), so callers can tell top
// level code. A `/` starts a regular expression or is a division depending
// on the token before it, as in cjs-module-lexer; invalid source never
// throws, it only yields fewer tokens.

const T_ID = 0;
const T_STR = 1;
const T_PUNCT = 2;
const T_OTHER = 3;  // number, regexp, template

// After these keywords an expression starts, so `/` is a regexp.
const kExprKeywords = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete',
  'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const kParenKeywords = new Set(['if', 'while', 'for', 'with']);
const kPunct3 = new Set(['===', '!==', '...', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=']);
const kPunct2 = new Set(['==', '!=', '=>', '<=', '>=', '&&', '||', '??', '?.', '**', '++', '--',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>']);

function isIdStart(c) {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 || c === 92 ||
    c >= 0x80;
}
function isIdPart(c) { return isIdStart(c) || (c >= 48 && c <= 57); }
function isSpace(c) {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xA0 || c === 0xFEFF || c === 0x2028 ||
    c === 0x2029 || (c >= 0x2000 && c <= 0x200A) || c === 0x1680 || c === 0x202F ||
    c === 0x205F || c === 0x3000;
}
function isLineEnd(c) { return c === 10 || c === 13 || c === 0x2028 || c === 0x2029; }

const kEscapes = { __proto__: null, n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v',
  0: '\0' };

// The value of a string literal's body.
function decodeString(raw) {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[^])/g, (m, e) => {
    if (e[0] === 'u' || e[0] === 'x') {
      const hex = e[1] === '{' ? e.slice(2, -1) : e.slice(1);
      const cp = parseInt(hex, 16);
      return cp <= 0x10FFFF ? String.fromCodePoint(cp) : m;
    }
    if (isLineEnd(e.charCodeAt(0))) return '';
    return kEscapes[e] !== undefined ? kEscapes[e] : e;
  });
}

function tokenize(src) {
  const types = [];
  const values = [];
  const depths = [];
  const n = src.length;
  let depth = 0;
  const templateDepths = [];  // depth of each open template ${
  const parenIsKeyword = [];  // per open (: was it `if (`, `while (`, ...
  let lastClosedKeywordParen = false;
  let i = 0;

  const push = (t, v, d) => { types.push(t); values.push(v); depths.push(d); };
  const last = () => types.length - 1;

  function regexAllowed() {
    const k = last();
    if (k < 0) return true;
    const t = types[k];
    const v = values[k];
    if (t === T_ID) return kExprKeywords.has(v);
    if (t !== T_PUNCT) return false;
    if (v === ')') return lastClosedKeywordParen;
    return v !== ']' && v !== '++' && v !== '--';
  }

  // Template text from i (after ` or the } closing a ${): to its end or the
  // next ${ (then depth goes up as for a brace).
  function template() {
    for (; i < n; i++) {
      const c = src.charCodeAt(i);
      if (c === 92) {
        i++;
      } else if (c === 96) {
        i++;
        return;
      } else if (c === 36 && src.charCodeAt(i + 1) === 123) {
        i += 2;
        templateDepths.push(depth);
        depth++;
        return;
      }
    }
  }

  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 47 && src.charCodeAt(i + 1) === 47) {
      while (i < n && !isLineEnd(src.charCodeAt(i))) i++;
    } else if (c === 47 && src.charCodeAt(i + 1) === 42) {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === 47 && regexAllowed()) {
      let inClass = false;
      for (i++; i < n; i++) {
        const r = src.charCodeAt(i);
        if (r === 92) i++;
        else if (isLineEnd(r)) break;
        else if (r === 91) inClass = true;
        else if (r === 93) inClass = false;
        else if (r === 47 && !inClass) break;
      }
      i++;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      push(T_OTHER, '', depth);
    } else if (c === 39 || c === 34) {
      const start = ++i;
      while (i < n) {
        const s = src.charCodeAt(i);
        if (s === c || isLineEnd(s)) break;
        i += s === 92 ? 2 : 1;
      }
      push(T_STR, decodeString(src.slice(start, i)), depth);
      i++;
    } else if (c === 96) {
      i++;
      push(T_OTHER, '', depth);
      template();
    } else if (isIdStart(c)) {
      const start = i;
      while (i < n && isIdPart(src.charCodeAt(i))) i++;
      push(T_ID, src.slice(start, i), depth);
    } else if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 &&
               src.charCodeAt(i + 1) <= 57)) {
      const radix = c === 48 && /[xXbBoO]/.test(src[i + 1] || '');
      for (i++; i < n; i++) {
        const d = src.charCodeAt(i);
        // The sign of an exponent, as in 1e+5, is part of the number.
        if (!radix && (d === 43 || d === 45) && (src.charCodeAt(i - 1) | 0x20) === 101) continue;
        if (!isIdPart(d) && d !== 46) break;
      }
      push(T_OTHER, '', depth);
    } else if (c === 125 && templateDepths.length > 0 &&
               templateDepths[templateDepths.length - 1] === depth - 1) {
      templateDepths.pop();
      depth--;
      i++;
      template();
    } else {
      let p = src.slice(i, i + 4);
      if (p === '>>>=') {
        i += 4;
      } else if (kPunct3.has(p = src.slice(i, i + 3))) {
        i += 3;
      } else if (kPunct2.has(p = src.slice(i, i + 2))) {
        i += 2;
      } else {
        p = src[i++];
      }
      if (p === '(' || p === '[' || p === '{') {
        if (p === '(') {
          const k = last();
          parenIsKeyword.push(k >= 0 && types[k] === T_ID && kParenKeywords.has(values[k]));
        }
        push(T_PUNCT, p, depth);
        depth++;
      } else if (p === ')' || p === ']' || p === '}') {
        if (depth > 0) depth--;
        if (p === ')') lastClosedKeywordParen = parenIsKeyword.pop() === true;
        push(T_PUNCT, p, depth);
      } else {
        push(T_PUNCT, p, depth);
      }
    }
  }
  return { types, values, depths };
}

module.exports = { tokenize, T_ID, T_STR, T_PUNCT, T_OTHER };
