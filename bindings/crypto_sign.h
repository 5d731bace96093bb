// Signatures and RSA encryption for process.binding('crypto'), over
// KeyObjectHandle (crypto_keys.h); each key type's signing is in
// crypto_sign_ops.h.
//
//   sign(key, data, digest | undefined, padding, saltLength, dsaEncoding, cb?)
//       -> ArrayBuffer; data is the message (one-shot) ...
//   signDigest(key, digest, padding, saltLength, dsaEncoding, mdBytes)
//       ... or, for createSign, a finished digest of the message
//   verify(key, data, signature, digest, padding, saltLength, dsaEncoding, cb?)
//   verifyDigest(key, digest, padding, saltLength, dsaEncoding, mdBytes, signature)
//   rsaCipher(op, key, data, padding, oaepHash | undefined, oaepLabel | undefined)
//       op: 0 publicEncrypt, 1 privateDecrypt, 2 privateEncrypt, 3 publicDecrypt
//   deriveSecret(privateKey, publicKey) -> ArrayBuffer (crypto_derive.h)
// padding -1 and saltLength undefined mean "the key type's default";
// dsaEncoding 0 is DER, 1 is IEEE P1363 (r || s).
#ifndef KILN_BINDINGS_CRYPTO_SIGN_H_
#define KILN_BINDINGS_CRYPTO_SIGN_H_

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bindings/crypto_derive.h"
#include "bindings/crypto_hash.h"
#include "bindings/crypto_keys.h"
#include "bindings/crypto_sign_ops.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

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

inline KeyObjectHandle* AsymmetricKeyArg(const FunctionCallbackInfo<Value>& args, int i) {
  return KeyObjectHandle::AsymmetricArg(args, i);
}

// The error of a failed sign/verify: SignWith's own, else OpenSSL's queue.
inline Local<Value> SignFailure(Isolate* isolate, const SignError& err, const char* fallback) {
  if (err.message.empty()) return OpenSSLError(isolate, fallback);
  ERR_clear_error();
  return MakeError(isolate, err.message.c_str(), err.code.c_str());
}

class SignJob : public CryptoJob {
 public:
  explicit SignJob(const AsymKey& key) : key_(key) {}
  bool Exec() override {
    SignError err;
    if (SignWith(key_, opts_, false, reinterpret_cast<const uint8_t*>(data_.data()), data_.size(),
                 &out_, &err))
      return true;
    error_ = err.message;
    error_code_ = err.code;
    return false;
  }
  SignKey key_;
  std::string data_;
  SignOptions opts_;
};

inline void Sign(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* key = AsymmetricKeyArg(args, 0);
  if (key == nullptr) return;
  std::unique_ptr<SignJob> job(new SignJob(key->key()));
  if (!ArgData(args, 1, -1, "data", &job->data_) || !GetSignOptions(args, 2, &job->opts_)) return;
  RunJob(args, args[6], job.release());
}

class VerifyJob : public CryptoJob {
 public:
  explicit VerifyJob(const AsymKey& key) : key_(key) {}
  bool Exec() override {
    SignError err;
    if (VerifyWith(key_, opts_, false, reinterpret_cast<const uint8_t*>(data_.data()),
                   data_.size(), reinterpret_cast<const uint8_t*>(sig_.data()), sig_.size(),
                   &result_, &err))
      return true;
    error_ = err.message;
    error_code_ = err.code;
    return false;
  }
  Local<Value> Result(Isolate* isolate) override { return v8::Boolean::New(isolate, result_); }
  SignKey key_;
  std::string data_, sig_;
  SignOptions opts_;
  bool result_ = false;
};

inline void Verify(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* key = AsymmetricKeyArg(args, 0);
  if (key == nullptr) return;
  std::unique_ptr<VerifyJob> job(new VerifyJob(key->key()));
  if (!ArgData(args, 1, -1, "data", &job->data_) ||
      !ArgData(args, 2, -1, "signature", &job->sig_) || !GetSignOptions(args, 3, &job->opts_))
    return;
  RunJob(args, args[7], job.release());
}

// createSign/createVerify: the digest of a Hash (bindings/crypto_hash.h),
// signed or verified as a digest.
inline bool PrepareDigestOp(const FunctionCallbackInfo<Value>& args, KeyObjectHandle** key,
                            SignOptions* opts, std::string* digest, int opt_index) {
  Isolate* isolate = args.GetIsolate();
  *key = AsymmetricKeyArg(args, 0);
  if (*key == nullptr) return false;
  if (!GetSignOptions(args, 1, opts, "Invalid digest")) return false;
  if (!ArgData(args, opt_index, -1, "digest", digest)) return false;
  if (IsOneShotOnly((*key)->key().id())) {
    ThrowError(isolate, "Unsupported crypto operation", "ERR_CRYPTO_UNSUPPORTED_OPERATION");
    return false;
  }
  return true;
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
  ByteSource sig;
  SignError err;
  if (!SignWith(SignKey(key->key()), o, true, reinterpret_cast<const uint8_t*>(digest.data()),
                digest.size(), &sig, &err))
    return (void)isolate->ThrowException(SignFailure(isolate, err, "Signing failed"));
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
  bool valid = false;
  SignError err;
  if (!VerifyWith(SignKey(key->key()), o, true, reinterpret_cast<const uint8_t*>(digest.data()),
                  digest.size(), reinterpret_cast<const uint8_t*>(sig.data()), sig.size(), &valid,
                  &err))
    return (void)isolate->ThrowException(SignFailure(isolate, err, "Verification failed"));
  args.GetReturnValue().Set(valid);
}

inline void RsaCipher(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsInt32, "an integer");
  int op = args[0].As<v8::Int32>()->Value();
  KeyObjectHandle* key = KeyObjectHandle::AsymmetricArg(args, 1);
  if (key == nullptr) return;
  // rsa-pss keys only sign; DH and X448/Ed448 keys have no EVP_PKEY to try.
  if (key->key().id() == EVP_PKEY_RSA_PSS)
    return (void)isolate->ThrowException(OsslError(isolate, "1C8000B2", "Provider routines",
                                                   "operation not supported for this keytype"));
  if (key->pkey() == nullptr)
    return (void)isolate->ThrowException(OsslError(isolate, "03000096",
                                                   "digital envelope routines",
                                                   "operation not supported for this keytype"));
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
