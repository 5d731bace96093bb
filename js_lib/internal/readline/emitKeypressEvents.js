'use strict';
// readline.emitKeypressEvents(stream[, iface]): makes `stream` emit
// 'keypress' (sequence, key) for what it reads, once anybody listens for
// 'keypress'. A lone ESC at the end of a chunk becomes the escape key after
// iface.escapeCodeTimeout ms unless more of a sequence arrives.

const { charLengthAt, emitKeys } = require('internal/readline/utils');
const { kSawKeyPress } = require('internal/readline/symbols');

const KEYPRESS_DECODER = Symbol('keypress-decoder');
const ESCAPE_DECODER = Symbol('escape-decoder');
const ESCAPE_CODE_TIMEOUT = 500;

function startParser(stream) {
  stream[ESCAPE_DECODER] = emitKeys(stream);
  stream[ESCAPE_DECODER].next();
}

function emitKeypressEvents(stream, iface = {}) {
  if (stream[KEYPRESS_DECODER]) return;
  const { StringDecoder } = require('string_decoder');
  stream[KEYPRESS_DECODER] = new StringDecoder('utf8');
  startParser(stream);

  const { escapeCodeTimeout = ESCAPE_CODE_TIMEOUT } = iface;
  const triggerEscape = () => stream[ESCAPE_DECODER].next('');
  let timeoutId;

  function onData(input) {
    if (stream.listenerCount('keypress') === 0) {
      // Nobody listens any more: wait for the next listener.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
      return;
    }
    const string = stream[KEYPRESS_DECODER].write(input);
    if (!string) return;
    clearTimeout(timeoutId);
    // A chunk of one character (maybe two units) is typed, not pasted.
    iface[kSawKeyPress] = charLengthAt(string, 0) === string.length;
    // Completion only for the last character of a chunk, so pasted tabs
    // stay tabs.
    iface.isCompletionEnabled = false;
    let length = 0;
    for (const character of string) {
      length += character.length;
      if (length === string.length) iface.isCompletionEnabled = true;
      try {
        stream[ESCAPE_DECODER].next(character);
        if (length === string.length && character === '\x1b') {
          timeoutId = setTimeout(triggerEscape, escapeCodeTimeout);
        }
      } catch (err) {
        // A 'keypress' listener threw inside the generator, which is now
        // finished: start a fresh one before passing the error on.
        startParser(stream);
        throw err;
      }
    }
  }

  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }

  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

module.exports = emitKeypressEvents;
