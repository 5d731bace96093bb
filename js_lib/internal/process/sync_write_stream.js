'use strict';

// SyncWriteStream: process.stdout/stderr when they are files; every write
// completes before write() returns.

const Writable = require('internal/streams/writable');
const chunks = require('internal/streams/chunk');
const { uvException } = require('internal/errors');

function SyncWriteStream(fd, options) {
  Reflect.apply(Writable, this, [{ autoDestroy: true }]);
  options = options || {};
  this.fd = fd;
  this.readable = false;
  this.autoClose = options.autoClose === undefined ? true : options.autoClose;
  const { FdStream } = binding('stream_fd');
  this._handle = new FdStream(fd);
}
Object.setPrototypeOf(SyncWriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(SyncWriteStream, Writable);

SyncWriteStream.prototype._write = function(chunk, encoding, cb) {
  const req = {
    bytes: 0,
    async: false,
    oncomplete(status) {
      cb(status < 0 ? uvException({ errno: status, syscall: 'write' }) : undefined);
    },
  };
  if (typeof chunk === 'string') chunk = chunks.fromString(chunk, encoding);
  // Regular files take everything at once; an odd device may not, and then
  // the callback waits for the rest.
  const err = this._handle.writeBuffer(req, chunk);
  if (err) cb(uvException({ errno: err, syscall: 'write' }));
  else if (!req.async) cb();
};

SyncWriteStream.prototype._destroy = function(err, cb) {
  if (this.fd === null) return cb(err);  // already destroyed
  if (this.autoClose) this._handle.close();
  this.fd = null;
  cb(err);
};

SyncWriteStream.prototype.destroySoon = SyncWriteStream.prototype.destroy;

module.exports = SyncWriteStream;
