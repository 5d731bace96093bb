'use strict';
// The client of tests/cli/http_soak_test.sh: node soak_client.js PORT
// CONNECTIONS SECONDS. CONNECTIONS workers, each on its own keep-alive
// connection, send requests back to back until SECONDS have passed: GETs
// of fixed-length and chunked bodies of varied sizes and POSTs (fixed
// length and chunked); every 97th request is aborted half way through the
// response. Every response is checked byte for byte. Prints one line:
// "requests N ok N bad N aborted N errors N" (bad: a wrong response).
const http = require('http');

const [port, conns, seconds] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
const deadline = Date.now() + seconds * 1000;
const counts = { requests: 0, ok: 0, bad: 0, aborted: 0, errors: 0 };
const sizes = [0, 1, 11, 700, 4096, 16384, 65537, 200000];

function pattern(n, seed) {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

function sumOf(b) {
  let s = 0;
  for (let i = 0; i < b.length; i++) s = (s + b[i]) >>> 0;
  return s;
}

function once(worker, i) {
  return new Promise((resolve) => {
    const n = sizes[(worker + i) % sizes.length];
    const seed = (worker * 7 + i) & 0xff;
    const kind = i % 3;
    const abort = i % 97 === 96;
    let path = `/data?n=${n}&seed=${seed}`;
    let method = 'GET';
    let body = null;
    let expected;
    if (kind === 1) path = `/chunks?n=${n}&seed=${seed}`;
    if (kind === 2) {
      method = 'POST';
      path = '/sum';
      body = pattern(n, seed);
      expected = Buffer.from(`${n} ${sumOf(body)}`);
    } else {
      expected = pattern(n, seed);
    }
    const headers = kind === 2 && i % 2 ? { 'content-length': n } : {};
    let cut = false;  // we destroyed it half way
    let settled = false;
    const settle = (what) => {
      if (settled) return;
      settled = true;
      counts[what]++;
      resolve();
    };
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const parts = [];
      res.on('data', (d) => {
        parts.push(d);
        if (abort && !cut) {
          cut = true;
          req.destroy();
        }
      });
      // A response cut short may still end (with what was buffered).
      res.on('end', () => {
        if (cut) return settle('aborted');
        const ok = res.statusCode === 200 && Buffer.concat(parts).equals(expected);
        settle(ok ? 'ok' : 'bad');
      });
      res.on('error', () => {});
      res.on('close', () => { if (cut) settle('aborted'); });
    });
    req.on('error', () => { if (!cut) settle('errors'); });
    counts.requests++;
    if (body && headers['content-length'] === undefined) {
      // Chunked: two writes.
      req.write(body.subarray(0, n >> 1));
      req.end(body.subarray(n >> 1));
    } else {
      req.end(body);
    }
  });
}

async function worker(w) {
  for (let i = 0; Date.now() < deadline; i++) await once(w, i);
}

const workers = [];
for (let w = 0; w < conns; w++) workers.push(worker(w));
Promise.all(workers).then(() => {
  agent.destroy();
  const c = counts;
  console.log(`requests ${c.requests} ok ${c.ok} bad ${c.bad} aborted ${c.aborted} errors ${c.errors}`);
});
