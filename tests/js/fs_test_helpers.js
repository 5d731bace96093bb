'use strict';
// Shared by tests/js/fs_*_test.js: a fresh temp directory (removed at exit)
// and printers that replace its path with <tmp>, so node and kiln print the
// same text.
const fs = require('fs');
const os = require('os');
const path = require('path');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-fs-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function clean(value) {
  if (value === undefined) return 'undefined';
  return String(value).split(tmp).join('<tmp>');
}

// One line per error: class, code, syscall, errno, message, path, dest.
function describe(err) {
  if (!(err instanceof Error)) return `not an error: ${clean(err)}`;
  const parts = [err.name, err.code, err.syscall, err.errno, JSON.stringify(clean(err.message))];
  if ('path' in err) parts.push(`path=${clean(err.path)}`);
  if ('dest' in err) parts.push(`dest=${clean(err.dest)}`);
  return parts.join(' ');
}

function tryIt(label, fn) {
  try {
    const r = fn();
    console.log(label, 'ok', typeof r === 'string' ? clean(r) : r);
  } catch (err) {
    console.log(label, 'threw', describe(err));
  }
}

async function tryAsync(label, fn) {
  try {
    const r = await fn();
    console.log(label, 'ok', typeof r === 'string' ? clean(r) : r);
  } catch (err) {
    console.log(label, 'rejected', describe(err));
  }
}

// Runs callback-style `fn(cb)` and resolves when cb is called, printing.
function cb(label, fn) {
  return new Promise((resolve) => {
    fn((err, ...rest) => {
      if (err) console.log(label, 'err', describe(err));
      else console.log(label, 'ok', ...rest.map((r) => (typeof r === 'string' ? clean(r) : r)));
      resolve();
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

module.exports = { clean, cb, describe, isRoot, tmp, tryAsync, tryIt, p: (...a) => path.join(tmp, ...a) };
