'use strict';

// dns.promises: the promise form of the dns module (see dns.js), over the
// same system resolver for lookup()/lookupService() and the same DNS client
// and default resolver for resolve*() and reverse().

const {
  DNSException, codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateOneOf, validateString } = require('internal/validators');
const utils = require('internal/dns/utils');
const {
  QueryReqWrap, bindDefaultResolver, createResolverClass, setDefaultResolver,
} = require('internal/dns/resolver');

function onlookup(err, addresses) {
  if (err) return this.reject(new DNSException(err, 'getaddrinfo', this.hostname));
  this.resolve(utils.addressEntries(addresses, this.family)[0]);
}

function onlookupall(err, addresses) {
  if (err) return this.reject(new DNSException(err, 'getaddrinfo', this.hostname));
  this.resolve(utils.addressEntries(addresses, this.family));
}

function createLookupPromise(family, hostname, all, hints, order) {
  return new Promise((resolve, reject) => {
    const known = utils.lookupWithoutResolver(hostname, family);
    if (known === null) {
      resolve(all ? [] : { address: null, family: family === 6 ? 6 : 4 });
      return;
    }
    if (known !== undefined) {
      resolve(all ? known : known[0]);
      return;
    }
    const req = { family, hostname, resolve, reject, oncomplete: all ? onlookupall : onlookup };
    const err = utils.getaddrinfo(req, hostname, family, hints, order);
    if (err) reject(new DNSException(err, 'getaddrinfo', hostname));
  });
}

// lookup(hostname[, options]) -> {address, family} or [{address, family}]
function lookup(hostname, options) {
  let opts;
  if (hostname) validateString(hostname, 'hostname');
  if (typeof options === 'number') {
    validateOneOf(options, 'family', utils.validFamilies);
    opts = { ...utils.lookupOptions(undefined, false), family: options };
  } else if (options !== undefined && typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'object'], options);
  } else {
    opts = utils.lookupOptions(options, false);
  }
  return createLookupPromise(opts.family, hostname, opts.all, opts.hints, opts.order);
}

function onlookupservice(err, hostname, service) {
  // Node's promise form leaves the address out of this error's message.
  if (err) return this.reject(new DNSException(err, 'getnameinfo'));
  this.resolve({ hostname, service });
}

// lookupService(address, port) -> {hostname, service}
function lookupService(address, port) {
  utils.validateLookupService(arguments, ['address', 'port']);
  return new Promise((resolve, reject) => {
    const req = { resolve, reject, hostname: address, port, oncomplete: onlookupservice };
    const err = utils.getnameinfo(req, address, +port);
    if (err) reject(new DNSException(err, 'getnameinfo', address));
  });
}

function onresolve(code, result) {
  if (code) this.reject(new DNSException(code, this.bindingName, this.hostname));
  else this.resolve(result);
}

// The Resolver method that sends query `bindingName`: (name[, options]).
function resolver(bindingName) {
  function query(name, options) {
    validateString(name, 'name');
    return new Promise((resolve, reject) => {
      const req = new QueryReqWrap();
      req.bindingName = bindingName;
      req.hostname = name;
      req.oncomplete = onresolve;
      req.resolve = resolve;
      req.reject = reject;
      req.ttl = !!(options && options.ttl);
      const err = this._handle[bindingName](req, name);
      if (err) reject(new DNSException(err, bindingName, name));
    });
  }
  Object.defineProperty(query, 'name', { __proto__: null, value: bindingName });
  return query;
}

const { Resolver, resolveMap } = createResolverClass(resolver);

// resolve(hostname[, rrtype]): rrtype 'A' by default.
Resolver.prototype.resolve = function resolve(hostname, rrtype) {
  let query = resolveMap.A;
  if (rrtype !== undefined) {
    validateString(rrtype, 'rrtype');
    query = resolveMap[rrtype];
    if (typeof query !== 'function') throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
  }
  return query.call(this, hostname);
};

// dns.promises.setServers(): a new default resolver for this form.
function defaultResolverSetServers(servers) {
  const resolver = new Resolver();
  resolver.setServers(servers);
  setDefaultResolver(resolver);
  bindDefaultResolver(module.exports, Resolver.prototype);
}

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder: utils.getDefaultResultOrder,
  setDefaultResultOrder: utils.setDefaultResultOrder,
  setServers: defaultResolverSetServers,
  ...utils.errorCodes,
};
bindDefaultResolver(module.exports, Resolver.prototype);
