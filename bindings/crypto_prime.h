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

// A prime p = rem (mod add), as OpenSSL 3 (and so Node) finds one: start at
// a random `bits`-bit number moved onto the progression (one step up when it
// falls short), then walk the progression past candidates with a small
// factor (for a safe prime, also those whose (p - 1) / 2 has one) and test
// the first survivor; if it is composite, start again. BoringSSL's own
// search skips small primes themselves, so tiny requests never end.
inline bool GeneratePrimeOnProgression(BIGNUM* out, int bits, bool safe, const BIGNUM* add,
                                       const BIGNUM* rem, BN_CTX* ctx) {
  static const uint16_t kSmallPrimes[] = {
      3,   5,   7,   11,  13,  17,  19,  23,  29,  31,  37,  41,  43,  47,  53,  59,
      61,  67,  71,  73,  79,  83,  89,  97,  101, 103, 107, 109, 113, 127, 131, 137,
      139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223, 227,
      229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311};
  bssl::UniquePtr<BIGNUM> t(BN_new()), half(BN_new());
  if (!t || !half) return false;
  const bool small = bits <= 31;
  for (;;) {
    if (!BN_rand(out, bits, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ODD) ||
        !BN_mod(t.get(), out, add, ctx) || !BN_sub(out, out, t.get()))
      return false;
    if (rem != nullptr ? !BN_add(out, out, rem) : !BN_add_word(out, safe ? 3 : 1)) return false;
    if (BN_num_bits(out) < static_cast<unsigned>(bits) || BN_get_word(out) < (safe ? 5u : 3u)) {
      if (!BN_add(out, out, add)) return false;
    }
    // Walk the progression while a small prime divides the candidate (a
    // bounded walk: 2^16 steps, then a fresh start).
    bool sieved = false;
    for (int step = 0; step < 65536 && !sieved; step++) {
      bool factor = false;
      for (uint16_t p : kSmallPrimes) {
        // A small candidate is prime once p * p passes it.
        if (small && static_cast<BN_ULONG>(p) * p > BN_get_word(out)) break;
        BN_ULONG m = BN_mod_word(out, p);
        if (m == static_cast<BN_ULONG>(-1)) return false;
        if (safe ? m <= 1 : m == 0) {
          factor = true;
          break;
        }
      }
      if (!factor) {
        sieved = true;
      } else if (!BN_add(out, out, add)) {
        return false;
      }
    }
    if (!sieved) continue;
    int prime = 0;
    if (!BN_primality_test(&prime, out, BN_prime_checks_for_generation, ctx, 0, nullptr))
      return false;
    if (prime && safe) {
      if (!BN_rshift1(half.get(), out) ||
          !BN_primality_test(&prime, half.get(), BN_prime_checks_for_generation, ctx, 0, nullptr))
        return false;
    }
    if (prime) return true;
  }
}

class PrimeJob : public CryptoJob {
 public:
  bool Exec() override {
    // OpenSSL 3's refusals (Node passes the message on, without a code): no
    // prime below 2 bits, and of the safe primes under 6 bits only 7 is
    // reachable from its random starts.
    if (bits_ < 2 || (!add_ && safe_ && bits_ < 6 && bits_ != 3)) {
      error_ = "error:01800076:bignum routines::bits too small";
      return false;
    }
    bssl::UniquePtr<BIGNUM> prime(BN_new());
    bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
    bool ok = add_ ? GeneratePrimeOnProgression(prime.get(), bits_, safe_, add_.get(), rem_.get(),
                                                ctx.get())
                   : BN_generate_prime_ex(prime.get(), bits_, safe_, nullptr, nullptr, nullptr);
    if (!ok) {
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
