'use strict';
// The server's per-request Host (HTTP/1.1 needs one: 400) and Expect checks
// (100-continue, 417), with the field names in any case.
const http = require('http'), net = require('net');
const server = http.createServer((req, res) => res.end('ok ' + req.headers.host));
server.on('checkContinue', (req, res) => { res.writeContinue(); res.end('cont'); });
server.listen(0, async () => {
  const port = server.address().port;
  const send = (raw) => new Promise((r) => { const s = net.connect(port, () => s.end(raw)); let d = ''; s.on('data', (c) => d += c); s.on('close', () => r(d.split('\r\n')[0] + ' | ' + d.split('\r\n\r\n').slice(1).join('/').replace(/Date: [^\r]*\r\n/, ''))); });
  for (const raw of ['GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 'GET / HTTP/1.1\r\nhost: a\r\nConnection: close\r\n\r\n', 'GET / HTTP/1.1\r\nHOST: b\r\nConnection: close\r\n\r\n', 'GET / HTTP/1.0\r\n\r\n', 'POST / HTTP/1.1\r\nHost: c\r\nExpect: 100-continue\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 'POST / HTTP/1.1\r\nHost: c\r\nEXPECT: weird\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'])
    console.log(JSON.stringify(await send(raw)));
  server.close();
});
