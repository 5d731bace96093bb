'use strict';
// async_hooks: AsyncLocalStorage across every async boundary, AsyncResource,
// and the argument errors. Steps run one after another so the output order
// does not depend on timing.
const assert = require('assert');
const fs = require('fs');
const http = require('http');
const timersPromises = require('timers/promises');
const {
  AsyncLocalStorage, AsyncResource, executionAsyncId, triggerAsyncId, executionAsyncResource,
} = require('node:async_hooks');
const EventEmitter = require('events');

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();
const log = (...args) => console.log(...args);
const store = () => JSON.stringify(als.getStore());

function errorOf(fn) {
  try {
    fn();
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
  return 'no error';
}

// Resolves when `fn(done)` calls done, logging what the callback saw.
function step(name, fn) {
  return new Promise((resolve) => fn((...seen) => { log(name, ...seen); resolve(); }));
}

async function main() {
  log('exports', Object.keys(require('async_hooks')).filter((k) => k !== 'createHook' &&
      k !== 'asyncWrapProviders').join(','));
  log('initial', store(), als.enabled);

  // run / getStore / nesting / exit / return value
  const ret = als.run({ id: 1 }, (a, b) => {
    log('run', store(), a, b);
    als.run({ id: 2 }, () => {
      log('nested', store());
      log('exit', als.exit((x) => `${store()} ${x}`, 'arg'));
      log('other storage', other.getStore());
    });
    log('after nested', store());
    return 'ret';
  }, 'a', 'b');
  log('run returned', ret, store());

  // a throw inside run restores the outer store
  als.run('outer', () => {
    log('throw', errorOf(() => als.run('inner', () => { throw new Error('boom'); })), store());
  });

  // await chains and Promise.all
  await als.run('await', async () => {
    await null;
    log('await 1', store());
    await new Promise((r) => setTimeout(r, 1));
    log('await 2', store());
    const all = await Promise.all([1, 2, 3].map((n) => als.run(`all${n}`, async () => {
      await timersPromises.setTimeout(5 - n);
      return store();
    })));
    log('all', all.join(' '), store());
    await Promise.resolve().then(() => log('then', store()));
  });
  log('after await', store());

  // two storages in one frame
  als.run('A', () => other.run('B', () => {
    log('two', store(), other.getStore());
  }));

  // nextTick, queueMicrotask, the timers
  await als.run('tick', () => step('nextTick', (done) => process.nextTick(() => done(store()))));
  await als.run('micro', () => step('queueMicrotask',
                                    (done) => queueMicrotask(() => done(store()))));
  await als.run('timeout', () => step('setTimeout', (done) => setTimeout(() => done(store()), 2)));
  await als.run('immediate', () => step('setImmediate',
                                        (done) => setImmediate(() => done(store()))));
  await als.run('interval', () => step('setInterval', (done) => {
    let n = 0;
    const seen = [];
    const t = setInterval(() => {
      seen.push(store());
      if (++n === 3) {
        clearInterval(t);
        done(seen.join(' '));
      }
    }, 1);
  }));
  await als.run('tp', async () => {
    await timersPromises.setImmediate();
    log('timers/promises setImmediate', store());
    for await (const _ of timersPromises.setInterval(1)) {
      log('timers/promises setInterval', store());
      break;
    }
  });
  // callbacks scheduled outside any run see no store
  await als.run('x', () => als.exit(() => step('exit + setTimeout',
                                               (done) => setTimeout(() => done(store()), 1))));

  // fs callbacks and promises
  await als.run('fs', () => step('fs.readFile', (done) => {
    fs.readFile(__filename, (err) => done(err === null, store()));
  }));
  await als.run('fs2', () => step('fs.stat', (done) => fs.stat(__filename, () => done(store()))));
  await als.run('fsp', async () => {
    await fs.promises.readFile(__filename);
    log('fs.promises', store());
  });

  // EventEmitter is not a boundary: listeners run in the emitter's frame
  const ee = new EventEmitter();
  als.run('listener', () => ee.on('e', () => log('listener', store())));
  als.run('emitter', () => ee.emit('e'));

  // enterWith: for the rest of the current (async) function
  await (async () => {
    als.enterWith('entered');
    log('enterWith', store());
    await null;
    log('enterWith after await', store());
    await step('enterWith nextTick', (done) => process.nextTick(() => done(store())));
  })();
  log('enterWith outside', store());
  als.exit(() => {});

  // disable
  als.run('dis', () => {
    als.disable();
    log('disabled', store(), als.enabled);
    als.run('again', () => log('re-enabled', store(), als.enabled));
  });

  // http: the handler sees the store of listen(), the client its request's
  await new Promise((resolve) => {
    let server;
    als.run('server', () => {
      server = http.createServer((req, res) => {
        const seen = store();
        req.resume();
        req.on('end', () => res.end(`${req.url} ${seen} ${store()}`));
      });
      server.listen(0, '127.0.0.1');
    });
    server.on('listening', () => {
      let left = 2;
      for (const name of ['client1', 'client2']) {
        als.run(name, () => {
          http.get({ host: '127.0.0.1', port: server.address().port, path: `/${name}` }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => { body += d; });
            res.on('end', () => {
              log('http', name, body, store());
              if (--left === 0) server.close(resolve);
            });
          });
        });
      }
    });
  });

  // AsyncResource
  const resource = als.run('resource', () => new AsyncResource('TEST'));
  log('runInAsyncScope', resource.runInAsyncScope(function(a) {
    return `${store()} ${this} ${a}`;
  }, 'self', 'arg'), store());
  log('asyncId', resource.asyncId() > 1, typeof resource.triggerAsyncId());
  log('emitDestroy', resource.emitDestroy() === resource);
  log('executionAsyncResource', resource.runInAsyncScope(() => executionAsyncResource()) === resource);
  log('executionAsyncId', resource.runInAsyncScope(() => executionAsyncId()) === resource.asyncId());
  log('ids', typeof executionAsyncId(), typeof triggerAsyncId());
  const bound = als.run('bound', () => AsyncResource.bind(function named(a, b) {
    return `${store()} ${a}${b}`;
  }));
  log('AsyncResource.bind', bound('x', 'y'), bound.length, bound.name, store());
  const bound2 = als.run('bound2', () => resource.bind((x) => `${store()} ${x}`));
  log('resource.bind', bound2(1));
  const thisBound = resource.bind(function() { return this; }, 'me');
  log('bind thisArg', thisBound.call('other'));
  const alsBound = als.run('als.bind', () => AsyncLocalStorage.bind(() => store()));
  log('AsyncLocalStorage.bind', alsBound());
  const snap = als.run('snap', () => AsyncLocalStorage.snapshot());
  log('snapshot', als.run('later', () => snap((a) => `${store()} ${a}`, 'z')));

  // errors
  log(errorOf(() => new AsyncResource()));
  log(errorOf(() => new AsyncResource(1)));
  log(errorOf(() => new AsyncResource('')));  // storages are enabled: checked
  log(errorOf(() => new AsyncResource('T', -4)));
  log(errorOf(() => new AsyncResource('T', Math.PI)));
  log(errorOf(() => new AsyncResource('T', { triggerAsyncId: 'x' })));
  log(errorOf(() => new AsyncResource('T', 5)));
  log(errorOf(() => resource.bind(1)));
  log(errorOf(() => AsyncResource.bind({})));
  assert.throws(() => als.run('s', 5), TypeError);
  log('after errors', store());
}

main().then(() => log('done', store()));
