'use strict';
// Symbol.dispose / Symbol.asyncDispose (Node 20's registered symbols) and
// what implements them: streams, timers, servers, FileHandle, dgram, child processes.
const { Readable, Writable, PassThrough } = require('stream');
(async () => {
  console.log(Symbol.dispose === Symbol.for('nodejs.dispose'), Symbol.asyncDispose === Symbol.for('nodejs.asyncDispose'));
  const r = new Readable({ read() {} });
  await r[Symbol.asyncDispose]();
  console.log('r', r.destroyed, r.errored && r.errored.name);
  const r2 = Readable.from(['a']); for await (const x of r2) {} await r2[Symbol.asyncDispose](); console.log('r2', r2.destroyed, r2.errored);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  await w[Symbol.asyncDispose](); console.log('w', w.destroyed, w.errored && w.errored.name);
  const p = new PassThrough(); await p[Symbol.asyncDispose](); console.log('p', p.destroyed);
  const r3 = new Readable({ read() {}, destroy(e, cb) { cb(new Error('boom')); } });
  try { await r3[Symbol.asyncDispose](); } catch (e) { console.log('r3', e.message); }
  const t = setTimeout(() => console.log('never'), 10); t[Symbol.dispose]();
  const i = setImmediate(() => console.log('never')); i[Symbol.dispose]();
  const srv = require('net').createServer().listen(0); await new Promise(r => srv.on('listening', r)); await srv[Symbol.asyncDispose](); console.log('srv', srv.listening);
  const h = require('http').createServer().listen(0); await new Promise(r => h.on('listening', r)); await h[Symbol.asyncDispose](); console.log('http', h.listening);
  const fh = await require('fs').promises.open(__filename); await fh[Symbol.asyncDispose](); console.log('fh', fh.fd);
  const d = require('dgram').createSocket('udp4'); await d[Symbol.asyncDispose](); console.log('dgram ok');
  const cp = require('child_process').spawn('sleep', ['5']); cp[Symbol.dispose](); cp.on('exit', (c, s) => console.log('cp', c, s));
})();
