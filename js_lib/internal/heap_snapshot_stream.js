'use strict';

// The Readable that v8.getHeapSnapshot() and worker.getHeapSnapshot() hand
// out (Node's HeapSnapshotStream): the snapshot's JSON, taken beforehand,
// as one Buffer on the first read.

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

module.exports = { HeapSnapshotStream };
