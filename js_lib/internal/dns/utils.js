'use strict';

// What dns and dns/promises share: argument checks, the default result
// order, the error code constants, and the resolver stand-in for the
// dns.resolve*() family, which needs a DNS wire client Kiln does not have
// yet (docs/networking.md): those calls fail with ENOTIMP.

const {
  DNSException, codes: { ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateOneOf, validateString, validateArray } = require('internal/validators');
const { isIP } = require('internal/net/ip');

const validFamilies = [0, 4, 6];
const validDnsOrders = ['verbatim', 'ipv4first', 'ipv6first'];

let defaultResultOrder;

function dnsBinding() {
  return binding('dns');
}

// --dns-result-order=..., read at first use; 'verbatim' by default (Node 20).
function getDefaultResultOrder() {
  if (defaultResultOrder === undefined) {
    defaultResultOrder = 'verbatim';
    for (const a of process.execArgv || []) {
      if (a.startsWith('--dns-result-order=')) {
        const v = a.slice(19);
        if (validDnsOrders.includes(v)) defaultResultOrder = v;
      }
    }
  }
  return defaultResultOrder;
}

function setDefaultResultOrder(value) {
  validateOneOf(value, 'dnsOrder', validDnsOrders);
  defaultResultOrder = value;
}

function orderCode(order) {
  const b = dnsBinding();
  if (order === 'ipv4first') return b.kIpv4First;
  if (order === 'ipv6first') return b.kIpv6First;
  return b.kVerbatim;
}

// AI_ADDRCONFIG, AI_ALL and AI_V4MAPPED are the only hints allowed.
const ADDRCONFIG = 32;
const ALL = 16;
const V4MAPPED = 8;

function validateHints(hints) {
  if ((hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) {
    throw new ERR_INVALID_ARG_VALUE('hints', hints);
  }
}

let invalidHostnameWarningEmitted = false;
function emitInvalidHostnameWarning(hostname) {
  if (invalidHostnameWarningEmitted) return;
  process.emitWarning(`The provided hostname "${hostname}" is not a valid ` +
                      'hostname, and is supported in the dns module solely for compatibility.',
                      'DeprecationWarning', 'DEP0118');
  invalidHostnameWarningEmitted = true;
}

// The error codes of c-ares, as Node exports them.
const errorCodes = {
  NODATA: 'ENODATA',
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY',
  BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY',
  BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF',
  FILE: 'EFILE',
  NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS',
  NONAME: 'ENONAME',
  BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI',
  ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

// The system's name servers, from /etc/resolv.conf (read when asked).
function readSystemServers() {
  let text = '';
  try {
    text = binding('fs').readFileUtf8('/etc/resolv.conf');
  } catch {
    return ['127.0.0.1'];
  }
  const servers = [];
  for (const line of text.split('\n')) {
    const m = /^\s*nameserver\s+(\S+)/.exec(line);
    if (m && isIP(m[1].split('%')[0])) servers.push(m[1]);
  }
  return servers.length ? servers : ['127.0.0.1'];
}

const kResolveSyscalls = {
  resolve4: 'queryA', resolve6: 'queryAaaa', resolveAny: 'queryAny', resolveCaa: 'queryCaa',
  resolveCname: 'queryCname', resolveMx: 'queryMx', resolveNaptr: 'queryNaptr',
  resolveNs: 'queryNs', resolvePtr: 'queryPtr', resolveSoa: 'querySoa', resolveSrv: 'querySrv',
  resolveTxt: 'queryTxt', reverse: 'getHostByAddr',
};
const kRrtypes = {
  A: 'resolve4', AAAA: 'resolve6', ANY: 'resolveAny', CAA: 'resolveCaa', CNAME: 'resolveCname',
  MX: 'resolveMx', NAPTR: 'resolveNaptr', NS: 'resolveNs', PTR: 'resolvePtr', SOA: 'resolveSoa',
  SRV: 'resolveSrv', TXT: 'resolveTxt',
};

// The failure every resolve*() reports (asynchronously) for now.
function notImplemented(method, name) {
  return new DNSException('ENOTIMP', kResolveSyscalls[method], name);
}

// Server lists as setServers() takes them: 'ip', 'ip:port', '[ip6]:port'.
function validateServers(servers) {
  validateArray(servers, 'servers');
  const out = [];
  for (let i = 0; i < servers.length; i++) {
    const s = servers[i];
    validateString(s, `servers[${i}]`);
    let host = s;
    const m = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
    if (m) host = m[1];
    else if (!isIP(s) && s.lastIndexOf(':') > 0) host = s.slice(0, s.lastIndexOf(':'));
    if (!isIP(host)) throw new ERR_INVALID_ARG_VALUE(`servers[${i}]`, s, 'is not a valid IP address');
    out.push(s);
  }
  return out;
}

module.exports = {
  ADDRCONFIG, ALL, V4MAPPED, dnsBinding, emitInvalidHostnameWarning, errorCodes,
  getDefaultResultOrder, kResolveSyscalls, kRrtypes, notImplemented, orderCode,
  readSystemServers, setDefaultResultOrder, validDnsOrders, validFamilies, validateHints,
  validateServers,
};
