'use strict';

// The Console class (require('console').Console). The global console is not
// built with `new Console`: internal/console/global copies these methods onto
// a plain object bound to itself, as Node does.

const { previewEntries } = binding('util');
const { inspect, formatWithOptions } = require('internal/util/inspect');
const {
  isTypedArray,
  isSet,
  isMap,
  isSetIterator,
  isMapIterator,
} = require('internal/util/types');
const { renderTable, indexKey, iterKey, keyKey, valuesKey } = require('internal/console/table');

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;
const kMaxGroupIndentation = 1000;

const kCounts = Symbol('counts');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kFormatForStderr = Symbol('kFormatForStderr');
const kFormatForStdout = Symbol('kFormatForStdout');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kWriteToConsole = Symbol('kWriteToConsole');
const kBindProperties = Symbol('kBindProperties');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

const optionsMap = new WeakMap();

function lazyCodes() {
  return require('internal/errors').codes;
}

function isStackOverflowError(err) {
  return err instanceof RangeError && err.message === 'Maximum call stack size exceeded';
}

function noop() {}

// new Console(stdout[, stderr[, ignoreErrors]]) or new Console(options).
function Console(options) {
  // `new` is optional. instanceof is special-cased below for the global
  // console, which is no real instance.
  if (new.target === undefined) return Reflect.construct(Console, arguments);

  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }
  const {
    stdout,
    stderr = stdout,
    ignoreErrors = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
  } = options;

  const { ERR_CONSOLE_WRITABLE_STREAM, ERR_INCOMPATIBLE_OPTION_PAIR } = lazyCodes();
  if (!stdout || typeof stdout.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw new ERR_CONSOLE_WRITABLE_STREAM('stderr');

  const validators = require('internal/validators');
  validators.validateOneOf(colorMode, 'colorMode', ['auto', true, false]);
  if (groupIndentation !== undefined) {
    validators.validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
  }
  if (inspectOptions !== undefined) {
    validators.validateObject(inspectOptions, 'options.inspectOptions');
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
    optionsMap.set(this, inspectOptions);
  }

  // Bind the methods found through the instance (not the prototype), so
  // subclasses can override them.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { __proto__: null, value: key });
  }
  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}

const consolePropAttributes = { writable: true, enumerable: false, configurable: true };

Object.defineProperty(Console, Symbol.hasInstance, {
  __proto__: null,
  value(instance) {
    return instance[kIsConsole];
  },
});

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

function hidden(value) {
  return { __proto__: null, ...consolePropAttributes, value };
}

// A write callback that keeps an asynchronous write error (EPIPE on a pipe)
// from becoming an uncaught exception.
function createWriteErrorHandler(instance, streamSymbol) {
  return (err) => {
    const stream = streamSymbol === kUseStdout ? instance._stdout : instance._stderr;
    if (err !== null && err !== undefined && !stream._writableState?.errorEmitted) {
      if (typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0) {
        stream.once('error', noop);
      }
    }
  };
}

Object.defineProperties(Console.prototype, {
  [kBindStreamsEager]: hidden(function(stdout, stderr) {
    Object.defineProperties(this, {
      '_stdout': hidden(stdout),
      '_stderr': hidden(stderr),
    });
  }),
  // Streams read from `object` (process) on every use until assigned: the
  // stdio streams are created at run time, on first access.
  [kBindStreamsLazy]: hidden(function(object) {
    let stdout;
    let stderr;
    Object.defineProperties(this, {
      '_stdout': {
        __proto__: null,
        enumerable: false,
        configurable: true,
        get() { return stdout || object.stdout; },
        set(value) { stdout = value; },
      },
      '_stderr': {
        __proto__: null,
        enumerable: false,
        configurable: true,
        get() { return stderr || object.stderr; },
        set(value) { stderr = value; },
      },
    });
  }),
  [kBindProperties]: hidden(function(ignoreErrors, colorMode, groupIndentation = 2) {
    Object.defineProperties(this, {
      '_stdoutErrorHandler': hidden(createWriteErrorHandler(this, kUseStdout)),
      '_stderrErrorHandler': hidden(createWriteErrorHandler(this, kUseStderr)),
      '_ignoreErrors': hidden(Boolean(ignoreErrors)),
      '_times': hidden(new Map()),
      [kCounts]: hidden(new Map()),
      [kColorMode]: hidden(colorMode),
      [kIsConsole]: hidden(true),
      [kGroupIndent]: hidden(''),
      [kGroupIndentationWidth]: hidden(groupIndentation),
      [Symbol.toStringTag]: {
        __proto__: null,
        writable: false,
        enumerable: false,
        configurable: true,
        value: 'console',
      },
    });
  }),
  [kWriteToConsole]: hidden(function(streamSymbol, string) {
    const useStdout = streamSymbol === kUseStdout;
    const stream = useStdout ? this._stdout : this._stderr;
    const errorHandler = useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler;
    const groupIndent = this[kGroupIndent];
    if (groupIndent.length !== 0) {
      if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
      string = groupIndent + string;
    }
    string += '\n';
    if (this._ignoreErrors === false) return stream.write(string);

    // Errors may come synchronously (files, TTYs) or later (pipes): a no-op
    // 'error' listener covers the first kind, errorHandler the second.
    const isEmitter = typeof stream.listenerCount === 'function';
    try {
      if (isEmitter && stream.listenerCount('error') === 0) stream.once('error', noop);
      stream.write(string, errorHandler);
    } catch (e) {
      // Running out of stack is not swallowed: console must not hide it.
      if (isStackOverflowError(e)) throw e;
    } finally {
      if (isEmitter) stream.removeListener('error', noop);
    }
  }),
  [kGetInspectOptions]: hidden(function(stream) {
    let color = this[kColorMode];
    if (color === 'auto') color = require('internal/util/colors').shouldColorize(stream);
    const options = optionsMap.get(this);
    if (options) {
      if (options.colors === undefined) options.colors = color;
      return options;
    }
    return color ? kColorInspectOptions : kNoColorInspectOptions;
  }),
  [kFormatForStdout]: hidden(function(args) {
    return formatWithOptions(this[kGetInspectOptions](this._stdout), ...args);
  }),
  [kFormatForStderr]: hidden(function(args) {
    return formatWithOptions(this[kGetInspectOptions](this._stderr), ...args);
  }),
});

function pad(value) {
  return `${value}`.padStart(2, '0');
}

// 1.234ms, 1.500s, 1:02.003 (m:ss.mmm), 1:01:02.003 (h:mm:ss.mmm)
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms = ms % kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms = ms % kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    ({ 0: seconds, 1: ms } = seconds.toFixed(3).split('.'));
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(seconds)}.${ms} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// Logs "label: elapsed ...data"; false (with a warning) for unknown labels.
function timeLogImpl(self, name, label, data) {
  const time = self._times.get(label);
  if (time === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const duration = process.hrtime(time);
  const ms = duration[0] * 1000 + duration[1] / 1e6;
  if (data === undefined) {
    self.log('%s: %s', label, formatTime(ms));
  } else {
    self.log('%s: %s', label, formatTime(ms), ...data);
  }
  return true;
}

const isArrayLike = (v) => Array.isArray(v) || isTypedArray(v);

const consoleMethods = {
  log(...args) {
    this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
  },

  warn(...args) {
    this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
  },

  dir(object, options) {
    this[kWriteToConsole](kUseStdout, inspect(object, {
      customInspect: false,
      ...this[kGetInspectOptions](this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    label = `${label}`;  // symbols throw, as in Node
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, process.hrtime());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },

  trace: function trace(...args) {
    const err = { name: 'Trace', message: this[kFormatForStderr](args) };
    Error.captureStackTrace(err, trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      // warn() formats the arguments.
      Reflect.apply(this.warn, this, args);
    }
  },

  // Only a TTY can be cleared: home the cursor, erase the screen below it.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      this._stdout.write('\u001b[1;1H');
      this._stdout.write('\u001b[0J');
    }
  },

  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    const count = (counts.get(label) ?? 0) + 1;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    const indent = this[kGroupIndent];
    this[kGroupIndent] = indent.slice(0, indent.length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined) require('internal/validators').validateArray(properties, 'properties');
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const render = (head, columns) => this.log(renderTable(head, columns));
    // Objects with more than two keys are shown by name only.
    const cell = (v) => {
      const depth = v !== null && typeof v === 'object' && !isArrayLike(v) &&
        Object.keys(v).length > 2 ? -1 : 0;
      return inspect(v, {
        depth,
        maxArrayLength: 3,
        breakLength: Infinity,
        ...this[kGetInspectOptions](this._stdout),
      });
    };
    const indices = (length) => Array.from({ length }, (_, i) => cell(i));

    const mapIter = isMapIterator(tabularData);
    let isKeyValue = false;
    if (mapIter) {
      ({ 0: tabularData, 1: isKeyValue } = previewEntries(tabularData, true));
    }
    if (isKeyValue || isMap(tabularData)) {
      const keys = [];
      const values = [];
      if (mapIter) {
        for (let i = 0; i < tabularData.length / 2; ++i) {
          keys.push(cell(tabularData[i * 2]));
          values.push(cell(tabularData[i * 2 + 1]));
        }
      } else {
        for (const { 0: k, 1: v } of tabularData) {
          keys.push(cell(k));
          values.push(cell(v));
        }
      }
      return render([iterKey, keyKey, valuesKey], [indices(keys.length), keys, values]);
    }

    const setIter = isSetIterator(tabularData);
    if (setIter) tabularData = previewEntries(tabularData);
    if (setIter || mapIter || isSet(tabularData)) {
      const values = [];
      for (const v of tabularData) values.push(cell(v));
      return render([iterKey, valuesKey], [indices(values.length), values]);
    }

    // Rows are the own keys; columns the union of the rows' keys (or
    // `properties`), then "Values" for rows that are primitives.
    const map = { __proto__: null };
    let hasPrimitives = false;
    const primitiveValues = [];
    const rowKeys = Object.keys(tabularData);
    for (let i = 0; i < rowKeys.length; i++) {
      const item = tabularData[rowKeys[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        primitiveValues[i] = cell(item);
      } else {
        for (const key of properties || Object.keys(item)) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) {
            map[key][i] = '';
          } else {
            map[key][i] = cell(item[key]);
          }
        }
      }
    }
    const head = Object.keys(map);
    const columns = Object.values(map);
    if (hasPrimitives) {
      head.push(valuesKey);
      columns.push(primitiveValues);
    }
    head.unshift(indexKey);
    columns.unshift(rowKeys);
    return render(head, columns);
  },
};

for (const method of Reflect.ownKeys(consoleMethods)) {
  Console.prototype[method] = consoleMethods[method];
}
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

module.exports = {
  Console,
  kBindStreamsLazy,
  kBindProperties,
  formatTime,
};
