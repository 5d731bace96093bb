'use strict';
// The TAP reporter of node:test, Node 20's default when stdout is not a TTY
// (and Kiln's for a TTY too, until the spec reporter exists). The runner
// calls these methods in report order; each writes its lines to stdout.

const { inspect } = require('internal/util/inspect');

const kInspectOptions = { __proto__: null, colors: false, breakLength: Infinity };
const kFrameStart = /^ {4}at /;
const kLineBreak = /\n|\r\n/;
// Frames of the runtime's internals, and of the AsyncLocalStorage the runner
// runs tests in (Node's runner does not show up there).
const kInternalFrame = /^ {4}at .*kiln:(internal\/|async_hooks:)/;
// Failure types whose `cause` is the user's error: its message and stack show.
const kUnwrapErrors = new Set(['testCodeFailure', 'hookFailed', 'uncaughtException',
  'unhandledRejection']);

function indent(nesting) {
  return '    '.repeat(nesting);
}

function tapEscape(input) {
  // Node's order: control characters first, so their escapes get doubled.
  return String(input)
    .replaceAll('\b', '\\b').replaceAll('\f', '\\f').replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\v', '\\v')
    .replaceAll('\\', '\\\\').replaceAll('#', '\\#');
}

function isError(value) {
  return value instanceof Error ||
    Object.prototype.toString.call(value) === '[object Error]';
}

function isAssertionLike(value) {
  return value !== null && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

// Node's YAML rendering: scalars inspected on one line, multi-line strings as
// `|-` blocks, objects as nested keys; an Error shows as error/code/name/
// expected/actual/operator/stack after its other own properties.
function jsToYaml(ind, name, value, seen) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') {
    const prefix = `${ind}  ${name}:`;
    if (typeof value === 'string') {
      const lines = value.split(kLineBreak);
      if (lines.length === 1) return `${prefix} ${inspect(value, kInspectOptions)}\n`;
      let str = `${prefix} |-\n`;
      for (const line of lines) str += `${ind}    ${line}\n`;
      return str;
    }
    return `${prefix} ${inspect(value, kInspectOptions)}\n`;
  }
  seen.add(value);
  const isErrorObj = isError(value);
  let result = '';
  let propsIndent = ind;
  if (name != null) {
    result += `${ind}  ${name}:\n`;
    propsIndent += '  ';
  }
  for (const [key, entry] of Object.entries(value)) {
    if (isErrorObj && (key === 'cause' || key === 'code')) continue;
    if (seen.has(entry)) {
      result += `${propsIndent}  ${key}: <Circular>\n`;
      continue;
    }
    result += jsToYaml(propsIndent, key, entry, seen);
  }
  if (isErrorObj) result += errorToYaml(ind, value, seen);
  return result;
}

function errorToYaml(ind, value, seen) {
  const { cause, code, failureType } = value;
  const shown = {
    message: value.message ?? '<unknown error>', name: value.name, stack: value.stack, code,
    expected: value.expected, actual: value.actual, operator: value.operator,
    isAssertion: isAssertionLike(value),
  };
  if (code === 'ERR_TEST_FAILURE') {
    if (kUnwrapErrors.has(failureType)) {
      shown.stack = cause?.stack;
      shown.code = cause?.code ?? shown.code;
      shown.name = cause?.name ?? shown.name;
      shown.message = cause?.message ?? shown.message;
      if (isAssertionLike(cause)) {
        shown.expected = cause.expected;
        shown.actual = cause.actual;
        shown.operator = cause.operator ?? shown.operator;
        shown.isAssertion = true;
      }
    } else {
      // The runner's own errors: their frames minus the runtime's internals,
      // as Node hides node:internal frames.
      shown.stack = typeof shown.stack === 'string' ?
        shown.stack.split(kLineBreak).filter((line) => !kInternalFrame.test(line)).join('\n') :
        undefined;
    }
  }
  let result = jsToYaml(ind, 'error', shown.message, seen);
  if (shown.code) result += jsToYaml(ind, 'code', shown.code, seen);
  if (shown.name && shown.name !== 'Error') result += jsToYaml(ind, 'name', shown.name, seen);
  if (shown.isAssertion) {
    result += jsToYaml(ind, 'expected', shown.expected, new Set(seen));
    result += jsToYaml(ind, 'actual', shown.actual, new Set(seen));
    if (shown.operator) result += jsToYaml(ind, 'operator', shown.operator, seen);
  }
  if (typeof shown.stack === 'string') {
    const frames = [];
    for (const frame of shown.stack.split(kLineBreak)) {
      const processed = frame.replace(kFrameStart, '');
      if (processed.length > 0 && processed.length !== frame.length) frames.push(processed);
    }
    if (frames.length > 0) {
      const delimiter = `\n${ind}    `;
      result += `${ind}  stack: |-${delimiter}${frames.join(delimiter)}\n`;
    }
  }
  return result;
}

// ' # SKIP reason' / ' # TODO reason'; skip wins when both are set.
function directive(skip, todo) {
  const [kind, reason] = skip !== undefined ? ['SKIP', skip] : ['TODO', todo];
  if (reason === undefined) return '';
  return ` # ${kind}${typeof reason === 'string' && reason.length ? ` ${tapEscape(reason)}` : ''}`;
}

class TapReporter {
  #started = false;

  #write(text) {
    if (!this.#started) {
      this.#started = true;
      text = `TAP version 13\n${text}`;
    }
    process.stdout.write(text);
  }

  start(nesting, name) {
    this.#write(`${indent(nesting)}# Subtest: ${tapEscape(name)}\n`);
  }

  // result: { nesting, testNumber, name, passed, skip, todo, duration_ms,
  // type, location, error }
  result(r) {
    const ind = indent(r.nesting);
    let text = `${ind}${r.passed ? 'ok' : 'not ok'} ${r.testNumber}`;
    if (r.name) text += ` ${tapEscape(`- ${r.name}`)}`;
    text += `${directive(r.skip, r.todo)}\n`;
    text += `${ind}  ---\n`;
    text += jsToYaml(ind, 'duration_ms', r.duration_ms);
    text += jsToYaml(ind, 'type', r.type);
    if (!r.passed) text += jsToYaml(ind, 'location', r.location);
    if (r.error) text += jsToYaml(ind, null, r.error, new Set());
    text += `${ind}  ...\n`;
    this.#write(text);
  }

  plan(nesting, count) {
    this.#write(`${indent(nesting)}1..${count}\n`);
  }

  diagnostic(nesting, message) {
    this.#write(`${indent(nesting)}# ${tapEscape(message)}\n`);
  }
}

module.exports = { TapReporter };
