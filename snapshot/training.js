'use strict';
// snapshot/trainer runs this at build time: what programs commonly do as
// they start, so that the functions it calls reach the snapshot compiled
// and the rest stay lazy. Standard output is a pipe and standard error a
// file there, so both kinds of stdio stream are trained. Its output is
// discarded; it must not fail. Usage: training.js SCRATCH_DIR
const fs = require('fs');
const path = require('path');
const util = require('util');
const EventEmitter = require('events');
const { Readable, Writable, PassThrough, pipeline } = require('stream');

// Loading modules: relative files, JSON, a package from node_modules. No
// path is printed: how inspect lays out a value depends on its length, and
// the functions this run calls must not depend on where it is built.
const dir = fs.mkdtempSync(path.join(path.resolve(process.argv[2] || '.'), 'train-'));
const pkg = path.join(dir, 'node_modules', 'pkg');
fs.mkdirSync(pkg, { recursive: true });
fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'pkg', main: 'lib.js' }));
fs.writeFileSync(path.join(pkg, 'lib.js'), 'exports.twice = (x) => 2 * x;\n');
fs.writeFileSync(path.join(dir, 'local.js'), 'module.exports = { n: 1, dir: typeof __dirname };\n');
fs.writeFileSync(path.join(dir, 'data.json'), '{"a": 1, "b": [true, null]}');
fs.writeFileSync(path.join(dir, 'main.js'),
                 'module.exports = [require("./local"), require("./data.json"), require("pkg").twice(2)];\n');
const loaded = require(path.join(dir, 'main.js'));

// Console output of the usual values, to stdout and stderr.
class Point { constructor(x, y) { this.x = x; this.y = y; } }
console.log('hello', 42, 1.5, -0, 10n, true, null, undefined, Symbol('s'), loaded);
console.log({ a: 1, b: 'two', c: [1, 2, 3], d: { e: { f: { g: 1 } } } }, [1, 'x', [2]],
            new Map([[1, { a: 2 }]]), new Set(['a']), new Point(1, 2), [function f() {}, class C {}],
            new Date(0), /re/g, Buffer.from('hi'), new Uint8Array(3), Promise.resolve(1),
            Object.create(null), new Array(200).fill(7), 'x'.repeat(200), { 'quoted-key': "it's" });
console.error('%s is %d (%i, %f) %j %o %O %%', 'x', 5, 6.5, 7.5, { j: 1 }, { o: 1 }, { O: 1 });
console.error(new Error('an error'), new TypeError('a type error'));
console.info(util.inspect({ deep: { er: { still: { more: 1 } } } }, { depth: 0, colors: true }));
console.warn(util.format('%s:%s', 'a', 'b'), util.inspect('str'), util.isDeepStrictEqual([1], [1]));
console.table([{ a: 1, b: 2 }]);
console.dir({ dir: 1 }, { depth: 1 });
console.time('t'); console.timeEnd('t');
console.count(); console.assert(true); console.trace('trace');

// Files and paths.
const file = path.join(dir, 'out.txt');
fs.writeFileSync(file, 'some data\n');
fs.appendFileSync(file, Buffer.from('more\n'));
fs.readFileSync(file, 'utf8');
fs.readFileSync(file);
fs.existsSync(file);
fs.statSync(file).isFile();
fs.lstatSync(dir).isDirectory();
fs.readdirSync(dir);
fs.readdirSync(dir, { withFileTypes: true });
fs.realpathSync(file);
fs.accessSync(file);
fs.copyFileSync(file, `${file}.copy`);
fs.renameSync(`${file}.copy`, `${file}.moved`);
const fd = fs.openSync(file, 'r');
fs.readSync(fd, Buffer.alloc(4), 0, 4, 0);
fs.fstatSync(fd);
fs.closeSync(fd);
for (const bad of [() => fs.readFileSync(path.join(dir, 'missing')), () => fs.statSync(''),
  () => path.join(1), () => Buffer.alloc(-1), () => new URL('nope')]) {
  try { bad(); } catch (err) { String(err); err.code; err.stack; }
}
path.resolve('a', '../b'); path.relative(dir, file); path.dirname(file); path.basename(file, '.txt');
path.extname(file); path.normalize('/a//b/../c'); path.parse(file); path.format({ dir, base: 'x' });
path.isAbsolute(file); path.sep; path.posix.join('a', 'b');

// Buffers and strings.
const buf = Buffer.from('hello world');
Buffer.concat([buf, Buffer.alloc(2), Buffer.allocUnsafe(2)]).toString('base64');
buf.toString('hex'); buf.slice(1, 3); buf.subarray(2); buf.equals(buf); buf.indexOf('o');
buf.readUInt32LE(0); buf.writeUInt16BE(1, 0); Buffer.byteLength('héllo'); Buffer.isBuffer(buf);
Buffer.from([1, 2, 3]).toJSON(); Buffer.compare(buf, buf);
new TextEncoder().encode('x'); new TextDecoder().decode(new Uint8Array([104]));

// Events, timers, promises, the tick queue; streams; then the output ends.
const emitter = new EventEmitter();
emitter.on('e', () => {}); emitter.once('e', () => {}); emitter.emit('e', 1);
emitter.off('e', () => {}); emitter.removeAllListeners('e'); emitter.listenerCount('e');
// One timer pending at a time: which functions run must not depend on how
// fast the machine is (the caches, and so the blob, are the same each build).
process.nextTick(() => {}, 1);
queueMicrotask(() => {});
clearTimeout(setTimeout(() => {}, 1000));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
process.hrtime(); process.hrtime.bigint(); process.memoryUsage(); process.cwd(); process.uptime();
process.env.HOME; process.argv.slice(2); process.emitWarning('a warning');
(async () => {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 1));
  await new Promise((resolve) => {
    const interval = setInterval(() => { clearInterval(interval); resolve(); }, 1);
  });
  await util.promisify(fs.readFile)(file);
  await fs.promises.readFile(file, 'utf8');
  const chunks = [];
  await new Promise((resolve, reject) => pipeline(
    Readable.from(['a', 'b']), new PassThrough(),
    new Writable({ write(chunk, enc, cb) { chunks.push(chunk); cb(); } }),
    (err) => (err ? reject(err) : resolve())));
  for await (const chunk of fs.createReadStream(file)) chunks.push(chunk);
  console.log('done', chunks.length);
})();
