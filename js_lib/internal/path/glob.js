'use strict';
// path.matchesGlob(path, pattern): minimatch's matching with the options
// Node 20 passes (windowsPathsNoEscape, nonegate, nocomment, case-sensitive,
// optimizationLevel 2, platform posix or win32). The pattern is brace-
// expanded, split into segments, simplified ('.', '', 'x/..' and repeated
// '**' removed), then matched segment by segment; '**' spans any number of
// segments that are not dot-files.

const { braceExpand } = require('internal/path/glob_braces');
const { compileSegment } = require('internal/path/glob_ast');

const GLOBSTAR = Symbol('globstar **');
const kMaxPatternLength = 64 * 1024;

function splitSlashes(p, windows) {
  if (windows && /^\/\/[^/]+/.test(p)) return ['', ...p.split(/\/+/)];
  return p.split(/\/+/);
}

// <pre>/<e>/<rest> -> <pre>/<rest> for <e> '.' or '' (a leading '' is the
// root, a second leading '' a UNC path). Returns true if it changed parts.
function dropEmptyAndDot(parts) {
  let changed = false;
  for (let i = 1; i < parts.length - 1; i++) {
    const p = parts[i];
    if (i === 1 && p === '' && parts[0] === '') continue;
    if (p === '.' || p === '') {
      changed = true;
      parts.splice(i, 1);
      i--;
    }
  }
  if (parts[0] === '.' && parts.length === 2 && (parts[1] === '.' || parts[1] === '')) {
    changed = true;
    parts.pop();
  }
  return changed;
}

function isPlainPart(p) {
  return p && p !== '.' && p !== '..' && p !== '**';
}

// The path's own segments get the same '.', '' and 'x/..' reduction.
function simplifyFile(parts) {
  let changed;
  do {
    changed = dropEmptyAndDot(parts);
    for (let dd = 0; (dd = parts.indexOf('..', dd + 1)) !== -1;) {
      if (isPlainPart(parts[dd - 1])) {
        changed = true;
        parts.splice(dd - 1, 2);
        dd -= 2;
      }
    }
  } while (changed);
  return parts.length === 0 ? [''] : parts;
}

// Per pattern: collapse '**/**', split '**/../p/q' into '../p/q' and
// '**/p/q', drop '.', '' and 'x/..'. May add patterns to `list`.
function simplifyPatterns(list) {
  let changed;
  do {
    changed = false;
    for (const parts of list) {
      for (let gs = -1; (gs = parts.indexOf('**', gs + 1)) !== -1;) {
        let last = gs;
        while (parts[last + 1] === '**') last++;
        if (last > gs) parts.splice(gs + 1, last - gs);
        const p = parts[gs + 2];
        const p2 = parts[gs + 3];
        if (parts[gs + 1] !== '..' || !p || p === '.' || p === '..' ||
            !p2 || p2 === '.' || p2 === '..') {
          continue;
        }
        changed = true;
        parts.splice(gs, 1);
        const other = parts.slice(0);
        other[gs] = '**';
        list.push(other);
        gs--;
      }
      if (dropEmptyAndDot(parts)) changed = true;
      for (let dd = 0; (dd = parts.indexOf('..', dd + 1)) !== -1;) {
        if (!isPlainPart(parts[dd - 1])) continue;
        changed = true;
        const needDot = dd === 1 && parts[dd + 1] === '**';
        parts.splice(dd - 1, 2, ...(needDot ? ['.'] : []));
        if (parts.length === 0) parts.push('');
        dd -= 2;
      }
    }
  } while (changed);
  return list;
}

// Merges two patterns when one covers the other ('*' vs a name, '**' vs
// nothing); returns the merged parts or false.
function mergeParts(a, b) {
  let ai = 0;
  let bi = 0;
  const result = [];
  let which = '';
  while (ai < a.length && bi < b.length) {
    if (a[ai] === b[bi]) {
      result.push(which === 'b' ? b[bi] : a[ai]);
      ai++;
      bi++;
    } else if (a[ai] === '**' && b[bi] === a[ai + 1]) {
      result.push(a[ai]);
      ai++;
    } else if (b[bi] === '**' && a[ai] === b[bi + 1]) {
      result.push(b[bi]);
      bi++;
    } else if (a[ai] === '*' && b[bi] && !b[bi].startsWith('.') && b[bi] !== '**') {
      if (which === 'b') return false;
      which = 'a';
      result.push(a[ai]);
      ai++;
      bi++;
    } else if (b[bi] === '*' && a[ai] && !a[ai].startsWith('.') && a[ai] !== '**') {
      if (which === 'a') return false;
      which = 'b';
      result.push(b[bi]);
      ai++;
      bi++;
    } else {
      return false;
    }
  }
  return a.length === b.length && result;
}

function dedupePatterns(list) {
  for (let i = 0; i < list.length - 1; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const merged = mergeParts(list[i], list[j]);
      if (merged) {
        list[i] = [];
        list[j] = merged;
        break;
      }
    }
  }
  return list.filter((parts) => parts.length);
}

function compile(parts) {
  return parts.map((p) => (p === '**' ? GLOBSTAR : p === '' ? '' : compileSegment(p)));
}

const isDrive = (s) => typeof s === 'string' && /^[a-z]:$/i.test(s);

function matchOne(file, pattern, windows) {
  if (windows) {
    // Drive letters compare case-insensitively, also inside //?/X:/ paths.
    const fileDrive = isDrive(file[0]);
    const fileUnc = !fileDrive && file[0] === '' && file[1] === '' && file[2] === '?' &&
      isDrive(file[3]);
    const patternDrive = isDrive(pattern[0]);
    const patternUnc = !patternDrive && pattern[0] === '' && pattern[1] === '' &&
      pattern[2] === '?' && isDrive(pattern[3]);
    const fdi = fileUnc ? 3 : fileDrive ? 0 : undefined;
    const pdi = patternUnc ? 3 : patternDrive ? 0 : undefined;
    if (fdi !== undefined && pdi !== undefined &&
        file[fdi].toLowerCase() === pattern[pdi].toLowerCase()) {
      pattern[pdi] = file[fdi];
      if (pdi > fdi) pattern = pattern.slice(pdi);
      else if (fdi > pdi) file = file.slice(fdi);
    }
  }
  file = simplifyFile(file);
  const isDotLike = (f) => f === '.' || f === '..' || f[0] === '.';
  let fi = 0;
  let pi = 0;
  for (; fi < file.length && pi < pattern.length; fi++, pi++) {
    const p = pattern[pi];
    const f = file[fi];
    if (p === GLOBSTAR) {
      if (pi + 1 === pattern.length) {
        // A trailing '**' takes the rest, unless it holds a dot-file.
        for (; fi < file.length; fi++) if (isDotLike(file[fi])) return false;
        return true;
      }
      for (let fr = fi; fr < file.length; fr++) {
        if (matchOne(file.slice(fr), pattern.slice(pi + 1), windows)) return true;
        if (isDotLike(file[fr])) break;
      }
      return false;
    }
    const hit = typeof p === 'string' ? f === p : p.test(f);
    if (!hit) return false;
  }
  if (fi === file.length && pi === pattern.length) return true;
  if (fi === file.length) return false;
  // 'a/b' matches 'a/b/'.
  return fi === file.length - 1 && file[fi] === '';
}

function match(path, pattern, windows) {
  if (pattern.length > kMaxPatternLength) throw new TypeError('pattern is too long');
  pattern = pattern.replace(/\\/g, '/');
  if (!pattern) return path === '';
  const expanded = [...new Set(braceExpand(pattern))];
  const globParts = dedupePatterns(simplifyPatterns(
    expanded.map((s) => splitSlashes(s, windows))));
  const set = globParts.map(compile);
  if (windows) {
    for (let i = 0; i < set.length; i++) {
      const p = set[i];
      if (p[0] === '' && p[1] === '' && globParts[i][2] === '?' && isDrive(p[3])) p[2] = '?';
    }
  }
  if (windows) path = path.split('\\').join('/');
  const file = splitSlashes(path, windows);
  return set.some((pat) => matchOne(file, pat, windows));
}

module.exports = { match };
