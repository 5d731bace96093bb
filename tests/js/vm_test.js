'use strict';
// Differential test of the vm module: Script (runIn*Context, cached data),
// runInThisContext / runInContext / runInNewContext, compileFunction,
// contexts (createContext, isContext, global forwarding to the sandbox),
// timeouts, error decoration and argument validation. Prints a trace; it
// must equal node's.

const vm = require('vm');
const { spawnSync } = require('child_process');

const log = (...args) => console.log(...args);

function attempt(label, fn) {
  try {
    log(`${label}:`, fn());
  } catch (e) {
    log(`${label}: threw`, e.name, e.code, JSON.stringify(e.message));
  }
}

// The first lines of a stack: the source arrow (when decorated) and the
// error line and the first frame, which are the same in node and kiln.
function head(e, n) {
  return JSON.stringify(String(e.stack).split('\n').slice(0, n));
}

log('exports', Object.keys(vm).filter((k) => k !== 'measureMemory' && k !== 'constants'));

// ---- Script and runInThisContext ---------------------------------------------
log('runInThisContext', vm.runInThisContext('1 + 2'));
const script = new vm.Script('globalVar = (typeof globalVar === "number" ? globalVar : 0) + 1',
                             { filename: 'count.js' });
log('script twice', script.runInThisContext(), script.runInThisContext(), globalThis.globalVar);
log('instanceof', script instanceof vm.Script, typeof script.runInContext);
log('filename string option', vm.runInThisContext('typeof require', 'f.js'));
log('this at top', vm.runInThisContext('this') === globalThis);
log('createScript', vm.createScript('7').runInThisContext());
log('code coerced', new vm.Script({ toString() { return '6 * 7'; } }).runInThisContext());

try {
  vm.runInThisContext('\n\n  throw new TypeError("boom")', { filename: 'thrower.js', lineOffset: 10 });
} catch (e) {
  log('runtime error', e instanceof TypeError, head(e, 6));
}
try {
  vm.runInThisContext('throw new Error("quiet")', { filename: 'q.js', displayErrors: false });
} catch (e) {
  log('displayErrors false', head(e, 2));
}
try {
  new vm.Script('let a = 1; let a = 2;', { filename: 'syntax.js' });
} catch (e) {
  log('syntax error', e instanceof SyntaxError, head(e, 5));
}
try {
  new vm.Script('\n  var x = ;', { filename: 'cols.js', lineOffset: 4, columnOffset: 3 });
} catch (e) {
  log('offsets', head(e, 4));
}
try {
  vm.runInThisContext('function thrower() { throw new RangeError("r"); }\nthrower()',
                      { filename: 'nested.js' });
} catch (e) {
  log('frames', head(e, 7));
}

// ---- cached data ------------------------------------------------------------------
const cached = new vm.Script('1 + 1').createCachedData();
log('createCachedData', Buffer.isBuffer(cached), cached.length > 0);
const withCache = new vm.Script('1 + 1', { cachedData: cached });
log('cachedDataRejected', withCache.cachedDataRejected, withCache.runInThisContext());
const badCache = new vm.Script('1 + 1', { cachedData: Buffer.from('not a cache') });
log('bad cache rejected', badCache.cachedDataRejected);
const produced = new vm.Script('2 + 2', { produceCachedData: true });
log('produceCachedData', produced.cachedDataProduced, Buffer.isBuffer(produced.cachedData));

// ---- contexts -----------------------------------------------------------------------
const sandbox = { animal: 'cat', count: 2 };
const ctx = vm.createContext(sandbox);
log('createContext returns sandbox', ctx === sandbox, vm.isContext(sandbox), vm.isContext({}));
vm.runInContext('count += 1; name = "kitty"; var v = 1; function f() { return 5; }', ctx);
log('sandbox after', Object.keys(sandbox), sandbox.count, sandbox.name, sandbox.f());
log('reuse context', vm.createContext(sandbox) === sandbox,
    vm.runInContext('typeof v + " " + count', sandbox));
log('globalThis is global proxy', vm.runInContext('this === globalThis', ctx),
    vm.runInContext('this', ctx) === sandbox);
log('own builtins', vm.runInContext('[1, 2]', ctx) instanceof Array,
    Array.isArray(vm.runInContext('[1, 2]', ctx)),
    vm.runInContext('Array', ctx) === Array,
    vm.runInContext('({})', ctx) instanceof Object);
log('no node globals', vm.runInNewContext('typeof require + typeof process + typeof Buffer'));
log('JSON in context', vm.runInNewContext('JSON.stringify({ a: [1, 2] })'));
log('runInNewContext', vm.runInNewContext('a + b', { a: 1, b: 2 }));
const fresh = {};
vm.runInNewContext('x = 1; var y = 2; this.z = 3', fresh);
log('new context vars', fresh);
log('delete', vm.runInContext('delete animal; typeof animal', ctx), 'animal' in sandbox);
sandbox.later = 'added';
log('sandbox change seen', vm.runInContext('later', ctx));
log('defineProperty', vm.runInContext(
  'Object.defineProperty(this, "ro", { value: 9, enumerable: true }); ro', ctx),
    Object.getOwnPropertyDescriptor(sandbox, 'ro'));
log('enumerate', vm.runInContext('Object.keys(this).sort().join()', ctx));
log('indexed', vm.runInNewContext('this[0] = "zero"; this[0]', { 1: 'one' }));
const arr = vm.runInNewContext('[this[1]]', { 1: 'one' });
log('indexed read', arr[0]);
log('strict undeclared', vm.runInNewContext(
  '"use strict"; try { undeclared = 1; "no" } catch (e) { e.name }', {}));
log('symbol on sandbox', vm.runInNewContext('typeof this[Symbol.for("s")]',
                                            { [Symbol.for('s')]: 1 }));
log('new Script in two contexts', (() => {
  const s = new vm.Script('n * 2');
  return [s.runInContext(vm.createContext({ n: 1 })), s.runInNewContext({ n: 4 })];
})());
log('errors from context', (() => {
  try {
    vm.runInNewContext('null.x');
  } catch (e) {
    return [e instanceof TypeError, e.name, e.constructor === TypeError];
  }
})());
log('codeGeneration strings false', (() => {
  const c = vm.createContext({}, { codeGeneration: { strings: false } });
  try {
    vm.runInContext('eval("1")', c);
    return 'allowed';
  } catch (e) {
    return [e.name, e.message];
  }
})());
log('codeGeneration default', vm.runInNewContext('eval("1 + 1")'));
log('contextName option', vm.runInNewContext('1', {}, { contextName: 'named' }));

// ---- timeout ----------------------------------------------------------------------------
for (const run of [
  () => vm.runInThisContext('for (;;) {}', { timeout: 20 }),
  () => vm.runInNewContext('while (true) {}', {}, { timeout: 15 }),
  () => new vm.Script('for (;;) {}').runInContext(vm.createContext(), { timeout: 10 }),
]) {
  try {
    run();
    log('timeout: no error');
  } catch (e) {
    log('timeout', e.name, e.code, e.message, e instanceof Error);
  }
}
const order = [];
const mctx = vm.createContext({ order }, { microtaskMode: 'afterEvaluate' });
vm.runInContext('Promise.resolve().then(() => order.push("micro")); order.push("sync")', mctx);
order.push('after');
log('microtaskMode afterEvaluate', order);
try {
  vm.runInNewContext('Promise.resolve().then(() => { for (;;) {} })', {},
                     { timeout: 20, microtaskMode: 'afterEvaluate' });
  log('microtask timeout: no error');
} catch (e) {
  log('microtask timeout', e.code, e.message);
}
log('after timeout still runs', vm.runInThisContext('1 + 1', { timeout: 1000 }));

// ---- compileFunction -------------------------------------------------------------------
const add = vm.compileFunction('return a + b', ['a', 'b']);
log('compileFunction', add(2, 3), add.length, typeof add);
log('contextExtensions', vm.compileFunction('return c + d', ['d'],
                                             { contextExtensions: [{ c: 10 }] })(5));
const pctx = vm.createContext({ inside: 'yes' });
log('parsingContext', vm.compileFunction('return inside', [], { parsingContext: pctx })());
log('parsingContext builtins',
    vm.compileFunction('return []', [], { parsingContext: pctx })() instanceof Array);
try {
  vm.compileFunction('return a b;', [], { filename: 'cf.js' });
} catch (e) {
  log('compileFunction syntax', e.name, head(e, 3));
}
try {
  vm.compileFunction('\nthrow new Error("in fn")', [], { filename: 'cf2.js', lineOffset: 2 })();
} catch (e) {
  log('compileFunction stack', head(e, 2));
}

const cfCache = vm.compileFunction('return 40 + 2', [], { produceCachedData: true });
log('compileFunction produceCachedData', cfCache.cachedDataProduced,
    Buffer.isBuffer(cfCache.cachedData), cfCache.cachedData.length > 0);
const cfUse = vm.compileFunction('return 40 + 2', [], { cachedData: cfCache.cachedData });
log('compileFunction cachedData', cfUse.cachedDataRejected, cfUse());
log('compileFunction bad cachedData',
    vm.compileFunction('return 1', [], { cachedData: Buffer.alloc(8) }).cachedDataRejected);
try {
  vm.runInNewContext(' throw new Error()', {}, { filename: 'co.js', lineOffset: 32, columnOffset: 123 });
} catch (e) {
  log('columnOffset arrow', head(e, 6));
}

// ---- validation ---------------------------------------------------------------------------
attempt('Script options', () => new vm.Script('1', 5));
attempt('Script filename', () => new vm.Script('1', { filename: 1 }));
attempt('Script lineOffset', () => new vm.Script('1', { lineOffset: 'x' }));
attempt('Script columnOffset', () => new vm.Script('1', { columnOffset: 1.5 }));
attempt('Script cachedData', () => new vm.Script('1', { cachedData: 'x' }));
attempt('Script produceCachedData', () => new vm.Script('1', { produceCachedData: 1 }));
attempt('timeout type', () => vm.runInThisContext('1', { timeout: 'x' }));
attempt('timeout zero', () => vm.runInThisContext('1', { timeout: 0 }));
attempt('timeout negative', () => vm.runInThisContext('1', { timeout: -1 }));
attempt('displayErrors type', () => vm.runInThisContext('1', { displayErrors: 1 }));
attempt('runInContext non-context', () => vm.runInContext('1', {}));
attempt('runInContext primitive', () => vm.runInContext('1', 1));
attempt('Script#runInContext non-context', () => new vm.Script('1').runInContext({}));
attempt('createContext primitive', () => vm.createContext(1));
attempt('createContext name', () => vm.createContext({}, { name: 1 }));
attempt('createContext codeGeneration', () => vm.createContext({}, { codeGeneration: 1 }));
attempt('createContext strings', () =>
  vm.createContext({}, { codeGeneration: { strings: 1 } }));
attempt('createContext microtaskMode', () => vm.createContext({}, { microtaskMode: 'x' }));
attempt('isContext primitive', () => vm.isContext('x'));
attempt('isContext null', () => vm.isContext(null));
attempt('compileFunction code', () => vm.compileFunction(1));
attempt('compileFunction params', () => vm.compileFunction('', [1]));
attempt('compileFunction parsingContext', () =>
  vm.compileFunction('', [], { parsingContext: {} }));
attempt('compileFunction contextExtensions', () =>
  vm.compileFunction('', [], { contextExtensions: 1 }));
attempt('compileFunction extension item', () =>
  vm.compileFunction('', [], { contextExtensions: [1] }));
attempt('runInNewContext contextName', () => vm.runInNewContext('1', {}, { contextName: 1 }));

// ---- uncaught errors from vm code, as a child process reports them ------------------------
function stderrHead(code, n) {
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return [r.status, r.stderr.split('\n').slice(0, n)];
}
log('uncaught syntax', stderrHead(
  'require("vm").runInThisContext("let q = 1;\\nlet q = 2;", { filename: "bad.js" })', 5));
log('uncaught runtime', stderrHead(
  'require("vm").runInNewContext("\\n  null.prop", {}, { filename: "rt.js" })', 6));
