const glob = require('glob');
const path = require('path');
const root = path.join(__dirname);
console.log(glob.sync('*.js', { cwd: root }).sort().slice(0, 5));
glob('{semver,ms}.js', { cwd: root }, (err, files) => console.log(err, files.sort()));
