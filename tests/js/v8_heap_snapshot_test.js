'use strict';
// v8.writeHeapSnapshot / getHeapSnapshot: Node's default file name, the JSON's
// sections, option and path errors. Runs in the temp dir (the default file
// goes to the working directory).
process.chdir(require('os').tmpdir());
const v8 = require('v8'); const fs = require('fs');
const f = v8.writeHeapSnapshot();
console.log(/^Heap\.\d{8}\.\d{6}\.\d+\.0\.001\.heapsnapshot$/.test(f), Object.keys(JSON.parse(fs.readFileSync(f, 'utf8'))).join());
fs.unlinkSync(f);
const f2 = v8.writeHeapSnapshot('require('path').join(require('os').tmpdir(), 'kiln-t.heapsnapshot')', { exposeNumericValues: true }); console.log(f2.endsWith('kiln-t.heapsnapshot'), fs.statSync(f2).size > 1000); fs.unlinkSync(f2);
const s = v8.getHeapSnapshot(); console.log(s.constructor.name, typeof s.read);
let text = ''; s.setEncoding('utf8'); s.on('data', (d) => text += d); s.on('end', () => console.log('json', Object.keys(JSON.parse(text)).join()));
for (const bad of [[1], [undefined, 1], [undefined, { exposeInternals: 1 }]]) {
  try { v8.writeHeapSnapshot(...bad); } catch (e) { console.log(e.code, e.message); }
}
try { v8.getHeapSnapshot(1); } catch (e) { console.log(e.code, e.message); }
try { v8.writeHeapSnapshot('/nonexistent/dir/x.heapsnapshot'); } catch (e) { console.log(e.code, e.syscall); }
{
  // worker.getHeapSnapshot(): the worker's own heap, taken on its thread;
  // ERR_WORKER_NOT_RUNNING once it is gone.
  const { Worker } = require('worker_threads');
  const w = new Worker('setInterval(() => {}, 1000)', { eval: true });
  w.once('online', async () => {
    const s = await w.getHeapSnapshot();
    console.log('worker snapshot', Object.keys(JSON.parse(s.read())).length);
    await w.terminate();
    try { await w.getHeapSnapshot(); } catch (e) { console.log(e.code, e.message); }
  });
}
