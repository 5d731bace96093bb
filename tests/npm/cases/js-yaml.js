const yaml = require('js-yaml');
const doc = yaml.load('a: 1\nb:\n  - x\n  - y: [1, 2]\nc: !!str 3\nd: 2001-12-14\n');
console.log(doc);
console.log(yaml.dump({ name: 'kiln', list: [1, 'two', { three: 3 }], nested: { deep: true } }));
try { yaml.load('a: [1,'); } catch (e) { console.log(e.name, e.reason); }
