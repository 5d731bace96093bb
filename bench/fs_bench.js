'use strict';
// bench/fs_bench.js: fs costs, one "name value" line each (lower is better):
// per-call ns for small synchronous and asynchronous calls, and whole-job ms
// for big reads (100 MB readFileSync/readFile), 10,000 small files read
// with promises, and a createReadStream -> createWriteStream copy of a
// BENCH_PIPE_MB (default 1024) MB file. bench/compare.sh runs it under node
// and kiln and prints the ratios. Fixture files are made once in
// $TMPDIR/kiln-fs-bench and reused by later runs.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pipeline } = require('stream/promises');

const kBudgetNs = BigInt(Number(process.env.BENCH_MS || 300) * 1e6);
const dir = path.join(os.tmpdir(), 'kiln-fs-bench');
const pipeMb = Number(process.env.BENCH_PIPE_MB || 1024);
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;

function fixture(name, size, fill) {
  const file = path.join(dir, name);
  if (fs.existsSync(file) && fs.statSync(file).size === size) return file;
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(Math.min(size, 1 << 20), fill);
  for (let left = size; left > 0; left -= chunk.length) {
    fs.writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  }
  fs.closeSync(fd);
  return file;
}

// ns per call: the best of 5 rounds of doubling batches.
function measureSync(fn) {
  for (let i = 0; i < 5; i++) fn();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let ops = 0;
    let batch = 1;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < kBudgetNs / 5n) {
      for (let i = 0; i < batch; i++) fn();
      ops += batch;
      batch *= 2;
      elapsed = process.hrtime.bigint() - start;
    }
    best = Math.min(best, Number(elapsed) / ops);
  }
  return best;
}

// ns per call of an async fn, run one after another.
async function measureAsync(fn) {
  for (let i = 0; i < 5; i++) await fn();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let ops = 0;
    const start = process.hrtime.bigint();
    while (process.hrtime.bigint() - start < kBudgetNs / 3n) {
      for (let i = 0; i < 64; i++) await fn();
      ops += 64;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / ops);
  }
  return best;
}

// ms for one run of an async job: the best of `runs`.
async function timeJob(runs, fn) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

function report(name, value) {
  console.log(`${name} ${value.toFixed(value < 100 ? 2 : 0)}`);
}

function want(name) {
  return only === null || only.test(name);
}

const promisify = (fn) => (...args) => new Promise((resolve, reject) =>
  fn(...args, (err, v) => (err ? reject(err) : resolve(v))));

(async () => {
  fs.mkdirSync(dir, { recursive: true });
  const small = fixture('small.txt', 1024, 'a');
  const big = fixture('big.bin', 100 * 1024 * 1024, 'x');
  const manyDir = path.join(dir, 'many');
  if (!fs.existsSync(path.join(manyDir, 'f9999'))) {
    fs.mkdirSync(manyDir, { recursive: true });
    for (let i = 0; i < 10000; i++) fs.writeFileSync(path.join(manyDir, `f${i}`), `file ${i}\n`.repeat(20));
  }

  if (want('statSync_ns')) report('statSync_ns', measureSync(() => fs.statSync(small)));
  if (want('lstatSync_bigint_ns')) report('lstatSync_bigint_ns', measureSync(() => fs.lstatSync(small, { bigint: true })));
  if (want('existsSync_ns')) report('existsSync_ns', measureSync(() => fs.existsSync(small)));
  if (want('readFileSync_1k_utf8_ns')) report('readFileSync_1k_utf8_ns', measureSync(() => fs.readFileSync(small, 'utf8')));
  if (want('readFileSync_1k_buffer_ns')) report('readFileSync_1k_buffer_ns', measureSync(() => fs.readFileSync(small)));
  if (want('writeFileSync_1k_ns')) {
    const data = 'b'.repeat(1024);
    report('writeFileSync_1k_ns', measureSync(() => fs.writeFileSync(path.join(dir, 'w.txt'), data)));
  }
  if (want('openReadClose_sync_ns')) {
    const buf = Buffer.alloc(1024);
    report('openReadClose_sync_ns', measureSync(() => {
      const fd = fs.openSync(small, 'r');
      fs.readSync(fd, buf, 0, 1024, 0);
      fs.closeSync(fd);
    }));
  }
  if (want('readdirSync_10k_ns')) report('readdirSync_10k_ns', measureSync(() => fs.readdirSync(manyDir)));

  const statCb = promisify(fs.stat);
  const readFileCb = promisify(fs.readFile);
  if (want('stat_callback_ns')) report('stat_callback_ns', await measureAsync(() => statCb(small)));
  if (want('stat_promise_ns')) report('stat_promise_ns', await measureAsync(() => fs.promises.stat(small)));
  if (want('readFile_1k_callback_ns')) report('readFile_1k_callback_ns', await measureAsync(() => readFileCb(small, 'utf8')));
  if (want('readFile_1k_promise_ns')) report('readFile_1k_promise_ns', await measureAsync(() => fs.promises.readFile(small, 'utf8')));

  if (want('readFileSync_100MB_ms')) report('readFileSync_100MB_ms', await timeJob(5, () => fs.readFileSync(big)));
  if (want('readFileSync_100MB_utf8_ms')) report('readFileSync_100MB_utf8_ms', await timeJob(5, () => fs.readFileSync(big, 'utf8')));
  if (want('readFile_100MB_ms')) report('readFile_100MB_ms', await timeJob(5, () => readFileCb(big)));
  if (want('promises_readFile_100MB_ms')) report('promises_readFile_100MB_ms', await timeJob(5, () => fs.promises.readFile(big)));
  if (want('promises_readFile_10k_files_ms')) {
    report('promises_readFile_10k_files_ms', await timeJob(5, () => Promise.all(
      Array.from({ length: 10000 }, (_, i) => fs.promises.readFile(path.join(manyDir, `f${i}`), 'utf8')))));
  }
  if (want(`stream_pipe_${pipeMb}MB_ms`)) {
    const src = fixture(`pipe-${pipeMb}.bin`, pipeMb * 1024 * 1024, 'p');
    const dest = path.join(dir, 'pipe-out.bin');
    report(`stream_pipe_${pipeMb}MB_ms`, await timeJob(3, () =>
      pipeline(fs.createReadStream(src), fs.createWriteStream(dest))));
    fs.unlinkSync(dest);
  }
})();
