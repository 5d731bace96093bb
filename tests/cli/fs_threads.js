'use strict';
// Run by tests/cli/fs_test.sh (kiln only): the worker pool starts on the
// first asynchronous request, not at startup, with UV_THREADPOOL_SIZE
// threads. Prints the growth of the thread count.
const fs = require('fs');
const threads = () => Number(/Threads:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
const before = threads();
fs.statSync(__filename);
const afterSync = threads();
fs.stat(__filename, () => {
  const afterAsync = threads();
  fs.stat(__filename, () => {
    console.log(`sync ${afterSync - before} async ${afterAsync - before} again ${threads() - before}`);
  });
});
