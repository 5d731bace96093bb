'use strict';

// Node's legacy module name for stream.PassThrough.
module.exports = require('stream').PassThrough;
