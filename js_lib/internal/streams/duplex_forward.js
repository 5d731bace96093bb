'use strict';

// A Duplex that stands in front of other streams: its writes go into one
// stream and its reads come out of another. Used by stream.compose() and
// Duplex.from({ readable, writable }).

// Returns the wiring for `d`. The callbacks d's _write, _final and _read leave
// waiting on the other streams live here, so d's _destroy can drop them.
function forwardDuplex(d) {
  let ondrain = null;
  let onfinish = null;
  let onreadable = null;

  return {
    // d writes into `w`. Returns the function to call once what was
    // written has gone all the way through: d's final() callback waits on it.
    writeTo(w) {
      d._write = function(chunk, encoding, callback) {
        if (w.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = function(callback) {
        w.end();
        onfinish = callback;
      };
      w.on('drain', () => {
        const cb = ondrain;
        ondrain = null;
        if (cb) cb();
      });
      return function flushed() {
        const cb = onfinish;
        onfinish = null;
        if (cb) cb();
      };
    },

    // d reads what `r` yields, and ends when r does.
    readFrom(r) {
      r.on('readable', () => {
        const cb = onreadable;
        onreadable = null;
        if (cb) cb();
      });
      r.on('end', () => { d.push(null); });
      d._read = function() {
        while (true) {
          const buf = r.read();
          if (buf === null) {
            onreadable = d._read;
            return;
          }
          if (!d.push(buf)) return;
        }
      };
    },

    dropPending() {
      onreadable = null;
      ondrain = null;
      onfinish = null;
    },
  };
}

module.exports = forwardDuplex;
