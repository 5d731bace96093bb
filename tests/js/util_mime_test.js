'use strict';
// util.MIMEType / util.MIMEParams: parsing, serialization, setters, errors.
const util = require('util');
const { MIMEType, MIMEParams } = util;

function tryIt(label, fn) {
  try {
    console.log(label, JSON.stringify(fn()));
  } catch (e) {
    console.log(label, 'THROWS', e.name, e.code, JSON.stringify(e.message));
  }
}

const inputs = [
  'text/html',
  'Text/HTML;Charset="utf-8"',
  '  \t\r\ntext/plain  ',
  'text/plain ; charset=utf-8',
  'text/plain;charset=utf-8;charset=latin1',
  'text/plain;CHARSET=UTF-8',
  'text/plain;charset="a\\"b\\\\c"',
  'text/plain;charset="unterminated',
  'text/plain;charset="trailing\\',
  'text/plain;a="b"xx=y;c=d',
  'text/plain;a="b" ;c=d',
  'text/plain;a=;b=c',
  'text/plain;a;b=c',
  'text/plain;=x;b=c',
  'text/plain;a= b ;c=d  ',
  'text/plain;a="";b=""',
  'text/plain;a=b c',
  'text/plain;a=\u00e9',
  'text/plain;a=\u0100;b=ok',
  'text/plain;bad name=x;ok=1',
  'text/plain;;;a=1;;',
  'text/plain;a="x;y";b=2',
  'text/plain;a=x@y',
  'application/vnd.api+json; q=0.9',
  'text/plain;\u00e9=x',
  'x/y;a="\\',
  '/html',
  'text/',
  'text',
  '',
  '   ',
  'te xt/html',
  'text/ht ml',
  'text/html ;',
  't\u00e9xt/html',
  'text/h\u00e9',
  'text/html\u00a0',
  '\u00a0text/html',
];
for (const input of inputs) {
  tryIt(JSON.stringify(input), () => {
    const m = new MIMEType(input);
    return [m.type, m.subtype, m.essence, String(m), [...m.params], m.toJSON()];
  });
}
tryIt('undefined', () => new MIMEType().toString());
tryIt('object', () => String(new MIMEType({ toString: () => 'A/B;c=D' })));

const m = new MIMEType('text/javascript;charset=utf-8');
console.log(m, [m], util.inspect(m.params), Object.keys(m), JSON.stringify({ m, p: m.params }));
m.type = 'Application';
m.subtype = 'JSON';
console.log(m.type, m.subtype, m.essence, `${m}`);
tryIt('set type empty', () => { m.type = ''; });
tryIt('set type bad', () => { m.type = 'a/b'; });
tryIt('set subtype bad', () => { m.subtype = 'x y'; });
tryIt('set subtype empty', () => { m.subtype = ''; });
console.log(`${m}`);
const p = m.params;
console.log(p.get('charset'), p.get('missing'), p.has('charset'), p.has('x'));
p.set('Key', 'Value');
p.set('q', 'needs quoting');
p.set('e', '');
p.set('s', 'a"b\\c');
console.log(`${m}`, [...p.keys()], [...p.values()], [...p.entries()], [...p]);
p.delete('charset');
p.delete('nothing');
console.log(`${p}`, p.toJSON());
tryIt('set name empty', () => p.set('', 'x'));
tryIt('set name bad', () => p.set('a b', 'x'));
tryIt('set value bad', () => p.set('a', 'x\ny'));
tryIt('set value high', () => p.set('a', '\u0100'));
p.set(1, 2);
console.log(p.get('1'), typeof p.get('1'));
tryIt('type setter number', () => { m.type = 5; return m.type; });

const fresh = new MIMEParams();
console.log(fresh, `${fresh}`, [...fresh], fresh.get('a'));
fresh.set('a', 'b');
console.log(`${fresh}`, MIMEParams.length, MIMEType.length, MIMEType.name, MIMEParams.name);
console.log(typeof p.entries().next, Object.prototype.toString.call(p.entries()));
console.log(MIMEParams.prototype[Symbol.iterator] === MIMEParams.prototype.entries,
            MIMEType.prototype.toJSON === MIMEType.prototype.toString);
console.log(Object.getOwnPropertyNames(MIMEType.prototype), Object.getOwnPropertyNames(MIMEParams.prototype));
