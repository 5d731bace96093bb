'use strict';
// process.report: getReport's shape, writeReport's files and names, the
// options' validation, reports on a signal and on an uncaught exception.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const r = process.report;
const rep = r.getReport();
console.log(Object.keys(rep).join(','));
console.log(Object.keys(rep.header).join(','));
console.log(rep.header.event, rep.header.trigger, rep.header.filename, typeof rep.header.glibcVersionRuntime);
console.log(rep.javascriptStack.message, rep.javascriptStack.stack.length > 0, rep.javascriptStack.errorProperties);
const e = new TypeError('boom'); e.extra = 1;
const re = r.getReport(e);
console.log(re.javascriptStack.message, re.javascriptStack.errorProperties);
console.log(Object.keys(rep.javascriptHeap).join(','));
console.log(Object.keys(rep.resourceUsage).join(','));
console.log(Object.keys(rep.userLimits).join(','));
console.log(r.directory, r.filename, r.compact, r.signal, r.reportOnSignal, r.reportOnUncaughtException, r.reportOnFatalError, r.excludeNetwork);
r.excludeNetwork = true; console.log('networkInterfaces' in r.getReport().header);
for (const [k, v] of [['compact', 1], ['directory', 1], ['signal', 'SIGNOPE'], ['reportOnSignal', 'x']]) {
  try { r[k] = v; } catch (err) { console.log(k, err.code); }
}
console.log(Object.keys(process.report).join(' '));
try { r.getReport('x'); } catch (err) { console.log(err.code); }
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rep-'));
r.excludeNetwork = false; r.compact = false;
r.directory = dir;
const name = r.writeReport();
console.log(/^report\.\d{8}\.\d{6}\.\d+\.0\.001\.json$/.test(name), fs.readdirSync(dir).length);
const full = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
console.log(full.header.event, full.header.trigger, full.header.filename === name);
r.compact = true;
const n2 = r.writeReport('custom.json', new Error('given'));
const text = fs.readFileSync(path.join(dir, n2), 'utf8');
console.log(n2, text.indexOf('\n') === text.length - 1, JSON.parse(text).javascriptStack.message);
r.filename = 'fixed.json';
console.log(r.writeReport(), fs.existsSync(path.join(dir, 'fixed.json')));
r.filename = '';
console.log(/\.002\.json$/.test(r.writeReport()));
// On a signal.
r.reportOnSignal = true;
console.log(process.listenerCount('SIGUSR2'));
process.kill(process.pid, 'SIGUSR2');
setTimeout(() => {
  console.log(fs.readdirSync(dir).filter((f) => /\.003\.json$/.test(f)).length);
  const sig = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => /\.003\.json$/.test(f))), 'utf8'));
  console.log(sig.header.event, sig.header.trigger);
  r.reportOnSignal = false;
  console.log(process.listenerCount('SIGUSR2'));
  // On an uncaught exception, from the command line.
  const c = spawnSync(process.execPath, ['--report-uncaught-exception', `--report-dir=${dir}`, '--report-compact',
    '-e', 'throw new RangeError("escaped")'], { encoding: 'utf8' });
  const ex = fs.readdirSync(dir).filter((f) => f.includes(`.${c.pid}.`));
  console.log(c.status, ex.length, c.stderr.includes('Writing Node.js report to file'));
  const er = JSON.parse(fs.readFileSync(path.join(dir, ex[0]), 'utf8'));
  console.log(er.header.event, er.header.trigger, er.javascriptStack.stack.length > 0);
  fs.rmSync(dir, { recursive: true });
}, 100);
