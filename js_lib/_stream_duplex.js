'use strict';

// Node's legacy module name for stream.Duplex.
module.exports = require('stream').Duplex;
