'use strict';
// The public `process` module: the process object itself.
module.exports = process;
