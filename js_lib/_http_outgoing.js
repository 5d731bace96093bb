'use strict';

// Node's legacy module name for http.OutgoingMessage and its helpers.
const {
  OutgoingMessage, kHighWaterMark, kUniqueHeaders, parseUniqueHeadersOption,
  validateHeaderName, validateHeaderValue,
} = require('internal/http/outgoing');

module.exports = {
  kHighWaterMark, kUniqueHeaders, parseUniqueHeadersOption,
  validateHeaderName, validateHeaderValue, OutgoingMessage,
};
