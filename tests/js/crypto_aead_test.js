'use strict';
// Differential test of the ciphers Kiln builds on BoringSSL's AES and DES
// block functions (bindings/crypto_cipher_aead.h, crypto_cipher_stream.h):
// AES-CCM and AES-OCB with their nonce and tag sizes, streaming, errors and
// authentication failures; des3-wrap (RFC 3217; wrapping is randomized, so
// node's output is unwrapped and ours round-trips); and encrypted PKCS #8
// (crypto_pbes2.h) with ciphers BoringSSL's own PBES2 lacks.

const crypto = require('crypto');
const { log, show } = require('./crypto_test_helpers');

// (node also lists ARIA in CCM mode, which BoringSSL lacks.)
log('listed', () => crypto.getCiphers().filter((c) => /ccm|ocb|des3-wrap|cms3des/i.test(c) && !/aria/.test(c)));
for (const name of ['aes-128-ccm', 'id-aes256-CCM', 'aes-192-ocb', 'des3-wrap', 'id-smime-alg-CMS3DESwrap']) {
  log(`info ${name}`, () => crypto.getCipherInfo(name));
}
for (const n of [6, 7, 13, 14]) log(`ccm ivLength ${n}`, () => crypto.getCipherInfo('aes-128-ccm', { ivLength: n }));
for (const n of [0, 1, 15, 16]) log(`ocb ivLength ${n}`, () => crypto.getCipherInfo('aes-128-ocb', { ivLength: n }));

function seal(name, key, iv, tagLen, aad, plain, chunks = [plain]) {
  const c = crypto.createCipheriv(name, key, iv, { authTagLength: tagLen });
  if (aad) c.setAAD(aad, { plaintextLength: plain.length });
  const ct = Buffer.concat([...chunks.map((p) => c.update(p)), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

function open(name, key, iv, tagLen, aad, ct, tag, chunks = [ct]) {
  const d = crypto.createDecipheriv(name, key, iv, { authTagLength: tagLen });
  d.setAuthTag(tag);
  if (aad) d.setAAD(aad, { plaintextLength: ct.length });
  const out = [];
  for (const c of chunks) out.push(d.update(c));
  out.push(d.final());
  return Buffer.concat(out);
}

const plain = Buffer.from('The quick brown fox jumps over the lazy dog, twice over.');
const aad = Buffer.from('header');

// ---- AES-CCM ------------------------------------------------------------------------------
for (const [bits, ivLen, tagLen] of [[128, 7, 4], [128, 12, 16], [192, 13, 8], [256, 10, 14]]) {
  const key = Buffer.alloc(bits / 8, 0x11);
  const iv = Buffer.alloc(ivLen, 0x22);
  const name = `aes-${bits}-ccm`;
  log(`${name} iv${ivLen} tag${tagLen}`, () => {
    const { ct, tag } = seal(name, key, iv, tagLen, aad, plain);
    return [ct.toString('hex'), tag.toString('hex'), open(name, key, iv, tagLen, aad, ct, tag).equals(plain)];
  });
  log(`${name} no aad`, () => seal(name, key, iv, tagLen, null, plain).tag);
}
{
  const key = Buffer.alloc(16, 1);
  const iv = Buffer.alloc(12, 2);
  const { ct, tag } = seal('aes-128-ccm', key, iv, 16, aad, plain);
  log('ccm bad tag', () => {
    const d = crypto.createDecipheriv('aes-128-ccm', key, iv, { authTagLength: 16 });
    d.setAuthTag(Buffer.alloc(16));
    d.setAAD(aad, { plaintextLength: ct.length });
    return [d.update(ct), show(() => d.final())];
  });
  log('ccm no tag length', () => crypto.createCipheriv('aes-128-ccm', key, iv));
  log('ccm odd tag length', () => crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 5 }));
  log('ccm iv too short', () => crypto.createCipheriv('aes-128-ccm', key, Buffer.alloc(6), { authTagLength: 8 }));
  log('ccm aad without length', () => crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 8 }).setAAD(aad));
  log('ccm two updates', () => {
    const c = crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 8 });
    c.update('abc');
    return c.update('def');
  });
  log('ccm length mismatch', () => {
    const c = crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 8 });
    c.setAAD(aad, { plaintextLength: 4 });
    return c.update('abc');
  });
  log('ccm message too long', () => crypto.createCipheriv('aes-128-ccm', key, Buffer.alloc(13), { authTagLength: 8 })
    .setAAD(aad, { plaintextLength: 65536 }));
  log('ccm final without data', () => crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 8 }).final());
  log('ccm empty message', () => {
    const c = crypto.createCipheriv('aes-128-ccm', key, iv, { authTagLength: 8 });
    c.update('');
    c.final();
    return c.getAuthTag();
  });
}

// ---- AES-OCB ------------------------------------------------------------------------------
{
  // RFC 7253 appendix A, the 40-byte case.
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
  const iv = Buffer.from('BBAA9988776655443322110D', 'hex');
  const data = Buffer.from(Array.from({ length: 40 }, (_, i) => i));
  log('ocb rfc7253', () => {
    const { ct, tag } = seal('aes-128-ocb', key, iv, 16, data, data, [data.subarray(0, 7), data.subarray(7)]);
    return [ct.toString('hex'), tag.toString('hex')];
  });
  for (const [bits, ivLen, tagLen, size] of [[128, 1, 1, 0], [192, 15, 8, 16], [256, 12, 12, 33]]) {
    const k = Buffer.alloc(bits / 8, 3);
    const n = Buffer.alloc(ivLen, 4);
    const msg = Buffer.alloc(size, 5);
    log(`ocb ${bits} iv${ivLen} tag${tagLen} size${size}`, () => {
      const { ct, tag } = seal(`aes-${bits}-ocb`, k, n, tagLen, aad, msg);
      const back = open(`aes-${bits}-ocb`, k, n, tagLen, aad, ct, tag,
                        [ct.subarray(0, 5), ct.subarray(5)]);
      return [ct.toString('hex'), tag.toString('hex'), back.equals(msg)];
    });
  }
  log('ocb bad tag', () => open('aes-128-ocb', key, iv, 16, null, Buffer.from('abcd'), Buffer.alloc(16)));
  log('ocb no tag length', () => crypto.createCipheriv('aes-128-ocb', key, iv));
  log('ocb tag 17', () => crypto.createCipheriv('aes-128-ocb', key, iv, { authTagLength: 17 }));
  log('ocb iv 16', () => crypto.createCipheriv('aes-128-ocb', key, Buffer.alloc(16), { authTagLength: 16 }));
}

// ---- des3-wrap -------------------------------------------------------------------------------
{
  const key = Buffer.alloc(24, 7);
  const unwrap = (hex) => {
    const d = crypto.createDecipheriv('des3-wrap', key, Buffer.alloc(0));
    return Buffer.concat([d.update(Buffer.from(hex, 'hex')), d.final()]);
  };
  log('des3-wrap unwrap node', () => unwrap("1bd6f902b24aa0e5511cec8caf32669bab2630030e951f36be1e18440c8562e9"));
  log('des3-wrap round trip', () => {
    const c = crypto.createCipheriv('des3-wrap', key, Buffer.alloc(0));
    const w = c.update(Buffer.from('0123456789abcdef', 'hex'));
    return [w.length, unwrap(w.toString('hex'))];
  });
  log('des3-wrap bad', () => unwrap('00'.repeat(32)));
  log('des3-wrap odd length', () => crypto.createCipheriv('des3-wrap', key, Buffer.alloc(0)).update(Buffer.alloc(5)));
  log('des3-wrap iv', () => crypto.createCipheriv('des3-wrap', key, Buffer.alloc(8)));
}

// ---- encrypted PKCS #8 ---------------------------------------------------------------------
{
  const encEcb = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHcMEcGCSqGSIb3DQEFDTA6MCkGCSqGSIb3DQEFDDAcBAjYJYdkyBsDwwICCAAw\nDAYIKoZIhvcNAgkFADANBglghkgBZQMEAQEEAASBkANnXyImGRBl75sN15nAKqzX\njoplaGlm/bzbYPfhIu/5hb73LRqEJINb8ZlewUVAeN12eETOI8eRVSTMm4Pz8F+R\nJXdZKAoiw82j7hz2/xw4vD4xQNSD5GFw3Iy5s8DHiyfGAM4VHkG328eqesDtR4lz\nJyj1kV1Da4SFqf43fcT8d3AqReG4BJ+99yOCcM6V6A==\n-----END ENCRYPTED PRIVATE KEY-----\n";
  const encOfb = Buffer.from("MIGkMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg//HXBAPnu4gICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASsEEI95db8TsfpooprXieYwSM4ESW2oCs6VEYgNiAbyejRkFo9c7LxoNcoBDjf4tJNL6DgDa2Ne0q0J6lzYo7H+EACB85pMbDWOabOji0nJyyPFqb6eosUj6x1WEN8=", 'base64');
  const encDes = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBpDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQId8uaTvEv7ngCAggA\nMAwGCCqGSIb3DQIJBQAwFAYIKoZIhvcNAwcECFeVJTYo7b78BIIBUHVFMWWjob1q\n09xVc7bnsu29TOjH1THiRrjfrSZ7ZoKXHRxK6Glm4T8VrFrWwsE49dcsX2xeOAk7\nyXNjH3p4oqbzt/j/5BlQsHIkF1InVSHET//XWo2hum5WeTPLGeV3fQrP5vlepzB/\nfLi2lWhAz5g+fFYJt/wphLpbgEDzWXvvQczRU5+/pLlcWWCnAYX0Mpokit7YqrL1\nXD0Y7n5j2GyjFhSDMQIx3gSHWdUhC7HugW6o68mpu3KlWAaqaGXpo0ozjtbr5ozC\no4MOmP6K1TD/GSwsnudroTtxLDnQBhJ5geXNLLXooQeYv7tzWwKeQHog1MNXLTRA\nyWVZRDgjyoG89//aZkMpFL5gSWtKmPjaaIMBopT1nt/AZ3P18dJkv/XpMMw85N4w\ns+2l+wtHpsHRwmq+1dlZsbF2cCq0/IDTfkHGaJaeQ2OF47xrqhrIyQ==\n-----END ENCRYPTED PRIVATE KEY-----\n";
  log('pkcs8 aes-128-ecb', () => crypto.createPrivateKey({ key: encEcb, passphrase: 'pw' }).asymmetricKeyDetails);
  log('pkcs8 aes-256-ofb', () => crypto.createPrivateKey({ key: encOfb, format: 'der', type: 'pkcs8', passphrase: 'pw' })
    .asymmetricKeyType);
  log('pkcs8 des-ede3-cbc', () => crypto.createPrivateKey({ key: encDes, passphrase: 'pw' }).asymmetricKeyType);
  log('pkcs8 no passphrase', () => crypto.createPrivateKey({ key: encOfb, format: 'der', type: 'pkcs8' }));
  const key = crypto.createPrivateKey({ key: encDes, passphrase: 'pw' });
  for (const cipher of ['aes-128-ecb', 'aes-192-cbc', 'aes-256-ofb', 'des-ede3-cbc', 'aes128', 'aes-128-ctr',
                        'aes-128-gcm', 'chacha20', 'id-aes128-wrap', 'bogus']) {
    log(`pkcs8 export ${cipher}`, () => {
      const pem = key.export({ type: 'pkcs8', format: 'pem', cipher, passphrase: 'secret' });
      return crypto.createPrivateKey({ key: pem, passphrase: 'secret' }).equals(key);
    });
  }
}
