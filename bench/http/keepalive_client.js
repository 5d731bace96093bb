'use strict';
// bench/http_callgrind.sh: N keep-alive GETs of / over C connections (wrk's
// request), each connection sending the next once its response is in.
// Prints "done N". Usage: node keepalive_client.js PORT N [C=50]
const net = require('net');
const port = Number(process.argv[2]);
const total = Number(process.argv[3]);
const conns = Number(process.argv[4] || 50);
const request = Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
let sent = 0;
let done = 0;
let open = conns;
for (let i = 0; i < conns; i++) {
  const socket = net.connect(port, '127.0.0.1', () => {
    if (sent < total) { sent++; socket.write(request); }
  });
  let pending = '';
  socket.setEncoding('latin1');
  socket.on('data', (data) => {
    // A response is complete once its body (bench/http/hello.js's) is in.
    pending += data;
    let at;
    while ((at = pending.indexOf('Hello World')) !== -1) {
      pending = pending.slice(at + 11);
      done++;
      if (sent < total) { sent++; socket.write(request); } else { socket.end(); }
    }
  });
  socket.on('close', () => { if (--open === 0) console.log('done', done); });
}
