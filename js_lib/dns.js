'use strict';

// The dns module: lookup() and lookupService() through the system resolver
// (getaddrinfo/getnameinfo on the worker pool, bindings/dns.cc). The
// resolve*() family and Resolver exist but fail with ENOTIMP until Kiln has
// a DNS wire client (docs/networking.md).

const {
  DNSException, codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  validateBoolean, validateFunction, validateNumber, validateOneOf, validatePort, validateString,
} = require('internal/validators');
const { isIP } = require('internal/net/ip');
const { customPromisifyArgs } = require('internal/util/promisify');
const utils = require('internal/dns/utils');

function onlookup(err, addresses) {
  if (err) return this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
  this.callback(null, addresses[0], this.family || isIP(addresses[0]));
}

function onlookupall(err, addresses) {
  if (err) return this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
  const family = this.family;
  for (let i = 0; i < addresses.length; i++) {
    const addr = addresses[i];
    addresses[i] = { address: addr, family: family || isIP(addr) };
  }
  this.callback(null, addresses);
}

// lookup(hostname[, options], callback): (err, address, family), or
// (err, [{address, family}]) with options.all.
function lookup(hostname, options, callback) {
  let hints = 0;
  let family = 0;
  let all = false;
  let order = utils.getDefaultResultOrder();
  if (hostname) validateString(hostname, 'hostname');
  if (typeof options === 'function') {
    callback = options;
  } else if (typeof options === 'number') {
    validateFunction(callback, 'callback');
    validateOneOf(options, 'family', utils.validFamilies);
    family = options;
  } else if (options !== undefined && typeof options !== 'object') {
    validateFunction(arguments.length === 2 ? options : callback, 'callback');
    throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
  } else {
    validateFunction(callback, 'callback');
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
  if (!hostname) {
    utils.emitInvalidHostnameWarning(hostname);
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const matched = isIP(hostname);
  if (matched) {
    if (all) process.nextTick(callback, null, [{ address: hostname, family: matched }]);
    else process.nextTick(callback, null, hostname, matched);
    return {};
  }
  const req = { callback, family, hostname, oncomplete: all ? onlookupall : onlookup };
  const err = utils.dnsBinding().getaddrinfo(req, hostname, family, hints, utils.orderCode(order));
  if (err) {
    process.nextTick(callback, new DNSException(err, 'getaddrinfo', hostname));
    return {};
  }
  return req;
}
Object.defineProperty(lookup, customPromisifyArgs, {
  __proto__: null, value: ['address', 'family'], enumerable: false,
});

function onlookupservice(err, hostname, service) {
  if (err) return this.callback(new DNSException(err, 'getnameinfo', this.hostname));
  this.callback(null, hostname, service);
}

// lookupService(address, port, callback): (err, hostname, service)
function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw new ERR_MISSING_ARGS('address', 'port', 'callback');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
  validateFunction(callback, 'callback');
  port = +port;
  const req = { callback, hostname: address, port, oncomplete: onlookupservice };
  const err = utils.dnsBinding().getnameinfo(req, address, port);
  if (err) throw new DNSException(err, 'getnameinfo', address);
  return req;
}
Object.defineProperty(lookupService, customPromisifyArgs, {
  __proto__: null, value: ['hostname', 'service'], enumerable: false,
});

// The resolve*() family: argument checks as Node, then ENOTIMP.
function makeResolver(method) {
  return function query(name, options, callback) {
    if (typeof options === 'function') callback = options;
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    process.nextTick(callback, utils.notImplemented(method, name));
    return {};
  };
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

  resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') {
      callback = rrtype;
      rrtype = 'A';
    } else if (rrtype === undefined) {
      rrtype = 'A';
    } else {
      validateString(rrtype, 'rrtype');
    }
    const method = utils.kRrtypes[rrtype];
    if (method === undefined) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return this[method](hostname, callback);
  }
}
for (const method of Object.keys(utils.kResolveSyscalls)) {
  Resolver.prototype[method] = makeResolver(method);
}

const defaultResolver = new Resolver();
const bound = (name) => defaultResolver[name].bind(defaultResolver);

let promises = null;

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder: utils.getDefaultResultOrder,
  setDefaultResultOrder: utils.setDefaultResultOrder,
  setServers: bound('setServers'),
  ADDRCONFIG: utils.ADDRCONFIG,
  ALL: utils.ALL,
  V4MAPPED: utils.V4MAPPED,
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

Object.defineProperty(module.exports, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (promises === null) promises = require('dns/promises');
    return promises;
  },
});
