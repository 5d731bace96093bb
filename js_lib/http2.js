'use strict';

// http2: what needs no HTTP/2 session. Its constants, the SETTINGS codec
// (getDefaultSettings, getPackedSettings, getUnpackedSettings) and
// sensitiveHeaders are Node 20's, so packages that load http2 beside
// http/https (axios, undici) run. Kiln has no HTTP/2 framing layer yet:
// connect(), createServer() and createSecureServer() throw
// ERR_METHOD_NOT_IMPLEMENTED.

const {
  codes: {
    ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH, ERR_HTTP2_INVALID_SETTING_VALUE, ERR_INVALID_ARG_TYPE,
    ERR_METHOD_NOT_IMPLEMENTED,
  },
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const constants = require('internal/http2/constants');
const { Buffer } = require('buffer');

const sensitiveHeaders = Symbol('sensitiveHeaders');
const kMaxUint32 = 2 ** 32 - 1;

// The settings with a name, in the order Node packs them: [name, id, min,
// max] for numbers, [name, id] for booleans.
const kSettings = [
  ['headerTableSize', 1, 0, kMaxUint32],
  ['enablePush', 2],
  ['maxConcurrentStreams', 3, 0, kMaxUint32],
  ['initialWindowSize', 4, 0, kMaxUint32],
  ['maxFrameSize', 5, 16384, 2 ** 24 - 1],
  ['maxHeaderListSize', 6, 0, kMaxUint32],
  ['enableConnectProtocol', 8],
];

function getDefaultSettings() {
  return {
    headerTableSize: 4096,
    enablePush: true,
    initialWindowSize: 65535,
    maxFrameSize: 16384,
    maxConcurrentStreams: kMaxUint32,
    maxHeaderSize: 65535,
    maxHeaderListSize: 65535,
    enableConnectProtocol: false,
  };
}

function checkSetting(name, value, min, max) {
  if (min === undefined) {
    if (typeof value !== 'boolean') throw new ERR_HTTP2_INVALID_SETTING_VALUE(name, value);
  } else if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError(name, value, min, max);
  }
}

// getPackedSettings(settings): the payload of a SETTINGS frame, 6 bytes a
// setting (16-bit id, 32-bit value, big-endian).
function getPackedSettings(settings = {}) {
  validateObject(settings, 'settings');
  settings = { ...settings };
  if (settings.maxHeaderSize !== undefined) {
    checkSetting('maxHeaderSize', settings.maxHeaderSize, 0, kMaxUint32);
    if (settings.maxHeaderListSize !== undefined) {
      process.emitWarning('settings.maxHeaderSize overwrite settings.maxHeaderListSize');
    }
    settings.maxHeaderListSize = settings.maxHeaderSize;
  }
  const entries = [];
  for (const [name, id, min, max] of kSettings) {
    const value = settings[name];
    if (value === undefined) continue;
    checkSetting(name, value, min, max);
    entries.push([id, min === undefined ? Number(value) : value]);
  }
  const custom = settings.customSettings;
  if (custom !== undefined && custom !== null) {
    validateObject(custom, 'customSettings');
    for (const key of Object.keys(custom)) {
      const id = Number(key);
      const value = custom[key];
      if (!Number.isInteger(id) || id < 0 || id > 0xffff) {
        throw new ERR_HTTP2_INVALID_SETTING_VALUE.RangeError('Range Error', id, 0, 0xffff);
      }
      checkSetting('Range Error', value, 0, kMaxUint32);
      entries.push([id, value]);
    }
  }
  const buf = Buffer.alloc(entries.length * 6);
  entries.forEach(([id, value], i) => {
    buf.writeUInt16BE(id, i * 6);
    buf.writeUInt32BE(value, i * 6 + 2);
  });
  return buf;
}

// getUnpackedSettings(buf[, { validate }]): the settings a payload holds.
function getUnpackedSettings(buf, options = {}) {
  if (!ArrayBuffer.isView(buf) || buf instanceof DataView) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray'], buf);
  }
  validateObject(options, 'options');
  if (buf.byteLength % 6 !== 0) throw new ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const settings = {};
  for (let offset = 0; offset < view.byteLength; offset += 6) {
    const id = view.getUint16(offset);
    const value = view.getUint32(offset + 2);
    const known = kSettings.find((s) => s[1] === id);
    if (known === undefined) {
      settings.customSettings ??= {};
      settings.customSettings[id] = value;
    } else if (known[2] === undefined) {
      settings[known[0]] = value !== 0;
    } else {
      if (id === 6) settings.maxHeaderSize = value;
      settings[known[0]] = value;
    }
  }
  if (options.validate) {
    for (const [name, , min, max] of kSettings) {
      if (settings[name] !== undefined) checkSetting(name, settings[name], min, max);
    }
  }
  return settings;
}

function notImplemented(name) {
  return function() {
    throw new ERR_METHOD_NOT_IMPLEMENTED(`http2.${name}()`);
  };
}

module.exports = {
  connect: notImplemented('connect'),
  constants,
  createServer: notImplemented('createServer'),
  createSecureServer: notImplemented('createSecureServer'),
  getDefaultSettings,
  getPackedSettings,
  getUnpackedSettings,
  sensitiveHeaders,
};
