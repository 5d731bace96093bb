'use strict';
// Terminal line editing for readline's Interface: inserting, deleting by
// character, word and line, the kill ring, undo/redo, history navigation,
// tab completion, and the display geometry (rows/columns of a string with
// wide characters and tabs). Installed on Interface.prototype by
// interface.js; `this` is an Interface.

const { inspect, getStringWidth, stripVTControlCharacters } = require('internal/util/inspect');
const { moveCursor } = require('internal/readline/callbacks');
const {
  charLengthAt, charLengthLeft, commonPrefix, kSubstringSearch,
} = require('internal/readline/utils');
const {
  kBeforeEdit, kDeleteLeft, kDeleteLineLeft, kDeleteLineRight, kDeleteRight,
  kDeleteWordLeft, kDeleteWordRight, kGetDisplayPos, kHistoryNext, kHistoryPrev,
  kInsertString, kKillRing, kKillRingCursor, kMoveCursor, kPushToKillRing,
  kPushToUndoStack, kRedo, kRedoStack, kRefreshLine, kTabComplete, kTabCompleter,
  kUndo, kUndoStack, kWordLeft, kWordRight, kWriteToOutput, kYank, kYankPop, kYanking,
} = require('internal/readline/symbols');

const kMaxUndoRedoStackSize = 2048;
const kMaxLengthOfKillRing = 32;

// Length of the word (plus the blanks after it) left of the cursor. The
// text is reversed so the match starts at the cursor.
function wordLeftLength(line, cursor) {
  const reversed = Array.from(line.slice(0, cursor)).reverse().join('');
  return /^\s*(?:[^\w\s]+|\w+)?/.exec(reversed)[0].length;
}

module.exports = {
  [kInsertString](c) {
    this[kBeforeEdit](this.line, this.cursor);
    if (!this.isCompletionEnabled) {
      // Inside a pasted chunk: append without redrawing.
      this.line += c;
      this.cursor += c.length;
      this[kWriteToOutput](c);
      return;
    }
    if (this.cursor < this.line.length) {
      this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
      this.cursor += c.length;
      this[kRefreshLine]();
    } else {
      const oldPos = this.getCursorPos();
      this.line += c;
      this.cursor += c.length;
      const newPos = this.getCursorPos();
      if (oldPos.rows < newPos.rows) this[kRefreshLine]();
      else this[kWriteToOutput](c);
    }
  },

  // Asks the completer (which returns the result or a promise of it) about
  // the text left of the cursor; input is paused meanwhile. The legacy
  // readline.Interface overrides this for callback completers.
  async [kTabComplete](lastKeypressWasTab) {
    this.pause();
    const string = this.line.slice(0, this.cursor);
    let value;
    try {
      value = await this.completer(string);
    } catch (err) {
      this[kWriteToOutput](`Tab completion error: ${inspect(err)}`);
      return;
    } finally {
      this.resume();
    }
    this[kTabCompleter](lastKeypressWasTab, value);
  },

  // [completions, completeOn]: insert the common prefix; on a second tab,
  // list the completions in columns ('' entries start a new group).
  [kTabCompleter](lastKeypressWasTab, { 0: completions, 1: completeOn }) {
    if (!completions || completions.length === 0) return;
    const prefix = commonPrefix(completions.filter((e) => e !== ''));
    if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
      this[kInsertString](prefix.slice(completeOn.length));
      return;
    } else if (!completeOn.startsWith(prefix)) {
      this.line = this.line.slice(0, this.cursor - completeOn.length) + prefix +
                  this.line.slice(this.cursor);
      this.cursor = this.cursor - completeOn.length + prefix.length;
      this[kRefreshLine]();
      return;
    }
    if (!lastKeypressWasTab) return;
    this[kBeforeEdit](this.line, this.cursor);
    const widths = completions.map((e) => getStringWidth(e));
    const width = Math.max(...widths) + 2;
    let maxColumns = Math.floor(this.columns / width) || 1;
    if (maxColumns === Infinity) maxColumns = 1;
    let output = '\r\n';
    let column = 0;
    let whitespace = 0;
    for (let i = 0; i < completions.length; i++) {
      const completion = completions[i];
      if (completion === '' || column === maxColumns) {
        output += '\r\n';
        column = 0;
        whitespace = 0;
      } else {
        output += ' '.repeat(whitespace);
      }
      if (completion !== '') {
        output += completion;
        whitespace = width - widths[i];
        column++;
      } else {
        output += '\r\n';
      }
    }
    if (column !== 0) output += '\r\n\r\n';
    this[kWriteToOutput](output);
    this[kRefreshLine]();
  },

  [kWordLeft]() {
    if (this.cursor > 0) this[kMoveCursor](-wordLeftLength(this.line, this.cursor));
  },

  [kWordRight]() {
    if (this.cursor < this.line.length) {
      const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(this.line.slice(this.cursor));
      this[kMoveCursor](match[0].length);
    }
  },

  [kDeleteLeft]() {
    if (this.cursor > 0 && this.line.length > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthLeft(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor - size) + this.line.slice(this.cursor);
      this.cursor -= size;
      this[kRefreshLine]();
    }
  },

  [kDeleteRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const size = charLengthAt(this.line, this.cursor);
      this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + size);
      this[kRefreshLine]();
    }
  },

  [kDeleteWordLeft]() {
    if (this.cursor > 0) {
      this[kBeforeEdit](this.line, this.cursor);
      const leading = this.line.slice(0, this.cursor - wordLeftLength(this.line, this.cursor));
      this.line = leading + this.line.slice(this.cursor);
      this.cursor = leading.length;
      this[kRefreshLine]();
    }
  },

  [kDeleteWordRight]() {
    if (this.cursor < this.line.length) {
      this[kBeforeEdit](this.line, this.cursor);
      const trailing = this.line.slice(this.cursor);
      const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
      this.line = this.line.slice(0, this.cursor) + trailing.slice(match[0].length);
      this[kRefreshLine]();
    }
  },

  [kDeleteLineLeft]() {
    this[kBeforeEdit](this.line, this.cursor);
    const del = this.line.slice(0, this.cursor);
    this.line = this.line.slice(this.cursor);
    this.cursor = 0;
    this[kPushToKillRing](del);
    this[kRefreshLine]();
  },

  [kDeleteLineRight]() {
    this[kBeforeEdit](this.line, this.cursor);
    const del = this.line.slice(this.cursor);
    this.line = this.line.slice(0, this.cursor);
    this[kPushToKillRing](del);
    this[kRefreshLine]();
  },

  [kPushToKillRing](del) {
    if (!del || del === this[kKillRing][0]) return;
    this[kKillRing].unshift(del);
    this[kKillRingCursor] = 0;
    while (this[kKillRing].length > kMaxLengthOfKillRing) this[kKillRing].pop();
  },

  [kYank]() {
    if (this[kKillRing].length > 0) {
      this[kYanking] = true;
      this[kInsertString](this[kKillRing][this[kKillRingCursor]]);
    }
  },

  // Right after a yank: replace the yanked text with the next older kill.
  [kYankPop]() {
    if (!this[kYanking] || this[kKillRing].length <= 1) return;
    const lastYank = this[kKillRing][this[kKillRingCursor]];
    this[kKillRingCursor]++;
    if (this[kKillRingCursor] >= this[kKillRing].length) this[kKillRingCursor] = 0;
    const currentYank = this[kKillRing][this[kKillRingCursor]];
    const head = this.line.slice(0, this.cursor - lastYank.length);
    const tail = this.line.slice(this.cursor);
    this.line = head + currentYank + tail;
    this.cursor = head.length + currentYank.length;
    this[kRefreshLine]();
  },

  [kPushToUndoStack](text, cursor) {
    if (this[kUndoStack].push({ text, cursor }) > kMaxUndoRedoStackSize) {
      this[kUndoStack].shift();
    }
  },

  [kUndo]() {
    if (this[kUndoStack].length <= 0) return;
    this[kRedoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kUndoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  },

  [kRedo]() {
    if (this[kRedoStack].length <= 0) return;
    this[kUndoStack].push({ text: this.line, cursor: this.cursor });
    const entry = this[kRedoStack].pop();
    this.line = entry.text;
    this.cursor = entry.cursor;
    this[kRefreshLine]();
  },

  // Down / ctrl+n: the next newer entry starting with what was typed before
  // the first up/down (the substring search); past the newest, that text.
  [kHistoryNext]() {
    if (this.historyIndex < 0) return;
    this[kBeforeEdit](this.line, this.cursor);
    const search = this[kSubstringSearch] || '';
    let index = this.historyIndex - 1;
    while (index >= 0 &&
           (!this.history[index].startsWith(search) || this.line === this.history[index])) {
      index--;
    }
    this.line = index === -1 ? search : this.history[index];
    this.historyIndex = index;
    this.cursor = this.line.length;
    this[kRefreshLine]();
  },

  // Up / ctrl+p: the next older matching entry.
  [kHistoryPrev]() {
    if (this.historyIndex >= this.history.length || !this.history.length) return;
    this[kBeforeEdit](this.line, this.cursor);
    const search = this[kSubstringSearch] || '';
    let index = this.historyIndex + 1;
    while (index < this.history.length &&
           (!this.history[index].startsWith(search) || this.line === this.history[index])) {
      index++;
    }
    this.line = index === this.history.length ? search : this.history[index];
    this.historyIndex = index;
    this.cursor = this.line.length;
    this[kRefreshLine]();
  },

  // { rows, cols } where `str` would end when written from column 0:
  // control sequences take no room, tabs align to tabSize, wide characters
  // take two columns and never straddle the right edge.
  [kGetDisplayPos](str) {
    let offset = 0;
    const col = this.columns;
    let rows = 0;
    str = stripVTControlCharacters(str);
    for (const char of str) {
      if (char === '\n') {
        rows += Math.ceil(offset / col) || 1;
        offset = 0;
        continue;
      }
      if (char === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = getStringWidth(char, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        if ((offset + 1) % col === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % col;
    rows += (offset - cols) / col;
    return { cols, rows };
  },

  // Moves the cursor dx units (clamped to the line); redraws only when the
  // row changes.
  [kMoveCursor](dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this[kRefreshLine]();
  },
};
