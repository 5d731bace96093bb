'use strict';

// What v8.getHeapSnapshot() and worker.getHeapSnapshot() share: their
// options check, and the Readable they hand out (Node's HeapSnapshotStream):
// the snapshot's JSON, taken beforehand, as one Buffer on the first read.

const { Readable } = require('stream');

class HeapSnapshotStream extends Readable {
  #json;

  constructor(json) {
    super({ autoDestroy: true });
    this.#json = json;
  }

  _read() {
    if (this.#json !== null) {
      const data = Buffer.from(this.#json, 'utf8');
      this.#json = null;
      this.push(data);
    }
    this.push(null);
  }
}

// The snapshot options ({ exposeInternals, exposeNumericValues }), checked
// as Node checks them; returns exposeNumericValues. V8 10.2's snapshot has
// no switch for exposeInternals (internals are always in).
function snapshotOptions(options) {
  if (options === undefined) return false;
  const { validateBoolean, validateObject } = require('internal/validators');
  validateObject(options, 'options');
  const { exposeInternals = false, exposeNumericValues = false } = options;
  validateBoolean(exposeInternals, 'options.exposeInternals');
  validateBoolean(exposeNumericValues, 'options.exposeNumericValues');
  return exposeNumericValues;
}

module.exports = { HeapSnapshotStream, snapshotOptions };
