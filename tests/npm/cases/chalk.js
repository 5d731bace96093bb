const chalk = require('chalk');
const c = new chalk.Instance({ level: 2 });
console.log(JSON.stringify(c.red.bold('x') + c.bgBlue.white('y') + c.hex('#ff8800')('z')));
console.log(chalk.supportsColor === false || typeof chalk.supportsColor === 'object', chalk.level);
