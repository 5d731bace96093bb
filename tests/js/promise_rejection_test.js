'use strict';
// Differential test of unhandled-rejection handling in Node's default mode
// (--unhandled-rejections=throw): 'unhandledRejection' listeners, the
// uncaught exception raised without one (non-Error reasons wrapped in
// ERR_UNHANDLED_REJECTION, whose message renders the reason without side
// effects), 'rejectionHandled', and ordering against ticks and microtasks.

const log = (...args) => console.log(...args);

function phase1() {
  log('=== without unhandledRejection listeners');
  const onUncaught = (err, origin) => {
    log(origin, err.name, err.code, err instanceof Error,
        JSON.stringify(err.message.slice(err.message.indexOf('reason'))));
  };
  process.on('uncaughtException', onUncaught);
  const reasons = [[1, 2], {}, { toString() { return 'x'; } }, Symbol('s'), null, undefined,
    1.5, -0, 10n, 'str', function foo() { return 1; }, new (class K {})(),
    Object.create(null), new Map(), true,
    Object.assign(Object.create(Error.prototype), { message: 'm' })];
  for (const r of reasons) Promise.reject(r);
  const e = new Error('an error');
  Promise.reject(e);
  process.nextTick(() => log('tick runs before rejections are processed'));
  Promise.resolve().then(() => log('microtask runs before rejections are processed'));
  setTimeout(() => {
    process.removeListener('uncaughtException', onUncaught);
    phase2();
  }, 5);
}

function phase2() {
  log('=== with listeners');
  const seen = [];
  process.on('unhandledRejection', (reason, promise) => {
    seen.push(promise);
    log('unhandledRejection', typeof reason === 'object' ? reason.message : reason);
  });
  process.on('rejectionHandled', (promise) => log('rejectionHandled', seen.includes(promise)));
  const p1 = Promise.reject(new Error('one'));
  const p2 = Promise.reject('two');
  p2.catch(() => log('p2 handled in the same tick: no event'));
  (async () => {
    throw new Error('from async function');
  })();
  new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('later rejection')), 1);
  });
  setTimeout(() => {
    p1.catch(() => log('p1 handled late'));
  }, 5);
  process.on('exit', (code) => log('exit', code));
}

phase1();
