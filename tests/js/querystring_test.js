'use strict';
// Differential test of `querystring`: parse (custom separators, maxKeys,
// decodeURIComponent, malformed escapes), stringify (arrays, numbers,
// bigints, custom encoders), escape/unescape/unescapeBuffer and the
// decode/encode aliases, on fixed and generated inputs.
// Run under node and kiln: stdout must be identical.

const qs = require('querystring');
const util = require('util');

function show(fn) {
  try {
    return util.inspect(fn());
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

const inputs = ['', 'a', 'a=', '=b', '=', '&', '&&', 'a=1&b=2', 'a=1&a=2&a=3', 'a=b=c',
  'a+b=c+d', '%41=%42', '%zz=%', '%4', 'a%=1', '%%41', 'a=%E9', 'a=%C3%A9', '%F0%9F%98%80',
  'x=1;y=2', '__proto__=1', 'constructor=2&hasOwnProperty=3', 'a[]=1&a[]=2', '?a=1',
  'a=1&&b=2&', '  a = b  ', 'a=\u00e9\ud800', 'a=%2B+%20', '+', '%', 'k=v&k=&k'];
for (const s of inputs) {
  console.log('parse', JSON.stringify(s), show(() => qs.parse(s)));
}

// Custom separators, including multi-char and partial matches.
for (const [s, sep, eq] of [['a:1;b:2', ';', ':'], ['a==1&&&b==2', '&&&', '=='],
  ['a=1&&b=2', '&&', '='], ['a-=-1-&-b-=-2', '-&-', '-=-'], ['a=1,b=2', ',', undefined],
  ['a1b2', 'b', '1'], ['aXYbXY', 'XY', 'Y'], ['a=1&b=2', '', ''], ['a%3D1', '&', '%3D']]) {
  console.log('sep', JSON.stringify([s, sep, eq]), show(() => qs.parse(s, sep, eq)));
}

// maxKeys and decodeURIComponent.
const many = Array.from({ length: 1005 }, (_, i) => `k${i}=${i}`).join('&');
console.log(Object.keys(qs.parse(many)).length, Object.keys(qs.parse(many, null, null,
  { maxKeys: 0 })).length, Object.keys(qs.parse(many, null, null, { maxKeys: 3 })).length,
            Object.keys(qs.parse('a&&&b&c', null, null, { maxKeys: 2 })));
console.log(Object.keys(qs.parse(many, null, null, { maxKeys: Infinity })).length,
            Object.keys(qs.parse(many, null, null, { maxKeys: NaN })).length,
            Object.keys(qs.parse(many, null, null, { maxKeys: -1 })).length);
console.log(qs.parse('a=%41&b=x+y', null, null, { decodeURIComponent: (s) => `<${s}>` }));
console.log(qs.parse('a=%E9', null, null, {
  decodeURIComponent: (s) => { throw new Error(s); },
}));
console.log(qs.parse(5), qs.parse(null), qs.parse({}));

// stringify.
const objects = [{ a: 1, b: 'x y', c: ['1', 2, true] }, { e: [] }, { n: NaN, i: Infinity, z: -0 },
  { big: 10n, u: undefined, nul: null, o: {}, f() {} }, { '\u00e9': '\ud83d\ude00' },
  { num: 1e21, small: 1.5e-7, neg: -3 }, { 'a b': 'c&d=e' }, { "!'()*-._~": "!'()*-._~" },
  { arr: [[1, 2], { x: 1 }] }];
for (const o of objects) {
  console.log('stringify', qs.stringify(o), qs.stringify(o, ';', ':'),
              qs.stringify(o, null, null, { encodeURIComponent: (s) => `[${s}]` }));
}
console.log(qs.stringify('str'), qs.stringify(null), qs.stringify([1, 2]), qs.encode({ a: 1 }));
console.log(show(() => qs.stringify({ bad: '\ud800' })), show(() => qs.stringify({ ok: '\udc00x' })));

// escape / unescape / unescapeBuffer.
for (const s of ['abc', 'a b+c', '\u00e9\u20ac\ud83d\ude00', "!'()*-._~", '<>"#%{}|\\^`', 5, true,
  { toString() { return 'obj str'; } }, ['a', 'b']]) {
  console.log('escape', show(() => qs.escape(s)));
}
console.log(show(() => qs.escape('\ud800')), show(() => qs.escape(Symbol('s'))));
for (const s of ['a%20b', 'a+b', '%zz', '%E9', '%C3%A9', '%', '%4', '%%41', '%4%41', '%+', '%%+']) {
  console.log('unescape', JSON.stringify(s), JSON.stringify(qs.unescape(s)),
              JSON.stringify(qs.unescape(s, true)), [...qs.unescapeBuffer(s)].join(','),
              [...qs.unescapeBuffer(s, true)].join(','));
}
console.log(qs.decode === qs.parse, qs.encode === qs.stringify, Object.keys(qs));

// Users may replace escape/unescape; parse and stringify use the replacements.
const origEscape = qs.escape;
qs.escape = (s) => s.toUpperCase();
console.log(qs.stringify({ a: 'b c' }));
qs.escape = origEscape;
const origUnescape = qs.unescape;
qs.unescape = (s) => `{${s}}`;
console.log(qs.parse('a=%41'));
qs.unescape = origUnescape;

// Generated inputs.
const tokens = ['a', 'b', '=', '&', '+', '%', '%4', '%41', '%e9', '%C3%A9', ';', '==', '&&',
  '\u00e9', ' ', '__proto__', 'x'];
let seed = 99;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
for (let i = 0; i < 200; i++) {
  let s = '';
  for (let n = 1 + rnd(8); n > 0; n--) s += tokens[rnd(tokens.length)];
  const seps = [[undefined, undefined], ['&&', '=='], [';', '='], ['&', '%']][rnd(4)];
  console.log('gen', JSON.stringify(s), show(() => qs.parse(s, seps[0], seps[1])));
}
