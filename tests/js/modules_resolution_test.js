'use strict';
// require() resolution against a real node_modules tree built in a temp dir:
// nested packages, "main", "exports" (conditions, subpaths, patterns, null),
// "imports", self-reference, cycles, JSON, index files, symlinks, NODE_PATH
// style lookups, require.resolve({ paths }), require.cache. Printed paths are
// relative to the tree, so node and kiln print the same.
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-mod-')));
function write(rel, content) {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
}
const rel = (p) => (typeof p === 'string' ? p.split(root).join('<root>') : p);

write('app/main.js', 'module.exports = "app";');
write('app/data.json', { answer: 42 });
write('app/dir/index.js', 'module.exports = "dir index";');
write('app/jsondir/index.json', { index: 'json' });
write('app/cycle-a.js', 'exports.a1 = 1; const b = require("./cycle-b"); exports.a2 = b.seenA; exports.done = true;');
write('app/cycle-b.js', 'const a = require("./cycle-a"); exports.seenA = JSON.stringify(a);');
write('app/bad.json', '{ "x": ');
write('app/node_modules/plain/package.json', { name: 'plain', main: 'lib/entry.js' });
write('app/node_modules/plain/lib/entry.js', 'module.exports = "plain main";');
write('app/node_modules/plain/other.js', 'module.exports = "plain other";');
write('app/node_modules/noindex/package.json', { name: 'noindex' });
write('app/node_modules/noindex/index.js', 'module.exports = "noindex index";');
write('app/node_modules/cond/package.json', {
  name: 'cond',
  exports: {
    '.': { import: './esm.js', require: './cjs.js', default: './default.js' },
    './feature': { node: { require: './feature-node.js' }, default: './feature.js' },
    './utils/*': './lib/utils/*.js',
    './utils/private/*': null,
    './data.json': './data.json',
    './package.json': './package.json',
    './uses-imports': './uses-imports.js',
  },
  imports: { '#internal': './internal.js', '#dep': 'plain', '#star/*': './stars/*.js' },
});
for (const f of ['cjs', 'default', 'feature-node', 'feature', 'internal', 'lib/utils/a', 'lib/utils/private/x', 'stars/s'])
  write(`app/node_modules/cond/${f}.js`, `module.exports = ${JSON.stringify(`cond ${f}`)};`);
write('app/node_modules/cond/data.json', { cond: true });
write('app/node_modules/cond/uses-imports.js',
  'module.exports = [require("#internal"), require("#dep"), require("#star/s"), require("cond/feature")];');
write('app/node_modules/@scope/pkg/package.json', { name: '@scope/pkg', exports: './main.js' });
write('app/node_modules/@scope/pkg/main.js', 'module.exports = "scoped";');
write('app/node_modules/outer/package.json', { name: 'outer', main: 'index.js' });
write('app/node_modules/outer/index.js', 'module.exports = require("inner");');
write('app/node_modules/outer/node_modules/inner/index.js', 'module.exports = "nested inner";');
write('app/node_modules/inner/index.js', 'module.exports = "top inner";');
write('shared/lib.js', 'module.exports = "shared via symlink";');
fs.symlinkSync(path.join(root, 'shared'), path.join(root, 'app/node_modules/linked'), 'dir');

const appRequire = Module.createRequire(path.join(root, 'app/main.js'));
function attempt(label, fn) {
  try {
    const v = fn();
    console.log(label, '=>', rel(typeof v === 'string' ? v : JSON.stringify(v)));
  } catch (e) {
    console.log(label, 'throws', e.code, rel(e.message.split('\n')[0]));
  }
}

attempt('relative', () => appRequire('./main'));
attempt('json', () => appRequire('./data.json'));
attempt('json no ext', () => appRequire('./data'));
attempt('dir index', () => appRequire('./dir'));
attempt('dir index.json', () => appRequire('./jsondir'));
attempt('bad json', () => appRequire('./bad.json'));
attempt('cycle', () => appRequire('./cycle-a'));
attempt('main field', () => appRequire('plain'));
attempt('subpath no exports', () => appRequire('plain/other'));
attempt('no main -> index', () => appRequire('noindex'));
attempt('exports require', () => appRequire('cond'));
attempt('exports nested cond', () => appRequire('cond/feature'));
attempt('exports pattern', () => appRequire('cond/utils/a'));
attempt('exports null target', () => appRequire('cond/utils/private/x'));
attempt('exports not exported', () => appRequire('cond/cjs.js'));
attempt('exports json', () => appRequire('cond/data.json'));
attempt('imports', () => appRequire('cond/uses-imports'));
attempt('imports outside pkg', () => appRequire('#internal'));
attempt('scoped', () => appRequire('@scope/pkg'));
attempt('nested node_modules', () => appRequire('outer'));
attempt('symlink', () => appRequire('linked/lib'));
attempt('symlink realpath', () => appRequire.resolve('linked/lib'));
attempt('missing', () => appRequire('nope-not-here'));
attempt('missing relative', () => appRequire('./nope'));
attempt('resolve', () => appRequire.resolve('plain'));
attempt('resolve paths', () => appRequire.resolve('inner', { paths: [path.join(root, 'app/node_modules/outer')] }));
attempt('resolve.paths', () => appRequire.resolve.paths('x').slice(0, 3));
attempt('resolve builtin', () => appRequire.resolve('fs') + ' ' + appRequire.resolve('node:path'));
attempt('builtin unknown node:', () => appRequire('node:nope'));
attempt('isBuiltin', () => [Module.isBuiltin('fs'), Module.isBuiltin('node:fs'), Module.isBuiltin('nope')]);

// require.cache: deleting an entry reloads the module.
const mainPath = path.join(root, 'app/main.js');
const first = appRequire('./main');
fs.writeFileSync(mainPath, 'module.exports = "app v2";');
console.log('cached', appRequire('./main') === first);
delete appRequire.cache[mainPath];
console.log('reloaded', appRequire('./main'));
console.log('wrap', JSON.stringify(Module.wrap('x')));
console.log('extensions', Object.keys(Module._extensions));

// import() that fails where require() would find a file: Node 20's
// "Did you mean to import ...?" hint (relative, in a package, a directory).
(async () => {
  write('app/hint.mjs', `
    for (const s of ['./main', './nope', 'plain/other', '../app/dir', 'nope-not-here']) {
      try {
        await import(s);
        console.log('hint import', s, 'ok');
      } catch (e) {
        console.log('hint import', s, e.code, e.message.split('\\n').slice(1));
      }
    }`);
  await import(path.join(root, 'app/hint.mjs'));
  fs.rmSync(root, { recursive: true, force: true });
})();
