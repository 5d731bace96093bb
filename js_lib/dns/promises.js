'use strict';

// dns.promises: lookup() and lookupService() as promises over the same
// system resolver as dns (bindings/dns.cc); the resolve*() family rejects
// with ENOTIMP for now (see dns.js).

const {
  DNSException, codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  validateBoolean, validateNumber, validateOneOf, validatePort, validateString,
} = require('internal/validators');
const { isIP } = require('internal/net/ip');
const utils = require('internal/dns/utils');

function onlookup(err, addresses) {
  if (err) {
    this.reject(new DNSException(err, 'getaddrinfo', this.hostname));
    return;
  }
  const family = this.family || isIP(addresses[0]);
  this.resolve({ address: addresses[0], family });
}

function onlookupall(err, addresses) {
  if (err) {
    this.reject(new DNSException(err, 'getaddrinfo', this.hostname));
    return;
  }
  const family = this.family;
  this.resolve(addresses.map((address) => ({ address, family: family || isIP(address) })));
}

function createLookupPromise(family, hostname, all, hints, order) {
  return new Promise((resolve, reject) => {
    if (!hostname) {
      utils.emitInvalidHostnameWarning(hostname);
      resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
      return;
    }
    const matched = isIP(hostname);
    if (matched !== 0) {
      const result = { address: hostname, family: matched };
      resolve(all ? [result] : result);
      return;
    }
    const req = {
      family, hostname, resolve, reject, oncomplete: all ? onlookupall : onlookup,
    };
    const err = utils.dnsBinding().getaddrinfo(req, hostname, family, hints,
                                               utils.orderCode(order));
    if (err) reject(new DNSException(err, 'getaddrinfo', hostname));
  });
}

// lookup(hostname[, options]) -> {address, family} or [{address, family}]
function lookup(hostname, options) {
  let hints = 0;
  let family = 0;
  let all = false;
  let order = utils.getDefaultResultOrder();
  if (hostname) validateString(hostname, 'hostname');
  if (typeof options === 'number') {
    validateOneOf(options, 'family', utils.validFamilies);
    family = options;
  } else if (options !== undefined && typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
  } else {
    if (options?.hints != null) {
      validateNumber(options.hints, 'options.hints');
      hints = options.hints >>> 0;
      utils.validateHints(hints);
    }
    if (options?.family != null) {
      if (options.family === 'IPv4') family = 4;
      else if (options.family === 'IPv6') family = 6;
      else {
        validateOneOf(options.family, 'options.family', utils.validFamilies);
        family = options.family;
      }
    }
    if (options?.all != null) {
      validateBoolean(options.all, 'options.all');
      all = options.all;
    }
    if (options?.verbatim != null) {
      validateBoolean(options.verbatim, 'options.verbatim');
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options?.order != null) {
      validateOneOf(options.order, 'options.order', utils.validDnsOrders);
      order = options.order;
    }
  }
  return createLookupPromise(family, hostname, all, hints, order);
}

function onlookupservice(err, hostname, service) {
  if (err) {
    this.reject(new DNSException(err, 'getnameinfo', this.host));
    return;
  }
  this.resolve({ hostname, service });
}

// lookupService(address, port) -> {hostname, service}
function lookupService(address, port) {
  if (arguments.length !== 2) throw new ERR_MISSING_ARGS('address', 'port');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
  return new Promise((resolve, reject) => {
    const req = { resolve, reject, host: address, port, oncomplete: onlookupservice };
    const err = utils.dnsBinding().getnameinfo(req, address, +port);
    if (err) reject(new DNSException(err, 'getnameinfo', address));
  });
}

class Resolver {
  constructor(options = undefined) {
    if (options?.timeout !== undefined) validateNumber(options.timeout, 'options.timeout');
    this._servers = null;
  }

  cancel() {}

  getServers() {
    return this._servers ? this._servers.slice() : utils.readSystemServers();
  }

  setServers(servers) {
    this._servers = utils.validateServers(servers);
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (ipv6 !== undefined) validateString(ipv6, 'ipv6');
  }

  resolve(hostname, rrtype) {
    if (rrtype === undefined) rrtype = 'A';
    else validateString(rrtype, 'rrtype');
    const method = utils.kRrtypes[rrtype];
    if (method === undefined) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return this[method](hostname);
  }
}
for (const method of Object.keys(utils.kResolveSyscalls)) {
  Resolver.prototype[method] = function(name) {
    validateString(name, 'name');
    return Promise.reject(utils.notImplemented(method, name));
  };
}

const defaultResolver = new Resolver();
const bound = (name) => defaultResolver[name].bind(defaultResolver);

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder: utils.getDefaultResultOrder,
  setDefaultResultOrder: utils.setDefaultResultOrder,
  setServers: bound('setServers'),
  ...utils.errorCodes,
  getServers: bound('getServers'),
  resolve: bound('resolve'),
  resolve4: bound('resolve4'),
  resolve6: bound('resolve6'),
  resolveAny: bound('resolveAny'),
  resolveCaa: bound('resolveCaa'),
  resolveCname: bound('resolveCname'),
  resolveMx: bound('resolveMx'),
  resolveNaptr: bound('resolveNaptr'),
  resolveNs: bound('resolveNs'),
  resolvePtr: bound('resolvePtr'),
  resolveSoa: bound('resolveSoa'),
  resolveSrv: bound('resolveSrv'),
  resolveTxt: bound('resolveTxt'),
  reverse: bound('reverse'),
};
