'use strict';

// Errors for failed system calls, shaped as Node's: plain Errors carrying
// errno/code/syscall (UVException, ErrnoException, ExceptionWithHostPort,
// DNSException), and SystemError, the coded kind whose details live in
// `err.info`. Bindings return a negative errno and JS builds the error here.

const {
  fixStackHeader, getMessage, kIsNodeError, lazyInspect,
} = require('internal/errors/node_error');
const { uvErrmapGet, getSystemErrorName } = require('internal/errors/uv_errmap');

const kUnmapped = ['UNKNOWN', 'unknown error'];

// For uv failures described by a context object from C++:
// { errno, syscall, path?, dest?, message? } ->
// "ENOENT: no such file or directory, open '/a' -> '/b'".
class UVException extends Error {
  constructor(ctx) {
    const [code, uvmsg] = uvErrmapGet(ctx.errno) || kUnmapped;
    let message = `${code}: ${ctx.message || uvmsg}, ${ctx.syscall}`;
    let path;
    let dest;
    if (ctx.path) {
      path = ctx.path.toString();
      message += ` '${path}'`;
    }
    if (ctx.dest) {
      dest = ctx.dest.toString();
      message += ` -> '${dest}'`;
    }
    super(message);
    for (const prop of Object.keys(ctx)) {
      if (prop === 'message' || prop === 'path' || prop === 'dest') continue;
      this[prop] = ctx[prop];
    }
    this.code = code;
    if (path) this.path = path;
    if (dest) this.dest = dest;
  }

  get ['constructor']() {
    return Error;
  }
}

// "connect ECONNREFUSED: connection refused 127.0.0.1:80".
class UVExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port) {
    const [code, uvmsg] = uvErrmapGet(err) || kUnmapped;
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    super(`${syscall} ${code}: ${uvmsg}${details}`);
    this.code = code;
    this.errno = err;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }

  get ['constructor']() {
    return Error;
  }
}

// The old util._errnoException: "open ENOENT original".
class ErrnoException extends Error {
  constructor(err, syscall, original) {
    const code = getSystemErrorName(err);
    super(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
  }

  get ['constructor']() {
    return Error;
  }
}

// "connect ECONNREFUSED 127.0.0.1:80", with " - Local (additional)".
class ExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port, additional) {
    const code = getSystemErrorName(err);
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    if (additional) details += ` - Local (${additional})`;
    super(`${syscall} ${code}${details}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }

  get ['constructor']() {
    return Error;
  }
}

const UV_EAI_NODATA = -3007;
const UV_EAI_NONAME = -3008;

// "getaddrinfo ENOTFOUND host"; `code` is a uv errno or a c-ares code string.
class DNSException extends Error {
  constructor(code, syscall, hostname) {
    let errno;
    if (typeof code === 'number') {
      errno = code;
      // Not a POSIX code, but what Node has always reported for these.
      if (code === UV_EAI_NODATA || code === UV_EAI_NONAME) code = 'ENOTFOUND';
      else code = getSystemErrorName(code);
    }
    super(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (hostname) this.hostname = hostname;
  }

  get ['constructor']() {
    return Error;
  }
}

class ConnResetException extends Error {
  constructor(msg) {
    super(msg);
    this.code = 'ECONNRESET';
  }

  get ['constructor']() {
    return Error;
  }
}

let BufferCtor = null;
function lazyBuffer() {
  if (BufferCtor === null) BufferCtor = require('buffer').Buffer;
  return BufferCtor;
}

function contextAccessor(context, key, toValue, fromValue) {
  return {
    __proto__: null,
    get() { return toValue(context[key]); },
    set(value) { context[key] = fromValue(value); },
    enumerable: true,
    configurable: true,
  };
}

const identity = (v) => v;
const pathOut = (v) => (v != null ? v.toString() : v);
const pathIn = (v) => (v ? lazyBuffer().from(v.toString()) : undefined);

// A coded error about a failed syscall:
// "Prefix: uv_syscall returned ECODE (message) path => dest".
// `context` needs code, syscall and message; path, dest and errno optional.
class SystemError extends Error {
  constructor(key, context) {
    super();
    const prefix = getMessage(key, [], this);
    let message = `${prefix}: ${context.syscall} returned ` +
                  `${context.code} (${context.message})`;
    if (context.path !== undefined) message += ` ${context.path}`;
    if (context.dest !== undefined) message += ` => ${context.dest}`;
    this.code = key;
    Object.defineProperties(this, {
      [kIsNodeError]: {
        __proto__: null, value: true, enumerable: false, writable: false, configurable: true,
      },
      name: {
        __proto__: null, value: 'SystemError', enumerable: false, writable: true, configurable: true,
      },
      message: {
        __proto__: null, value: message, enumerable: false, writable: true, configurable: true,
      },
      info: {
        __proto__: null, value: context, enumerable: true, configurable: true, writable: false,
      },
      errno: contextAccessor(context, 'errno', identity, identity),
      syscall: contextAccessor(context, 'syscall', identity, identity),
    });
    if (context.path !== undefined) {
      Object.defineProperty(this, 'path', contextAccessor(context, 'path', pathOut, pathIn));
    }
    if (context.dest !== undefined) {
      Object.defineProperty(this, 'dest', contextAccessor(context, 'dest', pathOut, pathIn));
    }
    fixStackHeader(this);
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx) {
    return lazyInspect().inspect(this, { ...ctx, getters: true, customInspect: false });
  }
}

function makeSystemErrorWithCode(key) {
  return class NodeError extends SystemError {
    constructor(ctx) {
      super(key, ctx);
    }
  };
}

// Function forms kept for callers written against older Node internals.
function errnoException(err, syscall, original) {
  const ex = new ErrnoException(err, syscall, original);
  Error.captureStackTrace(ex, errnoException);
  return ex;
}

function exceptionWithHostPort(err, syscall, address, port, additional) {
  const ex = new ExceptionWithHostPort(err, syscall, address, port, additional);
  Error.captureStackTrace(ex, exceptionWithHostPort);
  return ex;
}

function uvException(ctx) {
  const ex = new UVException(ctx);
  Error.captureStackTrace(ex, uvException);
  return ex;
}

function dnsException(code, syscall, hostname) {
  const ex = new DNSException(code, syscall, hostname);
  Error.captureStackTrace(ex, dnsException);
  return ex;
}

module.exports = {
  ConnResetException,
  DNSException,
  ErrnoException,
  ExceptionWithHostPort,
  SystemError,
  UVException,
  UVExceptionWithHostPort,
  dnsException,
  errnoException,
  exceptionWithHostPort,
  makeSystemErrorWithCode,
  uvException,
};
