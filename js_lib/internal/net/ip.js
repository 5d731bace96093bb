'use strict';

// IP address literals: net.isIP/isIPv4/isIPv6 and the byte forms BlockList
// and SocketAddress compare. Parsed by hand (no regular expression): IPv4 is
// four decimal parts 0-255 without leading zeros; IPv6 is eight groups of up
// to four hex digits, one '::' standing for one or more zero groups, an
// optional dotted IPv4 tail and, for isIPv6, an optional %zone. formatIPv6
// turns the bytes back into text as inet_ntop does.

function parseIPv4(s) {
  if (typeof s !== 'string' || s.length < 7 || s.length > 15) return null;
  const out = [0, 0, 0, 0];
  let part = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;  // a final '.'
    if (c === 46) {
      if (digits === 0 || part > 3) return null;
      out[part++] = value;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return null;  // leading zero
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return null;
    } else {
      return null;
    }
  }
  return part === 4 ? out : null;
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function isZoneChar(c) {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ||
    c === 45 || c === 46 || c === 58;
}

// 16 bytes, or null. `allowZone`: accept (and ignore) a "%zone" suffix.
function parseIPv6(s, allowZone) {
  if (typeof s !== 'string' || s.length < 2) return null;
  const pct = s.indexOf('%');
  if (pct !== -1) {
    if (!allowZone || pct === s.length - 1) return null;
    for (let i = pct + 1; i < s.length; i++) {
      if (!isZoneChar(s.charCodeAt(i))) return null;
    }
    s = s.slice(0, pct);
  }
  if (s.length > 45) return null;
  const head = [];
  const tail = [];
  let groups = head;
  let gap = false;
  let i = 0;
  if (s.startsWith('::')) {
    gap = true;
    groups = tail;
    i = 2;
    if (s.length === 2) return new Array(16).fill(0);
  } else if (s.charCodeAt(0) === 58) {
    return null;
  }
  while (i < s.length) {
    // A dotted IPv4 tail takes the last two groups.
    const rest = s.slice(i);
    if (!rest.includes(':') && rest.includes('.')) {
      const v4 = parseIPv4(rest);
      if (v4 === null) return null;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      i = s.length;
      break;
    }
    let value = 0;
    let n = 0;
    while (i < s.length && n < 5) {
      const h = hexValue(s.charCodeAt(i));
      if (h === -1) break;
      value = value * 16 + h;
      n++;
      i++;
    }
    if (n === 0 || n > 4) return null;
    groups.push(value);
    if (i === s.length) break;
    if (s.charCodeAt(i) !== 58) return null;
    i++;
    if (i < s.length && s.charCodeAt(i) === 58) {
      if (gap) return null;
      gap = true;
      groups = tail;
      i++;
    } else if (i === s.length) {
      return null;  // a single trailing ':'
    }
  }
  const count = head.length + tail.length;
  if (gap ? count > 7 : count !== 8) return null;
  const words = head.concat(new Array(8 - count).fill(0), tail);
  const out = new Array(16);
  for (let k = 0; k < 8; k++) {
    out[2 * k] = words[k] >> 8;
    out[2 * k + 1] = words[k] & 255;
  }
  return out;
}

function isIPv4(s) {
  return parseIPv4(`${s}`) !== null;
}

function isIPv6(s) {
  return parseIPv6(`${s}`, true) !== null;
}

function isIP(s) {
  if (isIPv4(s)) return 4;
  if (isIPv6(s)) return 6;
  return 0;
}

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

module.exports = { formatIPv6, isIP, isIPv4, isIPv6, parseIPv4, parseIPv6 };
