// CipherBase: the native side of createCipheriv/createDecipheriv, with Node's
// states and errors (src/crypto/crypto_cipher.cc semantics):
//
//   new CipherBase(encrypt: bool)
//   init(name, key, iv | null, authTagLength | -1)   throws ERR_CRYPTO_UNKNOWN_CIPHER,
//        ERR_CRYPTO_INVALID_KEYLEN, ERR_CRYPTO_INVALID_IV, ERR_CRYPTO_INVALID_AUTH_TAG
//   update(data, inputEncoding?) -> ArrayBuffer     throws "Trying to add data in
//                                                   unsupported state"
//   final() -> ArrayBuffer                          OpenSSL's error, or "Unsupported state
//                                                   or unable to authenticate data"
//   setAutoPadding(bool), setAAD(bytes, plaintextLength?), setAuthTag(bytes)
//   -> false when the state does not allow it (JS throws ERR_CRYPTO_INVALID_STATE);
// CCM takes its whole message in one update(), as OpenSSL does (the length
// is part of the MAC); a CCM decryption that fails to authenticate returns
// nothing from update() and throws from final(), as Node's.
//   getAuthTag() -> ArrayBuffer | undefined
//   getCipherInfo(name | nid) -> {name, nid, mode, blockSize?, ivLength?, keyLength}
//   getCiphers() -> [name...]
#ifndef KILN_BINDINGS_CRYPTO_CIPHER_H_
#define KILN_BINDINGS_CRYPTO_CIPHER_H_

#include <openssl/cipher.h>

#include <climits>
#include <memory>

#include "bindings/crypto_cipher_aead.h"
#include "bindings/crypto_cipher_stream.h"
#include "bindings/crypto_cipher_table.h"
#include "bindings/crypto_hash.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

inline bool IsValidGcmTagLength(size_t n) { return n == 4 || n == 8 || (n >= 12 && n <= 16); }

class CipherBase : public Wrapped<CipherBase> {
 public:
  static constexpr size_t kNoTagLength = static_cast<size_t>(-1);
  enum TagState { kTagUnknown, kTagKnown, kTagPassed };

  CipherBase(Isolate* isolate, Local<Object> obj, bool encrypt)
      : Wrapped(isolate, obj), encrypt_(encrypt) {
    EVP_CIPHER_CTX_init(&ctx_);
  }
  ~CipherBase() override { EVP_CIPHER_CTX_cleanup(&ctx_); }

  static void New(const FunctionCallbackInfo<Value>& args) {
    if (!IsConstructCall(args)) return;
    new CipherBase(args.GetIsolate(), args.This(), args[0]->BooleanValue(args.GetIsolate()));
  }

  static void Init(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    if (c->spec_ != nullptr) return ThrowError(isolate, "Invalid state", "ERR_CRYPTO_INVALID_STATE");
    CHECK_ARG(args, 0, IsString, "of type string");
    String::Utf8Value name(isolate, args[0]);
    const CipherSpec* spec = *name ? CipherByName(*name) : nullptr;
    if (spec == nullptr) return ThrowError(isolate, "Unknown cipher", "ERR_CRYPTO_UNKNOWN_CIPHER");
    Bytes key, iv;
    if (!ArgBytes(args, 1, "key", &key)) return;
    if (!args[2]->IsNull() && !ArgBytes(args, 2, "iv", &iv)) return;
    if (key.size != static_cast<size_t>(spec->key_length))
      return ThrowRangeError(isolate, "Invalid key length", "ERR_CRYPTO_INVALID_KEYLEN");
    bool has_iv = iv.size > 0;
    if (!has_iv && spec->iv_length != 0) return ThrowInvalidIv(isolate);
    if (!IsAead(spec) && has_iv && iv.size != static_cast<size_t>(spec->iv_length))
      return ThrowInvalidIv(isolate);
    if (spec->engine == Engine::kChaChaPoly && iv.size != 12) return ThrowInvalidIv(isolate);
    if (spec->engine == Engine::kAesCcm && !AesCcm::ValidNonce(iv.size))
      return ThrowInvalidIv(isolate);
    if (spec->engine == Engine::kAesOcb && !AesOcb::ValidNonce(iv.size))
      return ThrowInvalidIv(isolate);
    if (iv.size > INT_MAX) return ThrowInvalidIv(isolate);

    double tag_len = args[3]->IsNumber() ? args[3].As<v8::Number>()->Value() : -1;
    c->tag_len_ = tag_len < 0 ? kNoTagLength : static_cast<size_t>(tag_len);
    if (IsGcm(spec)) {
      if (c->tag_len_ != kNoTagLength && !IsValidGcmTagLength(c->tag_len_))
        return ThrowInvalidTag(isolate, c->tag_len_);
    } else if (spec->engine == Engine::kChaChaPoly) {
      if (c->tag_len_ == kNoTagLength) c->tag_len_ = 16;
      if (c->tag_len_ == 0 || c->tag_len_ > 16) return ThrowInvalidTag(isolate, c->tag_len_);
    } else if (spec->engine == Engine::kAesCcm || spec->engine == Engine::kAesOcb) {
      if (c->tag_len_ == kNoTagLength) {
        std::string msg = std::string("authTagLength required for ") + *name;
        return ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_AUTH_TAG", msg.c_str());
      }
      bool ok = spec->engine == Engine::kAesCcm ? AesCcm::ValidTag(c->tag_len_)
                                                 : AesOcb::ValidTag(c->tag_len_);
      if (!ok) return ThrowInvalidTag(isolate, c->tag_len_);
    }

    switch (spec->engine) {
      case Engine::kEvp: {
        const EVP_CIPHER* evp = spec->evp();
        if (!EVP_CipherInit_ex(&c->ctx_, evp, nullptr, nullptr, nullptr, c->encrypt_))
          return ThrowOpenSSLError(isolate, "Failed to initialize cipher");
        if (IsGcm(spec) && iv.size != 12 &&
            !EVP_CIPHER_CTX_ctrl(&c->ctx_, EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(iv.size),
                                 nullptr))
          return ThrowInvalidIv(isolate);
        if (!EVP_CipherInit_ex(&c->ctx_, nullptr, nullptr, key.data, has_iv ? iv.data : nullptr,
                               c->encrypt_))
          return ThrowOpenSSLError(isolate, "Failed to initialize cipher");
        break;
      }
      case Engine::kChaCha20: {
        uint32_t counter = static_cast<uint32_t>(iv.data[0]) | (uint32_t{iv.data[1]} << 8) |
                           (uint32_t{iv.data[2]} << 16) | (uint32_t{iv.data[3]} << 24);
        c->chacha_ = std::make_unique<ChaChaStream>();
        c->chacha_->Init(key.data, iv.data + 4, counter);
        break;
      }
      case Engine::kChaChaPoly:
        c->chachapoly_ = std::make_unique<ChaChaPoly>();
        c->chachapoly_->Init(key.data, iv.data, c->encrypt_);
        break;
      case Engine::kCfb128:
      case Engine::kCfb8:
        c->cfb_ = std::make_unique<AesCfb>();
        c->cfb_->Init(key.data, key.size, iv.data, c->encrypt_, spec->engine == Engine::kCfb8);
        break;
      case Engine::kAesWrap:
      case Engine::kAesWrapPad:
        c->wrap_ = std::make_unique<AesWrap>();
        c->wrap_->Init(key.data, key.size, iv.data, iv.size, c->encrypt_);
        break;
      case Engine::kDes3Wrap:
        c->des3_wrap_ = std::make_unique<Des3Wrap>();
        c->des3_wrap_->Init(key.data, c->encrypt_);
        break;
      case Engine::kAesCcm:
        c->ccm_ = std::make_unique<AesCcm>();
        if (!c->ccm_->Init(key.data, key.size, iv.data, iv.size, c->tag_len_))
          return ThrowInvalidIv(isolate);
        break;
      case Engine::kAesOcb:
        c->ocb_ = std::make_unique<AesOcb>();
        if (!c->ocb_->Init(key.data, key.size, iv.data, iv.size, c->tag_len_, c->encrypt_))
          return ThrowInvalidIv(isolate);
        break;
    }
    c->spec_ = spec;
    c->active_ = true;
  }

  static void Update(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    std::string held;
    const uint8_t* in;
    size_t n;
    if (args[0]->IsString()) {
      if (!ArgData(args, 0, 1, "data", &held)) return;
      in = reinterpret_cast<const uint8_t*>(held.data());
      n = held.size();
    } else {
      Bytes b;
      if (!ArgBytes(args, 0, "data", &b)) return;
      in = b.data;
      n = b.size;
    }
    if (!c->active_ || n > INT_MAX - 32)
      return ThrowError(isolate, "Trying to add data in unsupported state");
    if (c->ccm_ && n > c->ccm_->MaxLength()) return ThrowMessageLength(isolate);
    ByteSource out(n + 32);
    size_t out_len = 0;
    if (!c->DoUpdate(in, n, out.data(), &out_len))
      return ThrowError(isolate, "Trying to add data in unsupported state");
    out.Truncate(out_len);
    args.GetReturnValue().Set(out.Release(isolate));
  }

  static void Final(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    if (!c->active_) return ThrowError(isolate, "Invalid state", "ERR_CRYPTO_INVALID_STATE");
    ByteSource out(64);
    size_t out_len = 0;
    bool ok = c->DoFinal(out.data(), &out_len);
    c->active_ = false;
    if (!ok && c->ccm_ && c->encrypt_)  // OpenSSL's CCM has no tag until data went through
      return (void)isolate->ThrowException(
          OsslError(isolate, "1C800077", "Provider routines", "tag not set"));
    if (!ok) {
      if (IsAead(c->spec_)) {
        ERR_clear_error();
        return ThrowError(isolate, "Unsupported state or unable to authenticate data");
      }
      return ThrowOpenSSLError(isolate, "Unsupported state");
    }
    out.Truncate(out_len);
    args.GetReturnValue().Set(out.Release(isolate));
  }

  static void SetAutoPadding(const FunctionCallbackInfo<Value>& args) {
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    if (!c->active_) return args.GetReturnValue().Set(false);
    bool pad = args[0]->BooleanValue(args.GetIsolate());
    if (c->spec_->engine == Engine::kEvp) EVP_CIPHER_CTX_set_padding(&c->ctx_, pad ? 1 : 0);
    args.GetReturnValue().Set(true);
  }

  static void SetAAD(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    Bytes aad;
    if (!ArgBytes(args, 0, "buffer", &aad)) return;
    bool ok = false;
    if (c->ccm_) {
      // CCM needs the message length up front (it begins the MAC).
      double len = args[1]->IsNumber() ? args[1].As<v8::Number>()->Value() : -1;
      if (len < 0)
        return ThrowTypeError(isolate, "ERR_MISSING_ARGS",
                              "options.plaintextLength required for CCM mode with AAD");
      if (len > static_cast<double>(c->ccm_->MaxLength())) return ThrowMessageLength(isolate);
      if (c->active_ && !c->ccm_done_) {
        c->ccm_aad_.append(reinterpret_cast<const char*>(aad.data), aad.size);
        c->ccm_length_ = static_cast<int64_t>(len);
      }
      return args.GetReturnValue().Set(c->active_);
    }
    if (c->active_ && IsAead(c->spec_)) {
      if (!c->encrypt_) c->PassTag();
      if (c->chachapoly_) {
        ok = c->chachapoly_->AddAad(aad.data, aad.size);
      } else if (c->ocb_) {
        ok = c->ocb_->AddAad(aad.data, aad.size);
      } else if (aad.size == 0) {
        // Nothing to add; and BoringSSL's GCM takes a null input as final().
        ok = true;
      } else {
        int outl = 0;
        ok = aad.size > INT_MAX ? false :
             EVP_CipherUpdate(&c->ctx_, nullptr, &outl, aad.data, static_cast<int>(aad.size)) == 1;
      }
    }
    ERR_clear_error();
    args.GetReturnValue().Set(ok);
  }

  static void GetAuthTag(const FunctionCallbackInfo<Value>& args) {
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    if (c->active_ || !c->encrypt_ || c->spec_ == nullptr || !IsAead(c->spec_) ||
        c->tag_len_ == 0 || c->tag_len_ == kNoTagLength || !c->tag_ready_)
      return;
    args.GetReturnValue().Set(CopyToArrayBuffer(args.GetIsolate(), c->tag_, c->tag_len_));
  }

  static void SetAuthTag(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    CipherBase* c = Unwrap(args);
    if (c == nullptr) return;
    Bytes tag;
    if (!ArgBytes(args, 0, "buffer", &tag)) return;
    if (!c->active_ || c->encrypt_ || !IsAead(c->spec_) || c->tag_state_ != kTagUnknown)
      return args.GetReturnValue().Set(false);
    bool valid = IsGcm(c->spec_)
        ? (c->tag_len_ == kNoTagLength || c->tag_len_ == tag.size) && IsValidGcmTagLength(tag.size)
        : c->tag_len_ == tag.size;
    if (!valid) return ThrowInvalidTag(isolate, tag.size);
    c->tag_len_ = tag.size;
    memcpy(c->tag_, tag.data, tag.size);
    c->tag_state_ = kTagKnown;
    args.GetReturnValue().Set(true);
  }

 private:
  static void ThrowInvalidIv(Isolate* isolate) {
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
  }
  static void ThrowMessageLength(Isolate* isolate) {
    ThrowRangeError(isolate, "Invalid message length", "ERR_CRYPTO_INVALID_MESSAGELEN");
  }
  static void ThrowInvalidTag(Isolate* isolate, size_t len) {
    std::string msg = "Invalid authentication tag length: " + std::to_string(len);
    ThrowTypeError(isolate, "ERR_CRYPTO_INVALID_AUTH_TAG", msg.c_str());
  }

  // Decrypting in GCM: OpenSSL takes the expected tag before the data ends.
  void PassTag() {
    if (tag_state_ != kTagKnown) return;
    if (spec_->engine == Engine::kEvp)
      EVP_CIPHER_CTX_ctrl(&ctx_, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_len_), tag_);
    tag_state_ = kTagPassed;
  }

  bool DoUpdate(const uint8_t* in, size_t n, uint8_t* out, size_t* out_len) {
    if (!encrypt_ && IsAead(spec_)) PassTag();
    switch (spec_->engine) {
      case Engine::kEvp: {
        int outl = 0;
        if (n == 0) return true;
        if (!EVP_CipherUpdate(&ctx_, out, &outl, in, static_cast<int>(n))) {
          ERR_clear_error();
          return false;
        }
        *out_len = static_cast<size_t>(outl);
        return true;
      }
      case Engine::kChaCha20:
        chacha_->Apply(in, out, n);
        break;
      case Engine::kChaChaPoly:
        chachapoly_->Update(in, out, n);
        break;
      case Engine::kCfb128:
      case Engine::kCfb8:
        cfb_->Apply(in, out, n);
        break;
      case Engine::kAesWrap:
      case Engine::kAesWrapPad:
        return wrap_->Process(spec_->engine == Engine::kAesWrapPad, in, n, out, out_len);
      case Engine::kDes3Wrap:
        return des3_wrap_->Process(in, n, out, out_len);
      case Engine::kAesOcb:
        ocb_->Update(in, n, out, out_len);
        return true;
      case Engine::kAesCcm:
        return CcmUpdate(in, n, out, out_len);
    }
    *out_len = n;
    return true;
  }

  // The one CCM update: the whole message (of the length setAAD gave).
  bool CcmUpdate(const uint8_t* in, size_t n, uint8_t* out, size_t* out_len) {
    if (ccm_done_ || (ccm_length_ >= 0 && static_cast<uint64_t>(ccm_length_) != n)) return false;
    ccm_done_ = true;
    auto* aad = reinterpret_cast<const uint8_t*>(ccm_aad_.data());
    if (encrypt_) {
      ccm_->Seal(aad, ccm_aad_.size(), in, n, out, tag_);
      tag_ready_ = true;
      *out_len = n;
      return true;
    }
    // Decrypting: without the right tag, no output (final() then throws).
    *out_len = 0;
    ccm_authentic_ = tag_state_ != kTagUnknown && ccm_->Open(aad, ccm_aad_.size(), in, n, tag_, out);
    if (ccm_authentic_) *out_len = n;
    else OPENSSL_cleanse(out, n);
    return true;
  }

  bool DoFinal(uint8_t* out, size_t* out_len) {
    if (!encrypt_ && IsAead(spec_)) PassTag();
    if (spec_->engine == Engine::kChaChaPoly) {
      uint8_t tag[16];
      chachapoly_->Finish(tag);
      if (encrypt_) {
        memcpy(tag_, tag, tag_len_);
        tag_ready_ = true;
        return true;
      }
      return tag_state_ == kTagPassed && CRYPTO_memcmp(tag, tag_, tag_len_) == 0;
    }
    if (spec_->engine == Engine::kAesCcm) return ccm_done_ && (encrypt_ || ccm_authentic_);
    if (spec_->engine == Engine::kAesOcb) {
      uint8_t tag[16];
      ocb_->Finish(out, out_len, tag);
      if (encrypt_) {
        memcpy(tag_, tag, tag_len_);
        tag_ready_ = true;
        return true;
      }
      return tag_state_ != kTagUnknown && CRYPTO_memcmp(tag, tag_, tag_len_) == 0;
    }
    if (spec_->engine != Engine::kEvp) return true;
    if (!encrypt_ && IsGcm(spec_) && tag_state_ != kTagPassed) return false;
    int outl = 0;
    if (EVP_CipherFinal_ex(&ctx_, out, &outl) != 1) return false;
    *out_len = static_cast<size_t>(outl);
    if (encrypt_ && IsGcm(spec_)) {
      if (tag_len_ == kNoTagLength) tag_len_ = 16;
      if (!EVP_CIPHER_CTX_ctrl(&ctx_, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_len_), tag_))
        return false;
      tag_ready_ = true;
    }
    return true;
  }

  bool encrypt_;
  bool active_ = false;
  const CipherSpec* spec_ = nullptr;
  EVP_CIPHER_CTX ctx_;
  std::unique_ptr<ChaChaStream> chacha_;
  std::unique_ptr<ChaChaPoly> chachapoly_;
  std::unique_ptr<AesCfb> cfb_;
  std::unique_ptr<AesWrap> wrap_;
  std::unique_ptr<Des3Wrap> des3_wrap_;
  std::unique_ptr<AesOcb> ocb_;
  std::unique_ptr<AesCcm> ccm_;
  std::string ccm_aad_;
  int64_t ccm_length_ = -1;  // from setAAD; -1: whatever update() gets
  bool ccm_done_ = false;
  bool ccm_authentic_ = false;
  size_t tag_len_ = kNoTagLength;
  uint8_t tag_[16] = {0};
  TagState tag_state_ = kTagUnknown;
  bool tag_ready_ = false;
};

inline void InitCipher(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, CipherBase::New, kWrapFields);
  SetProtoMethod(isolate, t, "init", CipherBase::Init);
  SetProtoMethod(isolate, t, "update", CipherBase::Update);
  SetProtoMethod(isolate, t, "final", CipherBase::Final);
  SetProtoMethod(isolate, t, "setAutoPadding", CipherBase::SetAutoPadding);
  SetProtoMethod(isolate, t, "setAAD", CipherBase::SetAAD);
  SetProtoMethod(isolate, t, "getAuthTag", CipherBase::GetAuthTag);
  SetProtoMethod(isolate, t, "setAuthTag", CipherBase::SetAuthTag);
  SetValue(context, target, "CipherBase", t->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "getCipherInfo", GetCipherInfo);
  SetMethod(context, target, "getCiphers", GetCiphers);
}

inline void RegisterCipher(ExternalReferences* r) {
  r->Register(CipherBase::New);
  r->Register(CipherBase::Init);
  r->Register(CipherBase::Update);
  r->Register(CipherBase::Final);
  r->Register(CipherBase::SetAutoPadding);
  r->Register(CipherBase::SetAAD);
  r->Register(CipherBase::GetAuthTag);
  r->Register(CipherBase::SetAuthTag);
  r->Register(GetCipherInfo);
  r->Register(GetCiphers);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CIPHER_H_
