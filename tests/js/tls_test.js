'use strict';
// tls and https against node, on 127.0.0.1 only. Certificates are made at
// run time with Debian's openssl (never checked in): a CA, a server
// certificate it signs (localhost, 127.0.0.1), a self-signed one, and a
// client certificate for mutual TLS.
const tls = require('tls');
const https = require('https');
const { makeCerts } = require('./fixtures/tls_certs');
const { once } = require('events');

function log(...args) { console.log(...args); }

const certs = makeCerts('kiln-tls-test-', 'Kiln Test CA');
const { openssl, file, signed } = certs;
signed('server', 'localhost', 'DNS:localhost,IP:127.0.0.1');
signed('other', 'other.test', 'DNS:other.test,DNS:*.wild.test');
signed('client', 'kiln client', 'DNS:client.test');
openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self-key.pem', '-out',
        'self.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost');

const ca = file('ca.pem');
const serverOpts = { key: file('server-key.pem'), cert: file('server.pem') };

async function listen(server) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server.address().port;
}

function connect(options) {
  return new Promise((resolve) => {
    const s = tls.connect(options);
    s.on('secureConnect', () => resolve({ s, err: null }));
    s.on('error', (err) => resolve({ s, err }));
  });
}

async function basics() {
  const server = tls.createServer({ ...serverOpts, ALPNProtocols: ['h2', 'kiln/1'] }, (sock) => {
    sock.end(`hello ${sock.alpnProtocol} ${sock.servername}`);
  });
  const port = await listen(server);
  const base = { port, host: '127.0.0.1' };

  let r = await connect({ ...base, ca, servername: 'localhost', ALPNProtocols: ['kiln/1'] });
  const cert = r.s.getPeerCertificate(true);
  log('trusted', r.err, r.s.authorized, r.s.authorizationError, r.s.getProtocol(),
      r.s.alpnProtocol, typeof r.s.getCipher().name, r.s.encrypted);
  log('peer cert', cert.subject.CN, cert.issuer.CN, cert.subjectaltname,
      cert.issuerCertificate.subject.CN, typeof cert.fingerprint256, Buffer.isBuffer(cert.raw));
  let got = '';
  r.s.setEncoding('utf8');
  r.s.on('data', (d) => { got += d; });
  await once(r.s, 'end');
  log('data', got);

  r = await connect({ ...base });
  log('no ca', r.err && r.err.code, r.err && r.err.message);
  r = await connect({ ...base, ca, servername: 'nope.test' });
  log('bad name', r.err && r.err.code, r.err && r.err.reason);
  r = await connect({ ...base, rejectUnauthorized: false });
  log('unverified', r.err, r.s.authorized, r.s.authorizationError);
  r.s.destroy();
  r = await connect({ ...base, ca, servername: 'localhost', maxVersion: 'TLSv1.2' });
  log('tls1.2', r.err, r.s.getProtocol());
  r.s.destroy();
  server.close();
  await once(server, 'close');
}

async function selfSigned() {
  const server = tls.createServer({ key: file('self-key.pem'), cert: file('self.pem') },
                                  (s) => s.end('x'));
  const port = await listen(server);
  let r = await connect({ port, host: '127.0.0.1', servername: 'localhost' });
  log('self-signed', r.err && r.err.code, r.err && r.err.message);
  r = await connect({ port, host: '127.0.0.1', servername: 'localhost', ca: file('self.pem') });
  log('self-signed trusted', r.err, r.s.authorized);
  r.s.destroy();
  server.close();
  await once(server, 'close');
}

async function sniAndMutual() {
  const server = tls.createServer({
    ...serverOpts,
    requestCert: true,
    rejectUnauthorized: false,
    ca,
    SNICallback(name, cb) {
      cb(null, name.endsWith('wild.test') || name === 'other.test' ?
        tls.createSecureContext({ key: file('other-key.pem'), cert: file('other.pem') }) : null);
    },
  }, (sock) => {
    const peer = sock.getPeerCertificate();
    sock.end(`${sock.servername} ${sock.authorized} ${sock.authorizationError} ${peer.subject && peer.subject.CN}`);
  });
  const port = await listen(server);
  for (const [servername, withCert] of [['localhost', false], ['x.wild.test', true],
                                        ['other.test', true]]) {
    const opts = { port, host: '127.0.0.1', ca, servername };
    if (withCert) Object.assign(opts, { key: file('client-key.pem'), cert: file('client.pem') });
    const r = await connect(opts);
    let got = '';
    r.s.on('data', (d) => { got += d; });
    await once(r.s, 'end');
    log('sni', servername, r.err, r.s.getPeerCertificate().subject.CN, '|', got);
  }
  server.close();
  await once(server, 'close');
}

async function httpsRequests() {
  const server = https.createServer(serverOpts, (req, res) => {
    res.setHeader('Content-Type', 'text/plain');
    res.end(`${req.method} ${req.url} ${req.socket.encrypted} ${req.httpVersion}`);
  });
  const port = await listen(server);
  const agent = new https.Agent({ keepAlive: true, ca });
  for (const p of ['/a', '/b']) {
    await new Promise((resolve) => {
      https.get({ host: 'localhost', port, path: p, agent }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => {
          log('https', res.statusCode, res.headers['content-type'], body, res.req.reusedSocket);
          resolve();
        });
      });
    });
  }
  agent.destroy();
  await new Promise((resolve) => {
    https.get(`https://localhost:${port}/c`, (res) => { log('unexpected', res.statusCode); resolve(); })
      .on('error', (e) => { log('https untrusted', e.code); resolve(); });
  });
  server.close();
  await once(server, 'close');
}

function apiChecks() {
  const cert = { subject: { CN: 'a.example' }, subjectaltname: 'DNS:*.example.com, IP Address:10.0.0.1' };
  for (const host of ['x.example.com', 'example.com', 'a.b.example.com', '10.0.0.1', '10.0.0.2',
                      'X.EXAMPLE.COM.']) {
    const e = tls.checkServerIdentity(host, cert);
    log('identity', host, e ? e.reason : 'ok');
  }
  log('cn only', tls.checkServerIdentity('a.example', { subject: { CN: 'a.example' } }));
  try {
    tls.createSecureContext({ minVersion: 'TLSv9' });
  } catch (e) {
    log(e.code, e.message);
  }
  log(tls.DEFAULT_MIN_VERSION, tls.DEFAULT_MAX_VERSION, Array.isArray(tls.rootCertificates),
      typeof tls.getCiphers()[0]);
}

(async () => {
  try {
    await basics();
    await selfSigned();
    await sniAndMutual();
    await httpsRequests();
    apiChecks();
  } finally {
    certs.remove();
  }
  log('done');
})();
