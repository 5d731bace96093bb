'use strict';

// punycode (deprecated, DEP0040): RFC 3492 Punycode and the RFC 3490
// label-by-label toASCII/toUnicode, with the API and error messages of the
// punycode.js 2.1.0 library Node bundles. No IDNA mapping is done (that is
// url.domainToASCII).

// Node warns only under --pending-deprecation (or NODE_PENDING_DEPRECATION=1),
// when the module is first loaded, which is always from user code: nothing
// in the runtime loads it.
if (require('internal/options').pendingDeprecation()) {
  process.emitWarning(
    'The `punycode` module is deprecated. Please use a userland alternative instead.',
    'DeprecationWarning', 'DEP0040');
}

const maxInt = 0x7FFFFFFF;
const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 0x80;

const messages = {
  'overflow': 'Overflow: input needs wider integers to process',
  'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
  'invalid-input': 'Invalid input',
};

function error(type) {
  throw new RangeError(messages[type]);
}

// The label separators of RFC 3490: '.', U+3002, U+FF0E, U+FF61.
const separators = /[.\u3002\uFF0E\uFF61]/g;

// Applies fn to each label of a domain; in an email address only the part
// after the first '@' is a domain.
function mapDomain(domain, fn) {
  const parts = domain.split('@');
  let prefix = '';
  if (parts.length > 1) {
    prefix = parts[0] + '@';
    domain = parts[1];
  }
  const labels = domain.replace(separators, '.').split('.');
  // Last label first, as punycode.js does (it decides which error is thrown).
  const out = [];
  for (let i = labels.length - 1; i >= 0; i--) out[i] = fn(labels[i]);
  return prefix + out.join('.');
}

// String -> code points (a lone surrogate stays a code unit).
function ucs2decode(string) {
  const out = [];
  for (let i = 0; i < string.length; i++) {
    const value = string.charCodeAt(i);
    if (value >= 0xD800 && value <= 0xDBFF && i + 1 < string.length) {
      const next = string.charCodeAt(i + 1);
      if ((next & 0xFC00) === 0xDC00) {
        out.push(((value & 0x3FF) << 10) + (next & 0x3FF) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(value);
  }
  return out;
}

function ucs2encode(codePoints) {
  return String.fromCodePoint(...codePoints);
}

// Digit value of a basic code point (0-9 are 26-35); `base` if none.
function basicToDigit(c) {
  if (c >= 0x30 && c < 0x3A) return c - 0x30 + 26;
  if (c >= 0x41 && c < 0x5B) return c - 0x41;
  if (c >= 0x61 && c < 0x7B) return c - 0x61;
  return base;
}

// Lower-case basic code point of a digit (0-25: a-z, 26-35: 0-9).
function digitToBasic(digit) {
  return digit < 26 ? digit + 97 : digit + 22;
}

// Bias adaptation (RFC 3492 section 6.1).
function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / damp) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((base - tMin) * tMax) >> 1) {
    delta = Math.floor(delta / (base - tMin));
    k += base;
  }
  return Math.floor(k + (base - tMin + 1) * delta / (delta + skew));
}

function threshold(k, bias) {
  if (k <= bias) return tMin;
  if (k >= bias + tMax) return tMax;
  return k - bias;
}

// Punycode string -> Unicode string.
function decode(input) {
  const output = [];
  const basic = Math.max(input.lastIndexOf('-'), 0);
  for (let j = 0; j < basic; j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) error('not-basic');
    output.push(c);
  }
  let n = initialN;
  let bias = initialBias;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    // One generalized variable-length integer: the insertion delta.
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (index >= input.length) error('invalid-input');
      const digit = basicToDigit(input.charCodeAt(index++));
      if (digit >= base) error('invalid-input');
      if (digit > Math.floor((maxInt - i) / w)) error('overflow');
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(maxInt / (base - t))) error('overflow');
      w *= base - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldi, length, oldi === 0);
    if (Math.floor(i / length) > maxInt - n) error('overflow');
    n += Math.floor(i / length);
    i %= length;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

// Unicode string -> Punycode string (lower case).
function encode(input) {
  const codePoints = ucs2decode(input);
  let output = '';
  for (const c of codePoints) {
    if (c < 0x80) output += String.fromCharCode(c);
  }
  const basicLength = output.length;
  let handled = basicLength;
  if (basicLength) output += '-';

  let n = initialN;
  let delta = 0;
  let bias = initialBias;
  while (handled < codePoints.length) {
    // The smallest code point not handled yet.
    let m = maxInt;
    for (const c of codePoints) {
      if (c >= n && c < m) m = c;
    }
    if (m - n > Math.floor((maxInt - delta) / (handled + 1))) error('overflow');
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codePoints) {
      if (c < n && ++delta > maxInt) error('overflow');
      if (c !== n) continue;
      let q = delta;
      for (let k = base; ; k += base) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += String.fromCharCode(digitToBasic(t + (q - t) % (base - t)));
        q = Math.floor((q - t) / (base - t));
      }
      output += String.fromCharCode(digitToBasic(q));
      bias = adapt(delta, handled + 1, handled === basicLength);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

function toUnicode(input) {
  return mapDomain(input, (label) => (
    /^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

function toASCII(input) {
  return mapDomain(input, (label) => (
    /[^\0-\x7F]/.test(label) ? 'xn--' + encode(label) : label));
}

module.exports = {
  version: '2.1.0',
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  decode,
  encode,
  toASCII,
  toUnicode,
};
