const minimist = require('minimist');
console.log(minimist(['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz']));
console.log(minimist(['--no-color', '--num', '1e3', '--', '-x'], { boolean: ['color'], string: ['num'] }));
