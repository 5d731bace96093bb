// KeyObjectHandle: the native half of crypto.KeyObject. One handle holds a
// secret (bytes) or an asymmetric key (an EVP_PKEY: RSA, EC P-224/256/384/521,
// Ed25519, X25519). js_lib/internal/crypto/keys.js parses options and JWKs;
// this parses and writes PEM/DER and raw key components.
//
//   initSecret(bytes)
//   initPublic(data, 'pem'|'der', 'spki'|'pkcs1'|undefined, passphrase|null)
//        (private key material and certificates give their public key)
//   initPrivate(data, 'pem'|'der', 'pkcs8'|'pkcs1'|'sec1'|undefined, passphrase|null)
//   initPublicFrom(handle)                  public half of a private handle
//   initRsa(n, e[, d, p, q, dp, dq, qi])     -> false if inconsistent
//   initEc(curve, x, y[, d])                 -> false if not on the curve
//   initEcPoint(curve, point)                -> false if not a point
//   initEcPrivate(curve, d)                  -> false if d is out of range
//   initOkp('ed25519'|'x25519', x | null, d | null) -> false if bad lengths
//   type() -> 0 secret, 1 public, 2 private
//   exportSecret() -> ArrayBuffer
//   exportPublic('pem'|'der', 'spki'|'pkcs1') -> string | ArrayBuffer
//   exportPrivate('pem'|'der', 'pkcs8'|'pkcs1'|'sec1', cipher?, passphrase?)
//   components() -> {kty, ...ArrayBuffers} for JWK export
//   keyType() -> 'rsa' | 'ec' | 'ed25519' | 'x25519' | 'dsa' | 'dh' | undefined
//   details() -> {modulusLength, publicExponent} | {namedCurve} | {}
//   ecPoint(compressed) -> ArrayBuffer; equals(handle) -> bool; size() -> n
#ifndef KILN_BINDINGS_CRYPTO_KEYS_H_
#define KILN_BINDINGS_CRYPTO_KEYS_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/curve25519.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/nid.h>
#include <openssl/pem.h>
#include <openssl/pkcs8.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <string>

#include "bindings/crypto_cipher_table.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

using PKeyPtr = bssl::UniquePtr<EVP_PKEY>;

// ---- curves -----------------------------------------------------------------------

struct CurveName {
  const char* name;  // OpenSSL's short name (what Node reports)
  const char* nist;  // NIST / JWK name
  int nid;
};
inline const CurveName* Curves() {
  static const CurveName kCurves[] = {
      {"secp224r1", "P-224", NID_secp224r1},
      {"prime256v1", "P-256", NID_X9_62_prime256v1},
      {"secp384r1", "P-384", NID_secp384r1},
      {"secp521r1", "P-521", NID_secp521r1},
      {nullptr, nullptr, 0},
  };
  return kCurves;
}

// Node's GetCurveFromName: the NIST name or OpenSSL's short name.
inline int CurveNid(const char* name) {
  for (const CurveName* c = Curves(); c->name != nullptr; c++)
    if (strcmp(c->nist, name) == 0 || strcmp(c->name, name) == 0) return c->nid;
  return NID_undef;
}
inline const CurveName* CurveByNid(int nid) {
  for (const CurveName* c = Curves(); c->name != nullptr; c++)
    if (c->nid == nid) return c;
  return nullptr;
}

// ---- small helpers ------------------------------------------------------------------

// The bytes a BIO holds, as a JS string.
inline Local<Value> BioToString(Isolate* isolate, BIO* bio) {
  const uint8_t* data;
  size_t len;
  BIO_mem_contents(bio, &data, &len);
  return String::NewFromUtf8(isolate, reinterpret_cast<const char*>(data),
                             v8::NewStringType::kNormal, static_cast<int>(len))
      .ToLocalChecked();
}

// Runs `write(cbb)`; the result as an ArrayBuffer, or empty on failure.
template <typename F>
inline MaybeLocal<ArrayBuffer> CbbToArrayBuffer(Isolate* isolate, F write) {
  bssl::ScopedCBB cbb;
  uint8_t* data = nullptr;
  size_t len = 0;
  if (!CBB_init(cbb.get(), 256) || !write(cbb.get()) || !CBB_finish(cbb.get(), &data, &len))
    return {};
  Local<ArrayBuffer> ab = CopyToArrayBuffer(isolate, data, len);
  OPENSSL_free(data);
  return ab;
}

inline Local<ArrayBuffer> BnToArrayBuffer(Isolate* isolate, const BIGNUM* bn, size_t pad = 0) {
  size_t len = BN_num_bytes(bn);
  if (pad > len) len = pad;
  Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, len);
  BN_bn2bin_padded(static_cast<uint8_t*>(ab->Data()), len, bn);
  return ab;
}

inline BIGNUM* BnFrom(Local<Value> v) {
  Bytes b;
  if (!GetBytes(v, &b)) return nullptr;
  return BN_bin2bn(b.data, b.size, nullptr);
}

// Passphrase callback for the PEM readers: `u` is the passphrase (or null).
struct Passphrase {
  bool given = false;
  std::string value;
  bool asked = false;
};
inline int PassphraseCallback(char* buf, int size, int, void* u) {
  auto* p = static_cast<Passphrase*>(u);
  p->asked = true;
  if (!p->given) return -1;
  size_t n = p->value.size();
  if (n > static_cast<size_t>(size)) return -1;
  memcpy(buf, p->value.data(), n);
  return static_cast<int>(n);
}

// Node (OpenSSL 3) reports an encrypted key read without a passphrase so.
inline Local<Value> MissingPassphraseError(Isolate* isolate) {
  Local<Object> e = MakeError(isolate,
      "error:07880109:common libcrypto routines::interrupted or cancelled").As<Object>();
  SetStringProp(isolate, e, "library", "common libcrypto routines");
  SetStringProp(isolate, e, "reason", "interrupted or cancelled");
  SetStringProp(isolate, e, "code", "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED");
  return e;
}

// OpenSSL 3's DECODER error, which Node 20 reports for unparsable keys.
inline Local<Value> DecoderError(Isolate* isolate) {
  ERR_clear_error();
  Local<Object> e = MakeError(isolate, "error:1E08010C:DECODER routines::unsupported").As<Object>();
  SetStringProp(isolate, e, "library", "DECODER routines");
  SetStringProp(isolate, e, "reason", "unsupported");
  SetStringProp(isolate, e, "code", "ERR_OSSL_UNSUPPORTED");
  return e;
}

// ---- parsing ------------------------------------------------------------------------------

inline EVP_PKEY* PKeyFromRsa(RSA* rsa) {
  if (rsa == nullptr) return nullptr;
  EVP_PKEY* pkey = EVP_PKEY_new();
  EVP_PKEY_assign_RSA(pkey, rsa);
  return pkey;
}
inline EVP_PKEY* PKeyFromEc(EC_KEY* ec) {
  if (ec == nullptr) return nullptr;
  EVP_PKEY* pkey = EVP_PKEY_new();
  EVP_PKEY_assign_EC_KEY(pkey, ec);
  return pkey;
}

// A PEM block's label ("PUBLIC KEY", ...), empty if there is none.
inline std::string PemLabel(const std::string& pem) {
  size_t b = pem.find("-----BEGIN ");
  if (b == std::string::npos) return "";
  b += 11;
  size_t e = pem.find("-----", b);
  if (e == std::string::npos) return "";
  return pem.substr(b, e - b);
}

inline EVP_PKEY* ParsePublicPem(const std::string& pem) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  std::string label = PemLabel(pem);
  if (label == "PUBLIC KEY") return PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (label == "RSA PUBLIC KEY")
    return PKeyFromRsa(PEM_read_bio_RSAPublicKey(bio.get(), nullptr, nullptr, nullptr));
  if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
    bssl::UniquePtr<X509> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    return x ? X509_get_pubkey(x.get()) : nullptr;
  }
  return nullptr;
}

inline EVP_PKEY* ParsePrivatePem(const std::string& pem, Passphrase* pass) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  return PEM_read_bio_PrivateKey(bio.get(), nullptr, PassphraseCallback, pass);
}

inline EVP_PKEY* ParsePublicDer(const std::string& der, const std::string& type) {
  CBS cbs;
  CBS_init(&cbs, reinterpret_cast<const uint8_t*>(der.data()), der.size());
  if (type == "pkcs1") {
    RSA* rsa = RSA_parse_public_key(&cbs);
    if (rsa != nullptr && CBS_len(&cbs) != 0) {
      RSA_free(rsa);
      return nullptr;
    }
    return PKeyFromRsa(rsa);
  }
  EVP_PKEY* pkey = EVP_parse_public_key(&cbs);
  if (pkey != nullptr && CBS_len(&cbs) != 0) {
    EVP_PKEY_free(pkey);
    return nullptr;
  }
  return pkey;
}

inline EVP_PKEY* ParsePrivateDer(const std::string& der, const std::string& type,
                                 Passphrase* pass) {
  CBS cbs;
  CBS_init(&cbs, reinterpret_cast<const uint8_t*>(der.data()), der.size());
  if (type == "pkcs1") return PKeyFromRsa(RSA_parse_private_key(&cbs));
  if (type == "sec1") return PKeyFromEc(EC_KEY_parse_private_key(&cbs, nullptr));
  EVP_PKEY* pkey = EVP_parse_private_key(&cbs);
  if (pkey != nullptr) return pkey;
  // An EncryptedPrivateKeyInfo?
  ERR_clear_error();
  CBS_init(&cbs, reinterpret_cast<const uint8_t*>(der.data()), der.size());
  CBS seq, inner;
  if (CBS_get_asn1(&cbs, &seq, CBS_ASN1_SEQUENCE) && CBS_get_asn1(&seq, &inner, CBS_ASN1_SEQUENCE)) {
    pass->asked = true;
    if (!pass->given) return nullptr;
    CBS_init(&cbs, reinterpret_cast<const uint8_t*>(der.data()), der.size());
    return PKCS8_parse_encrypted_private_key(&cbs, pass->value.data(), pass->value.size());
  }
  return nullptr;
}

// ---- the handle ---------------------------------------------------------------------------

class KeyObjectHandle : public Wrapped<KeyObjectHandle> {
 public:
  enum Type { kSecret = 0, kPublic = 1, kPrivate = 2 };

  KeyObjectHandle(Isolate* isolate, Local<Object> obj) : Wrapped(isolate, obj) {}

  static void New(const FunctionCallbackInfo<Value>& args) {
    if (!IsConstructCall(args)) return;
    new KeyObjectHandle(args.GetIsolate(), args.This());
  }

  Type type() const { return type_; }
  EVP_PKEY* pkey() const { return pkey_.get(); }
  const std::string& secret() const { return secret_; }

  void SetPKey(EVP_PKEY* pkey, Type type) {
    pkey_.reset(pkey);
    type_ = type;
  }

  static void InitSecret(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    if (!ArgData(args, 0, -1, "key", &h->secret_)) return;
    h->type_ = kSecret;
  }

  // Reads (data, format, type, passphrase) into the strings Parse* take.
  static bool KeyArgs(const FunctionCallbackInfo<Value>& args, std::string* data,
                      std::string* format, std::string* type, Passphrase* pass) {
    Isolate* isolate = args.GetIsolate();
    if (!ArgData(args, 0, -1, "key", data)) return false;
    if (args[1]->IsString()) *format = *String::Utf8Value(isolate, args[1]);
    if (args[2]->IsString()) *type = *String::Utf8Value(isolate, args[2]);
    if (!args[3]->IsNullOrUndefined()) {
      pass->given = true;
      if (!ArgData(args, 3, -1, "passphrase", &pass->value)) return false;
    }
    return true;
  }

  static void InitPublic(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    std::string data, format, type;
    Passphrase pass;
    if (!KeyArgs(args, &data, &format, &type, &pass)) return;
    EVP_PKEY* pkey = nullptr;
    if (format == "pem") {
      pkey = ParsePublicPem(data);
      if (pkey == nullptr) {
        ERR_clear_error();
        pkey = ParsePrivatePem(data, &pass);
        if (pkey == nullptr && pass.asked && !pass.given)
          return (void)isolate->ThrowException(MissingPassphraseError(isolate));
      }
    } else {
      pkey = ParsePublicDer(data, type);
      if (pkey == nullptr && type != "pkcs1") {
        ERR_clear_error();
        pkey = ParsePrivateDer(data, "pkcs8", &pass);
      } else if (pkey == nullptr) {
        ERR_clear_error();
        pkey = ParsePrivateDer(data, "pkcs1", &pass);
      }
    }
    if (pkey == nullptr) return (void)isolate->ThrowException(DecoderError(isolate));
    h->SetPKey(pkey, kPublic);
  }

  static void InitPrivate(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    std::string data, format, type;
    Passphrase pass;
    if (!KeyArgs(args, &data, &format, &type, &pass)) return;
    EVP_PKEY* pkey = format == "pem" ? ParsePrivatePem(data, &pass)
                                     : ParsePrivateDer(data, type, &pass);
    if (pkey == nullptr) {
      if (pass.asked && !pass.given)
        return (void)isolate->ThrowException(MissingPassphraseError(isolate));
      uint32_t err = ERR_peek_last_error();
      if (pass.asked && ERR_GET_LIB(err) == ERR_LIB_CIPHER) {
        ERR_clear_error();
        Local<Object> e = MakeError(isolate,
            "error:1C800064:Provider routines::bad decrypt").As<Object>();
        SetStringProp(isolate, e, "library", "Provider routines");
        SetStringProp(isolate, e, "reason", "bad decrypt");
        SetStringProp(isolate, e, "code", "ERR_OSSL_BAD_DECRYPT");
        return (void)isolate->ThrowException(e);
      }
      if (pass.asked) {
        ERR_clear_error();
        return (void)isolate->ThrowException(
            MakeError(isolate, "error:1C800064:Provider routines::bad decrypt",
                      "ERR_OSSL_BAD_DECRYPT"));
      }
      return (void)isolate->ThrowException(DecoderError(isolate));
    }
    h->SetPKey(pkey, kPrivate);
  }

  static void InitPublicFrom(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    KeyObjectHandle* from = Check(args[0]);
    if (from == nullptr || from->pkey_ == nullptr)
      return (void)ArgTypeError(args.GetIsolate(), "key", "an asymmetric key handle");
    // The public half: re-parse its SubjectPublicKeyInfo.
    bssl::ScopedCBB cbb;
    uint8_t* der = nullptr;
    size_t len = 0;
    if (!CBB_init(cbb.get(), 256) || !EVP_marshal_public_key(cbb.get(), from->pkey_.get()) ||
        !CBB_finish(cbb.get(), &der, &len))
      return ThrowOpenSSLError(args.GetIsolate(), "Failed to get public key");
    CBS cbs;
    CBS_init(&cbs, der, len);
    EVP_PKEY* pub = EVP_parse_public_key(&cbs);
    OPENSSL_free(der);
    if (pub == nullptr) return ThrowOpenSSLError(args.GetIsolate(), "Failed to get public key");
    h->SetPKey(pub, kPublic);
  }

  static void InitRsa(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    bssl::UniquePtr<RSA> rsa(RSA_new());
    BIGNUM* n = BnFrom(args[0]);
    BIGNUM* e = BnFrom(args[1]);
    BIGNUM* d = args.Length() > 2 ? BnFrom(args[2]) : nullptr;
    if (n == nullptr || e == nullptr || !RSA_set0_key(rsa.get(), n, e, d)) {
      BN_free(n);
      BN_free(e);
      BN_free(d);
      return args.GetReturnValue().Set(false);
    }
    bool priv = d != nullptr;
    if (priv) {
      BIGNUM* p = BnFrom(args[3]);
      BIGNUM* q = BnFrom(args[4]);
      BIGNUM* dp = BnFrom(args[5]);
      BIGNUM* dq = BnFrom(args[6]);
      BIGNUM* qi = BnFrom(args[7]);
      bool ok = p && q && dp && dq && qi && RSA_set0_factors(rsa.get(), p, q);
      if (!ok) {
        BN_free(p);
        BN_free(q);
      }
      ok = ok && RSA_set0_crt_params(rsa.get(), dp, dq, qi);
      if (!ok) {
        BN_free(dp);
        BN_free(dq);
        BN_free(qi);
        return args.GetReturnValue().Set(false);
      }
      if (!RSA_check_key(rsa.get())) {
        ERR_clear_error();
        return args.GetReturnValue().Set(false);
      }
    }
    h->SetPKey(PKeyFromRsa(rsa.release()), priv ? kPrivate : kPublic);
    args.GetReturnValue().Set(true);
  }

  static void InitEc(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    int nid = CurveNid(*String::Utf8Value(isolate, args[0]));
    bssl::UniquePtr<EC_KEY> ec(nid == NID_undef ? nullptr : EC_KEY_new_by_curve_name(nid));
    bssl::UniquePtr<BIGNUM> x(BnFrom(args[1])), y(BnFrom(args[2]));
    if (!ec || !x || !y ||
        !EC_KEY_set_public_key_affine_coordinates(ec.get(), x.get(), y.get())) {
      ERR_clear_error();
      return args.GetReturnValue().Set(false);
    }
    bool priv = args.Length() > 3 && !args[3]->IsUndefined();
    if (priv) {
      bssl::UniquePtr<BIGNUM> d(BnFrom(args[3]));
      if (!d || !EC_KEY_set_private_key(ec.get(), d.get()) || !EC_KEY_check_key(ec.get())) {
        ERR_clear_error();
        return args.GetReturnValue().Set(false);
      }
    }
    h->SetPKey(PKeyFromEc(ec.release()), priv ? kPrivate : kPublic);
    args.GetReturnValue().Set(true);
  }

  static void InitEcPoint(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    int nid = CurveNid(*String::Utf8Value(isolate, args[0]));
    Bytes point;
    if (!ArgBytes(args, 1, "point", &point)) return;
    bssl::UniquePtr<EC_KEY> ec(nid == NID_undef ? nullptr : EC_KEY_new_by_curve_name(nid));
    bssl::UniquePtr<EC_POINT> pt(ec ? EC_POINT_new(EC_KEY_get0_group(ec.get())) : nullptr);
    if (!pt ||
        !EC_POINT_oct2point(EC_KEY_get0_group(ec.get()), pt.get(), point.data, point.size,
                            nullptr) ||
        !EC_KEY_set_public_key(ec.get(), pt.get())) {
      ERR_clear_error();
      return args.GetReturnValue().Set(false);
    }
    h->SetPKey(PKeyFromEc(ec.release()), kPublic);
    args.GetReturnValue().Set(true);
  }

  // initEcPrivate(curve, d): the public key is computed (d * G).
  static void InitEcPrivate(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    int nid = CurveNid(*String::Utf8Value(isolate, args[0]));
    bssl::UniquePtr<EC_KEY> ec(nid == NID_undef ? nullptr : EC_KEY_new_by_curve_name(nid));
    bssl::UniquePtr<BIGNUM> d(BnFrom(args[1]));
    if (!ec || !d) return args.GetReturnValue().Set(false);
    const EC_GROUP* group = EC_KEY_get0_group(ec.get());
    bssl::UniquePtr<EC_POINT> pub(EC_POINT_new(group));
    if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(group)) >= 0 ||
        !EC_KEY_set_private_key(ec.get(), d.get()) ||
        !EC_POINT_mul(group, pub.get(), d.get(), nullptr, nullptr, nullptr) ||
        !EC_KEY_set_public_key(ec.get(), pub.get())) {
      ERR_clear_error();
      return args.GetReturnValue().Set(false);
    }
    h->SetPKey(PKeyFromEc(ec.release()), kPrivate);
    args.GetReturnValue().Set(true);
  }

  static void InitOkp(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    std::string name = *String::Utf8Value(isolate, args[0]);
    int id = name == "ed25519" ? EVP_PKEY_ED25519 : name == "x25519" ? EVP_PKEY_X25519 : 0;
    Bytes pub, priv;
    bool has_pub = GetBytes(args[1], &pub), has_priv = GetBytes(args[2], &priv);
    if (id == 0 || (!has_pub && !has_priv)) return args.GetReturnValue().Set(false);
    EVP_PKEY* pkey = has_priv ? EVP_PKEY_new_raw_private_key(id, nullptr, priv.data, priv.size)
                              : EVP_PKEY_new_raw_public_key(id, nullptr, pub.data, pub.size);
    if (pkey == nullptr) {
      ERR_clear_error();
      return args.GetReturnValue().Set(false);
    }
    if (has_priv && has_pub) {
      uint8_t derived[32];
      size_t len = sizeof(derived);
      if (!EVP_PKEY_get_raw_public_key(pkey, derived, &len) || len != pub.size ||
          memcmp(derived, pub.data, len) != 0) {
        EVP_PKEY_free(pkey);
        return args.GetReturnValue().Set(false);
      }
    }
    h->SetPKey(pkey, has_priv ? kPrivate : kPublic);
    args.GetReturnValue().Set(true);
  }

  static void GetType(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h != nullptr) args.GetReturnValue().Set(static_cast<int>(h->type_));
  }

  static void ExportSecret(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    args.GetReturnValue().Set(
        CopyToArrayBuffer(args.GetIsolate(), h->secret_.data(), h->secret_.size()));
  }

  static void Size(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h != nullptr) args.GetReturnValue().Set(static_cast<double>(h->secret_.size()));
  }

  static void ExportPublic(const FunctionCallbackInfo<Value>& args) {
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

  static void ExportPrivate(const FunctionCallbackInfo<Value>& args) {
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

  static void Components(const FunctionCallbackInfo<Value>& args) {
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

  static const char* KeyTypeName(EVP_PKEY* pkey) {
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

  static void KeyType(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr || h->pkey_ == nullptr) return;
    const char* name = KeyTypeName(h->pkey_.get());
    if (name != nullptr) args.GetReturnValue().Set(OneByteString(args.GetIsolate(), name));
  }

  static void Details(const FunctionCallbackInfo<Value>& args) {
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

  static void EcPoint(const FunctionCallbackInfo<Value>& args) {
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

  static void Equals(const FunctionCallbackInfo<Value>& args) {
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

 private:
  Type type_ = kSecret;
  std::string secret_;
  PKeyPtr pkey_;
};

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

#endif  // KILN_BINDINGS_CRYPTO_KEYS_H_
