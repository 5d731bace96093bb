'use strict';
// Differential test of `assert`: the messages, codes and properties of many
// failing assertions (including the "+ actual - expected" diffs and the
// source-expression messages of assert.ok), the throws/rejects family,
// and deep equality over a table of value pairs. Run under node and kiln:
// stdout must be identical.

const assert = require('assert');

function report(label, fn) {
  try {
    fn();
    console.log(`${label}: ok`);
  } catch (e) {
    console.log(`${label}: ${e.name} ${e.code} generated=${e.generatedMessage} ` +
                `operator=${e.operator}`);
    console.log(`  ${JSON.stringify(e.message)}`);
    if (e instanceof assert.AssertionError) {
      console.log(`  stack[0]=${JSON.stringify(e.stack.split('\n')[0])}`);
    }
  }
}

// ---- comparisons --------------------------------------------------------------
const big = Array.from({ length: 60 }, (_, i) => i);
const bigChanged = big.slice();
bigChanged[30] = -1;
const pairs = [
  [1, 2], [1, '1'], [0, -0], [-0, 0], [NaN, NaN], [null, undefined], ['abc', 'abd'],
  ['a\nb\nc', 'a\nB\nc'], ['x'.repeat(40), 'x'.repeat(39) + 'y'], [true, 1n],
  [{ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] }], [[1, 2, 3], [1, 2]], [[1, 2], [1, 2, 3]],
  [{ a: { b: { c: { d: 1 } } } }, { a: { b: { c: { d: 2 } } } }],
  [new Map([[1, 'a']]), new Map([[1, 'b']])], [new Set([1, 2]), new Set([1, 3])],
  [new Date(0), new Date(1)], [/a/g, /a/i], [new Error('x'), new Error('y')],
  [new TypeError('x'), new Error('x')], [Symbol('s'), Symbol('s')], [[Symbol('s')], [Symbol('s')]],
  [{ a: 1 }, { a: 1 }], [[1, 2], [1, 2]], [big, bigChanged], [big, big.slice(0, 50)],
  [{ x: 'y'.repeat(600) }, { x: 'z' }], [Object.create(null), {}], [[1, , 3], [1, undefined, 3]],
  [new Uint8Array([1, 2]), new Uint8Array([1, 3])], [new Number(1), new Number(2)],
  [function f() {}, function f() {}], [{ a: undefined }, {}], [[0], [-0]], [1, 1], ['a', 'a'],
  [{ a: [1, 2, { b: 3 }], c: new Map([['k', { v: 1 }]]) }, { a: [1, 2, { b: 3 }], c: new Map([['k', { v: 2 }]]) }],
];
const operators = ['equal', 'notEqual', 'strictEqual', 'notStrictEqual', 'deepEqual',
  'notDeepEqual', 'deepStrictEqual', 'notDeepStrictEqual'];
for (let i = 0; i < pairs.length; i++) {
  const [a, b] = pairs[i];
  for (const op of operators) {
    report(`#${i} ${op}`, () => assert[op](a, b));
  }
  // (Errors keep their stacks in a custom-message diff: not comparable.)
  if (!(a instanceof Error)) {
    report(`#${i} deepStrictEqual+msg`, () => assert.deepStrictEqual(a, b, 'custom message'));
  }
  report(`#${i} strict.equal`, () => assert.strict.equal(a, b));
}
report('missing args', () => assert.strictEqual(1));
report('missing args deep', () => assert.deepEqual());
report('message error', () => assert.strictEqual(1, 2, new TypeError('mine')));

// ---- ok / fail / ifError / match ----------------------------------------------------
report('ok()', () => assert.ok());
report('ok(0)', () => assert.ok(0));
report('assert(false)', () => assert(false));
report('ok typeof', () => assert.ok(typeof 123 === 'string'));
report('ok msg', () => assert.ok(null, 'it was null'));
report('ok error', () => assert.ok('', new RangeError('range')));
report('strict ok', () => assert.strict(0));
report('ok multi-line', () => {
  assert.ok(
    [1, 2].includes(3) &&
      true,
  );
});
report('ok string paren', () => assert(')' === '(' /* ) */, undefined));
report('ok template', () => assert.ok(`${1 + 1}` === '3'));
report('fail()', () => assert.fail());
report('fail(msg)', () => assert.fail('boom'));
report('fail(err)', () => assert.fail(new TypeError('te')));
report('ifError(null)', () => assert.ifError(null));
report('ifError(err)', () => assert.ifError(new Error('bad')));
report('ifError(str)', () => assert.ifError('str'));
report('ifError(empty)', () => assert.ifError(new TypeError('')));
report('match', () => assert.match('abc', /x/));
report('match non-string', () => assert.match(123, /x/));
report('match bad regexp', () => assert.match('abc', 'x'));
report('doesNotMatch', () => assert.doesNotMatch('abc', /b/));
report('match msg', () => assert.match('abc', /x/, 'nope'));

// ---- throws / doesNotThrow --------------------------------------------------------------
const thrower = (e) => () => { throw e; };
class MyError extends Error {}
report('throws none', () => assert.throws(() => {}));
report('throws none msg', () => assert.throws(() => {}, 'expected it'));
report('throws none class', () => assert.throws(() => {}, TypeError));
report('throws none class msg', () => assert.throws(() => {}, TypeError, 'msg'));
report('throws class ok', () => assert.throws(thrower(new TypeError('x')), TypeError));
report('throws class wrong', () => assert.throws(thrower(new TypeError('x')), RangeError));
report('throws class same name', () => {
  const Other = class TypeError extends Error {};
  assert.throws(thrower(new TypeError('x')), Other);
});
report('throws class non-error', () => assert.throws(thrower(42), RangeError));
report('throws regexp ok', () => assert.throws(thrower(new Error('abc')), /b/));
report('throws regexp wrong', () => assert.throws(thrower(new Error('abc')), /x/));
report('throws object ok', () => assert.throws(thrower(new TypeError('m')), { name: 'TypeError', message: 'm' }));
report('throws object wrong', () => assert.throws(thrower(new TypeError('m')), { name: 'TypeError', message: 'n' }));
report('throws object regexp', () => assert.throws(thrower(new TypeError('mmm')), { message: /m+/, name: /Range/ }));
report('throws object missing', () => assert.throws(thrower(new Error('m')), { code: 'X' }));
report('throws object code', () => assert.throws(thrower(Object.assign(new Error('m'), { code: 'A' })), { code: 'B' }));
report('throws object msg', () => assert.throws(thrower(new Error('m')), { message: 'n' }, 'custom'));
report('throws empty object', () => assert.throws(thrower(new Error('m')), {}));
report('throws error instance', () => assert.throws(thrower(new Error('m')), new Error('n')));
report('throws primitive', () => assert.throws(thrower('str'), { message: 'x' }));
report('throws validator ok', () => assert.throws(thrower(new Error('m')), (e) => e.message === 'm'));
report('throws validator false', () => assert.throws(thrower(new Error('m')), function check() { return false; }));
report('throws validator anon', () => assert.throws(thrower(new Error('m')), (() => () => 1)()));
report('throws bad fn', () => assert.throws('not a function'));
report('throws bad error arg', () => assert.throws(thrower(new Error('m')), 123));
report('throws string twice', () => assert.throws(thrower(new Error('m')), 'a', 'b'));
report('throws ambiguous', () => assert.throws(thrower(new Error('same')), 'same'));
report('throws ambiguous prim', () => assert.throws(thrower('same'), 'same'));
report('throws MyError', () => assert.throws(thrower(new Error('x')), MyError));
report('doesNotThrow ok', () => assert.doesNotThrow(() => {}));
report('doesNotThrow', () => assert.doesNotThrow(thrower(new Error('oops'))));
report('doesNotThrow msg', () => assert.doesNotThrow(thrower(new Error('oops')), 'was thrown'));
report('doesNotThrow class match', () => assert.doesNotThrow(thrower(new TypeError('t')), TypeError));
report('doesNotThrow class other', () => assert.doesNotThrow(thrower(new TypeError('t')), RangeError));
report('doesNotThrow regexp', () => assert.doesNotThrow(thrower(new Error('abc')), /b/, 'msg'));
report('doesNotThrow bad', () => assert.doesNotThrow(thrower(new Error('abc')), 'x', 'y'));

// ---- AssertionError ---------------------------------------------------------------------
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(String(e), e.name, e.code, e.generatedMessage, Object.keys(e).join(','));
console.log(new assert.AssertionError({ message: 'm', actual: 1 }).message);
report('AssertionError(bad)', () => new assert.AssertionError('x'));
const details = new assert.AssertionError({
  message: 'details', details: [{ message: 'm0', actual: 1, expected: 2, operator: 'op', stack: 's' }],
});
console.log(Object.keys(details).join(','));

// ---- module shape -----------------------------------------------------------------------
console.log(Object.keys(assert).join(' '));
console.log(Object.keys(assert.strict).join(' '));
console.log(assert.strict.strict === assert.strict, require('assert/strict') === assert.strict,
            assert.strict.equal === assert.strictEqual, assert.strict.deepEqual === assert.deepStrictEqual);
for (const k of Object.keys(assert)) {
  if (typeof assert[k] === 'function') console.log(k, assert[k].name, assert[k].length);
}

// ---- rejects / doesNotReject ------------------------------------------------------------
(async () => {
  const cases = [
    ['rejects none', () => assert.rejects(Promise.resolve(1))],
    ['rejects fn none', () => assert.rejects(async () => {})],
    ['rejects ok', () => assert.rejects(Promise.reject(new Error('r')), /r/)],
    ['rejects wrong', () => assert.rejects(Promise.reject(new Error('r')), { message: 'q' })],
    ['rejects not promise', () => assert.rejects(() => 1)],
    ['rejects bad arg', () => assert.rejects(1)],
    ['rejects sync throw', () => assert.rejects(() => { throw new Error('sync'); })],
    ['doesNotReject', () => assert.doesNotReject(Promise.reject(new Error('r')))],
    ['doesNotReject ok', () => assert.doesNotReject(Promise.resolve(1))],
    ['doesNotReject thenable', () => assert.doesNotReject({ then(r) { r(); }, catch() {} })],
  ];
  for (const [label, fn] of cases) {
    try {
      await fn();
      console.log(`${label}: ok`);
    } catch (err) {
      console.log(`${label}: ${err.name} ${err.code} ${JSON.stringify(err.message)}`);
    }
  }
})();
