'use strict';
// Differential test of structuredClone and v8.serialize/deserialize: what is
// cloned and how (cycles, typed arrays, errors, Maps, Sets, wrappers),
// DataCloneError for functions/symbols/WeakMaps/promises, option and
// transfer-list validation, ArrayBuffer transfer, and v8.serialize bytes.
// Run under node and kiln: stdout must be identical.

const util = require('util');
const v8 = require('v8');

function report(e) {
  return `throws ${e.name} ${e.code} ${e instanceof DOMException}: ${e.message}`;
}
function show(fn) {
  try {
    return util.inspect(fn(), { depth: 4 });
  } catch (e) {
    return report(e);
  }
}

const values = [1, -0, NaN, 'str', null, undefined, true, 10n, [1, , 3], { a: { b: [1, 2] } },
  new Date(0), /re/gi, new Map([[1, { x: 1 }], ['k', [2]]]), new Set([1, 'a', {}]),
  new Uint8Array([1, 2, 3]), new Float64Array([1.5, -2]), new DataView(new ArrayBuffer(4)),
  new ArrayBuffer(3), Object(1), Object('s'), Object(false), Object(2n),
  new Error('e'), new RangeError('r', { cause: 'c' }), new TypeError(), Object.create(null),
  [new Uint16Array(2), new BigInt64Array([1n])], { [Symbol('s')]: 1, k: 2 },
  Object.assign([1, 2], { extra: 'x' })];
for (const v of values) {
  // Errors: not the stack, which names each runtime's own frames.
  console.log(show(() => {
    const c = structuredClone(v);
    return c instanceof Error ? `${c.constructor.name} ${c.name}: ${c.message} ${c.cause}` : c;
  }));
}
{
  const o = { name: 'cycle' };
  o.self = o;
  o.list = [o, o];
  const c = structuredClone(o);
  console.log(c !== o, c.self === c, c.list[0] === c, c.list[1] === c);
  class Foo { constructor() { this.x = 1; } get y() { return 2; } }
  const f = structuredClone(new Foo());
  console.log(f, Object.getPrototypeOf(f) === Object.prototype);
  const e = structuredClone(new RangeError('bad'));
  console.log(e instanceof RangeError, e.message, Object.keys(e), typeof e.stack);
  const u8 = new Uint8Array([5, 6, 7, 8]).subarray(1, 3);
  const cu = structuredClone(u8);
  console.log(cu, cu.byteOffset, cu.buffer.byteLength);
}
for (const bad of [() => {}, function named() {}, Symbol('x'), { a: Symbol() }, new WeakMap(),
  new WeakSet(), Promise.resolve(), { f() {} }, [1, () => 2]]) {
  console.log(show(() => structuredClone(bad)));
}
console.log(show(() => structuredClone()), show(() => structuredClone(1, 1)),
            show(() => structuredClone(1, null)), show(() => structuredClone(1, {})),
            show(() => structuredClone(1, { transfer: 1 })),
            show(() => structuredClone(1, { transfer: 'ab' })),
            show(() => structuredClone(1, { transfer: [1] })),
            show(() => structuredClone(1, { transfer: [{}] })));
{
  const ab = new ArrayBuffer(8);
  new Uint8Array(ab)[0] = 7;
  const c = structuredClone({ ab, view: new Uint8Array(ab, 1, 2) }, { transfer: [ab] });
  console.log(ab.byteLength, c.ab.byteLength, new Uint8Array(c.ab)[0], c.view.buffer === c.ab);
  const ab2 = new ArrayBuffer(2);
  console.log(show(() => structuredClone(1, { transfer: [ab2, ab2] })));
  console.log(show(() => structuredClone(1, { transfer: new Set([new ArrayBuffer(1)]) })));
  const sab = new SharedArrayBuffer(4);
  const s2 = structuredClone(sab);
  new Uint8Array(s2)[0] = 5;
  console.log(new Uint8Array(sab)[0], s2 instanceof SharedArrayBuffer);
}
{
  let calls = 0;
  const getter = { get x() { calls++; return 1; } };
  console.log(structuredClone(getter), calls);
  console.log(show(() => structuredClone({ get x() { throw new Error('from getter'); } })));
}
console.log(structuredClone.name, structuredClone.length, typeof structuredClone,
            Object.getOwnPropertyDescriptor(globalThis, 'structuredClone').enumerable);

// v8.serialize / deserialize.
for (const v of [1, 'abc', { a: [1, 2, { b: null }] }, new Map([[1, 2]]), 2n ** 70n,
  new Uint32Array([1, 2]), new Date(5), [undefined, true]]) {
  const bytes = v8.serialize(v);
  console.log(bytes.toString('hex'), show(() => v8.deserialize(bytes)));
}
console.log(show(() => v8.serialize(() => 1)), show(() => v8.deserialize(new Uint8Array([1, 2]))),
            show(() => v8.deserialize('x')));
{
  const ser = new v8.Serializer();
  ser.writeHeader();
  ser.writeUint32(7);
  ser.writeUint64(1, 2);
  ser.writeDouble(1.5);
  ser.writeRawBytes(Buffer.from('hi'));
  ser.writeValue({ k: 'v' });
  const buf = ser.releaseBuffer();
  console.log(Buffer.isBuffer(buf), buf.toString('hex'));
  const des = new v8.Deserializer(buf);
  console.log(des.readHeader(), des.getWireFormatVersion() > 0, des.readUint32(), des.readUint64(),
              des.readDouble(), des.readRawBytes(2).toString(), des.readValue());
  console.log(show(() => des.readUint32()), show(() => new v8.Deserializer(5)),
              show(() => v8.Serializer()));
}
console.log(typeof v8.getHeapStatistics().used_heap_size, Object.keys(v8.getHeapStatistics()),
            Object.keys(v8.getHeapCodeStatistics()),
            Object.keys(v8.getHeapSpaceStatistics()[0]), typeof v8.cachedDataVersionTag(),
            show(() => v8.setFlagsFromString(1)));
