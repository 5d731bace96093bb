'use strict';
// node:test, reachable only with the node: scheme. The runner lives in
// internal/test_runner/; run() and mock are not implemented yet.

const harness = require('internal/test_runner/harness');

const test = harness.test;
module.exports = test;
Object.assign(module.exports, {
  after: harness.after,
  afterEach: harness.afterEach,
  before: harness.before,
  beforeEach: harness.beforeEach,
  describe: harness.describe,
  it: harness.it,
  suite: harness.describe,
  test,
});
