'use strict';

// Node's legacy module name for what http's server and client share: the
// header token and value checks, the expressions and constants. Kiln's
// parser (binding('http_parser')) has its own interface, so Node's
// HTTPParser, parsers and freeParser are not offered here.
const common = require('internal/http/common');
const { METHODS } = require('http');

module.exports = {
  _checkInvalidHeaderChar: common.checkInvalidHeaderChar,
  _checkIsHttpToken: common.checkIsHttpToken,
  chunkExpression: common.chunkExpression,
  continueExpression: common.continueExpression,
  CRLF: common.CRLF,
  methods: METHODS,
  kIncomingMessage: common.kIncomingMessage,
  isLenient: common.isLenient,
  prepareError: common.prepareError,
};
