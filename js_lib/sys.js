'use strict';

// The old name of util (DEP0025): the same module, with Node's warning.
process.emitWarning('sys is deprecated. Use util instead.', 'DeprecationWarning', 'DEP0025');
module.exports = require('util');
