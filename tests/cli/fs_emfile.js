'use strict';
// Run by tests/cli/fs_test.sh under a low `ulimit -n`: opening files until
// the limit gives EMFILE in each API form, and closing them recovers.
const fs = require('fs');
const fds = [];
let error;
try {
  for (;;) fds.push(fs.openSync(__filename, 'r'));
} catch (e) {
  error = e;
}
console.log('sync', error.code, error.errno, error.syscall, error.message.replace(__filename, 'FILE'));
fs.open(__filename, 'r', (err) => {
  console.log('callback', err.code, err.syscall);
  fs.promises.open(__filename).catch((e) => {
    console.log('promise', e.code, e.syscall);
    for (const fd of fds) fs.closeSync(fd);
    console.log('recovered', typeof fs.readFileSync(__filename, 'utf8'));
  });
});
