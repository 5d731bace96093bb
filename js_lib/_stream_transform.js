'use strict';

// Node's legacy module name for stream.Transform.
module.exports = require('stream').Transform;
