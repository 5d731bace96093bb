'use strict';

// The dns module, callback form. lookup() and lookupService() ask the
// system resolver (getaddrinfo/getnameinfo on the worker pool,
// bindings/dns.cc); resolve*(), reverse() and Resolver send DNS queries
// with Kiln's own client (internal/dns/channel.js) where Node uses c-ares.
// dns/promises.js is the promise form of the same.

const { initLoopResource } = require('internal/async_context');
const {
  DNSException, codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateFunction, validateOneOf, validateString } = require('internal/validators');
const { customPromisifyArgs } = require('internal/util/promisify');
const utils = require('internal/dns/utils');
const {
  QueryReqWrap, bindDefaultResolver, createResolverClass, setDefaultResolver,
} = require('internal/dns/resolver');

function onlookup(err, addresses) {
  if (err) return this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
  const [first] = utils.addressEntries(addresses, this.family);
  this.callback(null, first.address, first.family);
}

function onlookupall(err, addresses) {
  if (err) return this.callback(new DNSException(err, 'getaddrinfo', this.hostname));
  this.callback(null, utils.addressEntries(addresses, this.family));
}

// lookup(hostname[, options], callback): (err, address, family), or
// (err, [{address, family}]) with options.all.
function lookup(hostname, options, callback) {
  let opts;
  if (hostname) validateString(hostname, 'hostname');
  if (typeof options === 'function') {
    callback = options;
    opts = utils.lookupOptions(undefined, true);
  } else if (typeof options === 'number') {
    validateFunction(callback, 'callback');
    validateOneOf(options, 'family', utils.validFamilies);
    opts = { ...utils.lookupOptions(undefined, true), family: options };
  } else if (options !== undefined && typeof options !== 'object') {
    validateFunction(arguments.length === 2 ? options : callback, 'callback');
    throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
  } else {
    validateFunction(callback, 'callback');
    opts = utils.lookupOptions(options, true);
  }
  const { family, hints, all, order } = opts;
  const known = utils.lookupWithoutResolver(hostname, family);
  if (known === null) {
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  if (known !== undefined) {
    if (all) process.nextTick(callback, null, known);
    else process.nextTick(callback, null, known[0].address, known[0].family);
    return {};
  }
  const req = { callback, family, hostname, oncomplete: all ? onlookupall : onlookup };
  const err = utils.getaddrinfo(req, hostname, family, hints, order);
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
  utils.validateLookupService(arguments, ['address', 'port', 'callback']);
  validateFunction(callback, 'callback');
  port = +port;
  const req = { callback, hostname: address, port, oncomplete: onlookupservice };
  const err = utils.getnameinfo(req, address, port);
  if (err) throw new DNSException(err, 'getnameinfo', address);
  return req;
}
Object.defineProperty(lookupService, customPromisifyArgs, {
  __proto__: null, value: ['hostname', 'service'], enumerable: false,
});

function onresolve(code, result) {
  if (code) this.callback(new DNSException(code, this.bindingName, this.hostname));
  else this.callback(null, result);
}

// The Resolver method that sends query `bindingName`:
// (name[, options], callback), options.ttl for resolve4/resolve6.
function resolver(bindingName) {
  function query(name, /* options, */ callback) {
    let options;
    if (arguments.length > 2) {
      options = callback;
      callback = arguments[2];
    }
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    const req = new QueryReqWrap();
    req.bindingName = bindingName;
    req.callback = callback;
    req.hostname = name;
    req.oncomplete = onresolve;
    req.ttl = !!(options && options.ttl);
    initLoopResource(req, 'QUERYWRAP');
    const err = this._handle[bindingName](req, name);
    if (err) throw new DNSException(err, bindingName, name);
    return req;
  }
  Object.defineProperty(query, 'name', { __proto__: null, value: bindingName });
  return query;
}

const { Resolver, resolveMap } = createResolverClass(resolver);

// resolve(hostname[, rrtype], callback): rrtype 'A' by default.
Resolver.prototype.resolve = function resolve(hostname, rrtype, callback) {
  let query;
  if (typeof rrtype === 'string') {
    query = resolveMap[rrtype];
  } else if (typeof rrtype === 'function') {
    query = resolveMap.A;
    callback = rrtype;
  } else {
    throw new ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
  }
  if (typeof query === 'function') return query.call(this, hostname, callback);
  throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
};

let promises = null;

// dns.setServers(): a new default resolver, for both module forms.
function defaultResolverSetServers(servers) {
  const resolver = new Resolver();
  resolver.setServers(servers);
  setDefaultResolver(resolver);
  bindDefaultResolver(module.exports, Resolver.prototype);
  if (promises !== null) bindDefaultResolver(promises, promises.Resolver.prototype);
}

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder: utils.getDefaultResultOrder,
  setDefaultResultOrder: utils.setDefaultResultOrder,
  setServers: defaultResolverSetServers,
  ADDRCONFIG: utils.ADDRCONFIG,
  ALL: utils.ALL,
  V4MAPPED: utils.V4MAPPED,
  ...utils.errorCodes,
};
bindDefaultResolver(module.exports, Resolver.prototype);

Object.defineProperty(module.exports, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (promises === null) promises = require('dns/promises');
    return promises;
  },
});
