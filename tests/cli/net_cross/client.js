'use strict';
// The client of tests/cli/net_cross_test.sh, run by node or kiln against
// tests/cli/net_cross/server.js (run by either): argv is
// "<net port> <http port> <https port> <ca file>". The https server's CA
// comes from NODE_EXTRA_CA_CERTS. Prints one line per result, prefixed by
// its section (net, http, https, fetch-http, fetch-https); ports and Date
// values are masked, so the output is the same for every pair of runtimes.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const net = require('net');
const tls = require('tls');

const [netPort, httpPort, httpsPort] = process.argv.slice(2, 5).map(Number);
const caFile = process.argv[5];

const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
const mask = (s) => `${s}`.replace(new RegExp(`:(${httpPort}|${httpsPort}|${netPort})\\b`, 'g'), ':PORT')
  .replace(/^(date: ).*$/gim, '$1X');

let section = '';
const log = (...args) => console.log(section, ...args.map((a) => mask(typeof a === 'string' ? a : JSON.stringify(a))));

function pattern(n, seed) {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

// Runs each check in turn; a throw or a hang (5 s) prints an ERROR line.
async function run(name, fn) {
  let timer;
  try {
    await Promise.race([fn(), new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), 5000);
    })]);
  } catch (e) {
    log(name, 'ERROR', e && e.code, e && e.message);
  } finally {
    clearTimeout(timer);
  }
}

function collect(stream) {
  return new Promise((resolve, reject) => {
    const parts = [];
    stream.on('data', (d) => parts.push(Buffer.from(d)));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

// One request; resolves { res, body }.
function request(lib, options, body) {
  return new Promise((resolve, reject) => {
    const req = lib.request(options, (res) => collect(res).then((b) => resolve({ res, body: b }), reject));
    req.on('error', reject);
    if (typeof body === 'function') body(req);
    else req.end(body);
  });
}

const pick = (headers, names) => names.filter((n) => headers[n] !== undefined).map((n) => `${n}=${headers[n]}`).join(' ');
const kHeaders = ['content-type', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'trailer'];

async function netTests() {
  section = 'net';
  await run('echo', () => new Promise((resolve, reject) => {
    const payload = pattern(1 << 20, 3);
    const socket = net.connect(netPort, '127.0.0.1');
    const parts = [];
    let ended = false;
    socket.on('connect', () => {
      // 1 MiB in 16 writes, then our FIN; the server answers after it.
      for (let i = 0; i < 16; i++) socket.write(payload.subarray(i << 16, (i + 1) << 16));
      socket.end();
    });
    socket.on('data', (d) => parts.push(d));
    socket.on('end', () => { ended = true; });
    socket.on('close', (hadError) => {
      const all = Buffer.concat(parts);
      log('echo', all.length, sha(all.subarray(0, payload.length)) === sha(payload),
          JSON.stringify(all.subarray(payload.length).toString()), 'end', ended, 'hadError', hadError,
          'written', socket.bytesWritten, 'read', socket.bytesRead);
      resolve();
    });
    socket.on('error', reject);
  }));
}

// Raw bytes of one exchange over a fresh socket, read to the server's FIN.
function raw(secure, port, text) {
  return new Promise((resolve, reject) => {
    const socket = secure ? tls.connect({ port, host: '127.0.0.1' }) : net.connect(port, '127.0.0.1');
    socket.on(secure ? 'secureConnect' : 'connect', () => socket.write(text));
    collect(socket).then(resolve, reject);
  });
}

async function httpTests(lib, port, secure) {
  section = secure ? 'https' : 'http';
  const base = { host: '127.0.0.1', port };
  if (secure) {
    await run('tls', () => new Promise((resolve, reject) => {
      const socket = tls.connect({ port, host: '127.0.0.1' }, () => {
        log('tls', 'authorized', socket.authorized, socket.getProtocol(), socket.alpnProtocol);
        socket.end();
        resolve();
      });
      socket.on('error', reject);
    }));
    await run('tls-wrong-ca', () => new Promise((resolve) => {
      // A CA that did not sign the server's certificate: a self-signed leaf.
      const socket = tls.connect({ port, host: '127.0.0.1', ca: fs.readFileSync(caFile.replace(/ca\.pem$/, 'other.pem')) });
      socket.on('secureConnect', () => { log('tls-wrong-ca', 'connected'); socket.end(); resolve(); });
      socket.on('error', (e) => { log('tls-wrong-ca', e.code); resolve(); });
    }));
    await run('tls-wrong-name', () => new Promise((resolve) => {
      const socket = tls.connect({ port, host: '127.0.0.1', servername: 'wrong.test' });
      socket.on('secureConnect', () => { log('tls-wrong-name', 'connected'); socket.end(); resolve(); });
      socket.on('error', (e) => { log('tls-wrong-name', e.code, e.reason); resolve(); });
    }));
  }
  await run('get-content-length', async () => {
    const { res, body } = await request(lib, { ...base, path: '/cl?n=100000', agent: false });
    log('get-content-length', res.statusCode, res.statusMessage, pick(res.headers, kHeaders), body.length, sha(body));
  });
  await run('get-chunked', async () => {
    const { res, body } = await request(lib, { ...base, path: '/chunked?n=300000', agent: false });
    log('get-chunked', res.statusCode, pick(res.headers, kHeaders), body.length, sha(body));
  });
  await run('post-content-length', async () => {
    const { res, body } = await request(lib, { ...base, path: '/echo', method: 'POST', agent: false }, pattern(200000, 4));
    log('post-content-length', res.statusCode, body.toString());
  });
  await run('post-chunked', async () => {
    const { body } = await request(lib, { ...base, path: '/echo', method: 'POST', agent: false }, (req) => {
      for (let i = 0; i < 10; i++) req.write(pattern(30000, i));
      req.end();
    });
    log('post-chunked', body.toString());
  });
  await run('request-trailers', async () => {
    const { body } = await request(lib, { ...base, path: '/echo', method: 'PUT', agent: false,
                                          headers: { Trailer: 'X-Req-Trailer' } }, (req) => {
      req.write('abc');
      req.addTrailers({ 'X-Req-Trailer': 'tv' });
      req.end('def');
    });
    log('request-trailers', body.toString());
  });
  await run('keep-alive', async () => {
    const agent = new lib.Agent({ keepAlive: true, maxSockets: 1 });
    const served = [];
    const reused = [];
    for (let i = 0; i < 4; i++) {
      const { res, body } = await new Promise((resolve, reject) => {
        const req = lib.get({ ...base, path: '/conn', agent }, (r) => collect(r).then((b) => resolve({ res: r, body: b }), reject));
        req.on('error', reject);
        reused.push(req.reusedSocket);
      });
      served.push(body.toString());
      if (i === 0) log('keep-alive', pick(res.headers, kHeaders));
    }
    agent.destroy();
    log('keep-alive', 'connections', new Set(served).size, 'reused', reused.join(','));
  });
  await run('pipelined', async () => {
    const text = 'GET /cl?n=5 HTTP/1.1\r\nHost: a\r\n\r\nPOST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz' +
      'GET /trailers HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n';
    const out = await raw(secure, port, text);
    log('pipelined', JSON.stringify(mask(out.toString('latin1'))));
  });
  await run('continue', async () => {
    let continued = false;
    const { res, body } = await request(lib, { ...base, path: '/echo', method: 'POST', agent: false,
                                               headers: { Expect: '100-continue', 'Content-Length': 5 } }, (req) => {
      req.on('continue', () => {
        continued = true;
        req.end('hello');
      });
    });
    log('continue', continued, res.statusCode, res.headers['x-continued'], body.toString());
  });
  await run('duplicate-headers-in', async () => {
    const out = await raw(secure, port, 'GET /headers HTTP/1.1\r\nHost: a\r\nX-Dup: a\r\nCookie: c=1\r\n' +
      'Content-Type: text/plain\r\nX-Dup: b\r\nCookie: d=2\r\nContent-Type: text/html\r\nSet-Cookie: s=1\r\n' +
      'Set-Cookie: s=2\r\nX-Empty:\r\nConnection: close\r\n\r\n');
    const text = out.toString('latin1');
    log('duplicate-headers-in', JSON.stringify(mask(text.slice(0, text.indexOf('\r\n\r\n')))));
    log('duplicate-headers-in', text.slice(text.indexOf('\r\n\r\n') + 4));
  });
  await run('duplicate-headers-out', async () => {
    const { res } = await request(lib, { ...base, path: '/headers', agent: false });
    const raws = [];
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      if (res.rawHeaders[i] !== 'Date') raws.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
    }
    log('duplicate-headers-out', res.headers['set-cookie'], res.headers['x-multi'], res.headers['x-lower'], raws);
  });
  await run('response-trailers', async () => {
    const { res, body } = await request(lib, { ...base, path: '/trailers', agent: false });
    log('response-trailers', pick(res.headers, kHeaders), body.toString(), res.trailers, res.rawTrailers);
  });
}

async function fetchTests(origin, secure) {
  section = secure ? 'fetch-https' : 'fetch-http';
  const interesting = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'location'];
  const show = (r) => `${r.status} ${JSON.stringify(r.statusText)} ${interesting.map((n) => `${n}=${r.headers.get(n)}`).join(' ')}`;
  for (const coding of ['gzip', 'deflate']) {
    await run(coding, async () => {
      const r = await fetch(`${origin}/${coding}?n=2000`);
      const text = await r.text();
      log(coding, show(r), text.length, sha(text), JSON.stringify(text.slice(0, 30)), r.bodyUsed);
    });
  }
  await run('redirect-follow', async () => {
    const r = await fetch(`${origin}/r/4`, { method: 'POST', body: 'dropped on 301/302' });
    log('redirect-follow', show(r), r.redirected, r.url, await r.text());
  });
  await run('redirect-manual', async () => {
    const r = await fetch(`${origin}/r/2`, { redirect: 'manual' });
    log('redirect-manual', show(r), r.redirected, r.type, r.url, JSON.stringify(await r.text()));
  });
  await run('redirect-error', async () => {
    try {
      await fetch(`${origin}/r/1`, { redirect: 'error' });
      log('redirect-error', 'resolved');
    } catch (e) {
      log('redirect-error', e.constructor.name, e.message, e.cause && e.cause.message);
    }
  });
  await run('stream', async () => {
    const r = await fetch(`${origin}/stream`);
    const reader = r.body.getReader();
    const parts = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value instanceof Uint8Array);
      parts.push(Buffer.from(value));
    }
    const all = Buffer.concat(parts.filter((p) => typeof p !== 'boolean'));
    log('stream', show(r), all.length, sha(all), parts.every((p) => p !== false), r.bodyUsed, r.body.locked);
  });
  await run('timeout', async () => {
    try {
      await fetch(`${origin}/slow`, { signal: AbortSignal.timeout(100) });
      log('timeout', 'resolved');
    } catch (e) {
      log('timeout', e.constructor.name, e.name, e.message, e.code);
    }
  });
  await run('abort-body', async () => {
    const ac = new AbortController();
    const r = await fetch(`${origin}/stream`, { signal: ac.signal });
    const reader = r.body.getReader();
    await reader.read();
    ac.abort();
    try {
      for (;;) if ((await reader.read()).done) break;
      log('abort-body', 'done');
    } catch (e) {
      log('abort-body', e.name, e.message);
    }
  });
  await run('formdata', async () => {
    const form = new FormData();
    form.append('field', 'value');
    form.append('multi', 'one');
    form.append('multi', 'two');
    form.append('\u00fc name', 'caf\u00e9 \u2713');
    form.append('file', new Blob(['hello file\n'], { type: 'text/plain' }), 'a.txt');
    form.append('bin', new Blob([new Uint8Array([0, 1, 2, 255])]));
    const r = await fetch(`${origin}/form`, { method: 'POST', body: form });
    log('formdata', r.status, await r.text());
  });
  await run('urlencoded', async () => {
    const r = await fetch(`${origin}/form`, { method: 'POST', body: new URLSearchParams({ a: '1 2', b: '\u00e9&' }) });
    log('urlencoded', await r.text());
  });
  await run('stream-upload', async () => {
    let i = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (i === 5) controller.close();
        else controller.enqueue(pattern(10000, i++));
      },
    });
    const r = await fetch(`${origin}/echo`, { method: 'POST', body, duplex: 'half' });
    log('stream-upload', await r.json());
  });
  await run('bytes-upload', async () => {
    const r = await fetch(`${origin}/echo`, { method: 'PUT', body: pattern(70000, 9),
                                              headers: { 'content-type': 'application/octet-stream' } });
    const json = await r.json();
    log('bytes-upload', json);
  });
  await run('readers', async () => {
    const ab = await (await fetch(`${origin}/cl?n=1000`)).arrayBuffer();
    const blob = await (await fetch(`${origin}/cl?n=1000`)).blob();
    const json = await (await fetch(`${origin}/echo`)).json();
    log('readers', ab.constructor.name, ab.byteLength, sha(Buffer.from(ab)), blob.type, blob.size,
        sha(Buffer.from(await blob.arrayBuffer())), json.method);
  });
  await run('not-found', async () => {
    const r = await fetch(`${origin}/nope`);
    log('not-found', show(r), r.ok, await r.text());
  });
}

(async () => {
  await netTests();
  await httpTests(http, httpPort, false);
  await httpTests(https, httpsPort, true);
  await fetchTests(`http://127.0.0.1:${httpPort}`, false);
  await fetchTests(`https://127.0.0.1:${httpsPort}`, true);
})();
