'use strict';
// The server parses a socket's reads in C++ and hands a read's callbacks to JS
// in one call (bindings/http_parser_consume.h): the order JS sees must stay
// Node's for pipelined requests, bodies in the same or later reads, HEAD,
// upgrades, a parse error after a good request, and a handler or 'end'
// listener that throws (the connection then fails as Node's does).
const http = require('http');
const net = require('net');
const log = [];
let n = 0;
process.on('uncaughtException', (e) => log.push('uncaught ' + e.message));
const server = http.createServer((req, res) => {
  n++;
  const body = [];
  req.on('data', (d) => body.push(String(d)));
  req.on('end', () => {
    log.push(`req ${req.method} ${req.url} body=${body.join('')} complete=${req.complete}`);
    if (req.url === '/throw-end') throw new Error('end listener threw');
  });
  if (req.url === '/throw') throw new Error('handler threw');
  res.end('ok ' + req.url);
});
server.on('clientError', (e, s) => { log.push('clientError ' + e.code + ' ' + e.message); s.destroy(); });
server.on('upgrade', (req, socket, head) => { log.push('upgrade ' + req.url + ' head=' + head); socket.end('HTTP/1.1 101 Switching\r\n\r\n'); });
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const send = (data, wait = 50) => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => { out += d; });
    s.on('close', () => { resolve(out.replace(/Date: .*\r\n/g, '').replace(/\r\n/g, '|')); });
    if (Array.isArray(data)) {
      let i = 0;
      const next = () => { if (i < data.length) { s.write(data[i++]); setTimeout(next, wait); } else setTimeout(() => s.end(), wait); };
      next();
    } else { s.write(data); setTimeout(() => s.end(), wait); }
  });
  const G = (u) => `GET ${u} HTTP/1.1\r\nHost: x\r\n\r\n`;
  log.push('A ' + await send(G('/a') + G('/b') + `POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nxyz`));
  log.push('B ' + await send([G('/throw'), G('/after')]));
  log.push('C ' + await send(G('/throw') + G('/after2')));
  log.push('D ' + await send([G('/throw-end'), G('/after3')]));
  log.push('E ' + await send(G('/x') + 'garbage\r\n\r\n'));
  log.push('F ' + await send(`GET /u HTTP/1.1\r\nHost: x\r\nConnection: upgrade\r\nUpgrade: foo\r\n\r\nrest`));
  log.push('G ' + await send([`POST /d HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n`, 'ab', 'cd']));
  log.push('H ' + await send(`HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n` + G('/i')));
  server.close();
  console.log(log.join('\n'));
});
