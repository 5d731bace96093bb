'use strict';
// dns.resolve*(), reverse() and Resolver against a small authoritative DNS
// server written here on dgram (and on net, for an answer too big for UDP),
// on 127.0.0.1 only: every record type, TTLs, rcodes, timeouts, cancel, bad
// names. One query at a time, so the output order is fixed.
const dgram = require('dgram');
const net = require('net');
const dns = require('dns');

const TYPES = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, CAA: 257,
};
const TYPE_NAMES = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [v, k]));

const anyRecords = [
  ['A', 7, '9.8.7.6'], ['AAAA', 8, '2001:db8::9'], ['MX', 9, [5, 'mx.any.test']],
  ['NS', 10, 'ns.any.test'], ['TXT', 11, ['one', 'two']], ['SRV', 12, [1, 2, 80, 'web.any.test']],
  ['PTR', 13, 'ptr.any.test'], ['NAPTR', 14, [1, 2, 'u', 'E2U+sip', '!^.*$!sip:x@y!', '.']],
  ['SOA', 15, ['ns.any.test', 'root.any.test', 1, 2, 3, 4, 5]],
  ['CAA', 16, [0, 'issue', 'ca.test']],
];
const bigTxt = [];
for (let i = 0; i < 12; i++) bigTxt.push(['TXT', 30, [`${i}:${'x'.repeat(90)}`]]);

// name -> [type, ttl, data] records; names in RCODES answer with that rcode.
const zone = {
  'a.test': [['A', 300, '1.2.3.4'], ['A', 60, '5.6.7.8']],
  'aaaa.test': [['AAAA', 120, '2001:db8::1'], ['AAAA', 3333333333, '::ffff:1.2.3.4']],
  'alias.test': [['CNAME', 500, 'chain.test']],
  'chain.test': [['CNAME', 40, 'a.test']],
  'mx.test': [['MX', 10, [10, 'mail.test']], ['MX', 10, [20, 'mail2.mx.test']]],
  'txt.test': [['TXT', 10, ['hello', 'world']], ['TXT', 10, ['v=spf1 ~all\0x', '']]],
  'srv.test': [['SRV', 10, [1, 2, 5060, 'sip.test']], ['SRV', 10, [3, 4, 5061, 'sip2.test']]],
  'ns.test': [['NS', 10, 'ns1.test'], ['NS', 10, 'ns2.ns.test']],
  'soa.test': [['SOA', 10, ['ns1.test', 'admin.soa.test', 3210987654, 900, 600, 86400, 3600]]],
  'caa.test': [['CAA', 10, [0, 'issue', 'letsencrypt.org']],
    ['CAA', 10, [128, 'iodef', 'mailto:a@b.test']]],
  'naptr.test': [['NAPTR', 10, [100, 10, 'S', 'SIP+D2U', '', '_sip._udp.test']]],
  '4.3.2.1.in-addr.arpa': [['PTR', 10, 'host.test'], ['PTR', 10, 'other.test']],
  '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa':
    [['PTR', 10, 'v6host.test']],
  'any.test': anyRecords,
  'big.test': bigTxt,
  'empty.test': [],
  'dangling.test': [['CNAME', 20, 'nowhere.test']],
  'odd.test': [['A', 10, '10.0.0.1'], ['A', 10, '10.0.0.2', 'elsewhere.test'],
    ['MX', 10, [1, 'm.test']]],
};
const RCODES = { 'formerr.test': 1, 'servfail.test': 2, 'nx.test': 3, 'notimp.test': 4,
  'refused.test': 5 };
let queries = 0;

// ---- the server's side of the wire format --------------------------------
function readName(buf, off) {
  const labels = [];
  while (buf[off] !== 0) {
    labels.push(buf.toString('latin1', off + 1, off + 1 + buf[off]));
    off += buf[off] + 1;
  }
  return { name: labels.join('.'), end: off + 1 };
}

class Writer {
  constructor() { this.parts = []; this.len = 0; this.names = new Map(); }
  bytes(b) { this.parts.push(b); this.len += b.length; }
  u8(v) { this.bytes(Buffer.from([v])); }
  u16(v) { const b = Buffer.alloc(2); b.writeUInt16BE(v); this.bytes(b); }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32BE(v); this.bytes(b); }
  str(s) { const b = Buffer.from(s, 'latin1'); this.u8(b.length); this.bytes(b); }
  // A name, compressed against the names written before.
  name(n) {
    const labels = n === '' ? [] : n.split('.');
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      if (this.names.has(suffix)) return this.u16(0xc000 | this.names.get(suffix));
      if (this.len < 0x3fff) this.names.set(suffix, this.len);
      this.str(labels[i]);
    }
    this.u8(0);
  }
  buffer() { return Buffer.concat(this.parts); }
}

function writeRdata(w, type, data) {
  switch (type) {
    case 'A': return w.bytes(Buffer.from(data.split('.').map(Number)));
    case 'AAAA': {
      const sides = data.split('::').map((s) => (s ? s.split(':') : []));
      if (sides[1] && sides[1].at(-1).includes('.')) {
        const v4 = sides[1].pop().split('.').map(Number);
        sides[1].push(((v4[0] << 8) | v4[1]).toString(16), ((v4[2] << 8) | v4[3]).toString(16));
      }
      const groups = sides.length === 1 ? sides[0] :
        [...sides[0], ...Array(8 - sides[0].length - sides[1].length).fill('0'), ...sides[1]];
      return groups.forEach((g) => w.u16(parseInt(g, 16)));
    }
    case 'NS': case 'CNAME': case 'PTR': return w.name(data);
    case 'MX': w.u16(data[0]); return w.name(data[1]);
    case 'TXT': return data.forEach((s) => w.str(s));
    case 'SRV': w.u16(data[0]); w.u16(data[1]); w.u16(data[2]); return w.name(data[3]);
    case 'NAPTR':
      w.u16(data[0]); w.u16(data[1]); w.str(data[2]); w.str(data[3]); w.str(data[4]);
      return w.name(data[5]);
    case 'SOA':
      w.name(data[0]); w.name(data[1]);
      return data.slice(2).forEach((v) => w.u32(v));
    case 'CAA': w.u8(data[0]); w.str(data[1]); return w.bytes(Buffer.from(data[2]));
  }
}

// The records that answer (name, qtype), following CNAMEs as a server does.
function answersFor(name, qtype) {
  const out = [];
  for (let hops = 0; hops < 8; hops++) {
    const records = zone[name.toLowerCase()] || [];
    const cname = records.find((r) => r[0] === 'CNAME');
    if (cname && qtype !== TYPES.CNAME) {
      out.push([name, ...cname]);
      name = cname[2];
      continue;
    }
    for (const r of records) {
      if (qtype === 255 || TYPES[r[0]] === qtype) out.push([r[3] || name, ...r.slice(0, 3)]);
    }
    break;
  }
  return out;
}

function respond(msg, tcp) {
  queries++;
  const id = msg.readUInt16BE(0);
  const q = readName(msg, 12);
  const qtype = msg.readUInt16BE(q.end);
  const name = q.name.toLowerCase();
  if (name === 'silent.test') return null;
  if (name === 'garbage.test') return Buffer.from([msg[0], msg[1], 0x81, 0x80, 0, 1]);
  const w = new Writer();
  const answers = RCODES[name] ? [] : answersFor(q.name, qtype);
  const size = answers.reduce((n, a) => n + 40 + JSON.stringify(a).length, 0);
  const truncated = !tcp && size > 512;
  w.u16(id);
  w.u16(0x8400 | 0x100 | (truncated ? 0x200 : 0) | (RCODES[name] || 0));
  w.u16(1); w.u16(truncated ? 0 : answers.length); w.u16(0); w.u16(0);
  w.name(q.name); w.u16(qtype); w.u16(1);
  if (truncated) return w.buffer();
  for (const [owner, type, ttl, data] of answers) {
    w.name(owner); w.u16(TYPES[type]); w.u16(1); w.u32(ttl);
    const rdata = new Writer();
    rdata.names = w.names;  // compression offsets of the whole message
    rdata.len = w.len + 2;
    writeRdata(rdata, type, data);
    const body = rdata.buffer();
    w.u16(body.length);
    w.bytes(body);
  }
  return w.buffer();
}

// ---- the client's side ------------------------------------------------------
function show(value) {
  return JSON.stringify(value, (k, v) => (typeof v === 'string' ? v.replace(/\0/g, '\\0') : v));
}

function errText(e) {
  return `${e.name} ${e.code} syscall=${e.syscall} hostname=${e.hostname} errno=${e.errno} ` +
    `"${e.message}"`;
}

function viaCallback(resolver, method, ...args) {
  return new Promise((resolve) => {
    try {
      resolver[method](...args, (err, res) => resolve(err ? `error ${errText(err)}` : show(res)));
    } catch (e) {
      resolve(`threw ${errText(e)}`);
    }
  });
}

async function viaPromise(resolver, method, ...args) {
  try {
    return show(await resolver[method](...args));
  } catch (e) {
    return `rejected ${errText(e)}`;
  }
}

async function main() {
  const udp = dgram.createSocket('udp4');
  udp.on('message', (msg, rinfo) => {
    const reply = respond(msg, false);
    if (reply) udp.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise((r) => udp.bind(0, '127.0.0.1', r));
  const port = udp.address().port;
  const tcp = net.createServer((sock) => {
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const reply = respond(buf.subarray(2, 2 + buf.readUInt16BE(0)), true);
        buf = buf.subarray(2 + buf.readUInt16BE(0));
        const len = Buffer.alloc(2);
        len.writeUInt16BE(reply.length);
        sock.write(Buffer.concat([len, reply]));
      }
    });
  });
  await new Promise((r) => tcp.listen(port, '127.0.0.1', r));
  const server = `127.0.0.1:${port}`;

  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([server]);
  console.log('servers', show(resolver.getServers()).replace(String(port), 'PORT'));
  const presolver = new dns.promises.Resolver({ timeout: 200, tries: 1 });
  presolver.setServers([server]);

  const cases = [
    ['resolve4', 'a.test'], ['resolve4', 'a.test', { ttl: true }], ['resolve4', 'A.TEST'],
    ['resolve6', 'aaaa.test'], ['resolve6', 'aaaa.test', { ttl: true }],
    ['resolve4', 'alias.test', { ttl: true }], ['resolveCname', 'alias.test'],
    ['resolveCname', 'a.test'], ['resolveMx', 'mx.test'], ['resolveTxt', 'txt.test'],
    ['resolveSrv', 'srv.test'], ['resolveNs', 'ns.test'], ['resolveSoa', 'soa.test'],
    ['resolveCaa', 'caa.test'], ['resolveNaptr', 'naptr.test'],
    ['resolvePtr', '4.3.2.1.in-addr.arpa'], ['resolveAny', 'any.test'],
    ['resolveAny', 'alias.test'], ['resolve', 'mx.test', 'MX'], ['resolve', 'a.test'],
    ['resolve', 'any.test', 'SOA'], ['resolveTxt', 'big.test'], ['resolve4', 'odd.test'],
    ['resolve4', 'dangling.test'], ['resolveCname', 'dangling.test'], ['resolve4', 'a.test.'],
    ['resolveTxt', 'TXT.test'], ['reverse', '127.0.0.1'],
    ['resolveMx', 'odd.test'], ['resolve4', 'empty.test'], ['resolveMx', 'a.test'],
    ['resolve4', 'nx.test'], ['resolve4', 'servfail.test'], ['resolve4', 'refused.test'],
    ['resolve4', 'notimp.test'], ['resolve4', 'formerr.test'], ['resolveSoa', 'nx.test'],
    ['resolve4', 'silent.test'], ['resolve4', 'garbage.test'], ['reverse', '1.2.3.4'],
    ['reverse', '2001:db8::1'], ['reverse', '5.6.7.8'], ['reverse', 'bad'],
    ['resolve4', 'a..b'], ['resolve4', `${'x'.repeat(64)}.test`], ['resolve4', 'foo.onion'],
    ['resolve6', 'a.test'], ['resolve', 'a.test', 'BOGUS'], ['resolve', 'a.test', 5],
  ];
  for (const [method, ...args] of cases) {
    console.log(`${method}(${args.map(show).join(', ')})`);
    console.log('  cb ', await viaCallback(resolver, method, ...args));
    console.log('  pr ', await viaPromise(presolver, method, ...args));
  }

  // Several queries at once; cancel() fails those still waiting, in order.
  const order = [];
  const pending = ['silent.test', 'a.test', 'silent.test'].map((name, i) =>
    viaCallback(resolver, 'resolve4', name).then((r) => order.push(`${i} ${r}`)));
  setTimeout(() => resolver.cancel(), 50);
  await Promise.all(pending);
  console.log('cancel', order.join('\n       '));
  const p = presolver.resolve4('silent.test');
  presolver.cancel();
  console.log('cancel promise', await p.catch(errText));

  // Retries: tries queries before ETIMEOUT.
  queries = 0;
  const twice = new dns.Resolver({ timeout: 50, tries: 2 });
  twice.setServers([server]);
  console.log('tries 2', await viaCallback(twice, 'resolve4', 'silent.test'), queries);
  queries = 0;
  console.log('servfail tries 2', await viaCallback(twice, 'resolve4', 'servfail.test'), queries);

  // setServers while a query waits.
  const busy = new dns.Resolver({ timeout: 100, tries: 1 });
  busy.setServers([server]);
  const waiting = viaCallback(busy, 'resolve4', 'silent.test');
  try {
    busy.setServers(['127.0.0.1']);
  } catch (e) {
    console.log('setServers busy', errText(e).replace(String(port), 'PORT'));
  }
  console.log('waiting', await waiting);

  // A closed port: ECONNREFUSED.
  const closed = dgram.createSocket('udp4');
  await new Promise((r) => closed.bind(0, '127.0.0.1', r));
  const closedPort = closed.address().port;
  await new Promise((r) => closed.close(r));
  const refused = new dns.Resolver({ timeout: 500, tries: 2 });
  refused.setServers([`127.0.0.1:${closedPort}`]);
  console.log('refused', await viaCallback(refused, 'resolve4', 'a.test'));

  // The module-level functions use the default resolver.
  dns.setServers([server]);
  console.log('dns.resolve4', await viaCallback(dns, 'resolve4', 'a.test'));
  console.log('dns.promises.resolveMx', await viaPromise(dns.promises, 'resolveMx', 'mx.test'));
  dns.promises.setServers([server, '[::1]:53', '10.0.0.1']);
  console.log('getServers', show(dns.promises.getServers()).replace(String(port), 'PORT'));
  console.log('record types', Object.keys(TYPE_NAMES).length);

  udp.close();
  tcp.close();
}

main();
