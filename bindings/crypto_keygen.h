// Key pair generation for process.binding('crypto'), sync or on the worker
// pool:
//   generateKeyPair(type, params, cb?) -> PKCS #8 DER ArrayBuffer, where
//   params is an array:
//     'rsa'       [modulusLength, publicExponent]
//     'rsa-pss'   [modulusLength, publicExponent, hash?, mgf1Hash?, saltLength?]
//     'dsa'       [modulusLength, divisorLength | -1]
//     'ec'        [curve]
//     'dh'        [group] | [prime bytes | primeLength, generator]
//     'ed25519' 'ed448' 'x25519' 'x448'   []
// Bad digests and DH groups throw at once; what OpenSSL would refuse while
// generating fails the job, with OpenSSL 3's wording and no .code, as
// Node's key generation jobs report it. JS turns the result into KeyObjects
// (or the encodings asked for).
#ifndef KILN_BINDINGS_CRYPTO_KEYGEN_H_
#define KILN_BINDINGS_CRYPTO_KEYGEN_H_

#include <openssl/dh.h>
#include <openssl/dsa.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "bindings/crypto_dh.h"
#include "bindings/crypto_hash.h"
#include "bindings/crypto_keygen_params.h"
#include "bindings/crypto_keys.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

class KeyPairJob : public CryptoJob {
 public:
  bool Exec() override {
    AsymKey key;
    bool ok;
    if (type_ == "rsa" || type_ == "rsa-pss") ok = Rsa(&key);
    else if (type_ == "dsa") ok = Dsa(&key);
    else if (type_ == "ec") ok = Ec(&key);
    else if (type_ == "dh") ok = Dh(&key);
    else ok = Okp(&key);
    if (!ok) return false;
    std::string der;
    if (!CbbToString(&der, [&](CBB* cbb) { return der::AddPkcs8(cbb, key); })) return false;
    out_.Assign(der.data(), der.size());
    OPENSSL_cleanse(&der[0], der.size());
    return true;
  }

  bool Rsa(AsymKey* key) {
    // OpenSSL 3's limits and wording.
    if (bits_ < 512) return Fail("error:1C8000AB:Provider routines::key size too small");
    if (exponent_ < 3 || (exponent_ & 1) == 0)
      return Fail("error:020000B2:rsa routines::pub exponent out of range");
    bssl::UniquePtr<RSA> rsa(RSA_new());
    bssl::UniquePtr<BIGNUM> e(BN_new());
    // BoringSSL makes multiples of 128 bits only.
    bool ok = bits_ % 128 == 0
        ? BN_set_word(e.get(), exponent_) &&
              RSA_generate_key_ex(rsa.get(), bits_, e.get(), nullptr)
        : GenerateRsaAnySize(rsa.get(), bits_, exponent_);
    if (!ok) return false;
    key->pkey.reset(PKeyFromRsa(rsa.release()));
    key->pss = type_ == "rsa-pss";
    key->pss_params = pss_;
    return true;
  }

  // OpenSSL 3's choices: N is 224 unless given (0: 160 below 2048 bits,
  // else 256), and one of 160, 224, 256; L under 2048 bits is rounded up
  // to a multiple of 64, and must then be at least 1024.
  bool Dsa(AsymKey* key) {
    int l = bits_ < 2048 ? (bits_ + 63) / 64 * 64 : bits_;
    int n = divisor_ < 0 ? 224 : divisor_ == 0 ? (l < 2048 ? 160 : 256) : divisor_;
    if (n != 160 && n != 224 && n != 256) return Fail("Key generation job failed");
    bssl::UniquePtr<DSA> dsa(DSA_new());
    if (l < 1024 || !GenerateDsaParams(dsa.get(), l, n))
      return Fail("error:05000072:dsa routines::bad ffc parameters");
    if (!DSA_generate_key(dsa.get())) return false;
    key->pkey.reset(PKeyFromDsa(dsa.release()));
    return true;
  }

  bool Ec(AsymKey* key) {
    bssl::UniquePtr<EC_KEY> ec(NewEcKey(nid_));
    if (!ec || !EC_KEY_generate_key(ec.get())) return false;
    key->pkey.reset(PKeyFromEc(ec.release()));
    return true;
  }

  bool Dh(AsymKey* key) {
    bssl::UniquePtr<DH> dh(DH_new());
    if (group_ != nullptr) {
      BIGNUM* p = DhGroupPrime(group_);
      BIGNUM* g = BN_new();
      if (p == nullptr || g == nullptr || !BN_set_word(g, 2) ||
          !DH_set0_pqg(dh.get(), p, nullptr, g)) {
        BN_free(p);
        BN_free(g);
        return false;
      }
    } else if (!prime_.empty()) {
      BIGNUM* p = BN_bin2bn(reinterpret_cast<const uint8_t*>(prime_.data()), prime_.size(),
                            nullptr);
      BIGNUM* g = BN_new();
      if (p == nullptr || g == nullptr || !BN_set_word(g, generator_) ||
          !DH_set0_pqg(dh.get(), p, nullptr, g)) {
        BN_free(p);
        BN_free(g);
        return false;
      }
    } else if (bits_ < kDhMinModulusBits ||
               !DH_generate_parameters_ex(dh.get(), bits_, static_cast<int>(generator_),
                                          nullptr)) {
      return Fail("error:0280007E:Diffie-Hellman routines::modulus too small");
    }
    if (BN_num_bits(DH_get0_p(dh.get())) < kDhMinModulusBits)
      return Fail("error:0280007E:Diffie-Hellman routines::modulus too small");
    if (!DH_generate_key(dh.get())) return false;
    key->dh = std::move(dh);
    return true;
  }

  bool Okp(AsymKey* key) {
    if (type_ == "ed448" || type_ == "x448") {
      int id = type_ == "ed448" ? EVP_PKEY_ED448 : EVP_PKEY_X448;
      uint8_t priv[kEd448Bytes];
      size_t n = id == EVP_PKEY_ED448 ? kEd448Bytes : kX448Bytes;
      bool ok = RAND_bytes(priv, n) && key->SetRaw(id, nullptr, 0, priv, n);
      OPENSSL_cleanse(priv, sizeof(priv));
      return ok;
    }
    int id = type_ == "ed25519" ? EVP_PKEY_ED25519 : EVP_PKEY_X25519;
    bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new_id(id, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!pctx || !EVP_PKEY_keygen_init(pctx.get()) || !EVP_PKEY_keygen(pctx.get(), &raw))
      return false;
    key->pkey.reset(raw);
    return true;
  }

  bool Fail(const char* message) {
    error_ = message;
    return false;
  }

  std::string type_;
  int bits_ = 0;
  uint32_t exponent_ = 65537;
  PssParams pss_;
  int divisor_ = -1;
  int nid_ = 0;
  const DhGroup* group_ = nullptr;
  std::string prime_;
  uint32_t generator_ = 2;
};

// Reads params[i] as a digest name into *md (left alone when undefined).
inline bool KeygenDigest(Isolate* isolate, Local<v8::Array> params, uint32_t i,
                         const char* what, const EVP_MD** md) {
  Local<Value> v = params->Get(isolate->GetCurrentContext(), i).ToLocalChecked();
  if (v->IsUndefined()) return true;
  *md = v->IsString() ? DigestArg(isolate, v) : nullptr;
  if (*md != nullptr) return true;
  std::string msg = std::string("Invalid ") + what + ": " + *String::Utf8Value(isolate, v);
  ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
  return false;
}

// Fills the job from params; false with an exception pending.
inline bool ReadKeygenParams(Isolate* isolate, Local<v8::Array> params, KeyPairJob* job) {
  Local<Context> context = isolate->GetCurrentContext();
  auto at = [&](uint32_t i) { return params->Get(context, i).ToLocalChecked(); };
  const std::string& type = job->type_;
  if (type == "rsa" || type == "rsa-pss" || type == "dsa" ||
      (type == "dh" && at(0)->IsNumber())) {
    if (!at(0)->IsUint32()) return ArgTypeError(isolate, "modulusLength", "a uint32");
    uint32_t bits = at(0).As<v8::Uint32>()->Value();
    if (bits > 16384) {
      ThrowError(isolate, type == "dsa" ? "error:05000072:dsa routines::bad ffc parameters"
                                        : "error:1C8000AB:Provider routines::key size too large");
      return false;
    }
    job->bits_ = static_cast<int>(bits);
  }
  if (type == "rsa" || type == "rsa-pss") {
    if (!at(1)->IsUint32()) return ArgTypeError(isolate, "publicExponent", "a uint32");
    job->exponent_ = at(1).As<v8::Uint32>()->Value();
    if (type == "rsa") return true;
    // Any of the three makes a restricted key; the rest follow RFC 8017's
    // defaults (MGF1 with the same hash, a salt as long as the digest).
    PssParams& p = job->pss_;
    if (!KeygenDigest(isolate, params, 2, "digest", &p.md) ||
        !KeygenDigest(isolate, params, 3, "MGF1 digest", &p.mgf1_md))
      return false;
    bool has_salt = at(4)->IsInt32();
    p.present = p.md != nullptr || p.mgf1_md != nullptr || has_salt;
    if (p.mgf1_md == nullptr) p.mgf1_md = p.md;
    p.salt = has_salt ? at(4).As<v8::Int32>()->Value() : static_cast<int>(EVP_MD_size(p.Md()));
    return true;
  }
  if (type == "dsa") {
    job->divisor_ = at(1)->IsInt32() ? at(1).As<v8::Int32>()->Value() : -1;
    return true;
  }
  if (type == "ec") {
    if (!at(0)->IsString()) return ArgTypeError(isolate, "curve", "a string");
    job->nid_ = CurveNid(*String::Utf8Value(isolate, at(0)));
    if (job->nid_ != NID_undef) return true;
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
    return false;
  }
  if (type == "dh") {
    if (at(0)->IsString()) {
      String::Utf8Value name(isolate, at(0));
      for (const DhGroup* g = DhGroups(); g->name != nullptr; g++)
        if (strcmp(g->name, *name) == 0) job->group_ = g;
      if (job->group_ != nullptr) return true;
      ThrowError(isolate, "Unknown DH group", "ERR_CRYPTO_UNKNOWN_DH_GROUP");
      return false;
    }
    if (!at(0)->IsNumber()) {
      Bytes prime;
      if (!GetBytes(at(0), &prime)) return ArgTypeError(isolate, "prime", "a buffer");
      job->prime_.assign(reinterpret_cast<const char*>(prime.data), prime.size);
    }
    if (!at(1)->IsUint32()) return ArgTypeError(isolate, "generator", "a uint32");
    job->generator_ = at(1).As<v8::Uint32>()->Value();
    return true;
  }
  if (type == "ed25519" || type == "x25519" || type == "ed448" || type == "x448") return true;
  ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Unsupported key type");
  return false;
}

inline void GenerateKeyPair(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsArray, "an array");
  std::unique_ptr<KeyPairJob> job(new KeyPairJob());
  job->type_ = *String::Utf8Value(isolate, args[0]);
  if (!ReadKeygenParams(isolate, args[1].As<v8::Array>(), job.get())) return;
  RunJob(args, args[2], job.release());
}

inline void InitKeygen(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "generateKeyPair", GenerateKeyPair);
}

inline void RegisterKeygen(ExternalReferences* r) { r->Register(GenerateKeyPair); }

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEYGEN_H_
