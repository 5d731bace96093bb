'use strict';

// net.BlockList: rules (single addresses, ranges, subnets) that check()
// tests addresses against; the newest rule is listed first. IPv4 rules also
// match IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) and the other way round.

const { codes: { ERR_INVALID_ARG_VALUE } } = require('internal/errors');
const { validateInt32, validateString } = require('internal/validators');
const { inspect } = require('internal/util/inspect');
const { SocketAddress, kBytes } = require('internal/net/socket_address');

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kRules = Symbol('kRules');

function toSocketAddress(value, name, family) {
  if (SocketAddress.isSocketAddress(value)) return value;
  validateString(value, name);
  validateString(family, 'family');
  return new SocketAddress({ address: value, family });
}

// The address as 16 bytes of IPv6 (IPv4 as ::ffff:a.b.c.d), so both
// families compare in one space.
function key(sa) {
  const b = sa[kBytes];
  return sa.family === 'ipv6' ? b : [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...b];
}

function compare(a, b) {
  for (let i = 0; i < 16; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

function inSubnet(addr, net, bits) {
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 255 : (0xff << (8 - bits)) & 255;
    if ((addr[i] & mask) !== (net[i] & mask)) return false;
  }
  return true;
}

function familyName(family) {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

class BlockList {
  constructor() {
    this[kRules] = [];
  }

  [kInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BlockList ${inspect({ rules: this.rules }, opts)}`;
  }

  addAddress(address, family = 'ipv4') {
    const sa = toSocketAddress(address, 'address', family);
    this[kRules].unshift({
      text: `Address: ${familyName(sa.family)} ${sa.address}`,
      match: (k) => compare(k, key(sa)) === 0,
    });
  }

  addRange(start, end, family = 'ipv4') {
    start = toSocketAddress(start, 'start', family);
    end = toSocketAddress(end, 'end', family);
    const lo = key(start);
    const hi = key(end);
    if (compare(lo, hi) > 0) throw new ERR_INVALID_ARG_VALUE('start', start, 'must come before end');
    this[kRules].unshift({
      text: `Range: ${familyName(start.family)} ${start.address}-${end.address}`,
      match: (k) => compare(k, lo) >= 0 && compare(k, hi) <= 0,
    });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    network = toSocketAddress(network, 'network', family);
    if (network.family === 'ipv4') validateInt32(prefix, 'prefix', 0, 32);
    else validateInt32(prefix, 'prefix', 0, 128);
    const net = key(network);
    const bits = network.family === 'ipv4' ? prefix + 96 : prefix;
    this[kRules].unshift({
      text: `Subnet: ${familyName(network.family)} ${network.address}/${prefix}`,
      match: (k) => inSubnet(k, net, bits),
    });
  }

  check(address, family = 'ipv4') {
    if (!SocketAddress.isSocketAddress(address)) {
      validateString(address, 'address');
      validateString(family, 'family');
      try {
        address = new SocketAddress({ address, family });
      } catch {
        return false;
      }
    }
    const k = key(address);
    return this[kRules].some((rule) => rule.match(k));
  }

  get rules() {
    return this[kRules].map((rule) => rule.text);
  }
}

module.exports = { BlockList };
