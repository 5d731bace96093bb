'use strict';
// Differential test of callback ordering: nextTick, promises, queueMicrotask,
// timers, immediates and intervals, nested in each other, plus unref, refresh,
// clearing by id, errors thrown from timers, timers/promises and unhandled
// rejections. Prints a trace; it must equal node's. Only orders that Node
// guarantees are used (e.g. no setTimeout(0) vs setImmediate race from the
// main script).

const log = (...args) => console.log(...args);
const steps = [];
const step = (name, fn) => steps.push([name, fn]);

// Each step starts from a timer callback, after the previous one finished.
function runSteps(i = 0) {
  if (i === steps.length) return;
  const [name, fn] = steps[i];
  log(`=== ${name}`);
  fn(() => setTimeout(runSteps, 2, i + 1));
}

// ---- main script (runs synchronously below, before the steps) ---------------
log('main start');
process.nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => log('promise inside tick 1'));
  process.nextTick(() => log('tick inside tick 1'));
});
Promise.resolve().then(() => {
  log('promise 1');
  process.nextTick(() => log('tick inside promise 1'));
  Promise.resolve().then(() => log('promise inside promise 1'));
});
queueMicrotask(() => log('microtask 1'));
process.nextTick((a, b, c, d, e) => log('tick args', a, b, c, d, e), 1, 2, 3, 4, 5);
process.nextTick(() => log('tick 2'));
log('main end');

step('timers inside a timer', (done) => {
  setTimeout(() => {
    log('outer timeout');
    setTimeout(() => {
      log('inner timeout 0');
      done();
    }, 0);
    setImmediate(() => log('immediate from timeout'));
    process.nextTick(() => log('tick from timeout'));
    Promise.resolve().then(() => log('promise from timeout'));
  }, 1);
});

step('same duration: ticks and microtasks between timers', (done) => {
  for (let i = 0; i < 3; i++) {
    setTimeout(() => {
      log('timer', i);
      process.nextTick(() => log('  tick after timer', i));
      Promise.resolve().then(() => log('  promise after timer', i));
    }, 3);
  }
  setTimeout(done, 3);
});

step('different durations fire by expiry', (done) => {
  setTimeout(() => log('10ms'), 10);
  setTimeout(() => log('1ms'), 1);
  setTimeout(() => log('5ms'), 5);
  setTimeout(() => log('5ms second'), 5);
  setTimeout(done, 15);
});

step('immediates', (done) => {
  setImmediate(() => {
    log('immediate A');
    setImmediate(() => {
      log('immediate nested (next turn)');
      done();
    });
    process.nextTick(() => log('  tick after A'));
    Promise.resolve().then(() => log('  promise after A'));
  });
  setImmediate((x, y) => log('immediate B', x, y), 'x', 'y');
  const c = setImmediate(() => log('immediate C (cleared)'));
  setImmediate(function() {
    log('immediate D this is Immediate:', this.constructor.name, this.hasRef());
  });
  clearImmediate(c);
  clearImmediate(undefined);
  clearImmediate(null);
});

step('clearImmediate from a tick between immediates', (done) => {
  let second;
  setImmediate(() => {
    log('first');
    process.nextTick(() => clearImmediate(second));
  });
  second = setImmediate(() => log('second (must not run)'));
  setImmediate(() => {
    log('third');
    done();
  });
});

step('interval', (done) => {
  let n = 0;
  const iv = setInterval(function(a, b) {
    n++;
    log('interval', n, a, b, this === iv, this._repeat);
    if (n === 3) {
      clearInterval(this);
      done();
    }
  }, 2, 'a', 'b');
});

step('interval cleared by clearTimeout, timeout by clearInterval', (done) => {
  const iv = setInterval(() => log('never (interval)'), 1);
  clearTimeout(iv);
  const t = setTimeout(() => log('never (timeout)'), 1);
  clearInterval(t);
  setTimeout(done, 5);
});

step('clear by primitive id', (done) => {
  const t = setTimeout(() => log('never (cleared by id)'), 1);
  const id = +t;
  log('id is number:', typeof id, t[Symbol.toPrimitive]() === id);
  clearTimeout(id);
  const t2 = setTimeout(() => log('never (cleared by string id)'), 1);
  clearTimeout(`${t2[Symbol.toPrimitive]()}`);
  clearTimeout(12345678);
  clearTimeout(undefined);
  clearTimeout(null);
  clearTimeout({});
  setTimeout(done, 5);
});

step('Timeout object', (done) => {
  const t = setTimeout(() => {}, 1000);
  log(Object.keys(t).join(','));
  log('hasRef', t.hasRef(), t.unref() === t, t.hasRef(), t.ref() === t, t.hasRef());
  log('_idleTimeout', t._idleTimeout, '_repeat', t._repeat, '_destroyed', t._destroyed);
  log('refresh returns this', t.refresh() === t);
  log('close returns this', t.close() === t, t._destroyed);
  const i = setImmediate(() => {});
  log(Object.keys(i).join(','));
  log('immediate hasRef', i.hasRef(), i.unref() === i, i.hasRef(), i.ref() === i);
  clearImmediate(i);
  done();
});

step('delay coercion', (done) => {
  const order = [];
  setTimeout(() => order.push('"2"'), '2');
  setTimeout(() => order.push('NaN'), NaN);
  setTimeout(() => order.push('-5'), -5);
  setTimeout(() => order.push('undefined'));
  setTimeout(() => order.push('null'), null);
  const t = setTimeout(() => order.push('[3]'), [3]);
  log('idleTimeouts', t._idleTimeout, setTimeout(() => {}, 1.7)._idleTimeout);
  setTimeout(() => {
    log(order.join(' '));
    done();
  }, 10);
});

step('refresh postpones', (done) => {
  const start = Date.now();
  let fired = false;
  const t = setTimeout(() => {
    fired = true;
    log('refreshed timer fired late enough:', Date.now() - start >= 14);
    done();
  }, 10);
  setTimeout(() => {
    log('refresh at 6ms, fired yet:', fired);
    t.refresh();
  }, 6);
});

step('timer rescheduled from its own callback', (done) => {
  let n = 0;
  const t = setTimeout(() => {
    n++;
    log('self-refresh run', n);
    if (n < 3) t.refresh();
    else done();
  }, 1);
});

step('timers scheduled from ticks and microtasks after the last timer', (done) => {
  setTimeout(async () => {
    log('last due timer');
    process.nextTick(() => setTimeout(() => log('timer from tick'), 1));
    await null;
    setTimeout(() => {
      log('timer from microtask');
      done();
    }, 3);
  }, 1);
});

step('nextTick exception with a handler; the other ticks still run', (done) => {
  const handler = (err) => log('uncaughtException:', err.message);
  process.on('uncaughtException', handler);
  setTimeout(() => {
    process.nextTick(() => log('tick 1'));
    process.nextTick(() => {
      throw new Error('tick boom');
    });
    process.nextTick(() => log('tick 3'));
    setTimeout(() => {
      process.removeListener('uncaughtException', handler);
      done();
    }, 3);
  }, 1);
});

step('uncaught exception in a timer; later timers still run', (done) => {
  const handler = (err, origin) => log('uncaughtException:', err.message, origin);
  process.on('uncaughtException', handler);
  setTimeout(() => {
    log('timer 1 throws');
    throw new Error('boom');
  }, 1);
  setTimeout(() => log('timer 2 runs'), 1);
  setTimeout(() => {
    process.removeListener('uncaughtException', handler);
    done();
  }, 4);
});

step('uncaught exception in an immediate; later immediates still run', (done) => {
  const handler = (err) => log('uncaughtException:', err.message);
  process.on('uncaughtException', handler);
  setImmediate(() => {
    log('immediate 1 throws');
    throw new Error('immediate boom');
  });
  setImmediate(() => log('immediate 2 runs'));
  setImmediate(() => {
    process.removeListener('uncaughtException', handler);
    done();
  });
});

step('queueMicrotask error', (done) => {
  const handler = (err) => log('uncaughtException:', err.message);
  process.on('uncaughtException', handler);
  queueMicrotask(() => {
    throw new Error('microtask boom');
  });
  queueMicrotask(() => log('next microtask runs'));
  setTimeout(() => {
    process.removeListener('uncaughtException', handler);
    done();
  }, 2);
});

step('argument validation', (done) => {
  for (const fn of [setTimeout, setInterval, setImmediate, process.nextTick, queueMicrotask]) {
    try {
      fn('not a function');
    } catch (e) {
      log(fn.name, e.name, e.code, e.message);
    }
  }
  done();
});

step('unhandled rejection events', (done) => {
  const onUnhandled = (reason, p) => log('unhandledRejection:', reason, p instanceof Promise);
  const onHandled = (p) => log('rejectionHandled:', p instanceof Promise);
  process.on('unhandledRejection', onUnhandled);
  process.on('rejectionHandled', onHandled);
  const p = Promise.reject(new Error('late').message);
  Promise.reject(1).catch(() => log('caught in same tick: no event'));
  process.nextTick(() => log('tick before rejection processing'));
  setTimeout(() => {
    p.catch(() => log('handled late'));
    setTimeout(() => {
      process.removeListener('unhandledRejection', onUnhandled);
      process.removeListener('rejectionHandled', onHandled);
      done();
    }, 2);
  }, 2);
});

step('timers/promises', async (done) => {
  const tp = require('timers/promises');
  log('setTimeout value:', await tp.setTimeout(2, 'v'));
  log('setImmediate value:', await tp.setImmediate('i'));
  let n = 0;
  for await (const v of tp.setInterval(2, 'tick')) {
    log('interval', ++n, v);
    if (n === 3) break;
  }
  const ac = new AbortController();
  const p = tp.setTimeout(1000, 'never', { signal: ac.signal });
  ac.abort('why');
  try {
    await p;
  } catch (e) {
    log('aborted:', e.name, e.code, e.message, e.cause);
  }
  try {
    await tp.setTimeout(1, 'x', { signal: AbortSignal.abort() });
  } catch (e) {
    log('pre-aborted:', e.name, e.cause.name);
  }
  try {
    await tp.setTimeout(1, 'x', 'bad options');
  } catch (e) {
    log('bad options:', e.code, e.message);
  }
  await tp.scheduler.wait(2);
  await tp.scheduler.yield();
  log('scheduler done');
  log('promisify custom:', require('util').promisify(setTimeout) === tp.setTimeout);
  done();
});

step('unref', (done) => {
  const t = setTimeout(() => log('unref timer fired (should not happen)'), 60000);
  t.unref();
  const i = setImmediate(() => log('unref immediate still runs'));
  i.unref();
  setTimeout(done, 5);
});

step('end', (done) => {
  let again = true;
  process.on('beforeExit', (code) => {
    log('beforeExit', code);
    if (again) {
      again = false;
      setTimeout(() => log('timer from beforeExit'), 1);
    }
  });
  setTimeout(() => log('never: unref long timer'), 100000).unref();
  setInterval(() => log('never: unref interval'), 100000).unref();
  process.on('exit', (code) => log('exit', code));
  done();
});

setTimeout(runSteps, 1);
