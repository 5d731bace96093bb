'use strict';
module.exports = { install() {} };
