// Message digests and HMAC for process.binding('crypto'): the Hash and Hmac
// classes behind crypto.createHash/createHmac, and one-shot digest().
//
//   new Hash(algorithm, copyFrom?, outputLength?)
//                                    throws "Digest method not supported";
//                                    outputLength sizes SHAKE's output
//   hash.update(data, encoding?)     data: string (in encoding) or bytes
//   hash.digest(encoding?)           a string in a named encoding, else an
//                                    ArrayBuffer ('buffer', undefined)
//   new Hmac(); hmac.init(algorithm, keyBytes); update; digest as above
//   digest(algorithm, data, encoding?)  one-shot, same result forms
//   getHashes()                      the names createHash accepts, sorted
// SHA-3 and SHAKE come from crypto_keccak.h (BoringSSL has neither).
#ifndef KILN_BINDINGS_CRYPTO_HASH_H_
#define KILN_BINDINGS_CRYPTO_HASH_H_

#include <openssl/digest.h>
#include <openssl/hmac.h>
#include <strings.h>

#include "bindings/crypto_keccak.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

// The digests BoringSSL has under the names OpenSSL 3 (and so Node 20)
// accepts for them, case-insensitively. md4 is left out: OpenSSL 3 only has
// it in the legacy provider, which Node does not load.
struct DigestName {
  const char* name;
  const EVP_MD* (*md)();
  bool listed;  // in getHashes()
};
inline const DigestName* DigestNames() {
  static const DigestName kNames[] = {
      {"RSA-MD5", EVP_md5, true},
      {"RSA-SHA1", EVP_sha1, true},
      {"RSA-SHA1-2", EVP_sha1, true},
      {"RSA-SHA224", EVP_sha224, true},
      {"RSA-SHA256", EVP_sha256, true},
      {"RSA-SHA384", EVP_sha384, true},
      {"RSA-SHA512", EVP_sha512, true},
      {"RSA-SHA512/256", EVP_sha512_256, true},
      {"md5", EVP_md5, true},
      {"md5-sha1", EVP_md5_sha1, true},
      {"md5WithRSAEncryption", EVP_md5, true},
      {"sha1", EVP_sha1, true},
      {"sha1WithRSAEncryption", EVP_sha1, true},
      {"sha224", EVP_sha224, true},
      {"sha224WithRSAEncryption", EVP_sha224, true},
      {"sha256", EVP_sha256, true},
      {"sha256WithRSAEncryption", EVP_sha256, true},
      {"sha384", EVP_sha384, true},
      {"sha384WithRSAEncryption", EVP_sha384, true},
      {"sha512", EVP_sha512, true},
      {"sha512-256", EVP_sha512_256, true},
      {"sha512-256WithRSAEncryption", EVP_sha512_256, true},
      {"sha512WithRSAEncryption", EVP_sha512, true},
      {"ssl3-md5", EVP_md5, true},
      {"ssl3-sha1", EVP_sha1, true},
      // Accepted, not listed (OpenSSL 3's provider names).
      {"sha-1", EVP_sha1, false},
      {"sha-224", EVP_sha224, false},
      {"sha-256", EVP_sha256, false},
      {"sha-384", EVP_sha384, false},
      {"sha-512", EVP_sha512, false},
      {"sha2-224", EVP_sha224, false},
      {"sha2-256", EVP_sha256, false},
      {"sha2-384", EVP_sha384, false},
      {"sha2-512", EVP_sha512, false},
      {"sha2-512/256", EVP_sha512_256, false},
      {"sha-512/256", EVP_sha512_256, false},
      {nullptr, nullptr, false},
  };
  return kNames;
}

inline const EVP_MD* DigestByName(const char* name) {
  for (const DigestName* d = DigestNames(); d->name != nullptr; d++)
    if (strcasecmp(d->name, name) == 0) return d->md();
  return nullptr;
}

inline const EVP_MD* DigestArg(Isolate* isolate, Local<Value> v) {
  if (!v->IsString()) return nullptr;
  String::Utf8Value name(isolate, v);
  return *name == nullptr ? nullptr : DigestByName(*name);
}

inline const KeccakSpec* KeccakArg(Isolate* isolate, Local<Value> v) {
  if (!v->IsString()) return nullptr;
  String::Utf8Value name(isolate, v);
  return *name == nullptr ? nullptr : KeccakByName(*name);
}

// Feeds `data` (string in encoding `enc`, or bytes) to `update`. False, with
// a TypeError thrown, for other types.
template <typename F>
inline bool FeedData(Isolate* isolate, Local<Value> data, Local<Value> enc, F update) {
  if (data->IsString()) {
    Local<String> s = data.As<String>();
    string_bytes::Encoding e = string_bytes::ParseEncoding(isolate, enc, string_bytes::UTF8);
    size_t need = string_bytes::Size(isolate, s, e);
    char stack[1024];
    std::unique_ptr<char[]> heap;
    char* buf = stack;
    if (need > sizeof(stack)) {
      heap.reset(new char[need]);
      buf = heap.get();
    }
    size_t n = string_bytes::Write(isolate, buf, need, s, e);
    update(reinterpret_cast<const uint8_t*>(buf), n);
    return true;
  }
  Bytes b;
  if (!GetBytes(data, &b))
    return ArgTypeError(isolate, "data",
                        "of type string or an instance of Buffer, TypedArray, or DataView.");
  update(b.data, b.size);
  return true;
}

// The digest `md[0, len)` as JS wants it: a string for a named encoding,
// else an ArrayBuffer.
inline void ReturnDigest(const FunctionCallbackInfo<Value>& args, Local<Value> enc,
                         const uint8_t* md, size_t len) {
  Isolate* isolate = args.GetIsolate();
  string_bytes::Encoding e = string_bytes::ParseEncoding(isolate, enc, string_bytes::BUFFER);
  if (e == string_bytes::BUFFER) {
    args.GetReturnValue().Set(CopyToArrayBuffer(isolate, md, len));
    return;
  }
  Local<String> s;
  if (string_bytes::Encode(isolate, reinterpret_cast<const char*>(md), len, e).ToLocal(&s))
    args.GetReturnValue().Set(s);
}

class Hash : public Wrapped<Hash> {
 public:
  Hash(Isolate* isolate, Local<Object> obj) : Wrapped(isolate, obj) {}
  ~Hash() override { EVP_MD_CTX_cleanup(&ctx_); }

  static void New(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    if (!IsConstructCall(args)) return;
    Hash* from = nullptr;
    if (args.Length() > 1 && args[1]->IsObject()) {
      from = Check(args[1]);
      if (from == nullptr) return (void)ArgTypeError(isolate, "hash", "a Hash");
    }
    const EVP_MD* md = nullptr;
    const KeccakSpec* keccak = nullptr;
    if (from != nullptr) {
      if (from->keccak_) keccak = from->keccak_->spec();
      else md = EVP_MD_CTX_md(&from->ctx_);
    } else {
      md = DigestArg(isolate, args[0]);
      if (md == nullptr) keccak = KeccakArg(isolate, args[0]);
    }
    if (md == nullptr && keccak == nullptr)
      return ThrowError(isolate, "Digest method not supported");
    Hash* h = new Hash(isolate, args.This());
    if (keccak != nullptr) {
      h->keccak_ = from != nullptr ? std::make_unique<Keccak>(*from->keccak_)
                                   : std::make_unique<Keccak>(keccak);
      h->out_len_ = keccak->out_len;
      if (keccak->xof && args[2]->IsUint32()) h->out_len_ = args[2].As<v8::Uint32>()->Value();
      return;
    }
    h->out_len_ = EVP_MD_size(md);
    bool ok = from != nullptr ? EVP_MD_CTX_copy_ex(&h->ctx_, &from->ctx_)
                              : EVP_DigestInit_ex(&h->ctx_, md, nullptr);
    if (!ok) return ThrowOpenSSLError(isolate, "Digest method not supported");
  }

  static void Update(const FunctionCallbackInfo<Value>& args) {
    Hash* h = Unwrap(args);
    if (h == nullptr) return;
    FeedData(args.GetIsolate(), args[0], args[1], [h](const uint8_t* p, size_t n) {
      if (h->keccak_) h->keccak_->Update(p, n);
      else EVP_DigestUpdate(&h->ctx_, p, n);
    });
  }

  // Computed once; later calls return the same bytes (a stream's _flush and
  // a user's digest() may both ask).
  static void Digest(const FunctionCallbackInfo<Value>& args) {
    Hash* h = Unwrap(args);
    if (h == nullptr) return;
    if (!h->finished_) {
      if (h->keccak_) {
        h->digest_.resize(h->out_len_);
        h->keccak_->Final(h->digest_.data(), h->digest_.size());
      } else {
        uint8_t md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(&h->ctx_, md, &len);
        h->digest_.assign(md, md + len);
      }
      h->finished_ = true;
    }
    ReturnDigest(args, args[0], h->digest_.data(), h->digest_.size());
  }

  // The digest size in bytes; whether the digest is an XOF.
  static void Size(const FunctionCallbackInfo<Value>& args) {
    Hash* h = Unwrap(args);
    if (h == nullptr) return;
    args.GetReturnValue().Set(static_cast<uint32_t>(h->out_len_));
  }
  static void IsXof(const FunctionCallbackInfo<Value>& args) {
    Hash* h = Unwrap(args);
    if (h == nullptr) return;
    args.GetReturnValue().Set(h->keccak_ != nullptr && h->keccak_->spec()->xof);
  }

 private:
  EVP_MD_CTX ctx_{};
  std::unique_ptr<Keccak> keccak_;
  size_t out_len_ = 0;
  bool finished_ = false;
  std::vector<uint8_t> digest_;
};

class Hmac : public Wrapped<Hmac> {
 public:
  Hmac(Isolate* isolate, Local<Object> obj) : Wrapped(isolate, obj) { HMAC_CTX_init(&ctx_); }
  ~Hmac() override {
    HMAC_CTX_cleanup(&ctx_);
    OPENSSL_cleanse(opad_key_, sizeof(opad_key_));
  }

  static void New(const FunctionCallbackInfo<Value>& args) {
    if (!IsConstructCall(args)) return;
    new Hmac(args.GetIsolate(), args.This());
  }

  // init(algorithm, key bytes); throws Node's ERR_CRYPTO_INVALID_DIGEST.
  static void Init(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    Hmac* h = Unwrap(args);
    if (h == nullptr) return;
    const EVP_MD* md = DigestArg(isolate, args[0]);
    const KeccakSpec* keccak = md == nullptr ? KeccakArg(isolate, args[0]) : nullptr;
    if ((md == nullptr && keccak == nullptr) || (keccak != nullptr && keccak->xof)) {
      String::Utf8Value name(isolate, args[0]);
      std::string msg = std::string("Invalid digest: ") + (*name ? *name : "");
      return ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
    }
    Bytes key;
    if (!ArgBytes(args, 1, "key", &key)) return;
    if (keccak != nullptr) {
      h->InitKeccak(keccak, key);
    } else {
      static const uint8_t kEmpty = 0;
      if (!HMAC_Init_ex(&h->ctx_, key.size ? key.data : &kEmpty, key.size, md, nullptr))
        return ThrowOpenSSLError(isolate, "HMAC init failed");
    }
    h->ready_ = true;
  }

  static void Update(const FunctionCallbackInfo<Value>& args) {
    Hmac* h = Unwrap(args);
    if (h == nullptr || !h->ready_) return;
    FeedData(args.GetIsolate(), args[0], args[1], [h](const uint8_t* p, size_t n) {
      if (h->inner_) h->inner_->Update(p, n);
      else HMAC_Update(&h->ctx_, p, n);
    });
  }

  static void Digest(const FunctionCallbackInfo<Value>& args) {
    Hmac* h = Unwrap(args);
    if (h == nullptr) return;
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (h->ready_) {
      if (h->inner_) {
        // H((K ^ opad) || H((K ^ ipad) || m))
        const KeccakSpec* spec = h->inner_->spec();
        uint8_t inner[64];
        h->inner_->Final(inner, spec->out_len);
        Keccak outer(spec);
        outer.Update(h->opad_key_, spec->rate);
        outer.Update(inner, spec->out_len);
        outer.Final(md, spec->out_len);
        len = static_cast<unsigned int>(spec->out_len);
      } else {
        HMAC_Final(&h->ctx_, md, &len);
      }
    }
    h->ready_ = false;
    ReturnDigest(args, args[0], md, len);
  }

 private:
  void InitKeccak(const KeccakSpec* spec, const Bytes& key) {
    uint8_t block[200] = {0};
    if (key.size > spec->rate) {
      Keccak k(spec);
      k.Update(key.data, key.size);
      k.Final(block, spec->out_len);
    } else if (key.size > 0) {
      memcpy(block, key.data, key.size);
    }
    uint8_t ipad[200];
    for (size_t i = 0; i < spec->rate; i++) {
      ipad[i] = block[i] ^ 0x36;
      opad_key_[i] = block[i] ^ 0x5c;
    }
    inner_ = std::make_unique<Keccak>(spec);
    inner_->Update(ipad, spec->rate);
    OPENSSL_cleanse(block, sizeof(block));
    OPENSSL_cleanse(ipad, sizeof(ipad));
  }

  HMAC_CTX ctx_;
  std::unique_ptr<Keccak> inner_;  // HMAC over SHA-3
  uint8_t opad_key_[200] = {0};
  bool ready_ = false;
};

// digest(algorithm, data, encoding?) -> string | ArrayBuffer; undefined for
// an unknown algorithm (JS throws Node's error).
inline void OneShotDigest(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  const EVP_MD* md = DigestArg(isolate, args[0]);
  const KeccakSpec* keccak = md == nullptr ? KeccakArg(isolate, args[0]) : nullptr;
  if (md == nullptr && keccak == nullptr) return;
  if (keccak != nullptr) {
    Keccak k(keccak);
    bool ok = FeedData(isolate, args[1], v8::Undefined(isolate),
                       [&k](const uint8_t* p, size_t n) { k.Update(p, n); });
    std::vector<uint8_t> out(keccak->out_len);
    k.Final(out.data(), out.size());
    if (ok) ReturnDigest(args, args[2], out.data(), out.size());
    return;
  }
  EVP_MD_CTX ctx;
  EVP_MD_CTX_init(&ctx);
  EVP_DigestInit_ex(&ctx, md, nullptr);
  bool ok = FeedData(isolate, args[1], v8::Undefined(isolate), [&ctx](const uint8_t* p, size_t n) {
    EVP_DigestUpdate(&ctx, p, n);
  });
  uint8_t out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(&ctx, out, &len);
  EVP_MD_CTX_cleanup(&ctx);
  if (ok) ReturnDigest(args, args[2], out, len);
}

inline void GetHashes(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::vector<Local<Value>> names;
  for (const DigestName* d = DigestNames(); d->name != nullptr; d++)
    if (d->listed) names.push_back(OneByteString(isolate, d->name));
  for (const char* n : {"sha3-224", "sha3-256", "sha3-384", "sha3-512", "shake128", "shake256"})
    names.push_back(OneByteString(isolate, n));
  args.GetReturnValue().Set(v8::Array::New(isolate, names.data(), names.size()));
}

inline void InitHash(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, Hash::New, kWrapFields);
  SetProtoMethod(isolate, t, "update", Hash::Update);
  SetProtoMethod(isolate, t, "digest", Hash::Digest);
  SetProtoMethod(isolate, t, "size", Hash::Size);
  SetProtoMethod(isolate, t, "isXof", Hash::IsXof);
  SetValue(context, target, "Hash", t->GetFunction(context).ToLocalChecked());
  t = NewClass(isolate, Hmac::New, kWrapFields);
  SetProtoMethod(isolate, t, "init", Hmac::Init);
  SetProtoMethod(isolate, t, "update", Hmac::Update);
  SetProtoMethod(isolate, t, "digest", Hmac::Digest);
  SetValue(context, target, "Hmac", t->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "digest", OneShotDigest);
  SetMethod(context, target, "getHashes", GetHashes);
}

inline void RegisterHash(ExternalReferences* r) {
  r->Register(Hash::New);
  r->Register(Hash::Update);
  r->Register(Hash::Digest);
  r->Register(Hash::Size);
  r->Register(Hash::IsXof);
  r->Register(Hmac::New);
  r->Register(Hmac::Init);
  r->Register(Hmac::Update);
  r->Register(Hmac::Digest);
  r->Register(OneShotDigest);
  r->Register(GetHashes);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_HASH_H_
