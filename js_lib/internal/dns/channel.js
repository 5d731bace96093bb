'use strict';

// Channel: Kiln's DNS client, what a c-ares channel is to Node (a Resolver's
// _handle), written over dgram and net instead of linking c-ares. Methods
// named after Node's bindings (queryA, queryMx, ..., getHostByAddr) take a
// request {hostname, ttl, oncomplete} and later call
// req.oncomplete(code, result) from an immediate, as Node does: code is
// null or c-ares' error name (ENOTFOUND, ETIMEOUT, ...).
//
// A query goes over UDP to each server in turn, `tries` rounds in all, each
// wait twice the one before (less some jitter, as c-ares); an answer with the
// TC bit is asked again over TCP. SERVFAIL, NOTIMP and REFUSED move on to a
// server not yet asked; ICMP "port unreachable" (ECONNREFUSED on the
// connected UDP socket) moves on at once. The sockets are made on demand,
// unref'd once no query waits on them and closed a second later.

const { Buffer } = require('buffer');
const { formatIPv6, isIP, parseIPv6 } = require('internal/net/ip');
const {
  BadName, BadResponse, CLASS_IN, encodeQuery, parseMessage, readName,
} = require('internal/dns/wire');
const { NoData, kQueryTypes, resultOf } = require('internal/dns/answers');
const { DNS_PORT, readResolvConf, reverseFromHosts } = require('internal/dns/system');
const { startPerf, stopPerf } = require('internal/dns/perf');

const DEFAULT_TIMEOUT = 2000;
const MIN_TIMEOUT = 250;
const LINGER_MS = 1000;  // an idle server socket is closed after this
const UV_EINVAL = -22;
const RCODE_ERRORS = { 1: 'EFORMERR', 2: 'ESERVFAIL', 3: 'ENOTFOUND', 4: 'ENOTIMP', 5: 'EREFUSED' };
const SKIP_SERVER = new Set(['ESERVFAIL', 'ENOTIMP', 'EREFUSED']);

// The name PTR queries use for an address, or null for a non-address.
function reverseName(ip) {
  const family = isIP(ip);
  if (family === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (family !== 6) return null;
  const nibbles = [];
  for (const b of parseIPv6(ip, true)) nibbles.push((b >> 4).toString(16), (b & 15).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

// A UDP socket connected to one server, shared by the queries sent there.
class ServerSocket {
  constructor(channel, server) {
    this.server = server;
    this.queries = new Map();  // id -> Query
    this.ready = false;
    this.backlog = [];
    const dgram = require('dgram');
    this.socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4');
    this.socket.on('message', (msg) => this.onMessage(msg));
    this.socket.on('error', () => this.fail('ECONNREFUSED'));
    const local = server.family === 6 ? channel.localV6 : channel.localV4;
    if (local) this.socket.bind(0, local);
    const address = server.zone ? `${server.address}%${server.zone}` : server.address;
    this.socket.connect(server.port, address, (err) => {
      if (err) return this.fail('ECONNREFUSED');
      this.ready = true;
      for (const msg of this.backlog) this.socket.send(msg);
      this.backlog = [];
    });
  }

  // A fresh id for `query`, and its message on the way.
  send(query) {
    if (this.lingering) {
      clearTimeout(this.lingering);
      this.lingering = null;
      this.socket.ref();
    }
    let id;
    do id = Math.floor(Math.random() * 65536); while (this.queries.has(id));
    this.queries.set(id, query);
    query.setId(id);
    if (this.ready) this.socket.send(query.message);
    else this.backlog.push(query.message);
  }

  release(query) {
    if (this.queries.get(query.id) === query) this.queries.delete(query.id);
  }

  // No query waits: the socket stays a moment for the next one (a new
  // socket per query would cost more than the query), without keeping the
  // process up.
  idle() {
    if (this.closed || this.queries.size !== 0 || this.lingering) return;
    this.socket.unref();
    this.lingering = setTimeout(() => this.close(), LINGER_MS);
    this.lingering.unref();
  }

  onMessage(msg) {
    const query = msg.length >= 2 ? this.queries.get(msg.readUInt16BE(0)) : undefined;
    if (query !== undefined) query.onResponse(msg, false);
  }

  // The socket failed: every query on it moves on.
  fail(code) {
    const queries = [...this.queries.values()];
    this.close();
    for (const q of queries) q.nextAttempt(code);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lingering);
    this.queries.clear();
    this.socket.close();
    this.onclose?.();
  }
}

class Query {
  constructor(channel, req, bindingName, name) {
    this.channel = channel;
    this.req = req;
    this.bindingName = bindingName;
    this.type = kQueryTypes[bindingName];
    this.name = name;
    this.message = encodeQuery(0, name, this.type);
    this.qname = readName(this.message, 12)[0].toLowerCase();  // as it comes back
    this.attempt = -1;
    this.skipped = new Set();
    this.lastError = 'ETIMEOUT';
    this.conn = null;
    this.tcp = null;
    this.timer = null;
  }

  setId(id) {
    this.id = id;
    this.message.writeUInt16BE(id, 0);
  }

  // The next server not given up on, `tries` rounds over the list.
  nextAttempt(code) {
    if (this.done) return;
    if (code) this.lastError = code;
    this.stopAttempt();
    const { servers } = this.channel;
    const total = servers.length * this.channel.tries;
    while (++this.attempt < total && this.skipped.has(this.attempt % servers.length));
    if (this.attempt >= total) return this.finish(this.lastError);
    const round = Math.floor(this.attempt / servers.length);
    let wait = this.channel.timeout * 2 ** round;
    if (round > 0) wait -= Math.floor(wait * Math.random() * 0.5);
    this.timer = setTimeout(() => this.nextAttempt('ETIMEOUT'), wait);
    this.conn = this.channel.socketFor(this.attempt % servers.length);
    this.conn.send(this);
  }

  stopAttempt() {
    clearTimeout(this.timer);
    this.timer = null;
    this.conn?.release(this);
    this.channel.idle(this.conn);
    this.conn = null;
    this.tcp?.destroy();
    this.tcp = null;
  }

  // A truncated UDP answer: the same question over TCP, to the same server.
  askOverTcp() {
    const { server } = this.conn;
    const local = server.family === 6 ? this.channel.localV6 : this.channel.localV4;
    const sock = require('net').connect({
      host: server.address, port: server.port, localAddress: local,
    });
    this.tcp = sock;
    const len = Buffer.alloc(2);
    len.writeUInt16BE(this.message.length);
    sock.write(Buffer.concat([len, this.message]));
    let data = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
        this.tcp = null;
        sock.destroy();
        this.onResponse(data.subarray(2, 2 + data.readUInt16BE(0)), true);
      }
    });
    // Refused, reset or closed before the whole answer came.
    sock.on('close', () => {
      if (this.tcp === sock) this.nextAttempt('ECONNREFUSED');
    });
  }

  onResponse(buf, overTcp) {
    let msg;
    try {
      msg = parseMessage(buf);
    } catch (e) {
      if (e instanceof BadResponse) return this.finish('EBADRESP');
      throw e;
    }
    // An answer to another question (or a stale one) is not ours.
    const q = msg.questions;
    if (msg.id !== this.id || q.length !== 1 || q[0].type !== this.type ||
        q[0].class !== CLASS_IN || q[0].name.toLowerCase() !== this.qname) {
      return;
    }
    const rcodeError = RCODE_ERRORS[msg.rcode];
    if (SKIP_SERVER.has(rcodeError)) {
      this.skipped.add(this.attempt % this.channel.servers.length);
      return this.nextAttempt(rcodeError);
    }
    if (msg.truncated && !overTcp) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.nextAttempt('ETIMEOUT'), this.channel.timeout);
      return this.askOverTcp();
    }
    if (rcodeError) return this.finish(rcodeError);
    if (msg.rcode === 0 && msg.answers.length === 0) return this.finish('ENODATA');
    let result;
    try {
      result = resultOf(this.bindingName, msg.answers, this.name, this.req.ttl);
    } catch (e) {
      if (e instanceof NoData) return this.finish('ENODATA');
      throw e;
    }
    this.finish(null, result);
  }

  finish(code, result) {
    if (this.done) return;
    this.done = true;
    this.stopAttempt();
    this.channel.pending.delete(this);
    // A reverse lookup that DNS cannot answer is "not found", as in c-ares.
    if (code && code !== 'ECANCELLED' && this.bindingName === 'getHostByAddr') code = 'ENOTFOUND';
    deliver(this.req, code, result);
  }
}

// The error Node's C++ throws for a bad argument value (message as is).
function invalidArgValue(message) {
  const err = new TypeError(message);
  err.code = 'ERR_INVALID_ARG_VALUE';
  return err;
}

function deliver(req, code, result) {
  setImmediate(() => {
    req.oncomplete(code, result);
    if (!code) stopPerf(req, { result });
  });
}

class Channel {
  constructor(timeout, tries) {
    this.requestedTimeout = timeout;
    this.tries = tries;
    this.servers = null;  // [{family, address, zone, port}], read when first needed
    this.localV4 = undefined;
    this.localV6 = undefined;
    this.pending = new Set();
    this.sockets = new Map();  // server index -> ServerSocket
  }

  // The system's servers (and timeout) unless setServers() came first.
  ensureConfig() {
    if (this.servers !== null) return;
    const conf = readResolvConf();
    this.servers = conf.servers.map((s) => serverEntry(s.family, s.address, s.port));
    this.systemTimeout = conf.timeout;
  }

  get timeout() {
    const t = this.requestedTimeout > 0 ? this.requestedTimeout :
      this.systemTimeout || DEFAULT_TIMEOUT;
    return Math.max(t, MIN_TIMEOUT);
  }

  socketFor(index) {
    let s = this.sockets.get(index);
    if (s === undefined || s.closed) {
      s = new ServerSocket(this, this.servers[index]);
      s.onclose = () => {
        if (this.sockets.get(index) === s) this.sockets.delete(index);
      };
      this.sockets.set(index, s);
    }
    return s;
  }

  idle(conn) {
    conn?.idle();
  }

  // [[address, port]], as Node's binding lists them.
  getServers() {
    this.ensureConfig();
    return this.servers.map((s) => [s.address, s.port]);
  }

  // servers: [[family, address, port]]. An error text when refused.
  setServers(servers) {
    if (this.pending.size > 0) return 'There are pending queries.';
    for (const s of this.sockets.values()) s.close();
    this.servers = servers.map(([family, address, port]) => serverEntry(family, address, port));
    return null;
  }

  setLocalAddress(first, second) {
    const f1 = isIP(first);
    const f2 = second === undefined ? 0 : isIP(second);
    if (f1 === 0 || (second !== undefined && f2 === 0)) {
      throw invalidArgValue('Invalid IP address.');
    }
    if (f1 === f2) throw invalidArgValue(`Cannot specify two IPv${f1} addresses.`);
    this.localV4 = f1 === 4 ? first : f2 === 4 ? second : undefined;
    this.localV6 = f1 === 6 ? first : f2 === 6 ? second : undefined;
  }

  cancel() {
    for (const q of [...this.pending]) q.finish('ECANCELLED');
  }

  // Starts query `bindingName` for req.hostname; 0, or a negative errno.
  start(bindingName, req, name) {
    this.ensureConfig();
    if (/\.onion\.?$/i.test(name)) return deliver(req, 'ENOTFOUND');
    if (this.servers.length === 0) return deliver(req, 'UNKNOWN_ARES_ERROR');
    let query;
    try {
      query = new Query(this, req, bindingName, name);
    } catch (e) {
      if (e instanceof BadName) return deliver(req, 'EBADNAME');
      throw e;
    }
    this.pending.add(query);
    query.nextAttempt();
  }
}

function serverEntry(family, address, port) {
  let zone;
  if (family === 6) {
    const pct = address.indexOf('%');
    if (pct !== -1) zone = address.slice(pct + 1);
    address = formatIPv6(parseIPv6(address, true));
  }
  return { family, address, zone, port: port & 0xffff };
}

for (const bindingName of Object.keys(kQueryTypes)) {
  if (bindingName === 'getHostByAddr') continue;
  Channel.prototype[bindingName] = function(req, name) {
    startPerf(req, bindingName, { host: name, ttl: req.ttl });
    this.start(bindingName, req, name);
    return 0;
  };
}

// reverse(): /etc/hosts first, then a PTR query; EINVAL for a non-address.
Channel.prototype.getHostByAddr = function(req, ip) {
  const name = reverseName(ip);
  if (name === null) return UV_EINVAL;
  startPerf(req, 'getHostByAddr', { host: ip, ttl: req.ttl });
  const names = reverseFromHosts(ip);
  if (names !== null) deliver(req, null, names);
  else this.start('getHostByAddr', req, name);
  return 0;
};

module.exports = { Channel, DNS_PORT };
