'use strict';

// Node's legacy module name for stream.Readable.
module.exports = require('stream').Readable;
