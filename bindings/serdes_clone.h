// structuredClone() for bindings/serdes.cc: one serialize + deserialize
// pass through V8's ValueSerializer, with ArrayBuffer transfer and shared
// SharedArrayBuffers. Included by serdes.cc only.
#ifndef KILN_BINDINGS_SERDES_CLONE_H_
#define KILN_BINDINGS_SERDES_CLONE_H_

#include <cstdlib>
#include <memory>
#include <vector>

#include "runtime/binding.h"
#include "runtime/per_run.h"

namespace kiln::bindings::serdes {

using v8::Array;
using v8::ArrayBuffer;
using v8::BackingStore;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Just;
using v8::Local;
using v8::Maybe;
using v8::MaybeLocal;
using v8::SharedArrayBuffer;
using v8::String;
using v8::Value;
using v8::ValueDeserializer;
using v8::ValueSerializer;

// SharedArrayBuffers are shared, not copied: the id is an index into `sabs`.
struct CloneState {
  Isolate* isolate;
  Local<Function> make_error;
  std::vector<Local<SharedArrayBuffer>> sabs;
};

class CloneSerializerDelegate : public ValueSerializer::Delegate {
 public:
  explicit CloneSerializerDelegate(CloneState* state) : state_(state) {}

  void set_serializer(ValueSerializer* serializer) { serializer_ = serializer; }

  // process.env goes as a plain object with its variables, as Node sends it
  // (nodejs/node#45380); other host objects cannot be cloned.
  Maybe<bool> WriteHostObject(Isolate* isolate, Local<v8::Object> object) override {
    Local<Context> context = isolate->GetCurrentContext();
    if (!IsEnvObject(context, object)) return ValueSerializer::Delegate::WriteHostObject(isolate, object);
    Local<v8::Object> copy;
    if (!EnvToPlainObject(context, object).ToLocal(&copy)) return v8::Nothing<bool>();
    return serializer_->WriteValue(context, copy);
  }

  void ThrowDataCloneError(Local<String> message) override {
    Local<Value> argv[] = {message};
    Local<Value> error;
    if (state_->make_error->Call(state_->isolate->GetCurrentContext(), v8::Undefined(state_->isolate),
                                 1, argv).ToLocal(&error)) {
      state_->isolate->ThrowException(error);
    }
  }

  Maybe<uint32_t> GetSharedArrayBufferId(Isolate*, Local<SharedArrayBuffer> sab) override {
    for (size_t i = 0; i < state_->sabs.size(); i++) {
      if (state_->sabs[i] == sab) return Just(static_cast<uint32_t>(i));
    }
    state_->sabs.push_back(sab);
    return Just(static_cast<uint32_t>(state_->sabs.size() - 1));
  }

 private:
  CloneState* state_;
  ValueSerializer* serializer_ = nullptr;
};

class CloneDeserializerDelegate : public ValueDeserializer::Delegate {
 public:
  explicit CloneDeserializerDelegate(CloneState* state) : state_(state) {}

  void set_deserializer(ValueDeserializer* deserializer) { deserializer_ = deserializer; }

  // The only host object written is process.env's plain copy.
  MaybeLocal<v8::Object> ReadHostObject(Isolate* isolate) override {
    Local<Value> value;
    if (!deserializer_->ReadValue(isolate->GetCurrentContext()).ToLocal(&value)) return {};
    if (!value->IsObject()) return {};  // V8 throws "Unable to deserialize cloned data."
    return value.As<v8::Object>();
  }

  MaybeLocal<SharedArrayBuffer> GetSharedArrayBufferFromId(Isolate*, uint32_t id) override {
    if (id < state_->sabs.size()) return state_->sabs[id];
    return {};
  }

 private:
  CloneState* state_;
  ValueDeserializer* deserializer_ = nullptr;
};

// structuredClone(value, transfer: ArrayBuffer[], makeDataCloneError) -> copy.
// The transferred ArrayBuffers are detached; the copy owns their memory.
// Duplicates and non-ArrayBuffers are rejected in JS before this call.
inline void StructuredClone(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 1, IsArray, "an Array");
  CHECK_ARG(args, 2, IsFunction, "a function");
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  CloneState state{isolate, args[2].As<Function>(), {}};
  Local<Array> transfer = args[1].As<Array>();
  std::vector<Local<ArrayBuffer>> buffers;
  for (uint32_t i = 0; i < transfer->Length(); i++) {
    Local<Value> ab;
    if (!transfer->Get(context, i).ToLocal(&ab)) return;
    if (!ab->IsArrayBuffer()) {
      return ThrowTypeError(isolate, "ERR_INVALID_TRANSFER_OBJECT",
                            "Found invalid object in transferList");
    }
    buffers.push_back(ab.As<ArrayBuffer>());
  }

  CloneSerializerDelegate ser_delegate(&state);
  ValueSerializer serializer(isolate, &ser_delegate);
  ser_delegate.set_serializer(&serializer);
  serializer.WriteHeader();
  for (size_t i = 0; i < buffers.size(); i++) {
    serializer.TransferArrayBuffer(static_cast<uint32_t>(i), buffers[i]);
  }
  if (serializer.WriteValue(context, args[0]).IsNothing()) return;
  std::pair<uint8_t*, size_t> data = serializer.Release();
  std::unique_ptr<uint8_t, decltype(&free)> owned(data.first, free);

  CloneDeserializerDelegate de_delegate(&state);
  ValueDeserializer deserializer(isolate, data.first, data.second, &de_delegate);
  de_delegate.set_deserializer(&deserializer);
  for (size_t i = 0; i < buffers.size(); i++) {
    // Move the memory to a new ArrayBuffer and detach the old one.
    std::shared_ptr<BackingStore> store = buffers[i]->GetBackingStore();
    if (!buffers[i]->IsDetachable()) {
      return ThrowTypeError(isolate, "ERR_INVALID_TRANSFER_OBJECT",
                            "Found invalid object in transferList");
    }
    buffers[i]->Detach();
    deserializer.TransferArrayBuffer(static_cast<uint32_t>(i), ArrayBuffer::New(isolate, store));
  }
  Local<Value> result;
  if (deserializer.ReadHeader(context).IsNothing() ||
      !deserializer.ReadValue(context).ToLocal(&result)) {
    return;
  }
  args.GetReturnValue().Set(result);
}

}  // namespace kiln::bindings::serdes

#endif  // KILN_BINDINGS_SERDES_CLONE_H_
