'use strict';
// Differential test of `path` (posix and win32): a generated table of paths
// built from tokens that exercise roots, drives, UNC and device prefixes,
// dots and separators, run through every function; plus argument
// validation. Run under node and kiln: stdout must be identical.

const path = require('path');

const tokens = [
  '/', '\\', '.', '..', 'a', 'B', 'C:', 'c:', '//', '\\\\', 'CON', 'nul', 'com1', ':',
  '?', 'ab.c', '.x', 'x.', '\u0130', 'srv', 'share', '...', '.a.b', '\\\\?\\', '\\\\.\\',
  'UNC', ' ', 'x:y', 'foo.txt', '.git', 'LPT\xb9',
];

// Deterministic generator (no Math.random: the output must be stable).
let seed = 12345;
function rnd(n) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
function genPath() {
  let s = '';
  for (let n = rnd(6); n > 0; n--) s += tokens[rnd(tokens.length)];
  return s;
}

function show(fn) {
  try {
    return JSON.stringify(fn());
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

const fixed = [
  '', '/', '//', '///', '.', '..', './', '../', 'a/..', '/a/b/../../..', 'a/b/c/', '/a//b/',
  'foo.bar.baz', '.bashrc', '..foo', 'foo.', 'C:', 'C:\\', 'C:foo', 'c:\\foo\\bar.ext',
  '\\\\server\\share', '\\\\server\\share\\', '\\\\server\\share\\dir\\f.x', '//server/share/x',
  '\\\\?\\C:\\x', '\\\\.\\pipe\\p', 'CON:', 'nul:x', 'a:b:c', '\\', '\\\\', 'file:stream',
];

const lines = [];
for (const flavor of ['posix', 'win32']) {
  const P = path[flavor];
  const inputs = fixed.slice();
  for (let i = 0; i < 300; i++) inputs.push(genPath());
  for (let i = 0; i < inputs.length; i++) {
    const a = inputs[i];
    const b = inputs[(i * 7 + 3) % inputs.length];
    const c = inputs[(i * 13 + 5) % inputs.length];
    lines.push(`${flavor} ${JSON.stringify(a)} | ${JSON.stringify(b)}`);
    lines.push(`  normalize ${show(() => P.normalize(a))}`);
    lines.push(`  isAbsolute ${show(() => P.isAbsolute(a))}`);
    lines.push(`  dirname ${show(() => P.dirname(a))}`);
    lines.push(`  basename ${show(() => P.basename(a))}`);
    lines.push(`  basename2 ${show(() => P.basename(a, b.slice(-3)))}`);
    lines.push(`  basename3 ${show(() => P.basename(a, a.slice(rnd(a.length + 1))))}`);
    lines.push(`  extname ${show(() => P.extname(a))}`);
    lines.push(`  parse ${show(() => P.parse(a))}`);
    lines.push(`  format ${show(() => P.format(P.parse(a)))}`);
    lines.push(`  format2 ${show(() => P.format({ root: b, dir: c, name: a, ext: 'e' }))}`);
    lines.push(`  join ${show(() => P.join(a, b))} ${show(() => P.join(a, b, c))}`);
    lines.push(`  resolve ${show(() => P.resolve(a))} ${show(() => P.resolve(a, b, c))}`);
    lines.push(`  relative ${show(() => P.relative(a, b))}`);
    lines.push(`  toNamespacedPath ${show(() => P.toNamespacedPath(a))}`);
  }
  lines.push(`${flavor} sep ${JSON.stringify(P.sep)} delimiter ${JSON.stringify(P.delimiter)}`);
  lines.push(`${flavor} join() ${show(() => P.join())} resolve() ${typeof P.resolve()}`);
  lines.push(`${flavor} format ${show(() => P.format({ name: 'x', ext: 'js' }))} ` +
             `${show(() => P.format({ base: 'b', name: 'x', ext: '.js' }))} ` +
             `${show(() => P.format({ root: '/', base: 'f' }))}`);

  // Validation.
  const bad = [undefined, null, 1, {}, [], true, Symbol('s'), () => {}, 1n];
  for (const v of bad) {
    for (const fn of ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'dirname',
      'basename', 'extname', 'parse', 'format', 'toNamespacedPath']) {
      for (const args of [[v], ['a', v], [v, 'a'], ['x', 'y', v]]) {
        lines.push(`${flavor} ${fn}(${args.map((x) => typeof x).join(',')}) ` +
                   `${show(() => P[fn](...args))}`);
      }
    }
  }
}

console.log(lines.join('\n'));

// The module's shape.
console.log(Object.keys(path).join(' '));
console.log(path === path.posix, path.posix.posix === path, path.win32.win32 === path.win32,
            path.win32.posix === path, path._makeLong === path.toNamespacedPath,
            require('path/posix') === path.posix, require('path/win32') === path.win32,
            require('node:path') === path);
for (const k of Object.keys(path)) {
  if (typeof path[k] === 'function') console.log(k, path[k].name, path[k].length);
}

// matchesGlob (experimental in Node 20: minimatch's rules).
const globTokens = ['a', 'b', '.', '..', '/', '\\', '*', '**', '?', '[a-c]', '[!a]', '{a,b}',
  '{1..3}', '!(a)', '@(a|b)', '+(a)', '*(b)', '?(a)', '.a', '(', ')', '|', '[', ']', '{', '}',
  ',', 'C:', '//', '[[:alpha:]]', '!', '#', '$'];
const globPaths = ['a', 'b', '.', '..', '/', '.a', 'x', '1', 'ab', 'ba', '\\', 'C:', '{a}', '('];
const globLines = [];
for (let i = 0; i < 3000; i++) {
  let pattern = '';
  for (let n = rnd(5); n > 0; n--) pattern += globTokens[rnd(globTokens.length)];
  let file = '';
  for (let n = rnd(6); n > 0; n--) file += globPaths[rnd(globPaths.length)];
  globLines.push(`${JSON.stringify(file)} ${JSON.stringify(pattern)} ` +
                 `${show(() => path.posix.matchesGlob(file, pattern))} ` +
                 `${show(() => path.win32.matchesGlob(file, pattern))}`);
}
console.log(globLines.join('\n'));
console.log(show(() => path.matchesGlob(1, 'a')), show(() => path.matchesGlob('a', null)));

// resolve() reads the cwd at call time.
const dir = process.cwd();
process.chdir('/');
console.log(path.resolve('x'), path.relative('/a/b', 'c'));
process.chdir(dir);
