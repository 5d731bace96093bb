'use strict';
// Brace expansion for path.matchesGlob, as minimatch (brace-expansion)
// does it: 'a{b,c}d' -> ['abd', 'acd'], '{1..3}' -> ['1', '2', '3'],
// '{a..e..2}', zero padding ('{01..10}'), nesting, and '${...}' kept as is.
// Patterns reach here with backslashes already turned into '/', so there is
// no escaping to handle.

const kMaxExpansions = 1e5;
// Stand-ins for literal braces while expanding.
const kOpen = '\u{F0000}';
const kClose = '\u{F0001}';

// [start, end] of the first balanced '{...}' pair, as balanced-match finds
// it (falling back to the leftmost inner pair when braces are unbalanced).
function balancedRange(str) {
  let ai = str.indexOf('{');
  let bi = str.indexOf('}', ai + 1);
  if (ai < 0 || bi <= 0) return null;
  const starts = [];
  let left = str.length;
  let right;
  let i = ai;
  while (i >= 0) {
    if (i === ai) {
      starts.push(i);
      ai = str.indexOf('{', i + 1);
    } else if (starts.length === 1) {
      return [starts.pop(), bi];
    } else {
      const start = starts.pop();
      if (start !== undefined && start < left) {
        left = start;
        right = bi;
      }
      bi = str.indexOf('}', i + 1);
    }
    i = ai < bi && ai >= 0 ? ai : bi;
  }
  return starts.length && right !== undefined ? [left, right] : null;
}

function balanced(str) {
  const range = balancedRange(str);
  if (range === null) return null;
  return {
    pre: str.slice(0, range[0]),
    body: str.slice(range[0] + 1, range[1]),
    post: str.slice(range[1] + 1),
  };
}

// Top-level comma-separated parts of a brace body.
function commaParts(str) {
  if (!str) return [''];
  const m = balanced(str);
  if (!m) return str.split(',');
  const parts = m.pre.split(',');
  parts[parts.length - 1] += `{${m.body}}`;
  const postParts = commaParts(m.post);
  if (m.post.length) {
    parts[parts.length - 1] += postParts.shift();
    parts.push(...postParts);
  }
  return parts;
}

function numeric(str) {
  return !Number.isNaN(Number(str)) ? Number.parseInt(str, 10) : str.charCodeAt(0);
}

// The members of a sequence body 'x..y[..step]'.
function sequence(parts, alpha) {
  const x = numeric(parts[0]);
  const y = numeric(parts[1]);
  const width = Math.max(parts[0].length, parts[1].length);
  let step = parts.length === 3 ? Math.abs(numeric(parts[2])) : 1;
  const reverse = y < x;
  if (reverse) step = -step;
  const pad = parts.some((el) => /^-?0\d/.test(el));
  const out = [];
  for (let i = x; reverse ? i >= y : i <= y; i += step) {
    let c;
    if (alpha) {
      c = String.fromCharCode(i);
      if (c === '\\') c = '';
    } else {
      c = String(i);
      if (pad && width > c.length) {
        const zeros = '0'.repeat(width - c.length);
        c = i < 0 ? `-${zeros}${c.slice(1)}` : zeros + c;
      }
    }
    out.push(c);
    if (step === 0) break;
  }
  return out;
}

function expandInner(str, isTop) {
  const m = balanced(str);
  if (!m) return [str];
  const post = m.post.length ? expandInner(m.post, false) : [''];
  const out = [];
  if (m.pre.endsWith('$')) {
    for (let k = 0; k < post.length && k < kMaxExpansions; k++) {
      out.push(`${m.pre}{${m.body}}${post[k]}`);
    }
    return out;
  }
  const isNumeric = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
  const isAlpha = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
  const isSequence = isNumeric || isAlpha;
  if (!isSequence && !m.body.includes(',')) {
    // Not an expansion: keep this '}' literal and look further right.
    if (/,(?!,).*\}/.test(m.post)) return expandInner(`${m.pre}{${m.body}${kClose}${m.post}`, true);
    return [str];
  }
  let members;
  if (isSequence) {
    members = sequence(m.body.split('..'), isAlpha);
  } else {
    let parts = commaParts(m.body);
    if (parts.length === 1) {
      parts = expandInner(parts[0], false).map((s) => `{${s}}`);
      if (parts.length === 1) return post.map((p) => m.pre + parts[0] + p);
    }
    members = [];
    for (const part of parts) members.push(...expandInner(part, false));
  }
  for (const member of members) {
    for (let k = 0; k < post.length && out.length < kMaxExpansions; k++) {
      const expansion = m.pre + member + post[k];
      if (!isTop || isSequence || expansion) out.push(expansion);
    }
  }
  return out;
}

function braceExpand(pattern) {
  if (!/\{(?:(?!\{).)*\}/.test(pattern)) return [pattern];
  if (pattern.startsWith('{}')) pattern = `${kOpen}${kClose}${pattern.slice(2)}`;
  const unmark = (s) => s.replaceAll(kOpen, '{').replaceAll(kClose, '}');
  return expandInner(pattern, true).map(unmark);
}

module.exports = { braceExpand };
