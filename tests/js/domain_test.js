'use strict';
// domain: run/enter/exit, process.domain, bind/intercept, add/remove, and
// errors routed to the active domain with Node's decorations.
const domain = require('domain');
const EventEmitter = require('events');
const fs = require('fs');

const out = [];
function describe(err) {
  return `${err.message} domainThrown=${err.domainThrown} ` +
         `emitter=${!!err.domainEmitter} bound=${!!err.domainBound}`;
}

out.push(`process.domain before: ${process.domain}`);
const d = domain.create();
d.name = 'd';
d.on('error', (err) => {
  out.push(`d caught ${describe(err)} err.domain ok ${err.domain === d}`);
});

d.run((a, b) => {
  out.push(`run args ${a} ${b}, active ${process.domain === d && domain.active === d}`);
  const ee = new EventEmitter();
  out.push(`emitter joins: ${ee.domain === d}`);
  ee.emit('error', new Error('emitter error'));
  setTimeout(() => {
    out.push(`timeout in domain ${process.domain === d}`);
    throw new Error('timer throw');
  }, 5);
  setImmediate(() => { throw new Error('immediate throw'); });
  fs.stat(__filename, () => {
    out.push(`fs callback in domain ${process.domain === d}`);
  });
  fs.readFile('/nonexistent/file', d.intercept(() => out.push('not reached')));
  Promise.resolve().then(() => out.push(`then in domain ${process.domain === d}`));
}, 1, 2);
out.push(`after run: ${process.domain}`);

const d2 = domain.create();
const bound = d2.bind(function(x) { return `${process.domain === d2} ${this.v} ${x}`; });
out.push(`bound: ${bound.call({ v: 'this' }, 'arg')} ${bound.domain === d2}`);
const intercepted = d2.intercept((a, b) => `${a}+${b}`);
out.push(`intercepted: ${intercepted(null, 1, 2)}`);

const ee2 = new EventEmitter();
d2.add(ee2);
out.push(`add: ${ee2.domain === d2} ${d2.members.length}`);
d2.remove(ee2);
out.push(`remove: ${ee2.domain} ${d2.members.length}`);

d2.enter();
out.push(`enter: ${process.domain === d2}`);
d2.exit();
out.push(`exit: ${process.domain}`);

try {
  process.setUncaughtExceptionCaptureCallback(() => {});
} catch (err) {
  out.push(err.code);
}

// Sorted: the loop may run the fs callback and the immediate in either order.
setTimeout(() => {
  for (const line of out.sort()) console.log(line);
}, 50);
