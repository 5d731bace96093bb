'use strict';

// net.SocketAddress: an IP address, port, family and IPv6 flow label, kept
// in canonical form (as inet_ntop prints it), and the byte forms BlockList
// compares.

const { E, codes } = require('internal/errors');
const {
  validateObject, validatePort, validateString, validateUint32,
} = require('internal/validators');
const { inspect } = require('internal/util/inspect');
const { formatIPv6, parseIPv4, parseIPv6 } = require('internal/net/ip');

// TODO(errors): move to the table in internal/errors.js.
if (codes.ERR_INVALID_ADDRESS === undefined) E('ERR_INVALID_ADDRESS', 'Invalid socket address', Error);

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kBytes = Symbol('kBytes');
const kDetail = Symbol('kDetail');

// {family: 'ipv4'|'ipv6', bytes} for a literal of that family, or null.
function toBytes(address, family) {
  if (family === 'ipv4') {
    const b = parseIPv4(address);
    return b && { family, bytes: b };
  }
  const b = parseIPv6(address, false);
  return b && { family, bytes: b };
}

function formatBytes(family, bytes) {
  return family === 'ipv4' ? bytes.join('.') : formatIPv6(bytes);
}

class SocketAddress {
  static isSocketAddress(value) {
    return value?.[kBytes] !== undefined;
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    let { family = 'ipv4' } = options;
    const {
      address = (family === 'ipv4' ? '127.0.0.1' : '::'),
      port = 0,
      flowlabel = 0,
    } = options;
    if (typeof family?.toLowerCase === 'function') family = family.toLowerCase();
    if (family !== 'ipv4' && family !== 'ipv6') {
      throw new codes.ERR_INVALID_ARG_VALUE('options.family', options.family);
    }
    validateString(address, 'options.address');
    validatePort(port, 'options.port');
    validateUint32(flowlabel, 'options.flowlabel', false);
    const parsed = toBytes(address, family);
    if (parsed === null) throw new codes.ERR_INVALID_ADDRESS();
    this[kBytes] = parsed.bytes;
    this[kDetail] = {
      address: formatBytes(family, parsed.bytes), port: port | 0, family,
      flowlabel: family === 'ipv6' ? flowlabel : 0,
    };
  }

  get address() { return this[kDetail].address; }
  get port() { return this[kDetail].port; }
  get family() { return this[kDetail].family; }
  get flowlabel() { return this[kDetail].flowlabel; }

  [kInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `SocketAddress ${inspect(this.toJSON(), opts)}`;
  }

  toJSON() {
    return {
      address: this.address, port: this.port, family: this.family, flowlabel: this.flowlabel,
    };
  }
}

module.exports = { SocketAddress, formatBytes, kBytes };
