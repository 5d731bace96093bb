'use strict';

// How util.inspect shows an Error: its stack (or "[Name: message]" when there
// is none), with the name fixed up to match the class, frames shared with the
// `cause` folded, and, with colors, core frames greyed and node_modules and
// the working directory marked.

const { isNativeError } = require('internal/util/types');
const { getPrefix } = require('internal/util/inspect_bases');

function isError(value) {
  return isNativeError(value) || value instanceof Error;
}

// A stack frame of a builtin module: "    at fn (kiln:events:1:2)" or
// "    at kiln:internal/x:1:2" (Node writes "node:" where Kiln writes "kiln:").
const kCoreFrame = /^ {4}at (?:[^/\\(]+ \(|)(?:node|kiln):(.+):\d+:\d+\)?$/;

let builtinIds;
function isBuiltinId(id) {
  if (builtinIds === undefined) {
    try {
      builtinIds = new Set(binding('builtins').ids);
    } catch {
      builtinIds = new Set();
    }
  }
  return builtinIds.has(id);
}

// Finds the first run of more than three equal consecutive entries of `a`
// also found in `b`: { len, offset } into `a`, or len 0.
function identicalSequenceRange(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos === -1) continue;
    const rest = b.length - pos;
    if (rest <= 3) continue;
    const maxLen = Math.min(a.length - i, rest);
    let len = 1;
    while (maxLen > len && a[i + len] === b[pos + len]) len++;
    if (len > 3) return { len, offset: i };
  }
  return { len: 0, offset: 0 };
}

function getStackString(error) {
  return error.stack ? String(error.stack) : Error.prototype.toString.call(error);
}

// Splits the frames and folds those repeated in the cause's stack into one
// "... N lines matching cause stack trace ..." line (first and last kept).
function getStackFrames(ctx, err, stack) {
  const frames = stack.split('\n');
  let cause;
  try {
    ({ cause } = err);
  } catch {
    // A throwing `cause` getter is ignored.
  }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(cause);
    const start = causeStack.indexOf('\n    at');
    if (start !== -1) {
      const causeFrames = causeStack.slice(start + 1).split('\n');
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, 'undefined'));
      }
    }
  }
  return frames;
}

// Makes the first line name the actual class: an error of class Foo whose
// stack starts "Error: x" reads "Foo [Error]: x"... but only for stacks that
// start with their own `name` (anything else is left alone).
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor !== null &&
      !(name.endsWith('Error') && stack.startsWith(name) &&
        (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    return stack;
  }
  let fallback = 'Error';
  if (constructor === null) {
    const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) ||
      /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
    fallback = (start && start[1]) || '';
    len = fallback.length;
    fallback = fallback || 'Error';
  }
  const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
  if (name === prefix) return stack;
  if (prefix.includes(name)) {
    return len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
  }
  return `${prefix} [${name}]${stack.slice(len)}`;
}

// name/message/stack own properties already visible in the stack are not
// listed again (unless showHidden).
function removeDuplicateErrorKeys(ctx, keys, err, stack) {
  if (ctx.showHidden || keys.length === 0) return;
  for (const name of ['name', 'message', 'stack']) {
    const index = keys.indexOf(name);
    if (index !== -1 && stack.includes(err[name])) keys.splice(index, 1);
  }
}

// Underlines the package name after each "/node_modules/".
function markNodeModules(ctx, line) {
  let out = '';
  let last = 0;
  let from = 0;
  for (;;) {
    const at = line.indexOf('node_modules', from);
    if (at === -1) break;
    const before = line[at - 1];
    const after = line[at + 12];
    if ((after !== '/' && after !== '\\') || (before !== '/' && before !== '\\')) {
      from = at + 1;
      continue;
    }
    const nameStart = at + 13;
    let nameEnd = line.indexOf(before, nameStart);
    if (line[nameStart] === '@' && nameEnd !== -1) nameEnd = line.indexOf(before, nameEnd + 1);
    // No separator after the name: a file directly in node_modules (Node 20
    // loops forever here); leave the rest unmarked.
    if (nameEnd === -1) break;
    out += line.slice(last, nameStart);
    out += ctx.stylize(line.slice(nameStart, nameEnd), 'module');
    last = nameEnd;
    from = nameEnd;
  }
  return last === 0 ? line : out + line.slice(last);
}

// Greys the working directory part of a frame's location.
function markCwd(ctx, line, cwd) {
  let at = line.indexOf(cwd);
  if (at === -1) return line;
  let cwdLength = cwd.length;
  if (line.slice(at - 7, at) === 'file://') {
    cwdLength += 7;
    at -= 7;
  }
  const start = line[at - 1] === '(' ? at - 1 : at;
  const end = start !== at && line.endsWith(')') ? -1 : line.length;
  const cwdEnd = at + cwdLength + 1;
  let out = line.slice(0, start) + ctx.stylize(line.slice(start, cwdEnd), 'undefined') +
    line.slice(cwdEnd, end);
  if (end === -1) out += ctx.stylize(')', 'undefined');
  return out;
}

function cwdFileUrl(cwd) {
  try {
    return require('internal/url').pathToFileURL(cwd).href;
  } catch {
    return `file://${encodeURI(cwd)}`;
  }
}

function colorFrames(ctx, lines) {
  let cwd;
  try {
    cwd = process.cwd();
  } catch {
    // No working directory (deleted): nothing to mark.
  }
  let cwdUrl;
  let out = '';
  for (let line of lines) {
    const core = kCoreFrame.exec(line);
    if (core !== null && isBuiltinId(core[1])) {
      out += `\n${ctx.stylize(line, 'undefined')}`;
      continue;
    }
    line = markNodeModules(ctx, line);
    if (cwd !== undefined) {
      let marked = markCwd(ctx, line, cwd);
      if (marked === line) {
        cwdUrl ??= cwdFileUrl(cwd);
        marked = markCwd(ctx, line, cwdUrl);
      }
      line = marked;
    }
    out += `\n${line}`;
  }
  return out;
}

// Returns the head for `err`; adds 'cause' and 'errors' to `keys` so they are
// listed as properties, and drops keys the stack already shows.
function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = getStackString(err);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) {
    keys.push('cause');
  }
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) {
    keys.push('errors');
  }
  stack = improveStack(stack, constructor, name, tag);

  // Frames start after the message (which may itself contain "\n    at").
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    stack = stack.slice(0, stackStart) +
      (ctx.colors ? colorFrames(ctx, lines) : `\n${lines.join('\n')}`);
  }
  if (ctx.indentationLvl !== 0) {
    stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  }
  return stack;
}

module.exports = { formatError, identicalSequenceRange, isError };
