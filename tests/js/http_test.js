'use strict';
// http against node: servers on 127.0.0.1 only, one step at a time; raw
// responses are read with a net client (Date headers masked).
const http = require('http');
const net = require('net');
const { once } = require('events');

function log(...args) {
  console.log(...args.map((a) => (typeof a === 'string' ? a.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT') : a)));
}

function threw(fn) {
  try {
    fn();
    return 'no throw';
  } catch (e) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
}

function mask(s) {
  return s.replace(/Date: [^\r]*/g, 'Date: <date>');
}

async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

// Sends `data` raw, returns everything the server sent until it closes (or
// `waitMs` passes).
function raw(port, data, waitMs = 300) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => { out += d; });
    c.on('error', () => {});
    const t = setTimeout(() => c.destroy(), waitMs);
    c.on('close', () => { clearTimeout(t); resolve(mask(out)); });
    if (Array.isArray(data)) {
      let i = 0;
      const next = () => {
        if (i < data.length) c.write(data[i++], () => setTimeout(next, 20));
      };
      next();
    } else {
      c.write(data);
    }
  });
}

function get(port, path, options = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', path, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ res, body, req }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function serverResponses() {
  const server = http.createServer((req, res) => {
    switch (req.url) {
      case '/plain':
        res.end('hello');
        break;
      case '/chunked':
        res.write('a');
        res.end('b');
        break;
      case '/head':
        res.setHeader('Content-Length', 5);
        res.end('hello');
        break;
      case '/204':
        res.writeHead(204, { 'X-A': '1' });
        res.end();
        break;
      case '/headers': {
        res.setHeader('X-Multi', ['a', 'b']);
        res.setHeader('Set-Cookie', ['c=1', 'd=2']);
        res.appendHeader('X-Multi', 'c');
        log('names', res.getHeaderNames(), res.hasHeader('x-multi'), res.getHeader('X-MULTI'));
        res.removeHeader('x-nothing');
        log('before', res.headersSent);
        res.writeHead(201, 'Made', ['X-Arr', 'v']);
        log('after', res.headersSent, res.statusCode, res.statusMessage);
        log(threw(() => res.setHeader('a', 'b')));
        res.end();
        break;
      }
      case '/trailers':
        res.writeHead(200, { Trailer: 'X-T' });
        res.write('body');
        res.addTrailers({ 'X-T': 'done' });
        res.end();
        break;
      case '/echo': {
        const parts = [];
        req.on('data', (d) => parts.push(d));
        req.on('end', () => {
          res.end(`${req.method} ${req.headers['content-length']} ${req.headers['transfer-encoding']} ` +
                  `${Buffer.concat(parts).toString()}`);
        });
        break;
      }
      case '/10':
        res.end(`version ${req.httpVersion}`);
        break;
      default:
        res.statusCode = 404;
        res.end();
    }
  });
  server.keepAliveTimeout = 3000;
  const port = await listen(server);
  log(await raw(port, 'GET /plain HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'GET /chunked HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'HEAD /head HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'GET /204 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'GET /headers HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'GET /trailers HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'));
  log(await raw(port, 'GET /10 HTTP/1.0\r\n\r\n'));
  // Keep-alive and pipelining: three requests in one write, answered in order.
  log(await raw(port, 'GET /plain HTTP/1.1\r\nHost: a\r\n\r\nGET /chunked HTTP/1.1\r\nHost: a\r\n\r\n' +
                'POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nConnection: close\r\n\r\nxyz'));
  // Chunked request body sent in pieces.
  log(await raw(port, ['POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n',
                       'Connection: close\r\n\r\n3\r\nabc\r\n', '2\r\nde\r\n0\r\n\r\n']));
  // HTTP/1.1 without Host.
  log(await raw(port, 'GET /plain HTTP/1.1\r\n\r\n'));
  server.close();
  await once(server, 'close');
}

async function clientRequests() {
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    if (req.url === '/slow') {
      setTimeout(() => res.end('slow'), 200);
      return;
    }
    res.end(`${req.method} ${req.url} ${req.headers.host} ${req.headers['x-h']}`);
  });
  const port = await listen(server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const order = [];
  const all = [1, 2, 3].map((i) => get(port, `/n${i}`, { agent, headers: { 'X-H': i } })
    .then(({ res, body, req }) => order.push(`${body} reused=${req.reusedSocket} ${res.statusCode}`)));
  await Promise.all(all);
  log(order.join('\n'));
  log('agent free sockets', Object.keys(agent.freeSockets).length, agent.getName({ host: 'h', port: 1 }));
  agent.destroy();

  const { res, body } = await get(port, '/x', { method: 'PUT', body: 'data' });
  log('put', res.statusCode, res.statusMessage, res.httpVersion, body, res.headers['content-length'],
      res.rawHeaders.filter((h, i) => i % 2 === 0 && h !== 'Date').join(','));

  // URL string form and events order.
  const events = [];
  await new Promise((resolve) => {
    const req = http.get(`http://127.0.0.1:${port}/url?q=1`, (res) => {
      events.push('response');
      res.on('data', () => {});
      res.on('end', () => events.push('end'));
    });
    req.on('socket', () => events.push('socket'));
    req.on('finish', () => events.push('finish'));
    req.on('close', () => { events.push('close'); resolve(); });
  });
  log(events.join(' '));

  // Timeouts and aborts.
  await new Promise((resolve) => {
    const req = http.get({ port, host: '127.0.0.1', path: '/slow' });
    req.setTimeout(50, () => { log('request timeout'); req.destroy(); });
    req.on('error', (e) => { log('after timeout', e.code, e.message); resolve(); });
  });
  await new Promise((resolve) => {
    const ac = new AbortController();
    const req = http.get({ port, host: '127.0.0.1', path: '/slow', signal: ac.signal });
    req.on('error', (e) => { log('aborted', e.name, e.code); resolve(); });
    setTimeout(() => ac.abort(), 20);
  });
  await new Promise((resolve) => {
    const req = http.get({ port: 1, host: '127.0.0.1' });
    req.on('error', (e) => { log('refused', e.code, e.message); resolve(); });
  });
  server.close();
  await once(server, 'close');
}

async function continueUpgradeConnect() {
  const server = http.createServer((req, res) => res.end('ok'));
  server.on('checkContinue', (req, res) => {
    log('checkContinue', req.headers.expect);
    res.writeContinue();
    req.pipe(res);
  });
  server.on('upgrade', (req, socket, head) => {
    log('upgrade', req.headers.upgrade, JSON.stringify(head.toString()));
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\nraw');
  });
  server.on('connect', (req, socket, head) => {
    log('connect', req.url, JSON.stringify(head.toString()));
    socket.end('HTTP/1.1 200 Connection Established\r\n\r\ntunnel');
  });
  const port = await listen(server);
  await new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers: { Expect: '100-continue' } });
    req.on('continue', () => { log('client continue'); req.end('body'); });
    req.on('response', (res) => {
      let b = '';
      res.on('data', (d) => { b += d; });
      res.on('end', () => { log('continued body', b); resolve(); });
    });
  });
  await new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', headers: { Connection: 'Upgrade', Upgrade: 'x' } });
    req.on('upgrade', (res, socket, head) => {
      log('client upgrade', res.statusCode, JSON.stringify(head.toString()));
      socket.destroy();
      resolve();
    });
    req.end();
  });
  await new Promise((resolve) => {
    const req = http.request({ port, host: '127.0.0.1', method: 'CONNECT', path: 'example:443' });
    req.on('connect', (res, socket, head) => {
      log('client connect', res.statusCode, JSON.stringify(head.toString()));
      socket.destroy();
      resolve();
    });
    req.end();
  });
  server.close();
  await once(server, 'close');
}

function apiChecks() {
  log(http.METHODS.length, http.METHODS.slice(0, 5), http.STATUS_CODES[418], http.STATUS_CODES[503]);
  log(threw(() => http.validateHeaderName('bad name')));
  log(threw(() => http.validateHeaderValue('x', 'a\nb')));
  log(threw(() => http.validateHeaderValue('x', undefined)));
  log(threw(() => http.request({ method: 'BAD METHOD' })));
  log(threw(() => http.request({ path: '/a b' })));
  log(threw(() => http.request({ protocol: 'https:' })));
  const res = new http.ServerResponse({ method: 'GET', httpVersionMajor: 1, httpVersionMinor: 1 });
  log(threw(() => res.writeHead(1000)));
  log(threw(() => res.writeHead(200, 'bad\nmessage')));
  log(typeof http.globalAgent, http.globalAgent.keepAlive, http.maxHeaderSize);
}

(async () => {
  await serverResponses();
  await clientRequests();
  await continueUpgradeConnect();
  apiChecks();
  log('done');
})();
