'use strict';

// net.SocketAddress: an IP address, port, family and IPv6 flow label, kept
// in canonical form (as inet_ntop prints it), and the byte forms BlockList
// compares.

const { E, codes } = require('internal/errors');
const {
  validateObject, validatePort, validateString, validateUint32,
} = require('internal/validators');
const { inspect } = require('internal/util/inspect');
const { parseIPv4, parseIPv6 } = require('internal/net/ip');

// TODO(errors): move to the table in internal/errors.js.
if (codes.ERR_INVALID_ADDRESS === undefined) E('ERR_INVALID_ADDRESS', 'Invalid socket address', Error);

const kInspect = Symbol.for('nodejs.util.inspect.custom');
const kBytes = Symbol('kBytes');
const kDetail = Symbol('kDetail');

// IPv6 text as inet_ntop writes it: lower-case, the longest run of two or
// more zero groups as '::', an IPv4-mapped or -compatible tail dotted.
function formatIPv6(b) {
  const words = [];
  for (let i = 0; i < 16; i += 2) words.push((b[i] << 8) | b[i + 1]);
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
      break;
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

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
