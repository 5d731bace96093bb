'use strict';
// util.parseArgs: results, tokens and every error, printed for diffing.
const util = require('util');
const { parseArgs } = util;

function show(label, config) {
  try {
    const r = config === undefined ? parseArgs() : parseArgs(config);
    console.log(label, util.inspect(r, { depth: 5, breakLength: 120 }));
  } catch (e) {
    console.log(label, 'THROWS', e.name, e.code, JSON.stringify(e.message));
  }
}

const opts = {
  foo: { type: 'boolean', short: 'f' },
  bar: { type: 'string', short: 'b' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  inc: { type: 'string', short: 'I', multiple: true },
  num: { type: 'string', short: 'n' },
};

console.log(typeof parseArgs, parseArgs.name, parseArgs.length);
show('default args', undefined);
show('empty', {});
show('long bool', { args: ['--foo'], options: opts });
show('short bool', { args: ['-f'], options: opts });
show('long string', { args: ['--bar', 'baz'], options: opts });
show('long string inline', { args: ['--bar=baz'], options: opts });
show('long string inline empty', { args: ['--bar='], options: opts });
show('inline with =', { args: ['--bar=a=b'], options: opts });
show('short string', { args: ['-b', 'baz'], options: opts });
show('short string joined', { args: ['-bbaz'], options: opts });
show('group', { args: ['-fv'], options: opts });
show('group with value', { args: ['-fvbhello'], options: opts });
show('group value last', { args: ['-fvb', 'x'], options: opts });
show('multiple bool', { args: ['-vvv', '--verbose'], options: opts });
show('multiple string', { args: ['-I', 'a', '--inc', 'b', '-Ic', '--inc=d'], options: opts });
show('last wins', { args: ['--bar', '1', '--bar', '2'], options: opts });
show('terminator', { args: ['--foo', '--', '--bar', 'x', '-f'], options: opts, allowPositionals: true });
show('terminator tokens', { args: ['a', '--', '--bar', 'x'], options: opts, allowPositionals: true, tokens: true });
show('negative inline', { args: ['--num=-5'], options: opts });
show('negative short joined', { args: ['-n-5'], options: opts });
show('negative nonstrict', { args: ['--num', '-5'], options: opts, strict: false });
show('negative strict', { args: ['--num', '-5'], options: opts });
show('negative strict short', { args: ['-n', '-5'], options: opts });
show('dash value strict', { args: ['--num', '-'], options: opts });
show('dashdash value', { args: ['--num', '--'], options: opts, strict: false });
show('defaults', {
  args: [], options: {
    a: { type: 'string', default: 'x' },
    b: { type: 'boolean', default: false },
    c: { type: 'string', multiple: true, default: ['p', 'q'] },
    d: { type: 'boolean', multiple: true, default: [true] },
    e: { type: 'string' },
  },
});
show('default overridden', { args: ['--a', 'y'], options: { a: { type: 'string', default: 'x' } } });
show('tokens', { args: ['-fvb', 'x', '--bar=1', 'pos', '--num', '3', '-Ix'], options: opts, tokens: true, allowPositionals: true });
show('tokens group index', { args: ['-ff', 'p', '-vv'], options: opts, tokens: true, allowPositionals: true });
show('nonstrict unknown', { args: ['--zzz', '-q', '--x=1', '-abc', 'pos'], strict: false, tokens: true });
show('nonstrict bool with value', { args: ['--foo=yes'], options: opts, strict: false });
show('nonstrict missing value', { args: ['--bar'], options: opts, strict: false });
show('odd args', { args: ['--=x', '-', '--a=', '---b'], strict: false, tokens: true });
show('proto', { args: ['--__proto__', '--constructor'], strict: false });
show('proto default', { args: [], options: { __proto__: null, ['__proto__']: { type: 'string', default: 'z' } } });
show('allowNegative', { args: ['--no-foo'], options: opts, allowNegative: true });
show('allowNegative last', { args: ['--foo', '--no-foo'], options: opts, allowNegative: true, tokens: true });
show('allowNegative multiple', { args: ['-v', '--no-verbose'], options: opts, allowNegative: true });
show('allowNegative string', { args: ['--no-bar'], options: opts, allowNegative: true });
show('allowNegative unknown', { args: ['--no-zzz'], options: opts, allowNegative: true });
show('allowNegative value', { args: ['--no-foo=1'], options: opts, allowNegative: true });
show('allowNegative nonstrict', { args: ['--no-zzz'], strict: false, allowNegative: true });
show('without allowNegative', { args: ['--no-foo'], options: opts });
show('inherited option ignored', { args: ['--x'], options: Object.create({ x: { type: 'boolean' } }) });
show('inherited type ignored', { args: [], options: { x: Object.create({ type: 'boolean' }) } });

// Errors from parsing.
show('unknown long', { args: ['--zzz'], options: opts });
show('unknown short', { args: ['-z'], options: opts });
show('unknown in group', { args: ['-fz'], options: opts });
show('unknown inline', { args: ['--zzz=1'], options: opts });
show('unknown with positionals', { args: ['--zzz'], options: opts, allowPositionals: true });
show('unknown short with positionals', { args: ['-z'], options: opts, allowPositionals: true });
show('missing value long', { args: ['--bar'], options: opts });
show('missing value short', { args: ['-b'], options: opts });
show('missing value no short', { args: ['--num'], options: { num: { type: 'string' } } });
show('bool given value', { args: ['--foo=x'], options: opts });
show('bool given value no short', { args: ['--x=1'], options: { x: { type: 'boolean' } } });
show('positional strict', { args: ['pos'], options: opts });
show('positional after --', { args: ['--', 'pos'], options: opts });
show('positional nonstrict', { args: ['pos'], strict: false, allowPositionals: false });

// Errors from validation.
show('null config', null);
show('args not array', { args: 'x' });
show('strict not bool', { strict: 1 });
show('allowPositionals not bool', { allowPositionals: 'yes' });
show('tokens not bool', { tokens: 0 });
show('allowNegative not bool', { allowNegative: 'x' });
show('options not object', { options: 5 });
show('options array', { options: [] });
show('option not object', { options: { a: 'string' } });
show('type missing', { options: { a: {} } });
show('type bad', { options: { a: { type: 'number' } } });
show('short not string', { options: { a: { type: 'boolean', short: 1 } } });
show('short too long', { options: { a: { type: 'boolean', short: 'ab' } } });
show('short empty', { options: { a: { type: 'boolean', short: '' } } });
show('multiple not bool', { options: { a: { type: 'boolean', multiple: 1 } } });
show('default bad string', { options: { a: { type: 'string', default: 1 } } });
show('default bad bool', { options: { a: { type: 'boolean', default: 'x' } } });
show('default bad string array', { options: { a: { type: 'string', multiple: true, default: 'x' } } });
show('default bad string array item', { options: { a: { type: 'string', multiple: true, default: ['x', 1] } } });
show('default bad bool array', { options: { a: { type: 'boolean', multiple: true, default: [true, 'x'] } } });
show('args item not string', { args: [1], strict: false });

const e = (() => { try { parseArgs({ args: ['--zzz'] }); } catch (err) { return err; } })();
console.log(e instanceof TypeError, Object.keys(e), e.name, String(e).split('\n')[0]);

// allowNegative corner cases.
const neg = (label, args, options, strict) =>
  show(label, { args, options, strict, allowNegative: true, tokens: true });
neg('neg string option named no-x', ['--no-x'], { 'no-x': { type: 'string' } }, false);
neg('neg string option named no-x strict', ['--no-x'], { 'no-x': { type: 'string' } }, true);
neg('neg string option named no-x value', ['--no-x', 'y'], { 'no-x': { type: 'string' } }, true);
neg('neg both defined', ['--no-foo'], { 'no-foo': { type: 'boolean' }, foo: { type: 'boolean' } }, true);
neg('neg only negated defined', ['--no-foo'], { 'no-foo': { type: 'boolean' } }, true);
neg('neg inline nonstrict', ['--no-zzz=1'], {}, false);
neg('neg string skips value', ['--no-bar', 'x'], { bar: { type: 'string' } }, false);
neg('neg empty', ['--no-'], {}, false);
neg('neg proto', ['--no-__proto__'], {}, false);
neg('single dash no', ['-no-foo'], {}, false);

// Default args: after the script, or after the binary for -e/-p.
const { execFileSync } = require('child_process');
const script = "console.log(JSON.stringify(require('util').parseArgs({ strict: false })))";
console.log(execFileSync(process.execPath, ['-e', script, 'x', '--y', '-z1'], { encoding: 'utf8' }).trim());
console.log(execFileSync(process.execPath, ['-p', "require('util').parseArgs({ strict: false }).positionals.join()", 'p', 'q'],
                         { encoding: 'utf8' }).trim());
