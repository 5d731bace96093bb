'use strict';
// fetch() against node, from a local http server on 127.0.0.1 started here:
// bodies (text/json/arrayBuffer/blob/formData, response.body read with a
// reader), content codings, redirects (follow with each status, manual,
// error, limits), aborts (before, during, mid-body, timeout, reasons),
// network errors and their causes, request bodies and headers, data: and
// blob: URLs. (The classes alone: fetch_api_test.js.)
const http = require('http');
const zlib = require('zlib');
const util = require('util');

const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const p = u.pathname;
  const q = (k) => u.searchParams.get(k);
  if (p === '/json') { res.setHeader('content-type', 'application/json'); res.end('{"a":1}'); }
  else if (p === '/redir') { res.writeHead(Number(q('s') || 302), { location: q('to') || '/echo' }); res.end('redirect body'); }
  else if (p === '/noloc') { res.writeHead(302); res.end('no location'); }
  else if (p === '/chain') { const n = Number(q('n')); res.writeHead(302, { location: n ? `/chain?n=${n - 1}` : '/echo' }); res.end(); }
  else if (p === '/echo') {
    let b = '';
    req.on('data', (d) => b += d);
    req.on('end', () => {
      res.setHeader('x-method', req.method);
      res.end(`${req.method} ${req.url} ct=${req.headers['content-type']} cl=${req.headers['content-length']} ` +
              `te=${req.headers['transfer-encoding']} ua=${req.headers['user-agent']} accept=${req.headers.accept} ` +
              `ae=${req.headers['accept-encoding']} auth=${req.headers.authorization} body=${JSON.stringify(b)}`);
    });
  }
  else if (p === '/names') res.end(JSON.stringify(req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase()).sort()));
  else if (p === '/dup') { res.setHeader('set-cookie', ['a=1', 'b=2']); res.setHeader('x-b', ['1', '2']); res.setHeader('X-A', 'v'); res.end(); }
  else if (p === '/slowbody') { res.write('first'); setTimeout(() => res.end('second'), 300); }
  else if (p === '/slow') { const t = setTimeout(() => res.end('late'), 2000); res.on('close', () => clearTimeout(t)); }
  else if (p === '/enc') {
    const text = `encoded ${q('c')} `.repeat(50);
    const bodies = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, 'x-gzip': zlib.gzipSync, br: zlib.brotliCompressSync };
    const c = q('c');
    let body;
    if (c === 'raw') body = zlib.deflateRawSync(text);
    else if (c === 'deflate, gzip') body = zlib.gzipSync(zlib.deflateSync(text));
    else if (c === 'bad') body = 'not compressed';
    else body = bodies[c] ? bodies[c](text) : text;
    res.writeHead(200, { 'content-encoding': c === 'raw' ? 'deflate' : c === 'bad' ? 'gzip' : c });
    res.end(body);
  }
  else if (p === '/head') { res.setHeader('content-length', 5); res.end(req.method === 'HEAD' ? undefined : 'hello'); }
  else if (p === '/204') { res.writeHead(204); res.end(); }
  else if (p === '/status') { res.writeHead(299, 'Custom Text'); res.end('c'); }
  else if (p === '/reset') req.socket.destroy();
  else if (p === '/truncated') { res.writeHead(200, { 'content-length': 100 }); res.write('partial'); setTimeout(() => req.socket.destroy(), 20); }
  else if (p === '/form-multi') {
    res.setHeader('content-type', 'multipart/form-data; boundary=----AaB03x');
    res.end('------AaB03x\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n------AaB03x\r\n' +
            'Content-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile\r\n------AaB03x--\r\n');
  }
  else if (p === '/form-url') { res.setHeader('content-type', 'application/x-www-form-urlencoded'); res.end('a=1&b=2&a=3'); }
  else if (p === '/big') { const n = Number(q('n')); let i = 0; const next = () => { while (i < n) { i++; if (!res.write(Buffer.alloc(16384, i & 0xff))) return res.once('drain', next); } res.end(); }; next(); }
  else { res.statusCode = 404; res.end('nope'); }
});

const show = (e) => `${e.constructor.name} ${e.name}: ${e.message}${e.code !== undefined ? ` code=${e.code}` : ''}` +
  `${e.cause ? ` cause=[${show(e.cause)}]` : ''}`;
let base;
const mask = (s) => `${s}`.split(base).join('BASE').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
const t = async (label, fn) => {
  try {
    const v = await fn();
    console.log(`${label} ${mask(typeof v === 'string' ? JSON.stringify(v) : util.inspect(v, { depth: 4 }))}`);
  } catch (e) {
    console.log(`${label} THROW ${mask(show(e))}`);
  }
};
const interesting = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'location', 'x-method'];
const head = (r) => [r.status, r.statusText, r.ok, r.type, r.redirected, r.url, interesting.map((n) => r.headers.get(n)).join('|')];

async function bodies() {
  await t('json', async () => { const r = await fetch(`${base}/json`); return [...head(r), await r.json(), r.bodyUsed]; });
  await t('text', async () => { const r = await fetch(`${base}/status`); return [...head(r), await r.text()]; });
  await t('arrayBuffer', async () => { const b = await (await fetch(`${base}/json`)).arrayBuffer(); return [b.constructor.name, b.byteLength]; });
  await t('blob', async () => { const b = await (await fetch(`${base}/json`)).blob(); return [b.constructor.name, b.type, b.size, await b.text()]; });
  await t('bytes', async () => { const b = await (await fetch(`${base}/json`)).bytes(); return [b.constructor.name, b.length]; });
  await t('formData multipart', async () => {
    const f = await (await fetch(`${base}/form-multi`)).formData();
    return [f.get('k'), f.get('f').name, f.get('f').type, await f.get('f').text()];
  });
  await t('formData urlencoded', async () => [...await (await fetch(`${base}/form-url`)).formData()]);
  await t('reader', async () => {
    const r = await fetch(`${base}/big?n=40`);
    const reader = r.body.getReader();
    let n = 0;
    let sum = 0;
    let all = true;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      all &&= value instanceof Uint8Array;
      n += value.length;
      for (let i = 0; i < value.length; i++) sum = (sum + value[i] * (n - value.length + i + 1)) % 1000003;
    }
    return [n, sum, all, r.bodyUsed, r.body.locked, await r.text().catch(show)];
  });
  await t('async iterate body', async () => { let n = 0; for await (const c of (await fetch(`${base}/big?n=3`)).body) n += c.length; return n; });
  await t('clone', async () => { const r = await fetch(`${base}/json`); const c = r.clone(); return [await r.text(), await c.text(), c.url === r.url, c.status, c.type]; });
  await t('used', async () => { const r = await fetch(`${base}/json`); await r.arrayBuffer(); return [r.bodyUsed, await r.text().catch(show)]; });
  await t('head', async () => { const r = await fetch(`${base}/head`, { method: 'HEAD' }); return [r.status, r.headers.get('content-length'), r.body, await r.text()]; });
  await t('204', async () => { const r = await fetch(`${base}/204`); return [r.status, r.body, await r.text()]; });
  await t('404', async () => { const r = await fetch(`${base}/missing`); return [...head(r), await r.text()]; });
  await t('response headers', async () => {
    const r = await fetch(`${base}/dup`);
    return [[...r.headers].filter(([k]) => !['date', 'keep-alive', 'connection'].includes(k)), r.headers.getSetCookie(),
      util.inspect(r.headers).replace(/date: '[^']*'/, 'date')];
  });
  await t('immutable', async () => { const r = await fetch(`${base}/json`); r.headers.set('a', 'b'); });
  await t('inspect', async () => util.inspect(await fetch(`${base}/status`)).replace(/date: '[^']*'/, 'date'));
}

async function codings() {
  for (const c of ['gzip', 'x-gzip', 'deflate', 'raw', 'br', 'deflate, gzip', 'identity', 'unknown', 'bad']) {
    await t(`coding ${c}`, async () => {
      const r = await fetch(`${base}/enc?c=${encodeURIComponent(c)}`);
      const text = await r.text();
      return [r.headers.get('content-encoding'), text.length, text.slice(0, 20)];
    });
  }
}

async function redirects() {
  await t('follow', async () => { const r = await fetch(`${base}/redir`); return [...head(r), await r.text()]; });
  for (const s of [301, 302, 303, 307, 308]) {
    await t(`POST ${s}`, async () => { const r = await fetch(`${base}/redir?s=${s}`, { method: 'POST', body: 'abc' }); return [r.status, r.redirected, await r.text()]; });
  }
  await t('PUT 303', async () => (await fetch(`${base}/redir?s=303`, { method: 'PUT', body: 'abc' })).text());
  await t('PUT 301', async () => (await fetch(`${base}/redir?s=301`, { method: 'PUT', body: 'abc' })).text());
  await t('307 stream body', async () => fetch(`${base}/redir?s=307`, {
    method: 'POST', duplex: 'half', body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array([65])); c.close(); } }),
  }));
  await t('headers kept', async () => (await fetch(`${base}/redir`, { headers: { authorization: 'x', 'user-agent': 'me' } })).text());
  await t('chain of 20', async () => { const r = await fetch(`${base}/chain?n=19`); return [r.status, r.redirected, r.url]; });
  await t('chain of 21', async () => fetch(`${base}/chain?n=20`));
  await t('no location', async () => { const r = await fetch(`${base}/noloc`); return [r.status, await r.text()]; });
  await t('bad location', async () => fetch(`${base}/redir?to=http://[bad`));
  await t('other scheme', async () => fetch(`${base}/redir?to=ftp://x/`));
  await t('manual', async () => { const r = await fetch(`${base}/redir?s=301`, { redirect: 'manual' }); return [...head(r), await r.text()]; });
  await t('manual chain', async () => { const r = await fetch(`${base}/chain?n=2`, { redirect: 'manual' }); return [r.status, r.headers.get('location')]; });
  await t('error', async () => fetch(`${base}/redir`, { redirect: 'error' }));
  await t('error no redirect', async () => (await fetch(`${base}/json`, { redirect: 'error' })).status);
}

async function aborts() {
  const ac = () => new AbortController();
  await t('aborted before', async () => { const c = ac(); c.abort(); return fetch(`${base}/json`, { signal: c.signal }); });
  await t('reason before', async () => { const c = ac(); c.abort(new Error('mine')); return fetch(`${base}/json`, { signal: c.signal }); });
  await t('string reason', async () => { const c = ac(); c.abort('str'); return fetch(`${base}/json`, { signal: c.signal }).catch((e) => `rejected with ${typeof e} ${e}`); });
  await t('during', async () => { const c = ac(); setTimeout(() => c.abort(), 50); return fetch(`${base}/slow`, { signal: c.signal }); });
  await t('reason during', async () => { const c = ac(); setTimeout(() => c.abort(new RangeError('r')), 50); return fetch(`${base}/slow`, { signal: c.signal }); });
  await t('timeout', async () => fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) }));
  await t('any', async () => fetch(`${base}/slow`, { signal: AbortSignal.any([AbortSignal.timeout(50), ac().signal]) }));
  await t('mid body', async () => { const c = ac(); const r = await fetch(`${base}/slowbody`, { signal: c.signal }); setTimeout(() => c.abort(), 50); return r.text(); });
  await t('reason mid body', async () => { const c = ac(); const r = await fetch(`${base}/slowbody`, { signal: c.signal }); setTimeout(() => c.abort(new Error('because')), 50); return r.text(); });
  await t('reader', async () => {
    const c = ac();
    const r = await fetch(`${base}/slowbody`, { signal: c.signal });
    const reader = r.body.getReader();
    const first = await reader.read();
    c.abort();
    return [Buffer.from(first.value).toString(), await reader.read().catch(show), await reader.closed.catch(show)];
  });
  await t('after body', async () => { const c = ac(); const r = await fetch(`${base}/json`, { signal: c.signal }); const x = await r.text(); c.abort(); return x; });
  await t('request signal', async () => { const c = ac(); const req = new Request(`${base}/slow`, { signal: c.signal }); setTimeout(() => c.abort(), 50); return fetch(req); });
  await t('cancel body', async () => { const r = await fetch(`${base}/big?n=200`); await r.body.cancel(); return [r.bodyUsed, (await fetch(`${base}/json`)).status]; });
}

async function failures() {
  await t('bad port', async () => fetch('http://127.0.0.1:1/'));
  await t('refused', async () => {
    const s = require('net').createServer().listen(0, '127.0.0.1');
    await new Promise((r) => s.on('listening', r));
    const port = s.address().port;
    await new Promise((r) => s.close(r));
    return fetch(`http://127.0.0.1:${port}/`);
  });
  await t('closed before response', async () => fetch(`${base}/reset`));
  await t('truncated body', async () => (await fetch(`${base}/truncated`)).text());
  await t('bad url', async () => fetch('http://'));
  await t('relative url', async () => fetch('/x'));
  for (const url of ['ftp://127.0.0.1/', 'file:///etc/hostname', 'blob:nothing', 'about:blank']) await t(url, async () => fetch(url));
  await t('GET with body', async () => fetch(`${base}/json`, { method: 'GET', body: 'x' }));
}

async function requests() {
  await t('default headers', async () => (await fetch(`${base}/names`)).text());
  await t('POST headers', async () => (await fetch(`${base}/names`, { method: 'POST', body: 'x' })).text());
  await t('custom headers', async () => (await fetch(`${base}/echo`, { headers: { 'User-Agent': 'me', Accept: 'x', 'Accept-Encoding': 'identity' } })).text());
  await t('string body', async () => (await fetch(`${base}/echo`, { method: 'POST', body: JSON.stringify({ x: 1 }), headers: { 'content-type': 'application/json' } })).text());
  await t('URLSearchParams body', async () => (await fetch(`${base}/echo`, { method: 'PUT', body: new URLSearchParams({ a: 'b c' }) })).text());
  await t('bytes body', async () => (await fetch(`${base}/echo`, { method: 'POST', body: new Uint8Array([104, 105]) })).text());
  await t('blob body', async () => (await fetch(`${base}/echo`, { method: 'POST', body: new Blob(['bl', 'ob'], { type: 'x/y' }) })).text());
  await t('stream body', async () => (await fetch(`${base}/echo`, {
    method: 'POST', duplex: 'half', body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array([65])); c.enqueue(new Uint8Array([66])); c.close(); } }),
  })).text());
  await t('form body', async () => {
    const f = new FormData();
    f.append('a', '1');
    const text = await (await fetch(`${base}/echo`, { method: 'POST', body: f })).text();
    return text.replace(/boundary=[^ ]+/, 'boundary=B').replace(/-{4}formdata-[\w-]+/g, 'B').replace(/cl=\d+/, 'cl=N');
  });
  await t('Request object', async () => { const req = new Request(`${base}/echo`, { method: 'POST', body: 'b' }); const r = await fetch(req); return [await r.text(), req.bodyUsed]; });
  await t('Request used', async () => { const req = new Request(`${base}/echo`, { method: 'POST', body: 'b' }); await req.text(); return fetch(req); });
  await t('Request with init', async () => { const req = new Request(`${base}/echo`, { method: 'POST', body: 'b' }); return [await (await fetch(req, { method: 'PUT', body: 'c' })).text(), req.bodyUsed]; });
  await t('URL object', async () => (await fetch(new URL(`${base}/json`))).status);
}

async function local() {
  for (const url of ['data:,Hello%2C%20World!', 'data:application/json;base64,eyJhIjoxfQ==', 'data:;base64,QQ==',
    'data:text/plain;base64 ,QQ==', 'data:  text/PLAIN ; a=b ,x', 'data:,%E2%9C%93%ff', 'data:,a#frag', 'data:bogus,x',
    'data:;charset=utf-8,x', 'data:nocomma', 'data:;base64,Q', 'data:text/html;charset=utf-8;base64,PGI+']) {
    await t(url, async () => { const r = await fetch(url); return [r.status, r.statusText, [...r.headers], r.url, r.type, await r.text()]; });
  }
  const url = URL.createObjectURL(new Blob(['hello'], { type: 'Text/X' }));
  await t('blob: URL', async () => { const r = await fetch(url); return [r.status, r.statusText, [...r.headers], r.url === url, r.type, await r.text()]; });
  await t('blob: POST', async () => fetch(url, { method: 'POST', body: 'x' }));
  URL.revokeObjectURL(url);
  await t('blob: revoked', async () => fetch(url));
}

server.listen(0, '127.0.0.1', async () => {
  base = `http://127.0.0.1:${server.address().port}`;
  await bodies();
  await codings();
  await redirects();
  await aborts();
  await failures();
  await requests();
  await local();
  server.close();
});
