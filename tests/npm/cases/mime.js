const mime = require('mime');
console.log(mime.getType('txt'), mime.getType('file.json'), mime.getType('x.tar.gz'), mime.getExtension('text/html'));
