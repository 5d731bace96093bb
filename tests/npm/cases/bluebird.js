const Promise = require('bluebird');
const fn = Promise.promisify((x, cb) => setTimeout(() => cb(null, x + 1), 1));
Promise.all([
  Promise.map([3, 1, 2], (x) => Promise.delay(x).then(() => x * 2), { concurrency: 2 }),
  Promise.props({ a: Promise.resolve(1), b: 2 }),
  fn(1),
  Promise.reject(new Error('e')).catch((e) => `caught ${e.message}`),
]).then((r) => console.log(r));
