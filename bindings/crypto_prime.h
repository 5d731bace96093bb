// Prime generation and testing for process.binding('crypto') (BoringSSL's
// BN_generate_prime_ex and BN_primality_test), sync or on the worker pool:
//
//   generatePrime(bits, safe, add | undefined, rem | undefined, cb?)
//       -> ArrayBuffer (big-endian); throws RangeError ERR_OUT_OF_RANGE
//          "invalid options.add" / "invalid options.rem" as Node does
//   checkPrime(candidate bytes, checks, cb?) -> boolean
#ifndef KILN_BINDINGS_CRYPTO_PRIME_H_
#define KILN_BINDINGS_CRYPTO_PRIME_H_

#include <openssl/bn.h>

#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

class PrimeJob : public CryptoJob {
 public:
  bool Exec() override {
    bssl::UniquePtr<BIGNUM> prime(BN_new());
    if (!BN_generate_prime_ex(prime.get(), bits_, safe_, add_.get(), rem_.get(), nullptr)) {
      error_ = "could not generate prime";
      error_code_ = "ERR_CRYPTO_OPERATION_FAILED";
      return false;
    }
    out_.Allocate(BN_num_bytes(prime.get()));
    BN_bn2bin(prime.get(), out_.data());
    return true;
  }
  int bits_ = 0;
  bool safe_ = false;
  bssl::UniquePtr<BIGNUM> add_, rem_;
};

inline void GeneratePrime(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsInt32, "an integer");
  std::unique_ptr<PrimeJob> job(new PrimeJob());
  job->bits_ = args[0].As<v8::Int32>()->Value();
  if (job->bits_ < 1) return ThrowRangeError(isolate, "invalid size", "ERR_OUT_OF_RANGE");
  job->safe_ = args[1]->IsTrue();
  Bytes b;
  if (GetBytes(args[2], &b)) job->add_.reset(BN_bin2bn(b.data, b.size, nullptr));
  if (GetBytes(args[3], &b)) job->rem_.reset(BN_bin2bn(b.data, b.size, nullptr));
  if (job->add_) {
    // Larger than the prime: at best a fixed answer, at worst no end.
    if (static_cast<int>(BN_num_bits(job->add_.get())) > job->bits_)
      return ThrowRangeError(isolate, "invalid options.add", "ERR_OUT_OF_RANGE");
    if (job->rem_ && BN_cmp(job->add_.get(), job->rem_.get()) != 1)
      return ThrowRangeError(isolate, "invalid options.rem", "ERR_OUT_OF_RANGE");
  }
  RunJob(args, args[4], job.release());
}

class CheckPrimeJob : public CryptoJob {
 public:
  bool Exec() override {
    bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
    int is_prime = 0;
    if (!BN_primality_test(&is_prime, candidate_.get(), checks_, ctx.get(), 1, nullptr)) {
      error_ = "could not check prime";
      error_code_ = "ERR_CRYPTO_OPERATION_FAILED";
      return false;
    }
    result_ = is_prime == 1;
    return true;
  }
  Local<Value> Result(Isolate* isolate) override { return v8::Boolean::New(isolate, result_); }
  bssl::UniquePtr<BIGNUM> candidate_;
  int checks_ = 0;
  bool result_ = false;
};

inline void CheckPrime(const FunctionCallbackInfo<Value>& args) {
  Bytes b;
  if (!ArgBytes(args, 0, "candidate", &b)) return;
  std::unique_ptr<CheckPrimeJob> job(new CheckPrimeJob());
  job->candidate_.reset(BN_bin2bn(b.data, b.size, nullptr));
  job->checks_ = args[1]->IsInt32() ? args[1].As<v8::Int32>()->Value() : 0;
  RunJob(args, args[2], job.release());
}

inline void InitPrime(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "generatePrime", GeneratePrime);
  SetMethod(context, target, "checkPrime", CheckPrime);
}

inline void RegisterPrime(ExternalReferences* r) {
  r->Register(GeneratePrime);
  r->Register(CheckPrime);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_PRIME_H_
