// process.binding('crypto'): BoringSSL, statically linked with hidden
// symbols. For now one-shot digests; js_lib/crypto.js builds on this.
#include <openssl/digest.h>
#include <openssl/mem.h>

#include <cstring>

#include "runtime/binding.h"

namespace kiln::bindings::crypto {

using v8::ArrayBuffer;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

// Node's names for the digests BoringSSL has.
static const EVP_MD* DigestByName(const char* name) {
  static const struct { const char* name; const EVP_MD* (*md)(); } kDigests[] = {
      {"md5", EVP_md5},       {"sha1", EVP_sha1},     {"sha224", EVP_sha224},
      {"sha256", EVP_sha256}, {"sha384", EVP_sha384}, {"sha512", EVP_sha512},
      {"sha512-256", EVP_sha512_256},
  };
  for (const auto& d : kDigests)
    if (strcasecmp(d.name, name) == 0) return d.md();
  return nullptr;
}

// digest(algorithm, data: string (utf8) | ArrayBufferView) -> ArrayBuffer,
// or undefined for an unknown algorithm (JS throws Node's error).
static void Digest(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value name(isolate, args[0]);
  const EVP_MD* md = DigestByName(*name);
  if (md == nullptr) return;
  uint8_t out[EVP_MAX_MD_SIZE];
  unsigned int out_len = 0;
  bool ok;
  if (args[1]->IsString()) {
    String::Utf8Value data(isolate, args[1]);
    ok = EVP_Digest(*data, data.length(), out, &out_len, md, nullptr);
  } else if (args[1]->IsArrayBufferView()) {
    Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
    // SAFETY: the view's bytes stay valid for this synchronous call.
    const uint8_t* p = static_cast<const uint8_t*>(view->Buffer()->GetBackingStore()->Data()) +
                       view->ByteOffset();
    ok = EVP_Digest(p, view->ByteLength(), out, &out_len, md, nullptr);
  } else {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "The \"data\" argument must be of type string or an instance of "
                          "Buffer, TypedArray, or DataView.");
  }
  if (!ok) return ThrowTypeError(isolate, "ERR_CRYPTO_HASH_FAILED", "Digest method failed");
  Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, out_len);
  memcpy(ab->GetBackingStore()->Data(), out, out_len);
  args.GetReturnValue().Set(ab);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "digest", Digest);
}

void RegisterExternalReferences(ExternalReferences* r) { r->Register(Digest); }

}  // namespace kiln::bindings::crypto
