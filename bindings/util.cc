// process.binding('util'): the engine-internal views util.inspect needs and
// JS cannot get by itself (promise state, proxy target, collection previews,
// non-index keys without triggering getters, the engine's constructor name).
// Same names and return shapes as Node's internalBinding('util'), plus
// StableShapeBase (internal/util/stable_shape.js).
#include "runtime/binding.h"

namespace kiln::bindings::util {

using v8::Array;
using v8::BigInt;
using v8::Boolean;
using v8::Context;
using v8::External;
using v8::FunctionCallbackInfo;
using v8::IndexFilter;
using v8::Integer;
using v8::Isolate;
using v8::KeyCollectionMode;
using v8::Local;
using v8::Object;
using v8::Promise;
using v8::PropertyFilter;
using v8::Proxy;
using v8::Value;

// getPromiseDetails(promise) -> [state] while pending, else [state, result];
// state is v8::Promise::PromiseState (constants.kPending/kFulfilled/kRejected).
static void GetPromiseDetails(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsPromise, "an instance of Promise");
  Isolate* isolate = args.GetIsolate();
  Local<Promise> promise = args[0].As<Promise>();
  int state = promise->State();
  Local<Value> values[2] = {Integer::New(isolate, state)};
  size_t count = 1;
  if (state != Promise::PromiseState::kPending) values[count++] = promise->Result();
  args.GetReturnValue().Set(Array::New(isolate, values, count));
}

// getProxyDetails(value, showProxy = true) -> undefined for non-proxies;
// [target, handler] when showProxy, else target. Both are null once revoked.
// Called on every inspected object, so a non-proxy is not an error.
static void GetProxyDetails(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsProxy()) return;
  Local<Proxy> proxy = args[0].As<Proxy>();
  if (args.Length() == 1 || args[1]->IsTrue()) {
    Local<Value> pair[2] = {proxy->GetTarget(), proxy->GetHandler()};
    args.GetReturnValue().Set(Array::New(args.GetIsolate(), pair, 2));
  } else {
    args.GetReturnValue().Set(proxy->GetTarget());
  }
}

// previewEntries(obj[, isIterator]) -> entries of a Map/Set/WeakMap/WeakSet or
// their iterators, flattened [k, v, k, v...] when key/value pairs; with a
// second argument -> [entries, isKeyValue]. Reading an iterator's preview
// does not advance it. undefined for any other object.
static void PreviewEntries(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsObject, "of type object");
  Isolate* isolate = args.GetIsolate();
  bool is_key_value = false;
  Local<Array> entries;
  if (!args[0].As<Object>()->PreviewEntries(&is_key_value).ToLocal(&entries)) return;
  if (args.Length() < 2) {
    args.GetReturnValue().Set(entries);
    return;
  }
  Local<Value> pair[2] = {entries, Boolean::New(isolate, is_key_value)};
  args.GetReturnValue().Set(Array::New(isolate, pair, 2));
}

// getOwnNonIndexProperties(obj, filter) -> own string and symbol keys that
// are not array indices; filter is a v8::PropertyFilter bit set
// (constants.ALL_PROPERTIES, constants.ONLY_ENUMERABLE).
static void GetOwnNonIndexProperties(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsObject, "of type object");
  CHECK_ARG(args, 1, IsUint32, "a non-negative integer");
  Local<Context> context = args.GetIsolate()->GetCurrentContext();
  auto filter = static_cast<PropertyFilter>(args[1].As<v8::Uint32>()->Value());
  Local<Array> keys;
  if (!args[0]
           .As<Object>()
           ->GetPropertyNames(context, KeyCollectionMode::kOwnOnly, filter,
                              IndexFilter::kSkipIndices)
           .ToLocal(&keys))
    return;
  args.GetReturnValue().Set(keys);
}

// getConstructorName(obj) -> the engine's class name for obj ("Object" when
// nothing better is known); never runs user code.
static void GetConstructorName(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsObject, "of type object");
  args.GetReturnValue().Set(args[0].As<Object>()->GetConstructorName());
}

// getExternalValue(external) -> the wrapped pointer as a BigInt.
static void GetExternalValue(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsExternal, "an External");
  void* ptr = args[0].As<External>()->Value();
  args.GetReturnValue().Set(
      BigInt::NewFromUnsigned(args.GetIsolate(), reinterpret_cast<uint64_t>(ptr)));
}

// new StableShapeBase(): an empty object made from a FunctionTemplate, so
// V8 gives it an API instance type; its maps then stay in the transition
// tree after Object.setPrototypeOf (internal/util/stable_shape.js says why).
static void StableShapeBase(const FunctionCallbackInfo<Value>& args) {
  if (!args.IsConstructCall()) {
    Isolate* isolate = args.GetIsolate();
    isolate->ThrowException(v8::Exception::TypeError(
        OneByteString(isolate, "Class constructor StableShapeBase cannot be invoked without 'new'")));
  }
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  SetValue(context, target, "StableShapeBase",
           NewClass(isolate, StableShapeBase, 0)->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "getPromiseDetails", GetPromiseDetails);
  SetMethod(context, target, "getProxyDetails", GetProxyDetails);
  SetMethod(context, target, "previewEntries", PreviewEntries);
  SetMethod(context, target, "getOwnNonIndexProperties", GetOwnNonIndexProperties);
  SetMethod(context, target, "getConstructorName", GetConstructorName);
  SetMethod(context, target, "getExternalValue", GetExternalValue);

  Local<Object> constants = Object::New(isolate);
  SetConstant(context, constants, "kPending", Promise::PromiseState::kPending);
  SetConstant(context, constants, "kFulfilled", Promise::PromiseState::kFulfilled);
  SetConstant(context, constants, "kRejected", Promise::PromiseState::kRejected);
  SetConstant(context, constants, "ALL_PROPERTIES", PropertyFilter::ALL_PROPERTIES);
  SetConstant(context, constants, "ONLY_WRITABLE", PropertyFilter::ONLY_WRITABLE);
  SetConstant(context, constants, "ONLY_ENUMERABLE", PropertyFilter::ONLY_ENUMERABLE);
  SetConstant(context, constants, "ONLY_CONFIGURABLE", PropertyFilter::ONLY_CONFIGURABLE);
  SetConstant(context, constants, "SKIP_STRINGS", PropertyFilter::SKIP_STRINGS);
  SetConstant(context, constants, "SKIP_SYMBOLS", PropertyFilter::SKIP_SYMBOLS);
  SetValue(context, target, "constants", constants);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(GetPromiseDetails);
  refs->Register(GetProxyDetails);
  refs->Register(PreviewEntries);
  refs->Register(GetOwnNonIndexProperties);
  refs->Register(GetConstructorName);
  refs->Register(GetExternalValue);
  refs->Register(StableShapeBase);
}

}  // namespace kiln::bindings::util
