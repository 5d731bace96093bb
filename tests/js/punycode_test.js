'use strict';
// Differential test of `punycode`: encode/decode (RFC 3492 samples and
// generated strings), toASCII/toUnicode (labels, separators, emails),
// ucs2 and the error cases. Run under node and kiln: stdout must be identical.

const punycode = require('punycode');

function show(fn) {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    return `throws ${e.name}: ${e.message}`;
  }
}

const words = ['', 'a', 'abc', '-', '--', 'a-b', '\u00fc', 'b\u00fccher', '\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587',
  '\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f',
  'Pročprostěnemluvíčesky', '\ud83d\ude00', 'a\ud83d\ude00b', '\ud800', 'MAJI\u3067KOI\u3059\u308b5\u79d2\u524d',
  '3\u5e74B\u7d44\u91d1\u516b\u5148\u751f', '\u00e9\u00e9\u00e9', 'x\u00ffy\u0100z', '\u{10ffff}'];
for (const w of words) {
  const enc = show(() => punycode.encode(w));
  console.log('encode', JSON.stringify(w), enc,
              show(() => punycode.decode(JSON.parse(enc))));
}
for (const s of ['', 'a-', '-', 'bcher-kva', 'tda', 'egbpdaj6bu4bxfgehfvwxn', '99999999999',
  'a\u00e9-x', 'zz-', '!', 'ihqwcrb4cv8a8dqg056pqjye', '-ab', 'a-b-c', 'ZZZZZZZ', 'zzzzzzzzzzz']) {
  console.log('decode', JSON.stringify(s), show(() => punycode.decode(s)));
}
for (const d of ['example.com', 'b\u00fccher.de', 'm\u00fcnchen.\u00fc.com', 'a\u3002b\uff0ec\uff61d',
  'user@b\u00fccher.de', 'a@b@\u00e9', '', '.', '\u00e9..', 'xn--bcher-kva.de', 'XN--BCHER-KVA.de',
  'user@xn--bcher-kva.de', 'xn--!.com', 'xn--99999999999.x']) {
  console.log('domain', JSON.stringify(d), show(() => punycode.toASCII(d)),
              show(() => punycode.toUnicode(d)));
}
console.log(punycode.ucs2.decode('a\ud83d\ude00\ud800b\udc00'), punycode.ucs2.encode([97, 0x1f600, 0xd800]));
console.log(show(() => punycode.ucs2.encode([0x110000])));
console.log(punycode.version, Object.keys(punycode), Object.keys(punycode.ucs2));

let seed = 7;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
const alphabet = ['a', 'Z', '-', '0', '\u00e9', '\u00df', '\u4e2d', '\ud83d\ude00', '.', '\u0627'];
for (let i = 0; i < 100; i++) {
  let s = '';
  for (let n = rnd(8); n > 0; n--) s += alphabet[rnd(alphabet.length)];
  const ascii = show(() => punycode.toASCII(s));
  console.log('gen', JSON.stringify(s), ascii, show(() => punycode.toUnicode(JSON.parse(ascii))));
}
