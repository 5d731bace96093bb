'use strict';

// The end of a Writable: once end() was called and every write is out,
// _final() runs, then 'prefinish' and, a tick later, 'finish' (and
// autoDestroy). pendingcb counts the callbacks still owed before 'finish'.

const { errorOrDestroy } = require('internal/streams/destroy');
const { ERR_MULTIPLE_CALLBACK } = require('internal/errors').codes;

function needFinish(state) {
  return state.ending && state.constructed && state.length === 0 &&
    !state.destroyed && !state.finished && !state.writing && !state.errorEmitted &&
    !state.closeEmitted && !state.errored && state.bufferedQueue === null;
}

// The callback handed to _final().
function onFinal(stream, state, err) {
  if (state.prefinished) {
    errorOrDestroy(stream, err ?? new ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.pendingcb--;
  if (err) {
    callFinishedCallbacks(state, err);
    errorOrDestroy(stream, err, state.sync);
  } else if (needFinish(state)) {
    state.prefinished = true;
    stream.emit('prefinish');
    state.pendingcb++;
    process.nextTick(finish, stream, state);
  }
}

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return;
  if (typeof stream._final === 'function' && !state.destroyed) {
    state.finalCalled = true;
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final((err) => onFinal(stream, state, err));
    } catch (err) {
      onFinal(stream, state, err);
    }
    state.sync = false;
  } else {
    state.finalCalled = true;
    state.prefinished = true;
    stream.emit('prefinish');
  }
}

function finishMaybe(stream, state, sync) {
  if (!needFinish(state)) return;
  prefinish(stream, state);
  if (state.pendingcb !== 0) return;
  if (sync) {
    state.pendingcb++;
    process.nextTick((stream, state) => {
      if (needFinish(state)) finish(stream, state);
      else state.pendingcb--;
    }, stream, state);
  } else if (needFinish(state)) {
    state.pendingcb++;
    finish(stream, state);
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  callFinishedCallbacks(state, null);
  stream.emit('finish');
  if (state.autoDestroy) {
    // A Duplex is destroyed only when its readable side is done too.
    const r = stream._readableState;
    if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
  }
}

function callFinishedCallbacks(state, err) {
  const list = state.onFinished;
  if (list === null) return;
  state.onFinished = null;
  for (let i = 0; i < list.length; i++) list[i](err);
}

module.exports = { finishMaybe, callFinishedCallbacks };
