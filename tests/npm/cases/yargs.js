const yargs = require('yargs/yargs');
const argv = yargs(['serve', '--port', '8080', '-v', '--tag', 'a', '--tag', 'b'])
  .command('serve', 'start the server', (y) => y.option('port', { type: 'number', default: 80 }))
  .option('v', { alias: 'verbose', type: 'boolean' })
  .option('tag', { type: 'array' })
  .help(false).version(false)
  .parse();
console.log(argv._, argv.port, argv.verbose, argv.tag);
yargs([]).scriptName('tool').usage('$0 <cmd> [args]')
  .command('hello [name]', 'welcome ter yargs!', (y) => y.positional('name', { type: 'string', default: 'Cambi' }))
  .version(false).showHelp((s) => console.log(s));
