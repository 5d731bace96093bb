'use strict';

// worker_threads as seen from the main thread, which is where Kiln runs all
// JS: MessageChannel/MessagePort/BroadcastChannel (internal/worker/io),
// environment data, and the main thread's identity (isMainThread, threadId
// 0, no parentPort or workerData). Kiln does not start worker threads yet:
// `new Worker()` checks its arguments as Node does, then throws
// ERR_WORKER_INIT_FAILED.

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_WORKER_INIT_FAILED },
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const {
  BroadcastChannel, MessageChannel, MessagePort, markAsUntransferable, receiveMessageOnPort,
} = require('internal/worker/io');
const EventEmitter = require('events');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');
const environmentData = new Map();

function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return environmentData.get(key);
}

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (typeof filename !== 'string' && !(filename instanceof URL)) {
      throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
    }
    validateObject(options, 'options');
    throw new ERR_WORKER_INIT_FAILED('Kiln does not run worker threads yet');
  }
}

module.exports = {
  isMainThread: true,
  MessagePort,
  MessageChannel,
  markAsUntransferable,
  receiveMessageOnPort,
  resourceLimits: {},
  threadId: 0,
  SHARE_ENV,
  Worker,
  parentPort: null,
  workerData: null,
  BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
