'use strict';

// Node's legacy module name for stream.Writable.
module.exports = require('stream').Writable;
