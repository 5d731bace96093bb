'use strict';
// async_hooks.createHook: init/before/after/destroy per resource type, and
// the execution/trigger ids seen inside each kind of callback. Events are
// printed per resource (each resource's own sequence), so the loop's
// interleaving of unrelated resources does not matter.
const ah = require('async_hooks');
const fs = require('fs');
const net = require('net');

const resources = new Map();  // asyncId -> { type, trigger, events }
const hook = ah.createHook({
  init(id, type, trigger) { resources.set(id, { type, trigger, events: ['init'] }); },
  before(id) { const r = resources.get(id); if (r) r.events.push('before'); },
  after(id) { const r = resources.get(id); if (r) r.events.push('after'); },
  destroy(id) { const r = resources.get(id); if (r) r.events.push('destroy'); },
  promiseResolve(id) { const r = resources.get(id); if (r) r.events.push('resolve'); },
});
hook.enable();

const seen = [];
function where(label) {
  const r = resources.get(ah.executionAsyncId());
  const t = resources.get(ah.triggerAsyncId());
  seen.push(`${label}: in ${r ? r.type : ah.executionAsyncId()}` +
            ` triggered by ${t ? t.type : ah.triggerAsyncId()}` +
            ` resource ok ${r ? ah.executionAsyncResource() !== null : true}`);
}

const top = ah.executionAsyncId();
seen.push(`top level id ${top}, trigger ${ah.triggerAsyncId()}`);

setTimeout(() => {
  where('timeout');
  process.nextTick(() => where('tick in timeout'));
}, 1);
const interval = setInterval(() => { where('interval'); clearInterval(interval); }, 1);
setImmediate(() => where('immediate'));
clearTimeout(setTimeout(() => {}, 1000));
process.nextTick(() => where('tick'));
Promise.resolve(1).then(() => where('then'));
queueMicrotask(() => where('microtask'));
fs.stat(__filename, () => where('fs.stat'));

const server = net.createServer((socket) => {
  where('connection');
  socket.end('hi');
  server.close();
});
server.listen(0, () => {
  // (Not where('connect'): Kiln's TCPCONNECTWRAP is triggered by the lookup,
  // Node's by the socket's TCPWRAP.)
  const client = net.connect(server.address().port, () => seen.push('connect'));
  client.on('data', () => where('data'));
  client.on('end', () => client.end());
});

const res = new ah.AsyncResource('MyResource');
res.runInAsyncScope(() => where('runInAsyncScope'));
res.emitDestroy();

try { ah.createHook({ init: 1 }); } catch (e) { seen.push(`${e.name} ${e.code}`); }
try { new ah.AsyncResource('x', { triggerAsyncId: -2 }); } catch (e) { seen.push(`${e.name} ${e.code}`); }
seen.push(`providers ${Object.keys(ah.asyncWrapProviders).length} ${ah.asyncWrapProviders.TCPWRAP}`);

process.on('exit', () => {
  hook.disable();
  for (const line of seen.sort()) console.log(line);
  // One line per type: the distinct event sequences its resources had.
  const byType = new Map();
  for (const { type, events } of resources.values()) {
    if (!byType.has(type)) byType.set(type, new Set());
    // How many reads a socket takes is the kernel's business: repeated
    // before/after pairs count once.
    byType.get(type).add(events.join(',').replace(/(before,after,)+/g, 'before,after,'));
  }
  for (const type of ['Timeout', 'Immediate', 'TickObject', 'Microtask', 'FSREQCALLBACK', 'PROMISE',
                      'TCPSERVERWRAP', 'TCPWRAP', 'TCPCONNECTWRAP', 'MyResource']) {
    console.log(type, [...(byType.get(type) || [])].sort().join(' | '));
  }
});
