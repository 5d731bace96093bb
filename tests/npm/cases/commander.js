const { Command } = require('commander');
const program = new Command();
program.name('tool').version('1.0.0').option('-d, --debug', 'debug').option('-p, --pizza-type <type>', 'flavour', 'cheese')
  .argument('<file>').action((file, opts) => console.log('file', file, opts));
program.exitOverride();
program.parse(['node', 'tool', '-d', '-p', 'hawaii', 'in.txt']);
console.log(program.helpInformation());
