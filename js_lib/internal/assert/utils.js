'use strict';
// assert.ok() / assert(): when the value is falsy and no message was given,
// the message quotes the failing call from the caller's source file:
//   The expression evaluated to a falsy value:
//
//     assert.ok(typeof x === 'string')
//
// The file is read with binding('fs').readFileUtf8. When the source cannot
// be read or the call not found, the message is `<value> == true`.

const AssertionError = require('internal/assert/assertion_error');
const { findCallAt } = require('internal/assert/call_source');
const { isNativeError } = require('internal/util/types');

// Escapes control characters other than \t and \n (kept for the layout).
// eslint-disable-next-line no-control-regex
const kControlChars = /[\x00-\x08\x0b\x0c\x0e-\x1f]/g;
function escapeControl(ch) {
  switch (ch) {
    case '\b': return '\\b';
    case '\f': return '\\f';
    default: return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

// filename + line + column -> message (undefined when not found).
const messageCache = new Map();

function isError(value) {
  return isNativeError(value) || value instanceof Error;
}

function isLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return Object.prototype.hasOwnProperty.call(desc, 'writable') ?
    desc.writable : desc.set !== undefined;
}

// { file, line, column } (0-based line/column) of the call to `fn`.
function callerPosition(fn) {
  const limitWritable = isLimitWritable();
  const savedLimit = Error.stackTraceLimit;
  const savedPrepare = Error.prepareStackTrace;
  const holder = {};
  let frames;
  try {
    if (limitWritable) Error.stackTraceLimit = 1;
    Error.prepareStackTrace = (error, callSites) => callSites;
    Error.captureStackTrace(holder, fn);
    frames = holder.stack;
  } finally {
    Error.prepareStackTrace = savedPrepare;
    if (limitWritable) Error.stackTraceLimit = savedLimit;
  }
  if (Array.isArray(frames)) {
    const site = frames[0];
    if (site === undefined) return null;
    return {
      file: site.getFileName(),
      line: site.getLineNumber() - 1,
      column: site.getColumnNumber() - 1,
    };
  }
  // The runtime formatted the stack itself: read "at ... (file:line:col)".
  if (typeof frames !== 'string') return null;
  const frame = frames.split('\n').find((l) => /^\s+at /.test(l));
  const m = frame && /(?:\(|at )([^()]*):(\d+):(\d+)\)?$/.exec(frame);
  if (!m) return null;
  return { file: m[1], line: Number(m[2]) - 1, column: Number(m[3]) - 1 };
}

function fileUrlToPath(url) {
  return decodeURIComponent(new URL(url).pathname);
}

function readSource(file) {
  const fs = binding('fs');
  return fs.readFileUtf8(file, 0);
}

function getErrMessage(message, fn) {
  const where = callerPosition(fn);
  if (where === null || !where.file) return message;
  const { line } = where;
  let file = where.file;
  let { column } = where;
  const key = `${file}${line}${column}`;
  if (file.startsWith('node:') || file.startsWith('kiln:')) return undefined;  // builtin
  if (messageCache.has(key)) return messageCache.get(key);

  let result;
  try {
    if (file.startsWith('file://')) file = fileUrlToPath(file);
    let code = readSource(file);
    for (let i = 0; i < line; i++) {
      const nl = code.indexOf('\n');
      if (nl === -1) throw new Error('line not found');
      code = code.slice(nl + 1);
    }
    const found = findCallAt(code, column);
    if (found === null) throw new Error('call not found');
    column = found[0];
    let text = found[1].replace(kControlChars, escapeControl);
    // Re-indent continuation lines relative to the call's first line.
    if (text.includes('\n')) {
      const lines = text.split('\n');
      text = lines.shift();
      for (const frame of lines) {
        let pos = 0;
        while (pos < column && (frame[pos] === ' ' || frame[pos] === '\t')) pos++;
        text += `\n  ${frame.slice(pos)}`;
      }
    }
    result = `The expression evaluated to a falsy value:\n\n  ${text}\n`;
  } catch {
    result = undefined;
  }
  messageCache.set(key, result);
  return result;
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    message = getErrMessage(message, fn);
  } else if (isError(message)) {
    throw message;
  }
  const err = new AssertionError({
    actual: value,
    expected: true,
    message,
    operator: '==',
    stackStartFn: fn,
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

module.exports = { innerOk, isError };
