'use strict';
// When hooks enabled or disabled at awkward moments take effect, as Node:
// a hook enabled inside a callback gets that callback's after but not its
// before; one disabled inside a callback misses that callback's after; one
// enabled inside another hook's init misses resources made during it.
// Only immediates, so that the order does not depend on the loop's timing.
const ah = require('async_hooks');
const log = [];
const late = ah.createHook({
  before() { log.push('late before'); },
  after() { log.push('late after'); },
});
const inner = ah.createHook({ init(id, type) { log.push(`inner init ${type}`); } });
let nested = false;
const outer = ah.createHook({
  init(id, type) {
    log.push(`outer init ${type}`);
    if (type !== 'Immediate' || nested) return;
    nested = true;
    inner.enable();
    setImmediate(() => log.push('nested immediate ran'));
  },
});
setImmediate(() => {
  late.enable();
  log.push('first immediate');
  setImmediate(() => {
    log.push('second immediate');
    late.disable();
    outer.enable();
    setImmediate(() => {
      log.push('third immediate');
      setImmediate(() => {
        outer.disable();
        inner.disable();
        log.push('fourth immediate');
      });
    });
  });
});
process.on('exit', () => console.log(log.join('\n')));
