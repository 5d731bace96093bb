'use strict';
module.exports = function compose() { throw new Error('not yet'); };
