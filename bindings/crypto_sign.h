// Signatures, RSA encryption, key agreement and key generation for
// process.binding('crypto'), over KeyObjectHandle (crypto_keys.h).
//
//   sign(key, data, digest | undefined, padding, saltLength, dsaEncoding, cb?)
//       -> ArrayBuffer; data is the message (one-shot) ...
//   signDigest(key, digest, padding, saltLength, dsaEncoding, mdBytes)
//       ... or, for createSign, a finished digest of the message
//   verify(key, data, signature, digest, padding, saltLength, dsaEncoding, cb?)
//   verifyDigest(key, digest, padding, saltLength, dsaEncoding, mdBytes, signature)
//   rsaCipher(op, key, data, padding, oaepHash | undefined, oaepLabel | undefined)
//       op: 0 publicEncrypt, 1 privateDecrypt, 2 privateEncrypt, 3 publicDecrypt
//   deriveSecret(privateKey, publicKey) -> ArrayBuffer (ECDH, X25519)
// padding -1 and saltLength undefined mean "the key type's default";
// dsaEncoding 0 is DER, 1 is IEEE P1363 (r || s).
#ifndef KILN_BINDINGS_CRYPTO_SIGN_H_
#define KILN_BINDINGS_CRYPTO_SIGN_H_

#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bindings/crypto_hash.h"
#include "bindings/crypto_keys.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

struct SignOptions {
  const EVP_MD* md = nullptr;
  int padding = -1;
  bool has_salt = false;
  int salt = 0;
  bool p1363 = false;
};

// Reads (digest, padding, saltLength, dsaEncoding) from args[i..i+3]; throws
// Node's ERR_CRYPTO_INVALID_DIGEST for an unknown digest name.
inline bool GetSignOptions(const FunctionCallbackInfo<Value>& args, int i, SignOptions* o,
                           const char* bad_digest_message = nullptr) {
  Isolate* isolate = args.GetIsolate();
  if (args[i]->IsString()) {
    o->md = DigestArg(isolate, args[i]);
    if (o->md == nullptr) {
      std::string msg = bad_digest_message != nullptr
          ? bad_digest_message
          : "Invalid digest: " + std::string(*String::Utf8Value(isolate, args[i]));
      ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_DIGEST", msg.c_str());
      return false;
    }
  }
  if (args[i + 1]->IsInt32()) o->padding = args[i + 1].As<v8::Int32>()->Value();
  if (args[i + 2]->IsInt32()) {
    o->has_salt = true;
    o->salt = args[i + 2].As<v8::Int32>()->Value();
  }
  o->p1363 = args[i + 3]->IsTrue() ||
             (args[i + 3]->IsInt32() && args[i + 3].As<v8::Int32>()->Value() == 1);
  return true;
}

inline bool IsOneShotOnly(EVP_PKEY* pkey) { return EVP_PKEY_id(pkey) == EVP_PKEY_ED25519; }

// Applies RSA padding options to a signing context.
inline bool ApplyRsaOptions(EVP_PKEY_CTX* pctx, EVP_PKEY* pkey, const SignOptions& o) {
  if (EVP_PKEY_id(pkey) != EVP_PKEY_RSA) return true;
  int padding = o.padding == -1 ? RSA_PKCS1_PADDING : o.padding;
  if (!EVP_PKEY_CTX_set_rsa_padding(pctx, padding)) return false;
  if (padding == RSA_PKCS1_PSS_PADDING) {
    int salt = o.has_salt ? o.salt : -2;
    if (!EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt)) return false;
  }
  return true;
}

// ECDSA: DER <-> r || s, each padded to the group order's size.
inline size_t EcOrderBytes(EVP_PKEY* pkey) {
  const EC_GROUP* group = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(pkey));
  return (EC_GROUP_get_degree(group) + 7) / 8;
}

inline bool DerToP1363(EVP_PKEY* pkey, const ByteSource& der, ByteSource* out) {
  bssl::UniquePtr<ECDSA_SIG> sig(ECDSA_SIG_from_bytes(der.data(), der.size()));
  if (!sig) return false;
  size_t n = EcOrderBytes(pkey);
  out->Allocate(2 * n);
  const BIGNUM *r, *s;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  return BN_bn2bin_padded(out->data(), n, r) && BN_bn2bin_padded(out->data() + n, n, s);
}

inline bool P1363ToDer(EVP_PKEY* pkey, const std::string& raw, std::string* der) {
  size_t n = EcOrderBytes(pkey);
  if (raw.size() != 2 * n) return false;
  bssl::UniquePtr<ECDSA_SIG> sig(ECDSA_SIG_new());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(raw.data());
  BIGNUM* r = BN_bin2bn(p, n, nullptr);
  BIGNUM* s = BN_bin2bn(p + n, n, nullptr);
  if (!ECDSA_SIG_set0(sig.get(), r, s)) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  uint8_t* out = nullptr;
  size_t len = 0;
  if (!ECDSA_SIG_to_bytes(&out, &len, sig.get())) return false;
  der->assign(reinterpret_cast<char*>(out), len);
  OPENSSL_free(out);
  return true;
}

inline KeyObjectHandle* AsymmetricKeyArg(const FunctionCallbackInfo<Value>& args, int i) {
  KeyObjectHandle* k = KeyObjectHandle::Check(args[i]);
  if (k == nullptr || k->pkey() == nullptr) {
    ArgTypeError(args.GetIsolate(), "key", "an asymmetric key handle");
    return nullptr;
  }
  return k;
}

// The default digest for RSA and EC keys when none is named.
inline const EVP_MD* DefaultDigest(EVP_PKEY* pkey, const EVP_MD* md) {
  if (md != nullptr || IsOneShotOnly(pkey)) return md;
  return EVP_sha256();
}

class SignJob : public CryptoJob {
 public:
  ~SignJob() override { EVP_PKEY_free(pkey_); }
  bool Exec() override {
    if (IsOneShotOnly(pkey_) && opts_.md != nullptr) {
      error_ = "error:1C80007A:Provider routines::invalid digest";
      error_code_ = "ERR_OSSL_INVALID_DIGEST";
      return false;
    }
    bssl::ScopedEVP_MD_CTX ctx;
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = DefaultDigest(pkey_, opts_.md);
    if (!EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, pkey_) ||
        !ApplyRsaOptions(pctx, pkey_, opts_))
      return false;
    size_t len = 0;
    auto* d = reinterpret_cast<const uint8_t*>(data_.data());
    if (!EVP_DigestSign(ctx.get(), nullptr, &len, d, data_.size())) return false;
    ByteSource sig(len);
    if (!EVP_DigestSign(ctx.get(), sig.data(), &len, d, data_.size())) return false;
    sig.Truncate(len);
    if (opts_.p1363 && EVP_PKEY_id(pkey_) == EVP_PKEY_EC) {
      return DerToP1363(pkey_, sig, &out_);
    }
    out_ = std::move(sig);
    return true;
  }
  EVP_PKEY* pkey_ = nullptr;
  std::string data_;
  SignOptions opts_;
};

inline void Sign(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* key = AsymmetricKeyArg(args, 0);
  if (key == nullptr) return;
  std::unique_ptr<SignJob> job(new SignJob());
  if (!ArgData(args, 1, -1, "data", &job->data_) || !GetSignOptions(args, 2, &job->opts_)) return;
  job->pkey_ = key->pkey();
  EVP_PKEY_up_ref(job->pkey_);
  RunJob(args, args[6], job.release());
}

class VerifyJob : public CryptoJob {
 public:
  ~VerifyJob() override { EVP_PKEY_free(pkey_); }
  bool Exec() override {
    if (IsOneShotOnly(pkey_) && opts_.md != nullptr) {
      error_ = "error:1C80007A:Provider routines::invalid digest";
      error_code_ = "ERR_OSSL_INVALID_DIGEST";
      return false;
    }
    std::string sig = sig_;
    if (opts_.p1363 && EVP_PKEY_id(pkey_) == EVP_PKEY_EC && !P1363ToDer(pkey_, sig_, &sig)) {
      result_ = false;
      return true;
    }
    bssl::ScopedEVP_MD_CTX ctx;
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* md = DefaultDigest(pkey_, opts_.md);
    SignOptions o = opts_;
    if (!o.has_salt) {
      o.has_salt = true;
      o.salt = -2;  // verifying: recover the salt length
    }
    if (!EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, pkey_) ||
        !ApplyRsaOptions(pctx, pkey_, o))
      return false;
    result_ = EVP_DigestVerify(ctx.get(), reinterpret_cast<const uint8_t*>(sig.data()),
                               sig.size(), reinterpret_cast<const uint8_t*>(data_.data()),
                               data_.size()) == 1;
    ERR_clear_error();
    return true;
  }
  Local<Value> Result(Isolate* isolate) override { return v8::Boolean::New(isolate, result_); }
  EVP_PKEY* pkey_ = nullptr;
  std::string data_, sig_;
  SignOptions opts_;
  bool result_ = false;
};

inline void Verify(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* key = AsymmetricKeyArg(args, 0);
  if (key == nullptr) return;
  std::unique_ptr<VerifyJob> job(new VerifyJob());
  if (!ArgData(args, 1, -1, "data", &job->data_) ||
      !ArgData(args, 2, -1, "signature", &job->sig_) || !GetSignOptions(args, 3, &job->opts_))
    return;
  job->pkey_ = key->pkey();
  EVP_PKEY_up_ref(job->pkey_);
  RunJob(args, args[7], job.release());
}

// createSign/createVerify: the digest of a Hash (bindings/crypto_hash.h),
// signed or verified with EVP_PKEY_sign/verify.
inline bool PrepareDigestOp(const FunctionCallbackInfo<Value>& args, KeyObjectHandle** key,
                            SignOptions* opts, std::string* digest, int opt_index) {
  Isolate* isolate = args.GetIsolate();
  *key = AsymmetricKeyArg(args, 0);
  if (*key == nullptr) return false;
  if (!GetSignOptions(args, 1, opts, "Invalid digest")) return false;
  if (!ArgData(args, opt_index, -1, "digest", digest)) return false;
  if (IsOneShotOnly((*key)->pkey())) {
    ThrowError(isolate, "Unsupported crypto operation", "ERR_CRYPTO_UNSUPPORTED_OPERATION");
    return false;
  }
  return true;
}

inline EVP_PKEY_CTX* DigestOpContext(EVP_PKEY* pkey, const SignOptions& o, bool sign) {
  EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new(pkey, nullptr);
  if (pctx == nullptr) return nullptr;
  bool ok = (sign ? EVP_PKEY_sign_init(pctx) : EVP_PKEY_verify_init(pctx)) &&
            ApplyRsaOptions(pctx, pkey, o) && EVP_PKEY_CTX_set_signature_md(pctx, o.md);
  if (!ok) {
    EVP_PKEY_CTX_free(pctx);
    return nullptr;
  }
  return pctx;
}

// signDigest(key, digestName, padding, saltLength, dsaEncoding, mdBytes)
inline void SignDigest(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* key;
  SignOptions o;
  std::string digest;
  if (!PrepareDigestOp(args, &key, &o, &digest, 5)) return;
  if (key->type() != KeyObjectHandle::kPrivate)
    return ThrowError(isolate, "No key provided to sign", "ERR_CRYPTO_SIGN_KEY_REQUIRED");
  bssl::UniquePtr<EVP_PKEY_CTX> pctx(DigestOpContext(key->pkey(), o, true));
  size_t len = 0;
  auto* md = reinterpret_cast<const uint8_t*>(digest.data());
  if (!pctx || !EVP_PKEY_sign(pctx.get(), nullptr, &len, md, digest.size()))
    return ThrowOpenSSLError(isolate, "Signing failed");
  ByteSource sig(len);
  if (!EVP_PKEY_sign(pctx.get(), sig.data(), &len, md, digest.size()))
    return ThrowOpenSSLError(isolate, "Signing failed");
  sig.Truncate(len);
  if (o.p1363 && EVP_PKEY_id(key->pkey()) == EVP_PKEY_EC) {
    ByteSource raw;
    if (!DerToP1363(key->pkey(), sig, &raw)) return ThrowOpenSSLError(isolate, "Signing failed");
    return args.GetReturnValue().Set(raw.Release(isolate));
  }
  args.GetReturnValue().Set(sig.Release(isolate));
}

// verifyDigest(key, digestName, padding, saltLength, dsaEncoding, mdBytes, signature)
inline void VerifyDigest(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* key;
  SignOptions o;
  std::string digest, sig;
  if (!PrepareDigestOp(args, &key, &o, &digest, 5)) return;
  if (!ArgData(args, 6, -1, "signature", &sig)) return;
  if (o.p1363 && EVP_PKEY_id(key->pkey()) == EVP_PKEY_EC) {
    std::string der;
    if (!P1363ToDer(key->pkey(), sig, &der)) return args.GetReturnValue().Set(false);
    sig = der;
  }
  if (!o.has_salt) {
    o.has_salt = true;
    o.salt = -2;
  }
  bssl::UniquePtr<EVP_PKEY_CTX> pctx(DigestOpContext(key->pkey(), o, false));
  if (!pctx) return ThrowOpenSSLError(isolate, "Verification failed");
  bool ok = EVP_PKEY_verify(pctx.get(), reinterpret_cast<const uint8_t*>(sig.data()), sig.size(),
                            reinterpret_cast<const uint8_t*>(digest.data()), digest.size()) == 1;
  ERR_clear_error();
  args.GetReturnValue().Set(ok);
}

inline void RsaCipher(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsInt32, "an integer");
  int op = args[0].As<v8::Int32>()->Value();
  KeyObjectHandle* key = KeyObjectHandle::Check(args[1]);
  if (key == nullptr || key->pkey() == nullptr)
    return (void)ArgTypeError(isolate, "key", "an asymmetric key handle");
  std::string data;
  if (!ArgData(args, 2, -1, "buffer", &data)) return;
  int padding = args[3]->IsInt32() ? args[3].As<v8::Int32>()->Value() : RSA_PKCS1_OAEP_PADDING;
  const EVP_MD* oaep_md = nullptr;
  if (args[4]->IsString()) {
    oaep_md = DigestArg(isolate, args[4]);
    if (oaep_md == nullptr) return ThrowError(isolate, "Invalid digest used", "ERR_OSSL_EVP_INVALID_DIGEST");
  }
  std::string label;
  bool has_label = !args[5]->IsUndefined() && ArgData(args, 5, -1, "oaepLabel", &label);
  if (!args[5]->IsUndefined() && !has_label) return;
  bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new(key->pkey(), nullptr));
  bool ok = pctx != nullptr;
  if (ok) {
    switch (op) {
      case 0: ok = EVP_PKEY_encrypt_init(pctx.get()); break;
      case 1: ok = EVP_PKEY_decrypt_init(pctx.get()); break;
      case 2: ok = EVP_PKEY_sign_init(pctx.get()); break;
      default: ok = EVP_PKEY_verify_recover_init(pctx.get()); break;
    }
  }
  ok = ok && EVP_PKEY_CTX_set_rsa_padding(pctx.get(), padding);
  if (ok && padding == RSA_PKCS1_OAEP_PADDING) {
    if (oaep_md != nullptr) ok = EVP_PKEY_CTX_set_rsa_oaep_md(pctx.get(), oaep_md);
    if (ok && has_label && !label.empty()) {
      auto* copy = static_cast<uint8_t*>(OPENSSL_malloc(label.size()));
      memcpy(copy, label.data(), label.size());
      ok = EVP_PKEY_CTX_set0_rsa_oaep_label(pctx.get(), copy, label.size());
      if (!ok) OPENSSL_free(copy);
    }
  }
  if (!ok) return ThrowOpenSSLError(isolate, "RSA operation failed");
  auto* in = reinterpret_cast<const uint8_t*>(data.data());
  size_t len = 0;
  auto run = [&](uint8_t* out, size_t* out_len) {
    switch (op) {
      case 0: return EVP_PKEY_encrypt(pctx.get(), out, out_len, in, data.size());
      case 1: return EVP_PKEY_decrypt(pctx.get(), out, out_len, in, data.size());
      case 2: return EVP_PKEY_sign(pctx.get(), out, out_len, in, data.size());
      default: return EVP_PKEY_verify_recover(pctx.get(), out, out_len, in, data.size());
    }
  };
  if (!run(nullptr, &len)) return ThrowOpenSSLError(isolate, "RSA operation failed");
  ByteSource out(len);
  if (!run(out.data(), &len)) return ThrowOpenSSLError(isolate, "RSA operation failed");
  out.Truncate(len);
  args.GetReturnValue().Set(out.Release(isolate));
}

inline void DeriveSecret(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* priv = AsymmetricKeyArg(args, 0);
  if (priv == nullptr) return;
  KeyObjectHandle* pub = AsymmetricKeyArg(args, 1);
  if (pub == nullptr) return;
  bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new(priv->pkey(), nullptr));
  size_t len = 0;
  if (!pctx || !EVP_PKEY_derive_init(pctx.get()) ||
      !EVP_PKEY_derive_set_peer(pctx.get(), pub->pkey()) ||
      !EVP_PKEY_derive(pctx.get(), nullptr, &len))
    return ThrowOpenSSLError(isolate, "Failed to derive secret");
  ByteSource out(len);
  if (!EVP_PKEY_derive(pctx.get(), out.data(), &len))
    return ThrowOpenSSLError(isolate, "Failed to derive secret");
  out.Truncate(len);
  args.GetReturnValue().Set(out.Release(isolate));
}

inline void InitSign(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "sign", Sign);
  SetMethod(context, target, "verify", Verify);
  SetMethod(context, target, "signDigest", SignDigest);
  SetMethod(context, target, "verifyDigest", VerifyDigest);
  SetMethod(context, target, "rsaCipher", RsaCipher);
  SetMethod(context, target, "deriveSecret", DeriveSecret);
}

inline void RegisterSign(ExternalReferences* r) {
  r->Register(Sign);
  r->Register(Verify);
  r->Register(SignDigest);
  r->Register(VerifyDigest);
  r->Register(RsaCipher);
  r->Register(DeriveSecret);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_SIGN_H_
