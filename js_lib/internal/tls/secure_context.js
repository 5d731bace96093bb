'use strict';

// tls.createSecureContext() and tls.SecureContext: options turned into a
// binding('tls_wrap').SecureContext (bindings/tls_context.h). Without a
// `ca` option the system's trust store (and NODE_EXTRA_CA_CERTS) is used.

const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_TLS_INVALID_PROTOCOL_VERSION,
  ERR_TLS_PROTOCOL_VERSION_CONFLICT,
} = require('internal/tls/errors');
const { validateObject, validateString } = require('internal/validators');
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
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
};
const kVersions = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const kSecureProtocols = {
  TLSv1_method: ['TLSv1', 'TLSv1'], TLSv1_1_method: ['TLSv1.1', 'TLSv1.1'],
  TLSv1_2_method: ['TLSv1.2', 'TLSv1.2'], TLS_method: null, SSLv23_method: null,
};

let extraCaPem;  // NODE_EXTRA_CA_CERTS, read once

function toPem(value, name) {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array || ArrayBuffer.isView(value)) {
    return chunks.toString(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), 'latin1');
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
}

function forEachValue(value, name, fn) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) fn(value[i], `${name}[${i}]`);
  } else if (value !== undefined && value !== null) {
    fn(value, name);
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
        process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${e.message}`);
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
    if (!(secureProtocol in kSecureProtocols)) {
      throw new ERR_INVALID_ARG_VALUE('secureProtocol', secureProtocol);
    }
    const fixed = kSecureProtocols[secureProtocol];
    if (fixed) [minVersion, maxVersion] = fixed;
  }
  this.context.setVersions(minVersion, maxVersion);
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
  const sc = new SecureContext(secureProtocol, options.secureOptions, minVersion, maxVersion);
  const ctx = sc.context;
  if (options.ca !== undefined && options.ca !== null) {
    forEachValue(options.ca, 'options.ca', (v, name) => ctx.addCACert(toPem(v, name)));
  } else {
    ctx.addRootCerts();
    const extra = extraCerts();
    if (extra) ctx.addCACert(extra);
  }
  forEachValue(options.cert, 'options.cert', (v, name) => ctx.setCert(toPem(v, name)));
  const { passphrase } = options;
  forEachValue(options.key, 'options.key', (v, name) => {
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      ctx.setKey(toPem(v.pem, `${name}.pem`), v.passphrase ?? passphrase);
    } else {
      ctx.setKey(toPem(v, name), passphrase);
    }
  });
  forEachValue(options.pfx, 'options.pfx', (v, name) => {
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      ctx.setPFX(v.buf, v.passphrase ?? passphrase);
    } else if (ArrayBuffer.isView(v)) {
      ctx.setPFX(v, passphrase);
    } else {
      throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], v);
    }
  });
  ctx.buildChain();
  const ciphers = options.ciphers ?? defaults.DEFAULT_CIPHERS;
  validateString(ciphers, 'options.ciphers');
  ctx.setCiphers(ciphers);
  const curve = options.ecdhCurve ?? defaults.DEFAULT_ECDH_CURVE;
  validateString(curve, 'options.ecdhCurve');
  ctx.setCurves(curve);
  return sc;
}

// ALPN protocol names in wire form: each prefixed by its length.
function convertALPNProtocols(protocols, out) {
  if (Array.isArray(protocols)) {
    const parts = [];
    for (const p of protocols) {
      const bytes = chunks.fromString(String(p), 'utf8');
      if (bytes.length > 255) throw new ERR_INVALID_ARG_VALUE('protocols', protocols);
      parts.push(Uint8Array.of(bytes.length), bytes);
    }
    out.ALPNProtocols = chunks.concat(parts);
  } else if (ArrayBuffer.isView(protocols)) {
    out.ALPNProtocols = chunks.fromView(new Uint8Array(protocols.buffer, protocols.byteOffset,
                                                       protocols.byteLength));
  }
}

module.exports = { SecureContext, convertALPNProtocols, createSecureContext, defaults };
