'use strict';
// Finds the source text of the call expression at a stack frame's position,
// for "The expression evaluated to a falsy value:\n\n  assert.ok(x)\n".
// Node parses with acorn; this is a small tokenizer plus bracket matching
// that finds the same text for ordinary calls:
//   V8 reports a call at its callee name (`ok` in `assert.ok(x)`, `assert`
//   in `assert(x)`) or at the opening parenthesis (`a['ok'](x)`). The call
//   runs from the start of its member chain (`assert`) to the matching ')'.
// Like Node, only the code from the frame's line on is looked at: a chain
// that starts on an earlier line is cut at this line.

const kKeywordsBeforeRegex = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw',
  'case', 'do', 'else', 'yield', 'await',
]);
// Words that can precede '(' without being a callee.
const kNotCallee = new Set([
  'if', 'while', 'for', 'switch', 'catch', 'with', 'return', 'typeof', 'void',
  'delete', 'throw', 'case', 'in', 'of', 'instanceof', 'new', 'do', 'else', 'yield',
  'await', 'function', 'class', 'extends', 'let', 'const', 'var',
]);

const kIdentStart = /[A-Za-z$_\\\u0080-\uffff#]/;
const kIdentPart = /[A-Za-z0-9$_\\\u0080-\uffff]/;
const kSpace = /[\s\ufeff]/;
const kNumber = /(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?/y;

function regexAllowedAfter(prev) {
  if (prev === undefined) return true;
  if (prev.type === 'name') return kKeywordsBeforeRegex.has(prev.value);
  if (prev.type !== 'punc') return false;
  return prev.value !== ')' && prev.value !== ']' && prev.value !== '}';
}

// Returns the index after the whitespace and comments at `i`.
function skipTrivia(code, i) {
  const len = code.length;
  while (i < len) {
    const ch = code[i];
    if (kSpace.test(ch)) {
      i++;
    } else if (ch === '/' && code[i + 1] === '/') {
      while (i < len && code[i] !== '\n' && code[i] !== '\r') i++;
    } else if (ch === '/' && code[i + 1] === '*') {
      const close = code.indexOf('*/', i + 2);
      i = close === -1 ? len : close + 2;
    } else {
      break;
    }
  }
  return i;
}

function skipQuoted(code, i, quote) {
  for (i++; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n') return i;
  }
  return i;
}

function skipRegex(code, i) {
  let inClass = false;
  for (i++; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) break;
    else if (ch === '\n') return i;
  }
  i++;
  while (i < code.length && kIdentPart.test(code[i])) i++;
  return i;
}

// A template literal, with its `${...}` parts, is one token.
function skipTemplate(code, i) {
  for (i++; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '`') {
      return i + 1;
    } else if (ch === '$' && code[i + 1] === '{') {
      i = skipBraces(code, i + 2) - 1;
    }
  }
  return i;
}

// From just inside a '{', returns the index after its matching '}'.
function skipBraces(code, i) {
  let depth = 0;
  let prev;
  for (;;) {
    const token = readToken(code, i, prev);
    if (token === null) return code.length;
    i = token.end;
    if (token.type === 'punc') {
      if (token.value === '{') depth++;
      else if (token.value === '}' && depth-- === 0) return i;
    }
    prev = token;
  }
}

// The token at or after `i`, or null at the end.
function readToken(code, i, prev) {
  i = skipTrivia(code, i);
  if (i >= code.length) return null;
  const start = i;
  const ch = code[i];
  if (ch === '"' || ch === "'") return { type: 'str', start, end: skipQuoted(code, i, ch) };
  if (ch === '`') return { type: 'tmpl', start, end: skipTemplate(code, i) };
  if (ch >= '0' && ch <= '9' || (ch === '.' && code[i + 1] >= '0' && code[i + 1] <= '9')) {
    kNumber.lastIndex = i;
    kNumber.test(code);
    return { type: 'num', start, end: Math.max(kNumber.lastIndex, i + 1) };
  }
  if (kIdentStart.test(ch)) {
    for (i++; i < code.length && kIdentPart.test(code[i]); i++) {
      if (code[i] === '\\') i++;
    }
    return { type: 'name', value: code.slice(start, i), start, end: i };
  }
  if (ch === '/' && regexAllowedAfter(prev)) return { type: 'regex', start, end: skipRegex(code, i) };
  let value = ch;
  if (ch === '?' && code[i + 1] === '.' && !(code[i + 2] >= '0' && code[i + 2] <= '9')) {
    value = '?.';
  } else if (ch === '.' && code[i + 1] === '.' && code[i + 2] === '.') {
    value = '...';
  } else if (ch === '=' && code[i + 1] === '>') {
    value = '=>';
  }
  return { type: 'punc', value, start, end: start + value.length };
}

function isPunc(token, value) {
  return token !== undefined && token.type === 'punc' && token.value === value;
}

// Index of the bracket matching tokens[k] (an opener when dir is 1).
function matchBracket(tokens, k, dir) {
  const open = tokens[k].value;
  const close = { '(': ')', '[': ']', ')': '(', ']': '[' }[open];
  let depth = 0;
  for (let j = k; j >= 0 && j < tokens.length; j += dir) {
    const t = tokens[j];
    if (t.type !== 'punc') continue;
    if (t.value === open) depth++;
    else if (t.value === close && --depth === 0) return j;
  }
  return -1;
}

// The first token of the member/call chain whose last token is tokens[k].
function chainStart(tokens, k) {
  for (;;) {
    const token = tokens[k];
    if (isPunc(token, ')') || isPunc(token, ']')) {
      const open = matchBracket(tokens, k, -1);
      if (open === -1) return -1;
      const before = tokens[open - 1];
      if (isPunc(before, '?.')) {
        if (open - 2 < 0) return open;
        k = open - 2;
      } else if (before !== undefined &&
                 ((before.type === 'name' && !kNotCallee.has(before.value)) ||
                  isPunc(before, ')') || isPunc(before, ']') ||
                  (isPunc(token, ']') && (before.type === 'str' || before.type === 'tmpl')))) {
        k = open - 1;  // a call `f(...)` or a computed member `a[...]`
      } else {
        return open;   // a parenthesized expression or array literal
      }
      continue;
    }
    if (token.type === 'punc') return -1;
    const before = tokens[k - 1];
    if ((isPunc(before, '.') || isPunc(before, '?.')) && k - 2 >= 0) {
      k -= 2;
      continue;
    }
    return k;
  }
}

// Returns [column of the call's start, call text] for the call expression
// whose callee (or argument list) starts at `offset` in `code`, or null.
function findCallAt(code, offset) {
  const tokens = [];
  let at = -1;
  let prev;
  let pos = 0;
  for (;;) {
    const token = readToken(code, pos, prev);
    if (token === null) break;
    tokens.push(token);
    if (token.start === offset) at = tokens.length - 1;
    if (token.start > offset && at === -1) return null;
    pos = token.end;
    prev = token;
    if (at !== -1 && tokens.length - at > 2) break;
  }
  if (at === -1) return null;

  // The argument list: at the reported position, or just after the name.
  let open;
  if (isPunc(tokens[at], '(')) {
    open = at;
  } else if (tokens[at].type === 'name' && isPunc(tokens[at + 1], '(')) {
    open = at + 1;
  } else if (tokens[at].type === 'name' && isPunc(tokens[at + 1], '?.') &&
             isPunc(tokens[at + 2], '(')) {
    open = at + 2;
  } else {
    return null;
  }
  let calleeEnd = open - 1;
  if (isPunc(tokens[calleeEnd], '?.')) calleeEnd--;
  if (calleeEnd < 0) return null;
  const first = chainStart(tokens, calleeEnd);
  if (first === -1) return null;

  // Tokenize on to the closing parenthesis.
  let depth = 0;
  let k = open;
  for (;;) {
    while (k >= tokens.length) {
      const token = readToken(code, pos, prev);
      if (token === null) return null;
      tokens.push(token);
      pos = token.end;
      prev = token;
    }
    const t = tokens[k];
    if (isPunc(t, '(')) depth++;
    else if (isPunc(t, ')') && --depth === 0) break;
    k++;
  }
  const start = tokens[first].start;
  return [start, code.slice(start, tokens[k].end)];
}

module.exports = { findCallAt };
