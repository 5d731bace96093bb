'use strict';
// bench/crypto_zlib_bench.js: the crypto and zlib figures, scaled by
// BENCH_SCALE (default 1: sha256 of 64 MiB in 64 KiB updates, gzipSync and
// gunzipSync of 8 MiB of text, randomUUID x 1M; the full sizes are
// BENCH_SCALE=16 for 1 GiB / 128 MiB). Plus one-shot sha256 of 1 MiB and
// gzip of 1 MiB. Prints "name ms" lines (best of 3); bench/compare.sh runs it
// under kiln and node and prints the ratios.

const crypto = require('crypto');
const zlib = require('zlib');

const scale = Number(process.env.BENCH_SCALE || 1);

function bestMs(fn, rounds = 3) {
  fn();  // warm up
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best.toFixed(2);
}

// Compressible, not trivially so: words from a small vocabulary.
function text(size) {
  const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing',
                 'elit', 'sed', 'do', 'eiusmod', 'tempor', 'incididunt', 'ut', 'labore'];
  const parts = [];
  let n = 0;
  let x = 12345;
  while (n < size) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const w = words[x % words.length] + (x % 7 === 0 ? '.\n' : ' ');
    parts.push(w);
    n += w.length;
  }
  return Buffer.from(parts.join('').slice(0, size));
}

const chunk = Buffer.alloc(64 * 1024, 'a');
const mib = text(1024 * 1024);
const big = text(8 * 1024 * 1024 * scale);
const gz = zlib.gzipSync(big);
let sink = 0;

console.log('sha256_1MiB_oneshot', bestMs(() => {
  sink += crypto.createHash('sha256').update(mib).digest().length;
}, 10));
console.log(`sha256_${64 * scale}MiB_64KiB_updates`, bestMs(() => {
  const h = crypto.createHash('sha256');
  for (let i = 0; i < 1024 * scale; i++) h.update(chunk);
  sink += h.digest().length;
}));
console.log('hmac_sha256_1MiB', bestMs(() => {
  sink += crypto.createHmac('sha256', 'key').update(mib).digest().length;
}, 10));
console.log('aes256gcm_1MiB', bestMs(() => {
  const c = crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));
  sink += c.update(mib).length + c.final().length;
}, 10));
console.log('gzipSync_1MiB', bestMs(() => {
  sink += zlib.gzipSync(mib).length;
}, 5));
console.log(`gzipSync_${8 * scale}MiB`, bestMs(() => {
  sink += zlib.gzipSync(big).length;
}));
console.log(`gunzipSync_${8 * scale}MiB`, bestMs(() => {
  sink += zlib.gunzipSync(gz).length;
}));
console.log('randomUUID_1M', bestMs(() => {
  for (let i = 0; i < 1e6; i++) sink += crypto.randomUUID().length;
}));
console.log('randomBytes_16_100k', bestMs(() => {
  for (let i = 0; i < 1e5; i++) sink += crypto.randomBytes(16).length;
}));
if (sink === 0) console.log('unreachable');
