'use strict';
// bench/crypto_zlib_bench.js: the crypto and zlib figures at the
// issue's sizes: sha256 of 1 GiB in 64 KiB updates, gzipSync and gunzipSync
// of 50 MB of text, randomUUID x 1M. Plus smaller cases (one-shot sha256,
// HMAC, AES-GCM and gzip of 1 MiB, randomBytes(16)). BENCH_SCALE (default
// 1) scales the two large inputs for a quick run (0.0625: 64 MiB, ~3 MB);
// BENCH_ONLY (a regular expression) picks cases by name. Prints "name ms" lines (best of 3); bench/compare.sh runs it under kiln and
// node and prints the ratios.

const crypto = require('crypto');
const zlib = require('zlib');

const scale = Number(process.env.BENCH_SCALE || 1);
const only = new RegExp(process.env.BENCH_ONLY || '');

// Prints "name best-ms" for a case BENCH_ONLY selects.
function bench(name, fn, rounds = 3) {
  if (!only.test(name)) return;
  fn();  // warm up
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(name, best.toFixed(2));
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
const big = text(Math.round(50e6 * scale));
const hashMiB = Math.round(1024 * scale);
let gz;  // made by the gunzip case's untimed warm-up run
let sink = 0;

bench('sha256_1MiB_oneshot', () => {
  sink += crypto.createHash('sha256').update(mib).digest().length;
}, 10);
bench(`sha256_${hashMiB}MiB_64KiB_updates`, () => {
  const h = crypto.createHash('sha256');
  for (let i = 0; i < hashMiB * 16; i++) h.update(chunk);
  sink += h.digest().length;
});
bench('hmac_sha256_1MiB', () => {
  sink += crypto.createHmac('sha256', 'key').update(mib).digest().length;
}, 10);
bench('aes256gcm_1MiB', () => {
  const c = crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), Buffer.alloc(12));
  sink += c.update(mib).length + c.final().length;
}, 10);
bench('gzipSync_1MiB', () => {
  sink += zlib.gzipSync(mib).length;
}, 5);
bench(`gzipSync_${big.length / 1e6}MB`, () => {
  sink += zlib.gzipSync(big).length;
});
bench(`gunzipSync_${big.length / 1e6}MB`, () => {
  gz = gz || zlib.gzipSync(big);
  sink += zlib.gunzipSync(gz).length;
});
bench('randomUUID_1M', () => {
  for (let i = 0; i < 1e6; i++) sink += crypto.randomUUID().length;
});
bench('randomBytes_16_100k', () => {
  for (let i = 0; i < 1e5; i++) sink += crypto.randomBytes(16).length;
});
if (sink === 0) console.log('unreachable');
