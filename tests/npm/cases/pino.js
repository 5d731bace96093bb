// pino: JSON log lines (levels, child bindings) to stdout.
const pino = require('pino'); const log = pino({ base: null, timestamp: false });
log.info({ a: 1 }, 'hello'); log.error(new Error('boom').message); const c = log.child({ k: 'v' }); c.warn('child');
