'use strict';

// Node's legacy module name for http.ClientRequest.
module.exports = { ClientRequest: require('internal/http/client').ClientRequest };
