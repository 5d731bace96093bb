'use strict';
// Sends malformed and hostile requests to an http server on 127.0.0.1 (with
// the default 'clientError' handling) and prints, per case, the status line
// it answered with and whether it closed the connection; then checks that a
// good request still works.
// Used by tests/cli/http_malformed_test.sh under kiln and node.
const http = require('http');
const net = require('net');

const cases = [
  ['bad-request-line', 'GARBAGE\r\n\r\n'],
  ['bad-method', 'G@T / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['bad-version', 'GET / HTTP/1.x\r\nHost: a\r\n\r\n'],
  ['bad-url', 'GET /a\x7fb HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['lowercase-method', 'get / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['ctl-in-header-value', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n'],
  ['space-in-header-name', 'GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n'],
  ['space-before-colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
  ['del-in-header-name', 'GET / HTTP/1.1\r\nHost: a\r\nX\x7fY: a\r\n\r\n'],
  ['nul-in-header-value', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n'],
  ['empty-header-name', 'GET / HTTP/1.1\r\nHost: a\r\n: a\r\n\r\n'],
  ['obs-fold', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n'],
  ['oversized-headers', `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`],
  ['oversized-url', `GET /${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: a\r\n\r\n`],
  ['cl-and-te', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['te-and-cl', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n'],
  ['content-length-not-a-number', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\na'],
  ['two-content-lengths', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
  ['negative-content-length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n'],
  ['bad-chunk-size', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n'],
  ['chunk-size-overflow', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\nabc\r\n'],
  ['chunk-size-negative', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\nabc\r\n'],
  // More data than the chunk size says: "cd" must not pass for the CRLF.
  ['chunk-data-too-long', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n'],
  ['huge-chunk-extension', `POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;${'x'.repeat(20 * 1024)}\r\na\r\n0\r\n\r\n`],
  ['te-not-chunked-last', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n'],
  ['bare-cr-smuggling', 'POST / HTTP/1.1\r\nHost: a\r\nx:\rTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n'],
  ['bare-lf', 'GET / HTTP/1.1\nHost: a\n\n'],
  ['missing-host', 'GET / HTTP/1.1\r\n\r\n'],
  ['binary-junk', '\x00\x01\x02\x03\xff\xfe\r\n\r\n'],
  ['slow-client', 'GET / HTTP/1.1\r\nHost: a\r\n'],  // never finishes its headers
  // Slowloris: a header line every 50 ms, never the end (headersTimeout).
  ['slowloris', 'GET / HTTP/1.1\r\nHost: a\r\n', 'X-A: b\r\n'],
  // The head arrives, the body trickles in for ever (requestTimeout).
  ['slow-body', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc', 'a'],
];

const server = http.createServer({
  headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 100,
}, (req, res) => {
  req.resume();
  req.on('end', () => res.end(`ok ${req.method} ${req.url}`));
});
// Sends `data`, then `trickle` every 50 ms until the server closes.
function send(port, data, trickle) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    let out = '';
    let drip = null;
    c.setEncoding('latin1');
    c.on('data', (d) => { out += d; });
    c.on('error', () => {});
    const timer = setTimeout(() => { c.destroy(); resolve(`${out.split('\r\n')[0] || '(nothing)'} open`); }, 2000);
    c.on('close', () => {
      clearTimeout(timer);
      clearInterval(drip);
      resolve(`${out.split('\r\n')[0] || '(nothing)'} closed`);
    });
    c.write(data, 'latin1');
    if (trickle) drip = setInterval(() => { if (c.writable) c.write(trickle, 'latin1'); }, 50);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (const [name, data, trickle] of cases) {
    const result = await send(port, data, trickle);
    console.log(`${name}: ${result}`);
  }
  const good = await send(port, 'GET /fine HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  console.log(`good-after: ${good}`);
  server.close();
});
