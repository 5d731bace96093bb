'use strict';
// The test tree of node:test: Test (a test, or the root when parent is
// null), Suite (describe), TestHook and TestContext (the `t` a test gets).
// Tests run one at a time in declaration order, as with Node's default
// concurrency; each reports as soon as it and every earlier sibling are done.

const { codes: { ERR_TEST_FAILURE } } = require('internal/errors');
const { validateAbortSignal, validateFunction, validateNumber } = require('internal/validators');
const { setTimeout, clearTimeout } = require('timers');
const { fileURLToPath } = require('internal/url');
const { AsyncLocalStorage } = require('async_hooks');

const kTestCodeFailure = 'testCodeFailure';
const kHookFailure = 'hookFailed';
const kSubtestsFailed = 'subtestsFailed';
const kTestTimeoutFailure = 'testTimeoutFailure';
const kCallbackAndPromisePresent = 'callbackAndPromisePresent';
const kMultipleCallbackInvocations = 'multipleCallbackInvocations';
const kCancelledByParent = 'cancelledByParent';
const kMaxTimeout = 2 ** 31 - 1;
const kEmptyObject = Object.freeze({ __proto__: null });
const kOnce = { __proto__: null, once: true };
const noop = () => {};

// The test whose function (or hook) is running, across its awaits: test()
// called there declares a subtest of it, as in Node.
const runningTest = new AsyncLocalStorage();

function now() {
  return process.hrtime.bigint();
}

function isTestFailureError(err) {
  return err?.code === 'ERR_TEST_FAILURE' && 'failureType' in err;
}

// Where user code called test()/it()/t.test(): the frame above `fn`.
function getCallerLocation(fn) {
  const savedPrepare = Error.prepareStackTrace;
  const savedLimit = Error.stackTraceLimit;
  Error.prepareStackTrace = (_, callSites) => callSites;
  Error.stackTraceLimit = 1;
  const holder = {};
  Error.captureStackTrace(holder, fn);
  const sites = holder.stack;
  Error.prepareStackTrace = savedPrepare;
  Error.stackTraceLimit = savedLimit;
  const site = Array.isArray(sites) ? sites[0] : undefined;
  if (site === undefined) return undefined;
  let file = site.getFileName();
  // ES modules are named by URL; Node reports their path.
  if (typeof file === 'string' && file.startsWith('file:')) file = fileURLToPath(file);
  return `${file}:${site.getLineNumber()}:${site.getColumnNumber()}`;
}

// The `done` argument of a test or hook declared with two parameters.
function createDeferredCallback() {
  let calls = 0;
  let resolve, reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  const cb = (err) => {
    calls++;
    if (calls > 1) {
      if (calls === 2) {
        throw new ERR_TEST_FAILURE('callback invoked multiple times', kMultipleCallbackInvocations);
      }
      return;
    }
    if (err) reject(err); else resolve();
  };
  return { promise, cb };
}

// Calls fn(ctx) with `this` = ctx, passing `done` when fn takes two
// parameters; resolves when it finished.
function callUserFunction(test, fn, ctx) {
  return runningTest.run(test, callWithDone, test, fn, ctx);
}

async function callWithDone(test, fn, ctx) {
  if (fn.length === 2) {
    const { promise, cb } = createDeferredCallback();
    const ret = Reflect.apply(fn, ctx, [ctx, cb]);
    if (ret !== null && typeof ret?.then === 'function') {
      test.fail(new ERR_TEST_FAILURE('passed a callback but also returned a Promise',
        kCallbackAndPromisePresent));
      return ret;
    }
    return promise;
  }
  return Reflect.apply(fn, ctx, [ctx]);
}

class TestContext {
  #test;

  constructor(test) {
    this.#test = test;
  }

  get name() { return this.#test.name; }
  get signal() { return this.#test.signal; }

  diagnostic(message) {
    this.#test.diagnostics.push(message);
  }

  skip(message) {
    this.#test.skipped = true;
    this.#test.message = message;
  }

  todo(message) {
    this.#test.isTodo = true;
    this.#test.message = message;
  }

  test(name, options, fn) {
    const loc = getCallerLocation(this.test);
    const subtest = this.#test.createSubtest(Test, name, options, fn, { loc });
    return this.#test.startSubtest(subtest);
  }

  before(fn, options) { this.#test.createHook('before', fn, options); }
  after(fn, options) { this.#test.createHook('after', fn, options); }
  beforeEach(fn, options) { this.#test.createHook('beforeEach', fn, options); }
  afterEach(fn, options) { this.#test.createHook('afterEach', fn, options); }
}

// The context a describe() function gets: the suite's name and signal.
class SuiteContext {
  #suite;
  constructor(suite) { this.#suite = suite; }
  get name() { return this.#suite.name; }
  get signal() { return this.#suite.signal; }
}

class Test {
  constructor(options) {
    const { parent = null, loc, skip, todo, only, timeout, signal } = options;
    let { fn, name } = options;
    if (typeof fn !== 'function') fn = undefined;
    if (typeof name !== 'string' || name === '') name = fn?.name || '<anonymous>';
    fn ??= noop;
    if (timeout !== undefined && timeout !== Infinity) {
      validateNumber(timeout, 'options.timeout', 0, kMaxTimeout);
    }
    if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
    this.parent = parent;
    this.root = parent === null ? this : parent.root;
    this.nesting = parent === null ? -1 : parent.nesting + 1;
    this.name = name;
    this.fn = skip ? noop : fn;
    this.loc = loc;
    this.timeout = timeout ?? parent?.timeout ?? Infinity;
    this.skipped = Boolean(skip);
    this.skippedByOption = this.skipped;
    this.isTodo = Boolean(todo);
    this.message = typeof skip === 'string' ? skip : typeof todo === 'string' ? todo : undefined;
    this.diagnostics = [];
    if (only && this.root.runOnly !== true) {
      this.diagnostics.push("'only' and 'runOnly' require the --test-only command-line option.");
    }
    this.subtests = [];
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    if (signal !== undefined) {
      if (signal.aborted) this.controller.abort(signal.reason);
      else signal.addEventListener('abort', () => this.controller.abort(signal.reason), kOnce);
    }
    this.passed = false;
    this.error = null;
    this.cancelled = false;
    this.startTime = null;
    this.endTime = null;
    this.finished = false;
    this.reportedStart = false;
    this.reportedCount = 0;   // subtests reported so far, in order
    this.queue = Promise.resolve();   // subtests run one after another
    this.stop = null;   // rejects the running test function (timeout, cancel)
  }

  get reportedType() { return 'test'; }

  createSubtest(Factory, name, options, fn, overrides) {
    if (typeof name === 'function') {
      fn = name;
    } else if (name !== null && typeof name === 'object') {
      fn = options;
      options = name;
    } else if (typeof options === 'function') {
      fn = options;
    }
    if (options === null || typeof options !== 'object') options = kEmptyObject;
    const test = new Factory({ __proto__: null, ...options, fn, name, parent: this, ...overrides });
    this.subtests.push(test);
    test.testNumber = this.subtests.length;
    return test;
  }

  // Queues subtest behind its earlier siblings; resolves once it has run.
  startSubtest(subtest) {
    const run = () => subtest.run();
    const done = this.queue.then(run, run);
    this.queue = done;
    return done;
  }

  createHook(name, fn, options) {
    validateFunction(fn, 'fn');
    this.hooks[name].push(new TestHook(this, name, fn, options));
  }

  // beforeEach hooks apply outermost first, afterEach hooks innermost first.
  eachHooks(name) {
    const inherited = this.parent === null ? [] : this.parent.eachHooks(name);
    return name === 'beforeEach' ? [...inherited, ...this.hooks[name]] :
      [...this.hooks[name], ...inherited];
  }

  async runHooks(hooks, ctx) {
    for (const hook of hooks) await hook.run(ctx);
  }

  // A test's `before` hooks run once, before its first subtest.
  runBeforeHooksOnce() {
    this.beforeDone ??= this.runHooks(this.hooks.before, new TestContext(this));
    return this.beforeDone;
  }

  pass() {
    if (this.endTime !== null) return;
    this.endTime = now();
    this.passed = true;
  }

  fail(err) {
    if (this.error !== null) return;
    this.endTime = now();
    this.passed = false;
    this.error = err;
  }

  cancel(err) {
    if (this.cancelled) return;
    this.startTime ??= now();   // cancelled before it could start
    this.fail(err);
    this.cancelled = true;
    this.controller.abort();
  }

  // Rejects when the timeout passes or stop() is called (cancellation).
  stopPromise() {
    return new Promise((resolve, reject) => {
      let timer = null;
      this.stop = (err) => {
        if (timer !== null) clearTimeout(timer);
        reject(err);
      };
      this.stopDisarm = () => {
        if (timer !== null) clearTimeout(timer);
        this.stop = null;
      };
      if (this.timeout !== Infinity) {
        timer = setTimeout(() => {
          this.stop(new ERR_TEST_FAILURE(`test timed out after ${this.timeout}ms`,
            kTestTimeoutFailure));
        }, this.timeout);
      }
    });
  }

  async runBody(ctx) {
    const stop = this.stopPromise();
    stop.catch(noop);
    try {
      await Promise.race([callUserFunction(this, this.fn, ctx), stop]);
    } finally {
      this.stopDisarm();
    }
  }

  // Set on the root when the loop ran dry with tests unsettled: tests that
  // had not started yet are cancelled with it instead of run.
  cancelledBeforeStart() {
    const err = this.root.cancelError;
    if (err === undefined) return false;
    this.cancel(err);
    this.finish();
    return true;
  }

  async run() {
    const parent = this.parent;
    this.startTime = now();
    if (this.cancelledBeforeStart()) return;
    if (this.skippedByOption) {
      this.pass();
      this.finish();
      return;
    }
    const ctx = new TestContext(this);
    let afterEachRan = false;
    const afterEach = () => {
      if (afterEachRan || this.skipped) return;
      afterEachRan = true;
      return parent.runHooks(parent.eachHooks('afterEach'), ctx);
    };
    try {
      await parent.runBeforeHooksOnce();
      await parent.runHooks(parent.eachHooks('beforeEach'), ctx);
      await this.runBody(ctx);
      this.pass();
      await afterEach();
      await this.runHooks(this.hooks.after, ctx);
    } catch (err) {
      if (isTestFailureError(err)) {
        if (err.failureType === kTestTimeoutFailure || err.failureType === kCancelledByParent) {
          this.cancel(err);
        } else {
          this.fail(err);
        }
      } else {
        this.fail(new ERR_TEST_FAILURE(err, kTestCodeFailure));
      }
      try { await afterEach(); } catch { /* already failing */ }
      try { await this.runHooks(this.hooks.after, ctx); } catch { /* already failing */ }
    }
    this.finish();
  }

  // The test is over: cancel subtests still running, fail it when subtests
  // failed, then report it.
  finish() {
    const cancelled = new ERR_TEST_FAILURE(
      'test did not finish before its parent and was cancelled', kCancelledByParent);
    let failed = 0;
    for (const subtest of this.subtests) {
      if (!subtest.finished) {
        subtest.cancel(cancelled);
        subtest.stop?.(cancelled);
        subtest.finish();
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if (this.passed && failed > 0) {
      this.fail(new ERR_TEST_FAILURE(`${failed} subtest${failed > 1 ? 's' : ''} failed`,
        kSubtestsFailed));
    }
    this.finished = true;
    this.controller.abort();
    this.parent.reportReady();
  }

  // Reports finished subtests in declaration order.
  reportReady() {
    while (this.reportedCount < this.subtests.length) {
      const subtest = this.subtests[this.reportedCount];
      if (!subtest.finished) return;
      this.reportedCount++;
      subtest.report();
    }
  }

  reportStarted() {
    if (this.reportedStart || this.parent === null) return;
    this.reportedStart = true;
    this.parent.reportStarted();
    this.root.reporter.start(this.nesting, this.name);
  }

  report() {
    const reporter = this.root.reporter;
    if (this.subtests.length > 0) {
      reporter.plan(this.subtests[0].nesting, this.subtests.length);
    } else {
      this.reportStarted();
    }
    this.root.count(this);
    reporter.result({
      nesting: this.nesting,
      testNumber: this.testNumber,
      name: this.name,
      passed: this.passed,
      skip: this.skipped ? (this.message ?? true) : undefined,
      todo: this.isTodo ? (this.message ?? true) : undefined,
      duration_ms: Number((this.endTime ?? now()) - this.startTime) / 1e6,
      type: this.reportedType === 'suite' ? 'suite' : undefined,
      location: this.loc,
      error: this.error,
    });
    for (const message of this.diagnostics) reporter.diagnostic(this.nesting, message);
  }
}

class TestHook {
  constructor(owner, type, fn, options) {
    const { timeout } = options ?? kEmptyObject;
    if (timeout !== undefined) validateNumber(timeout, 'options.timeout', 0, kMaxTimeout);
    this.owner = owner;
    this.type = type;
    this.fn = fn;
    this.timeout = timeout ?? Infinity;
  }

  async run(ctx) {
    try {
      await callUserFunction(this.owner, this.fn, ctx);
    } catch (err) {
      throw isTestFailureError(err) ? err : new ERR_TEST_FAILURE(err, kHookFailure);
    }
  }
}

// describe(): its function runs at once to declare the suite's tests, which
// then run when the suite's turn comes.
class Suite extends Test {
  constructor(options) {
    super({ ...options, skip: false, todo: false, only: false });
    this.skipped = Boolean(options.skip);
    this.isTodo = Boolean(options.todo);
    this.runTests = !options.skip;
    if (options.only && this.root.runOnly !== true) {
      this.diagnostics.push("'only' and 'runOnly' require the --test-only command-line option.");
    }
    this.buildError = null;
    this.built = Promise.resolve();
    if (!this.runTests) return;
    const previous = currentSuite;
    currentSuite = this;
    try {
      // Run in the suite's async context too: it() after an await in an
      // async describe() function still declares into this suite.
      const ctx = new SuiteContext(this);
      const ret = runningTest.run(this, () => Reflect.apply(this.fn, ctx, [ctx]));
      if (ret !== null && typeof ret?.then === 'function') {
        this.built = Promise.resolve(ret).catch((err) => { this.buildError = err; });
      }
    } catch (err) {
      this.buildError = err;
    } finally {
      currentSuite = previous;
    }
  }

  get reportedType() { return 'suite'; }

  async run() {
    this.startTime = now();
    if (this.cancelledBeforeStart()) return;
    const parent = this.parent;
    const ctx = new SuiteContext(this);
    try {
      await this.built;
      if (this.buildError !== null) throw this.buildError;
      await parent.runBeforeHooksOnce();
      if (this.runTests) {
        await this.runBeforeHooksOnce();
        for (const subtest of this.subtests) await subtest.run();
        await this.runHooks(this.hooks.after, ctx);
      }
      this.pass();
    } catch (err) {
      if (isTestFailureError(err)) this.fail(err);
      else this.fail(new ERR_TEST_FAILURE(err, kTestCodeFailure));
      try { await this.runHooks(this.hooks.after, ctx); } catch { /* already failing */ }
    }
    this.finish();
  }
}

// The suite whose function is running: it() and hooks called there belong
// to it.
let currentSuite = null;


// Where test(), describe() and the hook functions declare into.
function getDeclaringTest() {
  return currentSuite ?? runningTest.getStore();
}

module.exports = {
  Suite,
  Test,
  getCallerLocation,
  getDeclaringTest,
  runningTest,
};
