'use strict';
// bench: a typical script's start (fs, errors, timers, console.log of objects),
// for callgrind counts in docs/performance.md ("Trained snapshot").
const fs = require('fs');
const path = require('path');
const util = require('util');
const EventEmitter = require('events');
const dep = require('./dep');
const data = require('./data.json');
console.log('hello', 42, dep.add(1, 2), data);
console.log({ a: 1, b: 'two', c: [1, 2, 3], d: { e: null } }, [1, 2, 3], new Map([[1, 2]]));
console.error(util.format('%s=%d', 'x', 5));
const p = path.join(__dirname, 'out.txt');
fs.writeFileSync(p, Buffer.from('data ' + JSON.stringify(data)));
console.log(fs.readFileSync(p, 'utf8'), fs.existsSync(p), fs.statSync(p).size);
fs.unlinkSync(p);
const e = new EventEmitter();
e.on('x', (v) => console.log('event', v));
e.emit('x', 1);
try { fs.readFileSync('/nonexistent'); } catch (err) { console.log(err.code); }
try { path.join(1); } catch (err) { console.log(err.code); }
setTimeout(() => console.log('timeout'), 1);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));
Promise.resolve(1).then((v) => console.log('promise', v));
(async () => { await null; console.log('async'); })();
console.log(Buffer.from('abc').toString('hex'), Buffer.concat([Buffer.alloc(2), Buffer.from('x')]).length);
process.on('exit', (c) => console.log('exit', c));
