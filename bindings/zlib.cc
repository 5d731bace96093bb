// process.binding('zlib'): compression streams for js_lib/zlib.js, over
// Node's own (Chromium) zlib and Debian's brotli (bindings/zlib_context.h).
//
//   new Zlib(mode) | new BrotliEncoder(mode) | new BrotliDecoder(mode)
//   zlib.init(windowBits, level, memLevel, strategy, writeState, callback, dictionary?)
//   brotli.init(params: Uint32Array (0xffffffff = unset), writeState, callback)
//       throws ERR_ZLIB_INITIALIZATION_FAILED when a parameter is refused
//   write(flush, in, inOff, inLen, out, outOff, outLen)
//       runs on the worker pool; then writeState = [availOut, availIn] and
//       callback() is called with the handle as `this`
//   writeSync(...same)   runs now
//   params(level, strategy) (zlib only), reset(), close()
//   crc32(data: string | view, value) -> uint32
// Failures call handle.onerror(message, errno, code), as Node's do: from the
// loop after an async write, synchronously inside writeSync/reset/params.
#include <v8.h>

#include <memory>
#include <vector>

#include "bindings/zlib_context.h"
#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/worker_pool.h"

namespace kiln::bindings::zlib {

using v8::ArrayBufferView;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Uint32Array;
using v8::Value;

static void ThrowError(Isolate* isolate, const char* message, const char* code) {
  Local<Value> e = v8::Exception::Error(OneByteString(isolate, message));
  e.As<Object>()->Set(isolate->GetCurrentContext(), OneByteString(isolate, "code"),
                      OneByteString(isolate, code)).Check();
  isolate->ThrowException(e);
}

// The bytes of view `v`, or false.
static bool ViewBytes(Local<Value> v, uint8_t** data, size_t* len) {
  if (!v->IsArrayBufferView()) return false;
  Local<ArrayBufferView> view = v.As<ArrayBufferView>();
  *len = view->ByteLength();
  // SAFETY: ArrayBuffer memory never moves; the stream keeps the views alive
  // (Global refs below) while a write runs on the pool.
  *data = static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
  return true;
}

// One JS-visible stream over a context type (ZlibContext or a brotli one).
template <typename Ctx>
class CompressionStream : public WorkerPool::Work {
 public:
  CompressionStream(Isolate* isolate, Local<Object> obj, Mode mode) : isolate_(isolate) {
    if constexpr (std::is_same_v<Ctx, ZlibContext>) ctx_ = std::make_unique<Ctx>(mode);
    else ctx_ = std::make_unique<Ctx>();
    object_.Reset(isolate, obj);
    object_.SetWeak(this, OnGC, v8::WeakCallbackType::kParameter);
    obj->SetAlignedPointerInInternalField(0, this);
  }
  ~CompressionStream() override = default;

  static CompressionStream* Unwrap(const FunctionCallbackInfo<Value>& args) {
    Local<Object> self = args.This();
    auto* p = self->InternalFieldCount() > 0
        ? static_cast<CompressionStream*>(self->GetAlignedPointerFromInternalField(0)) : nullptr;
    if (p == nullptr) ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
    return p;
  }

  static void New(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    if (!args.IsConstructCall())
      return ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    int mode = args[0]->IsInt32() ? args[0].As<v8::Int32>()->Value() : 0;
    bool ok = std::is_same_v<Ctx, ZlibContext> ? (mode >= DEFLATE && mode <= UNZIP)
              : std::is_same_v<Ctx, BrotliEncoderContext> ? mode == BROTLI_ENCODE
                                                          : mode == BROTLI_DECODE;
    if (!ok) return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Bad compression mode");
    new CompressionStream(isolate, args.This(), static_cast<Mode>(mode));
  }

  // Shared tail of both init()s: the write-state array and the callback.
  bool SetWriteTargets(const FunctionCallbackInfo<Value>& args, int state_index) {
    Isolate* isolate = args.GetIsolate();
    if (!args[state_index]->IsUint32Array() ||
        args[state_index].As<Uint32Array>()->Length() < 2 ||
        !args[state_index + 1]->IsFunction()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                     "init() needs a Uint32Array(2) write state and a callback");
      return false;
    }
    Local<Uint32Array> state = args[state_index].As<Uint32Array>();
    write_state_.Reset(isolate, state);
    // SAFETY: kept alive by write_state_.
    write_result_ = reinterpret_cast<uint32_t*>(
        static_cast<uint8_t*>(state->Buffer()->Data()) + state->ByteOffset());
    callback_.Reset(isolate, args[state_index + 1].As<Function>());
    init_done_ = true;
    return true;
  }

  // Zlib: init(windowBits, level, memLevel, strategy, writeState, callback, dictionary)
  static void InitZlib(const FunctionCallbackInfo<Value>& args) {
    if constexpr (std::is_same_v<Ctx, ZlibContext>) {
      CompressionStream* s = Unwrap(args);
      if (s == nullptr) return;
      for (int i = 0; i < 4; i++) {
        if (!args[i]->IsInt32())
          return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                                "init() parameters must be integers");
      }
      std::vector<uint8_t> dictionary;
      uint8_t* d;
      size_t len;
      if (ViewBytes(args[6], &d, &len)) dictionary.assign(d, d + len);
      if (!s->SetWriteTargets(args, 4)) return;
      auto num = [&](int i) { return args[i].As<v8::Int32>()->Value(); };
      s->ctx_->Init(num(1), num(0), num(2), num(3), std::move(dictionary));
    }
  }

  // Brotli: init(params, writeState, callback)
  static void InitBrotli(const FunctionCallbackInfo<Value>& args) {
    if constexpr (!std::is_same_v<Ctx, ZlibContext>) {
      Isolate* isolate = args.GetIsolate();
      CompressionStream* s = Unwrap(args);
      if (s == nullptr) return;
      if (!args[0]->IsUint32Array())
        return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "params must be a Uint32Array");
      if (!s->SetWriteTargets(args, 1)) return;
      if (s->ctx_->Init().IsError())
        return ThrowError(isolate, "Initialization failed", "ERR_ZLIB_INITIALIZATION_FAILED");
      Local<Uint32Array> params = args[0].As<Uint32Array>();
      std::vector<uint32_t> values(params->Length());
      params->CopyContents(values.data(), values.size() * sizeof(uint32_t));
      for (size_t i = 0; i < values.size(); i++) {
        if (values[i] == 0xffffffffu) continue;
        if (s->ctx_->SetParam(static_cast<int>(i), values[i]).IsError())
          return ThrowError(isolate, "Initialization failed", "ERR_ZLIB_INITIALIZATION_FAILED");
      }
    }
  }

  // Validates write()'s arguments into the context; false with a TypeError.
  bool PrepareWrite(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    if (!init_done_ || closed_ || write_in_progress_ || pending_close_) {
      ThrowError(isolate, "zlib stream is not ready for a write", "ERR_INVALID_STATE");
      return false;
    }
    if (!args[0]->IsUint32()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "Invalid flush value");
      return false;
    }
    uint32_t flush = args[0].As<v8::Uint32>()->Value();
    bool valid = std::is_same_v<Ctx, ZlibContext> ? flush <= Z_BLOCK
                                                  : flush <= BROTLI_OPERATION_EMIT_METADATA;
    if (!valid) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Invalid flush value");
      return false;
    }
    uint8_t *in = nullptr, *out = nullptr;
    size_t in_size = 0, out_size = 0;
    uint32_t in_off = 0, in_len = 0;
    if (!args[1]->IsUndefined()) {
      if (!ViewBytes(args[1], &in, &in_size) || !args[2]->IsUint32() || !args[3]->IsUint32()) {
        ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "Invalid input buffer");
        return false;
      }
      in_off = args[2].As<v8::Uint32>()->Value();
      in_len = args[3].As<v8::Uint32>()->Value();
      if (in_off > in_size || in_len > in_size - in_off) {
        ThrowError(isolate, "Input buffer bounds exceeded", "ERR_OUT_OF_RANGE");
        return false;
      }
    }
    if (!ViewBytes(args[4], &out, &out_size) || !args[5]->IsUint32() || !args[6]->IsUint32()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "Invalid output buffer");
      return false;
    }
    uint32_t out_off = args[5].As<v8::Uint32>()->Value();
    uint32_t out_len = args[6].As<v8::Uint32>()->Value();
    if (out_off > out_size || out_len > out_size - out_off) {
      ThrowError(isolate, "Output buffer bounds exceeded", "ERR_OUT_OF_RANGE");
      return false;
    }
    ctx_->SetBuffers(in == nullptr ? nullptr : in + in_off, in_len, out + out_off, out_len);
    ctx_->SetFlush(static_cast<int>(flush));
    return true;
  }

  static void Write(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CompressionStream* s = Unwrap(args);
    if (s == nullptr || !s->PrepareWrite(args)) return;
    Environment* env = Environment::Get(isolate);
    if (env == nullptr) return ThrowError(isolate, "no event loop", "ERR_INVALID_STATE");
    s->env_ = env;
    s->in_ref_.Reset(isolate, args[1]);
    s->out_ref_.Reset(isolate, args[4]);
    s->self_ref_.Reset(isolate, args.This());  // alive until Done()
    s->write_in_progress_ = true;
    WorkerPool::ForLoop(env->loop())->Submit(s);
  }

  static void WriteSync(const FunctionCallbackInfo<Value>& args) {
    CompressionStream* s = Unwrap(args);
    if (s == nullptr || !s->PrepareWrite(args)) return;
    s->write_in_progress_ = true;
    s->ctx_->Work();
    s->write_in_progress_ = false;
    if (s->CheckError(false)) s->UpdateWriteResult();
  }

  static void Params(const FunctionCallbackInfo<Value>& args) {
    if constexpr (std::is_same_v<Ctx, ZlibContext>) {
      CompressionStream* s = Unwrap(args);
      if (s == nullptr || s->closed_) return;
      if (!args[0]->IsInt32() || !args[1]->IsInt32())
        return ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                              "params() needs two integers");
      CompressionError err = s->ctx_->SetParams(args[0].As<v8::Int32>()->Value(),
                                                args[1].As<v8::Int32>()->Value());
      if (err.IsError()) s->EmitError(err, false);
    }
  }

  static void Reset(const FunctionCallbackInfo<Value>& args) {
    CompressionStream* s = Unwrap(args);
    if (s == nullptr || s->closed_) return;
    CompressionError err = s->ctx_->ResetStream();
    if (err.IsError()) s->EmitError(err, false);
  }

  static void CloseMethod(const FunctionCallbackInfo<Value>& args) {
    CompressionStream* s = Unwrap(args);
    if (s != nullptr) s->Close();
  }

  // ---- WorkerPool::Work ----
  void Run() override { ctx_->Work(); }

  void Done() override {
    Isolate* isolate = isolate_;
    HandleScope scope(isolate);
    Local<Context> context = env_->context();
    Context::Scope context_scope(context);
    write_in_progress_ = false;
    // Released before calling out: the callback may start the next write,
    // which takes these again.
    Local<Object> self = self_ref_.Get(isolate);
    self_ref_.Reset();
    in_ref_.Reset();
    out_ref_.Reset();
    if (CheckError(true)) {
      UpdateWriteResult();
      env_->MakeCallback(callback_.Get(isolate), self, 0, nullptr);
      if (pending_close_) Close();
    }
  }

 private:
  void UpdateWriteResult() {
    write_result_[0] = ctx_->AvailOut();
    write_result_[1] = ctx_->AvailIn();
  }

  // False (after reporting to onerror) if the last Work() failed.
  bool CheckError(bool from_loop) {
    CompressionError err = ctx_->GetErrorInfo();
    if (!err.IsError()) return true;
    EmitError(err, from_loop);
    return false;
  }

  void EmitError(const CompressionError& err, bool from_loop) {
    Isolate* isolate = isolate_;
    HandleScope scope(isolate);
    Local<Object> self = object_.Get(isolate);
    Local<Context> context = isolate->GetCurrentContext();
    Local<Value> onerror;
    Local<Value> argv[3] = {
        String::NewFromUtf8(isolate, err.message).ToLocalChecked(),
        v8::Integer::New(isolate, err.err),
        String::NewFromUtf8(isolate, err.code.c_str()).ToLocalChecked(),
    };
    write_in_progress_ = false;
    if (self->Get(context, OneByteString(isolate, "onerror")).ToLocal(&onerror) &&
        onerror->IsFunction()) {
      // From the loop it is a top-level callback; inside a JS call (writeSync)
      // a plain call, so no tick queue runs in the middle of it.
      if (from_loop) env_->MakeCallback(onerror.As<Function>(), self, 3, argv);
      else if (onerror.As<Function>()->Call(context, self, 3, argv).IsEmpty()) return;
    }
    if (pending_close_) Close();
  }

  void Close() {
    if (write_in_progress_) {
      pending_close_ = true;
      return;
    }
    pending_close_ = false;
    closed_ = true;
    ctx_->Close();
  }

  static void OnGC(const v8::WeakCallbackInfo<CompressionStream>& info) {
    CompressionStream* self = info.GetParameter();
    self->object_.Reset();
    // Never collected while a write runs: self_ref_ holds the object.
    delete self;
  }

  Isolate* isolate_;
  Environment* env_ = nullptr;
  std::unique_ptr<Ctx> ctx_;
  Global<Object> object_;
  Global<Object> self_ref_;
  Global<Value> in_ref_, out_ref_, write_state_;
  Global<Function> callback_;
  uint32_t* write_result_ = nullptr;
  bool init_done_ = false;
  bool closed_ = false;
  bool write_in_progress_ = false;
  bool pending_close_ = false;
};

// crc32(data, value): data a string (UTF-8) or view; value the running CRC.
static void Crc32(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  uint32_t value = args[1]->IsUint32() ? args[1].As<v8::Uint32>()->Value() : 0;
  uLong crc = value;
  if (args[0]->IsString()) {
    String::Utf8Value s(isolate, args[0]);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(*s), static_cast<uInt>(s.length()));
  } else {
    uint8_t* data;
    size_t len;
    if (!ViewBytes(args[0], &data, &len))
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                            "The \"data\" argument must be of type string or an instance of "
                            "Buffer, TypedArray, or DataView.");
    crc = crc32_z(crc, data, len);
  }
  args.GetReturnValue().Set(static_cast<uint32_t>(crc));
}

template <typename Ctx>
static void AddClass(Local<Context> context, Local<Object> target, const char* name,
                     bool is_zlib) {
  Isolate* isolate = context->GetIsolate();
  using S = CompressionStream<Ctx>;
  Local<FunctionTemplate> t = NewClass(isolate, S::New, 1);
  SetProtoMethod(isolate, t, "init", is_zlib ? S::InitZlib : S::InitBrotli);
  SetProtoMethod(isolate, t, "write", S::Write);
  SetProtoMethod(isolate, t, "writeSync", S::WriteSync);
  if (is_zlib) SetProtoMethod(isolate, t, "params", S::Params);
  SetProtoMethod(isolate, t, "reset", S::Reset);
  SetProtoMethod(isolate, t, "close", S::CloseMethod);
  t->SetClassName(OneByteString(isolate, name));
  SetValue(context, target, name, t->GetFunction(context).ToLocalChecked());
}

template <typename Ctx>
static void RegisterClass(ExternalReferences* r) {
  using S = CompressionStream<Ctx>;
  r->Register(S::New);
  r->Register(S::InitZlib);
  r->Register(S::InitBrotli);
  r->Register(S::Write);
  r->Register(S::WriteSync);
  r->Register(S::Params);
  r->Register(S::Reset);
  r->Register(S::CloseMethod);
}

void Initialize(Local<Context> context, Local<Object> target) {
  AddClass<ZlibContext>(context, target, "Zlib", true);
  AddClass<BrotliEncoderContext>(context, target, "BrotliEncoder", false);
  AddClass<BrotliDecoderContext>(context, target, "BrotliDecoder", false);
  SetMethod(context, target, "crc32", Crc32);
}

void RegisterExternalReferences(ExternalReferences* r) {
  RegisterClass<ZlibContext>(r);
  RegisterClass<BrotliEncoderContext>(r);
  RegisterClass<BrotliDecoderContext>(r);
  r->Register(Crc32);
}

}  // namespace kiln::bindings::zlib
