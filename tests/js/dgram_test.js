'use strict';
// dgram against node, on 127.0.0.1 and ::1 only, one step at a time so the
// output order is fixed: echo, rinfo, buffer lists, connected sockets,
// errors, socket options and close semantics. Ports vary: printed as PORT.
const dgram = require('dgram');
const { once } = require('events');

function log(...args) { console.log(...args); }

function errInfo(e) {
  return [e.name, e.code, e.errno, e.syscall, e.address, e.port === undefined ? '' : 'port',
    e.message.replace(/:\d+$/, ':PORT')].join(' | ');
}

function threw(fn) {
  try {
    const r = fn();
    return `returned ${typeof r === 'object' ? 'object' : r}`;
  } catch (e) {
    return `${errInfo(e)}${e.info ? ` ${JSON.stringify(e.info)}` : ''}`;
  }
}

function rinfoText(r, port) {
  return `${Object.keys(r).join(',')} ${r.address} ${r.family} ${r.port === port} ${r.size}`;
}

async function bound(type, ...args) {
  const s = dgram.createSocket(type);
  s.bind(...args);
  await once(s, 'listening');
  return s;
}

async function echo() {
  const server = await bound('udp4', 0, '127.0.0.1');
  const port = server.address().port;
  log('address', Object.keys(server.address()), server.address().family);
  server.on('message', (msg, rinfo) => {
    log('server got', Buffer.isBuffer(msg), JSON.stringify(msg.toString()), rinfoText(rinfo, port));
    server.send(msg, rinfo.port, rinfo.address, (err, n) => log('reply sent', err, n));
  });
  const client = dgram.createSocket('udp4');
  const sends = [
    ['hello', port, '127.0.0.1'],
    [[Buffer.from('ab'), 'cd', new Uint8Array([101, 102])], port, 'localhost'],
    [Buffer.from('0123456789'), 2, 5, port, '127.0.0.1'],
    ['offset-string', 7, 3, port, '127.0.0.1'],
    [Buffer.alloc(0), port, '127.0.0.1'],
    [[], port, '127.0.0.1'],
    [new DataView(new ArrayBuffer(3)), port],
  ];
  for (const args of sends) {
    const sent = new Promise((r) => client.send(...args, (err, n) => r(`${err} ${n}`)));
    const [msg, rinfo] = await once(client, 'message');
    log('sent', await sent, '| client got', JSON.stringify(msg.toString()), rinfo.port === port);
  }
  log('queue', client.getSendQueueSize(), client.getSendQueueCount());
  const big = await new Promise((r) => client.send(Buffer.alloc(70000), port, '127.0.0.1', r));
  log('too big', errInfo(big));
  client.close();
  server.close();
  await once(server, 'close');
}

async function connected() {
  const server = await bound('udp4', 0, '127.0.0.1');
  const port = server.address().port;
  const client = dgram.createSocket('udp4');
  log('remote before', threw(() => client.remoteAddress()));
  log('disconnect before', threw(() => client.disconnect()));
  client.connect(port, '127.0.0.1', () => log('connect callback'));
  log('connect again', threw(() => client.connect(port)));
  await once(client, 'connect');
  const r = client.remoteAddress();
  log('remote', r.address, r.family, r.port === port);
  log('send with port', threw(() => client.send('x', port)));
  log('send with address', threw(() => client.send('x', 0, 1, port, '127.0.0.1')));
  client.send('one');
  client.send(Buffer.from('two--'), 0, 3, (err, n) => log('connected send cb', err, n));
  client.send(['th', 'ree']);
  for (let i = 0; i < 3; i++) {
    const [msg, rinfo] = await once(server, 'message');
    log('server got', msg.toString(), rinfo.port === client.address().port);
  }
  client.disconnect();
  log('remote after', threw(() => client.remoteAddress()));
  log('send unconnected without port', threw(() => client.send('x')));
  client.close();

  // Connected to a port nobody listens on: the kernel's ICMP error.
  const lonely = dgram.createSocket('udp4');
  lonely.on('error', (e) => log('lonely error', errInfo(e)));
  lonely.connect(port);
  await once(lonely, 'connect');
  server.close();
  await once(server, 'close');
  lonely.send('anyone?');
  await once(lonely, 'error');
  lonely.close();

  const early = dgram.createSocket('udp4');
  early.connect(9, 'localhost', (err) => log('connect to localhost', err));
  await once(early, 'connect');
  early.close();
  // A lookup failure goes to the callback, or to 'error' without one.
  const lookup = (address, family, cb) => {
    if (address === '0.0.0.0') cb(null, address, 4);
    else cb(Object.assign(new Error(`no ${address}`), { code: 'X' }));
  };
  const bad = dgram.createSocket({ type: 'udp4', lookup });
  bad.connect(80, 'somewhere', (err) => log('connect lookup failed', errInfo(err)));
  await new Promise((r) => setTimeout(r, 20));
  bad.on('error', (err) => log('connect error event', errInfo(err)));
  bad.connect(80, 'elsewhere');
  await new Promise((r) => setTimeout(r, 20));
  bad.send('x', 80, 'there', (err) => log('send lookup failed', errInfo(err)));
  await new Promise((r) => setTimeout(r, 20));
  bad.close();
}

async function errors() {
  log('bad type', threw(() => dgram.createSocket('udp5')));
  log('bad type object', threw(() => dgram.createSocket({ type: 'tcp' })));
  log('bad lookup', threw(() => dgram.createSocket({ type: 'udp4', lookup: 1 })));
  log('bad recvBufferSize', threw(() => dgram.createSocket({ type: 'udp4', recvBufferSize: -1 })));
  const s = dgram.createSocket('udp4');
  log('address unbound', threw(() => s.address()));
  log('setTTL unbound', threw(() => s.setTTL(5)));
  log('setTTL range', threw(() => s.setTTL(0)));
  log('setTTL type', threw(() => s.setTTL('5')));
  log('setMulticastTTL range', threw(() => s.setMulticastTTL(256)));
  log('setBroadcast unbound', threw(() => s.setBroadcast(true)));
  log('getRecvBufferSize unbound', threw(() => s.getRecvBufferSize()));
  log('setSendBufferSize bad', threw(() => s.setSendBufferSize(-5)));
  log('setMulticastInterface bad', threw(() => s.setMulticastInterface('nope')));
  log('setMulticastInterface type', threw(() => s.setMulticastInterface(5)));
  log('addMembership missing', threw(() => s.addMembership()));
  log('addMembership bad', threw(() => s.addMembership('1.2.3.4')));
  log('source membership type', threw(() => s.addSourceSpecificMembership(1, '232.1.1.1')));
  for (const args of [['x'], ['x', 0], ['x', 65536], ['x', -1], [5, 1234], [{}, 1234],
    [['a', 5], 1234], ['x', 0, 5, 1234, '127.0.0.1'], [Buffer.alloc(2), 5, 1, 1234, 'localhost'],
    ['x', 1234, 5]]) {
    log('send', JSON.stringify(args), threw(() => s.send(...args)));
  }
  log('sendto', threw(() => s.sendto('x', 'a', 1, 1234, 'localhost')));
  s.close();
  log('close again', threw(() => s.close()));
  log('send closed', threw(() => s.send('x', 1234, '127.0.0.1')));
  log('bind closed', threw(() => s.bind(0)));
  log('address closed', threw(() => s.address()));
  log('ref closed', s.ref() === s, s.unref() === s);

  const a = await bound('udp4', 0, '127.0.0.1');
  const port = a.address().port;
  log('bind again', threw(() => a.bind(0)));
  const b = dgram.createSocket('udp4');
  b.bind(port, '127.0.0.1');
  const [err] = await once(b, 'error');
  log('EADDRINUSE', errInfo(err), err.port === port);
  b.close();
  a.close();
  const c = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  const d = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  await new Promise((r) => c.bind(0, '127.0.0.1', r));
  await new Promise((r) => d.bind(c.address().port, '127.0.0.1', r));
  log('reuseAddr', c.address().port === d.address().port);
  c.close();
  d.close();
  const f = dgram.createSocket('udp4');
  f.bind(0, '::1');
  log('wrong family', errInfo((await once(f, 'error'))[0]));
  f.close();
}

async function options() {
  const s = await bound({ type: 'udp4', recvBufferSize: 10000, sendBufferSize: 20000 }, 0);
  log('buffer sizes from options', s.getRecvBufferSize(), s.getSendBufferSize());
  s.setRecvBufferSize(30000);
  log('recv buffer', s.getRecvBufferSize());
  log('setTTL', s.setTTL(64), s.setTTL(1.5), threw(() => s.setTTL(256)));
  log('setMulticastTTL', s.setMulticastTTL(0), s.setMulticastTTL(255));
  log('setMulticastLoopback', s.setMulticastLoopback(false), s.setMulticastLoopback(1));
  log('setBroadcast', s.setBroadcast(true), s.setBroadcast(false));
  log('setMulticastInterface', threw(() => s.setMulticastInterface('127.0.0.1')));
  log('dropMembership never joined', threw(() => s.dropMembership('224.0.0.114')));
  log('addMembership bad interface', threw(() => s.addMembership('224.0.0.114', 'bad')));
  log('remote unconnected', threw(() => s.remoteAddress()));
  log('hasRef', typeof s.ref, s.unref() === s, s.ref() === s);
  s.close(() => log('close callback'));
  s.on('close', () => log('close event'));
  log('after close call');
  await once(s, 'close');
}

async function closeSemantics() {
  // close() while the implicit bind waits: it waits too, and the queued
  // send, still looking its address up, is dropped.
  const server = await bound('udp4', 0, '127.0.0.1');
  const port = server.address().port;
  const client = dgram.createSocket('udp4');
  client.on('listening', () => log('client listening'));
  client.send('queued', port, '127.0.0.1', (err, n) => log('queued send', err, n));
  client.close(() => log('client closed'));
  server.on('message', (msg) => log('server got', msg.toString()));
  await new Promise((r) => setTimeout(r, 50));

  // close() right after bind(): no 'listening'.
  const quick = dgram.createSocket('udp4');
  quick.on('listening', () => log('quick listening (unexpected)'));
  quick.bind(0);
  quick.close(() => log('quick closed'));
  await new Promise((r) => setTimeout(r, 20));

  // An aborted signal closes the socket.
  const ac = new AbortController();
  const aborted = dgram.createSocket({ type: 'udp4', signal: ac.signal });
  aborted.on('close', () => log('aborted socket closed'));
  ac.abort();
  await new Promise((r) => setTimeout(r, 20));
  const pre = dgram.createSocket({ type: 'udp4', signal: AbortSignal.abort() });
  log('pre-aborted', threw(() => pre.address()));
  server.close();
}

async function ipv6() {
  const server = await bound('udp6', 0, '::1');
  const port = server.address().port;
  log('udp6 address', server.address().address, server.address().family);
  const client = dgram.createSocket('udp6');
  client.send('six', port, '::1');
  const [msg, rinfo] = await once(server, 'message');
  log('udp6 got', msg.toString(), rinfoText(rinfo, port));
  client.send('to v4', port, '127.0.0.1', (err) => log('udp6 to v4', errInfo(err)));
  await new Promise((r) => setTimeout(r, 20));
  client.close();
  server.close();
  const only = dgram.createSocket({ type: 'udp6', ipv6Only: true });
  only.bind(0, () => {
    log('ipv6Only', only.address().address);
    only.close();
  });
  await once(only, 'close');
}

async function main() {
  for (const step of [echo, connected, errors, options, closeSemantics, ipv6]) {
    log(`-- ${step.name}`);
    await step();
  }
  // An unref'd socket does not keep the process alive.
  const idle = await bound('udp4', 0);
  idle.unref();
  process.on('exit', () => log('exit'));
}

main();
