'use strict';

// tls.checkServerIdentity(hostname, cert): does the certificate name the
// host? IP addresses must be among its IP subjectAltNames; names are matched
// against its DNS subjectAltNames (or, without any, its subject CN) as RFC
// 6125 has it: whole labels, at most one '*' and only in the leftmost label
// of a name of three or more labels, never inside an IDNA ("xn--") label.

const { ERR_TLS_CERT_ALTNAME_INVALID } = require('internal/errors').codes;
const { isIP, parseIPv4, parseIPv6 } = require('internal/net/ip');
const { formatBytes } = require('internal/net/socket_address');

// The address in its usual form; undefined for what is not one (as Node:
// an "IP Address:8.8.8.0/24" entry matches nothing and prints as nothing).
function canonicalIP(ip) {
  const v4 = parseIPv4(ip);
  if (v4) return formatBytes('ipv4', v4);
  const v6 = parseIPv6(ip, false);
  return v6 ? formatBytes('ipv6', v6) : undefined;
}

function labels(name) {
  name = `${name}`.toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name.split('.');
}

// Names with commas or quotes in them are escaped: "DNS:\"a, b\"".
function splitAltNames(altNames) {
  if (!altNames.includes('"')) return altNames.split(', ');
  const out = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < altNames.length; i++) {
    const c = altNames[i];
    if (quoted) {
      if (c === '\\' && i + 1 < altNames.length) current += altNames[++i];
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',' && altNames[i + 1] === ' ') {
      out.push(current);
      current = '';
      i++;
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

function matches(hostLabels, pattern) {
  if (!pattern) return false;
  const pat = labels(pattern);
  if (pat.length !== hostLabels.length || pat.includes('')) return false;
  for (const p of pat) {
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 0x21 || c > 0x7f) return false;
    }
  }
  for (let i = 1; i < pat.length; i++) {
    if (pat[i] !== hostLabels[i]) return false;
  }
  const first = pat[0];
  const star = first.indexOf('*');
  if (star === -1 || first.includes('xn--')) return first === hostLabels[0];
  if (first.indexOf('*', star + 1) !== -1 || pat.length <= 2) return false;
  const prefix = first.slice(0, star);
  const suffix = first.slice(star + 1);
  const host = hostLabels[0];
  return prefix.length + suffix.length <= host.length && host.startsWith(prefix) &&
    host.endsWith(suffix);
}

function checkServerIdentity(hostname, cert) {
  const subject = cert.subject;
  const altNames = cert.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalIP(name.slice(11)));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  if (hostname.endsWith('.')) hostname = hostname.slice(0, -1);
  if (isIP(hostname)) {
    valid = ips.includes(canonicalIP(hostname));
    if (!valid) reason = `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dnsNames.length > 0 || (subject && subject.CN)) {
    const hostLabels = labels(hostname);
    if (dnsNames.length > 0) {
      valid = dnsNames.some((p) => matches(hostLabels, p));
      if (!valid) reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cn = subject.CN;
      valid = Array.isArray(cn) ? cn.some((p) => matches(hostLabels, p)) : matches(hostLabels, cn);
      if (!valid) reason = `Host: ${hostname}. is not cert's CN: ${cn}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) return new ERR_TLS_CERT_ALTNAME_INVALID(reason, hostname, cert);
  return undefined;
}

module.exports = { checkServerIdentity };
