'use strict';
// Shared by readline and the REPL: ANSI control strings, UTF-16 character
// widths at a cursor, the completion prefix, and the keypress parser that
// emitKeypressEvents drives one character at a time.

const kEscape = '\x1b';
const kSubstringSearch = Symbol('kSubstringSearch');

// `CSI\`${n}G\`` is the control sequence ESC [ n G.
function CSI(strings, ...args) {
  let out = `${kEscape}[`;
  for (let i = 0; i < strings.length; i++) {
    out += strings[i];
    if (i < args.length) out += args[i];
  }
  return out;
}
CSI.kEscape = kEscape;
CSI.kClearToLineBeginning = CSI`1K`;
CSI.kClearToLineEnd = CSI`0K`;
CSI.kClearLine = CSI`2K`;
CSI.kClearScreenDown = CSI`0J`;

// Code points at or above this take two UTF-16 units.
const kSurrogateThreshold = 0x10000;

// UTF-16 units of the character at index i (1 past the end: completion
// moves right past the end).
function charLengthAt(str, i) {
  if (str.length <= i) return 1;
  return str.codePointAt(i) >= kSurrogateThreshold ? 2 : 1;
}

// UTF-16 units of the character left of index i.
function charLengthLeft(str, i) {
  if (i <= 0) return 0;
  if ((i > 1 && str.codePointAt(i - 2) >= kSurrogateThreshold) ||
      str.codePointAt(i - 1) >= kSurrogateThreshold) {
    return 2;
  }
  return 1;
}

// Longest prefix every string shares: after sorting, only the first and
// last need comparing.
function commonPrefix(strings) {
  if (strings.length === 0) return '';
  if (strings.length === 1) return strings[0];
  const sorted = strings.slice().sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  for (let i = 0; i < first.length; i++) {
    if (first[i] !== last[i]) return first.slice(0, i);
  }
  return first;
}

// Key names of escape sequences, by the code the parser builds (the
// introducer 'O' or '[' plus the rest, without the modifier).
const kKeyNames = {
  __proto__: null,
  // xterm/gnome: ESC [ letter, ESC O letter
  '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4',
  'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
  // xterm/rxvt: ESC [ number ~
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[200~': 'paste-start', '[201~': 'paste-end',
  // Cygwin, libuv
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[15~': 'f5', '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9',
  '[21~': 'f10', '[23~': 'f11', '[24~': 'f12',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear',
  '[F': 'end', '[H': 'home',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OE': 'clear',
  'OF': 'end', 'OH': 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end',
  '[5~': 'pageup', '[6~': 'pagedown',
  '[[5~': 'pageup', '[[6~': 'pagedown',  // putty
  '[7~': 'home', '[8~': 'end',  // rxvt
};
// rxvt sequences that carry their modifier in the final character:
// [name, modifier].
const kModifiedKeys = {
  __proto__: null,
  '[a': ['up', 'shift'], '[b': ['down', 'shift'], '[c': ['right', 'shift'],
  '[d': ['left', 'shift'], '[e': ['clear', 'shift'],
  '[2$': ['insert', 'shift'], '[3$': ['delete', 'shift'], '[5$': ['pageup', 'shift'],
  '[6$': ['pagedown', 'shift'], '[7$': ['home', 'shift'], '[8$': ['end', 'shift'],
  'Oa': ['up', 'ctrl'], 'Ob': ['down', 'ctrl'], 'Oc': ['right', 'ctrl'],
  'Od': ['left', 'ctrl'], 'Oe': ['clear', 'ctrl'],
  '[2^': ['insert', 'ctrl'], '[3^': ['delete', 'ctrl'], '[5^': ['pageup', 'ctrl'],
  '[6^': ['pagedown', 'ctrl'], '[7^': ['home', 'ctrl'], '[8^': ['end', 'ctrl'],
  '[Z': ['tab', 'shift'],
};

const isDigit = (ch) => ch >= '0' && ch <= '9';

// A generator fed one character per next(ch) (or '' when the escape timeout
// fires); emits 'keypress' (sequence, key) on `stream` for each complete key.
function* emitKeys(stream) {
  while (true) {
    let ch = yield;
    let s = ch;
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };

    if (ch === kEscape) {
      escaped = true;
      s += (ch = yield);
      if (ch === kEscape) s += (ch = yield);
    }

    if (escaped && (ch === 'O' || ch === '[')) {
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        // ESC O letter, ESC O modifier letter
        s += (ch = yield);
        if (isDigit(ch)) {
          modifier = (ch >> 0) - 1;
          s += (ch = yield);
        }
        code += ch;
      } else {
        // ESC [ letter, ESC [ modifier letter, ESC [ [ ..., ESC [ num (;mod) ~
        s += (ch = yield);
        if (ch === '[') {
          code += ch;
          s += (ch = yield);
        }
        // Read just enough for either `\d\d?(;\d)?[~^$]` / `\d{3}~` or
        // `((\d;)?\d)?[A-Za-z]`.
        const cmdStart = s.length - 1;
        if (isDigit(ch)) {
          s += (ch = yield);
          if (isDigit(ch)) {
            s += (ch = yield);
            if (isDigit(ch)) s += (ch = yield);
          }
        }
        if (ch === ';') {
          s += (ch = yield);
          if (isDigit(ch)) s += yield;
        }
        const cmd = s.slice(cmdStart);
        let m;
        if ((m = /^(?:(\d\d?)(?:;(\d))?([~^$])|(\d{3}~))$/.exec(cmd)) !== null) {
          if (m[4]) {
            code += m[4];
          } else {
            code += m[1] + m[3];
            modifier = (m[2] || 1) - 1;
          }
        } else if ((m = /^((\d;)?(\d))?([A-Za-z])$/.exec(cmd)) !== null) {
          code += m[4];
          modifier = (m[3] || 1) - 1;
        } else {
          code += cmd;
        }
      }
      key.ctrl = !!(modifier & 4);
      key.meta = !!(modifier & 10);
      key.shift = !!(modifier & 1);
      key.code = code;
      const modified = kModifiedKeys[code];
      if (modified !== undefined) {
        key.name = modified[0];
        key[modified[1]] = true;
      } else {
        key.name = kKeyNames[code] ?? 'undefined';
      }
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';  // also ctrl+h
      key.meta = escaped;
    } else if (ch === kEscape) {
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      // ctrl+letter
      key.name = String.fromCharCode(ch.charCodeAt(0) + 96);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      // The escape timeout fired ('') or ESC + some other character.
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }

    key.sequence = s;
    if (s.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : s, key);
    } else if (charLengthAt(s, 0) === s.length) {
      // One unnamed character, e.g. '.'
      stream.emit('keypress', s, key);
    }
    // Anything else is a broken escape sequence: nothing is emitted.
  }
}

// Runs `listener` once `signal` aborts; returns a function that removes it.
function listenAbort(signal, listener) {
  const { addAbortListener } = require('internal/events/static');
  const disposable = addAbortListener(signal, listener);
  // The disposable's one method is keyed by Symbol.dispose (whichever symbol
  // that was when events loaded).
  const key = Object.getOwnPropertySymbols(disposable)[0];
  return () => disposable[key]();
}

module.exports = {
  CSI, charLengthAt, charLengthLeft, commonPrefix, emitKeys, kSubstringSearch, listenAbort,
};
