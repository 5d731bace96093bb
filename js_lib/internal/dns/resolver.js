'use strict';

// What dns.Resolver and dns.promises.Resolver share: the options (timeout,
// tries), the server list, the local address and cancel(), over a Channel
// (internal/dns/channel.js, Kiln's own DNS client: Node's is c-ares); the
// class each module builds from its own query function; and the default
// resolver behind the module-level dns.resolve*() functions.

const {
  codes: { ERR_DNS_SET_SERVERS_FAILED, ERR_INVALID_IP_ADDRESS },
} = require('internal/errors');
const { validateArray, validateInt32, validateString } = require('internal/validators');
const { isIP } = require('internal/net/ip');
const { Channel, DNS_PORT } = require('internal/dns/channel');

function validateTimeout(options) {
  const { timeout = -1 } = { ...options };
  validateInt32(timeout, 'options.timeout', -1);
  return timeout;
}

function validateTries(options) {
  const { tries = 4 } = { ...options };
  validateInt32(tries, 'options.tries', 1);
  return tries;
}

// 'ip', '[ip6]', '[ip6]:port' or 'ip:port' as [family, ip, port].
function parseServer(serv) {
  const family = isIP(serv);
  if (family !== 0) return [family, serv, DNS_PORT];
  const portMatch = /:(\d+)$/.exec(serv);
  const port = portMatch ? Number.parseInt(portMatch[1], 10) : DNS_PORT;
  if (serv[0] === '[') {
    const end = serv.indexOf(']');
    const host = serv.slice(1, end);
    if (end > 0 && !host.includes('[') && isIP(host) === 6) return [6, host, port || DNS_PORT];
  }
  const host = portMatch ? serv.slice(0, portMatch.index) : serv;
  if (host !== '' && isIP(host) !== 0) return [isIP(host), host, port];
  throw new ERR_INVALID_IP_ADDRESS(serv);
}

// The request object of one query (Node's class name, for inspection):
// bindingName, hostname, ttl and oncomplete(code, result).
class QueryReqWrap {}

class ResolverBase {
  constructor(options = undefined) {
    const timeout = validateTimeout(options);
    const tries = validateTries(options);
    this._handle = new Channel(timeout, tries);
  }

  // Fails the queries still waiting with ECANCELLED.
  cancel() {
    this._handle.cancel();
  }

  getServers() {
    return (this._handle.getServers() || []).map(([ip, port]) => {
      if (!port || port === DNS_PORT) return ip;
      return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
    });
  }

  setServers(servers) {
    validateArray(servers, 'servers');
    const newSet = [];
    // forEach, as Node: holes are skipped and the length is read once.
    Array.prototype.forEach.call(servers, (serv, i) => {
      validateString(serv, `servers[${i}]`);
      newSet.push(parseServer(serv));
    });
    const err = this._handle.setServers(newSet);
    if (err) throw new ERR_DNS_SET_SERVERS_FAILED(err, servers);
  }

  // The source address of queries: one per family (either order).
  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
    this._handle.setLocalAddress(ipv4, ipv6);
  }
}

// A Resolver class whose queries are made by `resolver(bindingName)`, and
// the map from rrtype to query that its resolve() uses.
function createResolverClass(resolver) {
  const resolveMap = { __proto__: null };
  class Resolver extends ResolverBase {}
  const methods = [
    ['resolveAny', 'ANY', 'queryAny'], ['resolve4', 'A', 'queryA'],
    ['resolve6', 'AAAA', 'queryAaaa'], ['resolveCaa', 'CAA', 'queryCaa'],
    ['resolveCname', 'CNAME', 'queryCname'], ['resolveMx', 'MX', 'queryMx'],
    ['resolveNs', 'NS', 'queryNs'], ['resolveTxt', 'TXT', 'queryTxt'],
    ['resolveSrv', 'SRV', 'querySrv'], ['resolvePtr', 'PTR', 'queryPtr'],
    ['resolveNaptr', 'NAPTR', 'queryNaptr'], ['resolveSoa', 'SOA', 'querySoa'],
  ];
  for (const [method, rrtype, bindingName] of methods) {
    Resolver.prototype[method] = resolveMap[rrtype] = resolver(bindingName);
  }
  Resolver.prototype.reverse = resolver('getHostByAddr');
  return { Resolver, resolveMap };
}

const resolverKeys = [
  'getServers', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv',
  'resolveTxt', 'reverse',
];

let defaultResolver;

function getDefaultResolver() {
  if (defaultResolver === undefined) defaultResolver = new ResolverBase();
  return defaultResolver;
}

function setDefaultResolver(resolver) {
  defaultResolver = resolver;
}

// target.resolve4 = source.resolve4 bound to the default resolver, ...
function bindDefaultResolver(target, source) {
  const resolver = getDefaultResolver();
  for (const key of resolverKeys) target[key] = source[key].bind(resolver);
}

module.exports = {
  QueryReqWrap, ResolverBase, bindDefaultResolver, createResolverClass, getDefaultResolver,
  setDefaultResolver,
};
