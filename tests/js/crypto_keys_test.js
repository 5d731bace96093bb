'use strict';
// Differential test of keys and signatures with fixed keys: PEM/DER/JWK
// import and export, KeyObject properties, RSA PKCS#1 v1.5 and Ed25519
// signatures (deterministic, so printed), PSS and ECDSA (randomized: verified),
// RSA-OAEP decryption of ciphertexts node made, ECDH/X25519 agreement, the
// RFC 8032 and RFC 7748 vectors, key generation shapes, and Node's errors.

const crypto = require('crypto');
const { show } = require('./crypto_test_helpers');

function check(name, actual, expected) {
  console.log(actual === expected ? 'ok' : 'FAIL', name, actual === expected ? '' : actual);
}

const PEM = {
  rsa: "-----BEGIN PRIVATE KEY-----\nMIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMR5ISA8TAzJJ4be\nV6uhRz3CufFXFfp7tYowecU4iXL8hP27CMXhDOaNWwOFURG8Wb2JVQG4PicPN8I5\nsuG1td5mJobnPE3iCb8SZ6J/hd83uDhN+fCjLwiqK5MEW6g6xtnUEctqXQZViYjY\nP/J80O2f8F4EU8GiytQfpdoJLoCFAgMBAAECgYEAw1uiOZhbEjeNywgYansiCGIw\nW635F6icmXycCCOwYBqA7n5kOcYN+s1BW13bf2QmY1VDpkMZ4eK60bBnkxEIdQzJ\nIic1ejjK+kZJUGRyPrJqHwuxUBn9eFTePnT76hVyY2jmO8G8lMx1Y7JXCuakfDVX\n535LC2gKGLxX2ahzb30CQQD0GSp8dgQUMW+3NLQH6lAS1Y4EJduNSMTlnaGDgi3D\nlo1/l1TROFYJbyZUoSWqBptwrZ5BSGdg7OOHnkMVH6MHAkEAzg2BsHKhIiJDdrMy\nrLHbUJ04L6fLG2KksrB6OcMV8icHCcWNw78XhqoQlSd4ph4x4p+Sciydw514Y2K2\nAcKhEwJBAMelNayqUde6P2cWwhCfQnLFG+ykkhfSZshuzsVi2c9Y+c5bldGxRB1f\nPXiGfOm9kbDtL7yxXWxXFBm+BZvnTk0CQGOMJvHGD47cGtfH7117d8dUjYaIfBm4\n6HTjyckKNRoOPNo9tSWytnz6wJQuw50NzW/9Q9UhNP8Cntz1HZVwID0CQHoaNn6C\nM8gZNXx/JOOT0oGOw0eEBDr51ZHdZc99R76EsjBHLrdXDsThwUAGfQIAzmE5zBS3\nFcywMVNNcRp8A9w=\n-----END PRIVATE KEY-----\n",
  ecSec1: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKrwquo6dGFUFeuIt7xEujmUJh8HvYAoH2R7wXJr10maoAoGCCqGSM49\nAwEHoUQDQgAEedcXR8gdnmEvyI25M/Y4QO0WD85FEwNapPUqXKyaIACEDg6q1yDE\ndn/Nm1D2m1US87pZmkivPW2nnyX/TMv43Q==\n-----END EC PRIVATE KEY-----\n",
  ec2: "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3U+5PCGz7B8H25/F\nApmODL8OH83w3GD42B8zIwf0OLqhRANCAAQb3yi3xic9/JGuL+nn1nEUsvmEfeZ9\nFiyBVidq2Vkb86CtYMlLn1fPXYx6RoubSvDRnCKwnHp5NW8kGU2o5ekA\n-----END PRIVATE KEY-----\n",
  ed: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIF7nDqQG+8xFjzGtn20DfGOmwroJOYJma2+ogrsA7NWu\n-----END PRIVATE KEY-----\n",
  x: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIPBmybIXraLpN3n9DXajgbQ6IJzCDaf/Mks46ML9Qqly\n-----END PRIVATE KEY-----\n",
  x2Public: "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEAr0nB8ak+5npgIznhgrez4EZIkowA3S2VUSHIW5wKDx4=\n-----END PUBLIC KEY-----\n",
  rsaEncrypted: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIC3TBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIUWhITcltC+ACAggA\nMAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBANv9q0JkLZHv9N55eshSMgBIIC\ngBFPROf37GGQTpO4z1Znl4COOjUjqnF+ZARYXhJPoUL+OqYy+ga9SmhiRsfSVQXK\nzpP8uynx813usGX8N7Ef8zuCMwhVGI0wxkr+mM3rQMEmzhpwA+ZjEUhZ7hLhLAvq\nWQPu3KXLaXi2W3tcHJTAMN3X6lQhrDn3UtPiBSKocghboMM2LpKhoigVU7ebXT1r\np9AZqgiFltdL2Kn5GI0i3nFZ3zOubkAuFWloH20j8NJuc23oH+sF53VLQWnPTrCr\nr6h8u3EnBkMyiQeupRI0WqNDI2155gm/Cjmk/xiyHN8qMCf9dpenfrnqO45rQT0q\nEpO0FJILbNbbL1O1vNx7k2QR6Trh7axeCxvTKsPDhAkSI5EOsJU0yM9TM0IL8cvQ\nrfRYK4V6KENaD2qmpNWlaQHnvhZn1hDSsvwo7+hMhp7foV9R2MY0fx3n/8lz9AVq\n8HgJI4Qkp3T2zZglh1gwVZc/9iFoSHeJ52jXphOjhnsWRCR/y2ZQZoFDSock1g8F\nR5vJ0rJvtjK9ybALgj3h5use6AFhhqGpxi/leqeCgYEsqW2oZya/NYT59NxLaViD\n10KwR1q/Uo+rh4q2MIVoO2bh1aq4/jrV+CfwKxF+APQqirUidatIGapp4+TtgVg/\n+coP+wuf+c4yPs1vI8RmWlGK2MbSHriRYt8sGobQz56tEu8Yv/9hyrkhc42j3X1+\nJh9lZltLDEMSfjOSU1rITdGbSjzSdR2E63KXKt/riLAWaOHMfoWFe0b1lQtZskVM\nJQ5zq7x5TbP2Tk28pIeEElAOqEaqsea6j06BYtjNDpN4pSBKfvFrXPcqdBUP2D1X\nj25CsgbZ9sis2zlHyAO8jSs=\n-----END ENCRYPTED PRIVATE KEY-----\n",
  rsaPkcs1Encrypted: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,841525F381E53502CDABB7408CFA5F3B\n\ntuBHuy0EXD1g+dtD+QvZHS8kn43EkpsD0YU24g3MfsmDv4zYoEDs1NAFqeY1eFYo\nkOXzbSDKnSvrwMwL6CKU5zsyT4fDO82BNI7o45UfweR5UJZTbGH4UjA/TALhE02q\nwe8u9SGhnhkjeSB7dK0Atn4oBH1CVazf6b/cGys15xdStFdxndlh/1sEZsSvB/lg\nOyR27FFSCg/QXs8abp0HMDCv6tF+wbPSlfEn4P+NUMtCy6UwMKgxWj+Arjx9zJzr\nzKbcMHDSzTLqabctGgdPrwuHLyA1KoWWM9qOlBix3HOjY6HnehDXC2wNG6aOVEB6\nmWN/zcpFT/ljm0qUKtnzrOxOkufKWvSoKgwf62m4SGW0fgalARMM6whzWCerbYDG\nMFW/BnEijnKtXusprik+bCU6eU/56+sHlCtXIJ8/EClNISfWJt3XRETuR6by6jpE\n4HrsifFioyemV6bmnkJ73Jcrz/qG2SP5VDqp6s966anGKemjMyJcps2hMz+oBrUH\n2li0ypxYZjfQwzG6NriUcF8k6Lg8BNgDfVcMBI/fwPILm6jJrfNbOBhEQy6j7uGr\n00BY8V88LDvV0DuRcBLLPLfTZ/rB+5GqzpSYNIk6Mu4WFhWZOCKuWgTDqLzy65wk\nN3J38Em3OE+6oAPUYyHKrIKLoSqQc76zdNOoM0S3s+OvJnjTyPhkR5O1jKOngy1S\nyT3fwBu0Of2xU6h9LjMK/5mPThSRsas5SqDp809eTNxWpWZmY6zL9aI+1bTveZ2I\nsqyR1fFlqgGrgE80UZSov2iDeXOrEDb9EHxSiQEYTE+OQWgUKegZwcr1w41m0dyh\n-----END RSA PRIVATE KEY-----\n",
};
const OAEP = "BPCdLp7uv2K6vYgb+/HQQzmA4hmFUQqXIl3oDn5MXNdt7SxOTuyUuyR/xIVxoX79+Gk9/Cyaxo5pakgyXO3f3KvT7I59zeosN0NzEx4Fkdek1hiypd30zTTc5MnQVizKmNN1IMw/jyZHCZlf4jOaJpqALKJjaqqp62GZNivJyVY=";
const OAEP256 = "JDBddEUIWY6b4OFjZm7gmd85gW0wo04SyLe85dgcOknnueydYxKijQ385H21F8SShrTqjqlnx57EJkiHCTb8Y3ChfKumyas4kpxK3imW0QDQtjz7KE6XaPmI/2f+UhVJUHT2U4hnSDe1b9yYPIHflOevJykNGKxpmJ8612ifbD8=";

// ---- vectors -----------------------------------------------------------------------
{
  // RFC 8032 7.1 test 1: empty message.
  const priv = crypto.createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex').toString('base64url'),
           x: Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex').toString('base64url') },
    format: 'jwk' });
  check('ed25519 rfc8032 #1', crypto.sign(null, Buffer.alloc(0), priv).toString('hex'),
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
}
{
  // RFC 7748 6.1.
  const a = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519',
    d: Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex').toString('base64url'),
    x: Buffer.from('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a', 'hex').toString('base64url') }, format: 'jwk' });
  const b = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519',
    x: Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex').toString('base64url') }, format: 'jwk' });
  check('x25519 rfc7748', crypto.diffieHellman({ privateKey: a, publicKey: b }).toString('hex'),
        '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
}

// ---- import / export -------------------------------------------------------------------
const rsa = crypto.createPrivateKey(PEM.rsa);
const rsaPub = crypto.createPublicKey(PEM.rsa);
const ec = crypto.createPrivateKey(PEM.ecSec1);
const ecPub = crypto.createPublicKey(ec);
const ec2 = crypto.createPrivateKey(PEM.ec2);
const ed = crypto.createPrivateKey(PEM.ed);
const edPub = crypto.createPublicKey(ed);
const x = crypto.createPrivateKey(PEM.x);
const x2 = crypto.createPublicKey(PEM.x2Public);
for (const [name, key] of [['rsa', rsa], ['rsaPub', rsaPub], ['ec', ec], ['ecPub', ecPub], ['ed', ed],
                           ['edPub', edPub], ['x', x], ['x2', x2]]) {
  console.log(name, key.type, key.asymmetricKeyType, show(() => key.asymmetricKeyDetails), show(() => key));
  console.log(' jwk', show(() => key.export({ format: 'jwk' })));
  if (key.type === 'public') {
    console.log(' spki', show(() => key.export({ type: 'spki', format: 'pem' })));
    console.log(' spki der', show(() => key.export({ type: 'spki', format: 'der' }).toString('base64')));
  } else {
    console.log(' pkcs8', show(() => key.export({ type: 'pkcs8', format: 'pem' })));
    console.log(' pkcs8 der', show(() => key.export({ type: 'pkcs8', format: 'der' }).toString('base64')));
  }
}
console.log('pkcs1', show(() => rsa.export({ type: 'pkcs1', format: 'pem' })), show(() => rsaPub.export({ type: 'pkcs1', format: 'der' }).toString('hex')));
console.log('sec1', show(() => ec.export({ type: 'sec1', format: 'pem' })));
console.log('jwk round trip', crypto.createPrivateKey({ key: rsa.export({ format: 'jwk' }), format: 'jwk' }).equals(rsa),
            crypto.createPublicKey({ key: ecPub.export({ format: 'jwk' }), format: 'jwk' }).equals(ecPub),
            crypto.createPrivateKey({ key: ed.export({ format: 'jwk' }), format: 'jwk' }).equals(ed));
console.log('der round trip', crypto.createPrivateKey({ key: rsa.export({ type: 'pkcs1', format: 'der' }), format: 'der', type: 'pkcs1' }).equals(rsa),
            crypto.createPublicKey({ key: rsaPub.export({ type: 'spki', format: 'der' }), format: 'der', type: 'spki' }).equals(rsaPub),
            crypto.createPrivateKey({ key: ec.export({ type: 'sec1', format: 'der' }), format: 'der', type: 'sec1' }).equals(ec));
console.log('encrypted pem', crypto.createPrivateKey({ key: PEM.rsaEncrypted, passphrase: 'top secret' }).equals(rsa),
            crypto.createPrivateKey({ key: PEM.rsaPkcs1Encrypted, passphrase: 'pw' }).equals(rsa));
{
  const enc = rsa.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'abc' });
  console.log('export encrypted', enc.split('\n')[0], crypto.createPrivateKey({ key: enc, passphrase: 'abc' }).equals(rsa));
}
console.log('equals', rsa.equals(rsa), rsa.equals(ec), rsaPub.equals(crypto.createPublicKey(rsa)));
{
  const s = crypto.createSecretKey(Buffer.from('0123456789abcdef'));
  console.log('secret', s.type, s.symmetricKeySize, show(() => s.export()), show(() => s.export({ format: 'jwk' })), show(() => s));
  console.log(s.equals(crypto.createSecretKey('0123456789abcdef', 'utf8')), s.equals(crypto.createSecretKey(Buffer.alloc(16))));
}
console.log('KeyObject', typeof crypto.KeyObject, Object.prototype.toString.call(rsa), rsa instanceof crypto.KeyObject);

// ---- signatures ------------------------------------------------------------------------
const msg = Buffer.from('message to sign');
for (const alg of ['sha1', 'sha256', 'sha384', 'sha512', 'RSA-SHA256']) {
  const sig = crypto.sign(alg, msg, rsa);
  const s2 = crypto.createSign(alg).update(msg).sign(PEM.rsa, 'base64');
  console.log('rsa', alg, sig.toString('base64'), s2 === sig.toString('base64'),
              crypto.verify(alg, msg, rsaPub, sig), crypto.createVerify(alg).update(msg).verify(rsaPub, sig),
              crypto.verify(alg, Buffer.from('other'), rsaPub, sig));
}
{
  const sig = crypto.sign('sha256', msg, { key: rsa, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  console.log('pss', sig.length,
              crypto.verify('sha256', msg, { key: rsaPub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig),
              crypto.verify('sha256', msg, { key: rsaPub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, sig),
              crypto.verify('sha256', msg, rsaPub, sig));
}
for (const dsaEncoding of ['der', 'ieee-p1363']) {
  const sig = crypto.sign('sha256', msg, { key: ec, dsaEncoding });
  const s2 = crypto.createSign('sha256').update(msg).sign({ key: ec, dsaEncoding });
  console.log('ecdsa', dsaEncoding, dsaEncoding === 'der' ? sig[0] : sig.length,
              crypto.verify('sha256', msg, { key: ecPub, dsaEncoding }, sig),
              crypto.createVerify('sha256').update(msg).verify({ key: ecPub, dsaEncoding }, s2));
}
console.log('ed25519', crypto.sign(null, msg, ed).toString('hex'), crypto.verify(null, msg, edPub, crypto.sign(null, msg, ed)));
// Async forms run later, one at a time (pool completions race).
const asyncSteps = [
  (next) => crypto.sign(null, msg, ed, (err, sig) => { console.log('async sign', err, sig.toString('hex').slice(0, 16)); next(); }),
  (next) => crypto.verify('sha256', msg, rsaPub, crypto.sign('sha256', msg, rsa), (err, ok) => { console.log('async verify', err, ok); next(); }),
  (next) => crypto.generateKeyPair('x25519', (err, pub, priv) => { console.log('async gen', err, pub.asymmetricKeyType, priv.type); next(); }),
];
setImmediate(function run(i = 0) {
  if (i < asyncSteps.length) asyncSteps[i](() => run(i + 1));
});

// ---- encryption and agreement ---------------------------------------------------------------
console.log('oaep', show(() => crypto.privateDecrypt(rsa, Buffer.from(OAEP, 'base64')).toString()),
            show(() => crypto.privateDecrypt({ key: rsa, oaepHash: 'sha256', oaepLabel: Buffer.from('L') }, Buffer.from(OAEP256, 'base64')).toString()));
console.log('oaep round trip', crypto.privateDecrypt(rsa, crypto.publicEncrypt(rsaPub, Buffer.from('hi'))).toString());
console.log('private encrypt', crypto.privateEncrypt(rsa, Buffer.from('hello')).toString('base64'),
            crypto.publicDecrypt(rsaPub, crypto.privateEncrypt(rsa, Buffer.from('hello'))).toString());
console.log('ecdh', crypto.diffieHellman({ privateKey: ec, publicKey: crypto.createPublicKey(ec2) }).toString('hex'),
            crypto.diffieHellman({ privateKey: ec2, publicKey: ecPub }).toString('hex'));
console.log('x25519', crypto.diffieHellman({ privateKey: x, publicKey: x2 }).toString('hex'));
{
  const a = crypto.createECDH('prime256v1');
  a.setPrivateKey(Buffer.alloc(32, 1));
  const b = crypto.createECDH('prime256v1');
  b.setPrivateKey(Buffer.alloc(32, 2));
  console.log('ECDH', a.getPublicKey('hex'), a.getPublicKey('base64', 'compressed'), a.getPrivateKey('hex'),
              a.computeSecret(b.getPublicKey()).toString('hex'), b.computeSecret(a.getPublicKey('hex'), 'hex', 'base64'));
  console.log('convertKey', crypto.ECDH.convertKey(a.getPublicKey(), 'prime256v1', null, 'hex', 'compressed'));
}

// ---- key generation (shapes) -------------------------------------------------------------------
{
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 });
  console.log('gen rsa', publicKey.type, privateKey.asymmetricKeyType, show(() => privateKey.asymmetricKeyDetails));
  const pem = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384', publicKeyEncoding: { type: 'spki', format: 'pem' },
                                                 privateKeyEncoding: { type: 'sec1', format: 'pem' } });
  console.log('gen ec pem', pem.publicKey.split('\n')[0], pem.privateKey.split('\n')[0],
              crypto.createPrivateKey(pem.privateKey).asymmetricKeyDetails.namedCurve);
  const e = crypto.generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' } });
  console.log('gen ed25519', e.publicKey.length, e.privateKey.asymmetricKeyType);
  console.log('gen secret', crypto.generateKeySync('hmac', { length: 64 }).symmetricKeySize,
              crypto.generateKeySync('aes', { length: 256 }).symmetricKeySize);
}

// ---- passphrases: empty ones, and none for encrypted DER ---------------------------------------
// A wrong passphrase decrypts to garbage: its CBC padding is wrong (bad
// decrypt), or by chance (1 in ~256, the IV being random) right, and then
// the garbage does not parse (unsupported). Both runtimes do that; what
// matters is that it is refused with one of OpenSSL's two errors.
function wrongPassphrase(pem) {
  try {
    crypto.createPrivateKey({ key: pem, passphrase: 'x' });
    return 'accepted';
  } catch (e) {
    return ['ERR_OSSL_BAD_DECRYPT', 'ERR_OSSL_UNSUPPORTED'].includes(e.code) ? 'refused' : `${e.code}`;
  }
}
for (const [type, key] of [['pkcs1', rsa], ['pkcs8', rsa], ['sec1', ec]]) {
  const pem = key.export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: '' });
  console.log('empty passphrase', type, crypto.createPrivateKey({ key: pem, passphrase: '' }).equals(key),
              crypto.createPrivateKey({ key: pem, passphrase: Buffer.alloc(0) }).equals(key),
              show(() => crypto.createPrivateKey(pem)), wrongPassphrase(pem));
}
{
  const der = ec.export({ type: 'pkcs8', format: 'der', cipher: 'aes-128-cbc', passphrase: 'pw' });
  console.log(show(() => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })),
              show(() => crypto.createPublicKey({ key: der, format: 'der', type: 'pkcs8' })),
              show(() => crypto.sign('sha256', msg, { key: der, format: 'der', type: 'pkcs8' })),
              crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: 'pw' }).equals(ec));
  console.log(show(() => crypto.publicEncrypt({ key: PEM.rsaEncrypted, passphrase: 'wrong' }, Buffer.from('x'))));
}
// Private operations read a public key as such, then fail as OpenSSL does.
{
  const pubPem = rsaPub.export({ type: 'spki', format: 'pem' });
  console.log(show(() => crypto.privateDecrypt(pubPem, Buffer.alloc(128))));
  console.log(show(() => crypto.privateEncrypt(pubPem, Buffer.alloc(12))));
  console.log(show(() => crypto.privateDecrypt({ key: pubPem, oaepHash: 'nope' }, Buffer.alloc(128))));
  console.log(show(() => crypto.publicEncrypt({ key: pubPem, oaepHash: 'nope' }, Buffer.alloc(10))));
  console.log(show(() => crypto.privateDecrypt({ key: 'garbage', padding: 1 }, Buffer.alloc(128))));
}

// ---- errors ---------------------------------------------------------------------------------
console.log(show(() => crypto.createPrivateKey('garbage')));
console.log(show(() => crypto.createPublicKey('garbage')));
console.log(show(() => crypto.createPrivateKey(123)));
console.log(show(() => crypto.createPublicKey(123)));
console.log(show(() => crypto.createSecretKey(123)));
console.log(show(() => crypto.createPublicKey(crypto.createSecretKey(Buffer.alloc(2)))));
console.log(show(() => crypto.createPrivateKey({ key: PEM.rsaEncrypted })));
console.log(show(() => crypto.createPrivateKey({ key: PEM.rsaEncrypted, passphrase: 'wrong' })));
console.log(show(() => crypto.createPublicKey({ key: { kty: 'RSA' }, format: 'jwk' })));
console.log(show(() => crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, format: 'jwk' })));
console.log(show(() => crypto.createPublicKey({ key: 'x', format: 'der' })));
console.log(show(() => rsaPub.export()));
console.log(show(() => rsaPub.export({ format: 'pem' })));
console.log(show(() => rsa.export({ format: 'pem', type: 'sec1' })));
console.log(show(() => rsa.export({ format: 'der', type: 'pkcs8', passphrase: 'x' })));
console.log(show(() => ec.export({ format: 'pem', type: 'pkcs1' })));
console.log(show(() => crypto.sign('sha256', msg, rsaPub)));
console.log(show(() => crypto.sign('nope', msg, rsa)));
console.log(show(() => crypto.createSign('nope')));
console.log(show(() => crypto.createSign('sha256').update('x').sign()));
console.log(show(() => crypto.createSign('sha256').update('x').sign(ed)));
console.log(show(() => crypto.sign('sha256', 123, rsa)));
console.log(show(() => crypto.verify('sha256', msg, rsaPub, 123)));
console.log(show(() => crypto.sign('sha256', msg, { key: rsa, padding: 'x' })));
console.log(show(() => crypto.sign('sha256', msg, { key: ec, dsaEncoding: 'x' })));
console.log(show(() => crypto.verify('sha256', msg, edPub, Buffer.alloc(64))));
console.log(show(() => { const s = crypto.createSign('sha256'); s.update('x'); s.sign(rsa); return s.sign(rsa); }));
console.log(show(() => crypto.privateDecrypt(rsa, Buffer.alloc(128))));
console.log(show(() => crypto.privateDecrypt({ key: rsa, padding: 1 }, Buffer.alloc(128))));
console.log(show(() => crypto.publicEncrypt(rsaPub, Buffer.alloc(200))));
console.log(show(() => crypto.diffieHellman({ privateKey: ec, publicKey: rsaPub })));
console.log(show(() => crypto.diffieHellman({ privateKey: ecPub, publicKey: ecPub })));
console.log(show(() => crypto.createECDH('nope')));
console.log(show(() => crypto.createECDH('prime256v1').getPublicKey()));
console.log(show(() => crypto.createECDH('prime256v1').computeSecret(Buffer.from('0411', 'hex'))));
console.log(show(() => crypto.generateKeyPairSync('rsa', {})));
console.log(show(() => crypto.generateKeyPairSync('foo', {})));
console.log(show(() => crypto.generateKeyPairSync('ec', {})));
console.log(show(() => crypto.generateKeyPairSync('ec', { namedCurve: 'nope' })));
console.log(show(() => crypto.generateKeySync('aes', { length: 64 })));
