'use strict';
// child_process, differentially: spawn/exec/execFile/fork and the *Sync forms
// against node. Volatile fields (pids, stacks) are left out of the output.
// Each case runs to completion before the next, so the output order is fixed.

const cp = require('child_process');
const util = require('util');
const path = require('path');

const fixture = path.join(__dirname, 'fixtures', 'child_process_fork_child.js');

function log(...args) { console.log(...args); }

function bytes(x) {
  if (x == null) return String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  return `<${x.constructor === Uint8Array || x instanceof Uint8Array ? 'bytes' : typeof x} ` +
    `${JSON.stringify(Array.prototype.map.call(x, (b) => String.fromCharCode(b)).join(''))}>`;
}

function errInfo(e) {
  if (!e) return String(e);
  const out = { name: e.name, message: e.message };
  for (const k of ['code', 'errno', 'syscall', 'path', 'spawnargs', 'killed', 'signal',
                   'cmd', 'status']) {
    if (k in e) out[k] = e[k];
  }
  if ('stdout' in e) out.stdout = bytes(e.stdout);
  if ('stderr' in e) out.stderr = bytes(e.stderr);
  return JSON.stringify(out);
}

// Runs a child to its 'close', recording events in order.
function run(file, args, options, feed) {
  return new Promise((resolve) => {
    const child = cp.spawn(file, args, options);
    const events = [];
    let out = '';
    let err = '';
    child.on('spawn', () => events.push('spawn'));
    child.on('error', (e) => events.push('error ' + errInfo(e)));
    child.on('exit', (code, sig) => events.push(`exit ${code} ${sig}`));
    if (child.stdout) {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => { out += d; });
      child.stdout.on('end', () => events.push('stdout end'));
    }
    if (child.stderr) {
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d) => { err += d; });
    }
    if (feed) feed(child);
    child.on('close', (code, sig) => {
      events.push(`close ${code} ${sig}`);
      resolve({ child, events, out, err });
    });
  });
}

const tests = [];
function test(name, fn) { tests.push([name, fn]); }

test('spawn echo', async () => {
  const r = await run('echo', ['hello', 'world']);
  log(JSON.stringify(r.out), r.events.join(' | '));
  log('pid is number', typeof r.child.pid === 'number', r.child.exitCode, r.child.signalCode,
      r.child.killed, r.child.spawnfile, JSON.stringify(r.child.spawnargs));
  log('stdio', r.child.stdio.length, r.child.stdin !== null, r.child.stdout.readable,
      r.child.connected);
});

test('exit codes', async () => {
  for (const code of [0, 1, 3, 255]) {
    const r = await run('sh', ['-c', `exit ${code}`]);
    log('exit', code, '->', r.events.join(' | '), r.child.exitCode);
  }
});

test('signals', async () => {
  const r = await run('sleep', ['10'], {}, (child) => {
    child.on('spawn', () => log('kill returns', child.kill()));
  });
  log(r.events.join(' | '), r.child.killed, r.child.exitCode, r.child.signalCode);
  const r2 = await run('sh', ['-c', 'kill -9 $$']);
  log(r2.events.join(' | '), r2.child.killed);
  const r3 = await run('sleep', ['10'], {}, (child) => {
    child.on('spawn', () => child.kill('SIGINT'));
  });
  log(r3.events.join(' | '));
  try {
    r3.child.kill('SIGNOPE');
  } catch (e) {
    log('bad signal', errInfo(e));
  }
  log('kill after exit', r3.child.kill());
});

test('env and cwd', async () => {
  const r = await run('sh', ['-c', 'echo "$FOO|$BAR|$(pwd)"'],
                      { env: { FOO: 'foo value', BAR: '', PATH: process.env.PATH }, cwd: '/' });
  log(JSON.stringify(r.out));
  const inherited = await run('sh', ['-c', 'echo "[$KILN_CP_TEST]"']);
  log(JSON.stringify(inherited.out));
  const r2 = await run('pwd', [], { cwd: '/nonexistent-dir-xyz' });
  log(r2.events.join(' | '));
});

test('shell', async () => {
  const r = await run('echo $((6 * 7)) | tr 4 X', [], { shell: true });
  log(JSON.stringify(r.out), r.child.spawnfile, JSON.stringify(r.child.spawnargs));
  const r2 = await run('echo', ['a', 'b'], { shell: '/bin/sh' });
  log(JSON.stringify(r2.out));
  const r3 = await run('sh', ['-c', 'echo $0'], { argv0: 'custom-argv0' });
  log(JSON.stringify(r3.out));
});

test('stdin piping', async () => {
  const r = await run('cat', [], {}, (child) => {
    child.stdin.write('line one\n');
    child.stdin.write('line two\n', () => log('write cb'));
    child.stdin.end('end\n');
  });
  log(JSON.stringify(r.out), r.events.join(' | '));
  const r2 = await run('wc', ['-c'], { stdio: ['pipe', 'pipe', 'inherit'] }, (child) => {
    child.stdin.end('x'.repeat(100000));
  });
  log(r2.out.trim());
});

test('large output', async () => {
  // 1 MiB out of the child, nothing lost.
  const r = await run('sh', ['-c', 'head -c 1048576 /dev/zero | tr "\\0" a']);
  log('bytes', r.out.length, r.out === 'a'.repeat(1048576));
  // 1 MiB through cat, with backpressure on stdin.
  let writes = 0;
  let falses = 0;
  const r2 = await run('cat', [], {}, (child) => {
    const chunk = 'abcdefghijklmnop'.repeat(4096);  // 64 KiB
    let i = 0;
    function more() {
      while (i < 16) {
        i++;
        writes++;
        if (!child.stdin.write(chunk)) {
          falses++;
          child.stdin.once('drain', more);
          return;
        }
      }
      child.stdin.end();
    }
    more();
  });
  log('cat bytes', r2.out.length, writes, falses > 0,
      r2.out === 'abcdefghijklmnop'.repeat(4096 * 16));
});

test('stdio options', async () => {
  const r = await run('sh', ['-c', 'echo out; echo err >&2'], { stdio: 'ignore' });
  log(r.child.stdin, r.child.stdout, r.child.stderr, r.child.stdio, r.events.join(' | '));
  const r2 = await run('sh', ['-c', 'echo to-stderr >&2; echo to-stdout'],
                       { stdio: ['ignore', 'pipe', 1] });
  log(JSON.stringify(r2.out));
  const r3 = await run('sh', ['-c', 'echo inherited'], { stdio: 'inherit' });
  log(r3.events.join(' | '));
  const r4 = await run('sh', ['-c', 'echo overlapped'], { stdio: 'overlapped' });
  log(JSON.stringify(r4.out));
  try {
    cp.spawn('echo', [], { stdio: 'bogus' });
  } catch (e) {
    log(errInfo(e));
  }
  try {
    cp.spawn('echo', [], { stdio: ['pipe', 'pipe', 'pipe', 'ipc', 'ipc'] });
  } catch (e) {
    log(errInfo(e));
  }
});

test('ENOENT', async () => {
  const r = await run('nonexistent-command-xyz', ['a', 'b']);
  log(r.events.join(' | '));
  log('pid', r.child.pid, r.child.exitCode);
  const r2 = await run('/etc/passwd', []);
  log(r2.events.join(' | '));
  // Executable without a #! line: the shell runs it.
  const script = path.join(__dirname, 'fixtures', 'child_process_noshebang');
  const r3 = await run(script, ['one', 'two']);
  log(JSON.stringify(r3.out), r3.events.join(' | '));
});

test('exec and execFile', async () => {
  await new Promise((resolve) => {
    cp.exec('echo out; echo err >&2', (err, stdout, stderr) => {
      log('exec', err, JSON.stringify(stdout), JSON.stringify(stderr));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.exec('echo partial; echo bad >&2; exit 7', (err, stdout, stderr) => {
      log('exec fail', errInfo(err), JSON.stringify(stdout), JSON.stringify(stderr));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.execFile('echo', ['-n', 'a', 'b'], (err, stdout) => {
      log('execFile', err, JSON.stringify(stdout));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.execFile('nonexistent-command-xyz', ['q'], (err, stdout, stderr) => {
      log('execFile ENOENT', errInfo(err), JSON.stringify(stdout), JSON.stringify(stderr));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.execFile('printf', ['\\x01\\x02hi'], { encoding: 'buffer' }, (err, stdout, stderr) => {
      log('buffer', err, bytes(stdout), bytes(stderr), stdout instanceof Uint8Array);
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.exec('echo $0', { shell: '/bin/sh', encoding: 'latin1' }, (err, stdout) => {
      log('shell option', err, JSON.stringify(stdout));
      resolve();
    });
  });
});

test('promisified', async () => {
  const execP = util.promisify(cp.exec);
  const execFileP = util.promisify(cp.execFile);
  const r = await execP('echo promised; echo e >&2');
  log(JSON.stringify(r));
  const p = execFileP('sh', ['-c', 'echo x; exit 2']);
  log('has child', typeof p.child.pid === 'number');
  try {
    await p;
  } catch (e) {
    log('rejected', errInfo(e));
  }
});

test('timeout and killSignal', async () => {
  await new Promise((resolve) => {
    cp.execFile('sleep', ['10'], { timeout: 100 }, (err, stdout, stderr) => {
      log('timeout', errInfo(err));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.exec('sleep 10', { timeout: 100, killSignal: 'SIGKILL' }, (err) => {
      log('killSignal', errInfo(err));
      resolve();
    });
  });
  const r = await run('sleep', ['10'], { timeout: 100, killSignal: 'SIGINT' });
  log('spawn timeout', r.events.join(' | '));
});

test('maxBuffer', async () => {
  await new Promise((resolve) => {
    cp.exec('echo 0123456789abcdef; sleep 10', { maxBuffer: 10 }, (err, stdout) => {
      log('maxBuffer', errInfo(err), JSON.stringify(stdout));
      resolve();
    });
  });
  await new Promise((resolve) => {
    cp.execFile('sh', ['-c', 'echo 0123456789 >&2'], { maxBuffer: 4 }, (err, stdout, stderr) => {
      log('maxBuffer stderr', errInfo(err), JSON.stringify(stderr));
      resolve();
    });
  });
});

test('AbortSignal', async () => {
  const ac = new AbortController();
  const r = await run('sleep', ['10'], { signal: ac.signal }, (child) => {
    child.on('spawn', () => ac.abort());
  });
  log(r.events.join(' | '));
  const r2 = await run('sleep', ['10'], { signal: AbortSignal.abort() });
  log(r2.events.join(' | '));
});

test('detached and uid/gid', async () => {
  const r = await run('sh', ['-c', 'echo detached'], { detached: true });
  log(JSON.stringify(r.out));
  const r2 = await run('id', ['-u'], { uid: process.getuid(), gid: process.getgid() });
  log(r2.out.trim() === String(process.getuid()), r2.events.join(' | '));
});

test('unref', async () => {
  const child = cp.spawn('sleep', ['0.2'], { stdio: 'ignore' });
  child.unref();
  child.ref();
  await new Promise((resolve) => child.on('exit', (c, s) => { log('ref exit', c, s); resolve(); }));
});

test('spawnSync', async () => {
  const show = (r) => {
    const o = { ...r };
    o.pid = typeof o.pid;
    if (o.error) o.error = errInfo(o.error);
    if (o.output) o.output = o.output.map(bytes);
    o.stdout = bytes(o.stdout);
    o.stderr = bytes(o.stderr);
    log(JSON.stringify(o));
  };
  show(cp.spawnSync('sh', ['-c', 'echo hi; echo err >&2; exit 3']));
  show(cp.spawnSync('nonexistent-command-xyz', ['x']));
  show(cp.spawnSync('sh', ['-c', 'echo before; sleep 5'], { timeout: 200 }));
  show(cp.spawnSync('sh', ['-c', 'echo hello world; sleep 5'], { maxBuffer: 3 }));
  show(cp.spawnSync('sh', ['-c', 'kill -9 $$']));
  show(cp.spawnSync('cat', { input: 'abc', encoding: 'utf8' }));
  show(cp.spawnSync('cat', { input: new Uint8Array([65, 66, 10]) }));
  show(cp.spawnSync('sh', ['-c', 'echo hi'], { stdio: ['pipe', 'pipe', 'ignore'] }));
  show(cp.spawnSync('pwd', { cwd: '/nonexistent-dir-xyz' }));
  show(cp.spawnSync('sh', ['-c', 'echo $X'], { env: { X: 'from env' }, encoding: 'utf8' }));
  show(cp.spawnSync('sh', ['-c', 'sleep 5'], { timeout: 100, killSignal: 'SIGKILL' }));
  const big = cp.spawnSync('sh', ['-c', 'head -c 3000000 /dev/zero'], { maxBuffer: Infinity });
  log('big', big.stdout.length, big.status);
  const r = cp.spawnSync('sh', ['-c', 'echo inherited sync'], { stdio: 'inherit' });
  log('inherit', r.status, r.stdout, r.output);
  try {
    cp.spawnSync('echo', { stdio: ['pipe', 'ipc'] });
  } catch (e) {
    log(errInfo(e));
  }
});

test('execSync and execFileSync', async () => {
  log(JSON.stringify(cp.execSync('echo sync; echo e >/dev/null', { encoding: 'utf8' })));
  log(bytes(cp.execFileSync('echo', ['file', 'sync'])));
  log(JSON.stringify(cp.execFileSync('cat', { input: 'in', encoding: 'utf8' })));
  try {
    cp.execSync('echo o; echo problem >&2; exit 4', { stdio: 'pipe' });
  } catch (e) {
    log('execSync', errInfo(e), e.output.map(bytes));
  }
  try {
    cp.execFileSync('sh', ['-c', 'exit 5'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (e) {
    log('execFileSync', errInfo(e));
  }
  try {
    cp.execFileSync('nonexistent-command-xyz', ['z']);
  } catch (e) {
    log('execFileSync ENOENT', errInfo(e), Object.keys(e).join());
  }
  try {
    cp.execSync('sleep 5', { timeout: 100 });
  } catch (e) {
    log('execSync timeout', errInfo(e));
  }
});

test('validation', async () => {
  const attempts = [
    () => cp.spawn(123),
    () => cp.spawn(''),
    () => cp.spawn('echo', 'notarray'),
    () => cp.spawn('echo', [], { cwd: 42 }),
    () => cp.spawn('echo', [], { uid: 'root' }),
    () => cp.spawn('echo', [], { detached: 1 }),
    () => cp.spawn('echo', [], { shell: 3 }),
    () => cp.spawn('echo', ['a\u0000b']),
    () => cp.spawn('echo', [], { timeout: -1 }),
    () => cp.spawn('echo', [], { killSignal: 'NOPE' }),
    () => cp.spawn('echo', [], { signal: 'x' }),
    () => cp.execFile('echo', [], { maxBuffer: -1 }),
    () => cp.spawnSync('echo', { input: 5 }),
    () => cp.exec(5),
    () => cp.fork('x', [], { stdio: ['pipe', 'pipe', 'pipe'] }),
    () => cp.execFile('echo', [], {}, 'notfn'),
  ];
  for (const fn of attempts) {
    try {
      fn();
      log('no throw');
    } catch (e) {
      log(e.name, e.code, e.message);
    }
  }
});

test('fork', async () => {
  const child = cp.fork(fixture, ['arg1'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  log('connected', child.connected, typeof child.send, typeof child.channel);
  const messages = [];
  await new Promise((resolve) => {
    child.on('message', (m) => {
      messages.push(JSON.stringify(m));
      if (m.ready) {
        child.send({ hello: 'world', n: [1, 2, 3], u: '\u00e9\u20ac' });
        child.send('a string');
      } else if (m.echo === 'a string') {
        child.send({ cmd: 'exit', code: 6 });
      }
    });
    child.on('disconnect', () => messages.push('disconnect'));
    child.on('exit', (code, sig) => messages.push(`exit ${code} ${sig}`));
    child.on('close', (code, sig) => {
      messages.push(`close ${code} ${sig}`);
      resolve();
    });
  });
  for (const m of messages) log(m);
  log('connected after', child.connected);
  child.send('late', (err) => log('late send', errInfo(err)));
  await new Promise((resolve) => setTimeout(resolve, 10));
});

test('fork and disconnect from the parent', async () => {
  const child = cp.fork(fixture, [], { silent: true });
  await new Promise((resolve) => child.once('message', resolve));
  child.disconnect();
  log('after disconnect', child.connected);
  const [code, sig] = await new Promise((resolve) => child.on('exit', (...a) => resolve(a)));
  log('exit', code, sig);
  child.on('error', (e) => log('error', errInfo(e)));
  child.disconnect();
  await new Promise((resolve) => setTimeout(resolve, 10));
});

test('fork and send a socket', async () => {
  const net = require('net');
  const child = cp.fork(fixture, []);
  await new Promise((resolve) => child.once('message', resolve));
  const server = net.createServer((conn) => {
    log('send returns', child.send({ cmd: 'socket' }, conn));
    log('socket handed over', conn._handle === null);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = net.connect(server.address().port, '127.0.0.1');
  let data = '';
  client.setEncoding('utf8');
  client.on('data', (d) => { data += d; });
  await new Promise((resolve) => client.on('close', resolve));
  log('client got', JSON.stringify(data));
  server.close();
  child.disconnect();
  await new Promise((resolve) => child.on('exit', resolve));
  try {
    child.connected = true;
    child.send('x', {});
  } catch (e) {
    log(errInfo(e));
  }
  child.connected = false;
});

test('no fd or zombie left after 1,000 spawns', async () => {
  const fs = require('fs');
  const openFds = () => fs.readdirSync('/proc/self/fd').length;
  const before = openFds();
  for (let i = 0; i < 1000; i++) {
    await new Promise((resolve) => {
      const child = cp.spawn(i % 10 === 9 ? 'nonexistent-command-xyz' : 'true');
      child.on('error', () => {});
      child.on('close', resolve);
    });
  }
  for (let i = 0; i < 100; i++) cp.spawnSync(i % 2 ? 'true' : 'nonexistent-command-xyz');
  await new Promise((resolve) => setTimeout(resolve, 50));
  log('fds back to', openFds() <= before);
  const children = cp.execFileSync('ps', ['--ppid', String(process.pid), '-o', 'stat='],
                                   { encoding: 'utf8' });
  log('zombies', children.split('\n').filter((l) => l.startsWith('Z')).length);
});

(async () => {
  process.env.KILN_CP_TEST = 'inherited env';
  for (const [name, fn] of tests) {
    log(`--- ${name}`);
    await fn();
  }
  log('done');
})();
