'use strict';
// process.getActiveResourcesInfo(), _getActiveHandles(), _getActiveRequests():
// what is listed while handles live and requests are pending, and when it
// goes away (closed, unref'd, done, cleared).
const net = require('net');
const fs = require('fs');
const dgram = require('dgram');
const { spawn } = require('child_process');

// Names counted, sorted: list order is not part of the contract. `only`
// keeps the step's own kinds (Node keeps closed handles listed until their
// wrappers are collected, and a connect request past its callback).
function counts(only) {
  const c = {};
  for (const name of process.getActiveResourcesInfo()) {
    if (!only || only.includes(name)) c[name] = (c[name] || 0) + 1;
  }
  return JSON.stringify(Object.keys(c).sort().map((k) => `${k}:${c[k]}`));
}
function owners(only) {
  return process._getActiveHandles().map((h) => h.constructor.name)
    .filter((name) => !only || only.includes(name)).sort().join(',');
}

console.log('start', counts(), owners(), process._getActiveRequests().length);

const t1 = setTimeout(() => {}, 1000);
const t2 = setTimeout(() => {}, 1000);
const iv = setInterval(() => {}, 1000);
const im = setImmediate(() => {});
console.log('timers', counts());
t2.unref();
console.log('one unref', counts());
clearTimeout(t1);
clearInterval(iv);
clearImmediate(im);
t2.ref();
clearTimeout(t2);
console.log('cleared', counts());

let pending = 3;
for (let i = 0; i < 3; i++) {
  fs.stat(__filename, () => {
    // The last callback's own request is still listed, as in Node.
    if (--pending === 0) {
      console.log('stats done', counts(), process._getActiveRequests().length);
      step1();
    }
  });
}
console.log('stats pending', counts(), process._getActiveRequests().length);

function step1() {
  const server = net.createServer((conn) => {
    conn.on('close', () => server.close(() => step2()));
  });
  server.listen(0, '127.0.0.1', () => {
    console.log('listening', counts(), owners());
    const client = net.connect(server.address().port, '127.0.0.1', () => {
      // Its own connect request is listed through its callback, as in Node.
      console.log('connected', counts(), owners());
      client.destroy();
    });
  });
}

function step2() {
  const udp = dgram.createSocket('udp4');
  udp.bind(0, '127.0.0.1', () => {
    console.log('udp', counts(['UDPWrap']), owners(['Socket']));
    udp.unref();
    console.log('udp unref', counts(['UDPWrap']));
    udp.close(() => step3());
  });
}

function step3() {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  console.log('child', counts(['ProcessWrap']), owners(['ChildProcess']));
  child.unref();
  console.log('child unref', counts(['ProcessWrap']), owners(['ChildProcess']));
  step4();
}

// A write larger than the socket buffers take stays pending; its request
// is listed (by Node's name for a JS write) next to the connect request
// whose callback is running.
function step4() {
  const server = net.createServer((conn) => conn.pause());
  server.listen(0, '127.0.0.1', () => {
    const client = net.connect(server.address().port, '127.0.0.1', () => {
      client.write(Buffer.alloc(16 << 20));
      console.log('writing', counts(['ConnectWrap', 'SimpleWriteWrap']),
                  process._getActiveRequests().length);
      process.exit(0);
    });
  });
}
