const iconv = require('iconv-lite');
const buf = iconv.encode('Sa\u00e9 \u20ac', 'win1252');
console.log(buf, iconv.decode(buf, 'win1252'), iconv.encodingExists('koi8-r'));
console.log(iconv.decode(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'utf16'), iconv.encode('\u00e9', 'latin1'));
