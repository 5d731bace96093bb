'use strict';
// Calls every function of every binding, and every prototype method of the
// classes they export (on an instance, open and closed), with wrong
// arguments: each call may throw, but the process must not crash. Functions
// that act on the process or the system by design (exit, abort, kill,
// setuid, writes to fds 0-2, ...) are skipped. Run by binding_fuzz_test.sh.
const skip = new Set([
  'process_methods.abort', 'process_methods.reallyExit', 'process_methods.kill',
  'process_methods.setuid', 'process_methods.seteuid', 'process_methods.setgid',
  'process_methods.setegid', 'process_methods.setgroups', 'process_methods.initgroups',
  'process_methods.chdir', 'process_methods.umask', 'process_methods.setTitle',
  'os.setPriority', 'signals.start', 'fs.writeStringSync', 'tty.setRawMode',
  'errors.triggerUncaughtException',  // reports and exits, by design
]);
const skipBinding = /^(process_wrap|spawn_sync|ipc_channel)$/;  // would start processes
const values = [undefined, null, 0, -1, 1.5, 2 ** 40, NaN, '', 'x', Symbol('s'), {}, [],
  () => {}, new Uint8Array(2), new ArrayBuffer(4), 10n, true];
const argLists = [[]];
for (const v of values) argLists.push([v]);
for (const v of values) argLists.push([v, v, v, v]);
argLists.push(['x', 1, {}, [], null], [{}, 'x'], [1, 'x', 2], [new Uint8Array(1), 'x', 5, 5]);

let calls = 0;

// Handle classes (TCP, UDP, ...): their prototype methods get the same
// calls on an instance, and on a closed one.
function fuzzInstance(bname, Ctor) {
  let obj;
  for (const args of [[], [0]]) {
    try { obj = new Ctor(...args); break; } catch { /* try the next form */ }
  }
  if (obj === undefined) return;
  const names = Object.getOwnPropertyNames(Ctor.prototype)
    .filter((k) => k !== 'constructor' && !skip.has(`${bname}.${Ctor.name}.${k}`));
  for (let pass = 0; pass < 2; pass++) {  // open, then closed
    for (const key of names) {
      let fn;
      try { fn = obj[key]; } catch { continue; }
      if (typeof fn !== 'function') continue;
      for (const args of argLists) {
        calls++;
        try { fn.apply(obj, args); } catch { /* throwing is fine */ }
      }
    }
    try { obj.close(); } catch { /* not every class has close */ }
  }
}
const names = process.binding('builtins') && require('module').builtinModules;
void names;
const bindingNames = process.argv.slice(2);
for (const bname of bindingNames) {
  if (skipBinding.test(bname)) continue;
  let b;
  try { b = process.binding(bname); } catch { continue; }
  for (const key of Object.getOwnPropertyNames(b)) {
    const fn = b[key];
    if (typeof fn !== 'function' || skip.has(`${bname}.${key}`)) continue;
    for (const args of argLists) {
      calls++;
      try { fn(...args); } catch { /* throwing is fine */ }
      try { new fn(...args); } catch { /* so is this */ }
    }
    if (fn.prototype) fuzzInstance(bname, fn);
  }
}
console.log(`survived ${calls} calls`);
// A fuzzed timer or watcher may keep the loop alive: that is not a failure.
process.exit(0);
