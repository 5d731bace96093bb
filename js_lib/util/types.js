'use strict';

// The public util/types module (also reachable as require('util').types).
module.exports = require('internal/util/types');
