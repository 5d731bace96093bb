'use strict';
// Buffer operations: indexOf/lastIndexOf/includes, compare/equals, fill,
// copy, concat, subarray/slice, swap16/32/64, toJSON, inspect, and the
// module's extras: isUtf8, isAscii, transcode, atob/btoa, Blob, File.

const util = require('util');
const buffer = require('buffer');

function show(v) {
  if (Buffer.isBuffer(v)) return `<${v.toString('hex')}>`;
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function t(label, fn) {
  try {
    console.log(label, '->', show(fn()));
  } catch (e) {
    console.log(label, '-> throws', e.name, e.code, e.message);
  }
}

// ---- search ------------------------------------------------------------------------
const hay = Buffer.from('abcabc\u20acxyz\u20ac');
const needles = ['abc', 'bc', 'c', '', '\u20ac', 'zzz', 'abcabc\u20acxyz\u20ac!', 0x61, 0x63, 0x1063, -159,
  Buffer.from('ca'), Buffer.alloc(0), new Uint8Array([0x78, 0x79])];
const byteOffsets = [undefined, 0, 1, 3, 4, -1, -3, -100, 100, 13, 14, 1.5, '1', null, NaN, {},
  [], 2 ** 40, -(2 ** 40)];
for (const n of needles) {
  for (const off of byteOffsets) {
    t(`indexOf(${show(n)}, ${show(off)})`, () => [hay.indexOf(n, off), hay.lastIndexOf(n, off),
      hay.includes(n, off)]);
  }
}
const u = Buffer.from('a\u20acb\u20acab', 'ucs2');
for (const [n, enc] of [['b', 'ucs2'], ['\u20ac', 'utf16le'], ['ab', 'ucs2'], ['', 'ucs2'],
  ['b', 'latin1'], ['YQ==', 'base64'], ['YQ', 'base64url'], ['6100', 'hex'], ['a', 'ascii'],
  ['a', 'bogus'], [Buffer.from('b\0', 'latin1'), 'ucs2'], [Buffer.from('b'), 'ucs2'],
  [Buffer.from('\0b'), 'ucs2']]) {
  for (const off of [undefined, 0, 1, 2, 3, 5, -2, -4, 100]) {
    t(`ucs2 indexOf(${show(n)}, ${show(off)}, ${enc})`, () => [u.indexOf(n, off, enc),
      u.lastIndexOf(n, off, enc)]);
  }
}
t('indexOf odd ucs2 haystack', () => [Buffer.from('abc').indexOf('c', 0, 'ucs2'),
  Buffer.from('abc').indexOf(Buffer.from('z\0'), 0, 'ucs2'),
  Buffer.from('abcd').lastIndexOf(Buffer.from('zz'), 0, 'ucs2')]);
t('indexOf encoding as offset', () => [hay.indexOf('YWJj', 'base64'), hay.lastIndexOf('63', 'hex')]);
t('indexOf bad value', () => hay.indexOf({}));
t('indexOf bad value2', () => hay.indexOf(true));
t('indexOf this', () => Buffer.prototype.indexOf.call('abc', 'b'));
t('indexOf on Uint8Array', () => Buffer.prototype.indexOf.call(new Uint8Array([1, 2, 3]), 2));
t('lastIndexOf big', () => {
  const b = Buffer.alloc(5000, 'xyz');
  return [b.lastIndexOf('xyz'), b.lastIndexOf('zx'), b.indexOf('zx', 4000), b.lastIndexOf('yzx', 100)];
});

// ---- compare/equals ------------------------------------------------------------------
const a = Buffer.from('abcdef');
const b = Buffer.from('abcxyz');
t('compare', () => [Buffer.compare(a, b), Buffer.compare(b, a), Buffer.compare(a, a),
  Buffer.compare(a, Buffer.from('abc')), Buffer.compare(Buffer.alloc(0), a), a.compare(b)]);
t('compare bad', () => Buffer.compare(a, 'x'));
t('compare bad1', () => Buffer.compare([], a));
for (const args of [[b, 0, 3], [b, 0, 3, 0, 3], [b, 3], [b, 3, 6, 3, 6], [b, 0, 0, 0, 0],
  [b, 2, 1], [b, 0, 6, 6, 6], [b, 7], [b, 0, 7], [b, -1], [b, 1.5], [b, '1'], [b, undefined, 2],
  [b, 0, 3, 4, 1], [b, null], [b, 0, 6, 0, 7]]) {
  t(`a.compare(${args.map(show).join(', ')})`, () => a.compare(...args));
}
t('equals', () => [a.equals(b), a.equals(Buffer.from('abcdef')), a.equals(new Uint8Array([97])),
  Buffer.alloc(0).equals(new Uint8Array(0))]);
t('equals bad', () => a.equals('abcdef'));

// ---- fill ------------------------------------------------------------------------------
function f(...args) {
  return Buffer.alloc(10, 0x2e).fill(...args);
}
for (const args of [[1], [0x101], [-1], [1.5], ['a'], ['ab'], [''], ['\u20ac'], ['\u00e9'],
  ['\u00e9', 'latin1'], ['\u0141', 'latin1'], ['abc', 2], ['abc', 2, 5], ['abc', 2, 'hex'],
  ['a1b2', 'hex'], ['a1b', 'hex'], ['zz', 'hex'], ['YWJj', 'base64'], ['ab', 'ucs2'],
  ['\u20ac', 'ucs2'], ['x', 'bogus'], ['x', 0, 10, 'bogus'], ['x', 0, 10, 5], [Buffer.from([1, 2, 3])],
  [Buffer.alloc(0)], [new Uint16Array([0x102])], [1, 11], [1, -1], [1, 0, 11], [1, 5, 2], [1, 1.5],
  ['a', 0, -1], [true], [null], [{}], [{ valueOf: () => 66 }], ['ab', 1, undefined, 'utf8'],
  ['\ud83d\ude00', 0, 10], ['\ud83d\ude00', 1, 3], [0, undefined, 5], [7, 3, undefined],
  ['abc', '1'], ['\u0100', 'ascii']]) {
  t(`fill(${args.map(show).join(', ')})`, () => f(...args));
}

// ---- copy ------------------------------------------------------------------------------
function c(...args) {
  const target = Buffer.alloc(6, 0x2e);
  const n = Buffer.from('abcdef').copy(target, ...args);
  return [n, target];
}
for (const args of [[], [2], [2, 1], [2, 1, 3], [0, 4], [0, 0, 10], [6], [7], [-1], [0, -1],
  [0, 7], [0, 0, -1], ['2'], [1.5, 1.5], [NaN, NaN, NaN], [0, 3, 2], [undefined, undefined, 2],
  [2 ** 53 + 2], [0, 6]]) {
  t(`copy(${args.map(show).join(', ')})`, () => c(...args));
}
t('copy bad target', () => Buffer.from('a').copy('x'));
t('copy overlap', () => {
  const x = Buffer.from('abcdef');
  x.copy(x, 2, 0, 4);
  return x;
});

// ---- concat ------------------------------------------------------------------------------
t('concat', () => Buffer.concat([Buffer.from('ab'), new Uint8Array([0x63]), Buffer.from('d')]));
t('concat length', () => [Buffer.concat([Buffer.from('abc')], 2), Buffer.concat([Buffer.from('ab')], 4)]);
t('concat empty', () => [Buffer.concat([]), Buffer.concat([], 5)]);
t('concat bad list', () => Buffer.concat('ab'));
t('concat bad item', () => Buffer.concat([Buffer.from('a'), 'b']));
t('concat bad length', () => Buffer.concat([Buffer.from('a')], -1));
t('concat length type', () => Buffer.concat([Buffer.from('a')], '1'));

// ---- views ------------------------------------------------------------------------------
const v = Buffer.from('0123456789');
for (const args of [[], [2], [2, 5], [-3], [-3, -1], [5, 2], [100], [-100], [1.9, 4.2], ['2', '4'],
  [NaN, 3], [2, NaN], [undefined, 3], [null, 3], [2 ** 40], [-(2 ** 40), 2]]) {
  t(`subarray(${args.map(show).join(', ')})`, () => [v.subarray(...args).toString(), v.slice(...args).toString()]);
}
t('slice shares memory', () => {
  const s = v.slice(1, 3);
  s[0] = 0x78;
  const r = [v.toString(), s.byteOffset - v.byteOffset, s instanceof Buffer];
  s[0] = 0x31;
  return r;
});
t('parent/offset', () => [v.parent === v.buffer, v.offset === v.byteOffset,
  Buffer.prototype.parent, Object.getOwnPropertyDescriptor(Buffer.prototype, 'parent').enumerable]);

// ---- swap ------------------------------------------------------------------------------
for (const n of [0, 2, 4, 8, 3, 16, 200, 256]) {
  for (const m of ['swap16', 'swap32', 'swap64']) {
    t(`${m} len ${n}`, () => {
      const s = Buffer.alloc(n);
      for (let i = 0; i < n; i++) s[i] = i;
      return s[m]().toString('hex').slice(0, 48);
    });
  }
}

// ---- toJSON / iteration -------------------------------------------------------------------
t('toJSON', () => JSON.stringify(Buffer.from('ab')));
t('toJSON empty', () => JSON.stringify({ b: Buffer.alloc(0) }));
t('roundtrip JSON', () => Buffer.from(JSON.parse(JSON.stringify(Buffer.from('xyz')))));
t('iterate', () => [[...Buffer.from('ab')].join(), [...Buffer.from('ab').entries()].join(';'),
  [...Buffer.from('ab').keys()].join()]);

// ---- inspect ------------------------------------------------------------------------------
console.log(util.inspect(Buffer.from('abc')));
console.log(util.inspect(Buffer.alloc(0)));
console.log(util.inspect(Buffer.alloc(51, 1)));
console.log(util.inspect(Buffer.alloc(52, 1)));
console.log(util.inspect({ nested: [Buffer.from('x')] }));
console.log(util.inspect(Buffer.from('ab'), { showHidden: true }));
const withProps = Buffer.from('ab');
withProps.foo = 1;
withProps[Symbol('s')] = { deep: true };
console.log(util.inspect(withProps));
console.log(util.inspect(withProps, { showHidden: true }));
const emptyWithProps = Buffer.alloc(0);
emptyWithProps.x = 'y';
console.log(util.inspect(emptyWithProps));
console.log(util.inspect(Buffer.from('abc'), { customInspect: false }));
console.log(Buffer.from('ab').inspect());
buffer.INSPECT_MAX_BYTES = 2;
console.log(util.inspect(Buffer.from('abcd')), buffer.INSPECT_MAX_BYTES);
buffer.INSPECT_MAX_BYTES = 50;
t('INSPECT_MAX_BYTES bad', () => { buffer.INSPECT_MAX_BYTES = -1; });
t('INSPECT_MAX_BYTES str', () => { buffer.INSPECT_MAX_BYTES = '3'; });
class MyBuf extends Buffer {}
console.log(util.inspect(Object.setPrototypeOf(Buffer.from('ab'), MyBuf.prototype)));
console.log(util.format('%s %o', Buffer.from('hi'), Buffer.from('hi')));
console.log(String(Buffer.from('plain')), `${Buffer.from('tmpl')}`);

// ---- isUtf8 / isAscii ------------------------------------------------------------------------
for (const input of [Buffer.from('abc'), Buffer.from('\u20ac'), Buffer.from([0xff]),
  Buffer.from([0xc3]), new Uint16Array([0x4141]), new ArrayBuffer(2), Buffer.alloc(0),
  new Float64Array([1.5]), new DataView(new ArrayBuffer(1)), 'abc', null, [65]]) {
  t(`isUtf8/isAscii ${Object.prototype.toString.call(input)}`, () => [buffer.isUtf8(input),
    buffer.isAscii(input)]);
}

// ---- transcode ------------------------------------------------------------------------------
const tsrc = Buffer.from([0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x80]);
const tencs = ['utf8', 'ucs2', 'utf16le', 'latin1', 'binary', 'ascii', 'hex', 'UTF-8', undefined];
for (const from of tencs) {
  for (const to of tencs) {
    t(`transcode ${from} -> ${to}`, () => buffer.transcode(tsrc, from, to));
  }
}
const u16 = (s) => Buffer.from(s, 'ucs2');
for (const [input, from, to] of [[u16('a\u00e9\ud83d'), 'ucs2', 'utf8'],
  [u16('a\u00e9\ud83d'), 'ucs2', 'latin1'], [u16('a\ud83d\ude00\u20ac'), 'ucs2', 'ascii'],
  [u16('a\ud83d\ude00'), 'ucs2', 'utf8'], [Buffer.from([0x61, 0, 0x62]), 'ucs2', 'ucs2'],
  [Buffer.from([0x61, 0, 0x62]), 'ucs2', 'utf8'], [Buffer.from([0x62]), 'ucs2', 'utf8'],
  [Buffer.from([0x62]), 'ucs2', 'latin1'], [Buffer.from([0, 0xd8, 0x62]), 'ucs2', 'ucs2'],
  [Buffer.from([0, 0xdc, 0x62]), 'ucs2', 'ucs2'], [u16('\udc00\ud800'), 'ucs2', 'ucs2'],
  [Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'utf8', 'ucs2'], [Buffer.from([0x80]), 'ascii', 'ucs2'],
  [Buffer.from([0xe0, 0x80, 0x80]), 'utf8', 'utf8'], [Buffer.from([0xf0, 0x9f, 0x98]), 'utf8', 'latin1'],
  [Buffer.alloc(0), 'bogus', 'bogus'], ['abc', 'utf8', 'ucs2'], [new Uint16Array(1), 'utf8', 'ucs2']]) {
  t(`transcode ${show(input)} ${from} -> ${to}`, () => buffer.transcode(input, from, to));
}
try {
  buffer.transcode(Buffer.from([0x80]), 'utf8', 'ucs2');
} catch (e) {
  console.log(Object.keys(e), e.errno, e.code, e instanceof Error);
}

// ---- atob / btoa --------------------------------------------------------------------------
for (const s of ['YQ==', ' YQ== ', 'YQ', 'YQ=', 'Y', 'YR==', 'YQ==YQ==', 'Y Q = =', '\u00ffYQ', '',
  '====', 'YQ\v==', 'YQ\f==', 'ab-_', 'abc=d', 'abcd=', 'abcde', 'ab\u0100c', 'YWJj\nZGVm', 'YQ===',
  'abcd!', 'a===', 'ab=c', 'a b c d e', 'ab=', 'abc==', '=', 'ab\tc\rd', 'ab\u0000cd', '++//',
  'AAAA'.repeat(50), 12345678, null, undefined, { toString: () => 'aGk=' }]) {
  t(`atob(${show(s)})`, () => atob(s));
}
t('atob()', () => atob());
t('atob symbol', () => atob(Symbol('x')));
for (const s of ['', 'hi', '\u00ff\u0000abc', '\u0100', 'a\ud800', null, 123, { toString: () => 'x' }]) {
  t(`btoa(${show(s)})`, () => btoa(s));
}
t('btoa()', () => btoa());
try {
  atob('!');
} catch (e) {
  console.log(e instanceof DOMException, e.name, e.code, e.message,
              Object.prototype.toString.call(e));
}
console.log(buffer.atob === atob, buffer.btoa === btoa,
            Object.getOwnPropertyDescriptor(globalThis, 'atob').enumerable,
            Object.getOwnPropertyDescriptor(globalThis, 'Buffer').enumerable);

// ---- Blob / File --------------------------------------------------------------------------
const { Blob, File } = buffer;
console.log(Blob === globalThis.Blob, File === globalThis.File);
const blob = new Blob(['ab', Buffer.from('cd'), new Uint16Array([0x6665]), new ArrayBuffer(1)],
  { type: 'Text/Plain' });
console.log(blob.size, blob.type, util.inspect(blob), Object.prototype.toString.call(blob));
console.log(util.inspect(blob.slice(1, 3, 'X')), blob.slice(-2).size, blob.slice(5, 1).size);
t('blob bad sources', () => new Blob('abc'));
t('blob bad sources2', () => new Blob(null));
t('blob bad options', () => new Blob([], 5));
t('blob bad endings', () => new Blob([], { endings: 'x' }));
t('blob type bad chars', () => new Blob([], { type: 'a\u00e9' }).type);
t('blob this', () => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({}));
t('blob keys', () => Object.keys(Blob.prototype).join());
const file = new File(['x\ud800'], 'f\ud800.txt', { type: 'a/b', lastModified: 42 });
console.log(file.name, file.size, file.type, file.lastModified, file instanceof Blob,
            util.inspect(file), Object.prototype.toString.call(file));
t('file no args', () => new File([]));
t('file lastModified NaN', () => new File([], 'a', { lastModified: 'x' }).lastModified);
t('file lastModified now', () => typeof new File([], 'a').lastModified);
(async () => {
  console.log(await blob.text(), Buffer.from(await blob.arrayBuffer()).toString('hex'));
  console.log(await new Blob(['a\nb\r\nc'], { endings: 'native' }).text());
  console.log(await blob.slice(2, 4).text(), await new Blob([]).text(), await file.text());
  console.log((await blob.bytes()).length);
  for await (const c of blob.stream()) console.log('chunk', c.constructor.name, Array.from(c).join());
  for await (const c of blob.slice(1, 5).stream()) console.log('slice chunk', Array.from(c).join());
  for await (const c of new Blob([]).stream()) console.log('empty chunk', c);
  const byob = blob.stream().getReader({ mode: 'byob' });
  const first = await byob.read(new Uint8Array(3));
  console.log('byob', first.done, Array.from(first.value).join());
  const cancelled = blob.stream();
  await cancelled.cancel('x');
  console.log('cancelled', (await blob.text()).length);
  const parts = new Blob(['ab', '', 'cd', new Blob(['ef', 'gh']).slice(1, 3), 'ij']);
  for (const [a, b] of [[0, 10], [1, 5], [3, 4], [4, 7], [-3, -1], [8, 2], [2, 2], [0, 100]]) {
    console.log('slice', a, b, JSON.stringify(await parts.slice(a, b).text()),
                JSON.stringify(await parts.slice(a, b).slice(1).text()));
  }
  console.log(buffer.resolveObjectURL('blob:nodedata:nope'), buffer.resolveObjectURL(5));
})();
