'use strict';

// The DNS message format (RFC 1035) for Kiln's resolver: a query out, a
// response in. encodeQuery() writes one question with recursion desired;
// parseMessage() reads a whole response (all four sections, compressed
// names) and throws on anything malformed, which the resolver reports as
// EBADRESP. Record data is decoded for the types dns.resolve*() returns.
// Names and strings come back as c-ares gives them: bytes as latin1, and in
// names the reserved characters escaped (\.) and unprintable ones as \DDD.

const { Buffer } = require('buffer');
const { formatIPv6 } = require('internal/net/ip');

const TYPE = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35,
  ANY: 255, CAA: 257,
};
const CLASS_IN = 1;
const RD = 0x0100;
const TC = 0x0200;

class BadName extends Error {}
class BadResponse extends Error {}

// The wire labels of `name` (a dotted name, '\.' and '\DDD' escapes, an
// optional final dot), or throws BadName: empty labels, labels over 63
// bytes and names over 255 bytes are refused, as c-ares does.
function encodeName(name) {
  const bytes = Buffer.from(name, 'utf8');
  const out = [];
  let label = [];
  let total = 1;
  const endLabel = () => {
    if (label.length === 0 || label.length > 63) throw new BadName();
    out.push(label.length);
    for (const b of label) out.push(b);
    total += label.length + 1;
    label = [];
  };
  if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === 0x2e)) return Buffer.from([0]);
  for (let i = 0; i < bytes.length; i++) {
    let c = bytes[i];
    if (c === 0x5c && i + 1 < bytes.length) {
      const d = bytes.subarray(i + 1, i + 4);
      if (d.length === 3 && d.every((x) => x >= 0x30 && x <= 0x39)) {
        c = Number(d.toString('latin1'));
        if (c > 255) throw new BadName();
        i += 3;
      } else {
        c = bytes[++i];
      }
    } else if (c === 0x2e) {
      endLabel();
      if (i === bytes.length - 1) break;  // the final dot
      continue;
    }
    label.push(c);
  }
  if (label.length !== 0) endLabel();
  if (total > 255) throw new BadName();
  out.push(0);
  return Buffer.from(out);
}

// A query message: header (id, RD), one question of class IN.
function encodeQuery(id, name, type) {
  const qname = encodeName(name);
  const msg = Buffer.alloc(12 + qname.length + 4);
  msg.writeUInt16BE(id, 0);
  msg.writeUInt16BE(RD, 2);
  msg.writeUInt16BE(1, 4);
  qname.copy(msg, 12);
  msg.writeUInt16BE(type, 12 + qname.length);
  msg.writeUInt16BE(CLASS_IN, 14 + qname.length);
  return msg;
}

const kReserved = new Set('".;\\()@$'.split('').map((c) => c.charCodeAt(0)));

function labelText(buf, start, end) {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c < 0x20 || c > 0x7e) s += `\\${String(c).padStart(3, '0')}`;
    else if (kReserved.has(c)) s += `\\${String.fromCharCode(c)}`;
    else s += String.fromCharCode(c);
  }
  return s;
}

// Reads the (possibly compressed) name at `off`: [text, offset after it].
// Pointers must point backwards, so a loop cannot be built.
function readName(buf, off) {
  const labels = [];
  let end = -1;
  let pos = off;
  for (;;) {
    if (pos >= buf.length) throw new BadResponse();
    const len = buf[pos];
    if (len === 0) {
      if (end === -1) end = pos + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) throw new BadResponse();
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (target >= pos) throw new BadResponse();
      if (end === -1) end = pos + 2;
      pos = target;
      continue;
    }
    if ((len & 0xc0) !== 0 || pos + 1 + len > buf.length) throw new BadResponse();
    labels.push(labelText(buf, pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  return [labels.join('.'), end];
}

// <character-string>: a length byte, then that many bytes.
function readString(buf, off, end) {
  if (off >= end || off + 1 + buf[off] > end) throw new BadResponse();
  return [buf.toString('latin1', off + 1, off + 1 + buf[off]), off + 1 + buf[off]];
}

function u16(buf, off, end) {
  if (off + 2 > end) throw new BadResponse();
  return buf.readUInt16BE(off);
}

function u32(buf, off, end) {
  if (off + 4 > end) throw new BadResponse();
  return buf.readUInt32BE(off);
}

// The data of one record, by type; other types keep their raw bytes.
function readRdata(buf, type, off, end) {
  switch (type) {
    case TYPE.A:
      if (end - off !== 4) throw new BadResponse();
      return `${buf[off]}.${buf[off + 1]}.${buf[off + 2]}.${buf[off + 3]}`;
    case TYPE.AAAA:
      if (end - off !== 16) throw new BadResponse();
      return formatIPv6(buf.subarray(off, end));
    case TYPE.NS: case TYPE.CNAME: case TYPE.PTR:
      return readName(buf, off)[0];
    case TYPE.MX:
      return { priority: u16(buf, off, end), exchange: readName(buf, off + 2)[0] };
    case TYPE.TXT: {
      const strings = [];
      while (off < end) {
        let s;
        [s, off] = readString(buf, off, end);
        strings.push(s);
      }
      return strings;
    }
    case TYPE.SRV:
      return {
        priority: u16(buf, off, end), weight: u16(buf, off + 2, end), port: u16(buf, off + 4, end),
        name: readName(buf, off + 6)[0],
      };
    case TYPE.NAPTR: {
      const order = u16(buf, off, end);
      const preference = u16(buf, off + 2, end);
      const [flags, o1] = readString(buf, off + 4, end);
      const [service, o2] = readString(buf, o1, end);
      const [regexp, o3] = readString(buf, o2, end);
      return { order, preference, flags, service, regexp, replacement: readName(buf, o3)[0] };
    }
    case TYPE.SOA: {
      const [nsname, o1] = readName(buf, off);
      const [hostmaster, o2] = readName(buf, o1);
      return {
        nsname, hostmaster, serial: u32(buf, o2, end), refresh: u32(buf, o2 + 4, end),
        retry: u32(buf, o2 + 8, end), expire: u32(buf, o2 + 12, end),
        minttl: u32(buf, o2 + 16, end),
      };
    }
    case TYPE.CAA: {
      if (end - off < 2) throw new BadResponse();
      const [tag, o1] = readString(buf, off + 1, end);
      return { critical: buf[off], tag, value: buf.toString('latin1', o1, end) };
    }
    default:
      return buf.subarray(off, end);
  }
}

// {id, flags, rcode, truncated, questions, answers} from a response;
// throws BadResponse. Records: {name, type, class, ttl, data}.
function parseMessage(buf) {
  if (buf.length < 12) throw new BadResponse();
  const flags = buf.readUInt16BE(2);
  const counts = [4, 6, 8, 10].map((o) => buf.readUInt16BE(o));
  let off = 12;
  const questions = [];
  for (let i = 0; i < counts[0]; i++) {
    let name;
    [name, off] = readName(buf, off);
    questions.push({ name, type: u16(buf, off, buf.length), class: u16(buf, off + 2, buf.length) });
    off += 4;
  }
  const sections = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]; i++) {
      let name;
      [name, off] = readName(buf, off);
      const type = u16(buf, off, buf.length);
      const klass = u16(buf, off + 2, buf.length);
      const ttl = u32(buf, off + 4, buf.length);
      const len = u16(buf, off + 8, buf.length);
      const start = off + 10;
      if (start + len > buf.length) throw new BadResponse();
      const data = readRdata(buf, type, start, start + len);
      sections[s].push({ name, type, class: klass, ttl, data });
      off = start + len;
    }
  }
  return {
    id: buf.readUInt16BE(0), flags, rcode: flags & 0xf, truncated: (flags & TC) !== 0,
    questions, answers: sections[0],
  };
}

module.exports = { BadName, BadResponse, CLASS_IN, TYPE, encodeQuery, parseMessage, readName };
