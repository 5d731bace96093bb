// chalk 5 is ESM-only and uses package "imports" (#ansi-styles): loaded
// with import() from CommonJS. Installed as "chalk5" beside chalk 4.
(async () => {
  const { default: chalk, Chalk, supportsColor } = await import('chalk5');
  const c = new Chalk({ level: 1 });
  console.log(JSON.stringify(c.red.bold('x')), JSON.stringify(c.bgBlue.underline('y')));
  console.log(JSON.stringify(new Chalk({ level: 3 }).hex('#ff8800')('z')));
  console.log(chalk.level, supportsColor);
})();
