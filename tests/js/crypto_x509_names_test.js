'use strict';
// Differential test of how X509Certificate prints names
// (bindings/crypto_x509_names.h): subjectAltName entries that could be
// misread in the comma-separated list (commas, quotes) become JSON string
// literals, as Node 20 prints them, as do infoAccess values; UTF-8 and RFC
// 2253 escapes in the subject; the legacy object (getPeerCertificate's
// shape) decodes the JSON again. The certificate was made with the openssl
// CLI for this test (Ed25519, names chosen to need escaping).

const { X509Certificate } = require('crypto');
const util = require('util');

const PEM = "-----BEGIN CERTIFICATE-----\nMIIDJDCCAtagAwIBAgIBATAFBgMrZXAwSDEpMCcGA1UEBwwgU29tZXdoZXJlLCBD\nTiA9IGV2aWwuZXhhbXBsZS5jb20xGzAZBgNVBAoMEk3DvG5jaGVuXGJhY2tzbGFz\naDAgFw0yNjExMjYxNjU1MTdaGA8yMTI2MTEwMjE2NTUxN1owSDEpMCcGA1UEBwwg\nU29tZXdoZXJlLCBDTiA9IGV2aWwuZXhhbXBsZS5jb20xGzAZBgNVBAoMEk3DvG5j\naGVuXGJhY2tzbGFzaDAqMAUGAytlcAMhABpN4UUv64otuw4mpW1uBHKiOViAqcbx\nFND9CTQa82o9o4IB4TCCAd0wggE9BgNVHREEggE0MIIBMIImZ29vZC5leGFtcGxl\nLmNvbSwgRE5TOmV2aWwuZXhhbXBsZS5jb22CEXBsYWluLmV4YW1wbGUuY29tgghl\neCJxdW90ZYYbaHR0cDovL2V4YW1wbGUuY29tLz9hPWImYz1khhZodHRwOi8vZXhh\nbXBsZS5jb20vYSxigQ9mb29AZXhhbXBsZS5jb22HBAgICAiHECABDbgAAAAAAAAA\nAAAAAAGICSqGSIb3DQEBC6QiMCAxCzAJBgNVBAYTAkRFMREwDwYDVQQHDAhIYW5u\nb3ZlcqAqBggrBgEFBQcIBaAeDBxhYmMxMjMsIEROUzpnb29kLmV4YW1wbGUuY29t\noB4GCCsGAQUFBwgHoBIWEF9zcnYuZXhhbXBsZS5jb22gEAYDKgMEoAkMB3Vua25v\nd24wewYIKwYBBQUHAQEEbzBtMCQGCCsGAQUFBzABhhhodHRwOi8vb2NzcC5leGFt\ncGxlLmNvbS8wJQYIKwYBBQUHMAKGGWh0dHA6Ly9jYS5leGFtcGxlLmNvbS9hLGIw\nHgYFK84PDCKGFWh0dHA6Ly94LmV4YW1wbGUuY29tLzAdBgNVHQ4EFgQU6OLcwOVx\neLC7xkrz4QpoiE/8/3QwBQYDK2VwA0EA2HMAyA+6K7YoaWNCwxkw/Ydaj9BSg8CU\nvYL9gZLlb0rMYUZMJtSYmBsznGEnxbDBs0Nn9M42nJLyLoKALy7iAg==\n-----END CERTIFICATE-----\n";

const cert = new X509Certificate(PEM);
console.log('subject', JSON.stringify(cert.subject));
console.log('issuer', JSON.stringify(cert.issuer));
console.log('subjectAltName', JSON.stringify(cert.subjectAltName));
console.log('infoAccess', JSON.stringify(cert.infoAccess));
const legacy = cert.toLegacyObject();
console.log('legacy subject', util.inspect(legacy.subject, { breakLength: Infinity }));
console.log('legacy subjectaltname', JSON.stringify(legacy.subjectaltname));
console.log('legacy infoAccess', util.inspect(legacy.infoAccess, { breakLength: Infinity }));
console.log('publicKey', cert.publicKey.asymmetricKeyType, cert.publicKey.export({ format: 'jwk' }).crv);
console.log('checkHost', cert.checkHost('plain.example.com'), cert.checkHost('evil.example.com'));
