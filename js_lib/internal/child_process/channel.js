'use strict';

// The IPC channel between a parent and a child it forked (or spawned with
// 'ipc' in stdio): send(), the 'message' event, disconnect() and
// 'disconnect', on a ChildProcess in the parent and on `process` in the
// child. The channel is a socketpair end wrapped in a
// binding('ipc_channel').IpcChannel; messages are framed by
// internal/child_process/serialization. Messages whose `cmd` starts with
// 'NODE_' are internal ('internalMessage'). A handle sent with a message
// (internal/child_process/handle_conversion) travels as an fd; until the
// other side acknowledges it, later messages wait in _handleQueue.

const EventEmitter = require('events');
const {
  ErrnoException,
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_HANDLE_TYPE,
    ERR_IPC_CHANNEL_CLOSED,
    ERR_IPC_DISCONNECTED,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateObject } = require('internal/validators');

const kChannelHandle = Symbol('kChannelHandle');
const kPendingMessages = Symbol('kPendingMessages');
const INTERNAL_PREFIX = 'NODE_';
const MAX_HANDLE_RETRANSMISSIONS = 3;

function nop() {}

function isInternal(message) {
  return message !== null && typeof message === 'object' &&
    typeof message.cmd === 'string' && message.cmd.length > INTERNAL_PREFIX.length &&
    message.cmd.startsWith(INTERNAL_PREFIX);
}

// target.channel: what user code sees of the channel. ref()/unref() by hand
// override the automatic counting (listeners in the child, writes in flight).
class Control extends EventEmitter {
  #channel = null;
  #refs = 0;
  #refExplicitlySet = false;

  constructor(channel) {
    super();
    this.#channel = channel;
    this[kPendingMessages] = [];
  }

  refCounted() {
    if (++this.#refs === 1 && !this.#refExplicitlySet) this.#channel.ref();
  }

  unrefCounted() {
    if (--this.#refs === 0 && !this.#refExplicitlySet) this.#channel.unref();
  }

  ref() {
    this.#refExplicitlySet = true;
    this.#channel.ref();
  }

  unref() {
    this.#refExplicitlySet = true;
    this.#channel.unref();
  }

  get fd() {
    return this.#channel ? this.#channel.fd : undefined;
  }
}

let deprecatedChannelGetter;
let deprecatedChannelSetter;
function defineDeprecatedChannel(target) {
  if (deprecatedChannelGetter === undefined) {
    const { deprecate } = require('internal/util/deprecate');
    const msg = '_channel is deprecated. Use ChildProcess.channel instead.';
    deprecatedChannelGetter = deprecate(function() { return this.channel; }, msg, 'DEP0129');
    deprecatedChannelSetter = deprecate(function(val) { this.channel = val; }, msg, 'DEP0129');
  }
  Object.defineProperty(target, '_channel', {
    __proto__: null,
    get: deprecatedChannelGetter,
    set: deprecatedChannelSetter,
    configurable: true,
    enumerable: false,
  });
}

function setupChannel(target, channel, serializationMode) {
  const control = new Control(channel);
  target.channel = control;
  target[kChannelHandle] = channel;
  defineDeprecatedChannel(target);
  target._handleQueue = null;
  target._pendingMessage = null;

  const {
    initMessageChannel, parseChannelMessages, writeChannelMessage,
  } = require('internal/child_process/serialization')[serializationMode];
  initMessageChannel(channel);

  // An fd that came with the data; it belongs to the next NODE_HANDLE.
  let pendingFd = -1;
  channel.onread = function(nread, arrayBuffer) {
    if (nread > 0) {
      const fd = typeof channel.takeFd === 'function' ? channel.takeFd() : -1;
      if (fd >= 0) {
        if (pendingFd >= 0) closeFd(pendingFd);
        pendingFd = fd;
      }
      for (const message of parseChannelMessages(channel, new Uint8Array(arrayBuffer))) {
        if (isInternal(message) && message.cmd === 'NODE_HANDLE') {
          handleMessage(message, true, pendingFd);
          pendingFd = -1;
        } else {
          handleMessage(message, isInternal(message));
        }
      }
      return;
    }
    if (nread === 0) return;
    // EOF or a read error: the other side is gone.
    if (pendingFd >= 0) closeFd(pendingFd);
    pendingFd = -1;
    this.buffering = false;
    target.disconnect();
    channel.onread = nop;
    channel.close();
    target.channel = null;
    require('internal/child_process/child_process').maybeClose(target);
  };

  // Where server connections passed on are tracked (internal/socket_list).
  channel.sockets = { got: {}, send: {} };

  target.on('internalMessage', function(message, fd) {
    if (message.cmd === 'NODE_HANDLE_ACK' || message.cmd === 'NODE_HANDLE_NACK') {
      onHandleAck(target, message);
      return;
    }
    if (message.cmd !== 'NODE_HANDLE') return;
    const conversion = handleConversion()[message.type];
    const handle = fd >= 0 && conversion ? handleFromFd()(fd, conversion.server) : null;
    // No handle (lost on the way, or of a kind we cannot make): ask again.
    if (!handle) {
      if (fd >= 0) closeFd(fd);
      target._send({ cmd: 'NODE_HANDLE_NACK' }, null, true);
      return;
    }
    // Not the user's send(): a failure to acknowledge is not an error.
    target._send({ cmd: 'NODE_HANDLE_ACK' }, null, true);
    conversion.got.call(this, message, handle, (handle) => {
      handleMessage(message.msg, isInternal(message.msg), handle);
    });
  });

  // Messages that arrive before anyone listens wait for the first
  // 'message' listener.
  target.on('newListener', function() {
    process.nextTick(() => {
      if (!target.channel || !target.listenerCount('message')) return;
      const messages = target.channel[kPendingMessages];
      const { length } = messages;
      if (!length) return;
      for (let i = 0; i < length; i++) target.emit(...messages[i]);
      target.channel[kPendingMessages] = [];
    });
  });

  target.send = function(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      validateObject(options, 'options');
    }
    options = { swallowErrors: false, ...options };
    if (this.connected) return this._send(message, handle, options, callback);
    const ex = new ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(() => this.emit('error', ex));
    return false;
  };

  target._send = function(message, handle, options, callback) {
    if (message === undefined) throw new ERR_MISSING_ARGS('message');
    // Only what the other side can parse gets written.
    if (typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE(
        'message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (typeof options === 'boolean') options = { swallowErrors: options };

    let conversion;
    if (handle) {
      message = { cmd: 'NODE_HANDLE', type: null, msg: message };
      message.type = require('internal/child_process/handle_conversion').handleType(handle);
      if (message.type === null) throw new ERR_INVALID_HANDLE_TYPE();
      // One handle in flight at a time: wait for the acknowledgement.
      if (this._handleQueue) {
        this._handleQueue.push({ callback, handle, options, message: message.msg });
        return this._handleQueue.length === 1;
      }
      conversion = handleConversion()[message.type];
      handle = conversion.send.call(target, message, handle, options);
      // Sent twice, or nothing native under it: the message goes alone.
      if (!handle) message = message.msg;
    } else if (this._handleQueue &&
               !(message && (message.cmd === 'NODE_HANDLE_ACK' ||
                             message.cmd === 'NODE_HANDLE_NACK'))) {
      // Behind a handle still in flight, to keep the order.
      this._handleQueue.push({ callback, handle: null, options, message });
      return this._handleQueue.length === 1;
    }

    const req = { oncomplete: null, bytes: 0, async: false };
    const err = writeChannelMessage(channel, req, message, handle);
    if (err === 0) {
      if (handle) {
        this._handleQueue ||= [];
        if (conversion && conversion.postSend) {
          conversion.postSend(message, handle, options, callback, target);
        }
      }
      if (req.async) {
        req.oncomplete = () => {
          control.unrefCounted();
          if (typeof callback === 'function') callback(null);
        };
        control.refCounted();
      } else if (typeof callback === 'function') {
        process.nextTick(callback, null);
      }
    } else {
      if (conversion && conversion.postSend) {
        conversion.postSend(message, handle, options, callback);
      }
      if (options.swallowErrors) return channel.writeQueueSize < (65536 * 2);
      const ex = new ErrnoException(err, 'write');
      if (typeof callback === 'function') process.nextTick(callback, ex);
      else process.nextTick(() => this.emit('error', ex));
    }
    // Past two reads' worth queued, the sender should wait.
    return channel.writeQueueSize < (65536 * 2);
  };

  // `connected` goes false at once on disconnect(); `channel` goes null when
  // the channel is really closed.
  target.connected = true;

  target.disconnect = function() {
    if (!this.connected) {
      this.emit('error', new ERR_IPC_DISCONNECTED());
      return;
    }
    this.connected = false;
    if (!this._handleQueue) this._disconnect();
  };

  target._disconnect = function() {
    this.channel = null;
    this[kChannelHandle] = null;
    if (this._pendingMessage) closePendingHandle(this);
    let fired = false;
    function finish() {
      if (fired) return;
      fired = true;
      channel.close();
      target.emit('disconnect');
    }
    // A message half read: wait for it before closing.
    if (channel.buffering) {
      this.once('message', finish);
      this.once('internalMessage', finish);
      return;
    }
    process.nextTick(finish);
  };

  function emit(event, message, handle) {
    if (event === 'internalMessage' || target.listenerCount('message')) {
      target.emit(event, message, handle);
      return;
    }
    if (target.channel) target.channel[kPendingMessages].push([event, message, handle]);
  }

  function handleMessage(message, internal, handle) {
    if (!target.channel) {
      if (typeof handle === 'number' && handle >= 0) closeFd(handle);
      return;
    }
    process.nextTick(emit, internal ? 'internalMessage' : 'message', message, handle);
  }

  channel.reading = true;
  channel.readStart();
  return control;
}

function handleConversion() {
  return require('internal/child_process/handle_conversion').handleConversion;
}

function handleFromFd() {
  return require('internal/child_process/handle_conversion').handleFromFd;
}

// An fd received that nobody will use.
function closeFd(fd) {
  require('fs').close(fd, nop);
}

function closePendingHandle(target) {
  target._pendingMessage.handle.close();
  target._pendingMessage = null;
}

// The other side has (ACK) or has not (NACK) got the handle in flight:
// close our copy or send it again, then send what waited behind it.
function onHandleAck(target, message) {
  const pending = target._pendingMessage;
  if (pending) {
    if (message.cmd === 'NODE_HANDLE_ACK') {
      closePendingHandle(target);
    } else if (pending.retransmissions++ === MAX_HANDLE_RETRANSMISSIONS) {
      closePendingHandle(target);
      process.emitWarning('Handle did not reach the receiving process correctly',
                          'SentHandleNotReceivedWarning');
    }
  }
  const queue = target._handleQueue || [];
  target._handleQueue = null;
  if (target._pendingMessage) {
    const { message: msg, handle, options, callback } = target._pendingMessage;
    target._send(msg, handle, options, callback);
  }
  for (let i = 0; i < queue.length; i++) {
    const args = queue[i];
    target._send(args.message, args.handle, args.options, args.callback);
  }
  // A disconnect() that waited for the queue.
  if (!target.connected && target.channel && !target._handleQueue) target._disconnect();
}

module.exports = { kChannelHandle, setupChannel };
