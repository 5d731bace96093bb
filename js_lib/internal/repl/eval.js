'use strict';
// The REPL's default eval: runs code as a script in the global scope (each
// input a file named REPL<n>), tells incomplete input (wait for more lines)
// from real syntax errors, reads `{ ... }` as an object literal, and runs
// code with top-level `await` inside an async function.

const { inspect } = require('internal/util/inspect');

// Raised to the line handler for input that may be completed by more lines.
class Recoverable extends SyntaxError {
  constructor(err) {
    super();
    this.err = err;
  }
}

let resourceNumber = 0;
function nextResourceName() {
  return `REPL${++resourceNumber}`;
}

function contextify() {
  return binding('contextify');
}

// What `code` leaves open at its end, so that more input could complete it:
// 'comment', 'bracket' (also an open template), 'string' (continued with a
// backslash), or '' for nothing. Regexp
// literals are recognized where an operand may start.
function openAtEnd(code) {
  const stack = [];  // open '(', '[', '{', '${' and '`'
  let i = 0;
  let operandNext = true;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (stack[stack.length - 1] === '`') {
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '`') {
        stack.pop();
        operandNext = false;
      } else if (c === '$' && code[i + 1] === '{') {
        stack.push('${');
        i++;
      }
      i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      if (end === -1) return 'comment';
      i = end + 2;
      continue;
    }
    if (c === '"' || c === '\'') {
      i++;
      while (i < n && code[i] !== c && code[i] !== '\n') i += code[i] === '\\' ? 2 : 1;
      // Past the end: the last line ended in a backslash (a continuation).
      if (i >= n) return 'string';
      if (code[i] === '\n') return '';  // an unterminated string is an error
      i++;
      operandNext = false;
      continue;
    }
    if (c === '/' && operandNext) {
      // A regexp literal: skip to its closing slash, outside classes.
      let inClass = false;
      i++;
      while (i < n && code[i] !== '\n' && (inClass || code[i] !== '/')) {
        if (code[i] === '\\') i++;
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        i++;
      }
      i++;
      operandNext = false;
      continue;
    }
    if (/[\w$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(code[j])) j++;
      operandNext = kOperandAfter.test(code.slice(i, j));
      i = j;
      continue;
    }
    if (c === '`' || c === '(' || c === '[' || c === '{') {
      stack.push(c);
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.length === 0) return '';
      stack.pop();
    }
    if (!/\s/.test(c)) operandNext = !(c === ')' || c === ']' || c === '}');
    i++;
  }
  return stack.length > 0 ? 'bracket' : '';
}
// Keywords after which an operand (maybe a regexp literal) follows.
const kOperandAfter =
  /^(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

// Whether more lines could make `code` valid, from V8's message.
function isRecoverableError(err, code) {
  if (!(err instanceof SyntaxError)) return false;
  switch (err.message) {
    case 'Unexpected end of input':
    case 'Unterminated template literal':
      return true;
    case 'missing ) after argument list':
      return openAtEnd(code) === 'bracket';
    case 'Invalid or unexpected token': {
      const open = openAtEnd(code);
      return open === 'comment' || open === 'string';
    }
  }
  return false;
}

// A SyntaxError raised while compiling (not thrown by the code itself): the
// stack has no frame inside a REPL script.
function isCompileError(err) {
  return err instanceof SyntaxError && !/^\s+at .*\bREPL\d+:\d+:\d+\)?$/m.test(err.stack);
}

function isValidSyntax(code) {
  try {
    contextify().compileFunction(code, 'repl-syntax-check', []);
    return true;
  } catch {
    return false;
  }
}

function isObjectLiteral(code) {
  return /^\s*{/.test(code) && /}\s*$/.test(code);
}

// Names a declaration pattern binds: `x`, `{ a, b: c, ...d }`, `[e, f = 1]`.
function boundNames(pattern) {
  if (/^[\w$]+$/.test(pattern)) return [pattern];
  return pattern.replace(/^[{[]|[}\]]$/g, '').replace(/=[^,]*/g, '').split(',')
    .map((part) => part.split(':').pop().replace('...', '').trim())
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
}

// Code with a top-level `await`, as an async function call resolving to
// { value } of the last expression, with declarations hoisted to the global
// scope; null when it does not compile that way either.
function wrapTopLevelAwait(code) {
  if (!/\bawait\b/.test(code)) return null;
  const body = code.trim().replace(/;$/, '');
  const candidates = [];
  const decl = /^(var|let|const)\s+([\w$]+|\{[^}]*\}|\[[^\]]*\])\s*=\s*([\s\S]+)$/.exec(body);
  if (decl !== null && !/;/.test(decl[3])) {
    const names = boundNames(decl[2]);
    const hoist = names.length ? `${decl[1] === 'var' ? 'var' : 'let'} ${names.join(', ')};` : '';
    candidates.push({
      hoist,
      wrapped: `(async () => { void (${decl[2]} = (${decl[3]})); })()`,
    });
  }
  candidates.push({ hoist: '', wrapped: `(async () => { return { value: (${body}) }; })()` });
  candidates.push({ hoist: '', wrapped: `(async () => { ${code}\n})()` });
  for (const c of candidates) {
    if (isValidSyntax(c.wrapped)) return c;
  }
  return null;
}

// Runs `code`; cb(err) or cb(null, result). `self` is the REPLServer (for
// pausing input while a top-level await is pending).
function defaultEval(self, code, context, file, cb) {
  const input = code;
  let wrapped = false;
  if (isObjectLiteral(code) && isValidSyntax(`(${code})`)) {
    code = `(${code.trim()})\n`;
    wrapped = true;
  }
  if (code === '\n') return cb(null);

  let result;
  try {
    result = contextify().runScript(code, file);
  } catch (e) {
    if (!isCompileError(e)) return cb(e);
    let err = e;
    if (wrapped) {
      try {
        return cb(null, contextify().runScript(input, file));
      } catch (e2) {
        if (!isCompileError(e2)) return cb(e2);
        err = e2;
      }
    }
    const awaited = wrapTopLevelAwait(input);
    if (awaited === null) {
      if (isRecoverableError(err, input)) return cb(new Recoverable(err));
      // Errors of instantiation (a redeclared let) come with no source line.
      return cb(isValidSyntax(input) ? err : decorate(err));
    }
    return runAwait(self, awaited, file, cb);
  }
  cb(null, result);
}

function runAwait(self, { hoist, wrapped }, file, cb) {
  let promise;
  try {
    if (hoist) contextify().runScript(hoist, file);
    promise = contextify().runScript(wrapped, file);
  } catch (e) {
    return cb(e);
  }
  self.pauseInput();
  promise.then((result) => {
    cb(null, result?.value);
  }, (err) => {
    cb(err);
  }).finally(() => self.unpauseInput());
}

// A compile error carries the source line and carets, as node prints them.
function decorate(err) {
  try {
    const source = binding('errors').getErrorSource(err);
    if (source && typeof err.stack === 'string') err.stack = `${source}\n${err.stack}`;
  } catch {
    // No position: the plain message will do.
  }
  return err;
}

// Frames of `e` above the REPL's own: everything from the input's top-level
// frame down (or, for errors from callbacks, from the last anonymous frame
// down) is dropped, as node does. Works when the stack is still unformatted
// (V8 formats it on first access, through Error.prepareStackTrace);
// otherwise the text is cut at the input's frame.
function trimFrames(e) {
  const { defaultPrepareStackTrace } = require('internal/errors/node_error');
  const hadOwn = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
  const previous = Error.prepareStackTrace;
  let formatted = false;
  Error.prepareStackTrace = (error, frames) => {
    if (error === e && Array.isArray(frames)) {
      formatted = true;
      let cut = frames.findLastIndex((f) => f.getFunctionName() === null &&
                                            /^REPL\d+$/.test(f.getFileName()));
      if (cut === -1) cut = frames.findLastIndex((f) => f.getFunctionName() === null);
      if (cut !== -1) frames = frames.slice(0, cut);
    }
    return typeof previous === 'function' ?
      previous(error, frames) : defaultPrepareStackTrace(error, frames);
  };
  try {
    e.stack;  // eslint-disable-line no-unused-expressions
  } catch {
    // A throwing getter: nothing to trim.
  } finally {
    if (hadOwn) Error.prepareStackTrace = previous;
    else delete Error.prepareStackTrace;
  }
  if (!formatted && typeof e.stack === 'string') {
    const lines = e.stack.split('\n');
    const cut = lines.findIndex((l) => /^\s+at (?:async )?REPL\d+:\d+:\d+$/.test(l));
    if (cut !== -1) e.stack = lines.slice(0, cut).join('\n');
  }
}

// The stack as the REPL prints it; a SyntaxError keeps no frames.
function trimStack(e) {
  if (e.name === 'SyntaxError') {
    if (typeof e.stack === 'string') {
      e.stack = e.stack.replace(/^REPL\d+:\d+\r?\n/, '').replace(/^\s+at\s.*\n?/gm, '');
    }
    return;
  }
  trimFrames(e);
}

module.exports = {
  Recoverable, defaultEval, inspect, isRecoverableError, isValidSyntax, nextResourceName,
  trimStack,
};
