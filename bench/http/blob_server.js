'use strict';
// bench/http.sh: serves GET / as a body of SIZE_MB (100) MiB, in 64 KiB
// writes with backpressure, Content-Length known. Prints its port.
const http = require('http');
const size = (Number(process.env.SIZE_MB) || 100) * 1024 * 1024;
const piece = Buffer.alloc(64 * 1024, 'x');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Length': size, 'Content-Type': 'application/octet-stream' });
  let left = size;
  const more = () => {
    while (left > 0) {
      const n = Math.min(left, piece.length);
      left -= n;
      if (!res.write(n === piece.length ? piece : piece.subarray(0, n))) return res.once('drain', more);
    }
    res.end();
  };
  more();
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
