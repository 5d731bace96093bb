'use strict';
// The server of tests/cli/http_soak_test.sh: prints its port, then serves
// until killed. Routes (bodies are a function of the request, so the client
// can check every byte):
//   GET  /data?n=N&seed=S  N bytes of pattern(S), Content-Length
//   GET  /chunks?n=N&seed=S  the same in 4 KiB chunked writes
//   POST /sum               echoes "<bytes> <sum of bytes mod 2^32>"
const http = require('http');

function pattern(n, seed) {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const n = Number(url.searchParams.get('n')) || 0;
  const seed = Number(url.searchParams.get('seed')) || 0;
  if (req.method === 'GET' && url.pathname === '/data') {
    res.setHeader('Content-Type', 'application/octet-stream');
    res.end(pattern(n, seed));
  } else if (req.method === 'GET' && url.pathname === '/chunks') {
    const body = pattern(n, seed);
    let off = 0;
    const next = () => {
      while (off < body.length) {
        const piece = body.subarray(off, off + 4096);
        off += piece.length;
        if (!res.write(piece)) return res.once('drain', next);
      }
      res.end();
    };
    next();
  } else if (req.method === 'POST' && url.pathname === '/sum') {
    let bytes = 0;
    let sum = 0;
    req.on('data', (d) => {
      bytes += d.length;
      for (let i = 0; i < d.length; i++) sum = (sum + d[i]) >>> 0;
    });
    req.on('end', () => res.end(`${bytes} ${sum}`));
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
});
server.keepAliveTimeout = 10000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
