'use strict';

// util.parseEnv(): the .env parser of Node 20 (src/node_dotenv.cc),
// reproduced quirk for quirk. Only spaces count as blanks; '#' starts a
// comment only at the start of a line or inside an unquoted value; a line
// without '=' is glued onto the next key; an empty key ends parsing.

// Spaces only (tabs are kept), as the native parser trims.
function trimSpaces(str) {
  let start = 0;
  let end = str.length;
  while (start < end && str[start] === ' ') start++;
  while (end > start && str[end - 1] === ' ') end--;
  return str.slice(start, end);
}

// The native side sees UTF-8: lone surrogates arrive as U+FFFD.
const toWellFormed = (str) =>
  str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

// The text after the first newline at or after `from`; '' when none.
function afterNewline(content, from) {
  const newline = content.indexOf('\n', from);
  return newline === -1 ? '' : content.slice(newline);
}

function parseEntries(input, store) {
  let content = trimSpaces(input.replace(/\r/g, ''));
  while (content.length > 0) {
    if (content[0] === '\n' || content[0] === '#') {
      const newline = content.indexOf('\n');
      if (newline !== -1) {
        content = content.slice(newline + 1);
        continue;
      }
      // A comment on the last line falls through and is read as a key.
    }
    const equal = content.indexOf('=');
    if (equal === -1) break;
    let key = trimSpaces(content.slice(0, equal));
    content = trimSpaces(content.slice(equal + 1));
    if (key.length === 0) break;
    if (key.startsWith('export ')) key = key.slice(7);
    if (content.length === 0) {
      store.set(key, '');
      break;
    }

    const quote = content[0];
    const closing = (quote === '"' || quote === "'" || quote === '`') ?
      content.indexOf(quote, 1) : -1;
    if (closing !== -1) {
      let value = content.slice(1, closing);
      // Only double quotes expand an escaped newline.
      if (quote === '"') value = value.replaceAll('\\n', '\n');
      store.set(key, value);
      // The rest of the closing quote's line is dropped.
      content = afterNewline(content, closing + 1);
    } else if (quote === '"' || quote === "'" || quote === '`') {
      // Unterminated: the whole line, quote included, when a line follows.
      const newline = content.indexOf('\n');
      if (newline !== -1) {
        store.set(key, content.slice(0, newline));
        content = content.slice(newline);
      }
    } else {
      const newline = content.indexOf('\n');
      let value = newline === -1 ? content : content.slice(0, newline);
      content = newline === -1 ? '' : content.slice(newline);
      const hash = value.indexOf('#');
      if (hash !== -1) value = value.slice(0, hash);
      store.set(key, trimSpaces(value));
    }
  }
}

// Keys come out in byte order of their UTF-8, i.e. by code point.
function compareCodePoints(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function parseEnv(content) {
  const store = new Map();
  parseEntries(toWellFormed(content), store);
  const result = {};
  for (const key of [...store.keys()].sort(compareCodePoints)) result[key] = store.get(key);
  return result;
}

module.exports = { parseEnv };
