'use strict';
// The parse tree of one glob segment with extglobs (minimatch's AST): a
// node is plain text parts (type null) or an extglob '@', '?', '*', '+', '!'
// whose parts are alternatives. compileSegment() turns a segment into a
// literal string or an anchored RegExp. A '!(...)' must fail on the rest of
// the segment too, so each negation gets a copy of what follows it
// (fillNegations) before compiling.

const {
  globText, unescape, kStar, kStarNoEmpty, kStartNoDot, kStartNoTraversal, kPatternStart,
  kExtglobTypes,
} = require('internal/path/glob_segment');

class GlobAst {
  constructor(type, parent) {
    this.type = type;
    this.magic = type ? true : undefined;
    this.parent = parent;
    this.root = parent ? parent.root : this;
    this.parts = [];
    this.negs = parent ? this.root.negs : [];
    this.filledNegs = false;
    this.emptyExt = false;  // an extglob with nothing inside: '!()'
    this.unicode = false;
    this.parentIndex = parent ? parent.parts.length : 0;
    this.text = undefined;
    if (type === '!' && !this.root.filledNegs) this.negs.push(this);
  }

  hasMagic() {
    if (this.magic !== undefined) return this.magic;
    for (const p of this.parts) {
      if (typeof p !== 'string' && (p.type || p.hasMagic())) return (this.magic = true);
    }
    return this.magic;
  }

  toString() {
    if (this.text === undefined) {
      this.text = this.type ?
        `${this.type}(${this.parts.map(String).join('|')})` : this.parts.map(String).join('');
    }
    return this.text;
  }

  push(...parts) {
    for (const p of parts) if (p !== '') this.parts.push(p);
  }

  copyIn(part) {
    this.push(typeof part === 'string' ? part : part.clone(this));
  }

  clone(parent) {
    const copy = new GlobAst(this.type, parent);
    for (const p of this.parts) copy.copyIn(p);
    return copy;
  }

  isStart() {
    if (this.root === this) return true;
    if (!this.parent.isStart()) return false;
    for (let i = 0; i < this.parentIndex; i++) {
      const p = this.parent.parts[i];
      if (!(p instanceof GlobAst && p.type === '!')) return false;
    }
    return true;
  }

  isEnd() {
    if (this.root === this) return true;
    if (this.parent.type === '!') return true;
    if (!this.parent.isEnd()) return false;
    if (!this.type) return true;
    return this.parentIndex === this.parent.parts.length - 1;
  }

  // Appends to every alternative of each '!(...)' the pattern that follows
  // it, up the tree.
  fillNegations() {
    if (this.filledNegs) return;
    this.toString();
    this.filledNegs = true;
    let neg;
    while ((neg = this.negs.pop()) !== undefined) {
      if (neg.type !== '!') continue;
      let node = neg;
      for (let up = node.parent; up; node = up, up = node.parent) {
        for (let i = node.parentIndex + 1; !up.type && i < up.parts.length; i++) {
          for (const alt of neg.parts) alt.copyIn(up.parts[i]);
        }
      }
    }
  }

  // [regexp source, literal text, magic, needsUnicode]
  toRegExpSource(allowDot) {
    const dot = allowDot ?? false;
    if (this.root === this) this.fillNegations();
    if (!this.type) return this.textSource(allowDot, dot);

    const repeated = this.type === '*' || this.type === '+';
    const open = this.type === '!' ? '(?:(?!(?:' : '(?:';
    let body = this.alternatives(dot);
    if (this.isStart() && this.isEnd() && !body && this.type !== '!') {
      // A lone empty extglob like '@()' is literal text.
      const s = this.toString();
      this.parts = [s];
      this.type = null;
      this.magic = undefined;
      return [s, unescape(this.toString()), false, false];
    }
    // '*(..)' and '+(..)' may match a leading dot after their first round.
    let bodyDotAllowed = !repeated || allowDot || dot ? '' : this.alternatives(true);
    if (bodyDotAllowed === body) bodyDotAllowed = '';
    if (bodyDotAllowed) body = `(?:${body})(?:${bodyDotAllowed})*?`;
    let final;
    if (this.type === '!' && this.emptyExt) {
      final = (this.isStart() && !dot ? kStartNoDot : '') + kStarNoEmpty;
    } else {
      let close;
      if (this.type === '!') {
        // !() must match something, but !(x) can match ''.
        close = `))${this.isStart() && !dot && !allowDot ? kStartNoDot : ''}${kStar})`;
      } else if (this.type === '@') {
        close = ')';
      } else if (this.type === '?') {
        close = ')?';
      } else if (bodyDotAllowed) {
        close = this.type === '+' ? ')' : ')?';
      } else {
        close = `)${this.type}`;
      }
      final = open + body + close;
    }
    return [final, unescape(body), (this.magic = !!this.magic), this.unicode];
  }

  textSource(allowDot, dot) {
    const noEmpty = this.isStart() && this.isEnd() && !this.parts.some((s) => typeof s !== 'string');
    const src = this.parts.map((p) => {
      const [re, , magic, unicode] = typeof p === 'string' ?
        globTextSource(p, this.magic, noEmpty) : p.toRegExpSource(allowDot);
      this.magic = this.magic || magic;
      this.unicode = this.unicode || unicode;
      return re;
    }).join('');
    let start = '';
    if (this.isStart() && typeof this.parts[0] === 'string') {
      const justDots = this.parts.length === 1 && (this.parts[0] === '.' || this.parts[0] === '..');
      if (!justDots) {
        const noTraversal = (dot && kPatternStart.has(src[0])) ||
          (src.startsWith('\\.') && kPatternStart.has(src[2])) ||
          (src.startsWith('\\.\\.') && kPatternStart.has(src[4]));
        const noDot = !dot && !allowDot && kPatternStart.has(src[0]);
        start = noTraversal ? kStartNoTraversal : noDot ? kStartNoDot : '';
      }
    }
    const end = this.isEnd() && this.root.filledNegs && this.parent?.type === '!' ? '(?:$|\\/)' : '';
    return [start + src + end, unescape(src), (this.magic = !!this.magic), this.unicode];
  }

  alternatives(dot) {
    const both = this.isStart() && this.isEnd();
    return this.parts.map((p) => {
      const [re, , , unicode] = p.toRegExpSource(dot);
      this.unicode = this.unicode || unicode;
      return re;
    }).filter((re) => !both || !!re).join('|');
  }
}

function globTextSource(glob, magic, noEmpty) {
  const [re, isMagic, unicode] = globText(glob, magic, noEmpty);
  return [re, unescape(glob), isMagic, unicode];
}

// Tracks '[...]' so that '(' and '|' inside a class are plain characters.
class ClassTracker {
  constructor() {
    this.inClass = false;
    this.start = -1;
    this.negated = false;
  }

  // `i` is the index just after character `c`; true when `c` is class text.
  consume(c, i) {
    if (this.inClass) {
      if (i === this.start + 1) {
        if (c === '^' || c === '!') this.negated = true;
      } else if (c === ']' && !(i === this.start + 2 && this.negated)) {
        this.inClass = false;
      }
      return true;
    }
    if (c === '[') {
      this.inClass = true;
      this.start = i;
      this.negated = false;
      return true;
    }
    return false;
  }
}

// Parses str from pos into `ast`; returns the index after what it used.
function parse(str, ast, pos) {
  const classes = new ClassTracker();
  if (ast.type === null) {
    let i = pos;
    let acc = '';
    while (i < str.length) {
      const c = str[i++];
      if (!classes.consume(c, i) && kExtglobTypes.has(c) && str[i] === '(') {
        ast.push(acc);
        acc = '';
        const ext = new GlobAst(c, ast);
        i = parse(str, ext, i);
        ast.push(ext);
        continue;
      }
      acc += c;
    }
    ast.push(acc);
    return i;
  }
  let i = pos + 1;
  let part = new GlobAst(null, ast);
  const parts = [];
  let acc = '';
  while (i < str.length) {
    const c = str[i++];
    if (classes.consume(c, i)) {
      acc += c;
    } else if (kExtglobTypes.has(c) && str[i] === '(') {
      part.push(acc);
      acc = '';
      const ext = new GlobAst(c, part);
      part.push(ext);
      i = parse(str, ext, i);
    } else if (c === '|') {
      part.push(acc);
      acc = '';
      parts.push(part);
      part = new GlobAst(null, ast);
    } else if (c === ')') {
      if (acc === '' && ast.parts.length === 0) ast.emptyExt = true;
      part.push(acc);
      ast.push(...parts, part);
      return i;
    } else {
      acc += c;
    }
  }
  // No closing ')': the extglob is literal text.
  ast.type = null;
  ast.magic = undefined;
  ast.parts = [str.substring(pos - 1)];
  return i;
}

// A segment -> its literal text (no magic) or an anchored RegExp.
function compileSegment(segment) {
  const ast = new GlobAst(null, undefined);
  parse(segment, ast, 0);
  const [re, body, magic, unicode] = ast.toRegExpSource();
  if (!magic && !ast.magic) return body;
  const flags = unicode ? 'u' : '';
  try {
    return new RegExp(`^${re}$`, flags);
  } catch (err) {
    // Some class sources are invalid with the u flag, as in Node; name the
    // flags in the message as Node's V8 does.
    const prefix = `Invalid regular expression: /^${re}$/: `;
    if (flags && err instanceof SyntaxError && err.message.startsWith(prefix)) {
      throw new SyntaxError(`Invalid regular expression: /^${re}$/${flags}: ` +
                            err.message.slice(prefix.length));
    }
    throw err;
  }
}

module.exports = { compileSegment };
