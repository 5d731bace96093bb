'use strict';

// fetch()'s side of an http response: its body decoded as its
// Content-Encoding says, as a web ReadableStream, and the errors Node's
// fetch gives: TypeError('fetch failed') before a response, and
// TypeError('terminated') when the body breaks off, each with the reason as
// `cause` (a connection closed early is a SocketError 'other side closed').

class SocketError extends Error {
  constructor(message, socket) {
    super(message);
    this.name = 'SocketError';
    this.code = 'UND_ERR_SOCKET';
    this.socket = socket;
  }
}

function socketInfo(socket) {
  if (!socket) return null;
  return {
    localAddress: socket.localAddress, localPort: socket.localPort,
    remoteAddress: socket.remoteAddress, remotePort: socket.remotePort,
    remoteFamily: socket.remoteFamily, timeout: socket.timeout,
    bytesWritten: socket.bytesWritten, bytesRead: socket.bytesRead,
  };
}

// The http client's "the server closed the connection" errors.
function isEarlyClose(err) {
  return err && err.code === 'ECONNRESET' && (err.message === 'socket hang up' || err.message === 'aborted');
}

function reasonOf(err, socket) {
  return isEarlyClose(err) ? new SocketError('other side closed', socketInfo(socket)) : err;
}

function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

function terminated(cause) {
  return new TypeError('terminated', { cause });
}

// Inflates zlib-wrapped or raw deflate data: servers send either for
// "deflate", told apart by the first byte.
function createDeflateDecoder(zlib) {
  const { Transform } = require('stream');
  const options = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  let inner = null;
  return new Transform({
    transform(chunk, encoding, callback) {
      if (inner === null) {
        inner = (chunk[0] & 0x0f) === 0x08 ? zlib.createInflate(options) : zlib.createInflateRaw(options);
        inner.on('data', (d) => this.push(d));
        inner.on('error', (err) => this.destroy(err));
      }
      inner.write(chunk, callback);
    },
    flush(callback) {
      if (inner === null) {
        callback();
        return;
      }
      inner.once('end', () => callback());
      inner.end();
    },
  });
}

// The body, decoded as its Content-Encoding says (codings applied in order
// are undone last first); one unknown coding leaves it all as it came.
function decode(res) {
  const coding = res.headers['content-encoding'];
  if (!coding) return res;
  const zlib = require('zlib');
  const makers = [];
  for (const c of coding.toLowerCase().split(',').map((s) => s.trim()).reverse()) {
    if (c === 'gzip' || c === 'x-gzip') {
      makers.push(() => zlib.createGunzip({
        flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH,
      }));
    } else if (c === 'deflate') {
      makers.push(() => createDeflateDecoder(zlib));
    } else if (c === 'br') {
      makers.push(() => zlib.createBrotliDecompress());
    } else {
      return res;
    }
  }
  let stream = res;
  for (const make of makers) {
    const d = make();
    const from = stream;
    from.on('error', (err) => d.destroy(err));
    from.pipe(d);
    stream = d;
  }
  return stream;
}

// A byte ReadableStream over a Node Readable, copying each chunk (http
// chunks may share pooled memory). A failure errors it with
// TypeError('terminated'); fail(reason) errors it with `reason` as is.
function webStreamFrom(readable, socket) {
  const { ReadableStream } = require('internal/webstreams/readablestream');
  let ctrl;
  let done = false;
  const fail = (reason) => {
    if (done) return;
    done = true;
    ctrl.error(reason);
    readable.destroy();
  };
  const stream = new ReadableStream({
    type: 'bytes',
    start(controller) {
      ctrl = controller;
      readable.on('data', (chunk) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk));
        if (controller.desiredSize <= 0) readable.pause();
      });
      readable.on('end', () => {
        if (done) return;
        done = true;
        controller.close();
        controller.byobRequest?.respond(0);
      });
      readable.on('error', (err) => fail(terminated(reasonOf(err, socket))));
      readable.pause();
    },
    pull() {
      readable.resume();
    },
    cancel() {
      done = true;
      readable.destroy();
    },
  }, { highWaterMark: 65536 });
  return { stream, fail };
}

module.exports = { decode, fetchFailed, reasonOf, webStreamFrom };
