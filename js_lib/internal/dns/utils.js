'use strict';

// What dns and dns/promises share for lookup() and lookupService() (the
// system resolver: getaddrinfo/getnameinfo on the worker pool,
// bindings/dns.cc): argument checks, the default result order, and the
// error code constants. The resolve*() side is internal/dns/resolver.js.

const { initLoopResource } = require('internal/async_context');
const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  validateBoolean, validateNumber, validateOneOf, validatePort,
} = require('internal/validators');
const { isIP } = require('internal/net/ip');
const { startPerf, stopPerf } = require('internal/dns/perf');

const validFamilies = [0, 4, 6];
const validDnsOrders = ['verbatim', 'ipv4first', 'ipv6first'];

let defaultResultOrder;

function dnsBinding() {
  return binding('dns');
}

// --dns-result-order=..., read at first use; 'verbatim' by default (Node 20).
function getDefaultResultOrder() {
  if (defaultResultOrder === undefined) {
    const v = require('internal/options').getOptionValue('--dns-result-order');
    defaultResultOrder = validDnsOrders.includes(v) ? v : 'verbatim';
  }
  return defaultResultOrder;
}

function setDefaultResultOrder(value) {
  validateOneOf(value, 'dnsOrder', validDnsOrders);
  defaultResultOrder = value;
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

// lookup()'s options object: {family, hints, all, order}. `familyNames`:
// also take 'IPv4'/'IPv6' for family (the callback form does, the promise
// form does not).
function lookupOptions(options, familyNames) {
  const out = { family: 0, hints: 0, all: false, order: getDefaultResultOrder() };
  if (options?.hints != null) {
    validateNumber(options.hints, 'options.hints');
    out.hints = options.hints >>> 0;
    validateHints(out.hints);
  }
  if (options?.family != null) {
    if (familyNames && options.family === 'IPv4') out.family = 4;
    else if (familyNames && options.family === 'IPv6') out.family = 6;
    else {
      validateOneOf(options.family, 'options.family', validFamilies);
      out.family = options.family;
    }
  }
  if (options?.all != null) {
    validateBoolean(options.all, 'options.all');
    out.all = options.all;
  }
  if (options?.verbatim != null) {
    validateBoolean(options.verbatim, 'options.verbatim');
    out.order = options.verbatim ? 'verbatim' : 'ipv4first';
  }
  if (options?.order != null) {
    validateOneOf(options.order, 'options.order', validDnsOrders);
    out.order = options.order;
  }
  return out;
}

// What lookup() answers without asking the system: null for an empty
// hostname (with a warning), [{address, family}] for an IP literal;
// undefined when the system must be asked.
function lookupWithoutResolver(hostname, family) {
  if (!hostname) {
    emitInvalidHostnameWarning(hostname);
    return null;
  }
  const matched = isIP(hostname);
  return matched ? [{ address: hostname, family: matched }] : undefined;
}

// Times `req` for 'dns' observers: its oncomplete(err, ...results) makes
// the entry, with the results under `resultNames`.
function observe(req, name, detail, resultNames) {
  if (!startPerf(req, name, detail)) return;
  const done = req.oncomplete;
  req.oncomplete = function(err, ...results) {
    done.call(this, err, ...results);
    if (!err) stopPerf(this, Object.fromEntries(resultNames.map((n, i) => [n, results[i]])));
  };
}

// Starts getaddrinfo for req (req.oncomplete(status, addresses) later).
function getaddrinfo(req, hostname, family, hints, order) {
  const b = dnsBinding();
  const code = order === 'ipv4first' ? b.kIpv4First :
    order === 'ipv6first' ? b.kIpv6First : b.kVerbatim;
  // The callback runs in the AsyncLocalStorage frame of the call.
  initLoopResource(req, 'GETADDRINFOREQWRAP');
  const err = b.getaddrinfo(req, hostname, family, hints, code);
  if (!err) {
    observe(req, 'lookup', { hostname, family, hints, verbatim: order === 'verbatim', order },
            ['addresses']);
  }
  return err;
}

// Starts getnameinfo for req (req.oncomplete(status, hostname, service)).
function getnameinfo(req, address, port) {
  initLoopResource(req, 'GETNAMEINFOREQWRAP');
  const err = dnsBinding().getnameinfo(req, address, port);
  if (!err) observe(req, 'lookupService', { host: address, port }, ['hostname', 'service']);
  return err;
}

// getaddrinfo's address strings as [{address, family}].
function addressEntries(addresses, family) {
  return addresses.map((address) => ({ address, family: family || isIP(address) }));
}

// lookupService()'s checks; `names` are the arguments it must have.
function validateLookupService(args, names) {
  if (args.length !== names.length) throw new ERR_MISSING_ARGS(...names);
  if (isIP(args[0]) === 0) throw new ERR_INVALID_ARG_VALUE('address', args[0]);
  validatePort(args[1]);
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

module.exports = {
  ADDRCONFIG, ALL, V4MAPPED, addressEntries, errorCodes, getDefaultResultOrder, getaddrinfo,
  getnameinfo, lookupOptions, lookupWithoutResolver, setDefaultResultOrder, validFamilies,
  validateLookupService,
};
