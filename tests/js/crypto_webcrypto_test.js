'use strict';
// Differential test of Web Crypto (crypto.webcrypto.subtle): digest, HMAC,
// AES-GCM/CBC/CTR/KW with fixed keys (deterministic output printed),
// PBKDF2/HKDF/ECDH/X25519 deriveBits, import/export in raw/jwk/spki/pkcs8,
// RSA and EC and Ed25519 signatures (randomized ones verified), key
// generation shapes, wrap/unwrap, and the errors (DOMException names and
// messages, WebIDL TypeErrors).

const { webcrypto } = require('crypto');
const util = require('util');

const { subtle } = webcrypto;
const hex = (ab) => Buffer.from(ab).toString('hex');
const bytes = (h) => Buffer.from(h, 'hex');

async function show(fn) {
  try {
    const v = await fn();
    if (v instanceof ArrayBuffer) return `<ArrayBuffer ${hex(v)}>`;
    return util.inspect(v, { depth: 4, breakLength: Infinity });
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

async function main() {
  console.log(Object.prototype.toString.call(webcrypto), Object.prototype.toString.call(subtle),
              Object.getOwnPropertyNames(Object.getPrototypeOf(subtle)).join(' '));
  console.log(webcrypto.getRandomValues(new Uint8Array(4)).length, /^[0-9a-f-]{36}$/.test(webcrypto.randomUUID()));

  // ---- digest ----
  for (const alg of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'sha-256', { name: 'SHA-256' }]) {
    console.log('digest', JSON.stringify(alg), await show(() => subtle.digest(alg, Buffer.from('abc'))));
  }

  // ---- HMAC ----
  const hmacKey = await subtle.importKey('raw', bytes('0b'.repeat(20)), { name: 'HMAC', hash: 'SHA-256' },
                                         true, ['sign', 'verify']);
  console.log(await show(() => hmacKey));
  const mac = await subtle.sign('HMAC', hmacKey, Buffer.from('Hi There'));
  console.log('hmac', hex(mac), await subtle.verify('HMAC', hmacKey, mac, Buffer.from('Hi There')),
              await subtle.verify('HMAC', hmacKey, mac, Buffer.from('Hi there')));
  console.log('hmac jwk', await show(() => subtle.exportKey('jwk', hmacKey)));
  console.log('hmac raw', await show(() => subtle.exportKey('raw', hmacKey)));

  // ---- AES ----
  const raw128 = bytes('000102030405060708090a0b0c0d0e0f');
  const gcm = await subtle.importKey('raw', raw128, 'AES-GCM', true, ['encrypt', 'decrypt']);
  const iv = bytes('cafebabefacedbaddecaf888');
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from('aad') }, gcm,
                                  Buffer.from('plaintext'));
  console.log('gcm', hex(ct), Buffer.from(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from('aad') },
                                                              gcm, ct)).toString());
  console.log('gcm tag 96', await show(() => subtle.encrypt({ name: 'AES-GCM', iv, tagLength: 96 }, gcm, Buffer.from('x'))));
  console.log('gcm bad tag', await show(() => subtle.decrypt({ name: 'AES-GCM', iv }, gcm, Buffer.alloc(20))));
  const cbc = await subtle.importKey('raw', raw128, { name: 'AES-CBC' }, true, ['encrypt', 'decrypt']);
  const cbcCt = await subtle.encrypt({ name: 'AES-CBC', iv: Buffer.alloc(16, 1) }, cbc, Buffer.from('hello cbc'));
  console.log('cbc', hex(cbcCt), Buffer.from(await subtle.decrypt({ name: 'AES-CBC', iv: Buffer.alloc(16, 1) }, cbc, cbcCt)).toString());
  const ctr = await subtle.importKey('raw', raw128, 'AES-CTR', false, ['encrypt']);
  console.log('ctr', await show(() => subtle.encrypt({ name: 'AES-CTR', counter: Buffer.alloc(16), length: 64 }, ctr, Buffer.from('counter mode'))));
  console.log('aes jwk', await show(() => subtle.exportKey('jwk', gcm)));
  const kw = await subtle.importKey('raw', raw128, 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const wrapped = await subtle.wrapKey('raw', gcm, kw, 'AES-KW');
  console.log('wrap raw', hex(wrapped));
  const unwrapped = await subtle.unwrapKey('raw', wrapped, kw, 'AES-KW', 'AES-GCM', true, ['decrypt']);
  console.log('unwrap', hex(await subtle.exportKey('raw', unwrapped)), unwrapped.usages);
  const gcmWrap = await subtle.importKey('raw', raw128, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
  const wrappedJwk = await subtle.wrapKey('jwk', hmacKey, gcmWrap, { name: 'AES-GCM', iv });
  const back = await subtle.unwrapKey('jwk', wrappedJwk, gcmWrap, { name: 'AES-GCM', iv },
                                      { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
  console.log('wrap jwk', wrappedJwk.byteLength, hex(await subtle.exportKey('raw', back)));

  // ---- KDFs ----
  const pw = await subtle.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  console.log(await show(() => pw));
  console.log('pbkdf2', await show(() => subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: Buffer.from('salt'), iterations: 2 }, pw, 160)));
  const derived = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from('salt'), iterations: 10 }, pw,
                                         { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  console.log('deriveKey', await show(() => derived), hex(await subtle.exportKey('raw', derived)));
  const ikm = await subtle.importKey('raw', bytes('0b'.repeat(22)), 'HKDF', false, ['deriveBits']);
  console.log('hkdf', await show(() => subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: bytes('000102030405060708090a0b0c'),
                                                           info: bytes('f0f1f2f3f4f5f6f7f8f9') }, ikm, 336)));

  // ---- asymmetric, fixed keys ----
  const ecJwk = {
    kty: 'EC', crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
  };
  const ecPriv = await subtle.importKey('jwk', ecJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const { d, ...ecPubJwk } = ecJwk;
  const ecPub = await subtle.importKey('jwk', ecPubJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  console.log(await show(() => ecPriv), await show(() => ecPub));
  const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ecPriv, Buffer.from('msg'));
  console.log('ecdsa', sig.byteLength, await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecPub, sig, Buffer.from('msg')));
  console.log('ec raw', await show(() => subtle.exportKey('raw', ecPub)));
  console.log('ec spki', await show(() => subtle.exportKey('spki', ecPub)));
  console.log('ec jwk', await show(() => subtle.exportKey('jwk', ecPriv)));
  const ecRawPub = await subtle.importKey('raw', await subtle.exportKey('raw', ecPub), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  console.log('ec raw import', await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ecRawPub, sig, Buffer.from('msg')));
  const ecdhA = await subtle.importKey('jwk', ecJwk, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const ecdhB = await subtle.importKey('jwk', ecPubJwk, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
  console.log('ecdh', await show(() => subtle.deriveBits({ name: 'ECDH', public: ecdhB }, ecdhA, 256)),
              await show(() => subtle.deriveBits({ name: 'ECDH', public: ecdhB }, ecdhA, 100)));
  const edPriv = await subtle.importKey('jwk', {
    kty: 'OKP', crv: 'Ed25519',
    d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
    x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  }, 'Ed25519', true, ['sign']);
  console.log('ed25519', await show(() => subtle.sign('Ed25519', edPriv, Buffer.alloc(0))));
  console.log('ed25519 pkcs8', await show(() => subtle.exportKey('pkcs8', edPriv)));

  // ---- generation (shapes) ----
  const rsa = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
                                         hash: 'SHA-256' }, true, ['sign', 'verify']);
  console.log(await show(() => rsa.publicKey.algorithm), rsa.privateKey.usages, rsa.publicKey.usages);
  const rsaSig = await subtle.sign('RSASSA-PKCS1-v1_5', rsa.privateKey, Buffer.from('m'));
  console.log('rsa', rsaSig.byteLength, await subtle.verify('RSASSA-PKCS1-v1_5', rsa.publicKey, rsaSig, Buffer.from('m')),
              Object.keys(await subtle.exportKey('jwk', rsa.privateKey)).join(','), (await subtle.exportKey('jwk', rsa.publicKey)).alg);
  const pss = await subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
                                         hash: 'SHA-384' }, true, ['sign', 'verify']);
  const pssSig = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pss.privateKey, Buffer.from('m'));
  console.log('pss', await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pss.publicKey, pssSig, Buffer.from('m')));
  const oaep = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
                                          hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
  const oaepCt = await subtle.encrypt({ name: 'RSA-OAEP', label: Buffer.from('L') }, oaep.publicKey, Buffer.from('secret'));
  console.log('oaep', Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP', label: Buffer.from('L') }, oaep.privateKey, oaepCt)).toString());
  for (const alg of [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDH', namedCurve: 'P-521' }, 'Ed25519', 'X25519']) {
    const usages = /ECDH|X25519/.test(JSON.stringify(alg)) ? ['deriveBits'] : ['sign', 'verify'];
    const pair = await subtle.generateKey(alg, true, usages);
    console.log('gen', JSON.stringify(alg), util.inspect(pair.privateKey.algorithm), pair.privateKey.usages, pair.publicKey.usages,
                pair.publicKey.extractable, pair.privateKey.type);
  }
  const x1 = await subtle.generateKey('X25519', false, ['deriveBits']);
  const x2 = await subtle.generateKey('X25519', false, ['deriveBits']);
  const s1 = await subtle.deriveBits({ name: 'X25519', public: x2.publicKey }, x1.privateKey, null);
  const s2 = await subtle.deriveBits({ name: 'X25519', public: x1.publicKey }, x2.privateKey, 256);
  console.log('x25519 agree', hex(s1) === hex(s2));
  const hmacGen = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
  const aesGen = await subtle.generateKey({ name: 'AES-CBC', length: 192 }, true, ['encrypt', 'decrypt', 'encrypt']);
  console.log(await show(() => hmacGen.algorithm), await show(() => aesGen));

  // ---- JWK checks: empty key data, "alg" against the algorithm; imported public keys keep extractable ----
  const rsaPubJwk = await subtle.exportKey('jwk', rsa.publicKey);
  const jwkCases = [
    () => subtle.importKey('jwk', null, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    () => subtle.importKey('jwk', {}, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    () => subtle.importKey('jwk', { kty: 5 }, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    () => subtle.importKey('jwk', { kty: 'oct' }, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    () => subtle.importKey('jwk', { ...ecPubJwk, alg: 'ES384' }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']),
    () => subtle.importKey('jwk', { ...ecPubJwk, alg: 'ES256' }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']),
    () => subtle.importKey('jwk', { ...ecPubJwk, alg: 'ES384' }, { name: 'ECDH', namedCurve: 'P-256' }, true, []),
    () => subtle.importKey('jwk', { ...rsaPubJwk, alg: 'PS256' }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']),
    () => subtle.importKey('jwk', { ...rsaPubJwk, alg: 'RSA-OAEP-256' }, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']),
    () => subtle.importKey('jwk', { ...rsaPubJwk, alg: 'RS384' }, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']),
    () => subtle.importKey('jwk', { ...rsaPubJwk, alg: 'RSA-OAEP' }, { name: 'RSA-OAEP', hash: 'SHA-1' }, false, ['encrypt']),
    async () => (await subtle.importKey('spki', await subtle.exportKey('spki', rsa.publicKey),
                                        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])).extractable,
  ];
  for (const f of jwkCases) console.log('jwk', await show(async () => { const k = await f(); return k && k.type ? [k.type, k.extractable] : k; }));

  // ---- errors ----
  const errs = [
    () => subtle.digest('SHA-3', Buffer.alloc(1)),
    () => subtle.digest('SHA-256'),
    () => subtle.digest('SHA-256', 'x'),
    () => subtle.digest(5, Buffer.alloc(1)),
    () => subtle.importKey('raw', Buffer.alloc(8), 'HMAC', false, ['sign']),
    () => subtle.importKey('raw', Buffer.alloc(0), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    () => subtle.importKey('raw', Buffer.alloc(8), 'AES-GCM', false, ['encrypt']),
    () => subtle.importKey('raw', Buffer.alloc(16), 'AES-GCM', false, ['sign']),
    () => subtle.importKey('raw', Buffer.alloc(16), 'PBKDF2', true, ['deriveBits']),
    () => subtle.importKey('bogus', Buffer.alloc(16), 'AES-GCM', false, ['encrypt']),
    () => subtle.importKey('jwk', 5, 'AES-GCM', false, ['encrypt']),
    () => subtle.importKey('jwk', { kty: 'RSA' }, 'AES-GCM', false, ['encrypt']),
    () => subtle.importKey('raw', Buffer.alloc(16), 'AES-GCM', false, []),
    () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt']),
    () => subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt']),
    () => subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, []),
    () => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-192' }, true, ['sign']),
    () => subtle.generateKey({ name: 'RSA-PSS' }, true, ['sign']),
    () => subtle.sign('HMAC', gcm, Buffer.alloc(1)),
    () => subtle.encrypt({ name: 'AES-GCM', iv }, hmacKey, Buffer.alloc(1)),
    () => subtle.encrypt({ name: 'AES-CBC', iv: Buffer.alloc(8) }, cbc, Buffer.alloc(1)),
    () => subtle.exportKey('raw', pw),
    () => subtle.exportKey('spki', hmacKey),
    () => subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: Buffer.alloc(1), iterations: 1 }, pw),
    () => subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: Buffer.alloc(1), info: Buffer.alloc(1) }, pw, 8),
    () => subtle.deriveBits({ name: 'ECDH', public: ecdhA }, ecdhA, 8),
    () => subtle.sign('HMAC', {}, Buffer.alloc(1)),
    () => subtle.encrypt.call({}, 'AES-GCM', gcm, Buffer.alloc(1)),
  ];
  for (const f of errs) console.log(await show(f));
  console.log(await show(() => new (Object.getPrototypeOf(subtle).constructor)()));
}

main();
