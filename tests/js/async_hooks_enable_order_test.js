'use strict';
// A hook enabled inside a callback gets that callback's after, not its before;
// a hook enabled inside another hook's init misses that init's resource.
const ah = require('async_hooks');
const fs = require('fs');
const log = [];
const late = ah.createHook({ before() { log.push('late before'); }, after() { log.push('late after'); } });
setTimeout(() => { late.enable(); log.push('timer ran'); setTimeout(() => late.disable(), 1); }, 1);
const inner = ah.createHook({ init(id, type) { log.push(`inner init ${type}`); } });
let once = false;
const outer = ah.createHook({
  init(id, type) {
    if (type !== 'FSREQCALLBACK' || once) return;
    once = true;
    inner.enable();
    fs.access(__filename, () => {});
  },
}).enable();
fs.access(__filename, () => { outer.disable(); inner.disable(); });
process.on('exit', () => console.log(log.join('\n')));
