// jsonwebtoken: HS256/HS384 (whole tokens printed), RS256, PS256, ES256 and
// ES384 with generated keys (KeyObjects and PEM strings; signatures are
// random or key-dependent, so the signing input and verification are
// printed), and the errors for wrong secrets, algorithms, expiry and garbage.
const jwt = require('jsonwebtoken');
const crypto = require('crypto');

const head = (t) => t.split('.').slice(0, 2).join('.');
const err = (fn) => { try { return fn(); } catch (e) { return `${e.name}: ${e.message}`; } };

const token = jwt.sign({ sub: 'kiln', admin: true }, 'secret', { algorithm: 'HS256', noTimestamp: true });
console.log(token);
console.log(jwt.verify(token, 'secret'));
console.log(err(() => jwt.verify(token, 'wrong')));
console.log(jwt.sign({ a: [1, 2] }, Buffer.from('buffer secret'), { algorithm: 'HS384', noTimestamp: true, keyid: 'k1' }));
console.log(jwt.sign({ iat: 1700000000 }, 'secret', { expiresIn: '1h', issuer: 'kiln', jwtid: 'id' }));

const keys = {
  RS256: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
  PS256: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
  ES256: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  ES384: crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }),
};
for (const [algorithm, { privateKey, publicKey }] of Object.entries(keys)) {
  const t = jwt.sign({ n: 1, alg: algorithm }, privateKey, { algorithm, noTimestamp: true });
  const pem = publicKey.export({ type: 'spki', format: 'pem' });
  const t2 = jwt.sign({ n: 2 }, privateKey.export({ type: 'pkcs8', format: 'pem' }), { algorithm, noTimestamp: true });
  console.log(algorithm, head(t), jwt.verify(t, publicKey), jwt.verify(t2, pem, { algorithms: [algorithm] }),
              jwt.decode(t, { complete: true }).header);
  console.log(' other key', err(() => jwt.verify(t, keys[algorithm === 'ES256' ? 'ES384' : 'ES256'].publicKey)));
  console.log(' wrong alg', err(() => jwt.verify(t, publicKey, { algorithms: ['HS256'] })));
}
console.log(err(() => jwt.sign({}, keys.ES256.privateKey, { algorithm: 'RS256' })));
console.log(err(() => jwt.sign({}, 'secret', { algorithm: 'ES256' })));
const expired = jwt.sign({ exp: 1000 }, 'secret', { noTimestamp: true });
console.log(err(() => jwt.verify(expired, 'secret')));
console.log(jwt.verify(expired, 'secret', { ignoreExpiration: true }));
console.log(err(() => jwt.verify('garbage', 'secret')));
console.log(err(() => jwt.verify(token, 'secret', { audience: 'x' })));
jwt.verify(token, 'secret', (e, decoded) => console.log('callback', e, decoded));
jwt.sign({ cb: true }, 'secret', { noTimestamp: true }, (e, t) => console.log('async sign', e, t));
