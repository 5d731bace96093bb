'use strict';
// Differential test of X509Certificate (fixed certificates made for this
// test), classic Diffie-Hellman (MODP groups; random keys shown by shape),
// primes, SPKAC and the deprecated createCipher, against node.

const crypto = require('crypto');
const util = require('util');

function show(fn) {
  try {
    const v = fn();
    if (Buffer.isBuffer(v)) return `<Buffer ${v.toString('hex')}>`;
    return util.inspect(v, { depth: 4, breakLength: Infinity });
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message}`;
  }
}

const CERT = "-----BEGIN CERTIFICATE-----\nMIIClzCCAjygAwIBAgIUOGdvBPb/kLIiygIiXF3Qzg8hddswCgYIKoZIzj0EAwIw\nWTELMAkGA1UEBhMCTkwxDjAMBgNVBAgMBU5vb3JkMRIwEAYDVQQHDAlLaWxuIENp\ndHkxEjAQBgNVBAoMCUtpbG4gVGVzdDESMBAGA1UEAwwJa2lsbi50ZXN0MCAXDTI2\nMTEyNjE0MzUyN1oYDzIxMjYxMTAyMTQzNTI3WjBZMQswCQYDVQQGEwJOTDEOMAwG\nA1UECAwFTm9vcmQxEjAQBgNVBAcMCUtpbG4gQ2l0eTESMBAGA1UECgwJS2lsbiBU\nZXN0MRIwEAYDVQQDDAlraWxuLnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\nAATN+bNWchNRGsECbGM+MNccQSoajAJBRkKNw2bsx1zRHsW0jDqq8QwjelVHLOns\nzPT+RMocx0ftaYK/FgvIH3jEo4HfMIHcMB0GA1UdDgQWBBQtkZLiK8J/YjdRR1An\n+xqXZY0fVjAfBgNVHSMEGDAWgBQtkZLiK8J/YjdRR1An+xqXZY0fVjAPBgNVHRMB\nAf8EBTADAQH/MDYGA1UdEQQvMC2CCWtpbG4udGVzdIILKi5raWxuLnRlc3SHBH8A\nAAGBDW9wc0BraWxuLnRlc3QwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMC\nMDIGCCsGAQUFBwEBBCYwJDAiBggrBgEFBQcwAYYWaHR0cDovL29jc3Aua2lsbi50\nZXN0LzAKBggqhkjOPQQDAgNJADBGAiEA5MJ+MrbnZ2vxX7iAan4I20eP2oDANO3U\nVAMNMdQErboCIQCPmXKDHKN1Xbfk2nEoxN5JENM954RhjLRiEa2RLSiGtQ==\n-----END CERTIFICATE-----\n";
const CERT_KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgPnTvc9VXg0QIPFwz\nUZhIZXbhw28v62LvLfawkp2qLUWhRANCAATN+bNWchNRGsECbGM+MNccQSoajAJB\nRkKNw2bsx1zRHsW0jDqq8QwjelVHLOnszPT+RMocx0ftaYK/FgvIH3jE\n-----END PRIVATE KEY-----\n";
const CA = "-----BEGIN CERTIFICATE-----\nMIICGTCCAYKgAwIBAgIUWjWXoq8JFrn5CmtoEnsTTSeUVSQwDQYJKoZIhvcNAQEL\nBQAwFzEVMBMGA1UEAwwMS2lsbiBUZXN0IENBMCAXDTI2MTEyNjE0MzUzMFoYDzIx\nMjYxMTAyMTQzNTMwWjAXMRUwEwYDVQQDDAxLaWxuIFRlc3QgQ0EwgZ8wDQYJKoZI\nhvcNAQEBBQADgY0AMIGJAoGBALjL9pmHhLD2AFJ/GwzUHjc0SObKmf4HQOlx/0RJ\nXTFhfDCUiXhttqnW0DLy7fZGMntv8LDy2qiJdd6ae1BhRCyGxcH4Ja1g9zv0TZXc\ngw61K1Zb1nVx+yU7myOBYWiv9MDi0Wn/AV8JJwev6Ir8sQwcw/U6fvrBoDoxQxHr\nxVJpAgMBAAGjYDBeMB0GA1UdDgQWBBSirV1Czt2m2gsXXV4WZnw/cB9hATAfBgNV\nHSMEGDAWgBSirV1Czt2m2gsXXV4WZnw/cB9hATAPBgNVHRMBAf8EBTADAQH/MAsG\nA1UdDwQEAwIBBjANBgkqhkiG9w0BAQsFAAOBgQA3wtgQSI06p1OkK9OxeCrQERU6\nY2ux3u540y0vEPZUH+zKxtrR3K9Oq4GcvJxuS4AMOrYEyNkbaoJAe+Otdy+DrhI5\nAWc5boRgmEOibMdG7FqZOpRVjaYM+IqzqX3zrt0ohqQjJvk291YQYJ0c0mXEH/mN\ny6HolkzB5e7N0UWkpA==\n-----END CERTIFICATE-----\n";
const LEAF = "-----BEGIN CERTIFICATE-----\nMIICJzCCAZCgAwIBAgIUdi1MmgpHdofCl5DukHkZs1Cj6iEwDQYJKoZIhvcNAQEL\nBQAwFzEVMBMGA1UEAwwMS2lsbiBUZXN0IENBMCAXDTI2MTEyNjE0MzUzMFoYDzIx\nMjYxMTAyMTQzNTMwWjAoMQ0wCwYDVQQKDARLaWxuMRcwFQYDVQQDDA5sZWFmLmtp\nbG4udGVzdDCBnzANBgkqhkiG9w0BAQEFAAOBjQAwgYkCgYEAvpM6l95uxLUVtSyb\nYDfybmBjQa5fhDZFormtBCTnbz51L8ikjpfpNPGyk+EtwdYdAxGDDA2V9k9q70AD\n+gaAO2iGaNo2XPQCoMW7RQP4alS03/ScJAUcIKuJsCOLPfmyJaJFNb0K1oILK2Hh\nhsENqPdnLWySqVXTE6d9M22svQ0CAwEAAaNdMFswGQYDVR0RBBIwEIIObGVhZi5r\naWxuLnRlc3QwHQYDVR0OBBYEFLFQ71lNMilOEVsTgkQ29hJVc809MB8GA1UdIwQY\nMBaAFKKtXULO3abaCxddXhZmfD9wH2EBMA0GCSqGSIb3DQEBCwUAA4GBAGOpKTn+\n/7oemZb0dk3Z4D6m0vgZkX7f9KHkBcNWjwzVf0F4dsQrQc0E6Q/NjILRErkCIZRt\nW8mcwN2F7NzXZxMy0/6K00QzKr5DO7gDWl49+IJ3pukzFnyRoDCy+Q2/Wavf7JYq\n+OB5YUi9hg+WW+uHkRXdr0O4pDjoL7CS7UxL\n-----END CERTIFICATE-----\n";
const LEAF_KEY = "-----BEGIN PRIVATE KEY-----\nMIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAL6TOpfebsS1FbUs\nm2A38m5gY0GuX4Q2RaK5rQQk528+dS/IpI6X6TTxspPhLcHWHQMRgwwNlfZPau9A\nA/oGgDtohmjaNlz0AqDFu0UD+GpUtN/0nCQFHCCribAjiz35siWiRTW9CtaCCyth\n4YbBDaj3Zy1skqlV0xOnfTNtrL0NAgMBAAECgYEAvbqaFORP5upZqDu2nH5Wj2jK\nqHNPiLL3dN/hzkRnXKsTw/S/T28Rr7IJFYyTH21pCMsAapmD+OpsDbDvxJWARuwA\nUiBE9B67IKvO5PiICInGV6ahOLmPq7Pu1Bhv2lnEphDLWaiGi9c3d09vMf3ubf/y\nWcAd1a2tgo8H2ncn4cECQQDtabIDnDmNT2dsmSLDNad3ifaw5uj1aX1kPbdleEvl\n16hwlw9giNHKZH+wMZS0lcYBnTdCwF6zEiTOpC/ZuoCJAkEAzX7L0ceYgayIXbXA\nstL4J7p+fcglIhMPPf7naSzSmpQbobemq/vYW6MhJ9lLdqG6bX83y7QWoFL+EYzV\nyRAPZQJBALXeLfwOBRh3J2dNuA+KXot4KH5DpVm6QdA0ZvVYPewIVIRLdAAjT3KX\noik7Egt0YIaEBP0hmGndEE0sAWvtLuECQHYqsZ3CPupiglAQ0eyC8Hw3+8DstJ2x\nhBRMXlnWkoydGn6WEtvXCIU5ezlk9MYVHhUVEMqslk4/KyaAa/cgqxkCQQCkbdGU\nlOx/uYxvz50+Qn+rIpTCXlhyQck5UuOEyKVNQ02S8TwjZm57iu0OSHI3R9s9uGKl\nt3uovO1S2ejagYa3\n-----END PRIVATE KEY-----\n";

// ---- X509Certificate -------------------------------------------------------------------
const { X509Certificate } = crypto;
for (const pem of [CERT, CA, LEAF]) {
  const c = new X509Certificate(pem);
  console.log(show(() => c));
  console.log(c.ca, c.raw.length, c.publicKey.asymmetricKeyType, c.toString() === pem, c.toJSON() === pem,
              c.issuerCertificate);
  console.log(show(() => c.toLegacyObject()));
}
{
  const c = new X509Certificate(CERT);
  for (const name of ['kiln.test', 'www.kiln.test', 'a.b.kiln.test', 'other.test']) {
    console.log('checkHost', name, c.checkHost(name), c.checkHost(name, { wildcards: false }));
  }
  console.log('checkEmail', c.checkEmail('ops@kiln.test'), c.checkEmail('x@kiln.test'));
  console.log('checkIP', c.checkIP('127.0.0.1'), c.checkIP('10.0.0.1'));
  console.log('checkPrivateKey', c.checkPrivateKey(crypto.createPrivateKey(CERT_KEY)),
              c.checkPrivateKey(crypto.createPrivateKey(LEAF_KEY)));
  console.log('verify self', c.verify(c.publicKey));
  const ca = new X509Certificate(CA);
  const leaf = new X509Certificate(new X509Certificate(LEAF).raw);
  console.log('chain', leaf.checkIssued(ca), ca.checkIssued(leaf), leaf.verify(ca.publicKey), leaf.verify(leaf.publicKey));
  console.log(show(() => new X509Certificate('garbage')));
  console.log(show(() => new X509Certificate(5)));
  console.log(show(() => c.checkHost(5)));
  console.log(show(() => c.checkHost('x', { subject: 'bogus' })));
  console.log(show(() => c.checkIssued({})));
  console.log(show(() => c.verify(crypto.createPrivateKey(CERT_KEY))));
}

// ---- Diffie-Hellman -----------------------------------------------------------------------
for (const g of ['modp1', 'modp2', 'modp5', 'modp14', 'modp15', 'modp16', 'modp17', 'modp18']) {
  const d = crypto.getDiffieHellman(g);
  console.log(g, d.verifyError, crypto.createHash('sha256').update(d.getPrime()).digest('hex'),
              d.getGenerator('hex'), crypto.createDiffieHellman(d.getPrime(), 2).verifyError);
}
{
  const a = crypto.getDiffieHellman('modp14');
  const b = crypto.createDiffieHellmanGroup('modp14');
  a.generateKeys();
  b.generateKeys('hex');
  const s1 = a.computeSecret(b.getPublicKey());
  const s2 = b.computeSecret(a.getPublicKey('base64'), 'base64', 'hex');
  // Random keys: a secret with leading zero bytes may be shorter, so only bounds are stable.
  console.log('dh agree', s1.toString('hex') === s2, s1.length > 240 && s1.length <= 256,
    a.getPublicKey().length > 240);
  const p = crypto.getDiffieHellman('modp2');
  const c = crypto.createDiffieHellman(p.getPrime(), p.getGenerator());
  const d = crypto.createDiffieHellman(p.getPrime('hex'), 'hex', 2);
  c.generateKeys();
  d.generateKeys();
  console.log('dh custom', c.verifyError, c.computeSecret(d.getPublicKey()).equals(d.computeSecret(c.getPublicKey())));
  d.setPrivateKey(Buffer.from([3]));
  d.setPublicKey(Buffer.from([2]));
  console.log(show(() => d.getPrivateKey()), show(() => d.getPublicKey()));
  console.log(show(() => a.computeSecret(Buffer.from([1]))));
  console.log(show(() => crypto.getDiffieHellman('modp3')));
  console.log(show(() => crypto.createDiffieHellman(512, 1)));
  console.log(show(() => crypto.createDiffieHellman(64)));
  console.log(show(() => crypto.getDiffieHellman('modp1').getPublicKey()));
  console.log(show(() => crypto.createDiffieHellman({})));
  console.log(Object.keys(a), typeof crypto.DiffieHellmanGroup.prototype.setPublicKey);
  // Small and odd parameters: OpenSSL 3's DH_check verdicts, no keys under
  // 512 bits, and (as node) zeros for a secret computed with such a prime.
  for (const [prime, g] of [['02', 2], ['03', 2], ['05', 5], ['0b', 2], ['ff', 3], ['fffffffb', 3],
                            ['ffffffffffffffc5', 2], ['ffffffffffffffc5', 5]]) {
    const dh = crypto.createDiffieHellman(prime, 'hex', g);
    console.log('small dh', prime, g, dh.verifyError, show(() => dh.generateKeys()));
  }
  const small = crypto.createDiffieHellman('fffffffb', 'hex');
  small.setPrivateKey(Buffer.from([3]));
  console.log(show(() => small.computeSecret(Buffer.from([5]))));
  console.log(show(() => crypto.createDiffieHellman(Buffer.alloc(0))), crypto.createDiffieHellman(Buffer.alloc(1)).verifyError);
  const nokey = crypto.createDiffieHellman(crypto.getDiffieHellman('modp1').getPrime());
  console.log(show(() => nokey.computeSecret(Buffer.from([5]))), show(() => nokey.computeSecret(Buffer.from([1]))));
}

// ---- primes -------------------------------------------------------------------------------
console.log('checkPrime', crypto.checkPrimeSync(2n), crypto.checkPrimeSync(7919n), crypto.checkPrimeSync(7917n),
            crypto.checkPrimeSync(Buffer.from([0x0d])), crypto.checkPrimeSync(new Uint8Array([1])));
{
  const p = crypto.generatePrimeSync(64, { bigint: true });
  console.log('generatePrime', typeof p, crypto.checkPrimeSync(p), p < 2n ** 64n, p >= 2n ** 63n);
  const q = crypto.generatePrimeSync(32, { add: 12n, rem: 11n, bigint: true });
  console.log('add/rem', q % 12n);
  const s = crypto.generatePrimeSync(64, { safe: true, bigint: true });
  console.log('safe', crypto.checkPrimeSync((s - 1n) / 2n));
  console.log(crypto.generatePrimeSync(16) instanceof ArrayBuffer);
}
// Small sizes and progressions: only what OpenSSL 3 can reach.
for (const [bits, options] of [[4, { add: 15n, rem: 13n }], [2, {}], [3, { safe: true }], [6, { safe: true }],
                               [4, { add: 8n }], [5, { add: 3n, rem: 2n, safe: true }]]) {
  const p = crypto.generatePrimeSync(bits, { ...options, bigint: true });
  console.log('prime', bits, options, crypto.checkPrimeSync(p), bits <= 4 && options.add === 15n ? p : p > 1n);
}
for (const [bits, options] of [[1, {}], [2, { safe: true }], [4, { safe: true }], [5, { safe: true }]]) {
  console.log(show(() => crypto.generatePrimeSync(bits, options)));
}
console.log(show(() => crypto.generatePrimeSync(0)));
console.log(show(() => crypto.generatePrimeSync(8, { add: 1000n })));
console.log(show(() => crypto.generatePrimeSync(16, { add: 4n, rem: 5n })));
console.log(show(() => crypto.checkPrimeSync('7')));
console.log(show(() => crypto.checkPrimeSync(-1n)));
crypto.generatePrime(24, { bigint: true }, (err, p) => {
  console.log('async prime', err, typeof p);
  crypto.checkPrime(97n, (err2, r) => console.log('async check', err2, r));
});

// ---- SPKAC and the deprecated password ciphers ------------------------------------------------
console.log('spkac', crypto.Certificate.verifySpkac(Buffer.from('bogus')),
            show(() => crypto.Certificate.exportChallenge('bogus')), show(() => new crypto.Certificate().exportPublicKey('x')));
console.log(show(() => crypto.Certificate.verifySpkac(5)));
{
  const c = crypto.createCipher('aes-128-cbc', 'password');
  const ct = Buffer.concat([c.update('hello world'), c.final()]);
  const d = crypto.createDecipher('aes-128-cbc', Buffer.from('password'));
  console.log('createCipher', ct.toString('hex'), d.update(ct, undefined, 'utf8') + d.final('utf8'));
  const e = crypto.createCipher('aes-256-ctr', 'pw');
  console.log('createCipher ctr', e.update('abc', 'utf8', 'hex') + e.final('hex'));
  console.log(show(() => crypto.createCipher('nope', 'pw')));
}
