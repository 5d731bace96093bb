'use strict';

// generatePrime(Sync) and checkPrime(Sync) (bindings/crypto_prime.h).
// Candidates and add/rem may be bigints or bytes; primes come back as an
// ArrayBuffer (big-endian) or, with { bigint: true }, a bigint.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const {
  validateBoolean, validateFunction, validateInt32, validateObject,
} = require('internal/validators');
const { isAnyArrayBuffer, isArrayBufferView } = require('internal/util/types');
const { cryptoBinding, kEmptyObject } = require('internal/crypto/util');

const kBytesTypes = ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'];

function arrayBufferToUnsignedBigInt(buf) {
  const hex = Buffer.from(buf).toString('hex');
  return BigInt(`0x${hex || '0'}`);
}

function unsignedBigIntToBuffer(bigint, name) {
  if (bigint < 0) throw new ERR_OUT_OF_RANGE(name, '>= 0', bigint);
  const hex = bigint.toString(16);
  return Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
}

function bytesOption(value, name) {
  if (value === undefined) return undefined;
  if (typeof value === 'bigint') return unsignedBigIntToBuffer(value, name);
  if (!isAnyArrayBuffer(value) && !isArrayBufferView(value)) {
    throw new ERR_INVALID_ARG_TYPE(name, kBytesTypes, value);
  }
  return value;
}

function primeArgs(size, options) {
  validateObject(options, 'options');
  const { safe = false, bigint = false } = options;
  validateBoolean(safe, 'options.safe');
  validateBoolean(bigint, 'options.bigint');
  const add = bytesOption(options.add, 'options.add');
  const rem = bytesOption(options.rem, 'options.rem');
  return { args: [size, safe, add, rem], bigint };
}

function generatePrime(size, options, callback) {
  validateInt32(size, 'size', 1);
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  validateFunction(callback, 'callback');
  const { args, bigint } = primeArgs(size, options);
  cryptoBinding.generatePrime(...args, (err, prime) => {
    if (err) return callback(err);
    callback(undefined, bigint ? arrayBufferToUnsignedBigInt(prime) : prime);
  });
}

function generatePrimeSync(size, options = kEmptyObject) {
  validateInt32(size, 'size', 1);
  const { args, bigint } = primeArgs(size, options);
  const prime = cryptoBinding.generatePrime(...args, undefined);
  return bigint ? arrayBufferToUnsignedBigInt(prime) : prime;
}

function candidateBytes(candidate) {
  if (typeof candidate === 'bigint') return unsignedBigIntToBuffer(candidate, 'candidate');
  if (!isAnyArrayBuffer(candidate) && !isArrayBufferView(candidate)) {
    throw new ERR_INVALID_ARG_TYPE('candidate', kBytesTypes, candidate);
  }
  return candidate;
}

function checkPrime(candidate, options = kEmptyObject, callback) {
  candidate = candidateBytes(candidate);
  if (typeof options === 'function') {
    callback = options;
    options = kEmptyObject;
  }
  validateFunction(callback, 'callback');
  validateObject(options, 'options');
  const { checks = 0 } = options;
  // Unsigned, but OpenSSL takes it as a signed int.
  validateInt32(checks, 'options.checks', 0);
  cryptoBinding.checkPrime(candidate, checks, (err, result) => {
    if (err) return callback(err);
    callback(undefined, result);
  });
}

function checkPrimeSync(candidate, options = kEmptyObject) {
  candidate = candidateBytes(candidate);
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateInt32(checks, 'options.checks', 0);
  return cryptoBinding.checkPrime(candidate, checks, undefined);
}

module.exports = { checkPrime, checkPrimeSync, generatePrime, generatePrimeSync };
