'use strict';

// File attributes, synchronous and callback forms: chmod/fchmod,
// chown/fchown/lchown, utimes/futimes/lutimes. (lchmod exists only on
// macOS, so fs.lchmod is undefined here, as in Node on Linux.)

const fsb = binding('fs');
const { parseFileMode, validateInteger } = require('internal/validators');
const {
  callbackReq, getValidatedFd, getValidatedPath, kMaxUserId, makeCallback, toUnixTimestamp,
} = require('internal/fs/utils');

function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  fsb.chmod(path, mode, callbackReq(callback));
}

function chmodSync(path, mode) {
  path = getValidatedPath(path);
  fsb.chmod(path, parseFileMode(mode, 'mode'), undefined);
}

function fchmod(fd, mode, callback) {
  fd = getValidatedFd(fd);
  mode = parseFileMode(mode, 'mode');
  callback = makeCallback(callback);
  fsb.fchmod(fd, mode, callbackReq(callback));
}

function fchmodSync(fd, mode) {
  fd = getValidatedFd(fd);
  fsb.fchmod(fd, parseFileMode(mode, 'mode'), undefined);
}

function validateIds(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
}

function chown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateIds(uid, gid);
  fsb.chown(path, uid, gid, callbackReq(callback));
}

function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  fsb.chown(path, uid, gid, undefined);
}

function lchown(path, uid, gid, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  validateIds(uid, gid);
  fsb.lchown(path, uid, gid, callbackReq(callback));
}

function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateIds(uid, gid);
  fsb.lchown(path, uid, gid, undefined);
}

function fchown(fd, uid, gid, callback) {
  fd = getValidatedFd(fd);
  validateIds(uid, gid);
  callback = makeCallback(callback);
  fsb.fchown(fd, uid, gid, callbackReq(callback));
}

function fchownSync(fd, uid, gid) {
  fd = getValidatedFd(fd);
  validateIds(uid, gid);
  fsb.fchown(fd, uid, gid, undefined);
}

function utimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  fsb.utimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime), callbackReq(callback));
}

function utimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  fsb.utimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime), undefined);
}

function lutimes(path, atime, mtime, callback) {
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  fsb.lutimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime), callbackReq(callback));
}

function lutimesSync(path, atime, mtime) {
  path = getValidatedPath(path);
  fsb.lutimes(path, toUnixTimestamp(atime), toUnixTimestamp(mtime), undefined);
}

function futimes(fd, atime, mtime, callback) {
  fd = getValidatedFd(fd);
  atime = toUnixTimestamp(atime, 'atime');
  mtime = toUnixTimestamp(mtime, 'mtime');
  callback = makeCallback(callback);
  fsb.futimes(fd, atime, mtime, callbackReq(callback));
}

function futimesSync(fd, atime, mtime) {
  fd = getValidatedFd(fd);
  fsb.futimes(fd, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'), undefined);
}

module.exports = {
  chmod,
  chmodSync,
  chown,
  chownSync,
  fchmod,
  fchmodSync,
  fchown,
  fchownSync,
  futimes,
  futimesSync,
  lchown,
  lchownSync,
  lutimes,
  lutimesSync,
  utimes,
  utimesSync,
};
