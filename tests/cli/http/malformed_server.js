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
  ['ctl-in-header-value', 'GET / HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n'],
  ['space-in-header-name', 'GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n'],
  ['space-before-colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n'],
  ['oversized-headers', `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`],
  ['cl-and-te', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['two-content-lengths', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
  ['negative-content-length', 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n'],
  ['bad-chunk-size', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n'],
  ['huge-chunk-extension', `POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;${'x'.repeat(20 * 1024)}\r\na\r\n0\r\n\r\n`],
  ['te-not-chunked-last', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n'],
  ['bare-cr-smuggling', 'POST / HTTP/1.1\r\nHost: a\r\nx:\rTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n'],
  ['bare-lf', 'GET / HTTP/1.1\nHost: a\n\n'],
  ['missing-host', 'GET / HTTP/1.1\r\n\r\n'],
  ['binary-junk', '\x00\x01\x02\x03\xff\xfe\r\n\r\n'],
  ['slow-client', 'GET / HTTP/1.1\r\nHost: a\r\n'],  // never finishes its headers
];

const server = http.createServer({
  headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 100,
}, (req, res) => {
  req.resume();
  req.on('end', () => res.end(`ok ${req.method} ${req.url}`));
});
function send(port, data) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => { out += d; });
    c.on('error', () => {});
    const timer = setTimeout(() => { c.destroy(); resolve(`${out.split('\r\n')[0] || '(nothing)'} open`); }, 2000);
    c.on('close', () => {
      clearTimeout(timer);
      resolve(`${out.split('\r\n')[0] || '(nothing)'} closed`);
    });
    c.write(data, 'latin1');
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (const [name, data] of cases) {
    const result = await send(port, data);
    console.log(`${name}: ${result}`);
  }
  const good = await send(port, 'GET /fine HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  console.log(`good-after: ${good}`);
  server.close();
});
