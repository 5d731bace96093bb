'use strict';
// node:test: each fixture under fixtures/node_test/ runs in a child process
// whose stdout is the TAP report. Printed here: the report with durations
// and stack frames blanked, then the fixture's own console lines ("log: ")
// apart, since how they interleave with the report is timing, and the exit
// code.
const { spawnSync } = require('child_process');
const path = require('path');
const Module = require('module');

function normalize(tap) {
  const out = [];
  let stackIndent = -1;   // indent of the `stack: |-` key while in its frames
  for (const line of tap.split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (stackIndent >= 0) {
      if (indent > stackIndent) continue;
      stackIndent = -1;
    }
    if (/stack: \|-$/.test(line)) stackIndent = indent;
    out.push(line.replace(/duration_ms.*/, 'duration_ms *'));
  }
  return out;
}

const fixtures = ['results.js', 'hooks.js', 'nesting.js', 'pending.js', 'uncaught.js',
  'suites.js', 'esm.mjs', 'todo_only.js'];
for (const name of fixtures) {
  const file = path.join(__dirname, 'fixtures', 'node_test', name);
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8' });
  const lines = normalize(child.stdout);
  console.log(`== ${name}`);
  console.log(lines.filter((l) => !l.startsWith('log: ')).join('\n'));
  console.log(lines.filter((l) => l.startsWith('log: ')).join('\n'));
  console.log('exit', child.status, 'stderr', JSON.stringify(child.stderr));
}

console.log(Module.isBuiltin('node:test'), Module.isBuiltin('test'),
  Module.builtinModules.includes('test'));
try {
  require('test');
} catch (err) {
  console.log(err.code);
}
const test = require('node:test');
console.log(typeof test, test.test === test, test.suite === test.describe,
  ['it', 'describe', 'before', 'after', 'beforeEach', 'afterEach', 'skip', 'todo', 'only']
    .map((k) => typeof test[k]).join());
import('test').catch((err) => console.log('import test:', err.code));
import('node:test').then((ns) => console.log('import node:test:', ns.default === test,
  ns.describe === test.describe));
