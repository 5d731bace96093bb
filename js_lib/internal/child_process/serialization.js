'use strict';

// How IPC messages travel on the channel (the `serialization` option of
// spawn/fork; the child learns it from NODE_CHANNEL_SERIALIZATION_MODE):
//   json:     JSON.stringify(message) + '\n', parsed line by line (utf8).
//   advanced: the V8 serializer, each message prefixed by its length as a
//             32-bit big-endian number.
// Each mode: initMessageChannel(channel), parseChannelMessages(channel,
// bytes) (a generator of the complete messages so far; sets
// channel.buffering while a message is incomplete) and
// writeChannelMessage(channel, req, message, handle) -> 0 or -errno (the
// handle's fd goes with the message).

const chunks = require('internal/streams/chunk');

const kJSONBuffer = Symbol('kJSONBuffer');
const kStringDecoder = Symbol('kStringDecoder');
const kMessageBuffer = Symbol('kMessageBuffer');
const kMessageBufferSize = Symbol('kMessageBufferSize');

const json = {
  initMessageChannel(channel) {
    channel[kJSONBuffer] = '';
    channel[kStringDecoder] = undefined;
  },

  *parseChannelMessages(channel, readData) {
    if (readData.length === 0) return;
    if (channel[kStringDecoder] === undefined) {
      const { StringDecoder } = require('string_decoder');
      channel[kStringDecoder] = new StringDecoder('utf8');
    }
    const lines = channel[kStringDecoder].write(chunks.fromView(readData)).split('\n');
    const complete = lines.length - 1;
    // The last piece has no newline yet.
    const rest = lines[complete];
    if (complete === 0) {
      channel[kJSONBuffer] += rest;
    } else {
      lines[0] = channel[kJSONBuffer] + lines[0];
      for (let i = 0; i < complete; i++) yield JSON.parse(lines[i]);
      channel[kJSONBuffer] = rest;
    }
    channel.buffering = channel[kJSONBuffer].length !== 0;
  },

  writeChannelMessage(channel, req, message, handle) {
    const string = JSON.stringify(message) + '\n';
    if (handle) return channel.writeWithFd(req, string, handle.fd);
    return channel.writeString(req, string, 'utf8');
  },
};

const advanced = {
  initMessageChannel(channel) {
    channel[kMessageBuffer] = [];
    channel[kMessageBufferSize] = 0;
    channel.buffering = false;
  },

  *parseChannelMessages(channel, readData) {
    if (readData.length === 0) return;
    const v8 = require('v8');
    channel[kMessageBuffer].push(readData);
    channel[kMessageBufferSize] += readData.length;
    for (;;) {
      const size = channel[kMessageBufferSize];
      if (size < 4) break;
      let head = channel[kMessageBuffer][0];
      if (head.length < 4) {
        head = chunks.concat(channel[kMessageBuffer], size);
        channel[kMessageBuffer] = [head];
      }
      const full = ((head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]) >>> 0) + 4;
      if (size < full) break;
      const all = channel[kMessageBuffer].length === 1 ?
        channel[kMessageBuffer][0] : chunks.concat(channel[kMessageBuffer], size);
      const deserializer = new v8.DefaultDeserializer(chunks.fromView(all.subarray(4, full)));
      const rest = all.subarray(full);
      channel[kMessageBufferSize] = rest.length;
      channel[kMessageBuffer] = rest.length !== 0 ? [rest] : [];
      deserializer.readHeader();
      yield deserializer.readValue();
    }
    channel.buffering = channel[kMessageBufferSize] > 0;
  },

  writeChannelMessage(channel, req, message, handle) {
    const v8 = require('v8');
    const ser = new v8.DefaultSerializer();
    ser.writeRawBytes(new Uint8Array(4));  // the length goes here
    ser.writeHeader();
    ser.writeValue(message);
    const bytes = ser.releaseBuffer();
    const length = bytes.length - 4;
    bytes[0] = length >>> 24 & 0xFF;
    bytes[1] = length >>> 16 & 0xFF;
    bytes[2] = length >>> 8 & 0xFF;
    bytes[3] = length & 0xFF;
    if (handle) return channel.writeWithFd(req, bytes, handle.fd);
    return channel.writeBuffer(req, bytes);
  },
};

module.exports = { advanced, json };
