'use strict';

// The system's resolver configuration, read when first needed (never at
// snapshot time): name servers and `options timeout:N` from
// /etc/resolv.conf, and /etc/hosts for dns.reverse(), which like c-ares
// looks there before it asks DNS. `options attempts:N` is not read: Node
// always gives c-ares its own `tries` (4 unless a Resolver says otherwise).

const { isIP, parseIPv4, parseIPv6 } = require('internal/net/ip');

const DNS_PORT = 53;

function readText(path) {
  try {
    return binding('fs').readFileUtf8(path);
  } catch {
    return '';
  }
}

// The words of each line, comments (# or ;) left out.
function lines(text) {
  return text.split('\n').map((l) => l.replace(/[#;].*/, '').trim().split(/\s+/))
    .filter((words) => words[0] !== '');
}

// {servers: [{family, address, port}], timeout: ms or 0}. Without a usable
// nameserver line, c-ares' default: 127.0.0.1.
function readResolvConf() {
  const servers = [];
  let timeout = 0;
  for (const words of lines(readText('/etc/resolv.conf'))) {
    if (words[0] === 'nameserver' && words.length > 1) {
      const family = isIP(words[1]);
      if (family) servers.push({ family, address: words[1], port: DNS_PORT });
    } else if (words[0] === 'options') {
      for (const opt of words.slice(1)) {
        const m = /^timeout:(\d+)$/.exec(opt);
        if (m) timeout = Math.min(Number(m[1]), 30) * 1000;
      }
    }
  }
  if (servers.length === 0) servers.push({ family: 4, address: '127.0.0.1', port: DNS_PORT });
  return { servers, timeout };
}

function sameAddress(a, b) {
  const pa = parseIPv4(a) || parseIPv6(a, true);
  const pb = parseIPv4(b) || parseIPv6(b, true);
  return pa !== null && pb !== null && pa.join() === pb.join();
}

// dns.reverse() from /etc/hosts: the names of `ip` but the first (c-ares
// gives Node the hostent's aliases), or null when the file has no line for it.
function reverseFromHosts(ip) {
  let names = null;
  for (const words of lines(readText('/etc/hosts'))) {
    if (!sameAddress(words[0], ip)) continue;
    names = names || [];
    for (const name of words.slice(1)) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names && names.slice(1);
}

module.exports = { DNS_PORT, readResolvConf, reverseFromHosts };
