'use strict';
// worker_threads: real threads. Each case runs after the previous one ended,
// so the output order is fixed.
const {
  Worker, isMainThread, parentPort, workerData, threadId, MessageChannel,
  receiveMessageOnPort, SHARE_ENV, getEnvironmentData, setEnvironmentData,
} = require('worker_threads');

if (!isMainThread) {
  const kind = workerData && workerData.kind;
  if (kind === 'echo') {
    parentPort.on('message', (m) => {
      if (m === 'stop') return parentPort.close();
      parentPort.postMessage({ echo: m, threadId: typeof threadId, env: getEnvironmentData('k') });
    });
  } else if (kind === 'buffer') {
    parentPort.once('message', (ab) => {
      const u = new Uint8Array(ab);
      parentPort.postMessage({ len: ab.byteLength, sum: u.reduce((a, b) => a + b, 0) });
      const back = new ArrayBuffer(4);
      new Uint8Array(back).set([9, 8, 7, 6]);
      parentPort.postMessage(back, [back]);
      parentPort.postMessage(back.byteLength);
      parentPort.close();
    });
  } else if (kind === 'port') {
    parentPort.once('message', ({ port }) => {
      port.postMessage('via transferred port');
      port.on('message', (m) => {
        port.postMessage(`got ${m}`);
        port.close();
        parentPort.close();
      });
    });
  } else if (kind === 'atomics') {
    const arr = new Int32Array(workerData.sab);
    Atomics.store(arr, 1, 42);
    Atomics.store(arr, 0, 1);
    Atomics.notify(arr, 0);
  } else if (kind === 'exit3') {
    process.on('exit', (c) => console.log('worker exit event', c));
    process.exit(3);
    console.log('not reached');
  } else if (kind === 'throw') {
    throw new RangeError('boom in worker');
  } else if (kind === 'spin') {
    parentPort.postMessage('spinning');
    for (;;);
  } else if (kind === 'stdio') {
    console.log('line 1 from worker');
    process.stdout.write('line 2 from worker\n');
    console.error('to stderr');
  } else if (kind === 'env') {
    parentPort.postMessage([process.env.KILN_WT_TEST, typeof process.chdir]);
    try { process.chdir('/'); } catch (e) { parentPort.postMessage(e.code); }
  }
  return;
}

// The exit is awaited from the start: a case may only ask for it after the
// worker is gone (e.g. once a port's 'close' came), and 'exit' fires once.
const exitOf = new WeakMap();
function run(kind, extra = {}) {
  const w = new Worker(__filename, { workerData: { kind, ...extra.data }, ...extra.opts });
  exitOf.set(w, new Promise((resolve) => w.on('exit', resolve)));
  return w;
}

function exited(w) {
  return exitOf.get(w) ?? new Promise((resolve) => w.on('exit', resolve));
}

const cases = [
  async function echo() {
    setEnvironmentData('k', 'env-data');
    const w = run('echo');
    const got = [];
    w.on('message', (m) => {
      got.push(m);
      if (got.length === 2) w.postMessage('stop');
    });
    w.postMessage({ a: [1, 'two', { three: 3n }], d: new Date(0), m: new Map([[1, 2]]) });
    w.postMessage('second');
    console.log('echo exit', await exited(w));
    console.log(JSON.stringify(got, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  },
  async function arrayBufferTransfer() {
    const w = run('buffer');
    const ab = new ArrayBuffer(8);
    new Uint8Array(ab).set([1, 2, 3, 4, 5, 6, 7, 8]);
    const msgs = [];
    w.on('message', (m) => msgs.push(m));
    w.postMessage(ab, [ab]);
    console.log('sender detached:', ab.byteLength);
    console.log('buffer exit', await exited(w));
    console.log(msgs[0], new Uint8Array(msgs[1]), msgs[2]);
  },
  async function portTransfer() {
    const w = run('port');
    const { port1, port2 } = new MessageChannel();
    const got = [];
    port1.on('message', (m) => {
      got.push(m);
      if (got.length === 1) port1.postMessage('ping');
    });
    const closed = new Promise((resolve) => port1.on('close', resolve));
    w.postMessage({ port: port2 }, [port2]);
    await closed;
    console.log('port exit', await exited(w), got);
  },
  async function sharedArrayBuffer() {
    const sab = new SharedArrayBuffer(8);
    const arr = new Int32Array(sab);
    const w = run('atomics', { data: { sab } });
    const r = Atomics.wait(arr, 0, 0, 10000);
    console.log('wait:', r === 'ok' || r === 'not-equal', 'value:', Atomics.load(arr, 1));
    console.log('atomics exit', await exited(w));
  },
  async function receiveSync() {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage({ x: 1 });
    console.log(receiveMessageOnPort(port2), receiveMessageOnPort(port2));
    port1.close();
  },
  async function processExit() {
    const w = run('exit3');
    const out = [];
    w.on('error', (e) => out.push(`error ${e.message}`));
    console.log('exit3 code', await exited(w), out);
  },
  async function uncaught() {
    const w = run('throw');
    const events = [];
    w.on('error', (e) => events.push(`error ${e.name}: ${e.message} ${e instanceof Error}`));
    w.on('exit', (c) => events.push(`exit ${c}`));
    await exited(w);
    console.log(events);
  },
  async function terminate() {
    const w = run('spin');
    await new Promise((resolve) => w.once('message', resolve));
    const code = await w.terminate();
    console.log('terminate resolved', code);
  },
  async function evalWorker() {
    const w = new Worker(
      'require("worker_threads").parentPort.postMessage(require("worker_threads").workerData * 2)',
      { eval: true, workerData: 21 });
    const [m] = await Promise.all([new Promise((r) => w.once('message', r)), exited(w)]);
    console.log('eval result', m);
  },
  async function stdio() {
    const w = run('stdio', { opts: { stdout: true, stderr: true } });
    let out = '';
    let err = '';
    w.stdout.setEncoding('utf8').on('data', (d) => { out += d; });
    w.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    await exited(w);
    await new Promise((r) => setImmediate(r));
    console.log(JSON.stringify(out), JSON.stringify(err));
  },
  async function env() {
    process.env.KILN_WT_TEST = 'copied';
    const w = run('env');
    const got = [];
    w.on('message', (m) => got.push(m));
    await exited(w);
    const w2 = run('env', { opts: { env: SHARE_ENV } });
    w2.on('message', (m) => got.push(m));
    await exited(w2);
    console.log(got);
  },
  async function badPath() {
    try {
      new Worker('relative.js');
    } catch (e) {
      console.log(e.code, e.name);
    }
  },
];

(async () => {
  for (const c of cases) {
    console.log(`-- ${c.name}`);
    await c();
  }
})();
