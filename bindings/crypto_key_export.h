// KeyObjectHandle's exporters and accessors (declared in crypto_keys.h):
// PEM/DER/raw components out, key type and details, and the binding table.
#ifndef KILN_BINDINGS_CRYPTO_KEY_EXPORT_H_
#define KILN_BINDINGS_CRYPTO_KEY_EXPORT_H_

#include "bindings/crypto_keys.h"

namespace kiln::bindings::crypto {

inline void KeyObjectHandle::ExportPublic(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr) return;
  std::string format = *String::Utf8Value(isolate, args[0]);
  std::string type = *String::Utf8Value(isolate, args[1]);
  EVP_PKEY* pkey = h->pkey_.get();
  bool pkcs1 = type == "pkcs1";
  RSA* rsa = pkcs1 ? EVP_PKEY_get0_RSA(pkey) : nullptr;
  if (pkcs1 && rsa == nullptr) return ThrowError(isolate, "Invalid key type for pkcs1");
  if (format == "pem") {
    bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
    bool ok = pkcs1 ? PEM_write_bio_RSAPublicKey(bio.get(), rsa)
                    : PEM_write_bio_PUBKEY(bio.get(), pkey);
    if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode public key");
    return args.GetReturnValue().Set(BioToString(isolate, bio.get()));
  }
  Local<ArrayBuffer> ab;
  bool ok = CbbToArrayBuffer(isolate, [&](CBB* cbb) {
    return pkcs1 ? RSA_marshal_public_key(cbb, rsa) : EVP_marshal_public_key(cbb, pkey);
  }).ToLocal(&ab);
  if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode public key");
  args.GetReturnValue().Set(ab);
}

inline void KeyObjectHandle::ExportPrivate(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr || h->type_ != kPrivate) return;
  std::string format = *String::Utf8Value(isolate, args[0]);
  std::string type = *String::Utf8Value(isolate, args[1]);
  const EVP_CIPHER* cipher = nullptr;
  if (args[2]->IsString()) {
    const CipherSpec* spec = CipherByName(*String::Utf8Value(isolate, args[2]));
    if (spec == nullptr || spec->evp == nullptr)
      return ThrowError(isolate, "Unknown cipher", "ERR_CRYPTO_UNKNOWN_CIPHER");
    cipher = spec->evp();
  }
  std::string pass;
  if (cipher != nullptr && !ArgData(args, 3, -1, "passphrase", &pass)) return;
  EVP_PKEY* pkey = h->pkey_.get();
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  bool pem = format == "pem";
  auto* kstr = reinterpret_cast<uint8_t*>(&pass[0]);
  if (type == "pkcs1" || type == "sec1") {
    RSA* rsa = type == "pkcs1" ? EVP_PKEY_get0_RSA(pkey) : nullptr;
    EC_KEY* ec = type == "sec1" ? EVP_PKEY_get0_EC_KEY(pkey) : nullptr;
    if (rsa == nullptr && ec == nullptr) return ThrowError(isolate, "Invalid key type");
    if (pem) {
      bool ok = rsa ? PEM_write_bio_RSAPrivateKey(bio.get(), rsa, cipher, kstr, pass.size(),
                                                  nullptr, nullptr)
                    : PEM_write_bio_ECPrivateKey(bio.get(), ec, cipher, kstr, pass.size(),
                                                 nullptr, nullptr);
      if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode private key");
      return args.GetReturnValue().Set(BioToString(isolate, bio.get()));
    }
    Local<ArrayBuffer> ab;
    if (!CbbToArrayBuffer(isolate, [&](CBB* cbb) {
          return rsa ? RSA_marshal_private_key(cbb, rsa)
                     : EC_KEY_marshal_private_key(cbb, ec, EC_KEY_get_enc_flags(ec));
        }).ToLocal(&ab))
      return ThrowOpenSSLError(isolate, "Failed to encode private key");
    return args.GetReturnValue().Set(ab);
  }
  // PKCS #8, encrypted with PBES2 when a cipher is given.
  Local<ArrayBuffer> der;
  bool ok = CbbToArrayBuffer(isolate, [&](CBB* cbb) {
    if (cipher == nullptr) return EVP_marshal_private_key(cbb, pkey);
    return PKCS8_marshal_encrypted_private_key(cbb, -1, cipher, pass.data(), pass.size(),
                                               nullptr, 0, 2048, pkey);
  }).ToLocal(&der);
  if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode private key");
  if (!pem) return args.GetReturnValue().Set(der);
  const char* label = cipher ? "ENCRYPTED PRIVATE KEY" : "PRIVATE KEY";
  if (!PEM_write_bio(bio.get(), label, "", static_cast<const uint8_t*>(der->Data()),
                     der->ByteLength()))
    return ThrowOpenSSLError(isolate, "Failed to encode private key");
  args.GetReturnValue().Set(BioToString(isolate, bio.get()));
}

inline void KeyObjectHandle::Components(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr) return;
  Local<Object> out = Object::New(isolate);
  auto set = [&](const char* k, Local<Value> v) {
    out->Set(context, OneByteString(isolate, k), v).Check();
  };
  bool priv = h->type_ == kPrivate;
  EVP_PKEY* pkey = h->pkey_.get();
  switch (EVP_PKEY_id(pkey)) {
    case EVP_PKEY_RSA: {
      const RSA* rsa = EVP_PKEY_get0_RSA(pkey);
      set("kty", OneByteString(isolate, "RSA"));
      set("n", BnToArrayBuffer(isolate, RSA_get0_n(rsa)));
      set("e", BnToArrayBuffer(isolate, RSA_get0_e(rsa)));
      if (priv && RSA_get0_d(rsa) != nullptr) {
        set("d", BnToArrayBuffer(isolate, RSA_get0_d(rsa)));
        if (RSA_get0_p(rsa) != nullptr) {
          set("p", BnToArrayBuffer(isolate, RSA_get0_p(rsa)));
          set("q", BnToArrayBuffer(isolate, RSA_get0_q(rsa)));
          set("dp", BnToArrayBuffer(isolate, RSA_get0_dmp1(rsa)));
          set("dq", BnToArrayBuffer(isolate, RSA_get0_dmq1(rsa)));
          set("qi", BnToArrayBuffer(isolate, RSA_get0_iqmp(rsa)));
        }
      }
      break;
    }
    case EVP_PKEY_EC: {
      const EC_KEY* ec = EVP_PKEY_get0_EC_KEY(pkey);
      const EC_GROUP* group = EC_KEY_get0_group(ec);
      const CurveName* curve = CurveByNid(EC_GROUP_get_curve_name(group));
      size_t degree = (EC_GROUP_get_degree(group) + 7) / 8;
      bssl::UniquePtr<BIGNUM> x(BN_new()), y(BN_new());
      EC_POINT_get_affine_coordinates_GFp(group, EC_KEY_get0_public_key(ec), x.get(), y.get(),
                                          nullptr);
      set("kty", OneByteString(isolate, "EC"));
      if (curve != nullptr) set("crv", OneByteString(isolate, curve->nist));
      set("x", BnToArrayBuffer(isolate, x.get(), degree));
      set("y", BnToArrayBuffer(isolate, y.get(), degree));
      if (priv && EC_KEY_get0_private_key(ec) != nullptr)
        set("d", BnToArrayBuffer(isolate, EC_KEY_get0_private_key(ec), degree));
      break;
    }
    case EVP_PKEY_ED25519:
    case EVP_PKEY_X25519: {
      uint8_t buf[64];
      size_t len = sizeof(buf);
      set("kty", OneByteString(isolate, "OKP"));
      set("crv", OneByteString(isolate,
                               EVP_PKEY_id(pkey) == EVP_PKEY_ED25519 ? "Ed25519" : "X25519"));
      if (EVP_PKEY_get_raw_public_key(pkey, buf, &len))
        set("x", CopyToArrayBuffer(isolate, buf, len));
      len = sizeof(buf);
      if (priv && EVP_PKEY_get_raw_private_key(pkey, buf, &len))
        set("d", CopyToArrayBuffer(isolate, buf, len));
      break;
    }
    default:
      return;
  }
  args.GetReturnValue().Set(out);
}

inline const char* KeyObjectHandle::KeyTypeName(EVP_PKEY* pkey) {
  switch (EVP_PKEY_id(pkey)) {
    case EVP_PKEY_RSA: return "rsa";
    case EVP_PKEY_RSA_PSS: return "rsa-pss";
    case EVP_PKEY_EC: return "ec";
    case EVP_PKEY_ED25519: return "ed25519";
    case EVP_PKEY_X25519: return "x25519";
    case EVP_PKEY_DSA: return "dsa";
    case EVP_PKEY_DH: return "dh";
    default: return nullptr;
  }
}

inline void KeyObjectHandle::KeyType(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr) return;
  const char* name = KeyTypeName(h->pkey_.get());
  if (name != nullptr) args.GetReturnValue().Set(OneByteString(args.GetIsolate(), name));
}

inline void KeyObjectHandle::Details(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr) return;
  Local<Object> out = Object::New(isolate);
  EVP_PKEY* pkey = h->pkey_.get();
  if (EVP_PKEY_id(pkey) == EVP_PKEY_RSA) {
    const RSA* rsa = EVP_PKEY_get0_RSA(pkey);
    out->Set(context, OneByteString(isolate, "modulusLength"),
             v8::Integer::NewFromUnsigned(isolate, RSA_bits(rsa))).Check();
    // The exponent as a BigInt (from its 64-bit words).
    const BIGNUM* e = RSA_get0_e(rsa);
    size_t bytes = BN_num_bytes(e);
    int words = static_cast<int>((bytes + 7) / 8);
    if (words == 0) words = 1;
    std::vector<uint64_t> w(words, 0);
    std::vector<uint8_t> le(words * 8, 0);
    BN_bn2le_padded(le.data(), le.size(), e);
    for (int i = 0; i < words; i++)
      for (int j = 7; j >= 0; j--) w[i] = (w[i] << 8) | le[i * 8 + j];
    Local<v8::BigInt> big;
    if (v8::BigInt::NewFromWords(context, 0, words, w.data()).ToLocal(&big))
      out->Set(context, OneByteString(isolate, "publicExponent"), big).Check();
  } else if (EVP_PKEY_id(pkey) == EVP_PKEY_EC) {
    const EC_GROUP* group = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(pkey));
    const CurveName* curve = CurveByNid(EC_GROUP_get_curve_name(group));
    if (curve != nullptr)
      out->Set(context, OneByteString(isolate, "namedCurve"),
               OneByteString(isolate, curve->name)).Check();
  }
  args.GetReturnValue().Set(out);
}

inline void KeyObjectHandle::EcPoint(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->pkey_ == nullptr || EVP_PKEY_id(h->pkey_.get()) != EVP_PKEY_EC)
    return;
  const EC_KEY* ec = EVP_PKEY_get0_EC_KEY(h->pkey_.get());
  point_conversion_form_t form = args[0]->BooleanValue(isolate)
      ? POINT_CONVERSION_COMPRESSED : POINT_CONVERSION_UNCOMPRESSED;
  uint8_t* buf = nullptr;
  size_t len = EC_KEY_key2buf(ec, form, &buf, nullptr);
  if (len == 0) return ThrowOpenSSLError(isolate, "Failed to get public key");
  args.GetReturnValue().Set(CopyToArrayBuffer(isolate, buf, len));
  OPENSSL_free(buf);
}

inline void KeyObjectHandle::Equals(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr) return;
  KeyObjectHandle* o = Check(args[0]);
  if (o == nullptr) return (void)ArgTypeError(args.GetIsolate(), "otherKey", "a key handle");
  bool eq;
  if (h->type_ == kSecret || o->type_ == kSecret) {
    eq = h->type_ == o->type_ && h->secret_.size() == o->secret_.size() &&
         CRYPTO_memcmp(h->secret_.data(), o->secret_.data(), h->secret_.size()) == 0;
  } else {
    eq = EVP_PKEY_cmp(h->pkey_.get(), o->pkey_.get()) == 1;
    ERR_clear_error();
  }
  args.GetReturnValue().Set(eq);
}

inline void GetCurves(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  std::vector<Local<Value>> names;
  for (const CurveName* c = Curves(); c->name != nullptr; c++)
    names.push_back(OneByteString(isolate, c->name));
  args.GetReturnValue().Set(v8::Array::New(isolate, names.data(), names.size()));
}

inline void InitKeys(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, KeyObjectHandle::New, kWrapFields);
  SetProtoMethod(isolate, t, "initSecret", KeyObjectHandle::InitSecret);
  SetProtoMethod(isolate, t, "initPublic", KeyObjectHandle::InitPublic);
  SetProtoMethod(isolate, t, "initPrivate", KeyObjectHandle::InitPrivate);
  SetProtoMethod(isolate, t, "initPublicFrom", KeyObjectHandle::InitPublicFrom);
  SetProtoMethod(isolate, t, "initRsa", KeyObjectHandle::InitRsa);
  SetProtoMethod(isolate, t, "initEc", KeyObjectHandle::InitEc);
  SetProtoMethod(isolate, t, "initEcPoint", KeyObjectHandle::InitEcPoint);
  SetProtoMethod(isolate, t, "initEcPrivate", KeyObjectHandle::InitEcPrivate);
  SetProtoMethod(isolate, t, "initOkp", KeyObjectHandle::InitOkp);
  SetProtoMethod(isolate, t, "type", KeyObjectHandle::GetType);
  SetProtoMethod(isolate, t, "exportSecret", KeyObjectHandle::ExportSecret);
  SetProtoMethod(isolate, t, "size", KeyObjectHandle::Size);
  SetProtoMethod(isolate, t, "exportPublic", KeyObjectHandle::ExportPublic);
  SetProtoMethod(isolate, t, "exportPrivate", KeyObjectHandle::ExportPrivate);
  SetProtoMethod(isolate, t, "components", KeyObjectHandle::Components);
  SetProtoMethod(isolate, t, "keyType", KeyObjectHandle::KeyType);
  SetProtoMethod(isolate, t, "details", KeyObjectHandle::Details);
  SetProtoMethod(isolate, t, "ecPoint", KeyObjectHandle::EcPoint);
  SetProtoMethod(isolate, t, "equals", KeyObjectHandle::Equals);
  SetValue(context, target, "KeyObjectHandle", t->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "getCurves", GetCurves);
}

inline void RegisterKeys(ExternalReferences* r) {
  r->Register(KeyObjectHandle::New);
  r->Register(KeyObjectHandle::InitSecret);
  r->Register(KeyObjectHandle::InitPublic);
  r->Register(KeyObjectHandle::InitPrivate);
  r->Register(KeyObjectHandle::InitPublicFrom);
  r->Register(KeyObjectHandle::InitRsa);
  r->Register(KeyObjectHandle::InitEc);
  r->Register(KeyObjectHandle::InitEcPoint);
  r->Register(KeyObjectHandle::InitEcPrivate);
  r->Register(KeyObjectHandle::InitOkp);
  r->Register(KeyObjectHandle::GetType);
  r->Register(KeyObjectHandle::ExportSecret);
  r->Register(KeyObjectHandle::Size);
  r->Register(KeyObjectHandle::ExportPublic);
  r->Register(KeyObjectHandle::ExportPrivate);
  r->Register(KeyObjectHandle::Components);
  r->Register(KeyObjectHandle::KeyType);
  r->Register(KeyObjectHandle::Details);
  r->Register(KeyObjectHandle::EcPoint);
  r->Register(KeyObjectHandle::Equals);
  r->Register(GetCurves);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEY_EXPORT_H_
