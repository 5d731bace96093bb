'use strict';
// A worker that reaches its resourceLimits heap ends with ERR_WORKER_OUT_OF_MEMORY
// and exit code 1; the process goes on.
const { Worker } = require('worker_threads');
const w = new Worker('const a = []; for (;;) a.push(new Array(1e5).fill(1))', { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } });
w.on('error', (e) => console.log('error', e.code, e.message));
w.on('exit', (c) => { console.log('exit', c); console.log('main still alive'); });
