'use strict';
// Differential test: prints util.inspect / util.format / util.* results. Run
// under node and kiln; stdout and the exit code must be identical.
// Stack traces differ between runtimes, so every Error printed here gets a
// fixed `stack` first.

const util = require('util');
const { inspect, format } = util;

let n = 0;
function show(label, value, opts) {
  n++;
  const text = opts === undefined ? inspect(value) : inspect(value, opts);
  console.log(`--- ${n} ${label}`);
  console.log(text);
}
function fmt(...args) {
  n++;
  console.log(`--- ${n} format`);
  console.log(format(...args));
}
function fixStack(err, frames = ['    at foo (/app/lib/a.js:10:5)', '    at bar (/app/lib/b.js:20:7)']) {
  const first = String(err.stack).split('\n')[0];
  err.stack = [first, ...frames].join('\n');
  return err;
}

// ---- primitives ----
show('number', 42);
show('negative zero', -0);
show('float', 3.14159);
show('nan/inf', [NaN, Infinity, -Infinity]);
show('bigint', 12345678901234567890n);
show('bool', [true, false]);
show('undef/null', [undefined, null]);
show('symbol', Symbol('desc'));
show('symbol empty', Symbol());
show('symbol iterator', Symbol.iterator);
show('string', 'hello');
show('string single quote', "it's");
show('string both quotes', 'it\'s "quoted"');
show('string all quotes', 'it\'s "quoted" `tick`');
show('string template', 'it\'s "q" ${x}');
show('string escapes', 'a\nb\tc\\d\x00\x07\x1b\x7f\x9f\u00a0');
show('lone surrogates', 'x\ud800y\udc00z\ud83d\ude00');
show('long string', 'x'.repeat(120));
show('multi-line string', 'line one is long enough\nline two is long enough too\nthree\n');
show('string in object', { s: 'first line of text here\nsecond line of text here\nthird line' });
show('maxStringLength', 'abcdefghij', { maxStringLength: 4 });
show('maxStringLength 1', 'ab', { maxStringLength: 1 });
show('numericSeparator', [1234567, -1234567.891, 0.0001234, 123, 1e21, 12345678901234567890n],
     { numericSeparator: true });

// ---- arrays ----
show('empty array', []);
show('array', [1, 'two', [3, [4, [5, [6]]]]]);
show('holes', [1, , 3, , , 6]);
show('only holes', new Array(5));
show('trailing hole', [1, 2, ,]);
const extraKeys = [1, 2];
extraKeys.foo = 'bar';
extraKeys[-1] = 'neg';
show('array extra keys', extraKeys);
show('array 26 numbers', Array.from({ length: 26 }, (_, i) => i * 3));
show('array 30 strings', Array.from({ length: 30 }, (_, i) => `item${i}`));
show('array mixed widths', [1, 22, 333, 4444, 55555, 666666, 7777777, 88888888, 1, 2, 3]);
show('array 120', Array.from({ length: 120 }, (_, i) => i));
show('maxArrayLength 2', [1, 2, 3, 4], { maxArrayLength: 2 });
show('maxArrayLength 0', [1, 2, 3], { maxArrayLength: 0 });
show('sparse maxArrayLength', [1, , , 4, , 6, 7], { maxArrayLength: 3 });
show('array of objects', [{ a: 1, b: 2 }, { a: 3, b: 4 }, { c: [1, 2, 3] }]);
show('array subclass', new (class MyArray extends Array {})(1, 2, 3));
show('array null proto', Object.setPrototypeOf([1, 2], null));
show('cjk array', ['\u4e00\u4e01', '\u4e02', 'abc', 'de', '\u4e03\u4e04\u4e05', 'f', 'g', 'h']);
show('long array of long strings', Array.from({ length: 8 }, (_, i) => `${'word'.repeat(i + 1)}`));
show('array with bigints', [1n, 22n, 333n, 4444n, 5n, 6n, 7n]);

// ---- objects ----
show('empty object', {});
show('object', { a: 1, b: 'two', c: [3], d: { e: { f: { g: { h: 1 } } } } });
show('quoted keys', { 'a-b': 1, 'c d': 2, 'it\'s': 3, '0x': 4, 1: 5, valid_id: 6, $dollar: 7 });
show('__proto__ key', JSON.parse('{"__proto__": 1}'));
show('symbol keys', { [Symbol('s')]: 1, [Symbol.for('g')]: 2, normal: 3 });
show('null proto', Object.create(null));
const np = Object.create(null);
np.x = 1;
show('null proto with keys', np);
show('wide object', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`key${i}`, i])));
show('nested breaking', { alpha: { beta: { gamma: 'a fairly long string value here', delta: [1, 2, 3] } } });
show('depth 0', { a: { b: 1 }, c: [1] }, { depth: 0 });
show('depth null', { a: { b: { c: { d: { e: { f: 1 } } } } } }, { depth: null });
show('depth Infinity', { a: { b: { c: { d: 1 } } } }, { depth: Infinity });
show('deep arrays', [[[[[1]]]]]);
show('deep mixed', { a: [{ b: new Map([[1, { c: new Set([1]) }]]) }] });
show('legacy args', { a: { b: { c: { d: 1 } } } }, false);
console.log(inspect({ a: { b: { c: { d: 1 } } } }, false, 0));
console.log(inspect({ a: { b: { c: { d: 1 } } } }, false, null, false));

// ---- classes, functions ----
class Foo {
  constructor() {
    this.a = 1;
  }
}
class Bar extends Foo {}
show('class instance', new Foo());
show('subclass instance', new Bar());
show('empty class instance', new (class Empty {})());
show('anonymous class instance', new (class {})());
show('class', Foo);
show('class extends', Bar);
show('anonymous class', class {});
show('class extends null', class N extends null {});
function named() {}
show('function', named);
show('anonymous function', function() {});
show('arrow', () => {});
show('async', async function af() {});
show('generator', function* gen() {});
show('async generator', async function* ag() {});
show('bound', named.bind(null));
const withProps = function wp() {};
withProps.x = 1;
withProps.y = { z: 2 };
show('function with props', withProps);
class WithStatic {
  static s = 1;
}
show('class with static', WithStatic);
show('function null proto', Object.setPrototypeOf(function np2() {}, null));
show('builtin function', Math.max);
const renamed = function() {};
Object.defineProperty(renamed, 'name', { value: 'changed' });
show('renamed function', renamed);

// ---- toStringTag ----
show('toStringTag', { [Symbol.toStringTag]: 'Custom', a: 1 });
class Tagged {
  get [Symbol.toStringTag]() { return 'TagX'; }
}
show('toStringTag getter', new Tagged());
show('toStringTag same as class', new (class T2 { get [Symbol.toStringTag]() { return 'T2'; } })());
show('toStringTag null proto', Object.create(null, { [Symbol.toStringTag]: { value: 'NP' } }));

// ---- getters / setters ----
const gs = {
  get g() { return 1; },
  set s(v) {},
  get gs() { return 'x'; },
  set gs(v) {},
  get obj() { return { deep: true }; },
  get thrower() { throw new Error('nope'); },
  get nul() { return null; },
};
show('getters default', gs);
show('getters true', gs, { getters: true });
show('getters get', gs, { getters: 'get' });
show('getters set', gs, { getters: 'set' });

// ---- showHidden ----
show('showHidden array', [1, 2], { showHidden: true });
show('showHidden object', Object.defineProperty({ a: 1 }, 'hidden', { value: 2 }), { showHidden: true });
show('non-enumerable not shown', Object.defineProperty({ a: 1 }, 'hidden', { value: 2 }));
show('showHidden typed array', new Uint8Array([1, 2]), { showHidden: true });
show('showHidden class proto props', new (class P { constructor() { this.own = 1; } get g() { return 2; } })(),
     { showHidden: true });
show('showHidden function', function shf() {}, { showHidden: true });
show('showHidden error', fixStack(new Error('hidden')), { showHidden: true });

// ---- circular ----
const circ = { name: 'root' };
circ.self = circ;
circ.child = { parent: circ, list: [circ] };
show('circular', circ);
const a1 = { n: 'a' };
const b1 = { n: 'b', a: a1 };
a1.b = b1;
a1.arr = [a1, b1];
show('circular two', a1);
const circArr = [1];
circArr.push(circArr);
show('circular array', circArr);
const circMap = new Map();
circMap.set('me', circMap);
show('circular map', circMap);

// ---- Map / Set ----
show('map', new Map([['a', 1], [{ k: 1 }, [1, 2]], [NaN, null]]));
show('empty map', new Map());
show('set', new Set([1, 'two', { three: 3 }, [4]]));
show('empty set', new Set());
show('set maxArrayLength', new Set([1, 2, 3]), { maxArrayLength: 1 });
show('map maxArrayLength', new Map([[1, 1], [2, 2], [3, 3]]), { maxArrayLength: 1 });
const mapWithProps = new Map([[1, 2]]);
mapWithProps.extra = true;
show('map with props', mapWithProps);
show('map subclass', new (class MyMap extends Map {})([[1, 2]]));
show('map null proto', Object.setPrototypeOf(new Map([[1, 2]]), null));
show('set null proto', Object.setPrototypeOf(new Set([1, 2]), null));
show('map iterator keys', new Map([['a', 1], ['b', 2]]).keys());
show('map iterator values', new Map([['a', 1], ['b', 2]]).values());
show('map iterator entries', new Map([['a', 1], ['b', 2]]).entries());
const partly = new Map([['a', 1], ['b', 2], ['c', 3]]).entries();
partly.next();
show('map iterator advanced', partly);
show('set iterator', new Set([1, 2]).values());
show('set iterator entries', new Set([1, 2]).entries());
show('weakmap', new WeakMap([[{}, 1]]));
show('weakset', new WeakSet([{}]));
const wmKey = { k: 1 };
const wm = new WeakMap([[wmKey, 'v']]);
show('weakmap showHidden', wm, { showHidden: true });
show('weakset showHidden', new WeakSet([wmKey]), { showHidden: true });
show('big map', new Map(Array.from({ length: 5 }, (_, i) => [`key number ${i}`, { value: i, label: `label ${i}` }])));

// ---- typed arrays, buffers ----
show('uint8array', new Uint8Array([1, 2, 3]));
show('empty typed', new Float64Array(0));
show('float32', new Float32Array([1.5, -0, NaN]));
show('bigint64', new BigInt64Array([1n, -2n]));
show('int16 many', new Int16Array(40).map((_, i) => i * 100 - 2000));
show('typed maxArrayLength', new Uint8Array(10), { maxArrayLength: 3 });
show('typed extra prop', Object.assign(new Uint8Array(2), { extra: 'x' }));
show('typed null proto', Object.setPrototypeOf(new Uint16Array([1, 2]), null));
show('arraybuffer', new Uint8Array([1, 2, 254, 255]).buffer);
show('arraybuffer big', new ArrayBuffer(120));
show('arraybuffer maxArrayLength', new ArrayBuffer(5), { maxArrayLength: 2 });
show('dataview', new DataView(new ArrayBuffer(4), 1, 2));
show('sharedarraybuffer', new SharedArrayBuffer(3));
show('nested typed', { buf: new Uint8Array(3), ab: new ArrayBuffer(2) });

// ---- dates, regexps, boxed ----
show('date', new Date(86400000));
show('invalid date', new Date(NaN));
const dateProps = new Date(0);
dateProps.x = 1;
show('date with props', dateProps);
show('date subclass', new (class MyDate extends Date {})(0));
show('regexp', /ab+c/gi);
const reProps = /x/;
reProps.extra = 1;
show('regexp with props', reProps);
show('regexp subclass', new (class MyRe extends RegExp {})('y', 'm'));
show('boxed number', new Number(3));
show('boxed negative zero', new Number(-0));
show('boxed string', new String('abc'));
show('boxed string props', Object.assign(new String('ab'), { p: 1 }));
show('boxed boolean', new Boolean(false));
show('boxed symbol', Object(Symbol('bx')));
show('boxed bigint', Object(5n));
show('boxed subclass', new (class MyNum extends Number {})(7));
show('boxed null proto', Object.setPrototypeOf(new Number(8), null));

// ---- promises, proxies ----
show('promise resolved', Promise.resolve({ v: 1 }));
show('promise pending', new Promise(() => {}));
const rejected = Promise.reject(fixStack(new Error('rej')));
rejected.catch(() => {});
show('promise rejected', rejected);
const rejectedPrim = Promise.reject(3);
rejectedPrim.catch(() => {});
show('promise rejected primitive', rejectedPrim);
show('promise subclass', new (class MyPromise extends Promise {})(() => {}));
const proxied = new Proxy({ target: true }, { get() { return 'trap'; } });
show('proxy', proxied);
show('proxy showProxy', proxied, { showProxy: true });
show('proxy of function', new Proxy(function pf() {}, {}));
show('proxy of array', new Proxy([1, 2], {}));
const { proxy: revocable, revoke } = Proxy.revocable({}, {});
revoke();
show('revoked proxy', revocable);
show('nested proxy showProxy', new Proxy(new Proxy({}, {}), {}), { showProxy: true });
show('proxy depth', { a: { b: new Proxy({}, {}) } }, { showProxy: true, depth: 0 });

// ---- errors ----
show('error', fixStack(new Error('boom')));
show('type error', fixStack(new TypeError('bad type')));
class MyError extends Error {}
show('error subclass', fixStack(new MyError('mine')));
class NamedError extends Error {
  constructor(m) {
    super(m);
    this.name = 'NamedError';
  }
}
show('named error subclass', fixStack(new NamedError('named')));
const withCode = fixStack(new Error('with code'));
withCode.code = 'E_CODE';
withCode.errno = -2;
show('error with props', withCode);
const renamedErr = fixStack(new Error('renamed'));
renamedErr.name = 'Custom';
show('error renamed', renamedErr);
const msgChanged = fixStack(new Error('original'));
msgChanged.message = 'changed message';
show('error message changed', msgChanged);
const noStack = new Error('no stack');
noStack.stack = undefined;
show('error without stack', noStack);
const emptyStack = new Error('empty');
emptyStack.stack = '';
show('error empty stack', emptyStack);
const stackOnlyName = new RangeError('x');
stackOnlyName.stack = 'RangeError: x';
show('error stack without frames', stackOnlyName);
const cause = fixStack(new Error('the cause'), [
  '    at one (/app/c.js:1:1)', '    at two (/app/c.js:2:2)', '    at three (/app/c.js:3:3)',
  '    at four (/app/c.js:4:4)', '    at five (/app/c.js:5:5)']);
const withCause = fixStack(new Error('outer', { cause }), [
  '    at outer (/app/o.js:9:9)', '    at two (/app/c.js:2:2)', '    at three (/app/c.js:3:3)',
  '    at four (/app/c.js:4:4)', '    at five (/app/c.js:5:5)']);
show('error with cause', withCause);
show('error primitive cause', fixStack(new Error('p', { cause: 'just a string' })));
const agg = fixStack(new AggregateError([fixStack(new Error('e1')), fixStack(new RangeError('e2'))], 'many'));
show('aggregate error', agg);
show('error in object', { err: fixStack(new Error('nested')), after: 1 });
show('error in array', [fixStack(new Error('in array'))]);
const nullProtoErr = fixStack(new Error('np'));
Object.setPrototypeOf(nullProtoErr, null);
show('null proto error', nullProtoErr);
const multiLineMsg = fixStack(new Error('line1\nline2'));
show('multi-line message', multiLineMsg);
show('error depth', { a: { b: { c: fixStack(new Error('deep')) } } });
show('error colors', fixStack(new Error('colored')), { colors: true });
const notAnErrorStack = fixStack(new Error('weird'));
notAnErrorStack.stack = 'Something else entirely\n    at x (/a.js:1:1)';
show('odd stack', notAnErrorStack);
const nameNotInStack = new Error('m');
nameNotInStack.stack = 'Error: m\n    at z (/q.js:1:1)';
nameNotInStack.name = 'Other';
show('name not in stack', nameNotInStack);

// ---- custom inspect ----
class Custom {
  [inspect.custom](depth, options, insp) {
    return `Custom<${depth},${typeof options.stylize},${insp === inspect},${options.depth}>`;
  }
}
show('custom inspect', new Custom());
show('custom inspect nested', { a: { b: new Custom() } });
show('custom returns object', { [inspect.custom]() { return { replaced: [1, 2] }; } });
show('custom returns this', { x: 1, [inspect.custom]() { return this; } });
show('custom multi-line', { inner: { [inspect.custom]() { return 'line1\nline2'; } } });
show('custom disabled', new Custom(), { customInspect: false });
show('custom user options', { [inspect.custom](d, o) { return `extra=${o.extra}`; } }, { extra: 42 });
show('custom uses inspect', {
  [inspect.custom](depth, options, insp) { return insp({ wrapped: depth }, options); },
});
show('legacy inspect method ignored', { inspect() { return 'nope'; } });

// ---- options ----
const sample = { b: [3, 2, 1], a: { z: 1, y: { x: 'deep' } }, c: 'str' };
show('compact false', sample, { compact: false });
show('compact true', sample, { compact: true });
show('compact 1', sample, { compact: 1 });
show('breakLength Infinity', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
     { breakLength: Infinity });
show('breakLength 20', { alpha: 1, beta: 2, gamma: 3 }, { breakLength: 20 });
show('sorted', { c: 1, a: 2, b: 3 }, { sorted: true });
show('sorted comparator', { c: 1, a: 2, b: 3 }, { sorted: (x, y) => (x < y ? 1 : -1) });
show('sorted map', new Map([['c', 1], ['a', 2]]), { sorted: true });
show('sorted array extras', Object.assign([3, 1], { z: 1, y: 2 }), { sorted: true });
show('colors', { n: 1, s: 'x', b: true, u: undefined, nl: null, sym: Symbol('c'), d: new Date(0),
                 r: /x/, f() {}, big: 1n, arr: [1], m: new Map([[1, 2]]) }, { colors: true });
show('colors circular', circ, { colors: true });
show('colors grouped', Array.from({ length: 10 }, (_, i) => i), { colors: true });
show('colors boxed', new Number(1), { colors: true });
show('stylize option', { a: 'x', b: 1 }, { stylize: (s, t) => `<${t}:${s}>` });

// ---- misc objects ----
(function() {
  show('arguments', arguments);
})(1, 'two');
show('global Math', Math);
show('JSON', JSON);
show('generator object', (function* g() { yield 1; })());
show('class prototype', Foo.prototype);
show('Object.prototype', Object.prototype);
show('object with constructor prop', { constructor: 'not a function' });
const objProtoChain = Object.create(Object.create(null));
show('anonymous proto chain', objProtoChain);
show('inspect.defaultOptions', inspect.defaultOptions);
show('color keys', Object.keys(inspect.colors));
show('styles', inspect.styles);

// ---- util.format ----
fmt('plain');
fmt('%s', 'str');
fmt('%s %s', 'a');
fmt('%s', 42, 'extra', { x: 1 });
fmt('%s', -0);
fmt('%s', 10n);
fmt('%s', Symbol('fs'));
fmt('%s', { obj: { nested: { deep: 1 } } });
fmt('%s', [1, [2, [3]]]);
fmt('%s', new Error('err as s').message);
fmt('%s', { toString() { return 'custom toString'; } });
fmt('%s', new (class WithToString { toString() { return 'class toString'; } })());
fmt('%s', new Date(0).toISOString());
fmt('%s', null, undefined);
fmt('%d', 42.5);
fmt('%d', '42');
fmt('%d', 10n);
fmt('%d', Symbol('d'));
fmt('%d', {});
fmt('%d', -0);
fmt('%i', 42.9);
fmt('%i', '0x10');
fmt('%i', 10n);
fmt('%i', Symbol('i'));
fmt('%f', '3.5abc');
fmt('%f', Symbol('f'));
fmt('%j', { a: [1, 'b'] });
fmt('%j', circ);
fmt('%j', undefined);
fmt('%o', { a: [1, 2, { b: function fo() {} }] });
fmt('%O', { a: { b: { c: { d: 1 } } } });
fmt('%c styled %s', 'color: red', 'text');
fmt('100%% sure %s', 'yes');
fmt('%%s literal');
fmt('%x unknown %s', 'arg');
fmt('trailing %');
fmt('%s');
fmt('a', 'b', 1, { c: 2 });
fmt(1, 2, 'three');
fmt({ first: 'object' }, 'then string');
fmt('%s:%s', 'a', 'b', 'c', 'd');
fmt();
n++;
console.log(`--- ${n} formatWithOptions`);
console.log(util.formatWithOptions({ colors: true }, 'x %O', { a: 1 }, [2]));
console.log(util.formatWithOptions({ numericSeparator: true }, '%d %s %i', 1234567, 7654321, 99999));
console.log(util.formatWithOptions({ compact: false }, { a: 1 }));

// ---- other util functions ----
console.log('--- util functions');
console.log(util.stripVTControlCharacters('\u001b[31mred\u001b[39m plain \u001b]8;;http://x\u0007link\u001b]8;;\u0007'));
console.log(JSON.stringify(util.toUSVString('a\ud800b\udc00c\ud83d\ude00')));
console.log(util.isArray([]), util.isArray({}), util.isBoolean(false), util.isNull(null),
            util.isNullOrUndefined(undefined), util.isNumber(1), util.isString(''),
            util.isSymbol(Symbol()), util.isUndefined(undefined), util.isRegExp(/x/),
            util.isObject({}), util.isObject(null), util.isDate(new Date()),
            util.isError(new Error()), util.isError({}), util.isFunction(() => {}),
            util.isPrimitive(1), util.isPrimitive({}));
function Base() {}
Base.prototype.hello = function() { return 'hello'; };
function Derived() {}
util.inherits(Derived, Base);
console.log(new Derived().hello(), Derived.super_ === Base);
try {
  util.inherits(Derived, null);
} catch (e) {
  console.log(e.name, e.code);
}
console.log(util.types.isPromise(Promise.resolve()), util.types.isDate(new Date()),
            util.types.isRegExp(/x/), util.types.isMap(new Map()), util.types.isSet(new Set()),
            util.types.isWeakMap(new WeakMap()), util.types.isWeakSet(new WeakSet()),
            util.types.isTypedArray(new Uint8Array()), util.types.isUint8Array(new Uint8Array()),
            util.types.isUint8Array(new Int8Array()), util.types.isArrayBuffer(new ArrayBuffer(1)),
            util.types.isAnyArrayBuffer(new SharedArrayBuffer(1)),
            util.types.isArrayBufferView(new DataView(new ArrayBuffer(1))),
            util.types.isDataView(new DataView(new ArrayBuffer(1))),
            util.types.isAsyncFunction(async () => {}), util.types.isGeneratorFunction(function* () {}),
            util.types.isGeneratorObject((function* () {})()), util.types.isProxy(new Proxy({}, {})),
            util.types.isBoxedPrimitive(Object(1n)), util.types.isNativeError(new TypeError()),
            util.types.isNativeError({ name: 'Error' }), util.types.isMapIterator(new Map().keys()),
            util.types.isSetIterator(new Set().values()), util.types.isBigInt64Array(new BigInt64Array()),
            util.types.isFloat32Array(new Float32Array()), util.types.isExternal({}),
            util.types.isModuleNamespaceObject({}), util.types.isArgumentsObject((function() {
              return arguments;
            })()), util.types.isKeyObject({}), util.types.isCryptoKey({}));
console.log(Object.keys(util.types).join(','));
console.log(util.types.isUint8Array.name, util.types.isDate.length);
console.log(util.getSystemErrorName(-2), util.getSystemErrorName(-13));
const debugLog = util.debuglog('kilntest');
debugLog('not printed');
console.log('debuglog enabled:', debugLog.enabled);
const deprecated = util.deprecate(function depd(x) { return x * 2; }, 'depd is deprecated', 'DEP_KILN');
console.log('deprecate result', deprecated(21), deprecated.name);

console.log(Object.keys(util).join(','));
fmt('%s', fixStack(new Error('error via %s')));
fmt('%s', Object.create(null));
fmt('%s', { [Symbol.toPrimitive]() { return 'prim'; } });
fmt('%s', new Map([[1, 2]]));

// ---- promisify / callbackify (async; printed in order) ----
const doubled = util.promisify((a, cb) => cb(null, a * 2));
doubled(21).then((v) => console.log('promisify', v));
util.promisify((cb) => cb(new Error('fail')))().catch((e) => console.log('promisify err', e.message));
function withCustom() {}
withCustom[util.promisify.custom] = () => Promise.resolve('custom!');
console.log(util.promisify(withCustom) === withCustom[util.promisify.custom]);
util.promisify(withCustom)().then((v) => console.log('promisify custom', v));
const plusOne = util.callbackify(async (x) => x + 1);
plusOne(1, (err, v) => console.log('callbackify', err, v));
util.callbackify(async () => { throw null; })((err) => {
  console.log('callbackify null', err.code, err.message, err.reason);
});
console.log(plusOne.name, plusOne.length, doubled.name);
try {
  util.promisify(1);
} catch (e) {
  console.log(e.name, e.code);
}

// ---- TextEncoder / TextDecoder ----
console.log('--- encoding');
const enc = new util.TextEncoder();
console.log(enc.encoding, enc.encode('h\u00e9\u20ac\ud83d\ude00'), enc.encode(), enc.encode('\ud800'));
const into = new Uint8Array(5);
console.log(enc.encodeInto('a\u20ac\ud83d\ude00', into), into);
const dec = new util.TextDecoder();
console.log(dec.encoding, dec.fatal, dec.ignoreBOM);
console.log(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9, 0xe2, 0x82, 0xac])));
console.log(JSON.stringify(dec.decode(new Uint8Array([0xe2, 0x82, 0x41, 0xf0, 0x90, 0x80, 0xed, 0xa0, 0x80, 0xc0, 0xff]))));
console.log(JSON.stringify(new util.TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
const streaming = new util.TextDecoder();
const euro = [0xe2, 0x82, 0xac];
console.log(JSON.stringify(streaming.decode(new Uint8Array(euro.slice(0, 1)), { stream: true }) +
  streaming.decode(new Uint8Array(euro.slice(1)), { stream: true }) + streaming.decode()));
try {
  new util.TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]));
} catch (e) {
  console.log(e.name, e.code, e.message);
}
try {
  new util.TextDecoder('no-such-encoding');
} catch (e) {
  console.log(e.name, e.code, e.message);
}
const utf16 = new util.TextDecoder('utf-16le');
console.log(utf16.encoding, JSON.stringify(utf16.decode(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x3d, 0xd8, 0x00, 0xde]))));
console.log(JSON.stringify(new util.TextDecoder('UTF-16BE').decode(new Uint8Array([0x00, 0x41, 0xd8, 0x00]))));
console.log(new util.TextDecoder(' Latin1 ').encoding, new util.TextDecoder('latin1').decode(new Uint8Array([0x41, 0xe9])));
console.log(inspect(dec), inspect(enc), inspect(new util.TextDecoder('utf-16le', { fatal: true })));
console.log(dec.decode(new Uint16Array([0x6968]).buffer), dec.decode(new DataView(new Uint8Array([0x6f, 0x6b]).buffer)));

process.on('exit', (code) => {
  console.log(`done ${n} ${code}`);
});
