'use strict';

// Writable's public state accessors (writableLength, writableNeedDrain, ...).
// Duplex copies these descriptors, so each reads only _writableState.

module.exports = function installProps(Writable) {
  Object.defineProperties(Writable.prototype, {
    closed: {
      get() { return this._writableState ? this._writableState.closed : false; },
    },
    destroyed: {
      get() { return this._writableState ? this._writableState.destroyed : false; },
      set(value) {
        if (this._writableState) this._writableState.destroyed = !!value;
      },
    },
    writable: {
      get() {
        const w = this._writableState;
        return !!w && w.writable !== false && !w.ending && !w.ended && !w.destroyed && !w.errored;
      },
      set(val) {
        if (this._writableState) this._writableState.writable = !!val;
      },
    },
    writableFinished: {
      get() { return this._writableState ? this._writableState.finished : false; },
    },
    writableObjectMode: {
      get() { return this._writableState ? this._writableState.objectMode : false; },
    },
    writableBuffer: {
      get() { return this._writableState && this._writableState.getBuffer(); },
    },
    writableEnded: {
      get() { return this._writableState ? this._writableState.ending : false; },
    },
    writableNeedDrain: {
      get() {
        const w = this._writableState;
        return w ? w.needDrain && !w.destroyed && !w.ending : false;
      },
    },
    writableHighWaterMark: {
      get() { return this._writableState && this._writableState.highWaterMark; },
    },
    writableCorked: {
      get() { return this._writableState ? this._writableState.corked : 0; },
    },
    writableLength: {
      get() { return this._writableState && this._writableState.length; },
    },
    errored: {
      enumerable: false,
      get() { return this._writableState ? this._writableState.errored : null; },
    },
    writableAborted: {
      get() {
        const w = this._writableState;
        return w.writable !== false && !!(w.destroyed || w.errored) && !w.finished;
      },
    },
  });
};
