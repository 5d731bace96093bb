'use strict';
// Known-answer tests from the standards, one per primitive the crypto
// module offers (the other crypto_*_test.js files check the first vectors
// and compare everything else with node): FIPS 180-4 multi-block messages,
// RFC 1321, RFC 2202/4231 HMAC, SP 800-38A/38D AES with 192- and 256-bit
// keys and AAD, RFC 3394 key wrap, RFC 8439 ChaCha20, RFC 7914 PBKDF2 and
// scrypt, RFC 5869 HKDF without salt, RFC 8032 Ed25519, RFC 6979 ECDSA
// P-256, and the same through Web Crypto. Prints "ok"/"FAIL" per vector.

const crypto = require('crypto');

const hex = (s) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
function check(name, actual, expected) {
  const a = Buffer.isBuffer(actual) || actual instanceof ArrayBuffer ? Buffer.from(actual).toString('hex') : actual;
  const e = expected.replace(/\s+/g, '');
  console.log(a === e ? 'ok' : 'FAIL', name, a === e ? '' : a);
}
const digest = (alg, data) => crypto.createHash(alg).update(data).digest();
const cipher = (alg, key, iv, data, aad) => {
  const c = crypto.createCipheriv(alg, key, iv);
  if (aad) c.setAAD(aad);
  const out = Buffer.concat([c.update(data), c.final()]);
  return aad !== undefined ? [out, c.getAuthTag()] : out;
};

// ---- FIPS 180-4 (two-block messages and the empty string) ----
const m448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const m896 = 'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
check('sha1 448', digest('sha1', m448), '84983e441c3bd26ebaae4aa1f95129e5e54670f1');
check('sha224 448', digest('sha224', m448), '75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525');
check('sha256 448', digest('sha256', m448), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
check('sha384 896', digest('sha384', m896),
      '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039');
check('sha512 896', digest('sha512', m896),
      '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909');
check('sha256 empty', digest('sha256', ''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
check('sha512-256 empty', digest('sha512-256', ''), 'c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a');
// ---- RFC 1321 ----
check('md5 empty', digest('md5', ''), 'd41d8cd98f00b204e9800998ecf8427e');
check('md5 message digest', digest('md5', 'message digest'), 'f96b697d7cb7938d525a2f31aaf161d0');
check('md5 alphabet', digest('md5', 'abcdefghijklmnopqrstuvwxyz'), 'c3fcd3d76192e4007dfb496cca67e13b');

// ---- HMAC: RFC 2202 and RFC 4231 ----
const hmac = (alg, key, data) => crypto.createHmac(alg, key).update(data).digest();
check('hmac-md5 rfc2202 #2', hmac('md5', 'Jefe', 'what do ya want for nothing?'), '750c783e6ab0b503eaa86e310a5db738');
check('hmac-sha1 rfc2202 #1', hmac('sha1', Buffer.alloc(20, 0x0b), 'Hi There'), 'b617318655057264e28bc0b6fb378c8ef146be00');
check('hmac-sha1 rfc2202 #3', hmac('sha1', Buffer.alloc(20, 0xaa), Buffer.alloc(50, 0xdd)),
      '125d7342b9ac11cd91a39af48aa17b4f63f175d3');
check('hmac-sha224 rfc4231 #2', hmac('sha224', 'Jefe', 'what do ya want for nothing?'),
      'a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44');
check('hmac-sha384 rfc4231 #1', hmac('sha384', Buffer.alloc(20, 0x0b), 'Hi There'),
      'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6');
// Test case 6: a key longer than the block size is hashed first.
check('hmac-sha256 rfc4231 #6', hmac('sha256', Buffer.alloc(131, 0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First'),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');

// ---- AES: SP 800-38A (F.2.3, F.2.5, F.5.5) ----
const pt = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
const k192 = hex('8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b');
const k256 = hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const iv = hex('000102030405060708090a0b0c0d0e0f');
{
  const c = crypto.createCipheriv('aes-192-cbc', k192, iv);
  c.setAutoPadding(false);
  check('aes-192-cbc F.2.3', Buffer.concat([c.update(pt), c.final()]),
        '4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a');
}
{
  const c = crypto.createCipheriv('aes-256-cbc', k256, iv);
  c.setAutoPadding(false);
  check('aes-256-cbc F.2.5', Buffer.concat([c.update(pt), c.final()]),
        'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d');
}
check('aes-256-ctr F.5.5', cipher('aes-256-ctr', k256, hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), pt),
      '601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5');
check('aes-128-ecb F.1.1', cipher('aes-128-ecb', hex('2b7e151628aed2a6abf7158809cf4f3c'), null, pt).subarray(0, 32),
      '3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf');

// ---- AES-GCM: the GCM spec's test cases 2, 4 and 16 ----
check('aes-128-gcm tc2', Buffer.concat(cipher('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12), Buffer.alloc(16), Buffer.alloc(0))),
      '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf');
{
  const p = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
                '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
  const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const [ct4, tag4] = cipher('aes-128-gcm', hex('feffe9928665731c6d6a8f9467308308'), hex('cafebabefacedbaddecaf888'), p, aad);
  check('aes-128-gcm tc4', ct4, '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
        '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091');
  check('aes-128-gcm tc4 tag', tag4, '5bc94fbc3221a5db94fae95ae7121a47');
  const [ct16, tag16] = cipher('aes-256-gcm', hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
                               hex('cafebabefacedbaddecaf888'), p, aad);
  check('aes-256-gcm tc16', ct16, '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
        '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662');
  check('aes-256-gcm tc16 tag', tag16, '76fc6ece0f4e1768cddf8853bb2d551b');
  const d = crypto.createDecipheriv('aes-256-gcm', hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
                                    hex('cafebabefacedbaddecaf888'));
  d.setAAD(aad);
  d.setAuthTag(tag16);
  check('aes-256-gcm tc16 decrypt', Buffer.concat([d.update(ct16), d.final()]), p.toString('hex'));
}

// ---- RFC 3394 4.1 key wrap ----
check('aes-128 wrap rfc3394', cipher('id-aes128-wrap', hex('000102030405060708090a0b0c0d0e0f'), hex('a6a6a6a6a6a6a6a6'),
                                     hex('00112233445566778899aabbccddeeff')),
      '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5');

// ---- RFC 8439 2.4.2: ChaCha20 (Node's IV is the 32-bit counter, then the nonce) ----
check('chacha20 rfc8439', cipher('chacha20', hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'),
                                 hex('01000000000000000000004a00000000'),
                                 "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, " +
                                 'sunscreen would be it.').subarray(0, 32),
      '6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b');

// ---- KDFs: RFC 7914 section 11 and 12, RFC 5869 A.3 ----
check('pbkdf2-sha256 rfc7914', crypto.pbkdf2Sync('passwd', 'salt', 1, 64, 'sha256'),
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
      '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783');
check('pbkdf2-sha1 rfc6070 #4096', crypto.pbkdf2Sync('password', 'salt', 4096, 20, 'sha1'),
      '4b007901b765489abead49d926f721d065a429c1');
check('scrypt rfc7914 #1', crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }),
      '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442' +
      'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906');
check('hkdf rfc5869 A.3', Buffer.from(crypto.hkdfSync('sha256', Buffer.alloc(22, 0x0b), Buffer.alloc(0), Buffer.alloc(0), 42)),
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');

// ---- signatures: RFC 8032 7.1 test 2, RFC 6979 A.2.5 ----
{
  const d = hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
  const x = hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
  const priv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: d.toString('base64url'), x: x.toString('base64url') },
                                         format: 'jwk' });
  const sig = crypto.sign(null, hex('72'), priv);
  check('ed25519 rfc8032 #2', sig, '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
        '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00');
  check('ed25519 public', crypto.createPublicKey(priv).export({ format: 'jwk' }).x, x.toString('base64url'));
}
{
  const pub = crypto.createPublicKey({ key: { kty: 'EC', crv: 'P-256',
    x: hex('60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6').toString('base64url'),
    y: hex('7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299').toString('base64url') }, format: 'jwk' });
  const sig = hex('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' +
                  'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8');
  check('ecdsa p-256 rfc6979 verify', String(crypto.verify('sha256', Buffer.from('sample'), { key: pub, dsaEncoding: 'ieee-p1363' }, sig)), 'true');
  check('ecdsa p-256 rfc6979 other message', String(crypto.verify('sha256', Buffer.from('test'), { key: pub, dsaEncoding: 'ieee-p1363' }, sig)), 'false');
}

// ---- the same vectors through Web Crypto ----
(async () => {
  const { subtle } = crypto.webcrypto;
  check('subtle SHA-384', await subtle.digest('SHA-384', Buffer.from(m896)),
        '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039');
  const hk = await subtle.importKey('raw', Buffer.alloc(131, 0xaa), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  check('subtle HMAC rfc4231 #6', await subtle.sign('HMAC', hk, Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First')),
        '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  const gk = await subtle.importKey('raw', hex('feffe9928665731c6d6a8f9467308308'), 'AES-GCM', false, ['encrypt']);
  check('subtle AES-GCM tc3', await subtle.encrypt({ name: 'AES-GCM', iv: hex('cafebabefacedbaddecaf888') }, gk,
                                                    hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
                                                        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255')),
        '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
        '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985' + '4d5c2af327cd64a62cf35abd2ba6fab4');
  const ck = await subtle.importKey('raw', k256, 'AES-CBC', false, ['encrypt']);
  check('subtle AES-CBC F.2.5', Buffer.from(await subtle.encrypt({ name: 'AES-CBC', iv }, ck, pt)).subarray(0, 32),
        'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d');
  const pk = await subtle.importKey('raw', Buffer.from('passwd'), 'PBKDF2', false, ['deriveBits']);
  check('subtle PBKDF2 rfc7914', await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: Buffer.from('salt'), iterations: 1 }, pk, 512),
        '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc' +
        '49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783');
  const kk = await subtle.importKey('raw', Buffer.alloc(22, 0x0b), 'HKDF', false, ['deriveBits']);
  check('subtle HKDF rfc5869 A.1', await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: hex('000102030405060708090a0b0c'),
                                                           info: hex('f0f1f2f3f4f5f6f7f8f9') }, kk, 336),
        '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  const ek = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256',
    x: hex('60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6').toString('base64url'),
    y: hex('7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299').toString('base64url') },
  { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  check('subtle ECDSA rfc6979', String(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ek,
                                                           hex('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716' +
                                                               'f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8'),
                                                           Buffer.from('sample'))), 'true');
})();
