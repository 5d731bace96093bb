'use strict';
// REPLServer: a readline Interface that evaluates each line (or each group
// of lines that only together form valid input) and writes the result with
// `writer` (util.inspect). Kiln has no vm contexts: every REPL evaluates in
// the global scope, as node's own REPL (useGlobal) does.

const { inspect } = require('internal/util/inspect');
const { codes: { ERR_INVALID_REPL_EVAL_CONFIG } } = require('internal/errors');
const { validateFunction } = require('internal/validators');
const { Interface } = require('readline');
const { commonPrefix } = require('internal/readline/utils');
const {
  Recoverable, defaultEval, nextResourceName, trimStack,
} = require('internal/repl/eval');
const { complete, kLexicalNames } = require('internal/repl/completion');
const {
  defineDefaultCommands, kLoading, turnOffEditorMode,
} = require('internal/repl/commands');
const { setActiveRepl, trackRepl } = require('internal/repl/errors');

const kBufferedCommand = Symbol('bufferedCommand');
// Option of kiln's own REPL (`kiln` on a terminal).
const kStandaloneREPL = Symbol('kStandaloneREPL');

// The default writer; its options are shared by every REPL using it.
function writer(obj) {
  return inspect(obj, writer.options);
}
writer.options = { ...inspect.defaultOptions, showProxy: true };

// Top-level names declared with let/const/class: globals that are not
// properties of globalThis, offered by completion.
function recordLexicalNames(names, code) {
  const re = /(?:^|[;{}\n])\s*(?:let|const|class)\s+([A-Za-z_$][\w$]*)/g;
  let m;
  while ((m = re.exec(code)) !== null) names.add(m[1]);
}

function REPLServer(prompt, stream, eval_, useGlobal, ignoreUndefined, replMode) {
  if (!(this instanceof REPLServer)) {
    return new REPLServer(prompt, stream, eval_, useGlobal, ignoreUndefined, replMode);
  }
  let options;
  if (prompt !== null && typeof prompt === 'object') {
    options = { ...prompt };
    stream = options.stream || options.socket;
    eval_ = options.eval;
    useGlobal = options.useGlobal;
    ignoreUndefined = options.ignoreUndefined;
    prompt = options.prompt;
    replMode = options.replMode;
  } else {
    options = {};
  }
  if (!options.input && !options.output) {
    // A duplex stream, or an object with stdin/stdout such as `process`.
    if (!stream) stream = process;
    options.input = stream.stdin || stream;
    options.output = stream.stdout || stream;
  }
  if (options.terminal === undefined) options.terminal = options.output.isTTY;
  options.terminal = !!options.terminal;
  if (options.terminal && options.useColors === undefined) {
    options.useColors = require('internal/util/colors').shouldColorize(options.output);
  }

  for (const [name, key] of [['inputStream', 'input'], ['outputStream', 'output']]) {
    Object.defineProperty(this, name, {
      __proto__: null,
      get() { return this[key]; },
      set(value) { this[key] = value; },
      enumerable: false,
      configurable: true,
    });
  }
  this.allowBlockingCompletions = !!options.allowBlockingCompletions;
  this.useColors = !!options.useColors;
  this.useGlobal = !!useGlobal;
  this.ignoreUndefined = !!ignoreUndefined;
  const replExports = require('repl');  // repl.writer and the modes, as user code set them
  this.replMode = replMode || replExports.REPL_MODE_SLOPPY;
  this.underscoreAssigned = false;
  this.last = undefined;
  this.underscoreErrAssigned = false;
  this.lastError = undefined;
  this.breakEvalOnSigint = !!options.breakEvalOnSigint;
  this.editorMode = false;
  this[kLexicalNames] = new Set();
  if (this.breakEvalOnSigint && eval_) throw new ERR_INVALID_REPL_EVAL_CONFIG();

  const self = this;

  // While a top-level await is pending, keypresses wait in a buffer.
  const pausedBuffer = [];
  let paused = false;
  this.pauseInput = () => { paused = true; };
  this.unpauseInput = () => {
    if (!paused) return;
    paused = false;
    const completionEnabled = self.isCompletionEnabled;
    let entry;
    while ((entry = pausedBuffer.shift()) !== undefined) {
      const [type, payload, isCompletionEnabled] = entry;
      if (type === 'key') {
        self.isCompletionEnabled = isCompletionEnabled;
        self._ttyWrite(payload[0], payload[1]);
      } else if (type === 'close') {
        self.emit('exit');
      }
      if (paused) break;
    }
    self.isCompletionEnabled = completionEnabled;
  };

  this.eval = eval_ || function(code, context, file, cb) {
    setActiveRepl(self);
    // The void 0 keeps 'use strict' from being the result of a declaration.
    if (self.replMode === replExports.REPL_MODE_STRICT && !/^\s*$/.test(code)) {
      code = `'use strict'; void 0;\n${code}`;
    }
    defaultEval(self, code, context, file, (err, ...result) => {
      if (!err) recordLexicalNames(self[kLexicalNames], code);
      cb(err, ...result);
    });
  };

  // Errors of the input, and later ones from what it started, arrive here.
  // (Node's is a domain; listeners of 'error' receive every error.)
  this._domain = options.domain || new (require('events'))();
  // Writes `e` as node does: "Uncaught " before the error's first line.
  this._domain.on('error', function handleError(e) {
    let errStack = '';
    if (typeof e === 'object' && e !== null && e instanceof Error) {
      trimStack(e);
      errStack = self.writer(e);
      // One-line errors print without their brackets.
      if (errStack[0] === '[' && errStack[errStack.length - 1] === ']') {
        errStack = errStack.slice(1, -1);
      }
    }
    if (!self.underscoreErrAssigned) self.lastError = e;
    // Kiln's own REPL hands errors to 'uncaughtException' listeners, if any.
    if (options[kStandaloneREPL] && process.listenerCount('uncaughtException') !== 0) {
      process.nextTick(() => {
        process.emit('uncaughtException', e);
        self.clearBufferedCommand();
        self.lines.level = [];
        self.displayPrompt();
      });
      return;
    }
    if (errStack === '') errStack = self.writer(e);
    const lines = errStack.split(/(?<=\n)/);
    let matched = false;
    errStack = '';
    for (const line of lines) {
      if (!matched && /^\[?([A-Z][a-z0-9_]*)*Error/.test(line)) {
        errStack += writer.options.breakLength >= line.length ?
          `Uncaught ${line}` : `Uncaught:\n${line}`;
        matched = true;
      } else {
        errStack += line;
      }
    }
    if (!matched) errStack = `Uncaught${lines.length === 1 ? ' ' : ':\n'}${errStack}`;
    if (!errStack.endsWith('\n')) errStack += '\n';
    self.output.write(errStack);
    self.clearBufferedCommand();
    self.lines.level = [];
    self.displayPrompt();
  });
  trackRepl(this, !!options[kStandaloneREPL]);

  this.clearBufferedCommand();

  function completer(text, cb) {
    complete.call(self, text, self.editorMode ? self.completeOnEditorMode(cb) : cb);
  }

  Interface.call(this, {
    input: options.input,
    output: options.output,
    completer: options.completer || completer,
    terminal: options.terminal,
    historySize: options.historySize,
    prompt,
  });

  this.resetContext();
  this.commands = { __proto__: null };
  defineDefaultCommands(this);
  this.writer = options.writer || replExports.writer;
  if (this.writer === writer) writer.options.colors = this.useColors;

  this.on('close', () => {
    if (paused) pausedBuffer.push(['close']);
    else self.emit('exit');
  });

  let sawSIGINT = false;
  let sawCtrlD = false;
  this.on('SIGINT', () => {
    const empty = self.line.length === 0;
    self.clearLine();
    turnOffEditorMode(self);
    const cmd = self[kBufferedCommand];
    if (!(cmd && cmd.length > 0) && empty) {
      if (sawSIGINT) {
        self.close();
        sawSIGINT = false;
        return;
      }
      self.output.write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
      sawSIGINT = true;
    } else {
      sawSIGINT = false;
    }
    self.clearBufferedCommand();
    self.lines.level = [];
    self.displayPrompt();
  });

  this.on('line', (cmd) => {
    cmd = cmd || '';
    sawSIGINT = false;
    if (self.editorMode) {
      self[kBufferedCommand] += cmd + '\n';
      // Keep the indentation of the previous line.
      const indent = self._sawKeyPress && !self[kLoading] ? /^\s+/.exec(cmd) : null;
      if (indent) {
        self.write(indent[0]);
        self.line = indent[0];
        self.cursor = indent[0].length;
      }
      self.lines.push(cmd);
      return;
    }
    const trimmed = cmd.trim();
    // `.name rest` runs a command (but `.5` is a number).
    if (trimmed && trimmed[0] === '.' && trimmed[1] !== '.' &&
        Number.isNaN(Number.parseFloat(trimmed))) {
      const matches = /^\.([^\s]+)\s*(.*)$/.exec(trimmed);
      const command = matches && self.commands[matches[1]];
      if (command) {
        command.action.call(self, matches[2]);
        return;
      }
      if (!self[kBufferedCommand]) {
        self.output.write('Invalid REPL keyword\n');
        finish(null);
        return;
      }
    }
    self.eval(self[kBufferedCommand] + cmd + '\n', self.context, nextResourceName(), finish);

    function finish(e, ret) {
      self.lines.push(cmd);
      if (e) {
        if (e instanceof Recoverable && !sawCtrlD) {
          // More lines may complete it: keep collecting.
          self[kBufferedCommand] += cmd + '\n';
          self.displayPrompt();
          return;
        }
        self._domain.emit('error', e.err || e);
      }
      self.clearBufferedCommand();
      sawCtrlD = false;
      // finish(null) (no result argument) prints nothing.
      if (!e && arguments.length === 2 && (!self.ignoreUndefined || ret !== undefined)) {
        if (!self.underscoreAssigned) self.last = ret;
        self.output.write(self.writer(ret) + '\n');
      }
      if (!e) self.displayPrompt();
    }
  });

  this.on('SIGCONT', () => {
    if (self.editorMode) {
      self.output.write(`${self._initialPrompt}.editor\n`);
      self.output.write('// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)\n');
      self.output.write(`${self[kBufferedCommand]}\n`);
      self.prompt(true);
    } else {
      self.displayPrompt(true);
    }
  });

  // Keys: buffered while paused; in editor mode ctrl+d ends the input and
  // history keys do nothing.
  const ttyWrite = this._ttyWrite.bind(this);
  this._ttyWrite = (d, key) => {
    key = key || {};
    if (paused) {
      pausedBuffer.push(['key', [d, key], self.isCompletionEnabled]);
      return;
    }
    if (!self.editorMode || !self.terminal) {
      // ctrl+d on an empty line: end the line before closing.
      if (key.ctrl && key.name === 'd' && self.cursor === 0 && self.line.length === 0) {
        self.clearLine();
      }
      ttyWrite(d, key);
      return;
    }
    if (key.ctrl && !key.shift) {
      if (key.name === 'd') {
        turnOffEditorMode(self);
        sawCtrlD = true;
        ttyWrite(d, { name: 'return' });
      } else if (key.name !== 'n' && key.name !== 'p') {
        ttyWrite(d, key);
      }
    } else if (key.name === 'tab') {
      self._previousKey = null;  // no listing on a second tab
      ttyWrite(d, key);
    } else if (key.name !== 'up' && key.name !== 'down') {
      ttyWrite(d, key);
    }
  };

  this.displayPrompt();
}
Object.setPrototypeOf(REPLServer.prototype, Interface.prototype);
Object.setPrototypeOf(REPLServer, Interface);

REPLServer.prototype.setupHistory = function setupHistory(historyFile, cb) {
  // History lives in memory only; the file is not read or written.
  if (typeof cb === 'function') process.nextTick(cb, null, this);
};

REPLServer.prototype.clearBufferedCommand = function clearBufferedCommand() {
  this[kBufferedCommand] = '';
};

// Closes on the next tick, so output of the current line comes first.
REPLServer.prototype.close = function close() {
  process.nextTick(() => Interface.prototype.close.call(this));
};

// The global object, with `module`, `require` and the builtin modules as
// lazily loaded globals.
REPLServer.prototype.createContext = function createContext() {
  const context = globalThis;
  const { Module } = require('internal/modules/cjs/loader');
  const replModule = new Module('<repl>', null);
  // Lookups as from a file in the working directory (if it still exists).
  let local = [];
  try {
    local = Module._nodeModulePaths(require('path').join(process.cwd(), 'repl'));
  } catch {
    // The working directory was removed.
  }
  replModule.paths = local.concat(Module.globalPaths);
  for (const [name, value] of [['module', replModule], ['require', Module.makeRequire(replModule)]]) {
    Object.defineProperty(context, name, {
      __proto__: null, configurable: true, writable: true, value,
    });
  }
  for (const id of Module.builtinModules) {
    if (id.startsWith('_') || id.includes('/') || id in context) continue;
    Object.defineProperty(context, id, {
      __proto__: null,
      configurable: true,
      enumerable: false,
      get() {
        const value = require(id);
        Object.defineProperty(context, id, {
          __proto__: null, configurable: true, enumerable: false, writable: true, value,
        });
        return value;
      },
      set(value) {
        Object.defineProperty(context, id, {
          __proto__: null, configurable: true, enumerable: true, writable: true, value,
        });
      },
    });
  }
  return context;
};

REPLServer.prototype.resetContext = function resetContext() {
  this.context = this.createContext();
  this.underscoreAssigned = false;
  this.underscoreErrAssigned = false;
  this.lines = [];
  this.lines.level = [];
  for (const [name, key, flag] of [['_', 'last', 'underscoreAssigned'],
    ['_error', 'lastError', 'underscoreErrAssigned']]) {
    Object.defineProperty(this.context, name, {
      __proto__: null,
      configurable: true,
      get: () => this[key],
      set: (value) => {
        this[key] = value;
        if (!this[flag]) {
          this[flag] = true;
          this.output.write(`Expression assignment to ${name} now disabled.\n`);
        }
      },
    });
  }
  this.emit('reset', this.context);
};

// '> ' normally, '... ' while collecting a multi-line input.
REPLServer.prototype.displayPrompt = function displayPrompt(preserveCursor) {
  let prompt = this._initialPrompt;
  if (this[kBufferedCommand].length) {
    const len = this.lines.level.length ? this.lines.level.length - 1 : 0;
    prompt = `...${'..'.repeat(len)} `;
  }
  Interface.prototype.setPrompt.call(this, prompt);
  this.prompt(preserveCursor);
};

REPLServer.prototype.setPrompt = function setPrompt(prompt) {
  this._initialPrompt = prompt;
  Interface.prototype.setPrompt.call(this, prompt);
};

REPLServer.prototype.complete = function() {
  this.completer.apply(this, arguments);
};

// In editor mode a tab inserts the common prefix only, never a listing.
REPLServer.prototype.completeOnEditorMode = (callback) => (err, results) => {
  if (err) return callback(err);
  const { 0: completions, 1: completeOn = '' } = results;
  let result = completions.filter(Boolean);
  if (completeOn && result.length !== 0) result = [commonPrefix(result)];
  callback(null, [result, completeOn]);
};

REPLServer.prototype.defineCommand = function defineCommand(keyword, cmd) {
  if (typeof cmd === 'function') cmd = { action: cmd };
  else validateFunction(cmd.action, 'cmd.action');
  this.commands[keyword] = cmd;
};

module.exports = { REPLServer, kStandaloneREPL, writer };
