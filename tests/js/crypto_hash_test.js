'use strict';
// Differential test of crypto hashes and MACs: FIPS 180 / FIPS 202 / RFC 4231
// vectors (checked here, "ok"/"FAIL"), then the same calls printed, so node
// and kiln must agree byte for byte: createHash in every output encoding,
// update() encodings, copy(), streams, crypto.hash(), Hmac, and bad input.

const crypto = require('crypto');

function show(fn) {
  try {
    const v = fn();
    return Buffer.isBuffer(v) ? `<Buffer ${v.toString('hex')}>` : JSON.stringify(v);
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

function check(name, actual, expected) {
  console.log(actual === expected ? 'ok' : 'FAIL', name, actual === expected ? '' : actual);
}

// ---- vectors -------------------------------------------------------------------
const abc = 'abc';
check('sha1 abc', crypto.createHash('sha1').update(abc).digest('hex'),
      'a9993e364706816aba3e25717850c26c9cd0d89d');
check('sha224 abc', crypto.createHash('sha224').update(abc).digest('hex'),
      '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
check('sha256 abc', crypto.createHash('sha256').update(abc).digest('hex'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
check('sha384 abc', crypto.createHash('sha384').update(abc).digest('hex'),
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed' +
      '8086072ba1e7cc2358baeca134c825a7');
check('sha512 abc', crypto.createHash('sha512').update(abc).digest('hex'),
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a' +
      '2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
check('sha512-256 abc', crypto.createHash('sha512-256').update(abc).digest('hex'),
      '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23');
check('md5 abc', crypto.createHash('md5').update(abc).digest('hex'),
      '900150983cd24fb0d6963f7d28e17f72');
check('sha3-256 abc', crypto.createHash('sha3-256').update(abc).digest('hex'),
      '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
check('shake128 empty', crypto.createHash('shake128').digest('hex'),
      '7f9c2ba4e88f827d616045507605853e');
const million = crypto.createHash('sha256');
for (let i = 0; i < 1000; i++) million.update('a'.repeat(1000));
check('sha256 1M a', million.digest('hex'),
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
// RFC 4231 test cases 1 and 2.
check('hmac-sha256 rfc4231 #1',
      crypto.createHmac('sha256', Buffer.alloc(20, 0x0b)).update('Hi There').digest('hex'),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
check('hmac-sha512 rfc4231 #2',
      crypto.createHmac('sha512', 'Jefe').update('what do ya want for nothing?').digest('hex'),
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554' +
      '9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737');

// ---- same calls, compared with node ------------------------------------------------
const encodings = ['hex', 'base64', 'base64url', 'latin1', 'binary', 'ucs2', 'utf8', 'ascii',
                   'buffer', undefined];
for (const alg of ['md5', 'sha1', 'sha256', 'sha384', 'sha512', 'sha3-512', 'RSA-SHA256',
                   'SHA256', 'sha512-256']) {
  for (const enc of encodings) {
    console.log(alg, enc, show(() => crypto.createHash(alg).update('h\u00e9llo').digest(enc)));
  }
}
for (const enc of ['utf8', 'latin1', 'hex', 'base64', 'ucs2', 'ascii']) {
  console.log('update enc', enc, show(() => crypto.createHash('sha256').update('4142c3a9', enc).digest('hex')));
}
console.log('typed array', show(() => crypto.createHash('sha256').update(new Uint16Array([1, 2, 3])).digest('hex')));
console.log('dataview', show(() => crypto.createHash('sha256').update(new DataView(new ArrayBuffer(5))).digest('hex')));
{
  const a = crypto.createHash('sha512').update('abc');
  const b = a.copy();
  const c = b.copy().update('def');
  console.log('copy', a.digest('hex') === b.digest('hex'),
              c.digest('hex') === crypto.createHash('sha512').update('abcdef').digest('hex'));
}
console.log('shake len', show(() => crypto.createHash('shake256', { outputLength: 5 }).update('x').digest('hex')));
console.log('hash()', show(() => crypto.hash('sha1', 'abc')), show(() => crypto.hash('md5', Buffer.from('abc'), 'base64')),
            show(() => crypto.hash('sha256', 'abc', 'buffer')));
console.log('getHashes has', ['sha256', 'md5', 'sha3-256', 'RSA-SHA256'].map((h) => crypto.getHashes().includes(h)));
{
  const h = crypto.createHash('sha256');
  h.write('str');
  h.end('eam');
  console.log('stream', h.read().toString('hex'));
}
for (const alg of ['sha1', 'sha256', 'sha512', 'md5', 'sha3-256']) {
  console.log('hmac', alg, show(() => crypto.createHmac(alg, 'secret').update('data').digest('base64')));
}
console.log('hmac long key', show(() => crypto.createHmac('sha256', 'k'.repeat(200)).update('d').digest('hex')));
console.log('hmac keyobject', show(() => crypto.createHmac('sha256', crypto.createSecretKey(Buffer.from('k'))).update('d').digest('hex')));
{
  const m = crypto.createHmac('sha256', 'k');
  m.digest();
  console.log('hmac twice', show(() => m.digest('hex')), show(() => m.digest()));
}

// ---- bad input --------------------------------------------------------------------
console.log(show(() => crypto.createHash('nope')));
console.log(show(() => crypto.createHash()));
console.log(show(() => crypto.createHash('sha256').update()));
console.log(show(() => crypto.createHash('sha256').update(123)));
console.log(show(() => crypto.createHash('sha256').update('abc', 'hex')));
console.log(show(() => crypto.createHash('sha256', { outputLength: 5 })));
console.log(show(() => crypto.createHash('sha256', { outputLength: -1 })));
console.log(show(() => { const h = crypto.createHash('sha256'); h.digest(); h.digest(); }));
console.log(show(() => { const h = crypto.createHash('sha256'); h.digest(); h.update('x'); }));
console.log(show(() => { const h = crypto.createHash('sha256'); h.digest(); h.copy(); }));
console.log(show(() => crypto.createHmac('nope', 'k')));
console.log(show(() => crypto.createHmac('sha256', 123)));
console.log(show(() => crypto.createHmac('sha256')));
console.log(show(() => crypto.hash('sha256', 123)));
console.log(show(() => crypto.hash('sha256', 'x', 'bogus')));
