'use strict';

// TLSHandle: the stream handle under a tls.TLSSocket. It looks to net.Socket
// like the native handles (readStart, writeBuffer, shutdown, close, onread,
// ...), but encrypts into and decrypts from another socket (the "parent",
// usually a net.Socket over TCP) through a binding('tls_wrap').TLSSession.
// Writes made before the handshake is over wait for it.

const { UV_EOF } = require('internal/net/stream_base');
const { Socket } = require('internal/net/socket');
const chunks = require('internal/streams/chunk');
const { setImmediate } = require('timers');

const UV_ECANCELED = -125;

function nop() {}

class TLSHandle {
  constructor(parent, session) {
    this.parent = parent;
    this.session = session;
    this.reading = false;
    this.onread = nop;
    this.writeQueueSize = 0;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    this._pending = [];       // cleartext read while not reading
    this._waiting = [];       // what waits for the handshake: functions
    this._drainWaiters = [];  // write requests waiting for the parent's 'drain'
    this._closed = false;
    this._secure = false;
    this._streamParent = !(parent instanceof Socket);  // a Duplex, not a net.Socket
    this._streamReqs = null;
    this._eof = false;
    session.onencrypted = (ab) => this._sendEncrypted(new Uint8Array(ab));
    session.oncleartext = (ab) => this._deliver(ab);
    session.onclose = () => this._onEOF();
    this._onData = (d) => { if (!this._closed) session.receive(d); };
    this._onEnd = () => this._onEOF();
    this._onDrain = () => {
      const waiters = this._drainWaiters;
      this._drainWaiters = [];
      this.writeQueueSize = 0;
      for (const req of waiters) req.oncomplete(0);
    };
    // The TLS layer decides when the parent's writing side ends (after a
    // close_notify), not the parent's own half-open rule.
    parent.allowHalfOpen = true;
    parent.on('data', this._onData);
    parent.on('end', this._onEnd);
    parent.on('drain', this._onDrain);
  }

  // The handshake is over: let the writes that waited go.
  _handshakeDone() {
    this._secure = true;
    const waiting = this._waiting;
    this._waiting = [];
    for (const fn of waiting) fn();
  }

  _sendEncrypted(bytes) {
    if (this._closed || this.parent.destroyed || this.parent.writableEnded) return;
    // A JS stream parent: the write requests made this output end with its
    // write callback (as Node's JSStreamSocket).
    const reqs = this._streamReqs;
    this._streamReqs = null;
    const cb = reqs ? () => this._completeStreamReqs(reqs) : undefined;
    if (!this.parent.write(chunks.fromView(bytes), cb)) {
      this.writeQueueSize = this.parent.writableLength;
    }
  }

  _completeStreamReqs(reqs) {
    this.writeQueueSize = 0;
    for (const req of reqs) req.oncomplete(0);
  }

  _deliver(ab) {
    if (this._closed) return;
    if (!this.reading || this._pending.length) {
      this._pending.push(ab);
      return;
    }
    this.onread(ab.byteLength, ab);
  }

  _onEOF() {
    if (this._eof || this._closed) return;
    this._eof = true;
    if (!this.reading || this._pending.length) {
      this._pending.push(null);
      return;
    }
    this.onread(UV_EOF);
  }

  _flushPending() {
    while (this.reading && this._pending.length && !this._closed) {
      const ab = this._pending.shift();
      if (ab === null) this.onread(UV_EOF);
      else this.onread(ab.byteLength, ab);
    }
  }

  readStart() {
    this.reading = true;
    if (this._pending.length) process.nextTick(() => this._flushPending());
    this.parent.resume();
    return 0;
  }

  // The handshake needs the parent's bytes even if nobody reads yet.
  readStop() {
    this.reading = false;
    if (this._secure) this.parent.pause();
    return 0;
  }

  // Completes `req` on the next tick (a TLS write is never synchronous, as
  // in Node: bufferSize counts it until then), or once the parent drains if
  // it is backed up.
  _complete(req) {
    process.nextTick(() => {
      if (this.parent.writableNeedDrain) this._drainWaiters.push(req);
      else req.oncomplete(0);
    });
    return true;
  }


  _write(req, bytes) {
    if (this._closed) return -9;  // EBADF
    req.bytes = bytes.length;
    if (!this._secure) {
      // As in Node, writing to a client that has not started its handshake
      // starts it.
      if (this.onwritebeforesecure) this.onwritebeforesecure();
      req.async = true;
      const send = () => {
        this.session.write(bytes);
        this._complete(req);
      };
      send.req = req;
      this._waiting.push(send);
      return 0;
    }
    if (this._streamParent) {
      req.async = true;
      this.writeQueueSize += bytes.length;
      this._streamReqs = [req];
      this._encrypt(bytes);
      const unsent = this._streamReqs;
      this._streamReqs = null;
      if (unsent) process.nextTick(() => this._completeStreamReqs(unsent));
      return 0;
    }
    this._encrypt(bytes);
    req.async = this._complete(req);
    return 0;
  }

  // Called from a write of ours: stream_base reads the state of the native
  // write it dispatched once we return, so the parent's own native writes
  // must not happen inside. The parent stays corked until the next tick.
  _encrypt(bytes) {
    const parent = this.parent;
    if (!parent.writableEnded && typeof parent.cork === 'function') {
      parent.cork();
      process.nextTick(() => parent.uncork());
    }
    this.session.write(bytes);
  }

  writeBuffer(req, buf) {
    return this._write(req, chunks.fromView(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)));
  }

  writeString(req, str, encoding) {
    return this._write(req, chunks.fromString(str, encoding || 'utf8'));
  }

  writev(req, list, allBuffers) {
    const parts = [];
    if (allBuffers === false) {
      for (let i = 0; i < list.length; i += 2) {
        const c = list[i];
        parts.push(typeof c === 'string' ? chunks.fromString(c, list[i + 1]) : c);
      }
    } else {
      for (const c of list) parts.push(typeof c === 'string' ? chunks.fromString(c, 'utf8') : c);
    }
    return this._write(req, chunks.concat(parts));
  }

  shutdown(req) {
    const finish = () => {
      this.session.shutdown();
      this.parent.end(() => req.oncomplete(0));
    };
    if (!this._secure) this._waiting.push(finish);
    else process.nextTick(finish);
    return 0;
  }

  close(cb) {
    if (this._closed) return;
    this._closed = true;
    this.session.destroy();
    const parent = this.parent;
    parent.removeListener('data', this._onData);
    parent.removeListener('end', this._onEnd);
    parent.removeListener('drain', this._onDrain);
    // Writes that never went out end as a native handle's do: ECANCELED,
    // after the close's 'error' (if any).
    const cancelled = this._waiting.filter((fn) => fn.req).map((fn) => fn.req)
      .concat(this._drainWaiters);
    this._waiting = [];
    this._drainWaiters = [];
    if (cancelled.length) {
      setImmediate(() => {
        for (const req of cancelled) req.oncomplete(UV_ECANCELED);
      });
    }
    // What _encrypt() left corked was written as far as we are concerned.
    while (parent.writableCorked > 0 && !parent.destroyed) parent.uncork();
    if (typeof cb === 'function') {
      // Like a native handle's close callback: never before the next turn
      // (an 'error' queued now must come before 'close').
      if (parent.destroyed && parent.closed) setImmediate(cb);
      else parent.once('close', () => setImmediate(cb));
    }
    parent.destroy();
  }

  reset(cb) {
    this.parent.resetAndDestroy();
    this.close(cb);
    return 0;
  }

  ref() { this.parent.ref(); }
  unref() { this.parent.unref(); }
  hasRef() { return this.parent._handle ? this.parent._handle.hasRef() : false; }

  _parentHandle() {
    return this.parent._handle;
  }

  getsockname(out) {
    const h = this._parentHandle();
    if (h && h.getsockname) return h.getsockname(out);
    Object.assign(out, this.parent.address());
    return 0;
  }

  getpeername(out) {
    const h = this._parentHandle();
    if (h && h.getpeername) return h.getpeername(out);
    out.address = this.parent.remoteAddress;
    out.family = this.parent.remoteFamily;
    out.port = this.parent.remotePort;
    return 0;
  }

  // Node's TLSWrap.verifyError(): the peer's verification error, or null.
  verifyError() {
    const e = this.session.verifyError();
    if (!e) return null;
    const err = new Error(e.message);
    err.code = e.code;
    return err;
  }

  setNoDelay(on) { this.parent.setNoDelay(on); return 0; }
  setKeepAlive(on, delay) { this.parent.setKeepAlive(on, delay * 1000); return 0; }
  setBlocking() { return 0; }

  get fd() {
    const h = this._parentHandle();
    return h ? h.fd : -1;
  }
}

module.exports = { TLSHandle };
