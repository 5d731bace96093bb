'use strict';
// net and dns against node: servers on 127.0.0.1 (and a unix socket) only,
// one step at a time so the output order is fixed.
const net = require('net');
const dns = require('dns');
const os = require('os');
const path = require('path');
const { once } = require('events');

function log(...args) { console.log(...args); }

function errInfo(e) {
  return [e.name, e.code, e.errno, e.syscall, e.address, e.port, e.message].join(' | ');
}

function threw(fn) {
  try {
    fn();
    return 'no throw';
  } catch (e) {
    return `${e.name} ${e.code}: ${e.message}`;
  }
}

async function listen(server, ...args) {
  server.listen(...args);
  await once(server, 'listening');
  return server.address().port;
}

async function echoAndEvents() {
  const events = [];
  const server = net.createServer((sock) => {
    events.push(`server connection ${sock.remoteAddress} ${sock.remoteFamily} ${sock.localPort === port}`);
    sock.setEncoding('utf8');
    sock.on('data', (d) => { events.push(`server data ${JSON.stringify(d)}`); sock.write(d.toUpperCase()); });
    sock.on('end', () => { events.push('server end'); sock.end('bye'); });
    sock.on('close', (hadError) => events.push(`server close ${hadError}`));
  });
  const port = await listen(server, 0, '127.0.0.1');
  const a = server.address();
  log('address', a.address, a.family, typeof a.port, server.listening);
  const c = net.connect({ port, host: '127.0.0.1' });
  log('connecting', c.connecting, c.pending, c.readyState);
  c.on('lookup', () => events.push('client lookup'));
  c.on('connect', () => events.push(`client connect ${c.remoteAddress}:${c.remotePort === port} ${c.localAddress}`));
  c.on('ready', () => events.push('client ready'));
  await once(c, 'connect');
  log('connected', c.connecting, c.pending, c.readyState);
  c.write('hello');
  const [d1] = await once(c, 'data');
  events.push(`client data ${d1}`);
  c.end();
  const chunks = [];
  c.on('data', (d) => chunks.push(String(d)));
  await once(c, 'close');
  events.push(`client rest ${chunks.join('')}`);
  log('after close', c.readyState, c.destroyed, c.bytesRead, c.bytesWritten, c.remoteAddress);
  server.close();
  await once(server, 'close');
  log(events.join('\n'));
}

async function errors() {
  const c = net.connect(1, '127.0.0.1');
  const [e] = await once(c, 'error').catch((err) => [err]);
  log('refused', errInfo(e));
  const s1 = net.createServer();
  const port = await listen(s1, 0, '127.0.0.1');
  const s2 = net.createServer();
  s2.listen(port, '127.0.0.1');
  const [e2] = await once(s2, 'error').catch((err) => [err]);
  log('inuse', errInfo(e2).split(String(port)).join('PORT'));
  s1.close();
  log(threw(() => net.connect({})));
  log(threw(() => net.connect({ port: -1 })));
  log(threw(() => net.connect({ port: 80, host: '127.0.0.1', localAddress: 'nope' })));
  log(threw(() => new net.Socket().setTimeout(-1)));
  log(threw(() => net.createServer().listen({ foo: 1 })));
  const s3 = net.createServer();
  s3.close((err) => log('close not running', err.code, err.message));
  await new Promise((r) => setImmediate(r));
  const un = new net.Socket();
  un.on('error', (err) => log('write before connect', err.code));
  un.write('x', (err) => log('write cb', err && err.code));
  await new Promise((r) => setTimeout(r, 20));
}

async function halfOpenAndReset() {
  const server = net.createServer({ allowHalfOpen: true }, (sock) => {
    sock.on('end', () => {
      log('server got FIN; still writable', sock.writable);
      setTimeout(() => sock.end('late reply'), 10);
    });
    sock.resume();
  });
  const port = await listen(server, 0, '127.0.0.1');
  const c = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await once(c, 'connect');
  c.end();
  let got = '';
  c.on('data', (d) => { got += d; });
  await once(c, 'end');
  log('half open reply', got);
  await once(c, 'close');

  // resetAndDestroy: the peer sees ECONNRESET.
  const p2 = new Promise((resolve) => {
    server.once('connection', (sock) => {
      sock.on('error', (e) => { log('peer error', e.code, e.syscall); resolve(); });
      sock.on('close', () => resolve());
    });
  });
  const c2 = net.connect({ port, host: '127.0.0.1' });
  await once(c2, 'connect');
  await new Promise((r) => setTimeout(r, 10));
  c2.resetAndDestroy();
  await p2;
  server.close();
  await once(server, 'close');
}

async function backpressureAndTimeout() {
  const total = 4 * 1024 * 1024;
  const server = net.createServer((sock) => {
    let n = 0;
    sock.pause();
    setTimeout(() => {
      sock.on('data', (d) => { n += d.length; });
      sock.on('end', () => { log('server received', n); sock.end(); });
      sock.resume();
    }, 50);
  });
  const port = await listen(server, 0, '127.0.0.1');
  const c = net.connect(port, '127.0.0.1');
  await once(c, 'connect');
  const buf = Buffer.alloc(64 * 1024, 97);
  let writes = 0;
  let sawFalse = false;
  for (let sent = 0; sent < total; sent += buf.length) {
    if (!c.write(buf)) {
      sawFalse = true;
      await once(c, 'drain');
    }
    writes++;
  }
  c.end();
  log('writes', writes, 'saw backpressure', sawFalse, 'bufferSize', typeof c.bufferSize);
  c.resume();
  await once(c, 'close');
  log('client wrote', c.bytesWritten);

  // setTimeout on an idle socket.
  const c2 = net.connect(port, '127.0.0.1');
  c2.setTimeout(30, () => { log('timeout fired', c2.timeout); c2.destroy(); });
  await once(c2, 'close');
  server.close();
  await once(server, 'close');
}

async function serverFeatures() {
  const server = net.createServer((sock) => sock.end());
  server.maxConnections = 1;
  server.on('drop', (d) => log('drop', d.localAddress, d.remoteFamily));
  const port = await listen(server, { port: 0, host: '127.0.0.1' });
  const c1 = net.connect(port, '127.0.0.1');
  c1.resume();
  await once(c1, 'connect');
  await new Promise((r) => server.getConnections((err, n) => { log('connections', err, n); r(); }));
  await once(c1, 'close');
  log('returns this', server.ref() === server, server.unref() === server);
  server.close();
  await once(server, 'close');
  const s = new net.Socket();
  log('socket opts', s.setNoDelay() === s, s.setKeepAlive(true, 1000) === s, s.address());
}

async function unixSocket() {
  const p = path.join(os.tmpdir(), `kiln-net-test-${process.pid}.sock`);
  const server = net.createServer((sock) => sock.end('over unix'));
  server.listen(p);
  await once(server, 'listening');
  log('unix address is path', server.address() === p);
  const c = net.connect(p);
  let got = '';
  c.on('data', (d) => { got += d; });
  await once(c, 'end');
  log('unix got', got, c.remoteAddress);
  server.close();
  await once(server, 'close');
  const bad = net.connect(path.join(os.tmpdir(), `kiln-missing-${process.pid}.sock`));
  const [e] = await once(bad, 'error').catch((err) => [err]);
  log('unix missing', e.code, e.syscall, e.message.replace(/\/.*$/, '<path>'));
}

async function ipAndBlockList() {
  for (const a of ['127.0.0.1', '::1', '::ffff:10.0.0.1', '1.2.3', 'fe80::1%eth0', 'x', '', '01.1.1.1']) {
    log('isIP', JSON.stringify(a), net.isIP(a), net.isIPv4(a), net.isIPv6(a));
  }
  const bl = new net.BlockList();
  bl.addAddress('10.0.0.1');
  bl.addRange('192.168.0.10', '192.168.0.20');
  bl.addSubnet('2001:db8::', 32, 'ipv6');
  log(bl.rules);
  log(bl.check('10.0.0.1'), bl.check('192.168.0.15'), bl.check('192.168.0.21'),
      bl.check('2001:db8::1', 'ipv6'), bl.check('::ffff:10.0.0.1', 'ipv6'));
  const sa = new net.SocketAddress({ address: '::1', family: 'ipv6', port: 8080 });
  log(sa.address, sa.port, sa.family, sa.flowlabel, JSON.stringify(sa));
  log(threw(() => new net.SocketAddress({ family: 'ipx' })));
}

async function dnsLookups() {
  await new Promise((r) => dns.lookup('localhost', { family: 4 }, (err, addr, fam) => {
    log('lookup localhost', err, addr, fam);
    r();
  }));
  await new Promise((r) => dns.lookup('127.0.0.1', { all: true }, (err, list) => {
    log('lookup literal all', err, list);
    r();
  }));
  log('promises', await dns.promises.lookup('localhost', 4));
  log(threw(() => dns.lookup('x', { family: 5 }, () => {})));
  log(threw(() => dns.lookupService('nope', 80, () => {})));
  log(dns.ADDRCONFIG, dns.V4MAPPED, dns.ALL, dns.NOTFOUND, dns.getDefaultResultOrder());
}

(async () => {
  await echoAndEvents();
  await errors();
  await halfOpenAndReset();
  await backpressureAndTimeout();
  await serverFeatures();
  await unixSocket();
  await ipAndBlockList();
  await dnsLookups();
  log('done');
})();
