'use strict';

// tty.ReadStream / tty.WriteStream (what process.stdin/stdout/stderr are on
// a terminal) and the color-depth heuristics behind hasColors().
// TODO(tty): the public `tty` module can re-export these.

const { Socket } = require('internal/process/stdio_socket');
const { ErrnoException, codes: { ERR_INVALID_FD } } = require('internal/errors');
const { validateInteger } = require('internal/validators');

function ttyBinding() {
  return binding('tty');
}

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && ttyBinding().isatty(fd);
}

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  if (fd >> 0 !== fd || fd < 0) throw new ERR_INVALID_FD(fd);
  Socket.call(this, { readableHighWaterMark: 0, fd, manualStart: true, ...options });
  this.isRaw = false;
  this.isTTY = true;
}
Object.setPrototypeOf(ReadStream.prototype, Socket.prototype);
Object.setPrototypeOf(ReadStream, Socket);

ReadStream.prototype.setRawMode = function(flag) {
  flag = !!flag;
  const err = this._handle ? ttyBinding().setRawMode(this._handle.fd, flag) : 0;
  if (err) {
    this.emit('error', new ErrnoException(err, 'setRawMode'));
    return this;
  }
  this.isRaw = flag;
  return this;
};

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  if (fd >> 0 !== fd || fd < 0) throw new ERR_INVALID_FD(fd);
  Socket.call(this, { readableHighWaterMark: 0, fd, manualStart: true });
  // Terminal writes are synchronous, as in Node on POSIX.
  this._handle.setBlocking(true);
  const size = new Int32Array(2);
  if (!ttyBinding().getWindowSize(fd, size)) {
    this.columns = size[0];
    this.rows = size[1];
  }
}
Object.setPrototypeOf(WriteStream.prototype, Socket.prototype);
Object.setPrototypeOf(WriteStream, Socket);

WriteStream.prototype.isTTY = true;

// Re-reads the window size (on SIGWINCH); emits 'resize' when it changed.
WriteStream.prototype._refreshSize = function() {
  const size = new Int32Array(2);
  const err = ttyBinding().getWindowSize(this.fd, size);
  if (err) {
    this.emit('error', new ErrnoException(err, 'getWindowSize'));
    return;
  }
  if (this.columns !== size[0] || this.rows !== size[1]) {
    this.columns = size[0];
    this.rows = size[1];
    this.emit('resize');
  }
};

WriteStream.prototype.getWindowSize = function() {
  return [this.columns, this.rows];
};

// ANSI cursor control, as readline's cursorTo/moveCursor/clearLine/
// clearScreenDown; each returns write()'s result.
const CSI = '\x1b[';

function writeControl(stream, data, callback) {
  if (data === '') {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(data, callback);
}

WriteStream.prototype.cursorTo = function(x, y, callback) {
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  const { ERR_INVALID_ARG_VALUE, ERR_INVALID_CURSOR_POS } = require('internal/errors').codes;
  if (Number.isNaN(x)) throw new ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new ERR_INVALID_ARG_VALUE('y', y);
  if (typeof x !== 'number' && typeof y !== 'number') {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') throw new ERR_INVALID_CURSOR_POS();
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return writeControl(this, data, callback);
};

WriteStream.prototype.moveCursor = function(dx, dy, callback) {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return writeControl(this, data, callback);
};

WriteStream.prototype.clearLine = function(dir, callback) {
  const data = dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`;
  return writeControl(this, data, callback);
};

WriteStream.prototype.clearScreenDown = function(callback) {
  return writeControl(this, `${CSI}0J`, callback);
};

const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

// TERM values (lowercased) with a known depth, then patterns meaning 16.
const kTermDepths = {
  'eterm': COLORS_16, 'cons25': COLORS_16, 'console': COLORS_16, 'cygwin': COLORS_16,
  'dtterm': COLORS_16, 'gnome': COLORS_16, 'hurd': COLORS_16, 'jfbterm': COLORS_16,
  'konsole': COLORS_16, 'kterm': COLORS_16, 'mlterm': COLORS_16, 'mosh': COLORS_16m,
  'putty': COLORS_16, 'st': COLORS_16, 'rxvt-unicode-24bit': COLORS_16m,
  'terminator': COLORS_16m,
};
const kTerm16 = [/ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/,
                 /^vt100/];
const kCiWith256 = ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS',
                    'GITLAB_CI', 'TRAVIS'];

let warnedForceColor = false;
function warnIgnoredNoColor(env) {
  if (warnedForceColor) return;
  const names = [];
  if (env.NODE_DISABLE_COLORS !== undefined) names.push('NODE_DISABLE_COLORS');
  if (env.NO_COLOR !== undefined) names.push('NO_COLOR');
  if (names.length) {
    process.emitWarning(`The '${names.join("' and '")}' env is ignored due to the ` +
                        "'FORCE_COLOR' env being set.", 'Warning');
    warnedForceColor = true;
  }
}

// Bits of color the terminal supports (1, 4, 8 or 24), from the environment.
function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '': case '1': case 'true': warnIgnoredNoColor(env); return COLORS_16;
      case '2': warnIgnoredNoColor(env); return COLORS_256;
      case '3': warnIgnoredNoColor(env); return COLORS_16m;
      default: return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined ||
      env.TERM === 'dumb') {
    return COLORS_2;
  }
  if (env.TMUX) return COLORS_256;
  if (env.CI) {
    return kCiWith256.some((name) => name in env) || env.CI_NAME === 'codeship' ?
      COLORS_256 : COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) {
    return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  }
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      if (!env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION))
        return COLORS_256;
      return COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (kTermDepths[term]) return kTermDepths[term];
    if (kTerm16.some((re) => re.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count, env) {
  if (env === undefined &&
      (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else {
    validateInteger(count, 'count', 2);
  }
  return count <= 2 ** getColorDepth(env);
}

WriteStream.prototype.getColorDepth = getColorDepth;
WriteStream.prototype.hasColors = hasColors;

module.exports = { isatty, ReadStream, WriteStream, getColorDepth, hasColors };
