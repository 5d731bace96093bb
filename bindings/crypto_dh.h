// DiffieHellmanHandle: classic (finite-field) Diffie-Hellman for
// crypto.createDiffieHellman / getDiffieHellman, over BoringSSL's DH, with
// OpenSSL 3's verdicts where they differ (moduli under 512 bits are "too
// small", generators below 2 "bad").
//
//   new DiffieHellmanHandle(bits | primeBytes, generator | generatorBytes)
//   new DiffieHellmanHandle(groupName)      (modp1 ... modp18, generator 2)
//   verifyError() generateKeys() computeSecret(pub) getPrime() getGenerator()
//   getPublicKey() getPrivateKey() setPublicKey(b) setPrivateKey(b)
// computeSecret's result is zero-padded to the prime's size, as Node's.
#ifndef KILN_BINDINGS_CRYPTO_DH_H_
#define KILN_BINDINGS_CRYPTO_DH_H_

#include <openssl/bn.h>
#include <openssl/dh.h>

#include "bindings/crypto_dh_groups.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

// OpenSSL 3's DH error, as Node reports it.
inline void ThrowDhError(Isolate* isolate, const char* packed, const char* reason) {
  isolate->ThrowException(OsslError(isolate, packed, "Diffie-Hellman routines", reason));
}

// OpenSSL 3 computes nothing with a prime below this size.
constexpr int kDhMinModulusBits = 512;

class DiffieHellmanHandle : public Wrapped<DiffieHellmanHandle> {
 public:
  DiffieHellmanHandle(Isolate* isolate, Local<Object> obj, DH* dh)
      : Wrapped(isolate, obj), dh_(dh) {}
  ~DiffieHellmanHandle() override { DH_free(dh_); }

  static void New(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    if (!IsConstructCall(args)) return;
    bssl::UniquePtr<DH> dh(DH_new());
    if (args[0]->IsString()) {
      String::Utf8Value name(isolate, args[0]);
      const DhGroup* group = DhGroups();
      while (group->name != nullptr && strcmp(group->name, *name) != 0) group++;
      if (group->name == nullptr)
        return ThrowError(isolate, "Unknown DH group", "ERR_CRYPTO_UNKNOWN_DH_GROUP");
      BIGNUM* p = DhGroupPrime(group);
      if (p == nullptr) return ThrowError(isolate, "Out of memory", "ERR_CRYPTO_OPERATION_FAILED");
      BIGNUM* g = BN_new();
      BN_set_word(g, 2);
      DH_set0_pqg(dh.get(), p, nullptr, g);
      if (group->private_bits) DH_set_length(dh.get(), group->private_bits);
      new DiffieHellmanHandle(isolate, args.This(), dh.release());
      return;
    }
    // The generator: a number (>= 2) or big-endian bytes (not 0 or 1).
    bssl::UniquePtr<BIGNUM> g(BN_new());
    if (args[1]->IsInt32()) {
      int32_t gen = args[1].As<v8::Int32>()->Value();
      if (gen < 2) return ThrowDhError(isolate, "02800065", "bad generator");
      BN_set_word(g.get(), static_cast<BN_ULONG>(gen));
    } else {
      Bytes b;
      if (!ArgBytes(args, 1, "generator", &b)) return;
      BN_bin2bn(b.data, b.size, g.get());
      if (BN_is_zero(g.get()) || BN_is_one(g.get()))
        return ThrowDhError(isolate, "02800065", "bad generator");
    }
    if (args[0]->IsInt32()) {
      int bits = args[0].As<v8::Int32>()->Value();
      if (bits < kDhMinModulusBits) return ThrowDhError(isolate, "0280007E", "modulus too small");
      // BoringSSL generates only with a small integer generator.
      BN_ULONG word = BN_get_word(g.get());
      if (BN_num_bits(g.get()) > 31 ||
          !DH_generate_parameters_ex(dh.get(), bits, static_cast<int>(word), nullptr))
        return ThrowOpenSSLError(isolate, "Initialization failed");
    } else {
      Bytes b;
      if (!ArgBytes(args, 0, "sizeOrKey", &b)) return;
      // Any other prime is taken (verifyError judges it); only none is refused.
      if (b.size == 0)
        return (void)isolate->ThrowException(
            OsslError(isolate, "01800076", "bignum routines", "bits too small"));
      DH_set0_pqg(dh.get(), BN_bin2bn(b.data, b.size, nullptr), nullptr, g.release());
    }
    new DiffieHellmanHandle(isolate, args.This(), dh.release());
  }

  // OpenSSL 3's DH_check() verdict, which Node reports as is.
  static void VerifyError(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    if (h == nullptr) return;
    // The RFC groups are known safe primes with generator 2: OpenSSL 3
    // recognizes them and skips the (for 8192 bits, half-minute) tests.
    if (IsKnownGroup(h->dh_)) return args.GetReturnValue().Set(0);
    args.GetReturnValue().Set(CheckFlags(h->dh_));
  }

  static void GenerateKeys(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    DiffieHellmanHandle* h = Unwrap(args);
    if (h == nullptr) return;
    if (DH_num_bits(h->dh_) < kDhMinModulusBits)
      return ThrowDhError(isolate, "0280007E", "modulus too small");
    if (!DH_generate_key(h->dh_)) return ThrowOpenSSLError(isolate, "Key generation failed");
    args.GetReturnValue().Set(BnBuffer(isolate, DH_get0_pub_key(h->dh_)));
  }

  static void ComputeSecret(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    DiffieHellmanHandle* h = Unwrap(args);
    if (h == nullptr) return;
    Bytes b;
    if (!ArgBytes(args, 0, "key", &b)) return;
    bssl::UniquePtr<BIGNUM> pub(BN_bin2bn(b.data, b.size, nullptr));
    ByteSource out(DH_size(h->dh_));
    // Below the minimum size OpenSSL 3 computes nothing, without an error,
    // and Node hands back DH_size() zero bytes.
    if (DH_num_bits(h->dh_) < kDhMinModulusBits) {
      memset(out.data(), 0, DH_size(h->dh_));
      return args.GetReturnValue().Set(out.Release(isolate));
    }
    if (DH_get0_priv_key(h->dh_) != nullptr &&
        DH_compute_key_padded(out.data(), pub.get(), h->dh_) >= 0)
      return args.GetReturnValue().Set(out.Release(isolate));
    // As Node: the public key's fault if it is out of range, else the key's.
    ERR_clear_error();
    int flags = 0;
    if (!DH_check_pub_key(h->dh_, pub.get(), &flags)) return ThrowOpenSSLError(isolate, "Invalid Key");
    if (flags & DH_CHECK_PUBKEY_TOO_SMALL)
      return ThrowRangeError(isolate, "Supplied key is too small", "ERR_CRYPTO_INVALID_KEYLEN");
    if (flags & DH_CHECK_PUBKEY_TOO_LARGE)
      return ThrowRangeError(isolate, "Supplied key is too large", "ERR_CRYPTO_INVALID_KEYLEN");
    ThrowRangeError(isolate, "Invalid key type", "ERR_CRYPTO_INVALID_KEYTYPE");
  }

  static void GetPrime(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    if (h != nullptr) args.GetReturnValue().Set(BnBuffer(args.GetIsolate(), DH_get0_p(h->dh_)));
  }
  static void GetGenerator(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    if (h != nullptr) args.GetReturnValue().Set(BnBuffer(args.GetIsolate(), DH_get0_g(h->dh_)));
  }
  static void GetPublicKey(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    if (h == nullptr) return;
    const BIGNUM* pub = DH_get0_pub_key(h->dh_);
    if (pub == nullptr)
      return ThrowError(args.GetIsolate(), "No public key - did you forget to generate one?",
                        "ERR_CRYPTO_INVALID_STATE");
    args.GetReturnValue().Set(BnBuffer(args.GetIsolate(), pub));
  }
  static void GetPrivateKey(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    if (h == nullptr) return;
    const BIGNUM* priv = DH_get0_priv_key(h->dh_);
    if (priv == nullptr)
      return ThrowError(args.GetIsolate(), "No private key - did you forget to generate one?",
                        "ERR_CRYPTO_INVALID_STATE");
    args.GetReturnValue().Set(BnBuffer(args.GetIsolate(), priv));
  }

  static void SetPublicKey(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    Bytes b;
    if (h == nullptr || !ArgBytes(args, 0, "key", &b)) return;
    DH_set0_key(h->dh_, BN_bin2bn(b.data, b.size, nullptr), nullptr);
  }

  static void SetPrivateKey(const FunctionCallbackInfo<Value>& args) {
    DiffieHellmanHandle* h = Unwrap(args);
    Bytes b;
    if (h == nullptr || !ArgBytes(args, 0, "key", &b)) return;
    DH_set0_key(h->dh_, nullptr, BN_bin2bn(b.data, b.size, nullptr));
  }

 private:
  // OpenSSL 3's DH_check() without q: the parameter checks (p odd, 1 < g <
  // p - 1, the size), then p prime and (p - 1) / 2 prime.
  static int CheckFlags(const DH* dh) {
    const BIGNUM* p = DH_get0_p(dh);
    const BIGNUM* g = DH_get0_g(dh);
    int flags = 0;
    if (!BN_is_odd(p)) flags |= DH_CHECK_P_NOT_PRIME;
    bssl::UniquePtr<BIGNUM> t(BN_dup(p));
    bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
    if (!t || !ctx || !BN_sub_word(t.get(), 1)) return DH_CHECK_P_NOT_PRIME;
    if (BN_is_negative(g) || BN_is_zero(g) || BN_is_one(g) || BN_cmp(g, t.get()) >= 0)
      flags |= DH_CHECK_NOT_SUITABLE_GENERATOR;
    if (BN_num_bits(p) < kDhMinModulusBits) flags |= 0x80;  // DH_MODULUS_TOO_SMALL
    if (BN_num_bits(p) > 10000) flags |= 0x100;             // DH_MODULUS_TOO_LARGE
    int prime = 0;
    if (!BN_primality_test(&prime, p, BN_prime_checks_for_validation, ctx.get(), 1, nullptr) ||
        !prime) {
      flags |= DH_CHECK_P_NOT_PRIME;
    } else if (!BN_rshift1(t.get(), p) ||
               !BN_primality_test(&prime, t.get(), BN_prime_checks_for_validation, ctx.get(), 1,
                                  nullptr) ||
               !prime) {
      flags |= DH_CHECK_P_NOT_SAFE_PRIME;
    }
    ERR_clear_error();
    return flags;
  }

  static bool IsKnownGroup(const DH* dh) {
    if (!BN_is_word(DH_get0_g(dh), 2)) return false;
    for (const DhGroup* g = DhGroups(); g->name != nullptr; g++) {
      if (BN_num_bits(DH_get0_p(dh)) != g->bits) continue;
      bssl::UniquePtr<BIGNUM> p(DhGroupPrime(g));
      if (p != nullptr && BN_cmp(p.get(), DH_get0_p(dh)) == 0) return true;
    }
    return false;
  }

  static Local<Value> BnBuffer(Isolate* isolate, const BIGNUM* bn) {
    Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, BN_num_bytes(bn));
    BN_bn2bin(bn, static_cast<uint8_t*>(ab->Data()));
    return ab;
  }

  DH* dh_;
};

inline void InitDh(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  using H = DiffieHellmanHandle;
  Local<FunctionTemplate> t = NewClass(isolate, H::New, kWrapFields);
  SetProtoMethod(isolate, t, "verifyError", H::VerifyError);
  SetProtoMethod(isolate, t, "generateKeys", H::GenerateKeys);
  SetProtoMethod(isolate, t, "computeSecret", H::ComputeSecret);
  SetProtoMethod(isolate, t, "getPrime", H::GetPrime);
  SetProtoMethod(isolate, t, "getGenerator", H::GetGenerator);
  SetProtoMethod(isolate, t, "getPublicKey", H::GetPublicKey);
  SetProtoMethod(isolate, t, "getPrivateKey", H::GetPrivateKey);
  SetProtoMethod(isolate, t, "setPublicKey", H::SetPublicKey);
  SetProtoMethod(isolate, t, "setPrivateKey", H::SetPrivateKey);
  SetValue(context, target, "DiffieHellmanHandle", t->GetFunction(context).ToLocalChecked());
}

inline void RegisterDh(ExternalReferences* r) {
  using H = DiffieHellmanHandle;
  r->Register(H::New);
  r->Register(H::VerifyError);
  r->Register(H::GenerateKeys);
  r->Register(H::ComputeSecret);
  r->Register(H::GetPrime);
  r->Register(H::GetGenerator);
  r->Register(H::GetPublicKey);
  r->Register(H::GetPrivateKey);
  r->Register(H::SetPublicKey);
  r->Register(H::SetPrivateKey);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_DH_H_
