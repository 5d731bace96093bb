'use strict';

// The options of http.createServer() / https.createServer() kept on the
// server (storeHTTPOptions, called with the server as `this`): validated as
// Node does, with Node's defaults for the timeouts and limits.

const { codes: { ERR_OUT_OF_RANGE } } = require('internal/errors');
const { validateBoolean, validateInteger } = require('internal/validators');
const { kIncomingMessage } = require('internal/http/common');
const { IncomingMessage } = require('internal/http/incoming');
const { ServerResponse } = require('internal/http/server_response');

const kServerResponse = Symbol('ServerResponse');

function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;
  const { maxHeaderSize } = options;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  const { insecureHTTPParser } = options;
  if (insecureHTTPParser !== undefined) {
    validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  }
  this.insecureHTTPParser = insecureHTTPParser;
  const { requestTimeout, headersTimeout, keepAliveTimeout, connectionsCheckingInterval } = options;
  if (requestTimeout !== undefined) validateInteger(requestTimeout, 'requestTimeout', 0);
  this.requestTimeout = requestTimeout ?? 300000;
  if (headersTimeout !== undefined) validateInteger(headersTimeout, 'headersTimeout', 0);
  this.headersTimeout = headersTimeout ?? Math.min(60000, this.requestTimeout);
  if (this.requestTimeout > 0 && this.headersTimeout > 0 &&
      this.headersTimeout > this.requestTimeout) {
    throw new ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', headersTimeout);
  }
  if (keepAliveTimeout !== undefined) validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
  this.keepAliveTimeout = keepAliveTimeout ?? 5000;
  if (connectionsCheckingInterval !== undefined) {
    validateInteger(connectionsCheckingInterval, 'connectionsCheckingInterval', 0);
  }
  this.connectionsCheckingInterval = connectionsCheckingInterval ?? 30000;
  const { requireHostHeader, joinDuplicateHeaders, rejectNonStandardBodyWrites } = options;
  if (requireHostHeader !== undefined) validateBoolean(requireHostHeader, 'options.requireHostHeader');
  this.requireHostHeader = requireHostHeader ?? true;
  if (joinDuplicateHeaders !== undefined) {
    validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  }
  this.joinDuplicateHeaders = joinDuplicateHeaders;
  if (rejectNonStandardBodyWrites !== undefined) {
    validateBoolean(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  }
  this.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites ?? false;
}

module.exports = { kServerResponse, storeHTTPOptions };
