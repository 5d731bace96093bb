'use strict';

// The TLS error codes, as Node words them.
// TODO(errors): move into the table in internal/errors.js.

const { E, codes } = require('internal/errors');

function define(code, message, Base) {
  if (codes[code] === undefined) E(code, message, Base);
}

define('ERR_TLS_CERT_ALTNAME_INVALID', function(reason, host, cert) {
  this.reason = reason;
  this.host = host;
  this.cert = cert;
  return `Hostname/IP does not match certificate's altnames: ${reason}`;
}, Error);
define('ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout', Error);
define('ERR_TLS_INVALID_CONTEXT', '%s must be a SecureContext', TypeError);
define('ERR_TLS_INVALID_PROTOCOL_VERSION', '%j is not a valid %s TLS protocol version', TypeError);
define('ERR_TLS_INVALID_STATE', 'TLS socket connection must be securely established', Error);
define('ERR_TLS_PROTOCOL_VERSION_CONFLICT',
       'TLS protocol version %j conflicts with secureProtocol %j', TypeError);
define('ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket',
       Error);
define('ERR_TLS_SNI_FROM_SERVER', 'Cannot issue SNI from a TLS server-side socket', Error);
define('ERR_TLS_REQUIRED_SERVER_NAME',
       '"servername" is required parameter for Server.addContext', Error);

module.exports = codes;
