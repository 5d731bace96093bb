'use strict';
// readline's key bindings on a terminal (emacs-style, as GNU readline):
// [kTtyWrite](s, key) handles one keypress. Installed on Interface.prototype
// by interface.js; `this` is an Interface. ttyWriteDumb is the TERM=dumb
// variant the legacy readline.Interface uses: no editing, no echo control.

const { AbortError } = require('internal/errors');
const { clearScreenDown, cursorTo } = require('internal/readline/callbacks');
const { charLengthAt, charLengthLeft, kSubstringSearch } = require('internal/readline/utils');
const {
  kDeleteLeft, kDeleteLineLeft, kDeleteLineRight, kDeleteRight, kDeleteWordLeft,
  kDeleteWordRight, kHistoryNext, kHistoryPrev, kInsertString, kLine, kMoveCursor,
  kPreviousKey, kQuestionReject, kRedo, kRefreshLine, kSawReturnAt, kSetRawMode,
  kTabComplete, kTtyWrite, kUndo, kWordLeft, kWordRight, kWriteToOutput, kYank, kYankPop,
  kYanking,
} = require('internal/readline/symbols');

const kEmptyObject = Object.freeze({ __proto__: null });
const lineEnding = /\r?\n|\r(?!\n)/g;

function onCtrlC(rl) {
  if (rl.listenerCount('SIGINT') > 0) {
    rl.emit('SIGINT');
  } else {
    rl.close();
    rl[kQuestionReject]?.(new AbortError('Aborted with Ctrl+C'));
  }
}

// ctrl+z: suspend the process (or emit SIGTSTP if anybody listens); on
// SIGCONT, raw mode comes back and the line is redrawn.
function onCtrlZ(rl) {
  if (rl.listenerCount('SIGTSTP') > 0) {
    rl.emit('SIGTSTP');
    return;
  }
  process.once('SIGCONT', () => {
    if (!rl.paused) {
      rl.pause();
      rl.emit('SIGCONT');
    }
    rl[kSetRawMode](true);
    rl[kRefreshLine]();
  });
  rl[kSetRawMode](false);
  process.kill(process.pid, 'SIGTSTP');
}

function ctrlKey(rl, key) {
  switch (key.name) {
    case 'c': onCtrlC(rl); break;
    case 'h': rl[kDeleteLeft](); break;
    case 'd':
      // EOF on an empty line, else delete right.
      if (rl.cursor === 0 && rl.line.length === 0) {
        rl.close();
        rl[kQuestionReject]?.(new AbortError('Aborted with Ctrl+D'));
      } else if (rl.cursor < rl.line.length) {
        rl[kDeleteRight]();
      }
      break;
    case 'u': rl[kDeleteLineLeft](); break;
    case 'k': rl[kDeleteLineRight](); break;
    case 'a': rl[kMoveCursor](-Infinity); break;
    case 'e': rl[kMoveCursor](+Infinity); break;
    case 'b': rl[kMoveCursor](-charLengthLeft(rl.line, rl.cursor)); break;
    case 'f': rl[kMoveCursor](+charLengthAt(rl.line, rl.cursor)); break;
    case 'l':
      // Clear the screen.
      cursorTo(rl.output, 0, 0);
      clearScreenDown(rl.output);
      rl[kRefreshLine]();
      break;
    case 'n': rl[kHistoryNext](); break;
    case 'p': rl[kHistoryPrev](); break;
    case 'y': rl[kYank](); break;
    case 'z': if (process.platform !== 'win32') onCtrlZ(rl); break;
    case 'w':  // terminals send ctrl+backspace as \b, the same as ctrl+h
    case 'backspace': rl[kDeleteWordLeft](); break;
    case 'delete': rl[kDeleteWordRight](); break;
    case 'left': rl[kWordLeft](); break;
    case 'right': rl[kWordRight](); break;
  }
}

function metaKey(rl, key) {
  switch (key.name) {
    case 'b': rl[kWordLeft](); break;
    case 'f': rl[kWordRight](); break;
    case 'd':
    case 'delete': rl[kDeleteWordRight](); break;
    case 'backspace': rl[kDeleteWordLeft](); break;
    case 'y': rl[kYankPop](); break;
  }
}

// Inserts typed or pasted text; each line ending in it completes a line.
function insertText(rl, s) {
  if (typeof s !== 'string' || !s) return;
  lineEnding.lastIndex = 0;
  let match;
  let lastIndex = 0;
  while ((match = lineEnding.exec(s)) !== null) {
    rl[kInsertString](s.slice(lastIndex, match.index));
    ({ lastIndex } = lineEnding);
    rl[kLine]();
    // kLine may have run code that used the same regexp.
    lineEnding.lastIndex = lastIndex;
  }
  rl[kInsertString](s.slice(lastIndex));
}

function plainKey(rl, s, key, previousKey) {
  // A \r only matters when a \n follows at once.
  if (rl[kSawReturnAt] && key.name !== 'enter') rl[kSawReturnAt] = 0;
  switch (key.name) {
    case 'return':
      rl[kSawReturnAt] = Date.now();
      rl[kLine]();
      break;
    case 'enter':
      // The \n of a \r\n within crlfDelay is not a second line.
      if (rl[kSawReturnAt] === 0 || Date.now() - rl[kSawReturnAt] > rl.crlfDelay) rl[kLine]();
      rl[kSawReturnAt] = 0;
      break;
    case 'backspace': rl[kDeleteLeft](); break;
    case 'delete': rl[kDeleteRight](); break;
    case 'left': rl[kMoveCursor](-charLengthLeft(rl.line, rl.cursor)); break;
    case 'right': rl[kMoveCursor](+charLengthAt(rl.line, rl.cursor)); break;
    case 'home': rl[kMoveCursor](-Infinity); break;
    case 'end': rl[kMoveCursor](+Infinity); break;
    case 'up': rl[kHistoryPrev](); break;
    case 'down': rl[kHistoryNext](); break;
    case 'tab':
      if (typeof rl.completer === 'function' && rl.isCompletionEnabled) {
        rl[kTabComplete](previousKey?.name === 'tab');
        break;
      }
      // Otherwise a tab is text.
      // falls through
    default:
      insertText(rl, s);
  }
}

function ttyWrite(s, key) {
  const previousKey = this[kPreviousKey];
  key = key || kEmptyObject;
  this[kPreviousKey] = key;
  // Only meta+y right after a yank continues yanking.
  if (!key.meta || key.name !== 'y') this[kYanking] = false;

  // Up/down start a history search on the text before the cursor; any other
  // key ends it.
  if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
    if (this[kSubstringSearch] === null) {
      this[kSubstringSearch] = this.line.slice(0, this.cursor);
    }
  } else if (this[kSubstringSearch] !== null) {
    this[kSubstringSearch] = null;
    if (this.history.length === this.historyIndex) this.historyIndex = -1;
  }

  // ctrl+_ undoes, ctrl+^ redoes.
  if (typeof key.sequence === 'string') {
    const code = key.sequence.codePointAt(0);
    if (code === 0x1f) return this[kUndo]();
    if (code === 0x1e) return this[kRedo]();
  }
  if (key.name === 'escape') return;

  if (key.ctrl && key.shift) {
    if (key.name === 'backspace') this[kDeleteLineLeft]();
    else if (key.name === 'delete') this[kDeleteLineRight]();
  } else if (key.ctrl) {
    ctrlKey(this, key);
  } else if (key.meta) {
    metaKey(this, key);
  } else {
    plainKey(this, s, key, previousKey);
  }
}

function ttyWriteDumb(s, key) {
  key = key || kEmptyObject;
  if (key.name === 'escape') return;
  if (this[kSawReturnAt] && key.name !== 'enter') this[kSawReturnAt] = 0;
  if (key.ctrl) {
    if (key.name === 'c') {
      if (this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
      else this.close();
      return;
    } else if (key.name === 'd') {
      this.close();
      return;
    }
  }
  switch (key.name) {
    case 'return':
      this[kSawReturnAt] = Date.now();
      this[kLine]();
      break;
    case 'enter':
      if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) {
        this[kLine]();
      }
      this[kSawReturnAt] = 0;
      break;
    default:
      if (typeof s === 'string' && s) {
        this.line += s;
        this.cursor += s.length;
        this[kWriteToOutput](s);
      }
  }
}

module.exports = {
  [kTtyWrite]: ttyWrite,
  ttyWriteDumb,
};
