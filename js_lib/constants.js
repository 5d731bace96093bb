'use strict';
// The deprecated `constants` module (graceful-fs and other old packages still
// require it): os, fs and crypto constants in one object, as Node has it.
const { constants: os } = require('os');
const { constants: fs } = require('fs');

let crypto = {};
try {
  crypto = require('crypto').constants || {};
} catch {
  // crypto is optional here, as in a Node built without OpenSSL.
}

const all = Object.assign({}, os.dlopen, os.errno, os.priority, os.signals, fs, crypto);
delete all.defaultCipherList;  // a crypto.constants accessor, not a constant
module.exports = Object.freeze(all);
