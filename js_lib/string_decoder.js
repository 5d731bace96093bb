'use strict';

// string_decoder: turns a series of byte chunks into strings without
// splitting multi-byte characters across chunk boundaries. The decoder state
// lives in a 7-byte array as in Node (so it inspects the same way):
// [0..3] bytes of the incomplete character, [4] bytes still missing,
// [5] bytes buffered, [6] encoding id.

const codec = require('internal/streams/codec');
const chunk = require('internal/streams/chunk');
const {
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_THIS,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;

const kNativeDecoder = Symbol('kNativeDecoder');
const kMissing = 4;
const kBuffered = 5;
const kEncodingField = 6;
// Node's internal encoding enum, stored in the state array.
const kEncodingIds = {
  ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, base64url: 7,
};

function normalizeEncoding(enc) {
  const nenc = codec.normalizeEncoding(enc);
  if (nenc === undefined) throw new ERR_UNKNOWN_ENCODING(enc);
  return nenc;
}

function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  const state = chunk.alloc(7).fill(0);
  state[kEncodingField] = kEncodingIds[this.encoding];
  this[kNativeDecoder] = state;
}

function bytesOf(buf) {
  return buf instanceof Uint8Array ? buf :
    new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

// Sets up state for a character cut off at the end of data[0..n) and returns
// how many trailing bytes belong to it (0 if none).
function trailingIncomplete(enc, state, data, n) {
  if (enc === 'utf8') {
    if ((data[n - 1] & 0x80) === 0) return 0;
    let count = 0;
    for (let i = n - 1; ; i--) {
      count++;
      if ((data[i] & 0xC0) === 0x80) {
        // A continuation byte: keep looking for the lead byte, but four of
        // them (or reaching the start) means there is no valid character.
        if (count >= 4 || i === 0) return 0;
        continue;
      }
      let total;
      if ((data[i] & 0xE0) === 0xC0) total = 2;
      else if ((data[i] & 0xF0) === 0xE0) total = 3;
      else if ((data[i] & 0xF8) === 0xF0) total = 4;
      else return 0;
      if (count >= total) return 0;  // complete (or invalid): decode as is
      state[kMissing] = total - count;
      return count;
    }
  }
  if (enc === 'utf16le') {
    if (n % 2 === 1) { state[kMissing] = 1; return 1; }
    if ((data[n - 1] & 0xFC) === 0xD8) { state[kMissing] = 2; return 2; }  // high surrogate
    return 0;
  }
  if (enc === 'base64' || enc === 'base64url') {
    const rest = n % 3;
    if (rest > 0) state[kMissing] = 3 - rest;
    return rest;
  }
  return 0;
}

function decode(self, buf) {
  const state = self[kNativeDecoder];
  const enc = self.encoding;
  let data = bytesOf(buf);
  if (enc !== 'utf8' && enc !== 'utf16le' && enc !== 'base64' && enc !== 'base64url')
    return chunk.toString(data, enc);

  let prefix = '';
  if (state[kMissing] > 0) {
    if (enc === 'utf8') {
      // A byte that is not a continuation ends the pending character early:
      // what was buffered decodes (as U+FFFD) and the byte starts anew.
      const limit = Math.min(data.length, state[kMissing]);
      for (let i = 0; i < limit; i++) {
        if ((data[i] & 0xC0) !== 0x80) {
          state.set(data.subarray(0, i), state[kBuffered]);
          state[kBuffered] += i;
          state[kMissing] = 0;
          data = data.subarray(i);
          break;
        }
      }
    }
    const take = Math.min(data.length, state[kMissing]);
    state.set(data.subarray(0, take), state[kBuffered]);
    state[kMissing] -= take;
    state[kBuffered] += take;
    data = data.subarray(take);
    if (state[kMissing] > 0) return '';
    prefix = chunk.toString(state, enc, 0, state[kBuffered]);
    state[kBuffered] = 0;
  }
  if (data.length === 0) return prefix;

  let n = data.length;
  const keep = trailingIncomplete(enc, state, data, n);
  if (keep > 0) {
    n -= keep;
    state.set(data.subarray(n), 0);
    state[kBuffered] = keep;
  }
  return n > 0 ? prefix + chunk.toString(data, enc, 0, n) : prefix;
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf))
    throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  if (!this[kNativeDecoder]) throw new ERR_INVALID_THIS('StringDecoder');
  return decode(this, buf);
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  const state = this[kNativeDecoder];
  if (state[kBuffered] > 0) {
    // utf16le drops a lone trailing byte; the rest decode what they have.
    if (this.encoding === 'utf16le' && state[kBuffered] % 2 === 1) {
      state[kMissing]--;
      state[kBuffered]--;
    }
    if (state[kBuffered] > 0)
      ret += chunk.toString(state, this.encoding, 0, state[kBuffered]);
    state[kMissing] = 0;
    state[kBuffered] = 0;
  }
  return ret;
};

// Legacy and undocumented, kept for compatibility.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissing] = 0;
  this[kNativeDecoder][kBuffered] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder].subarray(0, 4); },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder][kMissing]; },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder][kBuffered] + this[kNativeDecoder][kMissing]; },
  },
});

exports.StringDecoder = StringDecoder;
