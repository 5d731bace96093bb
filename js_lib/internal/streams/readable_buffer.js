'use strict';

// Taking data off a Readable's queue: fromList(n, state) removes and returns
// n bytes (one object in object mode; everything for a falsy n).

const chunks = require('internal/streams/chunk');

function fromList(n, state) {
  if (state.length === 0) return null;
  const buf = state.buffer;
  const len = buf.length;
  let idx = state.bufferIndex;
  let ret;

  if (state.objectMode) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if (!n || n >= state.length) {
    if (state.decoder) {
      ret = '';
      while (idx < len) { ret += buf[idx]; buf[idx++] = null; }
    } else if (len - idx === 1) {
      ret = buf[idx];
      buf[idx++] = null;
    } else {
      const parts = buf.slice(idx, len);
      for (; idx < len; idx++) buf[idx] = null;
      ret = chunks.concat(parts, state.length);
    }
  } else if (n < buf[idx].length) {
    ret = buf[idx].slice(0, n);
    buf[idx] = buf[idx].slice(n);
  } else if (n === buf[idx].length) {
    ret = buf[idx];
    buf[idx++] = null;
  } else if (state.decoder) {
    ret = '';
    while (idx < len) {
      const str = buf[idx];
      if (n > str.length) {
        ret += str;
        n -= str.length;
        buf[idx++] = null;
      } else {
        ret += str.slice(0, n);
        if (n === str.length) buf[idx++] = null;
        else buf[idx] = str.slice(n);
        break;
      }
    }
  } else {
    ret = chunks.alloc(n);
    const total = n;
    while (idx < len) {
      const data = buf[idx];
      if (n >= data.length) {
        ret.set(data, total - n);
        n -= data.length;
        buf[idx++] = null;
        if (n === 0) break;
      } else {
        ret.set(data.subarray(0, n), total - n);
        buf[idx] = data.subarray(n);
        break;
      }
    }
  }

  if (idx === len) {
    buf.length = 0;
    state.bufferIndex = 0;
  } else if (idx > 1024) {
    buf.splice(0, idx);
    state.bufferIndex = 0;
  } else {
    state.bufferIndex = idx;
  }
  return ret;
}
module.exports = fromList;
