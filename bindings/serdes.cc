// process.binding('serdes'): V8's ValueSerializer/ValueDeserializer, as
// Node's internalBinding('serdes') (the Serializer and Deserializer classes
// behind v8.serialize/deserialize), plus structuredClone(), which serializes
// and deserializes in one call.
//
// The classes call back into JS the way Node's do: a Serializer looks up
// this._getDataCloneError(message), this._writeHostObject(object) and
// this._getSharedArrayBufferId(sab); a Deserializer this._readHostObject().
// releaseBuffer() returns a Uint8Array (js_lib/v8.js makes it a Buffer).
#include <cstdlib>
#include <cstring>
#include <vector>

#include "runtime/binding.h"
#include "bindings/serdes_clone.h"

namespace kiln::bindings::serdes {

using v8::Array;
using v8::ArrayBuffer;
using v8::ArrayBufferView;
using v8::BackingStore;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::Integer;
using v8::Isolate;
using v8::Just;
using v8::Local;
using v8::Maybe;
using v8::MaybeLocal;
using v8::Nothing;
using v8::Object;
using v8::SharedArrayBuffer;
using v8::String;
using v8::Uint8Array;
using v8::Value;
using v8::ValueDeserializer;
using v8::ValueSerializer;

// ---- helpers ----------------------------------------------------------------

static Local<String> Str(Isolate* isolate, const char* s) { return OneByteString(isolate, s); }

static void ThrowError(Isolate* isolate, const char* message) {
  isolate->ThrowException(v8::Exception::Error(Str(isolate, message)));
}

// this[name] if it is a function, else an empty handle.
static Local<Function> GetMethod(Isolate* isolate, Local<Object> self, const char* name) {
  Local<Value> fn;
  if (!self->Get(isolate->GetCurrentContext(), Str(isolate, name)).ToLocal(&fn) ||
      !fn->IsFunction()) {
    return {};
  }
  return fn.As<Function>();
}

// A Uint8Array over memory from ValueSerializer::Release() (realloc'ed by
// the default delegate), freed with the ArrayBuffer.
static Local<Uint8Array> AdoptBuffer(Isolate* isolate, std::pair<uint8_t*, size_t> data) {
  std::shared_ptr<BackingStore> store = ArrayBuffer::NewBackingStore(
      data.first, data.second, [](void* p, size_t, void*) { free(p); }, nullptr);
  Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, std::move(store));
  return Uint8Array::New(ab, 0, data.second);
}

// The bytes an ArrayBufferView covers.
static const uint8_t* ViewData(Local<ArrayBufferView> view) {
  // SAFETY: the view's buffer outlives the call that uses the pointer.
  return static_cast<const uint8_t*>(view->Buffer()->GetBackingStore()->Data()) +
         view->ByteOffset();
}

// Owned by its JS object (internal field 0); deleted when that is collected.
template <typename T>
class Wrapped {
 public:
  Wrapped(Isolate* isolate, Local<Object> object) : isolate_(isolate) {
    object_.Reset(isolate, object);
    object_.SetWeak(static_cast<T*>(this), OnGC, v8::WeakCallbackType::kParameter);
    object->SetAlignedPointerInInternalField(0, static_cast<T*>(this));
  }
  virtual ~Wrapped() = default;

  // nullptr (with a TypeError thrown) when `self` is not a constructed instance.
  static T* Unwrap(const FunctionCallbackInfo<Value>& args) {
    Local<Object> self = args.This();
    T* p = self->InternalFieldCount() > 0 ?
        static_cast<T*>(self->GetAlignedPointerFromInternalField(0)) : nullptr;
    if (p == nullptr) ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
    return p;
  }

  Local<Object> object() const { return object_.Get(isolate_); }

 protected:
  Isolate* isolate_;

 private:
  static void OnGC(const v8::WeakCallbackInfo<T>& info) {
    T* self = info.GetParameter();
    self->object_.Reset();
    delete self;
  }
  Global<Object> object_;
};

// ---- Serializer ---------------------------------------------------------------

class SerializerContext : public Wrapped<SerializerContext>, public ValueSerializer::Delegate {
 public:
  SerializerContext(Isolate* isolate, Local<Object> object)
      : Wrapped(isolate, object), serializer_(isolate, this) {}

  void ThrowDataCloneError(Local<String> message) override {
    Local<Function> make = GetMethod(isolate_, object(), "_getDataCloneError");
    Local<Value> error;
    Local<Value> argv[] = {message};
    if (make.IsEmpty()) {
      error = v8::Exception::Error(message);
    } else if (!make->Call(isolate_->GetCurrentContext(), object(), 1, argv).ToLocal(&error)) {
      return;  // it threw
    }
    isolate_->ThrowException(error);
  }

  Maybe<bool> WriteHostObject(Isolate* isolate, Local<Object> input) override {
    Local<Function> write = GetMethod(isolate, object(), "_writeHostObject");
    if (write.IsEmpty()) return ValueSerializer::Delegate::WriteHostObject(isolate, input);
    Local<Value> argv[] = {input};
    if (write->Call(isolate->GetCurrentContext(), object(), 1, argv).IsEmpty()) {
      return Nothing<bool>();
    }
    return Just(true);
  }

  Maybe<uint32_t> GetSharedArrayBufferId(Isolate* isolate, Local<SharedArrayBuffer> sab) override {
    Local<Function> get = GetMethod(isolate, object(), "_getSharedArrayBufferId");
    if (get.IsEmpty()) return ValueSerializer::Delegate::GetSharedArrayBufferId(isolate, sab);
    Local<Value> argv[] = {sab};
    Local<Value> id;
    if (!get->Call(isolate->GetCurrentContext(), object(), 1, argv).ToLocal(&id)) {
      return Nothing<uint32_t>();
    }
    return id->Uint32Value(isolate->GetCurrentContext());
  }

  ValueSerializer& serializer() { return serializer_; }

 private:
  ValueSerializer serializer_;
};

static void SerializerNew(const FunctionCallbackInfo<Value>& args) {
  if (!args.IsConstructCall()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_CONSTRUCT_CALL_REQUIRED",
                          "Class constructor Serializer cannot be invoked without 'new'");
  }
  args.This()->SetAlignedPointerInInternalField(0, nullptr);
  new SerializerContext(args.GetIsolate(), args.This());
}

static void WriteHeader(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx != nullptr) ctx->serializer().WriteHeader();
}

static void WriteValue(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  Maybe<bool> ok = ctx->serializer().WriteValue(args.GetIsolate()->GetCurrentContext(), args[0]);
  if (ok.IsJust()) args.GetReturnValue().Set(ok.FromJust());
}

static void SetTreatArrayBufferViewsAsHostObjects(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx != nullptr) ctx->serializer().SetTreatArrayBufferViewsAsHostObjects(args[0]->IsTrue());
}

static void ReleaseBuffer(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  args.GetReturnValue().Set(AdoptBuffer(args.GetIsolate(), ctx->serializer().Release()));
}

static void SerializerTransferArrayBuffer(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  uint32_t id;
  if (!args[0]->Uint32Value(args.GetIsolate()->GetCurrentContext()).To(&id)) return;
  if (!args[1]->IsArrayBuffer()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "arrayBuffer must be an ArrayBuffer");
  }
  ctx->serializer().TransferArrayBuffer(id, args[1].As<ArrayBuffer>());
}

static void WriteUint32(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  uint32_t value;
  if (args[0]->Uint32Value(args.GetIsolate()->GetCurrentContext()).To(&value)) {
    ctx->serializer().WriteUint32(value);
  }
}

static void WriteUint64(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  Local<Context> context = args.GetIsolate()->GetCurrentContext();
  uint32_t hi, lo;
  if (!args[0]->Uint32Value(context).To(&hi) || !args[1]->Uint32Value(context).To(&lo)) return;
  ctx->serializer().WriteUint64((static_cast<uint64_t>(hi) << 32) | lo);
}

static void WriteDouble(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  double value;
  if (args[0]->NumberValue(args.GetIsolate()->GetCurrentContext()).To(&value)) {
    ctx->serializer().WriteDouble(value);
  }
}

static void WriteRawBytes(const FunctionCallbackInfo<Value>& args) {
  SerializerContext* ctx = SerializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  if (!args[0]->IsArrayBufferView()) {
    return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                          "source must be a TypedArray or a DataView");
  }
  Local<ArrayBufferView> view = args[0].As<ArrayBufferView>();
  ctx->serializer().WriteRawBytes(ViewData(view), view->ByteLength());
}

// ---- Deserializer -------------------------------------------------------------

class DeserializerContext : public Wrapped<DeserializerContext>,
                            public ValueDeserializer::Delegate {
 public:
  // Keeps its own copy of the bytes: the caller's buffer may change or go.
  DeserializerContext(Isolate* isolate, Local<Object> object, const uint8_t* data, size_t size)
      : Wrapped(isolate, object),
        data_(data, data + size),
        deserializer_(isolate, data_.data(), data_.size(), this) {}

  MaybeLocal<Object> ReadHostObject(Isolate* isolate) override {
    Local<Function> read = GetMethod(isolate, object(), "_readHostObject");
    if (read.IsEmpty()) return ValueDeserializer::Delegate::ReadHostObject(isolate);
    // V8 forbids JS while it deserializes; this callback is the exception.
    Isolate::AllowJavascriptExecutionScope allow_js(isolate);
    Local<Value> ret;
    if (!read->Call(isolate->GetCurrentContext(), object(), 0, nullptr).ToLocal(&ret)) return {};
    if (!ret->IsObject()) {
      ThrowTypeError(isolate, "ERR_INVALID_RETURN_VALUE", "readHostObject must return an object");
      return {};
    }
    return ret.As<Object>();
  }

  ValueDeserializer& deserializer() { return deserializer_; }
  const uint8_t* data() const { return data_.data(); }

 private:
  std::vector<uint8_t> data_;
  ValueDeserializer deserializer_;
};

static void DeserializerNew(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    return ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                          "Class constructor Deserializer cannot be invoked without 'new'");
  }
  if (!args[0]->IsArrayBufferView()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "buffer must be a TypedArray or a DataView");
  }
  // Null until constructed: `this` can escape through a `buffer` setter below.
  args.This()->SetAlignedPointerInInternalField(0, nullptr);
  Local<ArrayBufferView> view = args[0].As<ArrayBufferView>();
  // `buffer`: read back by Deserializer.prototype.readRawBytes (v8.js).
  if (args.This()->Set(isolate->GetCurrentContext(), Str(isolate, "buffer"), view).IsNothing()) {
    return;
  }
  new DeserializerContext(isolate, args.This(), ViewData(view), view->ByteLength());
}

static void ReadHeader(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  Maybe<bool> ok = ctx->deserializer().ReadHeader(args.GetIsolate()->GetCurrentContext());
  if (ok.IsJust()) args.GetReturnValue().Set(ok.FromJust());
}

static void ReadValue(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  Local<Value> value;
  if (ctx->deserializer().ReadValue(args.GetIsolate()->GetCurrentContext()).ToLocal(&value)) {
    args.GetReturnValue().Set(value);
  }
}

static void DeserializerTransferArrayBuffer(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  uint32_t id;
  if (!args[0]->Uint32Value(args.GetIsolate()->GetCurrentContext()).To(&id)) return;
  if (args[1]->IsArrayBuffer()) {
    return ctx->deserializer().TransferArrayBuffer(id, args[1].As<ArrayBuffer>());
  }
  if (args[1]->IsSharedArrayBuffer()) {
    return ctx->deserializer().TransferSharedArrayBuffer(id, args[1].As<SharedArrayBuffer>());
  }
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                 "arrayBuffer must be an ArrayBuffer or SharedArrayBuffer");
}

static void GetWireFormatVersion(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  args.GetReturnValue().Set(ctx->deserializer().GetWireFormatVersion());
}

static void ReadUint32(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  uint32_t value;
  if (!ctx->deserializer().ReadUint32(&value)) return ThrowError(args.GetIsolate(), "ReadUint32() failed");
  args.GetReturnValue().Set(value);
}

// readUint64() -> [hi, lo]
static void ReadUint64(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  uint64_t value;
  if (!ctx->deserializer().ReadUint64(&value)) return ThrowError(isolate, "ReadUint64() failed");
  Local<Value> parts[] = {Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(value >> 32)),
                          Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(value))};
  args.GetReturnValue().Set(Array::New(isolate, parts, 2));
}

static void ReadDouble(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  double value;
  if (!ctx->deserializer().ReadDouble(&value)) return ThrowError(args.GetIsolate(), "ReadDouble() failed");
  args.GetReturnValue().Set(value);
}

// _readRawBytes(length) -> offset of those bytes in this.buffer
static void ReadRawBytes(const FunctionCallbackInfo<Value>& args) {
  DeserializerContext* ctx = DeserializerContext::Unwrap(args);
  if (ctx == nullptr) return;
  int64_t length;
  if (!args[0]->IntegerValue(args.GetIsolate()->GetCurrentContext()).To(&length)) return;
  const void* data;
  if (length < 0 || !ctx->deserializer().ReadRawBytes(static_cast<size_t>(length), &data)) {
    return ThrowError(args.GetIsolate(), "ReadRawBytes() failed");
  }
  args.GetReturnValue().Set(static_cast<double>(static_cast<const uint8_t*>(data) - ctx->data()));
}

// ---- registration ---------------------------------------------------------------

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();

  Local<FunctionTemplate> ser = NewClass(isolate, SerializerNew, 1);
  ser->SetClassName(Str(isolate, "Serializer"));
  SetProtoMethod(isolate, ser, "writeHeader", WriteHeader);
  SetProtoMethod(isolate, ser, "writeValue", WriteValue);
  SetProtoMethod(isolate, ser, "releaseBuffer", ReleaseBuffer);
  SetProtoMethod(isolate, ser, "transferArrayBuffer", SerializerTransferArrayBuffer);
  SetProtoMethod(isolate, ser, "writeUint32", WriteUint32);
  SetProtoMethod(isolate, ser, "writeUint64", WriteUint64);
  SetProtoMethod(isolate, ser, "writeDouble", WriteDouble);
  SetProtoMethod(isolate, ser, "writeRawBytes", WriteRawBytes);
  SetProtoMethod(isolate, ser, "_setTreatArrayBufferViewsAsHostObjects",
                 SetTreatArrayBufferViewsAsHostObjects);
  SetValue(context, target, "Serializer", ser->GetFunction(context).ToLocalChecked());

  Local<FunctionTemplate> des = NewClass(isolate, DeserializerNew, 1);
  des->SetClassName(Str(isolate, "Deserializer"));
  SetProtoMethod(isolate, des, "readHeader", ReadHeader);
  SetProtoMethod(isolate, des, "readValue", ReadValue);
  SetProtoMethod(isolate, des, "transferArrayBuffer", DeserializerTransferArrayBuffer);
  SetProtoMethod(isolate, des, "getWireFormatVersion", GetWireFormatVersion);
  SetProtoMethod(isolate, des, "readUint32", ReadUint32);
  SetProtoMethod(isolate, des, "readUint64", ReadUint64);
  SetProtoMethod(isolate, des, "readDouble", ReadDouble);
  SetProtoMethod(isolate, des, "_readRawBytes", ReadRawBytes);
  SetValue(context, target, "Deserializer", des->GetFunction(context).ToLocalChecked());

  SetMethod(context, target, "structuredClone", StructuredClone);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(SerializerNew);
  refs->Register(WriteHeader);
  refs->Register(WriteValue);
  refs->Register(ReleaseBuffer);
  refs->Register(SerializerTransferArrayBuffer);
  refs->Register(WriteUint32);
  refs->Register(WriteUint64);
  refs->Register(WriteDouble);
  refs->Register(WriteRawBytes);
  refs->Register(SetTreatArrayBufferViewsAsHostObjects);
  refs->Register(DeserializerNew);
  refs->Register(ReadHeader);
  refs->Register(ReadValue);
  refs->Register(DeserializerTransferArrayBuffer);
  refs->Register(GetWireFormatVersion);
  refs->Register(ReadUint32);
  refs->Register(ReadUint64);
  refs->Register(ReadDouble);
  refs->Register(ReadRawBytes);
  refs->Register(StructuredClone);
}

}  // namespace kiln::bindings::serdes
