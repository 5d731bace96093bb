// A short tour of what works today: run with `bazel-bin/kiln examples/tour.js`.
const util = require('util');
const { EventEmitter } = require('events');

console.log('kiln %s (node API %s) on %s/%s', process.versions.kiln, process.version,
  process.platform, process.arch);
console.log(util.inspect({ nested: { map: new Map([[1, 'one']]), set: new Set([2]) } }));

const bus = new EventEmitter();
bus.on('tick', (n) => console.log('tick', n));
process.nextTick(() => bus.emit('tick', 'nextTick'));
Promise.resolve().then(() => bus.emit('tick', 'microtask'));
setImmediate(() => bus.emit('tick', 'immediate'));
setTimeout(() => bus.emit('tick', 'timeout'), 10);
process.on('exit', (code) => console.log('exit with', code));
