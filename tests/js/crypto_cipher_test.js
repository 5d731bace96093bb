'use strict';
// Differential test of symmetric ciphers, key derivation and randomness:
// NIST SP 800-38A/38D, RFC 8439, RFC 6070, RFC 7914 and RFC 5869 vectors
// (checked here), then round trips, streaming, auth tags and Node's errors
// for bad keys, IVs, tags and states. Random output is shown by shape only.

const crypto = require('crypto');

function show(fn) {
  try {
    const v = fn();
    if (Buffer.isBuffer(v)) return `<Buffer ${v.toString('hex')}>`;
    if (v instanceof ArrayBuffer) return `<ArrayBuffer ${Buffer.from(v).toString('hex')}>`;
    return JSON.stringify(v);
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

function check(name, actual, expected) {
  console.log(actual === expected ? 'ok' : 'FAIL', name, actual === expected ? '' : actual);
}

const hex = (s) => Buffer.from(s, 'hex');

function encrypt(alg, key, iv, data, opts) {
  const c = crypto.createCipheriv(alg, key, iv, opts);
  return Buffer.concat([c.update(data), c.final()]);
}

// ---- vectors -------------------------------------------------------------------
const k128 = hex('2b7e151628aed2a6abf7158809cf4f3c');
const pt = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
{
  const c = crypto.createCipheriv('aes-128-cbc', k128, hex('000102030405060708090a0b0c0d0e0f'));
  c.setAutoPadding(false);
  check('aes-128-cbc F.2.1', Buffer.concat([c.update(pt), c.final()]).toString('hex'),
        '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2');
}
check('aes-128-ctr F.5.1', encrypt('aes-128-ctr', k128, hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), pt).toString('hex'),
      '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff');
{
  // GCM test case 3 (McGrew & Viega).
  const key = hex('feffe9928665731c6d6a8f9467308308');
  const iv = hex('cafebabefacedbaddecaf888');
  const p = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
                '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255');
  const c = crypto.createCipheriv('aes-128-gcm', key, iv);
  const ct = Buffer.concat([c.update(p), c.final()]);
  check('aes-128-gcm tc3', ct.toString('hex'),
        '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e' +
        '21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985');
  check('aes-128-gcm tc3 tag', c.getAuthTag().toString('hex'), '4d5c2af327cd64a62cf35abd2ba6fab4');
}
{
  // RFC 8439 2.8.2.
  const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const iv = hex('070000004041424344454647');
  const c = crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });
  c.setAAD(hex('50515253c0c1c2c3c4c5c6c7'));
  const ct = Buffer.concat([c.update("Ladies and Gentlemen of the class of '99: If I could " +
                                     'offer you only one tip for the future, sunscreen would be it.'),
                            c.final()]);
  check('chacha20-poly1305 rfc8439 ct', ct.toString('hex').slice(0, 64),
        'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6');
  check('chacha20-poly1305 rfc8439 tag', c.getAuthTag().toString('hex'),
        '1ae10b594f09e26a7e902ecbd0600691');
}
check('pbkdf2 rfc6070 #2', crypto.pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex'),
      'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
check('scrypt rfc7914 #2', crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'),
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
      '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
check('hkdf rfc5869 #1', Buffer.from(crypto.hkdfSync('sha256', hex('0b'.repeat(22)),
                                                     hex('000102030405060708090a0b0c'),
                                                     hex('f0f1f2f3f4f5f6f7f8f9'), 42)).toString('hex'),
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');

// ---- round trips and streaming ------------------------------------------------------
const key32 = Buffer.alloc(32, 7);
const key24 = Buffer.alloc(24, 7);
const key16 = Buffer.alloc(16, 7);
const iv16 = Buffer.alloc(16, 9);
const iv12 = Buffer.alloc(12, 9);
const data = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(7));
const cases = [
  ['aes-128-cbc', key16, iv16], ['aes-192-cbc', key24, iv16], ['aes-256-cbc', key32, iv16],
  ['aes-128-ctr', key16, iv16], ['aes-256-ctr', key32, iv16], ['aes-128-ecb', key16, null],
  ['aes-256-ofb', key32, iv16], ['aes-128-cfb', key16, iv16], ['aes-256-cfb8', key32, iv16],
  ['aes128', key16, iv16], ['chacha20', key32, iv16], ['des-ede3-cbc', key24, Buffer.alloc(8, 1)],
];
for (const [alg, key, iv] of cases) {
  const ct = encrypt(alg, key, iv, data);
  const d = crypto.createDecipheriv(alg, key, iv);
  // Uneven pieces: streaming must not depend on chunk boundaries.
  const pieces = [d.update(ct.subarray(0, 7)), d.update(ct.subarray(7, 50)), d.update(ct.subarray(50)), d.final()];
  console.log(alg, ct.toString('base64').slice(0, 40), ct.length, Buffer.concat(pieces).equals(data));
}
for (const [alg, key] of [['aes-128-gcm', key16], ['aes-192-gcm', key24], ['aes-256-gcm', key32],
                          ['chacha20-poly1305', key32]]) {
  const c = crypto.createCipheriv(alg, key, iv12);
  c.setAAD(Buffer.from('header'));
  const ct = Buffer.concat([c.update(data), c.final()]);
  const tag = c.getAuthTag();
  const d = crypto.createDecipheriv(alg, key, iv12);
  d.setAAD(Buffer.from('header'));
  d.setAuthTag(tag);
  const ok = Buffer.concat([d.update(ct), d.final()]).equals(data);
  const bad = crypto.createDecipheriv(alg, key, iv12);
  bad.setAuthTag(Buffer.from(tag).fill(0));
  bad.update(ct);
  console.log(alg, ct.toString('hex').slice(0, 32), tag.toString('hex'), ok, show(() => bad.final()));
}
console.log('gcm short tag', show(() => {
  const c = crypto.createCipheriv('aes-128-gcm', key16, Buffer.alloc(7), { authTagLength: 8 });
  c.update('x');
  c.final();
  return c.getAuthTag();
}));
console.log('encodings', show(() => {
  const c = crypto.createCipheriv('aes-128-cbc', key16, iv16);
  return c.update('h\u00e9llo', 'utf8', 'base64') + c.final('base64');
}));
console.log('decrypt hex', show(() => {
  const d = crypto.createDecipheriv('aes-128-cbc', key16, iv16);
  return d.update(encrypt('aes-128-cbc', key16, iv16, 'hi').toString('hex'), 'hex', 'utf8') + d.final('utf8');
}));
console.log('no padding', show(() => {
  const c = crypto.createCipheriv('aes-128-cbc', key16, iv16);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.alloc(32)), c.final()]);
}));
console.log('cipher info', show(() => crypto.getCipherInfo('aes-256-gcm')), show(() => crypto.getCipherInfo('aes128')),
            show(() => crypto.getCipherInfo('nope')), show(() => crypto.getCipherInfo('aes-128-cbc', { keyLength: 12 })));
console.log('ciphers', ['aes-128-cbc', 'aes-256-gcm', 'chacha20-poly1305', 'id-aes128-GCM']
  .map((c) => crypto.getCiphers().includes(c)));
{
  const c = crypto.createCipheriv('aes-128-cbc', key16, iv16);
  const out = [];
  c.on('data', (chunk) => out.push(chunk));
  c.on('end', () => console.log('cipher stream', Buffer.concat(out).equals(encrypt('aes-128-cbc', key16, iv16, data))));
  c.write(data.subarray(0, 10));
  c.end(data.subarray(10));
}

// Empty AAD is no AAD (and must not end the GCM stream).
for (const alg of ['aes-128-gcm', 'chacha20-poly1305']) {
  const key = alg === 'aes-128-gcm' ? key16 : key32;
  const c = crypto.createCipheriv(alg, key, iv12);
  c.setAAD(Buffer.alloc(0));
  const ct = Buffer.concat([c.update('after empty aad'), c.final()]);
  console.log('empty aad', alg, ct.toString('hex'), c.getAuthTag().toString('hex'));
}
// The deprecated password ciphers warn for modes that need a fresh IV (when
// encrypting), and the randomBytes aliases only under --pending-deprecation.
process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
crypto.createCipher('aes-256-gcm', 'pw');
crypto.createDecipher('aes-256-gcm', 'pw');
crypto.createCipher('aes-128-ctr', 'pw');
crypto.createCipher('aes-128-cbc', 'pw');
console.log('aliases', crypto.prng === crypto.randomBytes, crypto.rng(4).length, crypto.pseudoRandomBytes(2).length);
{
  const { spawnSync } = require('child_process');
  const script = "process.on('warning', (w) => console.log(w.code, w.message));" +
    "const c = require('crypto'); c.pseudoRandomBytes(1); c.pseudoRandomBytes(1); c.rng(1);";
  console.log(spawnSync(process.execPath, ['--pending-deprecation', '-e', script], { encoding: 'utf8' }).stdout.trim());
}

// ---- errors ------------------------------------------------------------------------
console.log(show(() => crypto.createCipheriv('aes-128-cbc', Buffer.alloc(15), iv16)));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', key16, Buffer.alloc(15))));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', key16, null)));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', key16)));
console.log(show(() => crypto.createCipheriv('aes-128-ecb', key16, iv16)));
console.log(show(() => crypto.createCipheriv('nope', key16, iv16)));
console.log(show(() => crypto.createCipheriv('aes-128-gcm', key16, Buffer.alloc(0))));
console.log(show(() => crypto.createCipheriv('aes-128-gcm', key16, iv12, { authTagLength: 3 })));
console.log(show(() => crypto.createCipheriv('chacha20-poly1305', key32, Buffer.alloc(13))));
console.log(show(() => crypto.createCipheriv(1, key16, iv16)));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', 5, iv16)));
console.log(show(() => { const d = crypto.createDecipheriv('aes-128-cbc', key16, iv16); d.update(Buffer.alloc(16)); return d.final(); }));
console.log(show(() => { const d = crypto.createDecipheriv('aes-128-cbc', key16, iv16); d.update(Buffer.alloc(15)); return d.final(); }));
console.log(show(() => { const d = crypto.createDecipheriv('aes-128-gcm', key16, iv12); d.update(Buffer.alloc(5)); return d.final(); }));
console.log(show(() => { const d = crypto.createDecipheriv('aes-128-gcm', key16, iv12); d.setAuthTag(Buffer.alloc(3)); }));
console.log(show(() => crypto.createCipheriv('aes-128-gcm', key16, iv12).getAuthTag()));
console.log(show(() => { const c = crypto.createCipheriv('aes-128-cbc', key16, iv16); c.final(); c.final(); }));
console.log(show(() => { const c = crypto.createCipheriv('aes-128-cbc', key16, iv16); c.final(); c.update('x'); }));
console.log(show(() => { const c = crypto.createCipheriv('aes-128-cbc', key16, iv16); c.setAutoPadding(false); c.update('x'); c.final(); }));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', key16, iv16).setAAD(Buffer.alloc(1))));
console.log(show(() => crypto.createCipheriv('aes-128-cbc', key16, iv16).update(5)));
console.log(show(() => crypto.pbkdf2Sync('a', 'b', 0, 10, 'sha1')));
console.log(show(() => crypto.pbkdf2Sync('a', 'b', 1, 10, 'nope')));
console.log(show(() => crypto.pbkdf2Sync(1, 'b', 1, 10, 'sha1')));
console.log(show(() => crypto.scryptSync('a', 'b', 16, { N: 3 })));
console.log(show(() => crypto.scryptSync('a', 'b', 16, { N: 2 ** 20 })));
console.log(show(() => crypto.scryptSync('a', 'b', 16, { N: 16, cost: 16 })));
console.log(show(() => crypto.hkdfSync('sha256', 'a', 'b', 'c', 255 * 32 + 1)));
console.log(show(() => crypto.hkdfSync('nope', 'a', 'b', 'c', 10)));
console.log(show(() => crypto.hkdfSync('sha256', 'a', 'b', Buffer.alloc(1025), 10)));
console.log(show(() => crypto.timingSafeEqual(Buffer.alloc(2), Buffer.alloc(3))));
console.log(show(() => crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab'))),
            show(() => crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac'))));
console.log(show(() => crypto.timingSafeEqual('ab', 'ab')));

// ---- randomness (shapes only) --------------------------------------------------------
console.log(crypto.randomBytes(10).length, crypto.randomBytes(0).length);
console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
            crypto.randomUUID() !== crypto.randomUUID(),
            /^[0-9a-f-]{36}$/.test(crypto.randomUUID({ disableEntropyCache: true })));
console.log(crypto.randomFillSync(new Uint32Array(4)).length, crypto.randomFillSync(Buffer.alloc(8), 2, 3).length);
{
  const r = [];
  for (let i = 0; i < 1000; i++) r.push(crypto.randomInt(3, 7));
  console.log('randomInt range', Math.min(...r), Math.max(...r));
}
console.log(show(() => crypto.randomBytes(-1)));
console.log(show(() => crypto.randomInt(5, 5)));
console.log(show(() => crypto.randomInt(1.5)));
console.log(show(() => crypto.randomFillSync(Buffer.alloc(4), 5)));
console.log(show(() => crypto.randomFillSync('x')));
console.log(show(() => crypto.getRandomValues(new Float32Array(2))));
console.log(show(() => crypto.getRandomValues(new Uint8Array(65537))));
console.log(crypto.getRandomValues(new Uint16Array(3)).length);
// One at a time: completions on the worker pool may come in any order.
const steps = [
  (next) => crypto.randomBytes(8, (err, buf) => { console.log('async randomBytes', err, buf.length); next(); }),
  (next) => crypto.randomFill(new Uint8Array(6), 1, 2, (err, buf) => { console.log('async randomFill', err, buf.length); next(); }),
  (next) => crypto.randomInt(10, (err, n) => { console.log('async randomInt', err, n >= 0 && n < 10); next(); }),
  (next) => crypto.pbkdf2('pw', 'salt', 10, 8, 'sha256', (err, key) => { console.log('async pbkdf2', err, key.toString('hex')); next(); }),
  (next) => crypto.scrypt('pw', 'salt', 8, (err, key) => { console.log('async scrypt', err, key.toString('hex')); next(); }),
  (next) => crypto.hkdf('sha256', 'k', 's', 'i', 8, (err, key) => { console.log('async hkdf', err, Buffer.from(key).toString('hex')); next(); }),
];
(function run(i) {
  if (i < steps.length) steps[i](() => run(i + 1));
})(0);
