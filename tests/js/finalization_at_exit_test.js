'use strict';
// A FinalizationRegistry's cleanup queued by the program's last GC still
// runs before the process exits: when the loop has nothing left, V8's
// queued tasks run and may start more work (Node's DrainTasks).
require('v8').setFlagsFromString('--expose-gc');
const gc = require('vm').runInNewContext('gc');

const registry = new FinalizationRegistry((held) => {
  console.log('finalized', held);
  // Work started from the cleanup keeps the process alive.
  setTimeout(() => console.log('timer after cleanup'), 1);
});
(function register() { registry.register({}, 'x'); })();
setImmediate(() => gc());
process.on('exit', () => console.log('exit'));
