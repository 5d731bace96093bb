'use strict';
// util.parseEnv: the .env grammar and its quirks, keys in sorted order.
const { parseEnv } = require('util');
const cases = [
  'A=1\nB=2',
  'A = 1 \n  B=  two words  ',
  '# comment\nA=1 # trailing\nB="x # y"\nC=\'q # r\'',
  'A="multi\nline"\nB=after',
  'A="esc\\nnl"\nB=\'esc\\nnl\'\nC=`bt\\nx`\nD=raw\\nx',
  'export A=1\nexport  B = 2\nexportC=3',
  'A=\nB=""\nC=\'\'',
  'NOEQ\nA=1',
  'A=1\r\nB=2\r\n',
  'A="unterminated\nB=2',
  'A=\'unterminated\nB=2',
  'A=`multi\nline`',
  'A=1\nA=2',
  ' =x\nB=1',
  'A="a"b\nC=1',
  'A="a" # c\nB=2',
  'A=a#b\nB=c #d',
  'A.B-C=1\nA B=2',
  'A="x\\"y"',
  'A=${B}\nB=1',
  '\n\n\nA=1\n\n',
  'A==1\nB=a=b',
  '#A=1\n  #B=2\nC=3',
  'A="  spaced  "\nB=  unq spaced  ',
  'A=\'"nested"\'\nB="\'n\'"\nC=`"\'x\'"`',
  'export\nexport A\nexport =1',
  '"A"=1\nB',
  'A=1\rB=2',
  'A=\tb\t',
  'A="b\\tc"\nB="\\\\"',
  '',
  'A=x\\\nB=y',
  '\ufeffA=1',
  'A="x"\'y\'',
];
for (const c of cases) {
  try { console.log(JSON.stringify(c), JSON.stringify(parseEnv(c)), Object.getPrototypeOf(parseEnv(c)) === Object.prototype); }
  catch (e) { console.log(JSON.stringify(c), 'THROWS', e.code, e.message); }
}
for (const bad of [undefined, 1, null, Buffer.from("A=1")]) {
  try { parseEnv(bad); } catch (e) { console.log(e.code, e.message); }
}
const more = [
  'A= "q" \nB=1', 'A=  # c\nB=1', '#c=1', 'X=1\n#c=1', 'X=1\n#c', 'A=', 'A= ', 'A=  \nB=2', 'A = "x"',
  '  \n  A=1', 'A="\\\\n"', 'A="a\\nb\\nc"', 'A="x" junk\nB=2', "A='x'\nB", "A='x", 'A="x', 'A=`x',
  'A=`x``', 'A="""', 'export A', 'A=1\n\n\n#x\n\nB=2', ' \t A=1', 'A\t=1', 'A=1\t#c',
  'z=1\nZ=2\n10=a\n2=b\na=c', '\u00e9=1\n\ud83d\ude00=2\n\uffff=3', 'A="x"  \n  B=2', "A='a\nb'",
  'export export A=1', 'A=#x', 'A=" #x"', "A='x' B=2", 'A=`x`=y', "A='unterminated  \nB=1",
  'A="unterminated  \nB=1', 'A="x"B=2', 'A="a" #c=3', "A='x'\n", 'A=1 \n', 'A="1" \n #c\n B=2 ',
  "A='x=y", 'A="x\ny"z\nQ=1', '=1\nB=2', 'A=1\n=2\nB=3', '   =1', 'export =1', 'export A="q"',
  '__proto__=1\nB=2', '\ud800=1', 'constructor=x\ntoString=y',
];
for (const c of more) console.log(JSON.stringify(c), JSON.stringify(parseEnv(c)));
