'use strict';

// What each dns.resolve*() query makes of a response's answer section, in
// the shapes Node returns (the choices of c-ares' ares_parse_*_reply, which
// Node uses): records of class IN and the asked type, whatever their owner
// name; addresses follow the CNAME chain that starts at the question and
// their TTLs are capped by its CNAMEs'. No matching record: ENODATA.

const { CLASS_IN, TYPE } = require('internal/dns/wire');

// The query type each binding name asks for.
const kQueryTypes = {
  queryA: TYPE.A, queryAaaa: TYPE.AAAA, queryAny: TYPE.ANY, queryCaa: TYPE.CAA,
  queryCname: TYPE.CNAME, queryMx: TYPE.MX, queryNaptr: TYPE.NAPTR, queryNs: TYPE.NS,
  queryPtr: TYPE.PTR, querySoa: TYPE.SOA, querySrv: TYPE.SRV, queryTxt: TYPE.TXT,
  getHostByAddr: TYPE.PTR,
};

class NoData extends Error {}

function ofType(answers, type) {
  return answers.filter((rr) => rr.type === type && rr.class === CLASS_IN);
}

function nonEmpty(list) {
  if (list.length === 0) throw new NoData();
  return list;
}

// {addresses: [{address, ttl}], cnames: [target]} for A or AAAA.
function addressChain(answers, qname, type) {
  let name = qname.toLowerCase();
  const cnames = [];
  let cap = Infinity;
  const addresses = [];
  for (const rr of answers) {
    if (rr.class !== CLASS_IN) continue;
    if (rr.type === TYPE.CNAME && rr.name.toLowerCase() === name) {
      cnames.push(rr.data);
      cap = Math.min(cap, rr.ttl);
      name = rr.data.toLowerCase();
    } else if (rr.type === type) {
      addresses.push({ address: rr.data, ttl: rr.ttl });
    }
  }
  if (addresses.length === 0 && cnames.length === 0) throw new NoData();
  for (const a of addresses) a.ttl = Math.min(a.ttl, cap);
  return { addresses, cnames };
}

// One query kind's result: [value], [{address, ttl}] (`ttls` asked), or
// for SOA one object.
function shape(kind, answers, qname) {
  switch (kind) {
    case TYPE.A: case TYPE.AAAA:
      return addressChain(answers, qname, kind).addresses;
    case TYPE.CNAME:
      return [addressChain(answers, qname, TYPE.A).cnames[0] ?? qname];
    case TYPE.NS: case TYPE.PTR:
      return nonEmpty(ofType(answers, kind).map((rr) => rr.data));
    case TYPE.MX:
      return nonEmpty(ofType(answers, kind).map(({ data }) => ({
        exchange: data.exchange, priority: data.priority,
      })));
    case TYPE.TXT:
      return nonEmpty(ofType(answers, kind).map((rr) => rr.data));
    case TYPE.SRV:
      return nonEmpty(ofType(answers, kind).map(({ data }) => ({
        name: data.name, port: data.port, priority: data.priority, weight: data.weight,
      })));
    case TYPE.NAPTR:
      return nonEmpty(ofType(answers, kind).map(({ data }) => ({
        flags: data.flags, service: data.service, regexp: data.regexp,
        replacement: data.replacement, order: data.order, preference: data.preference,
      })));
    case TYPE.SOA: {
      const { data } = nonEmpty(ofType(answers, kind))[0];
      return {
        nsname: data.nsname, hostmaster: data.hostmaster, serial: data.serial,
        refresh: data.refresh, retry: data.retry, expire: data.expire, minttl: data.minttl,
      };
    }
    case TYPE.CAA:
      return nonEmpty(ofType(answers, kind).map(({ data }) => ({
        critical: data.critical, [data.tag]: data.value,
      })));
  }
}

// Runs `fn`; ENODATA becomes [].
function orNone(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NoData) return [];
    throw e;
  }
}

const typed = (list, type) => list.map((r) => ({ ...r, type }));
const valued = (list, type) => list.map((value) => ({ value, type }));

// ANY: every kind in c-ares' order, each record with its `type`. A CNAME at
// the question hides the addresses it leads to.
function shapeAny(answers, qname) {
  const out = [];
  const v4 = orNone(() => addressChain(answers, qname, TYPE.A));
  if (v4.cnames?.length) out.push(...valued([v4.cnames[0]], 'CNAME'));
  else out.push(...typed(v4.addresses || [], 'A'));
  out.push(...typed(orNone(() => addressChain(answers, qname, TYPE.AAAA).addresses), 'AAAA'));
  out.push(...typed(orNone(() => shape(TYPE.MX, answers)), 'MX'));
  out.push(...valued(orNone(() => shape(TYPE.NS, answers)), 'NS'));
  out.push(...orNone(() => shape(TYPE.TXT, answers)).map((entries) => ({ entries, type: 'TXT' })));
  out.push(...typed(orNone(() => shape(TYPE.SRV, answers)), 'SRV'));
  out.push(...valued(orNone(() => shape(TYPE.PTR, answers)), 'PTR'));
  out.push(...typed(orNone(() => shape(TYPE.NAPTR, answers)), 'NAPTR'));
  const soa = orNone(() => shape(TYPE.SOA, answers));
  if (!Array.isArray(soa)) out.push({ ...soa, type: 'SOA' });
  out.push(...typed(orNone(() => shape(TYPE.CAA, answers)), 'CAA'));
  return out;
}

// The result of query `bindingName` for `qname` from a response's answers;
// throws NoData. `ttls`: A/AAAA as [{address, ttl}] instead of strings.
function resultOf(bindingName, answers, qname, ttls) {
  const type = kQueryTypes[bindingName];
  if (type === TYPE.ANY) return shapeAny(answers, qname);
  const result = shape(type, answers, qname);
  if ((type === TYPE.A || type === TYPE.AAAA) && !ttls) return result.map((a) => a.address);
  return result;
}

module.exports = { NoData, kQueryTypes, resultOf };
