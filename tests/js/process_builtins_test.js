'use strict';
// process.loadEnvFile, process.getBuiltinModule, process.constrainedMemory /
// availableMemory (Node 20.12+/20.16+).
const fs = require('fs');
const os = require('os');
const path = require('path');
const file = path.join(os.tmpdir(), `kiln-env-${process.pid}.env`);
fs.writeFileSync(file, 'KILN_T_A=1\nKILN_T_B="two words"\nexport KILN_T_C=3\nPATH=nope\n');
process.loadEnvFile(file);
console.log(process.env.KILN_T_A, process.env.KILN_T_B, process.env.KILN_T_C, process.env.PATH !== 'nope');
console.log(require('child_process').execSync('echo $KILN_T_C', { encoding: 'utf8' }).trim());
fs.unlinkSync(file);
for (const bad of ['/no/such/file.env', 123]) {
  try { process.loadEnvFile(bad); } catch (e) { console.log(e.code, e.message); }
}
const get = process.getBuiltinModule;
console.log(get('fs') === require('fs'), get('node:path') === require('path'), get('nope'),
            get('node:test') !== undefined, get('test'), get('internal/errors'), get('node:nope'));
try { get(1); } catch (e) { console.log(e.code, e.message); }
const limit = process.constrainedMemory();
console.log(typeof limit, limit >= 0, typeof process.availableMemory(), process.availableMemory() > 0);

// process.debugPort: Node's default inspector port, settable to 0 or
// 1024-65535 (ToInt32 first); a worker's cannot change, nor its title, and
// with NODE_CHANNEL_FD set its IPC members are disabled stubs.
console.log('debugPort', process.debugPort, Object.keys(process).includes('debugPort'));
for (const v of ['1025', 80, 70000, -1, 2 ** 32 + 2000, 'x']) {
  try {
    process.debugPort = v;
    console.log('debugPort =', v, process.debugPort);
  } catch (e) {
    console.log('debugPort =', v, e.name, e.code, e.message, Object.keys(e));
  }
}
{
  const { Worker } = require('worker_threads');
  const w = new Worker(`
    const title = process.title;
    process.title += ' in worker';
    process.debugPort = 2000;
    const ipc = ['send', 'disconnect'].map((n) => [typeof process[n], process[n]?.disabled]);
    let channel;
    try { process.channel; } catch (e) { channel = e.code; }
    console.log('worker', process.title === title, process.debugPort, process.chdir.disabled,
                JSON.stringify(ipc), channel);
  `, { eval: true, env: { ...process.env, NODE_CHANNEL_FD: 'not-a-channel' } });
  w.on('exit', () => {});
}

// process.kill: signal forms as Node's, sent through process._kill (which
// tools replace).
for (const sig of [1.5, {}, 'test', true, 987, 0]) {
  try {
    console.log('kill', sig, process.kill(process.pid, sig));
  } catch (e) {
    console.log('kill', sig, e.name, e.code, e.message);
  }
}
{
  const realKill = process._kill;
  const seen = [];
  process._kill = (pid, sig) => { seen.push([pid, sig]); };
  for (const [pid, sig] of [[0, 'SIGHUP'], ['0', undefined], [-1, null], [String(process.pid), 15]]) {
    process.kill(pid, sig);
  }
  process._kill = realKill;
  const shown = seen.map(([pid, sig]) => [`${pid}` === `${process.pid}` ? 'self' : `${pid}`, sig]);
  console.log('_kill saw', JSON.stringify(shown));
}
