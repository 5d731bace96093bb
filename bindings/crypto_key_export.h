// KeyObjectHandle's exporters and accessors (declared in crypto_keys.h):
// PEM/DER/raw components out, key type and details, and the binding table.
// DER comes from crypto_key_der.h, encrypted PKCS #8 from crypto_pbes2.h.
#ifndef KILN_BINDINGS_CRYPTO_KEY_EXPORT_H_
#define KILN_BINDINGS_CRYPTO_KEY_EXPORT_H_

#include "bindings/crypto_keys.h"

namespace kiln::bindings::crypto {

// A DER buffer as a PEM block with `label`, returned to JS as a string.
inline void ReturnPem(const FunctionCallbackInfo<Value>& args, const char* label,
                      const std::string& der, const char* what) {
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio(bio.get(), label, "", reinterpret_cast<const uint8_t*>(der.data()),
                     static_cast<long>(der.size())))
    return ThrowOpenSSLError(args.GetIsolate(), what);
  args.GetReturnValue().Set(BioToString(args.GetIsolate(), bio.get()));
}

inline void ReturnDer(const FunctionCallbackInfo<Value>& args, const std::string& der) {
  args.GetReturnValue().Set(CopyToArrayBuffer(args.GetIsolate(), der.data(), der.size()));
}

inline void KeyObjectHandle::ExportPublic(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || !h->asymmetric()) return;
  std::string format = *String::Utf8Value(isolate, args[0]);
  std::string type = *String::Utf8Value(isolate, args[1]);
  bool pkcs1 = type == "pkcs1";
  RSA* rsa = pkcs1 && h->key_.id() == EVP_PKEY_RSA ? EVP_PKEY_get0_RSA(h->pkey()) : nullptr;
  if (pkcs1 && rsa == nullptr) return ThrowError(isolate, "Invalid key type for pkcs1");
  std::string der;
  bool ok = CbbToString(&der, [&](CBB* cbb) {
    return pkcs1 ? RSA_marshal_public_key(cbb, rsa) : der::AddSpki(cbb, h->key_);
  });
  if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode public key");
  if (format != "pem") return ReturnDer(args, der);
  ReturnPem(args, pkcs1 ? "RSA PUBLIC KEY" : "PUBLIC KEY", der, "Failed to encode public key");
}

// OpenSSL 3's error for a cipher PBES2 cannot use: AEADs need parameters
// it has no room for, key wrap refuses the input, the rest have no OID.
inline void ThrowNoCipherOid(Isolate* isolate, const CipherSpec* spec) {
  if (IsAead(spec))
    return (void)isolate->ThrowException(
        OsslError(isolate, "0300007A", "digital envelope routines", "cipher parameter error"));
  if (strcmp(spec->mode, "wrap") == 0)
    return (void)isolate->ThrowException(
        OsslError(isolate, "1C8000E6", "Provider routines", "invalid input length"));
  isolate->ThrowException(OsslError(isolate, "0680006C", "asn1 encoding routines",
                                    "cipher has no object identifier"));
}

inline void KeyObjectHandle::ExportPrivate(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || !h->asymmetric() || h->type_ != kPrivate) return;
  std::string format = *String::Utf8Value(isolate, args[0]);
  std::string type = *String::Utf8Value(isolate, args[1]);
  const CipherSpec* spec = nullptr;
  if (args[2]->IsString()) {
    spec = CipherByName(*String::Utf8Value(isolate, args[2]));
    if (spec == nullptr)
      return ThrowError(isolate, "Unknown cipher", "ERR_CRYPTO_UNKNOWN_CIPHER");
  }
  std::string pass;
  if (spec != nullptr && !ArgData(args, 3, -1, "passphrase", &pass)) return;
  bool pem = format == "pem";
  std::string der;
  if (type == "pkcs1" || type == "sec1") {
    RSA* rsa = type == "pkcs1" && h->key_.id() == EVP_PKEY_RSA ? EVP_PKEY_get0_RSA(h->pkey())
                                                                : nullptr;
    EC_KEY* ec = type == "sec1" && h->key_.id() == EVP_PKEY_EC ? EVP_PKEY_get0_EC_KEY(h->pkey())
                                                                : nullptr;
    if (rsa == nullptr && ec == nullptr) return ThrowError(isolate, "Invalid key type");
    if (pem && spec != nullptr) {
      // A traditional PEM block encrypted under "Proc-Type: 4,ENCRYPTED".
      if (spec->evp == nullptr) return ThrowNoCipherOid(isolate, spec);
      bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
      auto* kstr = reinterpret_cast<uint8_t*>(&pass[0]);
      bool ok = rsa ? PEM_write_bio_RSAPrivateKey(bio.get(), rsa, spec->evp(), kstr, pass.size(),
                                                  nullptr, nullptr)
                    : PEM_write_bio_ECPrivateKey(bio.get(), ec, spec->evp(), kstr, pass.size(),
                                                 nullptr, nullptr);
      if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode private key");
      return args.GetReturnValue().Set(BioToString(isolate, bio.get()));
    }
    if (!CbbToString(&der, [&](CBB* cbb) {
          return rsa ? RSA_marshal_private_key(cbb, rsa) : der::AddSec1(cbb, ec, true);
        }))
      return ThrowOpenSSLError(isolate, "Failed to encode private key");
    if (!pem) return ReturnDer(args, der);
    return ReturnPem(args, rsa ? "RSA PRIVATE KEY" : "EC PRIVATE KEY", der,
                     "Failed to encode private key");
  }
  // PKCS #8, encrypted with PBES2 when a cipher is given.
  if (!CbbToString(&der, [&](CBB* cbb) { return der::AddPkcs8(cbb, h->key_); }))
    return ThrowOpenSSLError(isolate, "Failed to encode private key");
  if (spec != nullptr) {
    if (pbes2::CipherFor(spec->nid) == nullptr) return ThrowNoCipherOid(isolate, spec);
    std::string plain = std::move(der);
    bool ok = CbbToString(&der, [&](CBB* cbb) {
      return pbes2::Pbes2Encrypt(cbb, spec->nid, pass,
                                 reinterpret_cast<const uint8_t*>(plain.data()), plain.size());
    });
    OPENSSL_cleanse(&plain[0], plain.size());
    if (!ok) return ThrowOpenSSLError(isolate, "Failed to encode private key");
  }
  if (!pem) return ReturnDer(args, der);
  ReturnPem(args, spec != nullptr ? "ENCRYPTED PRIVATE KEY" : "PRIVATE KEY", der,
            "Failed to encode private key");
}

inline void KeyObjectHandle::Components(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || !h->asymmetric()) return;
  Local<Object> out = Object::New(isolate);
  auto set = [&](const char* k, Local<Value> v) {
    out->Set(context, OneByteString(isolate, k), v).Check();
  };
  bool priv = h->type_ == kPrivate;
  EVP_PKEY* pkey = h->pkey();
  switch (h->key_.id()) {
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
      const CurveName* curve = CurveByNid(GroupNid(group));
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
    case EVP_PKEY_ED448:
    case EVP_PKEY_X448: {
      const AsymKey& k = h->key_;
      set("kty", OneByteString(isolate, "OKP"));
      set("crv", OneByteString(isolate, k.raw_id == EVP_PKEY_ED448 ? "Ed448" : "X448"));
      set("x", CopyToArrayBuffer(isolate, k.raw_pub.data(), k.raw_pub.size()));
      if (priv) set("d", CopyToArrayBuffer(isolate, k.raw_priv.data(), k.raw_priv.size()));
      break;
    }
    default:  // rsa-pss, dsa, dh: no JWK form
      return;
  }
  args.GetReturnValue().Set(out);
}

inline const char* KeyObjectHandle::KeyTypeName(const AsymKey& key) {
  switch (key.id()) {
    case EVP_PKEY_RSA: return "rsa";
    case EVP_PKEY_RSA_PSS: return "rsa-pss";
    case EVP_PKEY_EC: return "ec";
    case EVP_PKEY_ED25519: return "ed25519";
    case EVP_PKEY_X25519: return "x25519";
    case EVP_PKEY_ED448: return "ed448";
    case EVP_PKEY_X448: return "x448";
    case EVP_PKEY_DSA: return "dsa";
    case EVP_PKEY_DH: return "dh";
    default: return nullptr;
  }
}

inline void KeyObjectHandle::KeyType(const FunctionCallbackInfo<Value>& args) {
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || !h->asymmetric()) return;
  const char* name = KeyTypeName(h->key_);
  if (name != nullptr) args.GetReturnValue().Set(OneByteString(args.GetIsolate(), name));
}

// A BIGNUM as a JS BigInt (from its 64-bit words).
inline MaybeLocal<v8::BigInt> BnToBigInt(Local<Context> context, const BIGNUM* bn) {
  size_t bytes = BN_num_bytes(bn);
  int words = static_cast<int>((bytes + 7) / 8);
  if (words == 0) words = 1;
  std::vector<uint64_t> w(words, 0);
  std::vector<uint8_t> le(words * 8, 0);
  BN_bn2le_padded(le.data(), le.size(), bn);
  for (int i = 0; i < words; i++)
    for (int j = 7; j >= 0; j--) w[i] = (w[i] << 8) | le[i * 8 + j];
  return v8::BigInt::NewFromWords(context, 0, words, w.data());
}

inline void KeyObjectHandle::Details(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || !h->asymmetric()) return;
  Local<Object> out = Object::New(isolate);
  auto set = [&](const char* k, Local<Value> v) {
    out->Set(context, OneByteString(isolate, k), v).Check();
  };
  const AsymKey& k = h->key_;
  if (k.id() == EVP_PKEY_RSA || k.id() == EVP_PKEY_RSA_PSS) {
    const RSA* rsa = EVP_PKEY_get0_RSA(k.pkey.get());
    set("modulusLength", v8::Integer::NewFromUnsigned(isolate, RSA_bits(rsa)));
    Local<v8::BigInt> e;
    if (BnToBigInt(context, RSA_get0_e(rsa)).ToLocal(&e)) set("publicExponent", e);
    if (k.pss && k.pss_params.present) {
      set("hashAlgorithm", OneByteString(isolate, DigestName(k.pss_params.Md())));
      set("mgf1HashAlgorithm", OneByteString(isolate, DigestName(k.pss_params.Mgf1Md())));
      set("saltLength", v8::Integer::New(isolate, k.pss_params.salt));
    }
  } else if (k.id() == EVP_PKEY_DSA) {
    const DSA* dsa = EVP_PKEY_get0_DSA(k.pkey.get());
    set("modulusLength", v8::Integer::NewFromUnsigned(isolate, BN_num_bits(DSA_get0_p(dsa))));
    set("divisorLength", v8::Integer::NewFromUnsigned(isolate, BN_num_bits(DSA_get0_q(dsa))));
  } else if (k.id() == EVP_PKEY_EC) {
    const EC_GROUP* group = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(k.pkey.get()));
    const CurveName* curve = CurveByNid(GroupNid(group));
    if (curve != nullptr) set("namedCurve", OneByteString(isolate, curve->name));
  }
  args.GetReturnValue().Set(out);
}

inline void KeyObjectHandle::EcPoint(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* h = Unwrap(args);
  if (h == nullptr || h->key_.id() != EVP_PKEY_EC) return;
  const EC_KEY* ec = EVP_PKEY_get0_EC_KEY(h->pkey());
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
  } else if (der::IsExtra(h->key_) || der::IsExtra(o->key_)) {
    // Same type and the same public key (as EVP_PKEY_cmp judges EVP keys).
    std::string a, b;
    eq = h->key_.id() == o->key_.id() &&
         CbbToString(&a, [&](CBB* cbb) { return der::AddSpki(cbb, h->key_); }) &&
         CbbToString(&b, [&](CBB* cbb) { return der::AddSpki(cbb, o->key_); }) && a == b;
  } else {
    eq = EVP_PKEY_cmp(h->pkey(), o->pkey()) == 1;
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
