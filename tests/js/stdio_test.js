'use strict';
// process.stdout / stderr / stdin as streams. Run under kiln and node with
// the same redirections (tests/cli/stdio_test.sh does: stdout to a pipe and
// to a file, stdin from a pipe, a file and /dev/null): stdout and the exit
// code must be identical.

const stream = require('stream');
const out = process.stdout;
const lines = [];
function log(...args) { out.write(args.join(' ') + '\n'); }

log('stdout', out._type, out.fd, out.isTTY, out.writable, out.readable, out._isStdio,
    out instanceof stream.Writable, out instanceof stream.Duplex, out.constructor.name);
log('stderr', process.stderr._type, process.stderr.fd, process.stderr._isStdio);
log('same object', process.stdout === out);
log('hwm', out.writableHighWaterMark, out.writableObjectMode);

// Write callbacks and the return value.
let order = [];
log('small write', out.write('', () => order.push('cb1')));
out.write('x\n', 'utf8', () => order.push('cb2'));
out.write(new Uint8Array([0x79, 0x0a]), () => order.push('cb3'));
out.write('7a0a', 'hex');
out.write('\u00e9\u20ac\n');
out.write('\u00e9\n', 'latin1');
order.push('sync');
process.nextTick(() => order.push('tick'));
setTimeout(() => {
  log('order', order.join(','));
  big();
}, 5);

function big() {
  // A write far over highWaterMark returns false and 'drain' follows.
  const chunk = 'b'.repeat(300000) + '\n';
  const ret = out.write(chunk, () => log('big cb'));
  log('big write returned', ret, out.writableNeedDrain);
  // Files take it all at once (true); pipes queue the rest (false, 'drain').
  if (ret) {
    setTimeout(errors, 5);
    return;
  }
  out.once('drain', () => {
    log('drain', out.writableLength, out.writableNeedDrain);
    errors();
  });
}

function errors() {
  try { out.write(5); } catch (e) { log('write(5)', e.code); }
  try { out.write(null); } catch (e) { log('write(null)', e.code); }
  stdin();
}

function stdin() {
  const s = process.stdin;
  log('stdin', s.fd, s.isTTY, s.readable, s.constructor.name, s.readableFlowing);
  let total = 0;
  let chunks = 0;
  s.on('data', (d) => { total += d.length; chunks++; });
  s.on('end', () => {
    log('stdin end', total, chunks > 0);
    setTimeout(() => log('exiting'), 5);
  });
  s.on('close', () => log('stdin close'));
}
