'use strict';
// Headers, Request, Response and FormData against node, without a network:
// Web IDL shapes and messages, body readers and their "used" rules,
// clone(), Response.json/redirect/error, blob() types and formData()
// parsing of urlencoded and multipart bodies.
const util = require('util');

const show = (e) => `${e.constructor.name} ${e.name}: ${e.message}${e.code !== undefined ? ` code=${e.code}` : ''}` +
  `${e.cause ? ` cause=[${show(e.cause)}]` : ''}`;
const out = (label, v) => console.log(label, typeof v === 'string' ? JSON.stringify(v) : v);
const t = (label, fn) => {
  try { out(label, fn()); } catch (e) { console.log(label, 'THROW', show(e)); }
};
const at = async (label, fn) => {
  try { out(label, await fn()); } catch (e) { console.log(label, 'THROW', show(e)); }
};
const entries = async (form) => {
  const o = [];
  for (const [k, v] of form) o.push(k, typeof v === 'string' ? v : [v.constructor.name, v.name, v.type, v.size, await v.text()]);
  return JSON.stringify(o);
};

function headers() {
  const h = new Headers([['B', '1'], ['a', '2'], ['Set-Cookie', 'x=1'], ['set-cookie', 'y=2'], ['b', '3'], ['C', ' sp ']]);
  t('entries', () => [...h]);
  t('keys/values', () => [[...h.keys()], [...h.values()]]);
  t('getSetCookie', () => [h.getSetCookie(), h.get('set-cookie'), new Headers().getSetCookie()]);
  t('forEach', () => { const o = []; h.forEach(function (v, k, self) { o.push(k, v, self === h, this.x); }, { x: 1 }); return o; });
  t('inspect', () => util.inspect(h));
  t('inspect set', () => { const x = new Headers({ 'X-A': '1' }); x.set('x-a', '2'); x.append('Y', '3'); return util.inspect(x); });
  t('toString', () => [Object.prototype.toString.call(h), Object.prototype.toString.call(h.keys())]);
  t('iterator', () => { const it = h.entries(); return [util.inspect(it), it.next(), Object.getPrototypeOf(it) === Object.getPrototypeOf(h.values())]; });
  t('iterator live', () => {
    const x = new Headers({ a: '1', c: '3' });
    const o = [];
    for (const [k] of x) { o.push(k); if (k === 'a') x.append('b', '2'); }
    return o;
  });
  t('iterator bad this', () => Object.getPrototypeOf(h.keys()).next.call({}));
  t('from Headers/record/Map', () => [[...new Headers(h)].length, [...new Headers({ Z: 1, y: 'v', 'X-A': [1, 2] })],
    [...new Headers(new Map([['m', 'v']]))]]);
  t('append joins', () => { const x = new Headers(); x.append('a', '1'); x.append('A', '2'); return x.get('a'); });
  t('set replaces', () => { const x = new Headers([['a', '1'], ['b', '0'], ['A', '2']]); x.set('a', '3'); return [...x]; });
  t('delete', () => { const x = new Headers({ a: '1', b: '2' }); x.delete('A'); return [...x]; });
  t('values trimmed', () => [new Headers({ a: ' b\tc \r\n' }).get('a'), new Headers({ a: 'b\x7fc' }).get('a')]);
  t('null/undefined values', () => [new Headers({ a: undefined }).get('a'), new Headers({ a: null }).get('a')]);
  for (const [label, fn] of [
    ['bad name', () => new Headers([['a b', '1']])],
    ['empty name', () => new Headers({ '': 'a' })],
    ['bad value', () => new Headers({ a: 'x\ny' })],
    ['set bad value', () => new Headers().set('a', 'c\rd')],
    ['byte string', () => new Headers({ a: '\u0100' })],
    ['pair of 1', () => new Headers([['a']])],
    ['pair of 3', () => new Headers([['a', 'b', 'c']])],
    ['pair not iterable', () => new Headers([5])],
    ['pair string', () => new Headers([['a', 'b'], 'cd'])],
    ['pair object', () => new Headers([{}])],
    ['symbol key', () => new Headers({ [Symbol('s')]: 'x' })],
    ['symbol value', () => new Headers([['a', Symbol('s')]])],
    ['init number', () => new Headers(5)],
    ['init string', () => new Headers('abc')],
    ['get bad', () => new Headers().get('a b')],
    ['has non-latin1', () => new Headers().has('\u0100')],
    ['delete empty', () => new Headers().delete('')],
    ['append 1 arg', () => new Headers().append('a')],
    ['get 0 args', () => new Headers().get()],
    ['forEach not fn', () => new Headers().forEach(5)],
    ['no new', () => Headers()],
    ['bad this', () => Headers.prototype.get.call({}, 'a')],
    ['immutable', () => Response.error().headers.set('a', '1')],
    ['immutable delete', () => Response.redirect('http://a.test/').headers.delete('location')],
  ]) t(`headers ${label}`, fn);
}

async function requests() {
  t('defaults', () => {
    const r = new Request('http://a.test/x#frag');
    return [r.method, r.url, r.mode, r.credentials, r.cache, r.redirect, r.referrer, r.referrerPolicy, r.integrity,
      r.keepalive, r.destination, r.bodyUsed, r.body, r.duplex, r.signal instanceof AbortSignal, r.signal.aborted];
  });
  t('methods', () => ['get', 'post', 'Options', 'delete', 'head', 'patch', 'PATCH', 'custom'].map((m) => new Request('http://a/', { method: m }).method));
  t('options', () => {
    const r = new Request('http://a/', { referrer: '', referrerPolicy: 'no-referrer', mode: 'same-origin',
                                         credentials: 'omit', cache: 'only-if-cached', redirect: 'manual', integrity: 'sha256-x', keepalive: 1 });
    return [r.referrer, r.referrerPolicy, r.mode, r.credentials, r.cache, r.redirect, r.integrity, r.keepalive];
  });
  t('referrers', () => ['http://a/b', 'about:client', 'http://b/c'].map((referrer) => new Request('http://a/', { referrer }).referrer));
  t('body content types', () => [
    new Request('http://a/', { method: 'POST', body: 'x' }).headers.get('content-type'),
    new Request('http://a/', { method: 'POST', body: new Uint8Array(2) }).headers.get('content-type'),
    new Request('http://a/', { method: 'POST', body: new URLSearchParams('a=1') }).headers.get('content-type'),
    new Request('http://a/', { method: 'POST', body: new Blob(['x'], { type: 'a/b' }) }).headers.get('content-type'),
    new Request('http://a/', { method: 'POST', body: 'x', headers: { 'Content-Type': 'c/d' } }).headers.get('content-type'),
  ]);
  t('body stream', () => { const r = new Request('http://a/', { method: 'POST', body: 'x' }); return [r.body instanceof ReadableStream, r.body === r.body]; });
  for (const [label, init] of [
    ['bad method', { method: 'a b' }], ['empty method', { method: '' }], ['connect', { method: 'connect' }],
    ['trace', { method: 'TRACE' }], ['latin1 method', { method: '\u0100' }], ['mode', { mode: 'x' }],
    ['redirect', { redirect: 'x' }], ['cache', { cache: 'bogus' }], ['credentials', { credentials: 'bogus' }],
    ['referrerPolicy', { referrerPolicy: 'x' }], ['navigate', { mode: 'navigate' }], ['window', { window: {} }],
    ['only-if-cached', { cache: 'only-if-cached' }], ['no-cors PUT', { mode: 'no-cors', method: 'PUT' }],
    ['GET body', { body: 'x' }], ['HEAD body', { method: 'HEAD', body: 'x' }],
    ['stream without duplex', { method: 'POST', body: new ReadableStream() }],
    ['duplex full', { method: 'POST', body: 'x', duplex: 'full' }],
    ['keepalive stream', { method: 'POST', body: new ReadableStream(), duplex: 'half', keepalive: true }],
    ['signal', { signal: {} }], ['headers', { headers: 5 }], ['referrer', { referrer: '::' }],
  ]) t(`request ${label}`, () => new Request('http://a/', init).url);
  t('request init number', () => new Request('http://a/', 5));
  t('request url', () => new Request('nope'));
  t('request credentials url', () => new Request('http://u:p@a/'));
  t('request no args', () => new Request());
  t('request no new', () => Request());
  t('request bad this', () => Object.getOwnPropertyDescriptor(Request.prototype, 'url').get.call({}));
  t('window null', () => new Request('http://a/', { window: null }).url);
  t('url objects', () => [new Request(new URL('http://a/b')).url, new Request({ toString() { return 'http://x/y'; } }).url]);
  await at('body kinds', async () => Promise.all([
    new Request('http://a/', { method: 'POST', body: 42 }).text(),
    new Request('http://a/', { method: 'POST', body: { a: 1 } }).text(),
    new Request('http://a/', { method: 'POST', body: new DataView(new ArrayBuffer(2)) }).arrayBuffer().then((b) => b.byteLength),
    new Request('http://a/', { method: 'POST', body: (async function* () { yield new Uint8Array([66]); yield 'str'; })(), duplex: 'half' }).text(),
    new Response(require('stream').Readable.from(['a', 'b'])).text(),
  ]));
  await at('body copied', async () => {
    const ab = new ArrayBuffer(3);
    const r = new Request('http://a/', { method: 'POST', body: ab });
    new Uint8Array(ab)[0] = 65;
    return r.text();
  });
  await at('from request', async () => {
    const r = new Request('http://a/', { method: 'POST', body: 'xyz', headers: { a: '1' }, redirect: 'manual' });
    const r2 = new Request(r, { headers: { b: '2' } });
    return [r2.method, r2.redirect, [...r2.headers], r.bodyUsed, r2.bodyUsed, await r2.text(), await r.text().catch(show)];
  });
  await at('from request used', async () => { const r = new Request('http://a/', { method: 'POST', body: 'x' }); await r.text(); return new Request(r); });
  await at('from request GET', async () => new Request(new Request('http://a/', { method: 'POST', body: 'x' }), { method: 'GET', body: null }));
  await at('from request keeps', async () => {
    const r = new Request('http://a/', { method: 'POST', body: 'x', referrer: 'http://q/', referrerPolicy: 'origin', mode: 'same-origin',
                                         cache: 'no-store', credentials: 'omit', redirect: 'error', integrity: 'i', keepalive: true });
    const c = r.clone();
    const n = new Request(r);
    const m = new Request(c, { method: 'PUT' });
    return [c, n, m].map((x) => [x.referrer, x.referrerPolicy, x.mode, x.cache, x.credentials, x.redirect, x.integrity, x.keepalive, x.method].join());
  });
  await at('clone', async () => {
    const r = new Request('http://e.test/p?q', { method: 'post', body: 'abc', headers: { 'X-Y': 'z' } });
    const c = r.clone();
    return [c.method, c.url, [...c.headers], await r.text(), r.bodyUsed, c.bodyUsed, await c.text()];
  });
  await at('clone used', async () => { const r = new Request('http://a/', { method: 'POST', body: 'x' }); await r.text(); return r.clone(); });
  await at('signals', async () => {
    const ac = new AbortController();
    const r = new Request('http://a/', { signal: ac.signal });
    const c = r.clone();
    ac.abort('why');
    return [r.signal.aborted, r.signal.reason, c.signal.aborted, c.signal === r.signal, new Request('http://a/', { signal: null }).signal.aborted];
  });
  t('inspect', () => util.inspect(new Request('http://a/', { method: 'POST', body: 'x', headers: { 'X-A': 'b' }, signal: AbortSignal.abort() })));
}

async function responses() {
  t('defaults', () => { const r = new Response(); return [r.status, r.ok, r.statusText, r.type, r.url, r.redirected, r.body, r.bodyUsed, [...r.headers]]; });
  t('statuses', () => [new Response(null, { status: '201' }).status, new Response(null, { status: 200.7 }).status,
    new Response(null, { status: 65736 }).status, new Response(null, { status: 204 }).status]);
  t('statusText', () => [new Response(null, { statusText: '\u00e9' }).statusText, new Response(null, { statusText: 'a\tb' }).statusText]);
  for (const [label, fn] of [
    ['204 with body', () => new Response('x', { status: 204 })], ['304 empty body', () => new Response('', { status: 304 })],
    ['status 600', () => new Response(null, { status: 600 })], ['status 101', () => new Response(null, { status: 101 })],
    ['status nan', () => new Response(null, { status: 'abc' })], ['status -1', () => new Response(null, { status: -1 })],
    ['statusText newline', () => new Response(null, { statusText: 'a\nb' })], ['statusText del', () => new Response(null, { statusText: 'a\x7fb' })],
    ['statusText wide', () => new Response(null, { statusText: '\u0100' })], ['init number', () => new Response('x', 5)],
    ['headers number', () => new Response(null, { headers: 5 })], ['headers pair', () => new Response(null, { headers: [['a']] })],
    ['locked stream', () => { const s = new ReadableStream(); s.getReader(); return new Response(s); }],
    ['no new', () => Response()], ['bad this', () => Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.call({})],
    ['clone bad this', () => Response.prototype.clone.call({})],
  ]) t(`response ${label}`, fn);
  t('error', () => { const r = Response.error(); return [r.status, r.type, r.ok, r.statusText, r.body, [...r.headers], r.clone().type]; });
  t('redirect', () => { const r = Response.redirect('http://a.test/x y', 301); return [r.status, r.headers.get('location'), r.type, r.body, r.statusText]; });
  t('redirect statuses', () => [Response.redirect('http://a/', '301').status, Response.redirect('http://a/', 308.5).status]);
  t('redirect relative', () => Response.redirect('/x'));
  t('redirect 200', () => Response.redirect('http://a/', 200));
  t('redirect no args', () => Response.redirect());
  t('json', () => { const r = Response.json({ a: 1 }, { status: 202, statusText: 'Yo', headers: { a: 'b' } }); return [r.status, r.statusText, [...r.headers]]; });
  t('json keeps content-type', () => [...Response.json(1, { headers: { 'Content-Type': 'x/y' } }).headers]);
  t('json undefined', () => Response.json(undefined));
  t('json 204', () => Response.json({}, { status: 204 }));
  t('json no args', () => Response.json());
  await at('json text', () => Response.json({ a: [1, 'b'] }).text());
  await at('clone', async () => {
    const r = new Response('abc', { status: 201, statusText: 'C', headers: { x: 'y' } });
    const c = r.clone();
    return [c.status, c.statusText, [...c.headers], r.bodyUsed, c.bodyUsed, r.body === r.body, await r.text(), await c.text(), r.bodyUsed];
  });
  await at('clone used', async () => { const r = new Response('abc'); await r.text(); return r.clone(); });
  await at('read twice', async () => { const r = new Response('abc'); const a = r.text(); return [await a, await r.text().catch(show)]; });
  await at('locked not used', async () => { const r = new Response('abc'); r.body.getReader(); return [r.bodyUsed, await r.text().catch(show)]; });
  await at('read one chunk', async () => { const r = new Response('abc'); await r.body.getReader().read(); return [r.bodyUsed, r.body.locked]; });
  await at('used inspect', async () => { const r = new Response('x'); await r.text(); return util.inspect(r); });
  await at('readers', async () => {
    const ab = await new Response('abc').arrayBuffer();
    const bytes = await new Response('abc').bytes();
    return [ab.constructor.name, ab.byteLength, bytes.constructor.name, [...bytes], await new Response(null).text(),
      await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text(), await new Response(new Uint8Array([0xff, 0x41])).text(),
      await new Response(new Blob(['blob!'])).text(), await Response.json([1]).json()];
  });
  await at('null body used', async () => { const r = new Response(null); await r.text(); return [r.bodyUsed, await r.text()]; });
  await at('stream body', async () => {
    const s = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('a')); c.enqueue(new TextEncoder().encode('b')); c.close(); } });
    const r = new Response(s);
    return [r.body === s, await r.text()];
  });
  await at('non-bytes chunk', async () => new Response(new ReadableStream({ start(c) { c.enqueue('a'); c.close(); } })).text());
  await at('disturbed stream', async () => {
    const s = new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(1)); } });
    await s.getReader().read();
    return new Response(s);
  });
  await at('blob types', async () => Promise.all(['text/html', 'TEXT/HTML; Charset="UTF-8"', 'bogus', '', 'a/b; x=1; x=2',
    'text/plain, text/html', '*/*'].map(async (ct) => (await new Response('x', { headers: { 'content-type': ct } }).blob()).type)));
  await at('blob two headers', async () => {
    const h = new Headers([['content-type', 'text/plain;charset=utf-8'], ['content-type', 'text/plain']]);
    const b = await new Response('x', { headers: h }).blob();
    return [b.constructor.name, b.type, b.size, (await new Response(new Uint8Array([1])).blob()).type];
  });
  await at('text bad this', () => Response.prototype.text.call({}));
  t('inspect', () => util.inspect(new Response('hi', { status: 201 })));
  t('inspect error', () => util.inspect(Response.error()));
}

async function forms() {
  const form = (body, ct) => new Response(body, ct === undefined ? {} : { headers: { 'content-type': ct } }).formData().then(entries);
  const mp = (body, ct = 'multipart/form-data; boundary=XyZ') => form(body, ct);
  await at('urlencoded', () => form('a=1&b=%20x&a=2+3&c', 'application/x-www-form-urlencoded'));
  await at('urlencoded charset', () => form('a=%C3%A9', 'APPLICATION/X-WWW-FORM-URLENCODED; charset=latin1'));
  await at('multipart', () => mp('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv1\r\n--XyZ\r\nContent-Disposition: form-data; ' +
    'name="f"; filename="t.txt"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n--XyZ\r\nContent-Disposition: form-data; ' +
    'name="g"; filename="n.bin"\r\n\r\n\x01\x02\r\n--XyZ--\r\n'));
  await at('multipart quoted boundary', () => mp('--a b\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--a b--',
                                                 'multipart/form-data; boundary="a b"'));
  await at('multipart base64', () => mp('--XyZ\r\nContent-Disposition: form-data; name="a"; filename="x"\r\n' +
    'Content-Transfer-Encoding: base64\r\n\r\naGk=\r\n--XyZ--'));
  await at('multipart utf8', () => mp(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="\u00e9\u2713"\r\n\r\n\u00e9\r\n--XyZ--\r\n')));
  await at('multipart case', () => mp('--XyZ\r\ncontent-disposition: form-data; name="a"\r\nCONTENT-TYPE: x/y\r\n\r\nv\r\n--XyZ--',
                                      'Multipart/Form-Data; Boundary=XyZ'));
  await at('multipart crlf around', () => mp('\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZ--\r\n\r\n'));
  await at('multipart only end', () => mp('--XyZ--'));
  for (const [label, body, ct] of [
    ['no boundary', 'x', 'multipart/form-data'], ['garbage', 'garbage'], ['empty', ''],
    ['no end', '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv'],
    ['no name', '--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--'],
    ['filename*', '--XyZ\r\nContent-Disposition: form-data; name="a"; filename*=utf-8\'\'x.txt\r\n\r\nv\r\n--XyZ--'],
    ['preamble', 'preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--XyZ--'],
    ['attachment', '--XyZ\r\nContent-Disposition: attachment; name="a"\r\n\r\nv\r\n--XyZ--'],
  ]) await at(`multipart ${label}`, () => mp(body, ct));
  await at('no content-type', () => form('a=1'));
  await at('other content-type', () => form(new Uint8Array([1]), 'text/plain'));
  await at('roundtrip', async () => {
    const fd = new FormData();
    fd.append('x', 'y\r\nz\n');
    fd.append('q"\n', new File(['abc'], 'f"n.txt', { type: 'text/x' }));
    fd.append('b', new Blob([new Uint8Array([0, 255])]));
    const r = new Response(fd);
    return [r.headers.get('content-type').startsWith('multipart/form-data; boundary='), await entries(await r.formData())];
  });
  t('formdata', () => {
    const f = new FormData();
    f.append('a', '1');
    f.append('b', new Blob(['x'], { type: 'a/b' }));
    f.append('c', new File(['x'], 'orig.txt'), 'new.txt');
    f.set('a', '2');
    f.append('\ud800', '\udc00x');
    return [f.has('a'), f.get('a'), f.get('b').name, f.get('b').type, f.get('b') instanceof File, f.get('c').name,
      f.getAll('zz'), f.get('zz'), [...f.keys()], [...f.values()].length];
  });
  t('formdata same file', () => { const f = new FormData(); const file = new File(['x'], 'n'); f.append('a', file); return f.get('a') === file; });
  t('formdata live', () => {
    const f = new FormData();
    f.append('a', '1');
    f.append('b', '2');
    const o = [];
    for (const [k] of f) { o.push(k); if (k === 'a') { f.delete('a'); f.append('c', '3'); } }
    return o;
  });
  t('formdata set', () => { const f = new FormData(); f.append('a', '0'); f.append('b', '1'); f.append('a', '2'); f.set('a', 'z'); return [...f]; });
  t('formdata inspect', () => { const f = new FormData(); f.append('a', '1'); f.append('a', '2'); f.append('b', 'x'); return util.inspect(f); });
  t('formdata iterator', () => [util.inspect(new FormData().entries()), Object.prototype.toString.call(new FormData().keys())]);
  for (const [label, fn] of [
    ['string with filename', () => new FormData().append('a', 'str', 'fn')],
    ['set with filename', () => new FormData().set('a', 5, undefined)],
    ['append 1 arg', () => new FormData().append('a')], ['get 0 args', () => new FormData().get()],
    ['getAll 0 args', () => new FormData().getAll()], ['forEach not fn', () => new FormData().forEach(1)],
    ['form argument', () => new FormData({})], ['no new', () => FormData()],
    ['bad this', () => FormData.prototype.append.call({}, 'a', 'b')],
  ]) t(`formdata ${label}`, fn);
}

function shapes() {
  t('names', () => [Headers.name, Request.name, Response.name, FormData.name, fetch.name,
    fetch.length, Request.length, Response.length, FormData.length, Headers.length]);
  for (const C of [Headers, Request, Response, FormData]) {
    t(`${C.name} prototype`, () => Object.getOwnPropertyNames(C.prototype).filter((k) => k !== 'attribute')
      .map((k) => { const d = Object.getOwnPropertyDescriptor(C.prototype, k); return `${k}:${d.enumerable ? 'e' : ''}${d.get ? 'g' : ''}`; }).join(' '));
    t(`${C.name} tag`, () => Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag));
  }
  t('Response statics', () => Object.getOwnPropertyNames(Response));
  t('iterator', () => Headers.prototype[Symbol.iterator] === Headers.prototype.entries &&
    FormData.prototype[Symbol.iterator] === FormData.prototype.entries);
  t('function kinds', () => [util.inspect(Response.prototype.text), util.inspect(Object.getOwnPropertyDescriptor(Response.prototype, 'body').get)]);
}

(async () => {
  headers();
  await requests();
  await responses();
  await forms();
  shapes();
})();
