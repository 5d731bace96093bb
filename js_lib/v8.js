'use strict';

// v8: the serializer API (over process.binding('serdes')), heap statistics
// and flags (process.binding('heap')), and promiseHooks
// (internal/promise_hooks.js). Heap snapshots, coverage, startupSnapshot and
// GCProfiler are not provided.

const { validateString } = require('internal/validators');
const { Serializer, Deserializer } = binding('serdes');
const heap = binding('heap');

function lazyBuffer() {
  return require('buffer').Buffer;
}

// ---- serializer ---------------------------------------------------------------

// What a Serializer throws for values it cannot write (Node's default).
Serializer.prototype._getDataCloneError = Error;

// The binding returns a Uint8Array; Node's returns a Buffer (no copy).
const releaseBytes = Serializer.prototype.releaseBuffer;
Object.defineProperty(Serializer.prototype, 'releaseBuffer', {
  __proto__: null, writable: true, enumerable: true, configurable: true,
  value: function releaseBuffer() {
    const bytes = releaseBytes.call(this);
    return lazyBuffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
});

// Reads `length` raw bytes: a Buffer over the deserializer's input.
Deserializer.prototype.readRawBytes = function readRawBytes(length) {
  const offset = this._readRawBytes(length);
  return lazyBuffer().from(this.buffer.buffer, this.buffer.byteOffset + offset, length);
};

// Host-object type tags written by DefaultSerializer (Node's numbering; 10
// is Buffer).
const viewTypes = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'DataView', 'Buffer', 'BigInt64Array',
  'BigUint64Array',
];

function viewTypeIndex(view) {
  const tag = Object.prototype.toString.call(view).slice(8, -1);
  const i = viewTypes.indexOf(tag);
  return i === 10 ? -1 : i;
}

function viewConstructor(index) {
  if (index === 10) return lazyBuffer();
  const name = viewTypes[index];
  return name === undefined ? undefined : globalThis[name];
}

// Writes ArrayBufferViews itself (type tag, length, bytes) so that a pooled
// Buffer's whole backing ArrayBuffer is not serialized with it.
class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(abView) {
    let i = 10;
    if (abView.constructor !== lazyBuffer()) {
      i = viewTypeIndex(abView);
      if (i === -1) {
        const { inspect } = require('internal/util/inspect');
        throw new this._getDataCloneError(`Unserializable host object: ${inspect(abView)}`);
      }
    }
    this.writeUint32(i);
    this.writeUint32(abView.byteLength);
    this.writeRawBytes(new Uint8Array(abView.buffer, abView.byteOffset, abView.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  // Views share the input's memory when aligned; otherwise a copy.
  _readHostObject() {
    const typeIndex = this.readUint32();
    const ctor = viewConstructor(typeIndex);
    const byteLength = this.readUint32();
    const byteOffset = this._readRawBytes(byteLength);
    const size = ctor.BYTES_PER_ELEMENT || 1;
    const offset = this.buffer.byteOffset + byteOffset;
    if (offset % size === 0) {
      return ctor === lazyBuffer() ?
        ctor.from(this.buffer.buffer, offset, byteLength) :
        new ctor(this.buffer.buffer, offset, byteLength / size);
    }
    const copy = new Uint8Array(byteLength);
    copy.set(new Uint8Array(this.buffer.buffer, offset, byteLength));
    return new ctor(copy.buffer, 0, byteLength / size);
  }
}

function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

function deserialize(buffer) {
  const der = new DefaultDeserializer(buffer);
  der.readHeader();
  return der.readValue();
}

// ---- heap and flags -------------------------------------------------------------

const heapStatisticsNames = [
  'total_heap_size', 'total_heap_size_executable', 'total_physical_size',
  'total_available_size', 'used_heap_size', 'heap_size_limit', 'malloced_memory',
  'peak_malloced_memory', 'does_zap_garbage', 'number_of_native_contexts',
  'number_of_detached_contexts', 'total_global_handles_size', 'used_global_handles_size',
  'external_memory',
];

function getHeapStatistics() {
  const values = new Float64Array(heapStatisticsNames.length);
  heap.getHeapStatistics(values);
  const result = {};
  heapStatisticsNames.forEach((name, i) => { result[name] = values[i]; });
  return result;
}

function getHeapSpaceStatistics() {
  return heap.getHeapSpaceStatistics().filter(Boolean).map((row) => ({
    space_name: row[0],
    space_size: row[1],
    space_used_size: row[2],
    space_available_size: row[3],
    physical_space_size: row[4],
  }));
}

function getHeapCodeStatistics() {
  const values = new Float64Array(4);
  heap.getHeapCodeStatistics(values);
  return {
    code_and_metadata_size: values[0],
    bytecode_and_metadata_size: values[1],
    external_script_source_size: values[2],
    cpu_profiler_metadata_size: values[3],
  };
}

function setFlagsFromString(flags) {
  validateString(flags, 'flags');
  heap.setFlagsFromString(flags);
}

function cachedDataVersionTag() {
  return heap.cachedDataVersionTag();
}

// ---- heap snapshots ----------------------------------------------------------------
// Node's default name: Heap.YYYYMMDD.HHMMSS.PID.THREAD.SEQ.heapsnapshot.
let snapshotSeq = 0;
function defaultSnapshotName() {
  const d = new Date();
  const p = (n, w = 2) => String(n).padStart(w, '0');
  const { threadId } = require('worker_threads');
  return `Heap.${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}.` +
    `${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.${process.pid}.${threadId}.` +
    `${p(++snapshotSeq, 3)}.heapsnapshot`;
}

// writeHeapSnapshot([filename[, options]]): the snapshot's JSON into a file
// (in the working directory by default); returns the file name.
function writeHeapSnapshot(filename = undefined, options = undefined) {
  const numeric = require('internal/heap_snapshot_stream').snapshotOptions(options);
  if (filename === undefined) {
    filename = defaultSnapshotName();
  } else {
    filename = require('internal/fs/utils').getValidatedPath(filename);
    if (typeof filename !== 'string') filename = `${filename}`;
  }
  heap.writeHeapSnapshot(filename, numeric);
  return filename;
}

// getHeapSnapshot([options]): a Readable of the snapshot's JSON.
function getHeapSnapshot(options = undefined) {
  const { HeapSnapshotStream, snapshotOptions } = require('internal/heap_snapshot_stream');
  const numeric = snapshotOptions(options);
  return new HeapSnapshotStream(heap.takeHeapSnapshot(numeric));
}

module.exports = {
  cachedDataVersionTag,
  getHeapSnapshot,
  writeHeapSnapshot,
  getHeapStatistics,
  getHeapSpaceStatistics,
  getHeapCodeStatistics,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  serialize,
  promiseHooks: require('internal/promise_hooks').hooks,
};
