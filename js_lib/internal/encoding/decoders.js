'use strict';

// Byte-to-string decoders behind TextDecoder. Each has decode(bytes, flush):
// it returns the text for the complete input so far and keeps an incomplete
// trailing sequence for the next call, unless `flush` ends the stream (then
// it is an error). Errors give U+FFFD, or throw when `fatal`.

// Collects UTF-16 code units and turns them into a string in chunks (the
// argument count of String.fromCharCode is limited).
class UnitSink {
  constructor() {
    this.units = [];
    this.text = '';
  }
  push(unit) {
    this.units.push(unit);
    if (this.units.length === 8192) this.flush();
  }
  pushCodePoint(cp) {
    if (cp > 0xffff) {
      cp -= 0x10000;
      this.push(0xd800 + (cp >> 10));
      this.push(0xdc00 + (cp & 0x3ff));
    } else {
      this.push(cp);
    }
  }
  flush() {
    this.text += String.fromCharCode.apply(null, this.units);
    this.units.length = 0;
  }
  finish() {
    this.flush();
    return this.text;
  }
}

// Node throws these two from C++: plain TypeErrors with a `code`.
function nativeTypeError(code, message) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function invalidData(encoding) {
  return nativeTypeError('ERR_ENCODING_INVALID_ENCODED_DATA',
                         `The encoded data was not valid for encoding ${encoding}`);
}

class Utf8Decoder {
  constructor(fatal) {
    this.fatal = fatal;
    this.reset();
  }
  reset() {
    this.needed = 0;
    this.seen = 0;
    this.codePoint = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }
  error(out) {
    if (this.fatal) {
      this.reset();
      throw invalidData('utf-8');
    }
    out.push(0xfffd);
  }
  decode(bytes, flush) {
    const out = new UnitSink();
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.needed === 0) {
        if (byte <= 0x7f) {
          out.push(byte);
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.needed = 1;
          this.codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lower = 0xa0;
          if (byte === 0xed) this.upper = 0x9f;
          this.needed = 2;
          this.codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lower = 0x90;
          if (byte === 0xf4) this.upper = 0x8f;
          this.needed = 3;
          this.codePoint = byte & 0x7;
        } else {
          this.error(out);
        }
        continue;
      }
      if (byte < this.lower || byte > this.upper) {
        // The sequence so far is one error; the byte starts over.
        this.reset();
        this.error(out);
        i--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
      if (++this.seen === this.needed) {
        out.pushCodePoint(this.codePoint);
        this.reset();
      }
    }
    if (flush && this.needed !== 0) {
      this.reset();
      this.error(out);
    }
    return out.finish();
  }
}

class Utf16Decoder {
  constructor(fatal, bigEndian) {
    this.fatal = fatal;
    this.bigEndian = bigEndian;
    this.encoding = bigEndian ? 'utf-16be' : 'utf-16le';
    this.reset();
  }
  reset() {
    this.leadByte = -1;
    this.leadSurrogate = -1;
  }
  error(out) {
    if (this.fatal) {
      this.reset();
      throw invalidData(this.encoding);
    }
    out.push(0xfffd);
  }
  unit(out, unit) {
    if (this.leadSurrogate !== -1) {
      const lead = this.leadSurrogate;
      this.leadSurrogate = -1;
      if (unit >= 0xdc00 && unit <= 0xdfff) {
        out.push(lead);
        out.push(unit);
        return;
      }
      this.error(out);
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.leadSurrogate = unit;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      this.error(out);
    } else {
      out.push(unit);
    }
  }
  decode(bytes, flush) {
    const out = new UnitSink();
    for (let i = 0; i < bytes.length; i++) {
      if (this.leadByte === -1) {
        this.leadByte = bytes[i];
        continue;
      }
      const unit = this.bigEndian ? (this.leadByte << 8) | bytes[i] : (bytes[i] << 8) | this.leadByte;
      this.leadByte = -1;
      this.unit(out, unit);
    }
    if (flush && (this.leadByte !== -1 || this.leadSurrogate !== -1)) {
      this.reset();
      this.error(out);
    }
    return out.finish();
  }
}

class Latin1Decoder {
  decode(bytes) {
    const out = new UnitSink();
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
    return out.finish();
  }
}

module.exports = { nativeTypeError, Utf8Decoder, Utf16Decoder, Latin1Decoder };
