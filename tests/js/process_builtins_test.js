'use strict';
// process.loadEnvFile, process.getBuiltinModule, process.constrainedMemory /
// availableMemory (Node 20.12+/20.16+).
const fs = require('fs');
const os = require('os');
const path = require('path');
const file = path.join(os.tmpdir(), `kiln-env-${process.pid}.env`);
fs.writeFileSync(file, 'KILN_T_A=1\nKILN_T_B="two words"\nexport KILN_T_C=3\nPATH=nope\n');
process.loadEnvFile(file);
console.log(process.env.KILN_T_A, process.env.KILN_T_B, process.env.KILN_T_C, process.env.PATH !== 'nope');
console.log(require('child_process').execSync('echo $KILN_T_C', { encoding: 'utf8' }).trim());
fs.unlinkSync(file);
for (const bad of ['/no/such/file.env', 123]) {
  try { process.loadEnvFile(bad); } catch (e) { console.log(e.code, e.message); }
}
const get = process.getBuiltinModule;
console.log(get('fs') === require('fs'), get('node:path') === require('path'), get('nope'),
            get('node:test') !== undefined, get('test'), get('internal/errors'), get('node:nope'));
try { get(1); } catch (e) { console.log(e.code, e.message); }
const limit = process.constrainedMemory();
console.log(typeof limit, limit >= 0, typeof process.availableMemory(), process.availableMemory() > 0);
