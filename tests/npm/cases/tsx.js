// tsx, the main user of module.register(): `--import tsx` registers its
// resolve/load hooks, which compile TypeScript as it is imported. The
// child is the runtime under test (process.execPath), node or kiln.
const { spawnSync } = require('child_process');
const path = require('path');

const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'tsx', 'main.mts')],
  { cwd: __dirname, encoding: 'utf8' });
process.stdout.write(child.stdout);
console.log('status', child.status, child.stderr === '' ? 'no stderr' : child.stderr);
