'use strict';
// The server of tests/cli/net_cross_test.sh, run by node or kiln: a net echo
// server, an http server and an https server (key and certificate paths in
// argv, made by the test with openssl) on 127.0.0.1 port 0. Prints
// "<net port> <http port> <https port>" and serves until killed. Every
// response is a function of the request only, so a client prints the same
// under either server.
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const https = require('https');
const net = require('net');
const zlib = require('zlib');

const sha = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);

function pattern(n, seed) {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

// Echo: every byte back; after the client's FIN (half-close), a summary
// line is written, then our own FIN.
const echo = net.createServer({ allowHalfOpen: true }, (socket) => {
  let n = 0;
  socket.on('data', (d) => {
    n += d.length;
    socket.write(d);
  });
  socket.on('end', () => setTimeout(() => socket.end(`\nafter-end ${n}\n`), 20));
  socket.on('error', () => {});
});

// Reads the whole request body.
function readBody(req, cb) {
  const parts = [];
  req.on('data', (d) => parts.push(d));
  req.on('end', () => cb(Buffer.concat(parts)));
}

// A small multipart/form-data parser (independent of fetch's own).
function parseMultipart(type, body) {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!m) return 'no boundary';
  const delim = `--${m[1] || m[2]}`;
  const text = body.toString('latin1');
  const out = [];
  for (const part of text.split(delim).slice(1)) {
    if (part.startsWith('--')) break;
    const sep = part.indexOf('\r\n\r\n');
    const head = part.slice(2, sep).split('\r\n').map((l) => l.toLowerCase().startsWith('content-type') ?
      `type=${l.slice(l.indexOf(':') + 1).trim()}` : l.replace(/^content-disposition: form-data; /i, ''));
    const data = Buffer.from(part.slice(sep + 4, -2), 'latin1');
    out.push(`${head.join(' ')} len=${data.length} ${JSON.stringify(data.toString('utf8'))}`);
  }
  return out.join(' | ');
}

function handle(req, res) {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  const q = (k) => Number(url.searchParams.get(k)) || 0;
  if (path === '/cl') {
    res.setHeader('Content-Type', 'text/plain');
    res.end(pattern(q('n'), 1));
  } else if (path === '/chunked') {
    const body = pattern(q('n'), 2);
    let off = 0;
    const next = () => {
      while (off < body.length) {
        const piece = body.subarray(off, off + 10000);
        off += piece.length;
        if (!res.write(piece)) return res.once('drain', next);
      }
      res.end();
    };
    next();
  } else if (path === '/echo') {
    readBody(req, (body) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({
        method: req.method, httpVersion: req.httpVersion,
        cl: req.headers['content-length'] || null, te: req.headers['transfer-encoding'] || null,
        expect: req.headers.expect || null,
        len: body.length, sha: sha(body), trailers: req.trailers,
      }));
    });
  } else if (path === '/headers') {
    // What arrived (joined and raw), and duplicates going back.
    const raw = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (/^x-|^cookie$|^content-type$|^set-cookie$/i.test(req.rawHeaders[i])) {
        raw.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
    }
    const joined = {};
    for (const k of Object.keys(req.headers).sort()) {
      if (/^x-|^cookie$|^content-type$|^set-cookie$/.test(k)) joined[k] = req.headers[k];
    }
    res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2']);
    res.setHeader('X-Multi', ['one', 'two']);
    res.setHeader('X-Lower', 'Keeps-Case');
    res.end(JSON.stringify({ raw, joined }));
  } else if (path === '/trailers') {
    res.writeHead(200, { 'Content-Type': 'text/plain', Trailer: 'X-Sum, X-Count' });
    res.write('first;');
    res.write('second;');
    res.addTrailers({ 'X-Sum': sha('first;second;'), 'X-Count': '2' });
    res.end();
  } else if (path === '/conn') {
    // Which connection (by its remote port) served this request.
    res.end(`${req.socket.remotePort}`);
  } else if (path === '/gzip' || path === '/deflate') {
    const text = `compressed ${path.slice(1)} `.repeat(q('n') || 1);
    const z = path === '/gzip' ? zlib.gzipSync(text) : zlib.deflateSync(text);
    res.writeHead(200, { 'Content-Encoding': path.slice(1), 'Content-Type': 'text/plain' });
    res.end(z);
  } else if (path.startsWith('/r/')) {
    const n = Number(path.slice(3));
    if (n > 0) {
      res.writeHead(n % 2 ? 302 : 301, { Location: n === 2 ? `/r/${n - 1}?via=2` : `/r/${n - 1}` });
      res.end();
    } else {
      res.end(`arrived ${req.method} ${url.search}`);
    }
  } else if (path === '/stream') {
    // Chunks spread over time, so the client reads them as they come.
    let i = 0;
    res.setHeader('Content-Type', 'application/octet-stream');
    const tick = () => {
      if (i === 8) return res.end();
      res.write(pattern(32768, i++));
      setTimeout(tick, 5);
    };
    tick();
  } else if (path === '/slow') {
    const t = setTimeout(() => res.end('too late'), 5000);
    res.on('close', () => clearTimeout(t));
  } else if (path === '/form') {
    readBody(req, (body) => {
      const type = req.headers['content-type'] || '';
      res.end(type.startsWith('multipart/form-data') ? parseMultipart(type, body) :
        `${type} ${body.toString()}`);
    });
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
}

function onContinue(req, res) {
  res.setHeader('X-Continued', 'yes');
  res.writeContinue();
  handle(req, res);
}

const plain = http.createServer(handle).on('checkContinue', onContinue);
const secure = https.createServer({
  key: fs.readFileSync(process.argv[2]), cert: fs.readFileSync(process.argv[3]),
}, handle).on('checkContinue', onContinue);

let pending = 3;
const ready = () => {
  if (--pending === 0) {
    process.stdout.write(`${echo.address().port} ${plain.address().port} ${secure.address().port}\n`);
  }
};
echo.listen(0, '127.0.0.1', ready);
plain.listen(0, '127.0.0.1', ready);
secure.listen(0, '127.0.0.1', ready);
