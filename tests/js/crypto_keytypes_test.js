'use strict';
// Differential test of the key types BoringSSL's EVP lacks and Kiln adds
// (bindings/crypto_key_der.h, crypto_curve448.h, crypto_sign_ops.h): RSA-PSS
// keys with and without RSASSA-PSS-params, DSA, finite-field DH key pairs,
// secp256k1, Ed448 and X448. Fixed keys made by node: their DER, JWK and
// details print; deterministic results (Ed448 signatures, key agreement)
// print; randomized signatures are verified both ways with node's.

const crypto = require('crypto');
const { log } = require('./crypto_test_helpers');

const PEM = {
  pss: "-----BEGIN PRIVATE KEY-----\nMIICqgIBADBBBgkqhkiG9w0BAQowNKAPMA0GCWCGSAFlAwQCAQUAoRwwGgYJKoZI\nhvcNAQEIMA0GCWCGSAFlAwQCAQUAogMCARAEggJgMIICXAIBAAKBgQDaM9OLWbdK\nmw4D5LjCLwa22Ib94yDX5ePX4QeUj4wcEExvWXoSthGHJsNA+cuN3fkqfO21nQpM\n2do2Y7ZXOvzg1x8nDMjsOBv0W3wieQ4LvePowFAvZgnQfaTAhEfREZXliQgvXgnT\n1eG46gm9DwRutgsSUgbRPZXZKDOgYcdeFQIDAQABAoGAUjvz/vGZ5XEYUBlUFELa\n2fAyt95wk01dmA+D5tZOrIjr9Y8YNZMOegv+zC8YKug8LmoUwDxmFF6KIbNkle1y\nPaxORles2WxaOSVm1N2Az3uHgefaKWWIxQWsEA3mYHWFr6FY3G+EGMrOrlTmlnLY\n0xrXgC0bfylQGcXVsDYwVAUCQQDuMno2a016aEj8KmTacaoJMvm2EzAdl2aetzXt\nBydTZTNKQqbPA2RqNcLlzuZR/rPn4HxnTNxWh7n1lRWmtzdTAkEA6oLIHjZjaS49\nAGYVgnFWOn2HvaGjAia0DrLGnR1WDFwnfct5hp0gMW/6f5pQz3VhNy0X/R3uwhoa\nSRXcZWxv9wJAcTOYFUjFl4j8NqtHJvGh56FMP5W65jVP1dooTK97pwyPZZlrgTKR\nhFBsgZ7kos8zXN25AbbreEwkumvR0Ft+dQJAVnzJJStV2nKtGLqNcEAwVv34090K\n6z4u5cTVLxikpYZPIjuqpBTKzLDJp8nXx8s4gUrmL/mcFoXd79paICWv3QJBAJIb\ndVe5LWcE56A0W9u4d1xc/d+FhHu3Fw2xxLgNFBbbYJ87DfzXljHDrxzu7vwLQjCM\nMf1XNwUhK80P9R0ofpU=\n-----END PRIVATE KEY-----\n",
  pssPlain: "-----BEGIN PRIVATE KEY-----\nMIICcwIBADALBgkqhkiG9w0BAQoEggJfMIICWwIBAAKBgQDU5M+V+oDSAT/Rakv2\nFRN2+6rDa2ZxfChCsz/+2/2RwX5tYCVf9Cw+hj5Ln1khCNoGu4OYP4TGL58Jm6EA\nJTTTjKDV4x30ou6+Ojq7vmXMUtRhwv2CXqJkdkHixzBlbR1WHhxtp5YLI3M/V9b+\np3aYOo36BNZW+zrZXLPz1ZxsGQIDAQABAoGAJdnYno2/QZc/RXhksQfmQg1UuxHp\nUNwGPHWqNyHd34BLfh7OBlVfWG59vOxD6H+uY+wK5ZLFhIcK+6ZT5ba3wWH8Blil\n211VC0hcToXNB/P4aNYXiDulpv01gbnSTh7BiDmCRy49dabWcFoEs++IcWMi2CWq\ntZ0S5CqST+r3i0ECQQDxWauohaX8I8P8MTo01o/En3KqPSAu/sU+8P6EYtJQXLvB\n/eFJpSW6m82VlHDE4eu0fIyoeWAKoO1oM48rBo7dAkEA4dD03qp/npxi93obdcu/\npz7CT1Fs7Pu1pqbGklXhessr01HxrvQ87vKHoaHzeKy7vIy9wvJKsjGqoG6WHaJ4\nbQJAc0GQUVUptCRcVpYnps4EMDC48IVqVicCiRFLamtK5meynmygZqwAPYJkBhey\nVsNQ7YtBHL+B1vGNDmL47uId3QJAUyA1k+YVlpChCdLEWweG5I0AwGwL+ezqwI8y\nF9pPZ4F0/5RxsGKuL5POA9z3IFwNu+nfTO0ePBx2YBp1XjFZvQJAe1FGyW1ZsOL2\n5LgZeoDL4gef6LHbKuJkbQMOSK8xXtIsGwk6bonkKqn/6dPaMItrAPRb+tZ4yNXJ\nYLQ7bkVfsQ==\n-----END PRIVATE KEY-----\n",
  dsa: "-----BEGIN PRIVATE KEY-----\nMIIBSgIBADCCASsGByqGSM44BAEwggEeAoGBAOzArNwVRFWzdG5B1CcArpP9aFyZ\np82PDJzAjxQSPU3UrBLsOycQz4blORbZ408ajTAlk8R7S9ZRoWZhhjM/shMlyBnR\nv4LCAP6O+g+1AiNKkur5mbkDqdOxtEyL71hlIWEAbGo0IGnJSHREZAHoN8uX2+VN\nggx0V4ay0Yuv9kI9AhUA7O/mwgvNe5Df6s2LhgIbdqp7AssCgYA2g93rFxN6dxyk\ncU0uPcu8kVTELX5ushjXgLakm73awRsJusR514+KL1rezE57yvdqcLMN/VxI+1p4\npWnL+i+jDDs2J/B1Rr1BN4TUgZgUlhScEuejvN9+mnyrQnhaEqdkALeHdu6HL8/E\nOb+limISm2eqrFZ88oj1KLZBpOLO1AQWAhRL9mrj5WLapGfgHXMyRYm0CxduBQ==\n-----END PRIVATE KEY-----\n",
  dh1: "-----BEGIN PRIVATE KEY-----\nMIIBPgIBADCCARcGCSqGSIb3DQEDATCCAQgCggEBAP//////////yQ/aoiFowjTE\nxmKLgNwc0SkCTgiKZ8x0Agu+pjsTmyJRSgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP\n4TVtbVHCReSFtXZiXn7G9ExC6aY37WsL/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJ\nKGZR7ORbPcIAfLihY78FmNpINhxV05ppFj+o/STPX4NlXSPco62WHGLzViCFUrue\n1SkHcJaWbWcMNU5KvJgE8XRsCMoYIXwykF5GLjbOO+OedywYDoYDmyeDouwHoo+1\nxV3wb0xSyd4ry/aVWBcYOZVJfOqVauUV0iYYmPoFEBVyjlqKrKpo//////////8C\nAQIEHgIcJp6HLA7xD1m7CrLy9pHj4I8v2dR3X/D+N7lfOg==\n-----END PRIVATE KEY-----\n",
  dh2pub: "-----BEGIN PUBLIC KEY-----\nMIICJTCCARcGCSqGSIb3DQEDATCCAQgCggEBAP//////////yQ/aoiFowjTExmKL\ngNwc0SkCTgiKZ8x0Agu+pjsTmyJRSgh5jjQE3e+VGbPNOkMbMCsKbfJfFDdP4TVt\nbVHCReSFtXZiXn7G9ExC6aY37WsL/1y29Aa37e44a/taiZ+lrp8kEXxLH+ZJKGZR\n7ORbPcIAfLihY78FmNpINhxV05ppFj+o/STPX4NlXSPco62WHGLzViCFUrue1SkH\ncJaWbWcMNU5KvJgE8XRsCMoYIXwykF5GLjbOO+OedywYDoYDmyeDouwHoo+1xV3w\nb0xSyd4ry/aVWBcYOZVJfOqVauUV0iYYmPoFEBVyjlqKrKpo//////////8CAQID\nggEGAAKCAQEA7GEqa+yKkvluPL5oDy80oD2bS3CoFr3tAqbhYkuFpG9zSuNKe25e\ndtpIeA+yTQgsr+AwbJOxM8lIY3D/PqMdpYaMLLKBcWoSI+WEHN7ZnPfeIwimd5WD\nrjvThiOYT0/0juRYswrS9l9Zo77R88ZLQ28AToCfdel+veF+s3WDIxkT4YX3SxZF\n1fOrM5Sj8pbrhXHXqqbVZugCCxma/plNrzwz10SDFVDSrA5h7s/goLh0y3sg4IoX\nqdWDTw0XsZHfN7/Gqb9ux8WKbYX3r3PxLKx6GqlfcdMN3J6GtEZiqry9I04EUJCm\nlduCHIac3+p08E0Hs2e3a+skxUwV2digdQ==\n-----END PUBLIC KEY-----\n",
  k1: "-----BEGIN EC PRIVATE KEY-----\nMHQCAQEEIK4p/XRU/dEf+AL4Abga9nhf+Xds/UU19xOQI3qCojeboAcGBSuBBAAK\noUQDQgAEJLSisGDhKzOAi46w/5YAH1t4boiMGkNI1xhldV8+NKfFjwDdtDnKQnZy\nUK8+ky7Cio+jRmmxMWzwOTqlmuJhVQ==\n-----END EC PRIVATE KEY-----\n",
  k2pub: "-----BEGIN PUBLIC KEY-----\nMFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEk4OwDftlh3M4Y8RvEcERX96TIzLtjqWl\nbe/J+8AYNvvhLxLM15xkENWUbKDyN6f9b5fHDSLQ73SRK4ZWablHFQ==\n-----END PUBLIC KEY-----\n",
  ed448: "-----BEGIN PRIVATE KEY-----\nMEcCAQAwBQYDK2VxBDsEOQko+zoPcsohCT+UsKGU4LgUGu09XSwmir0fdjMxX/U8\n9u1mmSccpBm8iA64GQWb7IU3MOBSFOKuww==\n-----END PRIVATE KEY-----\n",
  x448: "-----BEGIN PRIVATE KEY-----\nMEYCAQAwBQYDK2VvBDoEOOCF8fvnBL14HMVB5pE5eJ+p+wYFlo408EPvcy3eml26\nNyjEpW3Z9ye2OBCidnMvvweAJ8pnFZC4\n-----END PRIVATE KEY-----\n",
  x448b: "-----BEGIN PUBLIC KEY-----\nMEIwBQYDK2VvAzkAPT9lWF3cBxUsDQxhY3roJLMiSxpUduqIwXv4kVnM1pLTV54c\nvgpQt8tWhh7QBQUtgMupt23ORFM=\n-----END PUBLIC KEY-----\n",
};
const SIG = {
  k1: "3046022100d5cc17fca8c2a1e35abf53e6873f4459d10a564ac5596a0bccccca8d291c9ea9022100c075330934cc50b73d8f96df3060ac90ce890605a65087de0d924edef3f05bc3",
  dsa: "302d02150084df623f3d6b1e201b8a21e1346aa540cf9198e602142060153ce7c69e1eb8c955331f77bdeea991b529",
  pss: "958e49b1d7e135b2444616dcd1211c9ba91327b73d3e6aca48729215a7d1284a740d9370221243e2814674187072742f7c07fc0d3de389fa35993671a87339f425bb701b67b681c3932c94687e3e947e4356bc79fdeaec7969e9dedc9ef85c973738b2c2d1760c04aaa44b5b18bd96b0fcbefbb1ca16e946dcc315bf2f4e2e05",
};
const msg = Buffer.from('kiln');

// ---- every key: type, details, DER round trips ----------------------------------------
for (const [name, pem] of Object.entries(PEM)) {
  const isPublic = pem.includes('PUBLIC');
  const key = isPublic ? crypto.createPublicKey(pem) : crypto.createPrivateKey(pem);
  const pub = crypto.createPublicKey(pem);
  log(`${name} type`, () => [key.type, key.asymmetricKeyType, key.asymmetricKeyDetails]);
  log(`${name} spki`, () => pub.export({ type: 'spki', format: 'der' }));
  log(`${name} spki pem`, () => pub.export({ type: 'spki', format: 'pem' }));
  log(`${name} jwk`, () => pub.export({ format: 'jwk' }));
  if (!isPublic) {
    log(`${name} pkcs8`, () => key.export({ type: 'pkcs8', format: 'der' }));
    const again = crypto.createPrivateKey({ key: key.export({ type: 'pkcs8', format: 'der' }),
                                            format: 'der', type: 'pkcs8' });
    log(`${name} pkcs8 round trip`, () => again.equals(key));
    const enc = key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' });
    log(`${name} encrypted round trip`, () =>
      crypto.createPrivateKey({ key: enc, passphrase: 'pw' }).equals(key));
    // Refused with bad decrypt, or (1 time in ~256: the IV is random and the
    // garbage's CBC padding happens to be valid) unsupported, in both runtimes.
    log(`${name} wrong passphrase refused`, () => {
      try {
        crypto.createPrivateKey({ key: enc, passphrase: 'px' });
        return 'accepted';
      } catch (e) {
        return ['ERR_OSSL_BAD_DECRYPT', 'ERR_OSSL_UNSUPPORTED'].includes(e.code) || e.code;
      }
    });
  }
}

// ---- RSA-PSS ------------------------------------------------------------------------------
{
  const priv = crypto.createPrivateKey(PEM.pss);
  const pub = crypto.createPublicKey(PEM.pss);
  log('pss verify node sig', () => crypto.verify('sha256', msg, pub, Buffer.from(SIG.pss, 'hex')));
  log('pss sign+verify', () => crypto.verify(null, msg, pub, crypto.sign(null, msg, priv)));
  log('pss salt 32 verify', () => crypto.verify('sha256', msg, { key: pub, saltLength: 32 },
                                               crypto.sign('sha256', msg, { key: priv, saltLength: 32 })));
  log('pss wrong digest', () => crypto.sign('sha1', msg, priv));
  log('pss salt too small', () => crypto.sign('sha1', msg, { key: priv, saltLength: 8 }));
  log('pss createSign digest', () => crypto.createSign('sha512').update(msg).sign(priv));
  log('pss pkcs1 padding', () => crypto.sign('sha256', msg, { key: priv, padding: crypto.constants.RSA_PKCS1_PADDING }));
  log('pss encrypt', () => crypto.publicEncrypt(pub, msg));
  log('pss pkcs1 export', () => pub.export({ type: 'pkcs1', format: 'pem' }));
  const plain = crypto.createPrivateKey(PEM.pssPlain);
  log('pss plain sign+verify', () => crypto.verify('sha384', msg, crypto.createPublicKey(PEM.pssPlain),
                                                  crypto.sign('sha384', msg, plain)));
  for (const options of [{ saltLength: 5 }, { hashAlgorithm: 'sha512' }, { mgf1HashAlgorithm: 'sha256' },
                         { hashAlgorithm: 'sha2' }, { mgf1HashAlgorithm: 'md55' }, { saltLength: -1 },
                         { hash: 'sha256', hashAlgorithm: 'sha384' }]) {
    log(`pss keygen ${JSON.stringify(options)}`, () =>
      crypto.generateKeyPairSync('rsa-pss', { modulusLength: 512, ...options }).publicKey.asymmetricKeyDetails);
  }
  log('rsa 513 bits', () => crypto.generateKeyPairSync('rsa', { modulusLength: 513 }).privateKey.asymmetricKeyDetails);
}

// ---- DSA ------------------------------------------------------------------------------------
{
  const priv = crypto.createPrivateKey(PEM.dsa);
  const pub = crypto.createPublicKey(PEM.dsa);
  log('dsa verify node sig', () => crypto.verify('sha256', msg, pub, Buffer.from(SIG.dsa, 'hex')));
  log('dsa sign+verify', () => crypto.verify('sha1', msg, pub, crypto.sign('sha1', msg, priv)));
  log('dsa p1363 length', () => crypto.sign(null, msg, { key: priv, dsaEncoding: 'ieee-p1363' }).length);
  log('dsa p1363 verify', () => crypto.verify(null, msg, { key: pub, dsaEncoding: 'ieee-p1363' },
                                             crypto.sign(null, msg, { key: priv, dsaEncoding: 'ieee-p1363' })));
  log('dsa DSS1', () => crypto.createVerify('DSS1').update(msg).verify(pub,
    crypto.createSign('dss1').update(msg).sign(priv)));
  log('dsa keygen', () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 })
    .publicKey.asymmetricKeyDetails);
  for (const [modulusLength, divisorLength] of [[1025, 160], [1000, undefined], [1024, 0], [768, 160], [1024, 200]]) {
    log(`dsa keygen ${modulusLength}/${divisorLength}`, () =>
      crypto.generateKeyPairSync('dsa', { modulusLength, divisorLength }).publicKey.asymmetricKeyDetails);
  }
  log('dsa keygen jwk', () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024, publicKeyEncoding: { format: 'jwk' } }));
  log('dsa keygen bad divisor', () => crypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 1.5 }));
}

// ---- DH -------------------------------------------------------------------------------------
{
  const priv = crypto.createPrivateKey(PEM.dh1);
  const peer = crypto.createPublicKey(PEM.dh2pub);
  log('dh secret', () => crypto.diffieHellman({ privateKey: priv, publicKey: peer }));
  const a = crypto.generateKeyPairSync('dh', { group: 'modp14' });
  const b = crypto.generateKeyPairSync('dh', { prime: crypto.getDiffieHellman('modp14').getPrime() });
  log('dh agree', () => crypto.diffieHellman({ privateKey: a.privateKey, publicKey: b.publicKey })
    .equals(crypto.diffieHellman({ privateKey: b.privateKey, publicKey: a.publicKey })));
  log('dh mismatch', () => crypto.diffieHellman({
    privateKey: a.privateKey, publicKey: crypto.generateKeyPairSync('dh', { group: 'modp5' }).publicKey }));
  for (const options of [{}, { group: 'modp0' }, { primeLength: 256 }, { group: 'modp5', prime: Buffer.alloc(1) },
                         { primeLength: -1 }, { prime: Buffer.from('ff', 'hex') }]) {
    log(`dh keygen ${JSON.stringify(options)}`, () => crypto.generateKeyPairSync('dh', options).publicKey.asymmetricKeyType);
  }
  log('dh sign', () => crypto.sign(null, msg, priv));
  log('x448 sign', () => crypto.sign(null, msg, crypto.createPrivateKey(PEM.x448)));
}

// ---- secp256k1 --------------------------------------------------------------------------------
{
  const priv = crypto.createPrivateKey(PEM.k1);
  const pub = crypto.createPublicKey(PEM.k1);
  log('k1 sec1', () => priv.export({ type: 'sec1', format: 'der' }));
  log('k1 jwk private', () => priv.export({ format: 'jwk' }));
  log('k1 verify node sig', () => crypto.verify('sha256', msg, pub, Buffer.from(SIG.k1, 'hex')));
  log('k1 sign+verify', () => crypto.verify('sha256', msg, pub, crypto.sign('sha256', msg, priv)));
  log('k1 ecdh', () => crypto.diffieHellman({ privateKey: priv, publicKey: crypto.createPublicKey(PEM.k2pub) }));
  log('k1 from jwk', () => crypto.createPrivateKey({ key: priv.export({ format: 'jwk' }), format: 'jwk' }).equals(priv));
  const ecdh = crypto.createECDH('secp256k1');
  ecdh.setPrivateKey('cafebabe'.repeat(8), 'hex');
  log('k1 createECDH', () => [ecdh.getPublicKey('hex'), ecdh.getPublicKey('hex', 'compressed')]);
  const peer = crypto.createPublicKey(PEM.k2pub).export({ format: 'jwk' });
  log('k1 ECDH secret', () => ecdh.computeSecret(Buffer.concat([
    Buffer.from([4]), Buffer.from(peer.x, 'base64url'), Buffer.from(peer.y, 'base64url')])));
  log('k1 vs p256', () => crypto.diffieHellman({
    privateKey: priv, publicKey: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey }));
  log('curves', () => crypto.getCurves().includes('secp256k1'));
}

// ---- Ed448 / X448 ------------------------------------------------------------------------------
{
  // RFC 8032 7.4, "1 octet".
  const hex = (h) => Buffer.from(h, 'hex').toString('base64url');
  const priv = crypto.createPrivateKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed448',
    d: hex('c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e'),
    x: hex('43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480') } });
  log('ed448 jwk without x', () => crypto.createPrivateKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed448', d: 'AA' } }));
  log('ed448 jwk wrong x', () => crypto.createPrivateKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed448',
    d: hex('c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e'),
    x: hex('00'.repeat(57)) } }));
  log('ed448 rfc8032 public', () => crypto.createPublicKey(priv).export({ format: 'jwk' }).x);
  log('ed448 rfc8032 sig', () => crypto.sign(null, Buffer.from('03', 'hex'), priv));
  const fixed = crypto.createPrivateKey(PEM.ed448);
  log('ed448 sig', () => crypto.sign(null, msg, fixed));
  log('ed448 verify', () => crypto.verify(null, msg, crypto.createPublicKey(PEM.ed448), crypto.sign(null, msg, fixed)));
  log('ed448 verify bad', () => crypto.verify(null, Buffer.from('x'), crypto.createPublicKey(PEM.ed448),
                                             crypto.sign(null, msg, fixed)));
  log('ed448 digest', () => crypto.sign('sha256', msg, fixed));
  log('ed448 createSign', () => crypto.createSign('sha256').update(msg).sign(fixed));
  // RFC 7748 6.2.
  const alice = crypto.createPrivateKey({ format: 'jwk', key: { kty: 'OKP', crv: 'X448',
    d: hex('9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b'),
    x: hex('9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0') } });
  const bobPub = crypto.createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'X448',
    x: hex('3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609') } });
  log('x448 rfc7748', () => crypto.diffieHellman({ privateKey: alice, publicKey: bobPub }));
  log('x448 fixed', () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(PEM.x448),
                                                  publicKey: crypto.createPublicKey(PEM.x448b) }));
  log('x448 vs x25519', () => crypto.diffieHellman({ privateKey: alice,
    publicKey: crypto.generateKeyPairSync('x25519').publicKey }));
  for (const t of ['ed448', 'x448']) {
    const pair = crypto.generateKeyPairSync(t, { publicKeyEncoding: { format: 'jwk' } });
    log(`${t} keygen`, () => [pair.publicKey.crv, Buffer.from(pair.publicKey.x, 'base64url').length,
                             pair.privateKey.asymmetricKeyType]);
  }
}
