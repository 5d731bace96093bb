const Promise = require('bluebird');
Promise.map([3, 1, 2], (x) => Promise.delay(x).then(() => x * 2), { concurrency: 2 })
  .then((r) => console.log('map', r));
Promise.props({ a: Promise.resolve(1), b: 2 }).then((r) => console.log('props', r));
const fn = Promise.promisify((x, cb) => setTimeout(() => cb(null, x + 1), 1));
fn(1).then((v) => console.log('promisify', v));
Promise.reject(new Error('e')).catch((e) => console.log('caught', e.message));
