'use strict';
// The public `module` builtin: the CommonJS Module class.
module.exports = require('internal/modules/cjs/loader').Module;
