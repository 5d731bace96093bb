'use strict';

// crypto.X509Certificate over the native X509Handle
// (bindings/crypto_x509.h). Properties are computed once and cached.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateBoolean, validateObject, validateString } = require('internal/validators');
const { isArrayBufferView } = require('internal/util/types');
const { cryptoBinding, bufferFromArrayBuffer, kEmptyObject, kHandle } = require('internal/crypto/util');
const { createPublicKey, isKeyObject } = require('internal/crypto/keys');

const { X509Handle } = cryptoBinding;
const kInternalState = Symbol('kInternalState');

function isX509Certificate(value) {
  return value != null && value[kInternalState] !== undefined;
}

// OpenSSL's X509_CHECK_FLAG_* (BoringSSL supports the first three).
function getFlags(options = kEmptyObject) {
  validateObject(options, 'options');
  const {
    subject = 'default',
    wildcards = true,
    partialWildcards = true,
    multiLabelWildcards = false,
    singleLabelSubdomains = false,
  } = { ...options };
  let flags = 0;
  validateString(subject, 'options.subject');
  validateBoolean(wildcards, 'options.wildcards');
  validateBoolean(partialWildcards, 'options.partialWildcards');
  validateBoolean(multiLabelWildcards, 'options.multiLabelWildcards');
  validateBoolean(singleLabelSubdomains, 'options.singleLabelSubdomains');
  switch (subject) {
    case 'default': break;
    case 'always': flags |= cryptoBinding.X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT; break;
    case 'never': flags |= cryptoBinding.X509_CHECK_FLAG_NEVER_CHECK_SUBJECT; break;
    default:
      throw new ERR_INVALID_ARG_VALUE('options.subject', subject);
  }
  if (!wildcards) flags |= cryptoBinding.X509_CHECK_FLAG_NO_WILDCARDS;
  return flags;
}

function cached(self, key, compute) {
  const state = self[kInternalState];
  let value = state.get(key);
  if (value === undefined) {
    value = compute();
    state.set(key, value);
  }
  return value;
}

function nameObject(entries) {
  const out = { __proto__: null };
  for (const [key, value] of entries) {
    if (out[key] === undefined) out[key] = value;
    else if (Array.isArray(out[key])) out[key].push(value);
    else out[key] = [out[key], value];
  }
  return out;
}

class X509Certificate {
  constructor(buffer) {
    if (typeof buffer === 'string') buffer = Buffer.from(buffer);
    if (!isArrayBufferView(buffer)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
    }
    this[kInternalState] = new Map();
    this[kHandle] = new X509Handle(buffer);
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `X509Certificate ${inspect({
      subject: this.subject,
      subjectAltName: this.subjectAltName,
      issuer: this.issuer,
      infoAccess: this.infoAccess,
      validFrom: this.validFrom,
      validTo: this.validTo,
      fingerprint: this.fingerprint,
      fingerprint256: this.fingerprint256,
      fingerprint512: this.fingerprint512,
      keyUsage: this.keyUsage,
      serialNumber: this.serialNumber,
    }, opts)}`;
  }

  get subject() { return cached(this, 'subject', () => this[kHandle].subject()); }
  get subjectAltName() { return cached(this, 'subjectAltName', () => this[kHandle].subjectAltName()); }
  get issuer() { return cached(this, 'issuer', () => this[kHandle].issuer()); }
  // Kiln keeps no certificate chain: there is no issuer certificate to give.
  get issuerCertificate() { return undefined; }
  get infoAccess() { return cached(this, 'infoAccess', () => this[kHandle].infoAccess()); }
  get validFrom() { return cached(this, 'validFrom', () => this[kHandle].validFrom()); }
  get validTo() { return cached(this, 'validTo', () => this[kHandle].validTo()); }
  get fingerprint() { return cached(this, 'fingerprint', () => this[kHandle].fingerprint('sha1')); }
  get fingerprint256() { return cached(this, 'fingerprint256', () => this[kHandle].fingerprint('sha256')); }
  get fingerprint512() { return cached(this, 'fingerprint512', () => this[kHandle].fingerprint('sha512')); }
  get keyUsage() { return cached(this, 'keyUsage', () => this[kHandle].keyUsage()); }
  get serialNumber() { return cached(this, 'serialNumber', () => this[kHandle].serialNumber()); }
  get raw() { return cached(this, 'raw', () => bufferFromArrayBuffer(this[kHandle].raw())); }
  get ca() { return cached(this, 'ca', () => this[kHandle].checkCA()); }

  get publicKey() {
    return cached(this, 'publicKey', () => createPublicKey({
      key: bufferFromArrayBuffer(this[kHandle].publicKey()), format: 'der', type: 'spki' }));
  }

  toString() {
    return cached(this, 'pem', () => this[kHandle].pem());
  }

  // No standard JSON form for certificates: the PEM, as Node gives.
  toJSON() {
    return this.toString();
  }

  checkHost(name, options) {
    validateString(name, 'name');
    return this[kHandle].checkHost(name, getFlags(options));
  }

  checkEmail(email, options) {
    validateString(email, 'email');
    return this[kHandle].checkEmail(email, getFlags(options));
  }

  checkIP(ip, options) {
    validateString(ip, 'ip');
    getFlags(options);
    return this[kHandle].checkIP(ip);
  }

  checkIssued(otherCert) {
    if (!isX509Certificate(otherCert)) {
      throw new ERR_INVALID_ARG_TYPE('otherCert', 'X509Certificate', otherCert);
    }
    return this[kHandle].checkIssued(otherCert[kHandle]);
  }

  checkPrivateKey(pkey) {
    if (!isKeyObject(pkey)) throw new ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    if (pkey.type !== 'private') throw new ERR_INVALID_ARG_VALUE('pkey', pkey);
    return this[kHandle].checkPrivateKey(pkey[kHandle]);
  }

  verify(pkey) {
    if (!isKeyObject(pkey)) throw new ERR_INVALID_ARG_TYPE('pkey', 'KeyObject', pkey);
    if (pkey.type !== 'public') throw new ERR_INVALID_ARG_VALUE('pkey', pkey);
    return this[kHandle].verify(pkey[kHandle]);
  }

  // The shape tls.TLSSocket#getPeerCertificate() returns.
  toLegacyObject() {
    const h = this[kHandle];
    const out = {
      subject: nameObject(h.nameEntries(0)),
      issuer: nameObject(h.nameEntries(1)),
    };
    if (this.subjectAltName !== undefined) out.subjectaltname = this.subjectAltName;
    if (this.infoAccess !== undefined) {
      const info = { __proto__: null };
      for (const line of this.infoAccess.split('\n')) {
        const colon = line.indexOf(':');
        const key = line.slice(0, colon);
        let value = line.slice(colon + 1);
        // A value that needed escaping is a JSON string (crypto_x509_names.h).
        if (value[0] === '"') value = JSON.parse(value);
        (info[key] ??= []).push(value);
      }
      out.infoAccess = info;
    }
    out.ca = this.ca;
    const key = this.publicKey;
    if (key.asymmetricKeyType === 'rsa') {
      const jwk = key.export({ format: 'jwk' });
      out.modulus = Buffer.from(jwk.n, 'base64url').toString('hex').toUpperCase();
      out.bits = key.asymmetricKeyDetails.modulusLength;
      out.exponent = `0x${key.asymmetricKeyDetails.publicExponent.toString(16)}`;
      out.pubkey = key.export({ format: 'der', type: 'spki' });
    } else if (key.asymmetricKeyType === 'ec') {
      const jwk = key.export({ format: 'jwk' });
      out.bits = Buffer.from(jwk.x, 'base64url').length * 8;
      out.pubkey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'),
                                  Buffer.from(jwk.y, 'base64url')]);
      out.asn1Curve = key.asymmetricKeyDetails.namedCurve;
      out.nistCurve = jwk.crv;
    }
    out.valid_from = this.validFrom;
    out.valid_to = this.validTo;
    out.fingerprint = this.fingerprint;
    out.fingerprint256 = this.fingerprint256;
    out.fingerprint512 = this.fingerprint512;
    if (this.keyUsage !== undefined) out.ext_key_usage = this.keyUsage;
    out.serialNumber = this.serialNumber;
    out.raw = this.raw;
    return out;
  }
}

module.exports = { X509Certificate, isX509Certificate };
