'use strict';
// v8.promiseHooks, as Node 20's: any number of init/before/after/settled
// hooks over V8's one set of promise hooks per context
// (binding('task_queue').setPromiseHooks). A hook that throws does not stop
// the others: its error is reported as uncaught once they have run.

const { validatePlainFunction } = require('internal/validators');

const hookLists = { init: [], before: [], after: [], settled: [] };

// One V8 hook that runs a copy of `list` (a hook may stop itself or others).
function makeRunHook(list) {
  return function runHooks(promise, parent) {
    const hookSet = list.slice();
    const exceptions = [];
    for (let i = 0; i < hookSet.length; i++) {
      try {
        hookSet[i](promise, parent);
      } catch (err) {
        exceptions.push(err);
      }
    }
    for (let i = 0; i < exceptions.length; i++) {
      binding('errors').triggerUncaughtException(exceptions[i], false);
    }
  };
}

const runners = {
  init: makeRunHook(hookLists.init),
  before: makeRunHook(hookLists.before),
  after: makeRunHook(hookLists.after),
  settled: makeRunHook(hookLists.settled),
};

// V8 calls a hook only while its list is non-empty.
function update() {
  const pick = (name) => (hookLists[name].length > 0 ? runners[name] : undefined);
  binding('task_queue').setPromiseHooks(
    pick('init'), pick('before'), pick('after'), pick('settled'));
}

function stop(list, hook) {
  const index = list.indexOf(hook);
  if (index >= 0) {
    list.splice(index, 1);
    update();
  }
}

function makeUseHook(name) {
  const list = hookLists[name];
  return (hook) => {
    validatePlainFunction(hook, `${name}Hook`);
    list.push(hook);
    update();
    return stop.bind(null, list, hook);
  };
}

const onInit = makeUseHook('init');
const onBefore = makeUseHook('before');
const onAfter = makeUseHook('after');
const onSettled = makeUseHook('settled');

function createHook({ init, before, after, settled } = {}) {
  const stops = [];
  if (init) stops.push(onInit(init));
  if (before) stops.push(onBefore(before));
  if (after) stops.push(onAfter(after));
  if (settled) stops.push(onSettled(settled));
  return () => {
    for (const stopHook of stops) stopHook();
  };
}

module.exports = { hooks: { onInit, onBefore, onAfter, onSettled, createHook } };
