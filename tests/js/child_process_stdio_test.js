'use strict';
// child_process stdio beyond 'pipe': file descriptors, a file stream and a
// socket handed to the child as its stdio, 'ignore'/'inherit' per slot,
// and windowsHide (accepted, ignored). Runs under kiln and node; output
// must match.

const cp = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const file = path.join(os.tmpdir(), `kiln-cp-stdio-${process.pid}`);

function close(child) {
  return new Promise((resolve) => child.on('close', (code, sig) => resolve(`${code} ${sig}`)));
}

(async () => {
  // Raw fds, in spawnSync and spawn.
  let fd = fs.openSync(file, 'w');
  const r = cp.spawnSync('sh', ['-c', 'echo to-fd; echo err-fd >&2'], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  console.log('sync fd', r.status, r.stdout, r.stderr, JSON.stringify(fs.readFileSync(file, 'utf8')));
  fd = fs.openSync(file, 'r');
  const fromFd = cp.spawn('cat', [], { stdio: [fd, 'pipe', 'ignore'] });
  let out = '';
  fromFd.stdout.on('data', (d) => { out += d; });
  console.log('spawn fd in', await close(fromFd), JSON.stringify(out), fromFd.stdin);
  fs.closeSync(fd);

  // An open fs.WriteStream as stdout.
  const ws = fs.createWriteStream(file);
  await new Promise((resolve) => ws.on('open', resolve));
  console.log('stream', await close(cp.spawn('sh', ['-c', 'echo via-stream'], { stdio: ['ignore', ws, 'ignore'] })));
  await new Promise((resolve) => ws.end(resolve));
  console.log(JSON.stringify(fs.readFileSync(file, 'utf8')));

  // A connected socket as the child's stdin and stdout.
  const server = net.createServer(async (sock) => {
    console.log('socket child', await close(cp.spawn('cat', [], { stdio: [sock, sock, 'ignore'] })));
    sock.destroy();
    server.close();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = net.connect(server.address().port, '127.0.0.1', () => client.end('ping through socket\n'));
  let got = '';
  client.on('data', (d) => { got += d; });
  await new Promise((resolve) => client.on('close', resolve));
  console.log('client', JSON.stringify(got));

  // Mixed slots and windowsHide.
  const mixed = cp.spawnSync('sh', ['-c', 'echo o; echo e >&2'], { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true,
                                                                  encoding: 'utf8' });
  console.log('mixed', mixed.status, mixed.stdout, JSON.stringify(mixed.stderr), JSON.stringify(mixed.output));
  const viaExec = cp.execFileSync('sh', ['-c', 'echo hidden'], { windowsHide: true, encoding: 'utf8' });
  console.log('windowsHide', JSON.stringify(viaExec));
  fs.unlinkSync(file);
})();
