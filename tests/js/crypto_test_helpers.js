'use strict';
// Shared by tests/js/crypto_*_test.js: print a result (buffers as hex,
// strings quoted, errors as name, code and message) so node and kiln can be
// compared line by line.
const util = require('util');

function show(fn) {
  try {
    const v = fn();
    if (Buffer.isBuffer(v)) return `<Buffer ${v.toString('hex')}>`;
    if (typeof v === 'string') return JSON.stringify(v);
    return util.inspect(v, { depth: 3, breakLength: Infinity });
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

function log(name, fn) {
  console.log(name, show(fn));
}

module.exports = { log, show };
