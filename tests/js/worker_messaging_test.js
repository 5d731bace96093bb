'use strict';
// MessageChannel/MessagePort (Node 20's globals): delivery order
// (after timers, before immediates; ticks and microtasks between messages),
// close semantics, errors, BroadcastChannel, MessageEvent.
console.log(isMainThread, threadId, parentPort, workerData, typeof MessageChannel, typeof MessagePort, typeof MessageEvent, typeof BroadcastChannel);
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => { console.log('msg', m); Promise.resolve().then(() => console.log('micro', m)); process.nextTick(() => console.log('tick', m)); });
port2.on('close', (...a) => console.log('close2', a.length));
port1.on('close', () => console.log('close1'));
setImmediate(() => console.log('immediate'));
setTimeout(() => console.log('timeout'), 0);
port1.postMessage({ a: 1, b: [1, 2], d: new Date(0), m: new Map([[1, 2]]) });
port1.postMessage(2);
const obj = { x: 1 }; port1.postMessage(obj); obj.x = 2;
port1.close();
const c = new MessageChannel();
c.port1.postMessage('sync');
try { c.port1.postMessage(() => {}); } catch (e) { console.log(e.name, e.message, e.code); }
try { c.port1.postMessage(); } catch (e) { console.log(e.name, e.code, e.message); }
try { new MessagePort(); } catch (e) { console.log(e.name, e.code, e.message); }
c.port2.addEventListener('message', (ev) => { console.log('ev', ev.constructor.name, ev.type, ev.data, ev instanceof Event); c.port2.close(); });
c.port2.start();
c.port1.postMessage('web');
console.log(Object.prototype.toString.call(c.port1), c.port1 instanceof EventTarget, c.port1.hasRef());
const e = new MessageEvent('message', { data: 5 }); console.log(e.data, e.origin, e.lastEventId, e.source, e.ports);
const b1 = new BroadcastChannel('x'), b2 = new BroadcastChannel('x');
b2.onmessage = (ev) => { console.log('bc', ev.data, ev.constructor.name); b1.close(); b2.close(); };
b1.postMessage({ hi: 1 });
console.log(b1.name);
{
  const { port1, port2 } = new MessageChannel();
  port2.on('close', (a) => console.log('close-b', a && a.constructor.name, a && a.type));
  port2.onmessage = (e) => console.log('onmessage', e.data);
  port1.postMessage('x');
  setTimeout(() => { port1.close(); console.log('closed called', port2.hasRef()); }, 5);
  const c2 = new MessageChannel(); c2.port1.on('message', () => {});
  console.log('ref', c2.port1.hasRef()); c2.port1.unref(); console.log('ref', c2.port1.hasRef());
  c2.port2.close(); c2.port2.postMessage('after close');
  const d = new MessageChannel(); d.port2.postMessage(1); d.port2.postMessage(2);
  setTimeout(() => { d.port1.once('message', (m) => { console.log('late', m); d.port1.close(); }); }, 10);
  const u = new MessageChannel(); const ab = new ArrayBuffer(4);
  u.port2.once('message', (m) => { console.log('transferred', ab.byteLength, m.ab.byteLength); u.port1.close(); });
  u.port1.postMessage({ ab }, [ab]);
}
{
  // A port in the message must be in the transfer list (Node's error otherwise).
  const { port1 } = new MessageChannel();
  const c = new MessageChannel();
  for (const msg of [{ p: c.port1 }, [1, { q: [c.port2] }], new Map([[1, c.port1]])]) {
    try { port1.postMessage(msg); console.log('sent'); } catch (e) { console.log(e.name, e.code, e.message); }
  }
  port1.close(); c.port1.close();
}
