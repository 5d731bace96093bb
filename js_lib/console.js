'use strict';

// The public `console` module: the global console (with its `Console`
// constructor property).
module.exports = require('internal/console/global');
