'use strict';

// worker_threads: Worker runs a script on a new thread with its own isolate
// and loop (internal/worker/worker, bindings/worker.cc); the ports between
// threads are internal/worker/io's. The exports about the current thread
// (isMainThread, threadId, parentPort, workerData, resourceLimits) are
// read when this module is first required, which in a worker is after
// runWorker filled them in.

const {
  BroadcastChannel, MessageChannel, MessagePort, markAsUntransferable, receiveMessageOnPort,
} = require('internal/worker/io');
const { Worker, SHARE_ENV, threadState } = require('internal/worker/worker');

function setEnvironmentData(key, value) {
  if (value === undefined) threadState.environmentData.delete(key);
  else threadState.environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return threadState.environmentData.get(key);
}

module.exports = {
  isMainThread: threadState.isMainThread,
  MessagePort,
  MessageChannel,
  markAsUntransferable,
  receiveMessageOnPort,
  resourceLimits: threadState.resourceLimits,
  threadId: threadState.threadId,
  SHARE_ENV,
  Worker,
  parentPort: threadState.parentPort,
  workerData: threadState.workerData,
  BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
