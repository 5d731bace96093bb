// jose (node build): JWT sign/verify with HS256, RS256, PS256, ES256, EdDSA;
// JWE with dir/A256GCM, RSA-OAEP-256, A256KW and ECDH-ES; key import/export
// and thumbprints; the error codes of bad tokens. Random keys and IVs: only
// what is deterministic is printed (whole tokens for HS256 and EdDSA).
const jose = require('jose');
const crypto = require('crypto');

const enc = new TextEncoder();
const iat = 1700000000;
// RFC 8037 A.1/A.2: an Ed25519 key.
const edJwk = { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
                x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };

async function signVerify(alg, privateKey, publicKey, printToken) {
  const jwt = await new jose.SignJWT({ sub: 'kiln', n: 1 }).setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuedAt(iat).setIssuer('kiln').setAudience('tests').sign(privateKey);
  const { payload, protectedHeader } = await jose.jwtVerify(jwt, publicKey, { issuer: 'kiln', audience: 'tests',
                                                                             currentDate: new Date(iat * 1000) });
  console.log(alg, printToken ? jwt : jwt.split('.').slice(0, 2).join('.'), payload, protectedHeader);
  const [h, p, s] = jwt.split('.');
  const tampered = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  await jose.jwtVerify(tampered, publicKey).catch((e) => console.log(' tampered', e.code, e.message));
  await jose.jwtVerify(jwt, publicKey, { issuer: 'other' }).catch((e) => console.log(' issuer', e.code, e.claim));
}

(async () => {
  const secret = enc.encode('a-string-secret-at-least-256-bits-long');
  await signVerify('HS256', secret, secret, true);
  await signVerify('HS512', secret, secret, true);
  for (const alg of ['RS256', 'PS256', 'ES256', 'ES384']) {
    const { publicKey, privateKey } = await jose.generateKeyPair(alg);
    await signVerify(alg, privateKey, publicKey, false);
    const jwk = await jose.exportJWK(publicKey);
    console.log(' jwk', Object.keys(jwk).sort().join(','), jwk.kty, jwk.crv, jwk.e);
    const back = await jose.importSPKI(await jose.exportSPKI(publicKey), alg);
    console.log(' spki round trip', back.type, back.asymmetricKeyType);
  }
  const edPriv = await jose.importJWK(edJwk, 'EdDSA');
  const edPub = await jose.importJWK({ kty: 'OKP', crv: 'Ed25519', x: edJwk.x }, 'EdDSA');
  await signVerify('EdDSA', edPriv, edPub, true);
  console.log('thumbprint', await jose.calculateJwkThumbprint(edJwk), await jose.calculateJwkThumbprint(edJwk, 'sha512'));
  console.log('pkcs8', (await jose.exportPKCS8(edPriv)).split('\n')[1]);
  // A CryptoKey from Web Crypto works too.
  const web = await crypto.webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  await signVerify('ES256', web.privateKey, web.publicKey, false);

  // ---- JWE ----
  const text = enc.encode('hello, encrypted world');
  const dirKey = new Uint8Array(32).fill(7);
  const jwe = await new jose.CompactEncrypt(text).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(dirKey);
  const dec = await jose.compactDecrypt(jwe, dirKey);
  console.log('dir A256GCM', jwe.split('.').map((p) => p.length).join(','), new TextDecoder().decode(dec.plaintext),
              dec.protectedHeader);
  for (const [alg, encAlg] of [['RSA-OAEP-256', 'A256GCM'], ['RSA-OAEP', 'A128CBC-HS256'], ['A256KW', 'A256GCM'],
                               ['ECDH-ES', 'A128GCM'], ['ECDH-ES+A256KW', 'A256GCM'], ['PBES2-HS256+A128KW', 'A128GCM']]) {
    let encKey;
    let decKey;
    if (alg === 'A256KW') {
      encKey = decKey = await jose.generateSecret(alg);
    } else if (alg.startsWith('PBES2')) {
      encKey = decKey = enc.encode('password');
    } else {
      ({ publicKey: encKey, privateKey: decKey } = await jose.generateKeyPair(alg));
    }
    const token = await new jose.EncryptJWT({ secret: alg }).setProtectedHeader({ alg, enc: encAlg })
      .setIssuedAt(iat).encrypt(encKey);
    const { payload, protectedHeader } = await jose.jwtDecrypt(token, decKey);
    console.log('JWE', alg, encAlg, payload, Object.keys(protectedHeader).sort().join(','));
    await jose.jwtDecrypt(token.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'), decKey)
      .catch((e) => console.log(' bad tag', e.code, e.message));
  }

  // ---- errors ----
  const expired = await new jose.SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(iat).sign(secret);
  await jose.jwtVerify(expired, secret).catch((e) => console.log('expired', e.code, e.claim, e.reason));
  await jose.jwtVerify('not.a.jwt', secret).catch((e) => console.log('garbage', e.code, e.message));
  await jose.importJWK({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }, 'ES256')
    .catch((e) => console.log('bad jwk', e.name, e.code));
  await jose.importSPKI('garbage', 'RS256').catch((e) => console.log('bad spki', e.name, e.message));
  console.log('decodeJwt', jose.decodeJwt(expired), jose.decodeProtectedHeader(expired));
})().catch((e) => console.log('error', e.code, e.message));
