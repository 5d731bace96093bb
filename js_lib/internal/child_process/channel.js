'use strict';

// The IPC channel between a parent and a child it forked (or spawned with
// 'ipc' in stdio): send(), the 'message' event, disconnect() and
// 'disconnect', on a ChildProcess in the parent and on `process` in the
// child. The channel is a socketpair end wrapped in an FdStream; messages are
// framed by internal/child_process/serialization. Messages whose `cmd` starts
// with 'NODE_' are internal ('internalMessage').
// TODO(net): sending handles (net.Socket, net.Server) needs the net module
// and SCM_RIGHTS; until then any handle is ERR_INVALID_HANDLE_TYPE.

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

  channel.onread = function(nread, arrayBuffer) {
    if (nread > 0) {
      for (const message of parseChannelMessages(channel, new Uint8Array(arrayBuffer))) {
        handleMessage(message, isInternal(message));
      }
      return;
    }
    if (nread === 0) return;
    // EOF or a read error: the other side is gone.
    this.buffering = false;
    target.disconnect();
    channel.onread = nop;
    channel.close();
    target.channel = null;
    require('internal/child_process/child_process').maybeClose(target);
  };

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
    if (handle) throw new ERR_INVALID_HANDLE_TYPE();

    const req = { oncomplete: null, bytes: 0, async: false };
    const err = writeChannelMessage(channel, req, message);
    if (err === 0) {
      if (req.async) {
        req.oncomplete = () => {
          control.unrefCounted();
          if (typeof callback === 'function') callback(null);
        };
        control.refCounted();
      } else if (typeof callback === 'function') {
        process.nextTick(callback, null);
      }
    } else if (!options.swallowErrors) {
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

  function handleMessage(message, internal) {
    if (!target.channel) return;
    process.nextTick(emit, internal ? 'internalMessage' : 'message', message, undefined);
  }

  channel.reading = true;
  channel.readStart();
  return control;
}

module.exports = { kChannelHandle, setupChannel };
