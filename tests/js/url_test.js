'use strict';
// Differential test of `url`: the WHATWG URL and URLSearchParams (parsing,
// every getter and setter, inspect output, errors), file path conversion,
// and the legacy url.parse/format/resolve with all their fields. Inputs are
// hand-picked WHATWG cases plus a deterministic table built from tokens.
// Run under node and kiln: stdout must be identical.

const url = require('url');
const util = require('util');
const { URL, URLSearchParams } = url;

function show(fn) {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

const kParts = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname',
  'port', 'pathname', 'search', 'hash'];
function parts(u) {
  return kParts.map((k) => u[k]).join(' | ');
}

// ---- WHATWG parsing -------------------------------------------------------------
const cases = [
  ['http://example.com'], ['HTTP://EXAMPLE.COM/A?B#C'], ['https://user:pass@host:8080/p?q#f'],
  ['http://a:80/'], ['https://a:443/'], ['ws://a:80/'], ['wss://a:443/x'], ['ftp://a:21/'],
  ['http://[::1]:8080/'], ['http://[2001:db8::1]/'], ['http://[::ffff:192.168.0.1]/'],
  ['http://192.168.0.257/'], ['http://0x7f.1/'], ['http://0300.0250.0.1/'], ['http://4294967295/'],
  ['http://4294967296/'], ['http://1.2.3.4.5/'], ['http://example.com./'], ['http://ex ample/'],
  ['http://exa%41mple.com/'], ['http://\u00e9x.com/'], ['http://xn--nxasmq6b.com/'],
  ['http://\u0430\u0440\u0440\u04cf\u0435.com/'], ['http://faß.de/'], ['http://a\u00adb/'],
  ['http://%zz/'], ['http://a/b/../c/./d'], ['http://a/%2e%2E/b'], ['http://a/b c?d e#f g'],
  ['http://a/\u00e9?\u00e9#\u00e9'], ['http://a/?a=1&b=\u00e9'], ['http://a/\ud800'],
  ['http://a/#\ud83d\ude00'], ['  http://a/ \t\n'], ['http://a\t.b/'], ['http:\\\\a\\b\\c'],
  ['http:/a/b'], ['http:a/b'], ['http://'], ['http://@/'], ['http://user@/'], ['http://:@a/'],
  ['http://a:b@c:d@e/'], ['http://a:0099/'], ['http://a:65535/'], ['http://a:65536/'],
  ['http://a:-1/'], ['file:///C:/x'], ['file://localhost/etc'], ['file:///a/../../b'],
  ['file://host/share/x'], ['file:c:\\x'], ['file:'], ['mailto:a@b.com'], ['javascript:alert(1)'],
  ['data:text/plain,hello world'], ['blob:https://a.com/uuid'], ['blob:ftp://a/x'], ['blob:foo'],
  ['urn:isbn:0451450523'], ['foo://host/path'], ['foo://host:99/path?x#y'], ['foo:/x/../y'],
  ['foo:///x'], ['non-special://[1:2::3]:4/'], ['sc://\u00ff/'], ['sc://%/'], ['sc:\\../'],
  ['git+ssh://git@github.com/x.git'], ['a'], [''], ['//x/y'], ['/p', 'http://a/b/c'],
  ['../../../g', 'http://a/b/c/d;p?q'], ['g;x?y#s', 'http://a/b/c/d;p?q'], ['?y', 'http://a/b?q'],
  ['#s', 'http://a/b?q#f'], ['', 'http://a/b?q#f'], ['//g', 'http://a/b/c'],
  ['http:g', 'http://a/b/c'], ['x', 'mailto:a@b'], ['x', 'data:abc'], ['x', 'file:///a/b'],
  ['\\x', 'http://a/b/c'], ['x', 'not a url'], ['http://a/', 'not a url'],
  ['https://example.com/?q=%zz&r=+'], ['http://a/?%'], ['http://a/#%'],
  ['http://a.b/c?d=e&f=g&d=h#i'],
];
for (const [input, base] of cases) {
  console.log(`URL ${JSON.stringify(input)} ${JSON.stringify(base)}:`,
              show(() => parts(base === undefined ? new URL(input) : new URL(input, base))),
              URL.canParse(input, base), URL.parse(input, base)?.href ?? null);
}

// ---- generated inputs ---------------------------------------------------------------
const tokens = ['http:', 'https:', 'file:', 'foo:', '//', '/', '\\', 'a', 'B', '.', '..',
  '@', ':', '80', '?', '#', '%41', '%', '[::1]', ' ', '\u00e9', 'x.com', '&', '=', ';'];
let seed = 4242;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
function gen() {
  let s = '';
  for (let n = 1 + rnd(7); n > 0; n--) s += tokens[rnd(tokens.length)];
  return s;
}
const bases = ['http://h/p/q?r#s', 'file:///d/e', 'foo://h/p', 'https://u:p@h:1/'];
for (let i = 0; i < 300; i++) {
  const input = gen();
  const base = rnd(2) ? bases[rnd(bases.length)] : undefined;
  console.log(`gen ${JSON.stringify(input)} ${base}:`,
              show(() => parts(new URL(input, base))));
}

// ---- setters --------------------------------------------------------------------------
const setterValues = {
  protocol: ['https', 'ftp:', 'foo', 'file', 'HTTP', '', 'a b', 'ws:x'],
  username: ['me', 'a b', '@:/', '', '\u00e9'],
  password: ['pw', 'a:b', '', '%41'],
  host: ['x.com', 'x.com:99', 'y:0', '[::1]:8', '', 'a b', 'x:99999', '\u00e9.com'],
  hostname: ['z.org', 'z.org:1', '', '[::2]', '%zz', '1.2.3.4'],
  port: ['8080', '80', '', 'abc', '12ab', '65536', '-1', '0'],
  pathname: ['/a/b', 'c', '', '/%zz', '/a b/\u00e9', '/../x', '?#'],
  search: ['q=1', '?a=b&c', '', '?', '#x', '\u00e9'],
  hash: ['h', '#x', '', 'a b', '\u00e9'],
  href: ['http://n/', 'bogus'],
};
const setterBases = ['https://user:pw@example.com:8443/p/q?x=1#h', 'file:///a/b', 'foo://h/p',
  'mailto:x@y', 'http://h/'];
for (const b of setterBases) {
  for (const [attr, values] of Object.entries(setterValues)) {
    for (const v of values) {
      const u = new URL(b);
      const r = show(() => { u[attr] = v; });
      console.log(`set ${b} .${attr}=${JSON.stringify(v)} ->`, r === undefined ? '' : r, u.href);
    }
  }
}

// ---- searchParams and URL together -----------------------------------------------------
{
  const u = new URL('http://h/p?a=1&b=2&a=3#f');
  const sp = u.searchParams;
  console.log(sp.get('a'), sp.getAll('a'), sp.has('b'), sp.has('a', '3'), sp.size);
  sp.append('c', 'x y+z&');
  console.log(u.href, u.search);
  sp.delete('a');
  console.log(u.href);
  sp.set('b', '\u00e9');
  sp.sort();
  console.log(u.href, [...sp], [...sp.keys()], [...sp.values()]);
  u.search = '?z=9&y=8';
  console.log([...sp], sp.toString());
  u.href = 'http://other/?k=v';
  console.log([...sp], u.searchParams === sp);
  sp.delete('k');
  console.log(u.href, JSON.stringify(u), String(u));
  u.hash = '';
  console.log(u.href);
}

// ---- URLSearchParams on its own ----------------------------------------------------------
const inits = ['', '?', 'a', 'a=', '=b', 'a=b=c', '&&a=1&&', 'a+b=c+d', '%41%zz=%',
  'a=%F0%9F%98%80', 'x=%E9', '?x=1;y=2', 'a\u00e9=\ud800'];
for (const init of inits) {
  const p = new URLSearchParams(init);
  console.log(`USP ${JSON.stringify(init)}`, JSON.stringify([...p]), p.toString(), p.size);
}
console.log(new URLSearchParams({ a: 1, b: 'x', c: undefined }).toString());
console.log(new URLSearchParams([['a', 'b'], ['c', 'd']]).toString());
console.log(new URLSearchParams(new Map([['m', 'n']])).toString());
console.log(new URLSearchParams(new URLSearchParams('q=r')).toString());
for (const bad of [[['a']], [['a', 'b', 'c']], [1], { [Symbol.iterator]: 5 }]) {
  console.log(show(() => new URLSearchParams(bad).toString()));
}
{
  const p = new URLSearchParams();
  for (const k of ['z', 'a', 'b', 'a', '\u00e9', 'A', '']) p.append(k, k.length);
  p.sort();
  console.log(p.toString());
  const big = new URLSearchParams();
  for (let i = 0; i < 150; i++) big.append(String.fromCharCode(97 + (i * 7) % 26), i);
  big.sort();
  console.log(big.toString());
  const seen = [];
  p.forEach(function(v, k, o) { seen.push(k, v, o === p, this.t); }, { t: 1 });
  console.log(seen.join(','));
  console.log(show(() => p.append('x')), show(() => p.get()), show(() => p.forEach(1)));
  console.log(show(() => URLSearchParams.prototype.get.call({}, 'a')));
}
{
  const p = new URLSearchParams('a=1&b=2&c=3');
  const it = p.entries();
  console.log(it.next(), util.inspect(it), [...it], it.next());
  console.log(Object.prototype.toString.call(p.keys()), util.inspect(p.values()));
}

// ---- inspect ---------------------------------------------------------------------------------
console.log(new URL('https://u:p@example.com:8080/a/b?x=1&y=2#h'));
console.log(util.inspect(new URL('http://a/?q=1'), { depth: 0 }));
console.log(util.inspect({ u: new URL('http://a/') }, { depth: 0 }));
console.log([new URLSearchParams('a=1&b=2')], new URLSearchParams());
console.log(new URLSearchParams({ aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbbbbb',
                                   cccccccccccccccccccc: 'dddddddddddddddddddddd' }));
console.log(util.inspect(new URLSearchParams('a=1'), { colors: true }));
class MyURL extends URL {}
console.log(new MyURL('http://x'));
console.log(Object.prototype.toString.call(new URL('http://a')), URL.name, URL.length,
            Object.keys(URL.prototype), Object.keys(URLSearchParams.prototype));

// ---- errors ------------------------------------------------------------------------------
for (const [input, base] of [['foo'], ['foo', 'bar'], ['http://[::1/'], ['http://a:99999/']]) {
  try {
    new URL(input, base);
  } catch (e) {
    console.log(e.name, e.code, e.message, e.input, e.base, Object.keys(e));
  }
}
console.log(show(() => new URL()), show(() => URL.canParse()));
console.log(show(() => { new URL('http://a').href = 'nope'; }));
console.log(show(() => url.domainToASCII()), url.domainToASCII('xn--iñvalid.com'));
for (const d of ['español.com', 'xn--espaol-zwa.com', 'EXAMPLE.com', '\u2139.com', '', 'a..b',
  'ab--c.com', '1.2.3.4', '[::1]', 'a b']) {
  console.log('domain', JSON.stringify(d), url.domainToASCII(d), url.domainToUnicode(d));
}

// ---- file paths -------------------------------------------------------------------------------
for (const p of ['/srv/a b', '/x/%/#/?', '/a\\b', '/dir/', '/\u00e9\ud83d\ude00', '/tab\there',
  '/x\ny', '/[]^|~`{}"<>']) {
  console.log('pathToFileURL', JSON.stringify(p), url.pathToFileURL(p).href);
}
console.log(url.pathToFileURL('C:\\a b\\c', { windows: true }).href,
            url.pathToFileURL('\\\\srv\\share\\f', { windows: true }).href);
for (const u of ['file:///a/b%20c', 'file:///%E2%82%AC', 'file://localhost/x', 'file://host/a',
  'file:///a%2Fb', 'http://x/', 'file:///C:/x%20y']) {
  console.log('fileURLToPath', u, show(() => url.fileURLToPath(u)),
              show(() => url.fileURLToPath(u, { windows: true })));
}
console.log(show(() => url.fileURLToPath(5)), show(() => url.pathToFileURL(5)));
console.log(url.urlToHttpOptions(new URL('https://a:b@[::1]:99/p?q#h')));

// ---- legacy API ----------------------------------------------------------------------------------
const legacy = ['http://user:pw@Example.COM:8080/p/a/t/h?query=string#hash', '//host/p',
  'HTTP://X.com', 'mailto:a@b.c', 'javascript:alert("x y")', 'http://a.com\\b\\c?d\\e',
  '  http://x.com/  ', 'http://x.com/a b<c>', "http://x/'quote'", 'http://[::1]:3/x',
  'http://a@b@c/', 'http://a@b?@c', 'file:///etc/passwd', 'file:/x', 'x.com/p', '/simple?q=1',
  'http://\u00e9.com/', 'http://a:b/', 'foo:bar', 'http://x.com?a=1&a=2', 'http://x/#h?q',
  'HTTP://a:b@c/', 'http://a\tb.com/', 'https://x.COM.', '?only=query', '#only', ''];
for (const s of legacy) {
  console.log('parse', JSON.stringify(s), show(() => url.parse(s)));
}
console.log(url.parse('http://x/?a=1&b=2&a=3', true).query,
            url.parse('//x/y', false, true).host, url.parse('/p', true).query);
for (const [from, to] of [['http://a/b/c/d;p?q', '../g'], ['http://a/b/c', '//x/y'],
  ['http://a/b', 'https:c'], ['mailto:a@b', 'c@d'], ['http://a/b/', '../../..'],
  ['/one/two', 'three'], ['http://a/b?x', '?y'], ['http://a/b', ''], ['foo:bar', 'baz']]) {
  console.log('resolve', from, to, url.resolve(from, to),
              JSON.stringify(url.resolveObject(from, to)));
}
for (const o of [{ protocol: 'http', host: 'x.com', pathname: '/a', query: { b: 1, c: [2, 3] } },
  { protocol: 'https:', hostname: '::1', port: 8, hash: 'h', search: 's' },
  { protocol: 'file', pathname: '/x' }, { pathname: 'a?b#c', auth: 'u:p w' }, {}, 'http://X/y']) {
  console.log('format', JSON.stringify(o), url.format(o));
}
const wu = new URL('http://user:pw@xn--espaol-zwa.com/p?q#h');
console.log(url.format(wu), url.format(wu, { fragment: false, unicode: true, search: false,
                                             auth: false }));
console.log(show(() => url.format(5)), show(() => url.parse(5)));
console.log(Object.keys(url).join(','));

// ---- legacy API on generated inputs ---------------------------------------------------------------
const legacyTokens = tokens.concat(['javascript:', 'mailto:', 'HTTP:', '\\\\', '\t', "'", '"',
  '<', '{', '|', '^', '`', 'u:p@', '[a]', '\u00e9.com', ':99', 'xn--a']);
for (let i = 0; i < 300; i++) {
  let s = '';
  for (let n = 1 + rnd(7); n > 0; n--) s += legacyTokens[rnd(legacyTokens.length)];
  const flags = rnd(4);
  console.log(`lparse ${JSON.stringify(s)} ${flags}:`,
              show(() => url.parse(s, (flags & 1) === 1, (flags & 2) === 2)),
              show(() => url.resolve(bases[rnd(bases.length)], s)));
}
