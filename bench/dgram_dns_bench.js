'use strict';
// bench/dgram_dns_bench.js: UDP and DNS on loopback. Ping-pong of one
// datagram between two dgram sockets (round trips), and sequential
// resolve4() against a minimal DNS server on 127.0.0.1 (Kiln's own client vs
// Node's c-ares). Prints "name ms_total" lines; bench/compare.sh runs it
// under kiln and node.

const dgram = require('dgram');
const dns = require('dns');

const N = Number(process.env.BENCH_N || 20000);

function pingPong(n, done) {
  const a = dgram.createSocket('udp4');
  const b = dgram.createSocket('udp4');
  b.on('message', (msg, rinfo) => b.send(msg, rinfo.port, rinfo.address));
  b.bind(0, '127.0.0.1', () => {
    const port = b.address().port;
    const msg = Buffer.alloc(64, 1);
    let left = n;
    const start = process.hrtime.bigint();
    a.on('message', () => {
      if (--left === 0) {
        done(Number(process.hrtime.bigint() - start) / 1e6);
        a.close();
        b.close();
        return;
      }
      a.send(msg, port, '127.0.0.1');
    });
    a.send(msg, port, '127.0.0.1');
  });
}

// Answers every query with one A record (the question copied back).
function dnsServer(ready) {
  const server = dgram.createSocket('udp4');
  const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1]);
  server.on('message', (q, rinfo) => {
    const reply = Buffer.concat([q, answer]);
    reply[2] = 0x81;
    reply[3] = 0x80;
    reply.writeUInt16BE(1, 6);
    server.send(reply, rinfo.port, rinfo.address);
  });
  server.bind(0, '127.0.0.1', () => ready(server));
}

function resolveLoop(n, done) {
  dnsServer((server) => {
    const resolver = new dns.Resolver();
    resolver.setServers([`127.0.0.1:${server.address().port}`]);
    let left = n;
    const start = process.hrtime.bigint();
    (function next() {
      if (left-- === 0) {
        done(Number(process.hrtime.bigint() - start) / 1e6);
        server.close();
        return;
      }
      resolver.resolve4('bench.test', (err) => {
        if (err) throw err;
        next();
      });
    })();
  });
}

pingPong(N, (ms) => {
  console.log(`udp_pingpong_x${N}`, ms.toFixed(1));
  const M = Math.floor(N / 4);
  resolveLoop(M, (ms2) => console.log(`dns_resolve4_x${M}`, ms2.toFixed(1)));
});
