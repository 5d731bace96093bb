'use strict';
// fetch, Headers, Request, Response and FormData against node; the server
// is on 127.0.0.1 only.
const http = require('http');
const zlib = require('zlib');
const server = http.createServer((req, res) => {
  if (req.url === '/json') { res.setHeader('content-type', 'application/json'); res.end('{"a":1}'); }
  else if (req.url === '/redir') { res.writeHead(302, { location: '/json' }); res.end(); }
  else if (req.url === '/gzip') { res.writeHead(200, { 'content-encoding': 'gzip' }); res.end(zlib.gzipSync('hello gzip')); }
  else if (req.url === '/echo') { let b=''; req.on('data', d=>b+=d); req.on('end', () => res.end(`${req.method} ${req.headers['content-type']} ${b} ${req.headers['user-agent']} ${req.headers.accept}`)); }
  else if (req.url === '/slow') { setTimeout(() => res.end('late'), 500); }
  else { res.statusCode = 404; res.end('nope'); }
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  let r = await fetch(`${base}/json`);
  console.log(r.status, r.ok, r.statusText, r.headers.get('content-type'), await r.json(), r.url === `${base}/json`, r.redirected, r.type);
  r = await fetch(`${base}/redir`);
  console.log(r.status, r.redirected, r.url.endsWith('/json'), await r.text());
  r = await fetch(`${base}/redir`, { redirect: 'manual' });
  console.log(r.status, r.headers.get('location'));
  try { await fetch(`${base}/redir`, { redirect: 'error' }); } catch (e) { console.log(e.name, e.message, e.cause.message); }
  r = await fetch(`${base}/gzip`);
  console.log(await r.text());
  r = await fetch(`${base}/echo`, { method: 'POST', body: JSON.stringify({ x: 1 }), headers: { 'content-type': 'application/json' } });
  console.log(await r.text());
  r = await fetch(`${base}/echo`, { method: 'PUT', body: new URLSearchParams({ a: 'b c' }) });
  console.log(await r.text());
  r = await fetch(`${base}/missing`);
  console.log(r.status, r.ok, await r.text());
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  try { await fetch(`${base}/slow`, { signal: ac.signal }); } catch (e) { console.log(e.name, e.message); }
  try { await fetch('http://127.0.0.1:1/'); } catch (e) { console.log(e.name, e.message, e.cause.message); }
  r = await fetch(`${base}/json`);
  const reader = r.body.getReader(); let n = 0; for (;;) { const { done, value } = await reader.read(); if (done) break; n += value.length; }
  console.log('streamed', n, r.bodyUsed);
  r = await fetch('data:text/plain;base64,aGVsbG8=');
  console.log(r.status, r.headers.get('content-type'), await r.text());
  console.log(new Headers({ b: '2', a: '1', 'Set-Cookie': 'x' }), [...new Headers([['b', '1'], ['a', '2'], ['b', '3']])]);
  await classes();
  server.close();
});

async function classes() {
  const threw = (fn) => { try { fn(); return 'no throw'; } catch (e) { return `${e.name}: ${e.message}`; } };
  console.log(threw(() => new Headers({ 'a b': '1' })));
  console.log(threw(() => new Request('/relative')));
  console.log(threw(() => new Request('http://a/', { method: 'GET', body: 'x' })));
  console.log(threw(() => new Request('http://a/', { method: 'CONNECT' })));
  console.log(threw(() => new Response('x', { status: 99 })));
  const h = new Headers();
  h.append('Set-Cookie', 'a=1');
  h.append('set-cookie', 'b=2');
  h.set('X-A', ' v ');
  console.log(h.getSetCookie(), h.get('set-cookie'), h.get('x-a'), h.has('X-A'), [...h.keys()]);
  const req = new Request('http://example.test/p?q', { method: 'post', body: 'abc', headers: { 'X-Y': 'z' } });
  console.log(req.method, req.url, req.headers.get('content-type'), req.redirect, req.bodyUsed);
  const copy = req.clone();
  console.log(await req.text(), req.bodyUsed, await copy.text());
  console.log(req);
  const res = Response.json({ ok: 1 }, { status: 201, headers: { 'x-b': '1' } });
  console.log(res.status, res.headers.get('content-type'), await res.clone().json(), await res.text());
  try { await res.text(); } catch (e) { console.log(e.name, e.message); }
  console.log(Response.redirect('http://a.test/x', 307).headers.get('location'), Response.error().type);
  const form = new FormData();
  form.append('a', '1');
  form.append('f', new Blob(['data'], { type: 'text/plain' }), 'f.txt');
  console.log([...form.keys()], form.get('f').name, form.get('f').type, form.getAll('a'));
  const fres = new Response(form);
  const back = await fres.formData();
  console.log(fres.headers.get('content-type').startsWith('multipart/form-data; boundary='),
              back.get('a'), back.get('f').name, await back.get('f').text());
  console.log(new Response('hi'), await new Response(new Uint8Array([104, 105])).text());
  console.log(await new Response(new Blob(['blob!'])).text(), (await new Response('x').blob()).type);
}
