'use strict';

// readFile, writeFile and appendFile, synchronous and callback forms. Each
// is one binding call (open, read or write everything, close) so a whole
// file costs one trip to the worker pool. A file given as an fd is read or
// written from its current position and left open.

const fsb = binding('fs');
const {
  AbortError,
  codes: { ERR_FS_FILE_TOO_LARGE, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { parseFileMode, validateBoolean, validateFunction } = require('internal/validators');
const {
  asBufferIfBytes, bindingEncoding, callbackReq, copyObject, flagsForBinding, getOptions,
  getValidatedPath, stringToFlags,
} = require('internal/fs/utils');

function isFd(path) {
  return (path >>> 0) === path;
}

function checkAborted(signal, callback) {
  if (signal?.aborted) {
    callback(new AbortError(undefined, { cause: signal.reason }));
    return true;
  }
  return false;
}

// The binding's readFile result as the API returns it.
function readResult(result, encoding) {
  if (typeof result === 'number') throw new ERR_FS_FILE_TOO_LARGE(result);
  return encoding ? result : asBufferIfBytes(result);
}

function readFile(path, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { flag: 'r' });
  const encoding = options.encoding || undefined;
  const signal = options.signal;
  const done = (err, result) => {
    if (err) return callback(err);
    if (signal?.aborted) return callback(new AbortError(undefined, { cause: signal.reason }));
    let value;
    try {
      value = readResult(result, encoding);
    } catch (e) {
      return callback(e);
    }
    callback(null, value);
  };
  if (isFd(path)) {
    process.nextTick(() => {
      if (checkAborted(signal, callback)) return;
      fsb.readFile(path, 0, bindingEncoding(encoding, 'buffer'), callbackReq(done));
    });
    return;
  }
  if (checkAborted(signal, callback)) return;
  const flags = stringToFlags(options.flag);
  path = getValidatedPath(path);
  fsb.readFile(path, flagsForBinding(flags), bindingEncoding(encoding, 'buffer'),
               callbackReq(done));
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  const encoding = options.encoding || undefined;
  const flags = stringToFlags(options.flag);
  if (!isFd(path)) path = getValidatedPath(path);
  return readResult(fsb.readFile(path, flagsForBinding(flags),
                                 bindingEncoding(encoding, 'buffer'), undefined), encoding);
}

function validateData(data) {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
}

function writeArgs(options, flagDefault) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: flagDefault, flush: false });
  const flush = options.flush ?? false;
  validateBoolean(flush, 'options.flush');
  return {
    encoding: options.encoding || 'utf8',
    flag: options.flag || flagDefault,
    flush,
    mode: options.mode,
    signal: options.signal,
  };
}

function writeFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  const args = writeArgs(options, 'w');
  validateData(data);
  if (isFd(path)) {
    process.nextTick(() => {
      if (checkAborted(args.signal, callback)) return;
      fsb.writeFile(path, data, bindingEncoding(args.encoding), 0, 0o666, args.flush,
                    callbackReq((err) => callback(err || null)));
    });
    return;
  }
  if (checkAborted(args.signal, callback)) return;
  path = getValidatedPath(path);
  const flags = stringToFlags(args.flag);
  const mode = parseFileMode(args.mode, 'mode', 0o666);
  fsb.writeFile(path, data, bindingEncoding(args.encoding), flagsForBinding(flags), mode,
                args.flush, callbackReq((err) => {
                  if (err) return callback(err);
                  if (checkAborted(args.signal, callback)) return;
                  callback(null);
                }));
}

function writeFileSync(path, data, options) {
  const args = writeArgs(options, 'w');
  validateData(data);
  if (isFd(path)) {
    fsb.writeFile(path, data, bindingEncoding(args.encoding), 0, 0o666, args.flush, undefined);
    return;
  }
  path = getValidatedPath(path);
  const flags = stringToFlags(args.flag);
  fsb.writeFile(path, data, bindingEncoding(args.encoding), flagsForBinding(flags),
                parseFileMode(args.mode, 'mode', 0o666), args.flush, undefined);
}

function appendOptions(path, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = copyObject(options);
  // A supplied fd is always appended to.
  if (!options.flag || isFd(path)) options.flag = 'a';
  return options;
}

function appendFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  writeFile(path, data, appendOptions(path, options), callback);
}

function appendFileSync(path, data, options) {
  writeFileSync(path, data, appendOptions(path, options));
}

module.exports = {
  appendFile,
  appendFileSync,
  checkAborted,
  isFd,
  readFile,
  readFileSync,
  readResult,
  writeFile,
  writeFileSync,
};
