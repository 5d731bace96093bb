// Randomness and key derivation for process.binding('crypto'). Each call
// takes, last, a callback or undefined (bindings/crypto_util.h RunJob): with
// a callback it runs on the worker pool and calls back (err, ArrayBuffer).
// JS has validated the arguments; these re-check types only.
//
//   randomFill(view|ArrayBuffer, offset, size, cb?)   fills in place;
//                                                     cb(err) when async
//   pbkdf2(password, salt, iterations, keylen, digest, cb?)
//   checkScrypt(N, r, p, maxmem) -> 0 ok, 1 invalid, 2 memory limit exceeded
//   scrypt(password, salt, N, r, p, maxmem, keylen, cb?)
//   hkdf(digest, ikm, salt, info, keylen, cb?)
#ifndef KILN_BINDINGS_CRYPTO_KDF_H_
#define KILN_BINDINGS_CRYPTO_KDF_H_

#include <openssl/evp.h>
#include <openssl/hkdf.h>
#include <openssl/rand.h>

#include <cmath>

#include "bindings/crypto_hash.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

// A non-negative integer argument (JS checked the range).
inline bool ArgSize(const FunctionCallbackInfo<Value>& args, int i, const char* name,
                    double* out) {
  if (!args[i]->IsNumber() || !(args[i].As<v8::Number>()->Value() >= 0))
    return ArgTypeError(args.GetIsolate(), name, "a non-negative number");
  *out = args[i].As<v8::Number>()->Value();
  return true;
}

class RandomFillJob : public CryptoJob {
 public:
  bool Exec() override {
    // RAND_bytes seeds itself on first use, at run time (never in the
    // snapshot builder), and reseeds after fork.
    RAND_bytes(data_, size_);
    return true;
  }
  Local<Value> Result(Isolate* isolate) override { return v8::Undefined(isolate); }
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  Global<Value> keep_;  // the buffer stays alive while the pool writes it
};

inline void RandomFill(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  uint8_t* data;
  size_t len;
  if (!GetMutableBytes(args[0], &data, &len))
    return (void)ArgTypeError(isolate, "buf", "an instance of ArrayBuffer or ArrayBufferView");
  double offset, size;
  if (!ArgSize(args, 1, "offset", &offset) || !ArgSize(args, 2, "size", &size)) return;
  if (offset > len || size > len - offset)
    return ThrowRangeError(isolate, "out of range", "ERR_OUT_OF_RANGE");
  auto* job = new RandomFillJob();
  job->data_ = data + static_cast<size_t>(offset);
  job->size_ = static_cast<size_t>(size);
  job->keep_.Reset(isolate, args[0]);
  RunJob(args, args[3], job);
}

class Pbkdf2Job : public CryptoJob {
 public:
  bool Exec() override {
    out_.Allocate(keylen_);
    if (!PKCS5_PBKDF2_HMAC(pass_.data(), pass_.size(),
                           reinterpret_cast<const uint8_t*>(salt_.data()), salt_.size(), iter_,
                           md_, keylen_, out_.data())) {
      error_ = "PBKDF2 failed";
      return false;
    }
    return true;
  }
  std::string pass_, salt_;
  uint32_t iter_ = 1;
  size_t keylen_ = 0;
  const EVP_MD* md_ = nullptr;
};

inline void Pbkdf2(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::unique_ptr<Pbkdf2Job> job(new Pbkdf2Job());
  double iter, keylen;
  if (!ArgData(args, 0, -1, "password", &job->pass_) ||
      !ArgData(args, 1, -1, "salt", &job->salt_) || !ArgSize(args, 2, "iterations", &iter) ||
      !ArgSize(args, 3, "keylen", &keylen))
    return;
  job->md_ = DigestArg(isolate, args[4]);
  if (job->md_ == nullptr) {
    String::Utf8Value name(isolate, args[4]);
    std::string msg = std::string("Invalid digest: ") + (*name ? *name : "");
    return ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
  }
  if (iter < 1 || iter > 2147483647.0 || keylen > 2147483647.0)
    return ThrowRangeError(isolate, "out of range", "ERR_OUT_OF_RANGE");
  job->iter_ = static_cast<uint32_t>(iter);
  job->keylen_ = static_cast<size_t>(keylen);
  RunJob(args, args[5], job.release());
}

// OpenSSL's scrypt limits (Node reports its verdicts): N a power of two > 1,
// p * r bounded, N < 2^(16 r), and the memory OpenSSL would use,
// 128 r (p + N + 2) bytes, within maxmem.
inline int CheckScryptParams(double N, double r, double p, double maxmem) {
  if (!(N >= 2) || N > 18446744073709551615.0) return 1;
  uint64_t n = static_cast<uint64_t>(N);
  if (static_cast<double>(n) != N || (n & (n - 1)) != 0) return 1;
  if (!(r >= 1) || !(p >= 1) || r > 4294967295.0 || p > 4294967295.0) return 1;
  uint64_t R = static_cast<uint64_t>(r), P = static_cast<uint64_t>(p);
  const uint64_t kPrMax = (uint64_t{1} << 30) - 1;
  if (P > kPrMax / R) return 1;
  if (16 * R <= 63 && n >= (uint64_t{1} << (16 * R))) return 1;
  // Blen = p * 128 * r; Vlen = 32 * r * (N + 2) * 4, as OpenSSL counts.
  double need = 128.0 * r * p + 128.0 * r * (N + 2);
  if (need > maxmem) return 2;
  if (need > 9007199254740991.0) return 2;
  return 0;
}

inline void CheckScrypt(const FunctionCallbackInfo<Value>& args) {
  double v[4];
  for (int i = 0; i < 4; i++) {
    if (!args[i]->IsNumber()) return (void)ArgTypeError(args.GetIsolate(), "param", "a number");
    v[i] = args[i].As<v8::Number>()->Value();
  }
  args.GetReturnValue().Set(CheckScryptParams(v[0], v[1], v[2], v[3]));
}

class ScryptJob : public CryptoJob {
 public:
  bool Exec() override {
    out_.Allocate(keylen_);
    // maxmem was enforced by CheckScryptParams with OpenSSL's count, which
    // is larger than BoringSSL's.
    if (!EVP_PBE_scrypt(pass_.data(), pass_.size(),
                        reinterpret_cast<const uint8_t*>(salt_.data()), salt_.size(), N_, r_, p_,
                        SIZE_MAX, out_.data(), keylen_)) {
      error_ = "Invalid scrypt params";
      error_code_ = "ERR_CRYPTO_INVALID_SCRYPT_PARAMS";
      return false;
    }
    return true;
  }
  std::string pass_, salt_;
  uint64_t N_ = 0, r_ = 0, p_ = 0;
  size_t keylen_ = 0;
};

inline void Scrypt(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::unique_ptr<ScryptJob> job(new ScryptJob());
  double N, r, p, maxmem, keylen;
  if (!ArgData(args, 0, -1, "password", &job->pass_) ||
      !ArgData(args, 1, -1, "salt", &job->salt_) || !ArgSize(args, 2, "N", &N) ||
      !ArgSize(args, 3, "r", &r) || !ArgSize(args, 4, "p", &p) ||
      !ArgSize(args, 5, "maxmem", &maxmem) || !ArgSize(args, 6, "keylen", &keylen))
    return;
  if (CheckScryptParams(N, r, p, maxmem) != 0 || keylen > 2147483647.0)
    return ThrowRangeError(isolate, "Invalid scrypt params", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS");
  job->N_ = static_cast<uint64_t>(N);
  job->r_ = static_cast<uint64_t>(r);
  job->p_ = static_cast<uint64_t>(p);
  job->keylen_ = static_cast<size_t>(keylen);
  RunJob(args, args[7], job.release());
}

class HkdfJob : public CryptoJob {
 public:
  bool Exec() override {
    out_.Allocate(keylen_);
    if (keylen_ == 0) return true;
    if (!HKDF(out_.data(), keylen_, md_, reinterpret_cast<const uint8_t*>(ikm_.data()),
              ikm_.size(), reinterpret_cast<const uint8_t*>(salt_.data()), salt_.size(),
              reinterpret_cast<const uint8_t*>(info_.data()), info_.size())) {
      error_ = "HKDF failed";
      return false;
    }
    return true;
  }
  std::string ikm_, salt_, info_;
  size_t keylen_ = 0;
  const EVP_MD* md_ = nullptr;
};

inline void Hkdf(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::unique_ptr<HkdfJob> job(new HkdfJob());
  job->md_ = DigestArg(isolate, args[0]);
  if (job->md_ == nullptr) {
    String::Utf8Value name(isolate, args[0]);
    std::string msg = std::string("Invalid digest: ") + (*name ? *name : "");
    return ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
  }
  double keylen;
  if (!ArgData(args, 1, -1, "ikm", &job->ikm_) || !ArgData(args, 2, -1, "salt", &job->salt_) ||
      !ArgData(args, 3, -1, "info", &job->info_) || !ArgSize(args, 4, "keylen", &keylen))
    return;
  if (keylen > 255.0 * EVP_MD_size(job->md_))
    return ThrowRangeError(isolate, "Invalid key length", "ERR_CRYPTO_INVALID_KEYLEN");
  job->keylen_ = static_cast<size_t>(keylen);
  RunJob(args, args[5], job.release());
}

inline void InitKdf(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "randomFill", RandomFill);
  SetMethod(context, target, "pbkdf2", Pbkdf2);
  SetMethod(context, target, "checkScrypt", CheckScrypt);
  SetMethod(context, target, "scrypt", Scrypt);
  SetMethod(context, target, "hkdf", Hkdf);
}

inline void RegisterKdf(ExternalReferences* r) {
  r->Register(RandomFill);
  r->Register(Pbkdf2);
  r->Register(CheckScrypt);
  r->Register(Scrypt);
  r->Register(Hkdf);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KDF_H_
