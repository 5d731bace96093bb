const jwt = require('jsonwebtoken');
const crypto = require('crypto');
const token = jwt.sign({ sub: 'kiln', admin: true }, 'secret', { algorithm: 'HS256', noTimestamp: true });
console.log(token);
console.log(jwt.verify(token, 'secret'));
try { jwt.verify(token, 'wrong'); } catch (e) { console.log(e.name, e.message); }
const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const es = jwt.sign({ n: 1 }, privateKey, { algorithm: 'ES256', noTimestamp: true });
console.log(jwt.verify(es, publicKey), jwt.decode(es, { complete: true }).header);
