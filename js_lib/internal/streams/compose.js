'use strict';

// stream.compose(...streams): one Duplex that writes into the first stage
// and reads from the last, with the stages joined by pipeline().

const { pipeline } = require('internal/streams/pipeline');
const Duplex = require('internal/streams/duplex');
const forwardDuplex = require('internal/streams/duplex_forward');
const { destroyer } = require('internal/streams/destroy');
const eos = require('internal/streams/end-of-stream');
const {
  AbortError,
  codes: { ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { isNodeStream, isReadable, isWritable } = require('internal/streams/utils');

module.exports = function compose(...streams) {
  if (streams.length === 0) throw new ERR_MISSING_ARGS('streams');
  if (streams.length === 1) return Duplex.from(streams[0]);

  const original = streams.slice();
  if (typeof streams[0] === 'function') streams[0] = Duplex.from(streams[0]);
  const last = streams.length - 1;
  if (typeof streams[last] === 'function') streams[last] = Duplex.from(streams[last]);

  for (let n = 0; n < streams.length; ++n) {
    if (!isNodeStream(streams[n])) continue;
    if (n < last && !isReadable(streams[n]))
      throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, original[n], 'must be readable');
    if (n > 0 && !isWritable(streams[n]))
      throw new ERR_INVALID_ARG_VALUE(`streams[${n}]`, original[n], 'must be writable');
  }

  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);
  const writable = !!isWritable(head);
  const readable = !!isReadable(tail);

  d = new Duplex({
    writableObjectMode: !!(head && head.writableObjectMode),
    readableObjectMode: !!(tail && tail.readableObjectMode),
    writable,
    readable,
  });

  const forward = forwardDuplex(d);
  // The composed stream finishes when the whole chain is through.
  if (writable) eos(tail, forward.writeTo(head));
  if (readable) forward.readFrom(tail);

  d._destroy = function(err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    forward.dropPending();
    if (isNodeStream(tail)) destroyer(tail, err);
    if (onclose === null) callback(err);
    else onclose = callback;
  };
  return d;
};
