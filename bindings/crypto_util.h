// Shared pieces of process.binding('crypto') (bindings/crypto.cc and the
// bindings/crypto_*.h headers it includes): reading byte arguments, making
// ArrayBuffers, wrapping C++ objects in JS objects, OpenSSL-style errors, and
// jobs that run either now or on the worker pool.
#ifndef KILN_BINDINGS_CRYPTO_UTIL_H_
#define KILN_BINDINGS_CRYPTO_UTIL_H_

#include <openssl/cipher.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/mem.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <v8.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/string_bytes.h"
#include "runtime/worker_pool.h"

namespace kiln::bindings::crypto {

using v8::ArrayBuffer;
using v8::ArrayBufferView;
using v8::BackingStore;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::String;
using v8::Value;

// ---- byte arguments -----------------------------------------------------------

// A read-only view of the bytes of an ArrayBufferView or (Shared)ArrayBuffer.
struct Bytes {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

inline bool GetBytes(Local<Value> v, Bytes* out) {
  if (v->IsArrayBufferView()) {
    Local<ArrayBufferView> view = v.As<ArrayBufferView>();
    out->size = view->ByteLength();
    // SAFETY: the view's buffer outlives the synchronous call that reads it.
    out->data = out->size == 0 ? nullptr :
        static_cast<const uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
    return true;
  }
  if (v->IsArrayBuffer()) {
    out->size = v.As<ArrayBuffer>()->ByteLength();
    out->data = static_cast<const uint8_t*>(v.As<ArrayBuffer>()->Data());
    return true;
  }
  if (v->IsSharedArrayBuffer()) {
    out->size = v.As<v8::SharedArrayBuffer>()->ByteLength();
    out->data = static_cast<const uint8_t*>(v.As<v8::SharedArrayBuffer>()->Data());
    return true;
  }
  return false;
}

// Writable bytes of an ArrayBufferView or ArrayBuffer.
inline bool GetMutableBytes(Local<Value> v, uint8_t** data, size_t* size) {
  Bytes b;
  if (!GetBytes(v, &b)) return false;
  *data = const_cast<uint8_t*>(b.data);
  *size = b.size;
  return true;
}

inline bool ArgTypeError(Isolate* isolate, const char* name, const char* what) {
  std::string msg = std::string("The \"") + name + "\" argument must be " + what;
  ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", msg.c_str());
  return false;
}

// args[i] as bytes, or a TypeError.
inline bool ArgBytes(const FunctionCallbackInfo<Value>& args, int i, const char* name,
                     Bytes* out) {
  if (GetBytes(args[i], out)) return true;
  return ArgTypeError(args.GetIsolate(), name,
                      "an instance of ArrayBuffer, Buffer, TypedArray, or DataView.");
}

// args[i] copied: a string in the encoding args[enc_index] names (UTF-8 by
// default), or bytes. Used where the data must outlive the call.
inline bool ArgData(const FunctionCallbackInfo<Value>& args, int i, int enc_index,
                    const char* name, std::string* out) {
  Isolate* isolate = args.GetIsolate();
  if (args[i]->IsString()) {
    string_bytes::Encoding enc = string_bytes::UTF8;
    if (enc_index >= 0) enc = string_bytes::ParseEncoding(isolate, args[enc_index], enc);
    Local<String> s = args[i].As<String>();
    out->resize(string_bytes::Size(isolate, s, enc));
    out->resize(string_bytes::Write(isolate, out->empty() ? nullptr : &(*out)[0], out->size(),
                                    s, enc));
    return true;
  }
  Bytes b;
  if (!GetBytes(args[i], &b))
    return ArgTypeError(isolate, name,
                        "of type string or an instance of ArrayBuffer, Buffer, TypedArray, "
                        "or DataView.");
  out->assign(reinterpret_cast<const char*>(b.data), b.size);
  return true;
}

// A new ArrayBuffer holding a copy of data[0, size).
inline Local<ArrayBuffer> CopyToArrayBuffer(Isolate* isolate, const void* data, size_t size) {
  Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, size);
  if (size > 0) memcpy(ab->Data(), data, size);
  return ab;
}

// Heap bytes made on any thread and handed to JS without a copy.
class ByteSource {
 public:
  ByteSource() = default;
  explicit ByteSource(size_t size) { Allocate(size); }
  ~ByteSource() { Reset(); }
  ByteSource(ByteSource&& o) noexcept : data_(o.data_), size_(o.size_) {
    o.data_ = nullptr;
    o.size_ = 0;
  }
  ByteSource& operator=(ByteSource&& o) noexcept {
    Reset();
    data_ = o.data_;
    size_ = o.size_;
    o.data_ = nullptr;
    o.size_ = 0;
    return *this;
  }
  ByteSource(const ByteSource&) = delete;

  void Allocate(size_t size) {
    Reset();
    size_ = size;
    data_ = static_cast<uint8_t*>(malloc(size > 0 ? size : 1));
  }
  void Assign(const void* p, size_t n) {
    Allocate(n);
    if (n > 0) memcpy(data_, p, n);
  }
  // Shrinks the logical size (the allocation is kept).
  void Truncate(size_t size) { if (size < size_) size_ = size; }
  uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

  // Moves the bytes into a new ArrayBuffer (this becomes empty).
  Local<ArrayBuffer> Release(Isolate* isolate) {
    if (data_ == nullptr) return ArrayBuffer::New(isolate, 0);
    std::unique_ptr<BackingStore> store = ArrayBuffer::NewBackingStore(
        data_, size_, [](void* p, size_t, void*) { OPENSSL_cleanse(p, 0); free(p); }, nullptr);
    data_ = nullptr;
    size_ = 0;
    return ArrayBuffer::New(isolate, std::move(store));
  }

 private:
  void Reset() {
    if (data_ != nullptr) {
      OPENSSL_cleanse(data_, size_);
      free(data_);
    }
    data_ = nullptr;
    size_ = 0;
  }
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// ---- errors ---------------------------------------------------------------------

// Sets own property `key` on `obj` to string `value`.
inline void SetStringProp(Isolate* isolate, Local<Object> obj, const char* key, const char* value) {
  obj->Set(isolate->GetCurrentContext(), OneByteString(isolate, key),
           String::NewFromUtf8(isolate, value).ToLocalChecked())
      .Check();
}

// An Error with `message` and, when given, .code.
inline Local<Value> MakeError(Isolate* isolate, const char* message, const char* code = nullptr,
                              bool type_error = false, bool range_error = false) {
  Local<String> msg = String::NewFromUtf8(isolate, message).ToLocalChecked();
  Local<Value> e = type_error ? v8::Exception::TypeError(msg)
                   : range_error ? v8::Exception::RangeError(msg)
                                 : v8::Exception::Error(msg);
  if (code != nullptr) SetStringProp(isolate, e.As<Object>(), "code", code);
  return e;
}

inline void ThrowError(Isolate* isolate, const char* message, const char* code = nullptr) {
  isolate->ThrowException(MakeError(isolate, message, code));
}
inline void ThrowRangeError(Isolate* isolate, const char* message, const char* code) {
  isolate->ThrowException(MakeError(isolate, message, code, false, true));
}

// OpenSSL 3's wording for the failures scripts meet (Node 20 reports
// OpenSSL's strings: "error:1C800064:Provider routines::bad decrypt"), keyed
// by BoringSSL's reason; other failures keep BoringSSL's reason, lowercased.
struct OsslReason {
  int lib;
  int reason;
  const char* packed;   // OpenSSL 3's packed error code, as hex
  const char* library;  // OpenSSL 3's library string
  const char* text;     // OpenSSL 3's reason string
};
inline const OsslReason* FindOsslReason(int lib, int reason);

// The part of Node's ERR_OSSL_* code that names the library ("EVP_" for
// "digital envelope routines"); provider and decoder errors have none.
inline const char* OsslLibraryPrefix(const char* library) {
  static const struct { const char* library; const char* prefix; } kPrefixes[] = {
      {"digital envelope routines", "EVP_"}, {"rsa routines", "RSA_"},
      {"asn1 encoding routines", "ASN1_"},  {"common libcrypto routines", "CRYPTO_"},
      {"elliptic curve routines", "EC_"},   {"PEM routines", "PEM_"},
      {"x509 certificate routines", "X509_"}, {"bignum routines", "BN_"},
      {"DSA routines", "DSA_"},             {"Diffie-Hellman routines", "DH_"},
  };
  for (const auto& p : kPrefixes)
    if (strcmp(p.library, library) == 0) return p.prefix;
  return "";
}

// Node's error for an OpenSSL 3 failure: message
// "error:PACKED:library::reason", with .library, .reason and .code
// ("ERR_OSSL_" + the library's prefix + REASON).
inline Local<Value> OsslError(Isolate* isolate, const std::string& packed,
                              const std::string& library, const std::string& reason) {
  std::string message = "error:" + packed + ":" + library + "::" + reason;
  Local<Object> e = MakeError(isolate, message.c_str()).As<Object>();
  SetStringProp(isolate, e, "library", library.c_str());
  SetStringProp(isolate, e, "reason", reason.c_str());
  std::string code = std::string("ERR_OSSL_") + OsslLibraryPrefix(library.c_str());
  for (char c : reason) code += c == ' ' ? '_' : static_cast<char>(toupper(c));
  SetStringProp(isolate, e, "code", code.c_str());
  return e;
}

// The error for the first entry of the error queue (which it clears):
// message "error:XXXXXXXX:library::reason", with .library, .reason and
// .code ("ERR_OSSL_" + REASON) as Node sets them. `fallback` when the queue
// is empty.
inline Local<Value> OpenSSLErrorFor(Isolate* isolate, uint32_t err, const char* fallback) {
  if (err == 0) return MakeError(isolate, fallback);
  int lib = ERR_GET_LIB(err), reason = ERR_GET_REASON(err);
  const OsslReason* r = FindOsslReason(lib, reason);
  std::string library, text, packed;
  if (r != nullptr) {
    library = r->library;
    text = r->text;
    packed = r->packed;
  } else {
    const char* rs = ERR_reason_error_string(err);
    const char* ls = ERR_lib_error_string(err);
    text = rs != nullptr ? rs : "unknown error";
    for (char& c : text) c = c == '_' ? ' ' : static_cast<char>(tolower(c));
    library = ls != nullptr ? ls : "unknown library";
    char hex[16];
    snprintf(hex, sizeof(hex), "%08X", err);
    packed = hex;
  }
  return OsslError(isolate, packed, library, text);
}

inline Local<Value> OpenSSLError(Isolate* isolate, const char* fallback) {
  uint32_t err = ERR_get_error();
  ERR_clear_error();
  return OpenSSLErrorFor(isolate, err, fallback);
}

inline void ThrowOpenSSLError(Isolate* isolate, const char* fallback) {
  isolate->ThrowException(OpenSSLError(isolate, fallback));
}

// ---- wrapped C++ objects ----------------------------------------------------------

// Base of every C++ object this binding wraps: internal field 0 holds the
// CryptoObject*, field 1 the address of kWrapTag, so an object from another
// binding (or a forged one) is never taken for ours.
alignas(8) inline const char kWrapTag = 0;
constexpr int kWrapFields = 2;

class CryptoObject {
 public:
  virtual ~CryptoObject() = default;
  // Identifies the concrete class (no RTTI in this build).
  virtual const void* TypeId() const = 0;
  static CryptoObject* FromObject(Local<Value> v) {
    if (!v->IsObject()) return nullptr;
    Local<Object> o = v.As<Object>();
    if (o->InternalFieldCount() < kWrapFields ||
        o->GetAlignedPointerFromInternalField(1) != &kWrapTag)
      return nullptr;
    return static_cast<CryptoObject*>(o->GetAlignedPointerFromInternalField(0));
  }
};

// Owned by its JS object; deleted when that is collected. Make the class with
// NewClass(isolate, New, kWrapFields).
template <typename T>
class Wrapped : public CryptoObject {
 public:
  Wrapped(Isolate* isolate, Local<Object> object) : isolate_(isolate) {
    object_.Reset(isolate, object);
    object_.SetWeak(static_cast<T*>(this), OnGC, v8::WeakCallbackType::kParameter);
    object->SetAlignedPointerInInternalField(0, static_cast<CryptoObject*>(this));
    object->SetAlignedPointerInInternalField(1, const_cast<char*>(&kWrapTag));
  }

  static const void* Id() {
    static const char id = 0;
    return &id;
  }
  const void* TypeId() const override { return Id(); }

  // The T wrapped by `obj`, or nullptr.
  static T* Check(Local<Value> obj) {
    CryptoObject* p = FromObject(obj);
    if (p == nullptr || p->TypeId() != Id()) return nullptr;
    return static_cast<T*>(static_cast<Wrapped<T>*>(p));
  }
  // Like Check, with a TypeError thrown for nullptr.
  static T* Unwrap(Isolate* isolate, Local<Value> obj) {
    T* p = Check(obj);
    if (p == nullptr) ThrowTypeError(isolate, "ERR_INVALID_THIS", "Illegal invocation");
    return p;
  }
  static T* Unwrap(const FunctionCallbackInfo<Value>& args) {
    return Unwrap(args.GetIsolate(), args.This());
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

// Requires `new`: a constructor called as a function would have no field.
inline bool IsConstructCall(const FunctionCallbackInfo<Value>& args) {
  if (args.IsConstructCall()) return true;
  ThrowTypeError(args.GetIsolate(), "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
  return false;
}

// ---- jobs: now or on the worker pool -------------------------------------------------

// A computation with plain C++ inputs and outputs. Run by RunJob: now (the
// result is returned or the error thrown) or on the worker pool, when the
// call got a callback: then callback(err) or callback(null, result) runs on
// the loop thread.
class CryptoJob : public WorkerPool::Work {
 public:
  // The work; no V8. On failure set error_ (message) or leave ossl_ true to
  // report the OpenSSL error queue; return false.
  virtual bool Exec() = 0;
  // The JS value of a success (loop thread). Default: out_ as an ArrayBuffer.
  virtual Local<Value> Result(Isolate* isolate) { return out_.Release(isolate); }

  Local<Value> Error(Isolate* isolate) {
    if (!error_.empty())
      return MakeError(isolate, error_.c_str(), error_code_.empty() ? nullptr : error_code_.c_str());
    return OpenSSLErrorFor(isolate, err_packed_, "Operation failed");
  }

  void Run() override {
    ok_ = Exec();
    // The pool thread's error queue is its own: copy what JS needs now.
    if (!ok_ && error_.empty()) {
      err_packed_ = ERR_peek_error();
    }
    ERR_clear_error();
  }
  void Done() override {
    std::unique_ptr<CryptoJob> self(this);
    Isolate* isolate = env_->isolate();
    HandleScope scope(isolate);
    Local<Context> context = env_->context();
    Context::Scope context_scope(context);
    Local<Value> argv[2] = {v8::Null(isolate), v8::Undefined(isolate)};
    if (ok_) {
      argv[1] = Result(isolate);
    } else {
      argv[0] = Error(isolate);
    }
    env_->MakeCallback(callback_.Get(isolate), v8::Undefined(isolate), 2, argv);
  }

  ByteSource out_;
  std::string error_, error_code_;
  bool ok_ = false;
  uint32_t err_packed_ = 0;
  Environment* env_ = nullptr;
  Global<Function> callback_;
};

// Runs `job` now when `cb` is undefined (returning its result or throwing),
// else queues it on the worker pool and calls cb later.
inline void RunJob(const FunctionCallbackInfo<Value>& args, Local<Value> cb, CryptoJob* raw) {
  std::unique_ptr<CryptoJob> job(raw);
  Isolate* isolate = args.GetIsolate();
  if (cb->IsUndefined()) {
    bool ok = job->Exec();
    if (!ok) {
      job->err_packed_ = ERR_get_error();
      ERR_clear_error();
      isolate->ThrowException(job->Error(isolate));
      return;
    }
    ERR_clear_error();
    args.GetReturnValue().Set(job->Result(isolate));
    return;
  }
  if (!cb->IsFunction()) {
    ArgTypeError(isolate, "callback", "of type function");
    return;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    ThrowError(isolate, "asynchronous crypto is not available here");
    return;
  }
  job->env_ = env;
  job->callback_.Reset(isolate, cb.As<Function>());
  WorkerPool::ForLoop(env->loop())->Submit(job.release());
}

}  // namespace kiln::bindings::crypto

#include "bindings/crypto_ossl_reasons.h"

#endif  // KILN_BINDINGS_CRYPTO_UTIL_H_
