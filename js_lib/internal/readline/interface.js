'use strict';
// readline's Interface: reads lines from any readable. Without a terminal it
// splits the decoded input on \n, \r\n and \r; on a terminal
// it reads keypresses and edits the line in place (the editing methods are in
// interface_edit.js, the key bindings in interface_keys.js).

const EventEmitter = require('events');
const { codes: { ERR_INVALID_ARG_VALUE, ERR_USE_AFTER_CLOSE } } = require('internal/errors');
const {
  validateAbortSignal, validateArray, validateNumber, validateString, validateUint32,
} = require('internal/validators');
const { cursorTo, clearScreenDown, moveCursor } = require('internal/readline/callbacks');
const { kSubstringSearch, listenAbort } = require('internal/readline/utils');
const {
  kAddHistory, kBeforeEdit, kDecoder, kGetDisplayPos, kKillRing, kKillRingCursor, kLine,
  kLineObjectStream, kLine_buffer, kMoveCursor, kNormalWrite, kOldPrompt, kOnLine,
  kPreviousKey, kPrompt, kPushToUndoStack, kQuestion, kQuestionCallback, kQuestionCancel,
  kRedoStack, kRefreshLine, kSawKeyPress, kSawReturnAt, kSetRawMode, kTtyWrite, kUndoStack,
  kWriteToOutput,
} = require('internal/readline/symbols');

const kHistorySize = 30;
const kMinCrlfDelay = 100;
const ESCAPE_CODE_TIMEOUT = 500;

function InterfaceConstructor(input, output, completer, terminal) {
  this[kSawReturnAt] = 0;
  this.isCompletionEnabled = true;
  this[kSawKeyPress] = false;
  this[kPreviousKey] = null;
  this.escapeCodeTimeout = ESCAPE_CODE_TIMEOUT;
  this.tabSize = 8;
  EventEmitter.call(this);

  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;

  if (input?.input) {
    // createInterface(options)
    const options = input;
    output = options.output;
    completer = options.completer;
    terminal = options.terminal;
    history = options.history;
    historySize = options.historySize;
    signal = options.signal;
    if (options.tabSize !== undefined) {
      validateUint32(options.tabSize, 'tabSize', true);
      this.tabSize = options.tabSize;
    }
    removeHistoryDuplicates = options.removeHistoryDuplicates;
    if (options.prompt !== undefined) prompt = options.prompt;
    if (options.escapeCodeTimeout !== undefined) {
      if (!Number.isFinite(options.escapeCodeTimeout)) {
        throw new ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
      this.escapeCodeTimeout = options.escapeCodeTimeout;
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = options.crlfDelay;
    input = options.input;
  }

  if (completer !== undefined && typeof completer !== 'function') {
    throw new ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) history = [];
  else validateArray(history, 'history');
  if (historySize === undefined) historySize = kHistorySize;
  validateNumber(historySize, 'historySize', 0);

  // Without an explicit `terminal`, a TTY output means a terminal.
  if (terminal === undefined && output != null) terminal = !!output.isTTY;

  this.line = '';
  this[kSubstringSearch] = null;
  this.output = output;
  this.input = input;
  this[kUndoStack] = [];
  this[kRedoStack] = [];
  this.history = history;
  this.historySize = historySize;
  // Killed (deleted) text, newest first, for yank (ctrl+y) and yank-pop.
  this[kKillRing] = [];
  this[kKillRingCursor] = 0;
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this.setPrompt(prompt);
  this.terminal = !!terminal;

  const self = this;
  const onerror = (err) => self.emit('error', err);
  this[kLineObjectStream] = undefined;
  input.on('error', onerror);

  if (!this.terminal) {
    const ondata = (data) => self[kNormalWrite](data);
    // A last line without a line ending still counts.
    const onend = () => {
      if (typeof self[kLine_buffer] === 'string' && self[kLine_buffer].length > 0) {
        self.emit('line', self[kLine_buffer]);
      }
      self.close();
    };
    input.on('data', ondata);
    input.on('end', onend);
    self.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
    const { StringDecoder } = require('string_decoder');
    this[kDecoder] = new StringDecoder('utf8');
  } else {
    const onkeypress = (s, key) => {
      self[kTtyWrite](s, key);
      // Half of a surrogate pair: redraw so the character shows once whole.
      if (key?.sequence) {
        const ch = key.sequence.codePointAt(0);
        if (ch >= 0xd800 && ch <= 0xdfff) self[kRefreshLine]();
      }
    };
    const ontermend = () => {
      if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
      self.close();
    };
    const onresize = () => self[kRefreshLine]();
    require('internal/readline/emitKeypressEvents')(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this[kSetRawMode](true);
    this.terminal = true;
    this.cursor = 0;  // in UTF-16 units into this.line
    this.historyIndex = -1;
    if (output != null) output.on('resize', onresize);
    self.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
      if (output != null) output.removeListener('resize', onresize);
    });
  }

  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      self.once('close', listenAbort(signal, onAborted));
    }
  }

  this.line = '';
  input.resume();
}
Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

class Interface extends InterfaceConstructor {
  constructor(input, output, completer, terminal) {  // eslint-disable-line no-useless-constructor
    super(input, output, completer, terminal);
  }

  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }

  // Writes the prompt (and on a terminal the current line) to the output.
  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }

  // Shows `query` as the prompt; the next line goes to cb instead of 'line'.
  // A second question while one is pending only re-prompts.
  [kQuestion](query, cb) {
    if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  [kBeforeEdit](oldText, oldCursor) {
    this[kPushToUndoStack](oldText, oldCursor);
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kWriteToOutput](stringToWrite) {
    validateString(stringToWrite, 'stringToWrite');
    if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
  }

  // Adds this.line to the history; returns the line to hand out (a
  // 'history' listener may have changed the newest entry).
  [kAddHistory]() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }

  // Redraws prompt + line from the first row of the line, then puts the
  // cursor back where it was.
  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    const dispPos = this[kGetDisplayPos](line);
    const cursorPos = this.getCursorPos();
    const prevRows = this.prevRows || 0;
    if (prevRows > 0) moveCursor(this.output, 0, -prevRows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this[kWriteToOutput](line);
    // At column 0 the terminal has not wrapped yet: make it allocate the row.
    if (dispPos.cols === 0) this[kWriteToOutput](' ');
    cursorTo(this.output, cursorPos.cols);
    const diff = dispPos.rows - cursorPos.rows;
    if (diff > 0) moveCursor(this.output, 0, -diff);
    this.prevRows = cursorPos.rows;
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  // Input as if it had been read (terminal: `key` names a keypress).
  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }

  // Splits decoded input into lines. A \r at the end of one chunk and a \n
  // at the start of the next within crlfDelay ms are one line ending.
  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    // Endings are found with indexOf, not a regexp: \r\n, \n, or a \r not
    // followed by \n. The buffered partial line holds neither \r nor \n.
    let nl = string.indexOf('\n');
    let cr = string.indexOf('\r');
    if (nl === -1 && cr === -1) {
      if (string) this[kLine_buffer] = this[kLine_buffer] ? this[kLine_buffer] + string : string;
      return;
    }
    const buffered = this[kLine_buffer];
    if (buffered) {
      string = buffered + string;
      if (nl !== -1) nl += buffered.length;
      if (cr !== -1) cr += buffered.length;
    }
    this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
    // All lines first: a 'line' listener may write more input.
    const lines = [];
    let start = 0;
    while (nl !== -1 || cr !== -1) {
      if (cr !== -1 && (nl === -1 || cr < nl)) {
        lines.push(string.slice(start, cr));
        start = cr + (nl === cr + 1 ? 2 : 1);
        cr = string.indexOf('\r', cr + 1);
        if (nl !== -1 && nl < start) nl = string.indexOf('\n', start);
      } else {
        lines.push(string.slice(start, nl));
        start = nl + 1;
        nl = string.indexOf('\n', start);
      }
    }
    this[kLine_buffer] = string.slice(start);
    for (let i = 0; i < lines.length; i++) this[kOnLine](lines[i]);
  }

  clearLine() {
    this[kMoveCursor](+Infinity);
    this[kWriteToOutput]('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }

  // The line is complete (terminal mode): record it, start a new one.
  [kLine]() {
    const line = this[kAddHistory]();
    this[kUndoStack] = [];
    this[kRedoStack] = [];
    this.clearLine();
    this[kOnLine](line);
  }

  // { rows, cols } of the cursor relative to the prompt's start.
  getCursorPos() {
    return this[kGetDisplayPos](this[kPrompt] + this.line.slice(0, this.cursor));
  }

  // `for await (const line of rl)`: lines buffered until read; ends on
  // 'close'. One iterator per interface.
  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) {
      const { kFirstEventParam } = require('internal/events/symbols');
      this[kLineObjectStream] = EventEmitter.on(this, 'line', {
        close: ['close'], highWaterMark: 1024, [kFirstEventParam]: true,
      });
    }
    return this[kLineObjectStream];
  }
}

// Line editing and key bindings live in their own files; they are plain
// methods of the same prototype (under their symbol keys).
for (const file of ['internal/readline/interface_edit', 'internal/readline/interface_keys']) {
  const methods = require(file);
  for (const key of Object.getOwnPropertySymbols(methods)) {
    Object.defineProperty(Interface.prototype, key, {
      __proto__: null, value: methods[key], writable: true, enumerable: false, configurable: true,
    });
  }
}

module.exports = { Interface, InterfaceConstructor };
