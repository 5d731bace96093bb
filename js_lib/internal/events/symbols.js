'use strict';

// Symbols shared by events, internal/event_target and their users.

module.exports = {
  // On a listener-options object: pass the first event argument, not an array.
  kFirstEventParam: Symbol('nodejs.kFirstEventParam'),
  // On addEventListener options: the listener runs even after
  // stopImmediatePropagation() (used for internal abort listeners).
  kResistStopPropagation: Symbol('kResistStopPropagation'),
  // On addEventListener options: an object that keeps the listener alive;
  // the target holds the listener only weakly (util.aborted).
  kWeakHandler: Symbol('kWeak'),
  // Per-EventTarget max listener count and whether the leak warning fired.
  kMaxEventTargetListeners: Symbol('events.maxEventTargetListeners'),
  kMaxEventTargetListenersWarned: Symbol('events.maxEventTargetListenersWarned'),
  // events.on() iterators expose their buffer state under this key.
  kWatermarkData: Symbol.for('nodejs.watermarkData'),
};
