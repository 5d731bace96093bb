'use strict';

// tls.createSecureContext() and tls.SecureContext: options turned into a
// binding('tls_wrap').SecureContext (bindings/tls_context.h). Without a
// `ca` option the system's trust store (and NODE_EXTRA_CA_CERTS) is used.

const {
  ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE,
  ERR_OUT_OF_RANGE, ERR_TLS_INVALID_PROTOCOL_METHOD,
  ERR_TLS_INVALID_PROTOCOL_VERSION,
  ERR_TLS_PROTOCOL_VERSION_CONFLICT,
} = require('internal/errors').codes;
const {
  validateBuffer, validateInt32, validateInteger, validateObject, validateString,
} = require('internal/validators');
const chunks = require('internal/streams/chunk');

const DEFAULT_CIPHERS = 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:' +
  'TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:' +
  'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:' +
  'ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:' +
  'DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:' +
  '!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA';
const defaults = {
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
};
// The protocol version defaults come from the command line (--tls-min-v1.x,
// --tls-max-v1.x, as Node), read on first use: at run time, never in the
// snapshot. tls.DEFAULT_MIN_VERSION/MAX_VERSION may then be set.
function versionFromOptions(flags, fallback) {
  const { getOptionValue } = require('internal/options');
  for (const [flag, version] of flags) {
    if (getOptionValue(flag)) return version;
  }
  return fallback;
}
const kMinVersionFlags = [['--tls-min-v1.0', 'TLSv1'], ['--tls-min-v1.1', 'TLSv1.1'],
                          ['--tls-min-v1.2', 'TLSv1.2'], ['--tls-min-v1.3', 'TLSv1.3']];
const kMaxVersionFlags = [['--tls-max-v1.3', 'TLSv1.3'], ['--tls-max-v1.2', 'TLSv1.2']];
const versionDefaults = { __proto__: null };  // key -> the value, once read or set
for (const [key, flags, fallback] of [['DEFAULT_MIN_VERSION', kMinVersionFlags, 'TLSv1.2'],
                                      ['DEFAULT_MAX_VERSION', kMaxVersionFlags, 'TLSv1.3']]) {
  Object.defineProperty(defaults, key, {
    __proto__: null, enumerable: true, configurable: true,
    get() {
      if (!(key in versionDefaults)) versionDefaults[key] = versionFromOptions(flags, fallback);
      return versionDefaults[key];
    },
    set(v) { versionDefaults[key] = v; },
  });
}
const kVersions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const kCipherServerPreference = 0x400000;  // SSL_OP_CIPHER_SERVER_PREFERENCE
// OpenSSL's method names (each also as _server_method and _client_method):
// the [min, max] versions they mean, as in Node (SSLv23: the default minimum
// up to TLS 1.2; TLS: every version).
const kSecureProtocols = {
  TLSv1: ['TLSv1', 'TLSv1'], TLSv1_1: ['TLSv1.1', 'TLSv1.1'], TLSv1_2: ['TLSv1.2', 'TLSv1.2'],
  TLS: ['TLSv1', 'TLSv1.3'], SSLv23: [undefined, 'TLSv1.2'],
};

function protocolMethod(name) {
  const m = /^(\w+?)(?:_server|_client)?_method$/.exec(name);
  const base = m ? m[1] : '';
  if (base === 'SSLv2' || base === 'SSLv3') {
    throw new ERR_TLS_INVALID_PROTOCOL_METHOD(`${base} methods disabled`);
  }
  if (!Object.prototype.hasOwnProperty.call(kSecureProtocols, base)) {
    throw new ERR_TLS_INVALID_PROTOCOL_METHOD(`Unknown method: ${name}`);
  }
  return kSecureProtocols[base];
}

let extraCaPem;  // NODE_EXTRA_CA_CERTS, read once

function toPem(value, name) {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array || ArrayBuffer.isView(value)) {
    return chunks.toString(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), 'latin1');
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
}

// Each of an option's values; as in Node, a falsy option is no value.
function forEachValue(value, fn) {
  if (!value) return;
  if (Array.isArray(value)) {
    for (const v of value) fn(v);
  } else {
    fn(value);
  }
}

function extraCerts() {
  if (extraCaPem === undefined) {
    extraCaPem = null;
    const file = process.env.NODE_EXTRA_CA_CERTS;
    if (file) {
      try {
        extraCaPem = binding('fs').readFileUtf8(file);
      } catch (e) {
        // OpenSSL's words for the usual failure, as Node prints them.
        const reason = e.code === 'ENOENT' ?
          'error:80000002:system library::No such file or directory' : e.message;
        process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${reason}`);
      }
    }
  }
  return extraCaPem;
}

function SecureContext(secureProtocol, secureOptions, minVersion, maxVersion) {
  if (!(this instanceof SecureContext)) {
    return new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  }
  const { SecureContext: NativeContext } = binding('tls_wrap');
  this.context = new NativeContext();
  if (secureProtocol) {
    validateString(secureProtocol, 'secureProtocol');
    const [min, max] = protocolMethod(secureProtocol);
    minVersion = min || minVersion;
    maxVersion = max;
  }
  this.context.setVersions(minVersion, maxVersion);
  if (secureOptions) {
    validateInteger(secureOptions, 'secureOptions');
    this.context.setOptions(secureOptions);
  }
}

function validateVersion(v, which) {
  if (!kVersions.includes(v)) throw new ERR_TLS_INVALID_PROTOCOL_VERSION(v, which);
}

function createSecureContext(options) {
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  const { secureProtocol } = options;
  let { minVersion, maxVersion } = options;
  if (secureProtocol && (minVersion || maxVersion)) {
    throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(minVersion || maxVersion, secureProtocol);
  }
  minVersion = minVersion || defaults.DEFAULT_MIN_VERSION;
  maxVersion = maxVersion || defaults.DEFAULT_MAX_VERSION;
  validateVersion(minVersion, 'minimum');
  validateVersion(maxVersion, 'maximum');
  let { secureOptions } = options;
  if (options.honorCipherOrder) secureOptions |= kCipherServerPreference;
  const sc = new SecureContext(secureProtocol, secureOptions, minVersion, maxVersion);
  const ctx = sc.context;
  if (options.ca) {
    forEachValue(options.ca, (v) => ctx.addCACert(toPem(v, 'options.ca')));
  } else {
    ctx.addRootCerts();
    const extra = extraCerts();
    if (extra) ctx.addCACert(extra);
  }
  forEachValue(options.cert, (v) => ctx.setCert(toPem(v, 'options.cert')));
  const { passphrase } = options;
  if (passphrase !== undefined && passphrase !== null) {
    validateString(passphrase, 'options.passphrase');
  }
  if (Array.isArray(options.key)) {
    // Only array elements may be {pem, passphrase}.
    for (const v of options.key) {
      const pem = v?.pem !== undefined ? v.pem : v;
      ctx.setKey(toPem(pem, 'options.key'), v?.passphrase !== undefined ? v.passphrase : passphrase);
    }
  } else if (options.key) {
    ctx.setKey(toPem(options.key, 'options.key'), passphrase);
  }
  if (options.pfx !== undefined && options.pfx !== null) {
    const list = Array.isArray(options.pfx) ? options.pfx : [options.pfx];
    for (const v of list) {
      const buf = v.buf || v;
      if (!ArrayBuffer.isView(buf)) {
        throw new ERR_INVALID_ARG_TYPE('options.pfx', ['Buffer', 'TypedArray', 'DataView'], buf);
      }
      ctx.setPFX(buf, v.passphrase || passphrase);
    }
  }
  ctx.buildChain();
  const ciphers = options.ciphers ?? defaults.DEFAULT_CIPHERS;
  validateString(ciphers, 'options.ciphers');
  ctx.setCiphers(ciphers);
  const curve = options.ecdhCurve ?? defaults.DEFAULT_ECDH_CURVE;
  validateString(curve, 'options.ecdhCurve');
  ctx.setCurves(curve);
  configResumption(ctx, options);
  validateEngines(options);
  return sc;
}

// OpenSSL engines: Kiln (BoringSSL) has none, so a valid engine name fails.
function validateEngines({ clientCertEngine, privateKeyEngine, privateKeyIdentifier, key }) {
  if (typeof clientCertEngine === 'string') throw new ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED();
  if (clientCertEngine !== undefined && clientCertEngine !== null) {
    throw new ERR_INVALID_ARG_TYPE('options.clientCertEngine', ['string', 'null', 'undefined'],
                                   clientCertEngine);
  }
  if (privateKeyIdentifier === undefined || privateKeyIdentifier === null) return;
  if (privateKeyEngine === undefined || privateKeyEngine === null) {
    throw new ERR_INVALID_ARG_VALUE('options.privateKeyEngine', privateKeyEngine);
  }
  if (key) throw new ERR_INVALID_ARG_VALUE('options.privateKeyIdentifier', privateKeyIdentifier);
  if (typeof privateKeyIdentifier !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.privateKeyIdentifier', ['string', 'null', 'undefined'],
                                   privateKeyIdentifier);
  }
  if (typeof privateKeyEngine !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('options.privateKeyEngine', ['string', 'null', 'undefined'],
                                   privateKeyEngine);
  }
  throw new ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED();
}

// Session resumption: the server's session id context, ticket keys and
// session lifetime.
function configResumption(ctx, { sessionIdContext, ticketKeys, sessionTimeout }) {
  if (sessionIdContext !== undefined && sessionIdContext !== null) {
    validateString(sessionIdContext, 'options.sessionIdContext');
    ctx.setSessionIdContext(sessionIdContext);
  }
  if (ticketKeys !== undefined && ticketKeys !== null) {
    validateBuffer(ticketKeys, 'options.ticketKeys');
    if (ticketKeys.byteLength !== 48) {
      throw new ERR_INVALID_ARG_VALUE('options.ticketKeys', ticketKeys.byteLength,
                                      'must be exactly 48 bytes');
    }
    ctx.setTicketKeys(ticketKeys);
  }
  if (sessionTimeout !== undefined && sessionTimeout !== null) {
    validateInt32(sessionTimeout, 'options.sessionTimeout', 0);
    ctx.setSessionTimeout(sessionTimeout);
  }
}

// ALPN protocol names in wire form: each prefixed by its length.
function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = [];
    for (let i = 0; i < protocols.length; i++) {
      const bytes = chunks.fromString(String(protocols[i]), 'utf8');
      if (bytes.length > 255) {
        throw new ERR_OUT_OF_RANGE(`The byte length of the protocol at index ${i} exceeds the ` +
                                   'maximum length.', '<= 255', bytes.length, true);
      }
      parts.push(Uint8Array.of(bytes.length), bytes);
    }
    out.ALPNProtocols = chunks.concat(parts);
  } else if (ArrayBuffer.isView(protocols)) {
    // A copy: later changes to the caller's buffer do not show.
    const copy = chunks.alloc(protocols.byteLength);
    copy.set(new Uint8Array(protocols.buffer, protocols.byteOffset, protocols.byteLength));
    out.ALPNProtocols = copy;
  }
}

module.exports = { SecureContext, convertALPNProtocols, createSecureContext, defaults };
