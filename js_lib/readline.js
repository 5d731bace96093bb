'use strict';
// The public `readline` module. Its Interface is the callable legacy form of
// internal/readline/interface's class: callback completers, a callback
// question(), and the old underscore methods, which the internal code calls
// through (so user code overriding `rl._writeToOutput` and friends works).

const { inspect, promisify } = require('util');
const { AbortError } = require('internal/errors');
const { validateAbortSignal } = require('internal/validators');
const { Interface: BaseInterface, InterfaceConstructor } =
  require('internal/readline/interface');
const { ttyWriteDumb } = require('internal/readline/interface_keys');
const emitKeypressEvents = require('internal/readline/emitKeypressEvents');
const {
  clearLine, clearScreenDown, cursorTo, moveCursor,
} = require('internal/readline/callbacks');
const symbols = require('internal/readline/symbols');
const { listenAbort } = require('internal/readline/utils');
const {
  kQuestion, kQuestionCancel, kTabCompleter,
} = symbols;

const kEmptyObject = Object.freeze({ __proto__: null });

function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  // A completer of one argument returns its result; make it callback style.
  if (input?.input && typeof input.completer === 'function' && input.completer.length !== 2) {
    const { completer: sync } = input;
    input.completer = (v, cb) => cb(null, sync(v));
  } else if (typeof completer === 'function' && completer.length !== 2) {
    const sync = completer;
    completer = (v, cb) => cb(null, sync(v));
  }
  InterfaceConstructor.call(this, input, output, completer, terminal);
  if (process.env.TERM === 'dumb') this._ttyWrite = ttyWriteDumb.bind(this);
}
Object.setPrototypeOf(Interface.prototype, BaseInterface.prototype);
Object.setPrototypeOf(Interface, BaseInterface);

// question(query[, options], cb): cb(answer). An aborted options.signal
// cancels the question (cb is never called).
Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options === null || typeof options !== 'object') options = kEmptyObject;
  if (options.signal) {
    validateAbortSignal(options.signal, 'options.signal');
    if (options.signal.aborted) return;
    const onAbort = () => this[kQuestionCancel]();
    const dispose = listenAbort(options.signal, onAbort);
    const originalCb = cb;
    cb = typeof cb === 'function' ? (answer) => {
      dispose();
      return originalCb(answer);
    } : dispose;
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

// util.promisify(rl.question): rejects with an AbortError on abort.
Interface.prototype.question[promisify.custom] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = kEmptyObject;
  const signal = options.signal;
  if (signal && signal.aborted) {
    return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  }
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (signal) {
      const onAbort = () => reject(new AbortError(undefined, { cause: signal.reason }));
      const dispose = listenAbort(signal, onAbort);
      cb = (answer) => {
        dispose();
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
};

// The old underscore state properties, stored under the internal symbols.
for (const name of ['_decoder', '_line_buffer', '_oldPrompt', '_previousKey', '_prompt',
  '_questionCallback', '_sawKeyPress', '_sawReturnAt']) {
  const key = symbols[`k${name[1].toUpperCase()}${name.slice(2)}`];
  Object.defineProperty(Interface.prototype, name, {
    __proto__: null,
    get() { return this[key]; },
    set(value) { this[key] = value; },
  });
}

// The old underscore methods. The internal code calls these through getters
// on the symbol keys, so an override on the instance or prototype wins.
const kRedirected = [
  '_setRawMode', '_onLine', '_writeToOutput', '_addHistory', '_refreshLine', '_normalWrite',
  '_insertString', '_tabComplete', '_wordLeft', '_wordRight', '_deleteLeft', '_deleteRight',
  '_deleteWordLeft', '_deleteWordRight', '_deleteLineLeft', '_deleteLineRight', '_line',
  '_historyNext', '_historyPrev', '_getDisplayPos', '_moveCursor', '_ttyWrite',
];
for (const name of kRedirected) {
  const key = symbols[`k${name[1].toUpperCase()}${name.slice(2)}`];
  Interface.prototype[name] = BaseInterface.prototype[key];
}
Interface.prototype._getCursorPos = BaseInterface.prototype.getCursorPos;

// Callback completers: (line, cb) => cb(err, [completions, completeOn]).
Interface.prototype._tabComplete = function(lastKeypressWasTab) {
  this.pause();
  const string = this.line.slice(0, this.cursor);
  this.completer(string, (err, value) => {
    this.resume();
    if (err) {
      this._writeToOutput(`Tab completion error: ${inspect(err)}`);
      return;
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  });
};

for (const name of kRedirected) {
  const key = symbols[`k${name[1].toUpperCase()}${name.slice(2)}`];
  Object.defineProperty(Interface.prototype, key, {
    __proto__: null,
    get() { return this[name]; },
  });
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
  promises: require('readline/promises'),
};
