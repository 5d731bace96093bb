// Key pair generation for process.binding('crypto'), sync or on the worker
// pool:
//   generateKeyPair(type, a, b, cb?) -> PKCS #8 DER ArrayBuffer:
//       ('rsa', modulusLength, publicExponent) ('ec', curve) ('ed25519') ('x25519')
// JS turns the result into KeyObjects (or the encodings asked for).
#ifndef KILN_BINDINGS_CRYPTO_KEYGEN_H_
#define KILN_BINDINGS_CRYPTO_KEYGEN_H_

#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bindings/crypto_keys.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

class KeyPairJob : public CryptoJob {
 public:
  bool Exec() override {
    PKeyPtr pkey;
    if (type_ == "rsa") {
      // OpenSSL 3's limits and wording (errors without a .code, as Node's
      // key generation jobs report them).
      if (bits_ < 512) {
        error_ = "error:1C8000AB:Provider routines::key size too small";
        return false;
      }
      if (exponent_ < 3 || (exponent_ & 1) == 0) {
        error_ = "error:020000B2:rsa routines::pub exponent out of range";
        return false;
      }
      bssl::UniquePtr<RSA> rsa(RSA_new());
      bssl::UniquePtr<BIGNUM> e(BN_new());
      if (!BN_set_word(e.get(), exponent_) ||
          !RSA_generate_key_ex(rsa.get(), bits_, e.get(), nullptr))
        return false;
      pkey.reset(PKeyFromRsa(rsa.release()));
    } else if (type_ == "ec") {
      bssl::UniquePtr<EC_KEY> ec(EC_KEY_new_by_curve_name(nid_));
      if (!ec || !EC_KEY_generate_key(ec.get())) return false;
      pkey.reset(PKeyFromEc(ec.release()));
    } else {
      int id = type_ == "ed25519" ? EVP_PKEY_ED25519 : EVP_PKEY_X25519;
      bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new_id(id, nullptr));
      EVP_PKEY* raw = nullptr;
      if (!pctx || !EVP_PKEY_keygen_init(pctx.get()) || !EVP_PKEY_keygen(pctx.get(), &raw))
        return false;
      pkey.reset(raw);
    }
    bssl::ScopedCBB cbb;
    uint8_t* der = nullptr;
    size_t len = 0;
    if (!CBB_init(cbb.get(), 512) || !EVP_marshal_private_key(cbb.get(), pkey.get()) ||
        !CBB_finish(cbb.get(), &der, &len))
      return false;
    out_.Assign(der, len);
    OPENSSL_free(der);
    return true;
  }
  std::string type_;
  int bits_ = 0;
  uint32_t exponent_ = 65537;
  int nid_ = 0;
};

inline void GenerateKeyPair(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  std::unique_ptr<KeyPairJob> job(new KeyPairJob());
  job->type_ = *String::Utf8Value(isolate, args[0]);
  Local<Value> cb = args[3];
  if (job->type_ == "rsa") {
    if (!args[1]->IsUint32() || !args[2]->IsUint32())
      return (void)ArgTypeError(isolate, "modulusLength", "a uint32");
    uint32_t bits = args[1].As<v8::Uint32>()->Value();
    job->bits_ = bits > 16384 ? 16384 + 1 : static_cast<int>(bits);
    job->exponent_ = args[2].As<v8::Uint32>()->Value();
    if (job->bits_ > 16384) return ThrowError(isolate, "error:1C8000AB:Provider routines::key size too large");
  } else if (job->type_ == "ec") {
    CHECK_ARG(args, 1, IsString, "of type string");
    job->nid_ = CurveNid(*String::Utf8Value(isolate, args[1]));
    if (job->nid_ == NID_undef)
      return ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
  } else if (job->type_ != "ed25519" && job->type_ != "x25519") {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "Unsupported key type");
  }
  RunJob(args, cb, job.release());
}

inline void InitKeygen(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "generateKeyPair", GenerateKeyPair);
}

inline void RegisterKeygen(ExternalReferences* r) { r->Register(GenerateKeyPair); }

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEYGEN_H_
