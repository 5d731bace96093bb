'use strict';

// Instances whose hidden class survives Object.setPrototypeOf.
//
// V8 treats a plain object whose prototype was swapped as "detached"
// (Map::IsDetached in src/objects/map-inl.h): every property added to it
// afterwards gets a fresh map instead of a shared transition. Express does
// Object.setPrototypeOf(req, app.request) and (res, app.response) on every
// request and then adds properties, so each request's objects have maps
// no inline cache has seen: every property access in the framework and in
// http misses. Objects made from a FunctionTemplate have an API instance
// type, which V8 exempts, so their maps are shared from one request to the
// next. JS sees an ordinary object: same prototype chain, constructor,
// keys, inspect output.
//
// stableShape(Ctor) makes Ctor.prototype the prototype of a derived class of
// binding('util').StableShapeBase and returns a function creating empty
// instances of it. A derived class as new.target is what lets V8 cache the
// instance map and size its in-object fields from the property estimates of
// the constructor chain (JSFunction::GetDerivedMap), so the chain is
// Shape -> Ctor -> Ctor's parents (so Shape's own constructor, whose super
// would now be Ctor, never runs). Ctor itself stays a plain function:
// `new Ctor()`, Ctor.call(this) and subclasses behave as before.

const { StableShapeBase } = binding('util');
const kNoArgs = Object.freeze([]);

function stableShape(Ctor) {
  class Shape extends StableShapeBase {}
  Object.defineProperty(Shape.prototype, 'constructor', {
    __proto__: null, value: Ctor, writable: true, enumerable: false, configurable: true,
  });
  Ctor.prototype = Shape.prototype;
  Object.setPrototypeOf(Shape, Ctor);
  return function create() { return Reflect.construct(StableShapeBase, kNoArgs, Shape); };
}

module.exports = { stableShape };
