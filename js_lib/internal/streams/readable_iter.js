'use strict';

// for await (const chunk of readable), readable.iterator(), wrap() for
// old-style streams, and `await using` (Symbol.asyncDispose).

const eos = require('internal/streams/end-of-stream');
const destroyImpl = require('internal/streams/destroy');
const { nop, aggregateTwoErrors } = require('internal/streams/utils');
const { validateObject } = require('internal/validators');
const { AbortError } = require('internal/errors');

module.exports = function installIter(Readable, { errorOrDestroy }) {
  Readable.prototype[Symbol.asyncIterator] = function() {
    return streamToAsyncIterator(this);
  };

  // `await using r = ...`: destroys an unfinished stream with an AbortError
  // and resolves once it has closed (rejects with any other error), as Node.
  Readable.prototype[Symbol.asyncDispose] = function() {
    let error;
    if (!this.destroyed) {
      error = this.readableEnded ? null : new AbortError();
      this.destroy(error);
    }
    return new Promise((resolve, reject) => {
      eos(this, (err) => (err && err !== error ? reject(err) : resolve(null)));
    });
  };

  Readable.prototype.iterator = function(options) {
    if (options !== undefined) validateObject(options, 'options');
    return streamToAsyncIterator(this, options);
  };

  function streamToAsyncIterator(stream, options) {
    if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
    const iter = createAsyncIterator(stream, options);
    iter.stream = stream;
    return iter;
  }

  async function* createAsyncIterator(stream, options) {
    // `wake` resolves the pending wait; 'readable' and the end both call it.
    let wake = nop;
    function next(resolve) {
      if (this === stream) {
        wake();
        wake = nop;
      } else {
        wake = resolve;
      }
    }
    stream.on('readable', next);

    let error;  // undefined: still running; null: ended cleanly
    const cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      wake();
      wake = nop;
    });

    try {
      while (true) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) yield chunk;
        else if (error) throw error;
        else if (error === null) return;
        else await new Promise(next);
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err);
      throw error;
    } finally {
      if ((error || !options || options.destroyOnReturn !== false) &&
          (error === undefined || stream._readableState.autoDestroy)) {
        destroyImpl.destroyer(stream, null);
      } else {
        stream.off('readable', next);
        cleanup();
      }
    }
  }

  // Makes this Readable a view of an old-style stream ('data'/'end' events).
  Readable.prototype.wrap = function(stream) {
    let paused = false;
    stream.on('data', (chunk) => {
      if (!this.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', () => { this.push(null); });
    stream.on('error', (err) => { errorOrDestroy(this, err); });
    stream.on('close', () => { this.destroy(); });
    stream.on('destroy', () => { this.destroy(); });
    this._read = () => {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    // Proxy the wrapped stream's own methods.
    const keys = Object.keys(stream);
    for (let j = 1; j < keys.length; j++) {
      const key = keys[j];
      if (this[key] === undefined && typeof stream[key] === 'function')
        this[key] = stream[key].bind(stream);
    }
    return this;
  };

  Readable.wrap = function(src, options) {
    return new Readable({
      objectMode: src.readableObjectMode ?? src.objectMode ?? true,
      ...options,
      destroy(err, callback) {
        destroyImpl.destroyer(src, err);
        callback(err);
      },
    }).wrap(src);
  };
};
