'use strict';
// bench/readline_bench.js: reading a 1,000,000-line file line by line with
// readline over fs.createReadStream, one "name ms" line each (lower is
// better): with 'line' events, with `for await`, and with CRLF line endings
// (the regexp path). Run through bench/compare.sh for node/kiln ratios.
// Fixture files are made once in $TMPDIR/kiln-readline-bench and reused.
const fs = require('fs');
const os = require('os');
const path = require('path');
const readline = require('readline');

const kLines = 1e6;
const dir = path.join(os.tmpdir(), 'kiln-readline-bench');

function fixture(name, eol) {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(dir, { recursive: true });
  const parts = [];
  for (let i = 0; i < kLines; i++) parts.push(`line ${i} of the benchmark file, some text${eol}`);
  fs.writeFileSync(file, parts.join(''));
  return file;
}

function open(file) {
  return readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
}

async function events(file) {
  let n = 0;
  const rl = open(file);
  rl.on('line', () => { n++; });
  await new Promise((resolve) => rl.on('close', resolve));
  return n;
}

async function iterate(file) {
  let n = 0;
  for await (const line of open(file)) if (line) n++;
  return n;
}

async function time(name, fn, file) {
  const start = process.hrtime.bigint();
  const n = await fn(file);
  if (n !== kLines) throw new Error(`${name}: ${n} lines`);
  console.log(name, (Number(process.hrtime.bigint() - start) / 1e6).toFixed(1));
}

(async () => {
  const lf = fixture('lines-lf.txt', '\n');
  const crlf = fixture('lines-crlf.txt', '\r\n');
  await time('readline_line_events_ms', events, lf);
  await time('readline_for_await_ms', iterate, lf);
  await time('readline_crlf_line_events_ms', events, crlf);
})();
