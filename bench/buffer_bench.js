'use strict';
// bench/buffer_bench.js: Buffer.from(string, enc) and buf.toString(enc) for
// utf8 (ASCII and multi-byte text), latin1, base64, base64url and hex, on
// 1 KiB and 1 MiB of data. Prints "name ns_per_op" lines; bench/compare.sh
// runs it under kiln and node and prints the ratios.

const kBudgetNs = BigInt(Number(process.env.BENCH_MS || 300) * 1e6);

// ns per call of fn: the best of 5 rounds (the machine may be shared, and
// the minimum is the least disturbed figure).
function measure(fn) {
  for (let i = 0; i < 5; i++) fn();  // warm up
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

function text(size, multibyte) {
  const unit = multibyte ? 'h\u00e9llo w\u00f6rld \u20ac\u4e16 ' : 'hello world, lorem ipsum. ';
  let s = '';
  while (Buffer.byteLength(s) < size) s += unit;
  while (Buffer.byteLength(s) > size) s = s.slice(0, -1);
  return s;
}

const sizes = [['1KiB', 1024], ['1MiB', 1024 * 1024]];
let sink = 0;
for (const [label, size] of sizes) {
  const cases = [
    ['utf8', Buffer.from(text(size, false))],
    ['utf8-multibyte', Buffer.from(text(size, true))],
    ['latin1', Buffer.alloc(size, 'latin1 \u00e9', 'latin1')],
    ['base64', Buffer.alloc(size, 'binary\u0000\u00ff', 'latin1')],
    ['base64url', Buffer.alloc(size, 'binary\u0000\u00ff', 'latin1')],
    ['hex', Buffer.alloc(size, 'binary\u0000\u00ff', 'latin1')],
  ];
  for (const [name, bytes] of cases) {
    const enc = name === 'utf8-multibyte' ? 'utf8' : name;
    const str = bytes.toString(enc);
    const from = measure(() => { sink += Buffer.from(str, enc).length; });
    const to = measure(() => { sink += bytes.toString(enc).length; });
    console.log(`from-${name}-${label} ${from.toFixed(0)}`);
    console.log(`toString-${name}-${label} ${to.toFixed(0)}`);
  }
}
if (sink === 0) console.log('unreachable');
