'use strict';
// Differential test of every console method. Run under node and kiln; stdout
// and the exit code must be identical. Methods that write to stderr are
// checked through a Console whose streams are in-memory sinks; timings and
// stack frames are reduced to their stable parts.

const { EventEmitter } = require('events');
const { Console } = require('console');

class Sink extends EventEmitter {
  constructor(isTTY = false) {
    super();
    this.data = '';
    if (isTTY) this.isTTY = true;
  }
  write(chunk, encoding, cb) {
    this.data += chunk;
    if (typeof encoding === 'function') cb = encoding;
    if (typeof cb === 'function') cb(null);
    return true;
  }
  take() {
    const out = this.data;
    this.data = '';
    return out;
  }
}

function section(name) {
  console.log(`=== ${name}`);
}

// ---- log family (stdout) ----
section('log');
console.log('hello', 'world', 1, { a: 1 }, [1, 2], null, undefined);
console.log('%s is %d years and %i days, %f%%', 'Bob', 42.5, 7.9, 1.5);
console.log('%o', { deep: { er: { est: [1, 2, 3] } } });
console.log('%O and %j', { a: { b: 1 } }, { c: 2 });
console.log('%c styled', 'color: red');
console.log();
console.log('');
console.log('multi\nline\nstring');
console.info('info goes to stdout');
console.debug('debug goes to stdout');
console.dirxml('dirxml', { like: 'log' });
console.log(new Map([[1, { a: [1, 2] }]]), new Set(['x']));

section('dir');
console.dir({ a: { b: { c: { d: { e: 1 } } } } });
console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: 0 });
console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: null });
console.dir({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'custom ignored by dir'; }, x: 1 });
console.dir('a string', { colors: false });
console.dir([1, 2, 3], { maxArrayLength: 1 });

section('count');
console.count();
console.count();
console.count('apples');
console.count('apples');
console.count(42);
console.countReset();
console.count();
console.countReset('apples');
console.count('apples');
console.count({ toString() { return 'objlabel'; } });

section('group');
console.group();
console.log('indented once');
console.group('Labelled group', 42);
console.log('indented twice');
console.log('multi\nline in group');
console.dir({ nested: { object: true } });
console.groupCollapsed('collapsed');
console.log({ a: 1, b: 'a long string that will not fit on one line at all', c: [1, 2, 3], d: 'more' });
console.groupEnd();
console.groupEnd();
console.log('back to once');
console.groupEnd();
console.groupEnd();  // extra groupEnd is harmless
console.log('not indented');

section('table');
console.table([{ a: 1, b: 'Y' }, { a: 'Z', b: 2 }]);
console.table([[1, 2], [3, 4, 5]]);
console.table({ row1: { c1: 1, c2: 2 }, row2: { c1: 3, c3: 'x' } });
console.table([1, 'two', { three: 3 }, [4], null]);
console.table(new Map([['k1', { v: 1 }], [{ obj: 'key' }, 'v2']]));
console.table(new Set([1, 'two', { three: 3 }]));
console.table(new Map([['a', 1], ['b', 2]]).entries());
console.table(new Map([['a', 1], ['b', 2]]).keys());
console.table(new Set([5, 6]).values());
console.table([{ a: 1, b: 2, c: 3 }, { a: 4, b: 5, c: 6 }], ['c', 'a']);
console.table([{ a: 1 }, 'prim'], ['a']);
console.table([{ nested: { deep: { deeper: 1 } }, wide: { x: 1, y: 2, z: 3 }, arr: [1, 2, 3, 4, 5] }]);
console.table([{ name: '\u4e2d\u6587', v: 1 }, { name: 'ascii', v: 22 }]);
console.table(new Uint8Array([7, 8, 9]));
console.table([]);
console.table({});
console.table('not tabular');
console.table(42);
console.table(null);
console.table([function fn() {}, Symbol('sym'), 10n]);
console.table([{ 'a key': 1, 1: 'one' }]);
try {
  console.table([], 'bad');
} catch (e) {
  console.log(e.name, e.code);
}

section('time');
const stable = (s) => s.replace(/[\d.:]+(ms|s| \(m:ss\.mmm\)| \(h:mm:ss\.mmm\))/g, '<time>');
const tsink = new Sink();
const timer = new Console({ stdout: tsink, stderr: tsink });
timer.time();
timer.timeLog();
timer.timeLog('default', 'extra', { data: 1 });
timer.timeEnd();
timer.time('label');
timer.timeEnd('label');
timer.time(123);
timer.timeEnd('123');
console.log(stable(tsink.take()));

section('stderr methods');
const out = new Sink();
const err = new Sink();
const c = new Console({ stdout: out, stderr: err });
c.log('to out');
c.error('to err', { x: 1 });
c.warn('warned %s', 'arg');
c.assert(true, 'not printed');
c.assert(false, 'assertion %s', 'message');
c.assert(false);
c.assert(0, { obj: 1 });
c.trace('trace message %d', 5);
console.log(JSON.stringify(out.take()));
const errText = err.take();
console.log(JSON.stringify(errText.split('\n').filter((l) => !l.startsWith('    at ')).join('\n')));
console.log(errText.includes('    at '));

section('console options');
const s1 = new Sink();
const grouped = new Console({ stdout: s1, groupIndentation: 4 });
grouped.group('g');
grouped.log('four spaces');
grouped.groupEnd();
grouped.log('none');
console.log(JSON.stringify(s1.take()));
const s2 = new Sink();
const colored = new Console({ stdout: s2, colorMode: true });
colored.log({ n: 1, s: 'str' }, 5, 'plain');
colored.dir([true, null]);
console.log(JSON.stringify(s2.take()));
const s3 = new Sink(true);
const autoTTY = new Console({ stdout: s3, colorMode: false });
autoTTY.log({ n: 1 });
console.log(JSON.stringify(s3.take()));
const s4 = new Sink();
const withInspect = new Console({ stdout: s4, inspectOptions: { depth: 0, breakLength: 20 } });
withInspect.log({ a: { b: 1 }, c: 'xxxxxxxxxxxxxxxxxxx' });
console.log(JSON.stringify(s4.take()));
const s5 = new Sink();
const legacy = Console(s5);
legacy.log('no new, legacy args');
console.log(JSON.stringify(s5.take()), legacy instanceof Console, console instanceof Console);
for (const bad of [{}, { stdout: {} }, { stdout: s5, stderr: 1 }]) {
  try {
    new Console(bad);
  } catch (e) {
    console.log(e.name, e.code);
  }
}
try {
  new Console({ stdout: s5, colorMode: 'sometimes' });
} catch (e) {
  console.log(e.name, e.code);
}
try {
  new Console({ stdout: s5, colorMode: true, inspectOptions: { colors: true } });
} catch (e) {
  console.log(e.name, e.code);
}
try {
  new Console({ stdout: s5, groupIndentation: 1001 });
} catch (e) {
  console.log(e.name, e.code);
}

section('stream errors are swallowed');
class Broken extends EventEmitter {
  write() {
    throw new Error('EPIPE');
  }
}
const broken = new Console(new Broken());
broken.log('lost');
console.log('still running');
const strict = new Console({ stdout: new Broken(), ignoreErrors: false });
try {
  strict.log('thrown');
} catch (e) {
  console.log('ignoreErrors false throws:', e.message);
}

section('shape');
console.log(typeof console.log, console.log.name, console.debug.name, console.error.name);
console.log(Object.prototype.toString.call(console), typeof console.Console);
const detached = console.log;
detached('detached call works');
console.log(Object.keys(Console.prototype).join(','));

process.on('exit', (code) => {
  console.log('exit', code);
});
