'use strict';
// stream/consumers: text, json, buffer, arrayBuffer, blob of Node and web streams.
const c = require('stream/consumers'); const { Readable } = require('stream');
(async () => {
  console.log(Object.keys(c).join());
  console.log(await c.text(Readable.from(['a', Buffer.from('b'), Buffer.from([0xe2, 0x82]), Buffer.from([0xac])])));
  console.log(await c.json(Readable.from(['{"x":', '[1,2]}'])));
  console.log((await c.buffer(Readable.from([Buffer.from('hi'), Buffer.from('!')]))).toString('hex'));
  console.log((await c.arrayBuffer(Readable.from([new Uint8Array([1, 2, 3])]))).byteLength);
  const b = await c.blob(Readable.from(['xyz'])); console.log(b.size, await b.text());
  console.log(await c.text(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('web')); ctl.close(); } })));
  try { await c.json(Readable.from(['{bad'])); } catch (e) { console.log(e.name); }
})();
