'use strict';

// Node's legacy module name for http.IncomingMessage and its helpers.
const { IncomingMessage, readStart, readStop } = require('internal/http/incoming');

module.exports = { IncomingMessage, readStart, readStop };
