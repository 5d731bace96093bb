'use strict';

// Readable's flowing/paused switch: resume(), pause(), isPaused(),
// setEncoding() and the listener hooks ('data' starts the flow, 'readable'
// stops it), each deferring work with process.nextTick where Node does.

const { Stream } = require('internal/streams/legacy');
const { StringDecoder } = require('string_decoder');

module.exports = function installFlow(Readable, { flow, emitReadable, kPaused }) {
  Readable.prototype.isPaused = function() {
    const state = this._readableState;
    return state[kPaused] === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function(enc) {
    const state = this._readableState;
    const decoder = new StringDecoder(enc);
    state.decoder = decoder;
    state.encoding = decoder.encoding;
    // Re-decode what is already queued.
    let content = '';
    for (let i = state.bufferIndex; i < state.buffer.length; i++)
      content += decoder.write(state.buffer[i]);
    state.buffer.length = 0;
    state.bufferIndex = 0;
    if (content !== '') state.buffer.push(content);
    state.length = content.length;
    return this;
  };

  Readable.prototype.on = function(ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      state.dataListening = true;
      if (this.listenerCount('readable') > 0) state.readableListening = true;
      // A 'data' listener starts the flow unless pause() was called explicitly.
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) process.nextTick(nReadingNextTick, this);
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function(ev, fn) {
    const res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') {
      // Deferred: the caller may be about to add another listener.
      process.nextTick(updateReadableListening, this);
    } else if (ev === 'data' && this.listenerCount('data') === 0) {
      this._readableState.dataListening = false;
    }
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.removeAllListeners = function(ev) {
    const res = Reflect.apply(Stream.prototype.removeAllListeners, this, arguments);
    if (ev === 'readable' || ev === undefined) process.nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    const state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state[kPaused] === false) {
      // resume() was called while 'readable' listeners were attached.
      state.flowing = true;
    } else if (state.dataListening) {
      self.resume();
    } else if (!state.readableListening) {
      state.flowing = null;
    }
  }

  function nReadingNextTick(self) {
    self.read(0);
  }

  Readable.prototype.resume = function() {
    const state = this._readableState;
    if (!state.flowing) {
      // With 'readable' listeners, resume() does not make the stream flow.
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        process.nextTick(resumeNT, this, state);
      }
    }
    state[kPaused] = false;
    return this;
  };

  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function() {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state[kPaused] = true;
    return this;
  };

};
