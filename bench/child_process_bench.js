'use strict';
// bench/child_process_bench.js: the cost of starting children. 1,000
// sequential execFileSync('true') (the figure), spawnSync of a
// missing command, and sequential async spawn('true') to 'close'. Prints
// "name ms_total" lines; bench/compare.sh runs it under kiln and node.

const cp = require('child_process');

function timeMs(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function spawnSequential(n, done) {
  const start = process.hrtime.bigint();
  let left = n;
  (function next() {
    if (left-- === 0) return done(Number(process.hrtime.bigint() - start) / 1e6);
    cp.spawn('true').on('close', next);
  })();
}

const N = Number(process.env.BENCH_N || 1000);
console.log(`execFileSync_true_x${N}`,
            timeMs(() => { for (let i = 0; i < N; i++) cp.execFileSync('true'); }).toFixed(1));
console.log(`spawnSync_ENOENT_x${N}`,
            timeMs(() => { for (let i = 0; i < N; i++) cp.spawnSync('kiln-bench-no-such-cmd'); })
              .toFixed(1));
spawnSequential(N, (ms) => console.log(`spawn_true_close_x${N}`, ms.toFixed(1)));
