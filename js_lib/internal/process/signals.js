'use strict';
// process.on('SIGINT', fn): the first listener for a signal starts a libev
// signal watcher (binding('signals')); removing the last one restores the
// default action. C++ delivers signals through hooks.emitSignal(signo).

const signals = binding('signals');
const watched = new Map();  // signal name -> signo

function signalNumbers() { return binding('constants').os.signals; }

function isSignal(name) {
  return typeof name === 'string' && name.startsWith('SIG') &&
    signalNumbers()[name] !== undefined;
}

function setup(process) {
  process.on('newListener', (type) => {
    if (!isSignal(type) || watched.has(type)) return;
    const signo = signalNumbers()[type];
    const err = signals.start(signo);
    if (err) {
      throw require('internal/errors').errnoException(err, 'uv_signal_start');
    }
    watched.set(type, signo);
  });
  process.on('removeListener', (type) => {
    if (!watched.has(type) || process.listenerCount(type) > 0) return;
    signals.stop(watched.get(type));
    watched.delete(type);
  });
  hooks.emitSignal = function emitSignal(signo) {
    const names = signalNumbers();
    for (const name of watched.keys()) {
      if (names[name] === signo) process.emit(name, name, signo);
    }
  };
}

module.exports = { setup };
