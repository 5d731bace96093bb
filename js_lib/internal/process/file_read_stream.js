'use strict';

// ReadStream: process.stdin when it is a file (or /dev/null), read in 64 KiB
// chunks through the fd handle while the stream is consumed. Like Node's
// fs.ReadStream with autoClose: false, it ends but never emits 'close'.

const Readable = require('internal/streams/readable');
const chunks = require('internal/streams/chunk');
const { uvException } = require('internal/errors');

const kEOF = -4095;

function ReadStream(fd) {
  Readable.call(this, { highWaterMark: 64 * 1024, autoDestroy: false, emitClose: true });
  this.fd = fd;
  this.path = undefined;
  this.flags = 'r';
  this.mode = 0o666;
  this.autoClose = false;
  this.bytesRead = 0;
  const { FdStream } = binding('stream_fd');
  this._handle = new FdStream(fd);
  this._handle.reading = false;
  const stream = this;
  this._handle.onread = function(nread, arrayBuffer) {
    if (nread > 0) {
      stream.bytesRead += nread;
      if (!stream.push(chunks.fromView(new Uint8Array(arrayBuffer)))) {
        this.reading = false;
        this.readStop();
      }
      return;
    }
    this.reading = false;
    if (nread === kEOF) stream.push(null);
    else stream.destroy(uvException({ errno: nread, syscall: 'read' }));
  };
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

ReadStream.prototype._read = function() {
  if (!this._handle.reading) {
    this._handle.reading = true;
    const err = this._handle.readStart();
    if (err) this.destroy(uvException({ errno: err, syscall: 'read' }));
  }
};

ReadStream.prototype._destroy = function(err, cb) {
  if (this._handle.reading) {
    this._handle.reading = false;
    this._handle.readStop();
  }
  cb(err);
};

ReadStream.prototype.close = function(cb) {
  if (typeof cb === 'function') require('internal/streams/end-of-stream')(this, cb);
  this.destroy();
};

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() { return this.fd === null; },
  configurable: true,
});

module.exports = ReadStream;
