'use strict';
// Differential test of `os`: only facts that are stable between two runs on
// the same machine (shapes, types, constants, identity of the machine and
// user, interfaces), plus argument validation and system errors. Run under
// node and kiln: stdout must be identical.

const os = require('os');
const util = require('util');

function show(fn) {
  try {
    return util.inspect(fn(), { depth: 4, breakLength: Infinity });
  } catch (e) {
    return `throws ${e.name} ${e.code}: ${e.message} ` +
      `errno=${e.errno} syscall=${e.syscall} info=${util.inspect(e.info)}`;
  }
}

console.log(Object.keys(os).join(' '));
for (const k of Object.keys(os)) {
  const v = os[k];
  if (typeof v === 'function') {
    console.log(k, v.name, v.length, Symbol.toPrimitive in v);
  } else {
    console.log(k, typeof v);
  }
}
for (const k of ['EOL', 'devNull', 'constants']) {
  console.log(k, util.inspect(Object.getOwnPropertyDescriptor(os, k), { depth: 0 }));
}

console.log('EOL', JSON.stringify(os.EOL), 'devNull', os.devNull);
console.log('platform', os.platform(), `${os.platform}`, 'arch', os.arch(), `${os.arch}`);
console.log('type', os.type(), `${os.type}`, 'release', os.release(), 'version', os.version());
console.log('machine', os.machine(), 'endianness', os.endianness(), `${os.endianness}`);
console.log('hostname', os.hostname(), `${os.hostname}` === os.hostname());
console.log('homedir', os.homedir(), `${os.homedir}` === os.homedir());
console.log('tmpdir', os.tmpdir(), `${os.tmpdir}` === os.tmpdir());
console.log('userInfo', show(() => os.userInfo()));
console.log('userInfo buffer', show(() => os.userInfo({ encoding: 'buffer' })));
console.log('userInfo hex', show(() => os.userInfo({ encoding: 'hex' })));
console.log('userInfo bogus', show(() => os.userInfo({ encoding: 'bogus' })));
console.log('userInfo null', show(() => os.userInfo(null)), show(() => os.userInfo('x')));

console.log('constants', util.inspect(os.constants, { depth: 3, breakLength: Infinity }));
console.log('signals.SIGINT', Object.getOwnPropertyDescriptor(os.constants.signals, 'SIGINT'));

const cpus = os.cpus();
console.log('cpus', cpus.length, cpus.length > 0);
for (const cpu of cpus) {
  console.log(' ', JSON.stringify(cpu.model), typeof cpu.speed, Object.keys(cpu).join(','),
              Object.keys(cpu.times).join(','),
              Object.values(cpu.times).every((t) => Number.isInteger(t) && t >= 0));
}
console.log('availableParallelism', os.availableParallelism(),
            os.availableParallelism() <= cpus.length);

const load = os.loadavg();
console.log('loadavg', load.length, load.every((n) => typeof n === 'number' && n >= 0));
console.log('uptime', typeof os.uptime(), os.uptime() > 0);
console.log('memory', typeof os.totalmem(), typeof os.freemem(), os.freemem() <= os.totalmem(),
            Number.isInteger(os.totalmem()), `${os.totalmem}` > 0);

const ifaces = os.networkInterfaces();
console.log('networkInterfaces', Object.getPrototypeOf(ifaces) === Object.prototype);
for (const [name, list] of Object.entries(ifaces)) {
  for (const entry of list) console.log(' ', name, JSON.stringify(entry));
}

console.log('getPriority', show(() => os.getPriority()), show(() => os.getPriority(0)),
            show(() => os.getPriority(process.pid)) === show(() => os.getPriority()));
console.log('setPriority same', show(() => os.setPriority(os.getPriority())));
console.log('setPriority same pid', show(() => os.setPriority(0, os.getPriority())));
for (const [label, fn] of [
  ['getPriority(-1)', () => os.getPriority(-1)],
  ['getPriority(2**30)', () => os.getPriority(2 ** 30)],
  ['setPriority(2**30, 0)', () => os.setPriority(2 ** 30, 0)],
  ['setPriority(0, 20)', () => os.setPriority(0, 20)],
  ['setPriority(-21)', () => os.setPriority(-21)],
  ['setPriority("0", 1)', () => os.setPriority('0', 1)],
  ['setPriority()', () => os.setPriority()],
  ['getPriority(1.5)', () => os.getPriority(1.5)],
  ['getPriority("x")', () => os.getPriority('x')],
  ['getPriority(null)', () => os.getPriority(null)],
]) {
  console.log(label, show(fn));
}
