// How every fs binding call runs: synchronously (the last argument is
// undefined: the syscall runs now and a failure throws Node's error) or on
// the worker pool (the last argument is a request object: `req.oncomplete(err)`
// or `req.oncomplete(null, result)` is called later on the JS thread).
//
// An FsOp holds its inputs and outputs as plain C++ data (paths as bytes,
// buffers as backing stores), so Exec() can run on a pool thread; the JS
// result is built by Result() on the loop thread. Argument helpers below
// check every argument: user code can call process.binding('fs') directly.
#ifndef KILN_BINDINGS_FS_REQ_H_
#define KILN_BINDINGS_FS_REQ_H_

#include <errno.h>
#include <sys/uio.h>
#include <v8.h>

#include <memory>
#include <string>
#include <vector>

#include "bindings/fs_encoding.h"
#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/worker_pool.h"

namespace kiln::bindings::fs {

using v8::ArrayBufferView;
using v8::BackingStore;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Global;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

class FsOp : public WorkerPool::Work, public ActiveResource {
 public:
  explicit FsOp(const char* syscall) : syscall_(syscall) {}

  // Listed in env->requests() while on the pool.
  const char* ResourceName() const override { return "FSReqCallback"; }
  Local<Object> ResourceObject() const override { return req_.Get(env_->isolate()); }

  // The blocking part. On failure calls Fail(); must not touch V8.
  virtual void Exec() = 0;
  // The value of a success, on the loop thread. Empty with an exception
  // pending if it cannot be built (e.g. a string too long).
  virtual MaybeLocal<Value> Result(Isolate* isolate) { return v8::Undefined(isolate); }

  // Records failure `err` (a positive errno) of `syscall` (default: the
  // op's own); the error names the path/dest only when `with_paths`.
  void Fail(int err, const char* syscall = nullptr, bool with_paths = true) {
    err_ = err;
    if (syscall != nullptr) syscall_ = syscall;
    with_paths_ = with_paths;
  }

  Local<Value> Error(Isolate* isolate) const {
    bool p = with_paths_ && has_path_, d = with_paths_ && has_dest_;
    return ErrnoException(isolate, err_, syscall_, p ? path_.c_str() : nullptr,
                          d ? dest_.c_str() : nullptr);
  }

  void SetPath(std::string path) { path_ = std::move(path); has_path_ = true; }
  void SetDest(std::string dest) { dest_ = std::move(dest); has_dest_ = true; }
  // Keeps memory that Exec() reads or writes alive until the op is deleted.
  void Keep(std::shared_ptr<BackingStore> store) { keep_.push_back(std::move(store)); }

  // Called on the loop thread just before oncomplete runs (the op is
  // deleted after it returns): release what the callback may reuse.
  virtual void Settle() {}

  int err() const { return err_; }
  void Run() override { Exec(); }
  void Done() override;

  Global<Object> req_;
  Environment* env_ = nullptr;
  bool async_ = false;  // on the pool (set by Dispatch)
  std::string path_, dest_;
  bool has_path_ = false, has_dest_ = false;

 protected:
  const char* syscall_;
  int err_ = 0;
  bool with_paths_ = true;
  std::vector<std::shared_ptr<BackingStore>> keep_;
};

inline void FsOp::Done() {
  std::unique_ptr<FsOp> self(this);
  Isolate* isolate = env_->isolate();
  HandleScope scope(isolate);
  Local<Context> context = env_->context();
  Context::Scope context_scope(context);
  Local<Object> req = req_.Get(isolate);
  Local<Value> argv[2] = {v8::Null(isolate), v8::Undefined(isolate)};
  int argc = 1;
  if (err_ != 0) {
    argv[0] = Error(isolate);
  } else {
    TryCatch try_catch(isolate);
    Local<Value> result;
    if (Result(isolate).ToLocal(&result)) {
      if (!result->IsUndefined()) {
        argv[1] = result;
        argc = 2;
      }
    } else if (try_catch.HasCaught() && !try_catch.HasTerminated()) {
      argv[0] = try_catch.Exception();
    } else {
      return;
    }
  }
  Settle();
  Local<Value> cb;
  {
    // A throwing getter is an uncaught exception like any callback's.
    TryCatch try_catch(isolate);
    if (!req->Get(context, OneByteString(isolate, "oncomplete")).ToLocal(&cb)) {
      if (try_catch.HasCaught() && !try_catch.HasTerminated())
        env_->TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
      return;
    }
  }
  if (!cb->IsFunction()) return;
  env_->MakeCallback(cb.As<Function>(), req, argc, argv);
}

// Runs `op` as the call's last argument `args[req_index]` asks (see top).
inline void Dispatch(const FunctionCallbackInfo<Value>& args, int req_index, FsOp* raw) {
  std::unique_ptr<FsOp> op(raw);
  Isolate* isolate = args.GetIsolate();
  Local<Value> req = args[req_index];
  if (req->IsUndefined()) {
    op->Exec();
    if (op->err() != 0) {
      isolate->ThrowException(op->Error(isolate));
      return;
    }
    Local<Value> result;
    if (op->Result(isolate).ToLocal(&result)) args.GetReturnValue().Set(result);
    return;
  }
  if (!req->IsObject()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"req\" argument must be undefined or an object");
    return;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "asynchronous fs calls are not available here")));
    return;
  }
  op->env_ = env;
  op->async_ = true;
  op->req_.Reset(isolate, req.As<Object>());
  env->requests().Push(op.get());
  WorkerPool::ForLoop(env->loop())->Submit(op.release());
}

// Most calls: one syscall (or a few) on up to two paths, an fd, a memory
// range or iovecs and some numbers. `fn` does the work (pool thread or now)
// and returns 0 or an errno; `ret` says what a success gives JS.
class CallOp : public FsOp {
 public:
  enum Ret { kNothing, kNumber, kBytes };  // undefined, n[0], `out` in `enc`
  using Fn = int (*)(CallOp* op);
  CallOp(const char* syscall, Fn fn, Ret ret = kNothing) : FsOp(syscall), fn_(fn), ret_(ret) {}

  void Exec() override {
    int e = fn_(this);
    if (e != 0) Fail(e);
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    if (ret_ == kNumber) return v8::Number::New(isolate, static_cast<double>(n[0]));
    if (ret_ == kBytes && has_out) return EncodeBytes(isolate, out.data(), out.size(), enc);
    return v8::Undefined(isolate);
  }

  int fd = -1;
  int64_t n[3] = {0, 0, 0};
  double t[2] = {0, 0};
  char* buf = nullptr;
  size_t len = 0;
  std::vector<struct iovec> iov;
  std::string out;  // kBytes: the result, when has_out
  bool has_out = false;
  Enc enc = Enc::kUtf8;

 private:
  Fn fn_;
  Ret ret_;
};

// ---- argument helpers: each throws a TypeError and returns false on bad input

inline bool ArgError(const FunctionCallbackInfo<Value>& args, const char* name,
                     const char* what) {
  std::string msg = std::string("The \"") + name + "\" argument must be " + what;
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", msg.c_str());
  return false;
}

// A path: a string (UTF-8) or the bytes of an ArrayBufferView (Buffer paths).
inline bool GetPath(const FunctionCallbackInfo<Value>& args, int i, std::string* out,
                    const char* name = "path") {
  Local<Value> v = args[i];
  if (v->IsString()) {
    out->clear();
    DecodeString(args.GetIsolate(), v.As<String>(), Enc::kUtf8, out);
  } else if (v->IsArrayBufferView()) {
    Local<ArrayBufferView> view = v.As<ArrayBufferView>();
    out->resize(view->ByteLength());
    if (!out->empty()) view->CopyContents(&(*out)[0], out->size());
  } else {
    return ArgError(args, name, "of type string or an instance of Buffer or URL");
  }
  if (out->find('\0') != std::string::npos) {
    std::string msg = std::string("The argument '") + name +
                      "' must be a string, Uint8Array, or URL without null bytes";
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_VALUE", msg.c_str());
    return false;
  }
  return true;
}

inline bool GetFd(const FunctionCallbackInfo<Value>& args, int i, int* fd) {
  if (!args[i]->IsInt32() || args[i].As<v8::Int32>()->Value() < 0)
    return ArgError(args, "fd", "a non-negative int32");
  *fd = args[i].As<v8::Int32>()->Value();
  return true;
}

inline bool GetInt32(const FunctionCallbackInfo<Value>& args, int i, int* out,
                     const char* name) {
  if (!args[i]->IsInt32()) return ArgError(args, name, "an int32");
  *out = args[i].As<v8::Int32>()->Value();
  return true;
}

// A safe integer number (sizes, offsets, ids).
inline bool GetInteger(const FunctionCallbackInfo<Value>& args, int i, int64_t* out,
                       const char* name) {
  if (args[i]->IsNumber()) {
    double d = args[i].As<v8::Number>()->Value();
    if (d == static_cast<double>(static_cast<int64_t>(d)) && d >= -9007199254740991.0 &&
        d <= 9007199254740991.0) {
      *out = static_cast<int64_t>(d);
      return true;
    }
  }
  return ArgError(args, name, "an integer");
}

// A file position: null/undefined/-1 mean "the current position" (-1).
inline bool GetPosition(const FunctionCallbackInfo<Value>& args, int i, int64_t* out) {
  Local<Value> v = args[i];
  if (v->IsNullOrUndefined()) {
    *out = -1;
    return true;
  }
  if (v->IsBigInt()) {
    bool lossless;
    *out = v.As<v8::BigInt>()->Int64Value(&lossless);
    if (!lossless) return ArgError(args, "position", "an int64");
    if (*out < -1) *out = -1;
    return true;
  }
  if (!GetInteger(args, i, out, "position")) return false;
  if (*out < -1) *out = -1;  // Node treats other negative numbers as "current"
  return true;
}

inline bool GetBool(const FunctionCallbackInfo<Value>& args, int i) { return args[i]->IsTrue(); }

inline bool GetEncoding(const FunctionCallbackInfo<Value>& args, int i, Enc* out) {
  if (ParseEncoding(args.GetIsolate(), args[i], Enc::kUtf8, out)) return true;
  ThrowTypeError(args.GetIsolate(), "ERR_UNKNOWN_ENCODING", "Unknown encoding");
  return false;
}

// A double (times in seconds).
inline bool GetDouble(const FunctionCallbackInfo<Value>& args, int i, double* out,
                      const char* name) {
  if (!args[i]->IsNumber()) return ArgError(args, name, "a number");
  *out = args[i].As<v8::Number>()->Value();
  return true;
}

// The memory of an ArrayBufferView: its start and length; `store` keeps it
// alive (a detached buffer gives a null start and length 0).
inline bool GetView(const FunctionCallbackInfo<Value>& args, int i, char** data, size_t* len,
                    std::shared_ptr<BackingStore>* store, const char* name = "buffer") {
  if (!args[i]->IsArrayBufferView())
    return ArgError(args, name, "an instance of Buffer, TypedArray, or DataView");
  Local<ArrayBufferView> view = args[i].As<ArrayBufferView>();
  *store = view->Buffer()->GetBackingStore();
  *len = view->ByteLength();
  *data = *store && (*store)->Data() ? static_cast<char*>((*store)->Data()) + view->ByteOffset()
                                     : nullptr;
  if (*data == nullptr) *len = 0;
  return true;
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_REQ_H_
