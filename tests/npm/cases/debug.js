process.env.DEBUG = 'app:*';
const debug = require('debug');
const log = debug('app:main');
console.log(log.enabled, debug('other').enabled, log.namespace);
debug.log = (...args) => console.log('LOG', args.length);
log('hello %o', { a: 1 });
console.log(debug.humanize(1500));
