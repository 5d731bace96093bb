'use strict';
// The root of node:test's tree, created at the first test() call: declares
// top-level tests and hooks, and at 'beforeExit' (every test settled or
// stuck) runs the root's after hooks, reports the plan and the counts, and
// sets process.exitCode = 1 when something failed.

const path = require('path');
const { codes: { ERR_TEST_FAILURE } } = require('internal/errors');
const {
  Suite, Test, getCallerLocation, getDeclaringTest, runningTest,
} = require('internal/test_runner/test');
const { TapReporter } = require('internal/test_runner/reporter/tap');

let root = null;

function getRoot() {
  if (root === null) {
    root = new Test({ __proto__: null, name: '<root>' });
    root.reporter = new TapReporter();
    root.counters = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
    root.count = countTest;
    root.startTime = process.hrtime.bigint();
    process.on('beforeExit', endRoot);
    process.on('uncaughtException', (err) => failRunningTest(err, 'uncaughtException'));
    process.on('unhandledRejection', (err) => failRunningTest(err, 'unhandledRejection'));
  }
  return root;
}

function countTest(test) {
  const counters = root.counters;
  if (test.reportedType === 'suite') {
    counters.suites++;
    return;
  }
  counters.tests++;
  if (test.skipped) counters.skipped++;
  else if (test.isTodo) counters.todo++;
  else if (test.cancelled) counters.cancelled++;
  else if (!test.passed) counters.fail++;
  else counters.pass++;
}

function innermostRunning(test) {
  for (const subtest of test.subtests) {
    if (subtest.stop !== null && !subtest.finished) return innermostRunning(subtest) ?? subtest;
  }
  return undefined;
}

// ' at file:line:column' with the file relative to the working directory.
function relativeLocation(loc) {
  const match = typeof loc === 'string' ? /^(.*):(\d+):(\d+)$/.exec(loc) : null;
  if (match === null) return '';
  return ` at ${path.relative(process.cwd(), match[1])}:${match[2]}:${match[3]}`;
}

// An error no one caught fails the test whose asynchronous work raised it
// and ends that test; raised outside any running test, it becomes a
// diagnostic of the run, which then fails.
function failRunningTest(err, eventName) {
  // Rejections are processed outside the context of the code that made
  // them: blame the test running now.
  const test = runningTest.getStore() ??
    (eventName === 'unhandledRejection' ? innermostRunning(root) : undefined);
  if (test === undefined || test === root || test.finished) {
    root.diagnostics.push(test === undefined || test === root ?
      'Error: A resource generated asynchronous activity after the test ended. This ' +
      `activity created the error "${err}" which triggered an ${eventName} event, caught by ` +
      'the test runner.' :
      `Error: Test "${test.name}"${relativeLocation(test.loc)} generated asynchronous activity ` +
      `after the test ended. This activity created the error "${err}" and would have caused ` +
      `the test to fail, but instead triggered an ${eventName} event.`);
    process.exitCode = 1;
    return;
  }
  const failure = new ERR_TEST_FAILURE(err, eventName);
  test.fail(failure);
  test.stop?.(failure);
}

// Tests whose function is still pending when the loop ran dry never will
// settle: cancel them so the run can end.
function cancelPending(test, err) {
  for (const subtest of test.subtests) cancelPending(subtest, err);
  if (test.stop !== null && !test.finished) test.stop(err);
}

let ending = false;

async function endRoot() {
  if (ending) return;
  ending = true;
  root.cancelError = new ERR_TEST_FAILURE(
    'Promise resolution is still pending but the event loop has already resolved',
    'cancelledByParent');
  cancelPending(root, root.cancelError);
  await root.queue;
  try {
    await root.runHooks(root.hooks.after, undefined);
  } catch (err) {
    root.reporter.diagnostic(0, `after hook failed: ${err?.message ?? err}`);
  }
  const { reporter, counters } = root;
  let failedTopLevel = false;
  for (const test of root.subtests) {
    if (!test.passed && !test.isTodo) failedTopLevel = true;
  }
  reporter.plan(0, root.subtests.length);
  for (const message of root.diagnostics) reporter.diagnostic(0, message);
  const duration = Number(process.hrtime.bigint() - root.startTime) / 1e6;
  reporter.diagnostic(0, `tests ${counters.tests}`);
  reporter.diagnostic(0, `suites ${counters.suites}`);
  reporter.diagnostic(0, `pass ${counters.pass}`);
  reporter.diagnostic(0, `fail ${counters.fail}`);
  reporter.diagnostic(0, `cancelled ${counters.cancelled}`);
  reporter.diagnostic(0, `skipped ${counters.skipped}`);
  reporter.diagnostic(0, `todo ${counters.todo}`);
  reporter.diagnostic(0, `duration_ms ${duration}`);
  if (failedTopLevel || counters.fail > 0 || counters.cancelled > 0) process.exitCode = 1;
}

// The test or suite a declaration belongs to: the suite being built, the
// test running, else the root.
function declaringParent() {
  const parent = getDeclaringTest();
  return parent === undefined || parent.finished ? getRoot() : parent;
}

// test()/it() and describe()/suite() with their .skip/.todo/.only forms.
function makeDeclarer(Factory) {
  function declare(name, options, fn, overrides) {
    const parent = declaringParent();
    const subtest = parent.createSubtest(Factory, name, options, fn, overrides);
    if (parent instanceof Suite) return Promise.resolve();
    return parent.startSubtest(subtest);
  }
  function declarer(name, options, fn) {
    return declare(name, options, fn, { loc: getCallerLocation(declarer) });
  }
  declarer.skip = function skip(name, options, fn) {
    return declare(name, options, fn, { skip: true, loc: getCallerLocation(skip) });
  };
  declarer.todo = function todo(name, options, fn) {
    return declare(name, options, fn, { todo: true, loc: getCallerLocation(todo) });
  };
  declarer.only = function only(name, options, fn) {
    return declare(name, options, fn, { only: true, loc: getCallerLocation(only) });
  };
  return declarer;
}

function makeHook(name) {
  return function hook(fn, options) {
    declaringParent().createHook(name, fn, options);
  };
}

module.exports = {
  test: makeDeclarer(Test),
  describe: makeDeclarer(Suite),
  it: makeDeclarer(Test),
  before: makeHook('before'),
  after: makeHook('after'),
  beforeEach: makeHook('beforeEach'),
  afterEach: makeHook('afterEach'),
};
