'use strict';
// -r preloads and require() cycles, in a child of this runtime: module.isPreloading
// (true only while -r modules load), a -r package name resolving as a
// self-reference from the working directory, NODE_PRESERVE_SYMLINKS=1 (and
// it reaching a worker with its own execArgv), and the warning prototype a
// cycle's unfinished exports get until their module has loaded.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { p, tmp: root } = require('./fs_test_helpers');

function write(name, content) {
  fs.mkdirSync(path.dirname(p(name)), { recursive: true });
  fs.writeFileSync(p(name), typeof content === 'string' ? content : JSON.stringify(content));
}
function run(args, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  const lines = (s) => s.toString().split('\n').filter((l) => l && !l.includes('--trace-warnings'))
    .map((l) => l.replace(/^\(node:\d+\) /, '(pid) ').split(root).join('<root>'));
  console.log(`$ ${args.join(' ')} -> ${r.status}`);
  for (const l of lines(r.stdout)) console.log(`  out: ${l}`);
  for (const l of lines(r.stderr)) console.log(`  err: ${l}`);
}

write('pre.js', `
  const d = Object.getOwnPropertyDescriptor(require('module').prototype, 'isPreloading');
  console.log('preload', module.isPreloading, typeof d.get, d.enumerable, d.configurable);
  require('./pre-dep');`);
write('pre-dep.js', 'console.log("preload dep", module.isPreloading);');
write('main.js', 'console.log("main", module.isPreloading); setTimeout(() => console.log("later", module.isPreloading));');
run(['-r', './pre.js', 'main.js']);
run(['main.js']);

write('package.json', { name: 'selfpkg', exports: { '.': './self.js' } });
write('self.js', 'console.log("self-reference preloaded");');
run(['-r', 'selfpkg', 'main.js']);

write('real/lib.js', 'console.log("lib", require("path").relative(process.cwd(), __filename));');
fs.mkdirSync(path.join(root, 'linked'));
fs.symlinkSync(path.join(root, 'real', 'lib.js'), path.join(root, 'linked', 'lib.js'));
write('sym.js', 'require("./linked/lib.js");');
run(['sym.js']);
run(['sym.js'], { NODE_PRESERVE_SYMLINKS: '1' });
write('sym-worker.js', `
  const { Worker } = require('worker_threads');
  new Worker(require('path').join(__dirname, 'sym.js'), {
    execArgv: [], env: { ...process.env, NODE_PRESERVE_SYMLINKS: '1' } });`);
run(['sym-worker.js']);

write('cycle-a.js', `
  exports.early = 1;
  const b = require('./cycle-b');
  exports.late = 2;
  console.log('a done, b saw', b.seen);`);
write('cycle-b.js', `
  const a = require('./cycle-a');
  exports.seen = [a.early, a.late, a.__esModule, typeof a.toString,
                  Object.getPrototypeOf(a) === Object.prototype];`);
write('cycle-main.js', `
  const a = require('./cycle-a');
  console.log('after load', Object.getPrototypeOf(a) === Object.prototype, a.missing);`);
run(['cycle-main.js']);

write('cycle-esm-a.js', `
  Object.defineProperty(exports, '__esModule', { value: true });
  require('./cycle-esm-b');`);
write('cycle-esm-b.js', 'const a = require("./cycle-esm-a"); console.log("transpiled", a.missing);');
run(['cycle-esm-a.js']);
