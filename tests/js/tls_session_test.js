'use strict';
// TLS session resumption against node, on 127.0.0.1 only: tickets (TLS 1.2
// and 1.3), session ids with 'newSession'/'resumeSession', ticket keys,
// session timeouts, https.Agent's session cache, and a node process on the
// other side of the connection. Certificates are made at run time with
// Debian's openssl (fixtures/tls_certs.js; never checked in).
const tls = require('tls');
const https = require('https');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { makeCerts } = require('./fixtures/tls_certs');
const { once } = require('events');

function log(...args) { console.log(...args); }

const certs = makeCerts('kiln-tls-session-test-', 'Kiln Session CA');
const { dir, file } = certs;
certs.signed('server', 'localhost', 'DNS:localhost,IP:127.0.0.1');

const ca = file('ca.pem');
const serverOpts = { key: file('server-key.pem'), cert: file('server.pem') };
const { SSL_OP_NO_TICKET } = crypto.constants;

async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

async function close(server) {
  server.close();
  await once(server, 'close');
}

// One connection: resolves once it closed, with what it saw.
function session(port, options = {}) {
  return new Promise((resolve) => {
    const out = { sessions: [], reused: null, protocol: null, err: null, tickets: [] };
    const s = tls.connect({ port, host: '127.0.0.1', ca, servername: 'localhost', ...options });
    s.on('secureConnect', () => {
      out.reused = s.isSessionReused();
      out.protocol = s.getProtocol();
      out.secureTicket = s.getTLSTicket();
      out.secureSession = s.getSession();
    });
    s.on('session', (data) => {
      out.sessions.push(data);
      out.tickets.push(s.getTLSTicket());
      out.sessionIsCurrent = data.equals(s.getSession());
    });
    s.on('data', () => {});
    s.on('error', (err) => { out.err = err.code || err.message; });
    s.on('close', () => resolve(out));
  });
}

function same(a, b) {
  return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
}

async function tickets() {
  const server = tls.createServer(serverOpts, (s) => s.end('hi'));
  const port = await listen(server);
  for (const maxVersion of ['TLSv1.3', 'TLSv1.2']) {
    const first = await session(port, { maxVersion });
    const last = first.sessions[first.sessions.length - 1];
    log(maxVersion, 'first', first.protocol, first.reused, first.sessions.length,
        first.sessionIsCurrent, first.tickets.every(Buffer.isBuffer),
        maxVersion === 'TLSv1.2' ? same(first.secureSession, last) : 'n/a');
    const second = await session(port, { maxVersion, session: last });
    log(maxVersion, 'second', second.protocol, second.reused, second.sessions.length,
        same(second.secureTicket, first.tickets[first.tickets.length - 1]),
        same(second.secureSession, last));
    const third = await session(port, { maxVersion, session: last });
    log(maxVersion, 'third', third.reused, third.sessions.length);
    // A session from a 1.3 connection is not offered to a 1.2-only one.
    if (maxVersion === 'TLSv1.3') {
      const older = await session(port, { maxVersion: 'TLSv1.2', session: last });
      log('1.3 session on 1.2', older.protocol, older.reused, older.err);
    }
  }
  await close(server);
}

async function sessionIds() {
  const server = tls.createServer({ ...serverOpts, secureOptions: SSL_OP_NO_TICKET },
                                  (s) => s.end('hi'));
  let port = await listen(server);
  // Without listeners there is no cache: nothing resumes.
  let first = await session(port, { maxVersion: 'TLSv1.2' });
  let second = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  log('no cache', first.reused, second.reused, first.sessions.length,
      Buffer.isBuffer(first.secureTicket));
  await close(server);

  const store = new Map();
  const events = [];
  const cached = tls.createServer({ ...serverOpts, secureOptions: SSL_OP_NO_TICKET },
                                  (s) => s.end('hi'));
  cached.on('newSession', (id, data, done) => {
    events.push(`new ${id.length} ${Buffer.isBuffer(data)}`);
    store.set(id.toString('hex'), data);
    setImmediate(done);  // the handshake waits for it
  });
  cached.on('resumeSession', (id, cb) => {
    const data = store.get(id.toString('hex'));
    events.push(`resume ${id.length} ${!!data}`);
    setTimeout(() => cb(null, data || null), 5);
  });
  port = await listen(cached);
  first = await session(port, { maxVersion: 'TLSv1.2' });
  second = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  const third = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  log('id cache', first.reused, second.reused, third.reused, events.join(', '));
  // A resumeSession callback error fails the connection.
  cached.removeAllListeners('resumeSession');
  cached.on('resumeSession', (id, cb) => cb(new Error('store down')));
  const clientErrors = [];
  cached.on('tlsClientError', (err) => clientErrors.push(err.message));
  const failed = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  log('resume error', failed.reused, !!failed.err, clientErrors.join(','));
  await close(cached);
}

async function ticketKeys() {
  const keys = crypto.randomBytes(48);
  const make = (k) => tls.createServer({ ...serverOpts, ticketKeys: k }, (s) => s.end('x'));
  const a = make(keys);
  const b = make(keys);
  const c = tls.createServer(serverOpts, (s) => s.end('x'));
  const pa = await listen(a);
  const pb = await listen(b);
  const pc = await listen(c);
  log('getTicketKeys', a.getTicketKeys().equals(keys), c.getTicketKeys().length,
      c.getTicketKeys().equals(keys));
  for (const maxVersion of ['TLSv1.3', 'TLSv1.2']) {
    const first = await session(pa, { maxVersion });
    const s = first.sessions[first.sessions.length - 1];
    const onB = await session(pb, { maxVersion, session: s });
    const onC = await session(pc, { maxVersion, session: s });
    c.setTicketKeys(keys);
    const onC2 = await session(pc, { maxVersion, session: s });
    c.setTicketKeys(crypto.randomBytes(48));
    log(maxVersion, 'shared keys', onB.reused, 'other keys', onC.reused, onC.sessions.length > 0,
        'after setTicketKeys', onC2.reused);
  }
  // The server's own keys rotate with setTicketKeys: old tickets stop working.
  const first = await session(pa);
  a.setTicketKeys(crypto.randomBytes(48));
  const after = await session(pa, { session: first.sessions[0] });
  log('rotated', after.reused, after.sessions.length);
  for (const bad of [null, 'abc', 48, {}]) {
    try {
      a.setTicketKeys(bad);
    } catch (e) {
      log('setTicketKeys', typeof bad, e.code, e.name);
    }
  }
  try {
    a.setTicketKeys(Buffer.alloc(47));
  } catch (e) {
    log('setTicketKeys 47', /48-byte buffer/.test(e.message));
  }
  for (const opts of [{ ticketKeys: Buffer.alloc(1) }, { ticketKeys: 'x' },
                      { sessionTimeout: 'x' }, { sessionTimeout: -1 },
                      { sessionIdContext: 5 }]) {
    try {
      tls.createServer(opts);
      log('accepted', Object.keys(opts)[0]);
    } catch (e) {
      log('createServer', e.code, e.message);
    }
  }
  await close(a);
  await close(b);
  await close(c);
}

async function sessionTimeout() {
  // 2 s, not 1: on a loaded machine the second handshake alone took over 1 s.
  const server = tls.createServer({ ...serverOpts, sessionTimeout: 2 }, (s) => s.end('x'));
  const port = await listen(server);
  const first = await session(port, { maxVersion: 'TLSv1.2' });
  const soon = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  await new Promise((r) => setTimeout(r, 3200));
  const late = await session(port, { maxVersion: 'TLSv1.2', session: first.sessions[0] });
  log('sessionTimeout', soon.reused, late.reused);
  await close(server);
}

function get(port, agent, p = '/') {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: p, agent, ca, servername: 'localhost' },
                          (res) => {
                            const reused = res.socket.isSessionReused();
                            res.resume();
                            res.on('end', () => resolve(reused));
                          });
    req.on('error', (e) => resolve(e.code));
  });
}

async function agentCache() {
  const server = https.createServer(serverOpts, (req, res) => res.end('ok'));
  const port = await listen(server);
  const agent = new https.Agent({ maxCachedSessions: 1 });
  const seen = [];
  for (let i = 0; i < 3; i++) seen.push(await get(port, agent));
  log('agent', seen.join(' '), agent._sessionCache.list.length, agent.maxCachedSessions);
  const none = new https.Agent({ maxCachedSessions: 0 });
  log('no cache', await get(port, none), await get(port, none), none._sessionCache.list.length);
  // The global agent (keep-alive off here: a new connection each time).
  const global = [];
  for (let i = 0; i < 2; i++) global.push(await get(port, undefined));
  log('default agent', new https.Agent().maxCachedSessions);
  await close(server);
  // An error on a connection to a cached origin drops its session.
  log('refused', await get(port, agent), agent._sessionCache.list.length);
}

// The other side is node: tickets interoperate with OpenSSL.
async function withNode() {
  const script = `
    const tls = require('tls');
    const fs = require('fs');
    const s = tls.createServer({ key: fs.readFileSync('server-key.pem'),
                                 cert: fs.readFileSync('server.pem') }, (c) => c.end('n'));
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));
    process.stdin.on('end', () => s.close()).resume();
  `;
  const child = spawn('node', ['-e', script], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = await once(child.stdout, 'data');
  const port = Number(String(chunk).trim());
  for (const maxVersion of ['TLSv1.3', 'TLSv1.2']) {
    const first = await session(port, { maxVersion });
    const again = await session(port, { maxVersion, session: first.sessions[0] });
    log('node server', maxVersion, first.reused, first.sessions.length > 0, again.reused);
  }
  child.stdin.end();
  await once(child, 'exit');

  // And node as the client of our server.
  const server = tls.createServer(serverOpts, (c) => c.end('k'));
  const port2 = await listen(server);
  const client = `
    const tls = require('tls');
    const fs = require('fs');
    const ca = fs.readFileSync('ca.pem');
    function go(maxVersion, session, n) {
      return new Promise((resolve) => {
        let last;
        const c = tls.connect({ port: ${port2}, host: '127.0.0.1', servername: 'localhost', ca,
                                maxVersion, session }, () => {
          if (n) console.log('node client', maxVersion, c.isSessionReused());
        });
        c.on('session', (s) => { last = last || s; });
        c.resume();
        c.on('close', () => resolve(last));
      });
    }
    (async () => {
      for (const v of ['TLSv1.3', 'TLSv1.2']) await go(v, await go(v), 1);
    })();
  `;
  const proc = spawn('node', ['-e', client], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  await once(proc, 'close');
  process.stdout.write(out);
  await close(server);
}

async function extras() {
  const server = tls.createServer(serverOpts, (s) => {
    s.once('data', () => {
      const key = s.exportKeyingMaterial(32, 'EXPORTER-kiln', Buffer.from('ctx'));
      s.end(key.toString('hex'));
    });
    log('server fragment', s.setMaxSendFragment(511), s.setMaxSendFragment(16385),
        s.setMaxSendFragment(1024), s.getEphemeralKeyInfo());
  });
  const port = await listen(server);
  const s = tls.connect({ port, host: '127.0.0.1', ca, servername: 'localhost' });
  await once(s, 'secureConnect');
  try {
    s.exportKeyingMaterial(32);
  } catch (e) {
    log('exportKeyingMaterial', e.code);
  }
  const mine = s.exportKeyingMaterial(32, 'EXPORTER-kiln', Buffer.from('ctx')).toString('hex');
  const info = s.getEphemeralKeyInfo();
  log('ephemeral', info.type, info.name, info.size);
  s.write('go');
  let theirs = '';
  s.setEncoding('utf8');
  s.on('data', (d) => { theirs += d; });
  await once(s, 'end');
  log('keying material', mine.length, mine === theirs);
  const cert = s.getPeerCertificate(true);
  log('chain', cert.subject.CN, cert.issuerCertificate.subject.CN,
      cert.issuerCertificate.issuerCertificate === cert.issuerCertificate);
  s.destroy();
  await close(server);
  const roots = tls.rootCertificates;
  log('roots', roots.length > 10, Object.isFrozen(roots), roots === tls.rootCertificates,
      roots.every((r) => r.startsWith('-----BEGIN CERTIFICATE-----\n')));
}

(async () => {
  try {
    await tickets();
    await sessionIds();
    await ticketKeys();
    await sessionTimeout();
    await agentCache();
    await withNode();
    await extras();
  } finally {
    certs.remove();
  }
  log('done');
})();
