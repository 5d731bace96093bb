const jose = require('jose');
(async () => {
  const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
  const jwt = await new jose.SignJWT({ 'urn:example:claim': true })
    .setProtectedHeader({ alg: 'HS256' }).setIssuer('kiln').sign(secret);
  const { payload, protectedHeader } = await jose.jwtVerify(jwt, secret, { issuer: 'kiln' });
  console.log(payload, protectedHeader);
  const { publicKey, privateKey } = await jose.generateKeyPair('ES256');
  const signed = await new jose.SignJWT({ a: 1 }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
  console.log((await jose.jwtVerify(signed, publicKey)).payload);
  const jwe = await new jose.CompactEncrypt(new TextEncoder().encode('hello'))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(new Uint8Array(32));
  const { plaintext } = await jose.compactDecrypt(jwe, new Uint8Array(32));
  console.log(new TextDecoder().decode(plaintext));
})().catch((e) => console.log('error', e.code, e.message));
