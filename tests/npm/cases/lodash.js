const _ = require('lodash');
console.log(_.chunk(['a', 'b', 'c', 'd'], 3), _.uniq([2, 1, 2]), _.zip(['a', 'b'], [1, 2]));
console.log(_.groupBy([6.1, 4.2, 6.3], Math.floor), _.sortBy([{ n: 'b' }, { n: 'a' }], 'n'));
console.log(_.template('hello <%= user %>!')({ user: 'fred' }), _.camelCase('Foo Bar'), _.kebabCase('fooBar'));
console.log(_.merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] }), _.cloneDeep({ d: new Date(0) }));
console.log(_.debounce(() => {}, 10).cancel === undefined, _.isEqual({ a: [1] }, { a: [1] }));
