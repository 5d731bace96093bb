'use strict';
// The public `tty` module: isatty and the terminal stream classes that
// process.stdin/stdout/stderr use when attached to a terminal.
const { isatty, ReadStream, WriteStream } = require('internal/process/tty_streams');

module.exports = { isatty, ReadStream, WriteStream };
