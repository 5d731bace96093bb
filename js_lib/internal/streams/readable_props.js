'use strict';

// Readable's public state accessors (readableLength, readableFlowing, ...).

module.exports = function installProps(Readable) {
  Object.defineProperties(Readable.prototype, {
    readable: {
      get() {
        const r = this._readableState;
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set(val) {
        if (this._readableState) this._readableState.readable = !!val;
      },
    },
    readableDidRead: {
      enumerable: false,
      get() { return this._readableState.dataEmitted; },
    },
    readableAborted: {
      enumerable: false,
      get() {
        const r = this._readableState;
        return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
      },
    },
    readableHighWaterMark: {
      enumerable: false,
      get() { return this._readableState.highWaterMark; },
    },
    readableBuffer: {
      enumerable: false,
      get() { return this._readableState && this._readableState.buffer; },
    },
    readableFlowing: {
      enumerable: false,
      get() { return this._readableState.flowing; },
      set(value) {
        if (this._readableState) this._readableState.flowing = value == null ? null : !!value;
      },
    },
    readableLength: {
      enumerable: false,
      get() { return this._readableState.length; },
    },
    readableObjectMode: {
      enumerable: false,
      get() { return this._readableState ? this._readableState.objectMode : false; },
    },
    readableEncoding: {
      enumerable: false,
      get() { return this._readableState ? this._readableState.encoding : null; },
    },
    errored: {
      enumerable: false,
      get() { return this._readableState ? this._readableState.errored : null; },
    },
    closed: {
      get() { return this._readableState ? this._readableState.closed : false; },
    },
    destroyed: {
      enumerable: false,
      get() { return this._readableState ? this._readableState.destroyed : false; },
      set(value) {
        if (this._readableState) this._readableState.destroyed = value;
      },
    },
    readableEnded: {
      enumerable: false,
      get() { return this._readableState ? this._readableState.endEmitted : false; },
    },
  });
};
