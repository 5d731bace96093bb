// KeyObjectHandle: the native half of crypto.KeyObject. One handle holds a
// secret (bytes) or an asymmetric key (an AsymKey, crypto_asym_key.h: RSA,
// RSA-PSS, DSA, DH, EC on P-224/256/384/521 and secp256k1, Ed25519, Ed448,
// X25519, X448). js_lib/internal/crypto/keys.js parses options and JWKs;
// this parses and writes PEM/DER and raw key components.
//
//   initSecret(bytes)
//   initPublic(data, 'pem'|'der', 'spki'|'pkcs1'|undefined, passphrase|null)
//        (private key material and certificates give their public key)
//   initPrivate(data, 'pem'|'der', 'pkcs8'|'pkcs1'|'sec1'|undefined, passphrase|null,
//               publicToo)   (publicToo: a public key is taken as such)
//   initPublicFrom(handle)                  public half of a private handle
//   initRsa(n, e[, d, p, q, dp, dq, qi])     -> false if inconsistent
//   initEc(curve, x, y[, d])                 -> false if not on the curve
//   initEcPoint(curve, point)                -> false if not a point
//   initEcPrivate(curve, d)                  -> false if d is out of range
//   initOkp('ed25519'|'x25519'|'ed448'|'x448', x | null, d | null) -> false if bad
//   type() -> 0 secret, 1 public, 2 private
//   exportSecret() -> ArrayBuffer
//   exportPublic('pem'|'der', 'spki'|'pkcs1') -> string | ArrayBuffer
//   exportPrivate('pem'|'der', 'pkcs8'|'pkcs1'|'sec1', cipher?, passphrase?)
//   components() -> {kty, ...ArrayBuffers} for JWK export
//   keyType() -> 'rsa' | 'rsa-pss' | 'dsa' | 'dh' | 'ec' | 'ed25519' | 'ed448' | 'x25519' | 'x448'
//   details() -> {modulusLength, publicExponent[, hashAlgorithm, mgf1HashAlgorithm,
//                 saltLength]} | {modulusLength, divisorLength} | {namedCurve} | {}
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

#include "bindings/crypto_asym_key.h"
#include "bindings/crypto_cipher_table.h"
#include "bindings/crypto_key_parse.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

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
  // The EVP_PKEY, null for secrets and for DH, Ed448 and X448 keys.
  EVP_PKEY* pkey() const { return key_.pkey.get(); }
  const AsymKey& key() const { return key_; }
  bool asymmetric() const { return !key_.empty(); }
  const std::string& secret() const { return secret_; }

  void SetPKey(EVP_PKEY* pkey, Type type) {
    key_ = AsymKey();
    key_.pkey.reset(pkey);
    type_ = type;
  }
  void SetKey(AsymKey&& key, Type type) {
    key_ = std::move(key);
    type_ = type;
  }

  // The handle in args[i] if it holds an asymmetric key; else throws.
  static KeyObjectHandle* AsymmetricArg(const FunctionCallbackInfo<Value>& args, int i) {
    KeyObjectHandle* k = Check(args[i]);
    if (k == nullptr || !k->asymmetric()) {
      ArgTypeError(args.GetIsolate(), "key", "an asymmetric key handle");
      return nullptr;
    }
    return k;
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

  // Why a key could not be read, as Node words it: a passphrase missing or
  // wrong, else the data itself.
  static void ThrowReadError(Isolate* isolate, const Passphrase& pass, bool pem) {
    if (pass.asked && !pass.given)
      return (void)isolate->ThrowException(MissingPassphraseError(isolate, pem));
    if (pass.asked) {
      ERR_clear_error();
      return (void)isolate->ThrowException(
          OsslError(isolate, "1C800064", "Provider routines", "bad decrypt"));
    }
    isolate->ThrowException(DecoderError(isolate));
  }

  static void InitPublic(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    std::string data, format, type;
    Passphrase pass;
    if (!KeyArgs(args, &data, &format, &type, &pass)) return;
    AsymKey key;
    bool ok;
    if (format == "pem") {
      ok = ReadPublicPem(data, &key);
      if (!ok) {
        ERR_clear_error();
        key = AsymKey();
        ok = ReadPrivatePem(data, &pass, &key);
      }
    } else {
      ok = ReadPublicDer(data, type, &key);
      if (!ok) {
        ERR_clear_error();
        key = AsymKey();
        ok = ReadPrivateDer(data, type == "pkcs1" ? "pkcs1" : "pkcs8", &pass, &key);
      }
    }
    if (!ok) return ThrowReadError(isolate, pass, format == "pem");
    h->SetKey(std::move(key), kPublic);
  }

  static void InitPrivate(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    std::string data, format, type;
    Passphrase pass;
    if (!KeyArgs(args, &data, &format, &type, &pass)) return;
    AsymKey key;
    // Node's private-key operations (privateDecrypt ...) take a public key
    // too, and fail later in OpenSSL: args[4] asks for that reading.
    if (args[4]->IsTrue()) {
      bool pub = format == "pem" ? ReadPublicPem(data, &key)
                 : type == "spki" || type == "pkcs1" ? ReadPublicDer(data, type, &key) : false;
      if (pub) return h->SetKey(std::move(key), kPublic);
      ERR_clear_error();
      key = AsymKey();
    }
    bool ok = format == "pem" ? ReadPrivatePem(data, &pass, &key)
                              : ReadPrivateDer(data, type, &pass, &key);
    if (!ok) return ThrowReadError(isolate, pass, format == "pem");
    h->SetKey(std::move(key), kPrivate);
  }

  static void InitPublicFrom(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    KeyObjectHandle* from = Check(args[0]);
    if (from == nullptr || !from->asymmetric())
      return (void)ArgTypeError(args.GetIsolate(), "key", "an asymmetric key handle");
    // The public half: re-parse its SubjectPublicKeyInfo.
    std::string spki;
    AsymKey pub;
    if (!CbbToString(&spki, [&](CBB* cbb) { return der::AddSpki(cbb, from->key_); }) ||
        !ReadPublicDer(spki, "spki", &pub))
      return ThrowOpenSSLError(args.GetIsolate(), "Failed to get public key");
    h->SetKey(std::move(pub), kPublic);
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

  // Opens an initEc*: the handle, and a new EC_KEY on the curve args[0]
  // names (null for an unknown curve). False when an exception is pending.
  static bool EcArgs(const FunctionCallbackInfo<Value>& args, KeyObjectHandle** h,
                     bssl::UniquePtr<EC_KEY>* ec) {
    *h = Unwrap(args);
    if (*h == nullptr) return false;
    if (!args[0]->IsString()) {
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                     "The \"0\" argument must be of type string");
      return false;
    }
    int nid = CurveNid(*String::Utf8Value(args.GetIsolate(), args[0]));
    ec->reset(nid == NID_undef ? nullptr : NewEcKey(nid));
    return true;
  }

  // Closes an initEc*: when `ok`, `ec` becomes the key (as `type`) and JS
  // gets true; otherwise false, with OpenSSL's error queue cleared.
  void TakeEc(const FunctionCallbackInfo<Value>& args, bool ok, bssl::UniquePtr<EC_KEY>* ec,
              Type type) {
    if (!ok) {
      ERR_clear_error();
      return args.GetReturnValue().Set(false);
    }
    SetPKey(PKeyFromEc(ec->release()), type);
    args.GetReturnValue().Set(true);
  }

  static void InitEc(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h;
    bssl::UniquePtr<EC_KEY> ec;
    if (!EcArgs(args, &h, &ec)) return;
    bssl::UniquePtr<BIGNUM> x(BnFrom(args[1])), y(BnFrom(args[2]));
    bool ok = ec && x && y &&
              EC_KEY_set_public_key_affine_coordinates(ec.get(), x.get(), y.get());
    bool priv = args.Length() > 3 && !args[3]->IsUndefined();
    if (ok && priv) {
      bssl::UniquePtr<BIGNUM> d(BnFrom(args[3]));
      ok = d && EC_KEY_set_private_key(ec.get(), d.get()) && EC_KEY_check_key(ec.get());
    }
    h->TakeEc(args, ok, &ec, priv ? kPrivate : kPublic);
  }

  static void InitEcPoint(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h;
    bssl::UniquePtr<EC_KEY> ec;
    if (!EcArgs(args, &h, &ec)) return;
    Bytes point;
    if (!ArgBytes(args, 1, "point", &point)) return;
    bssl::UniquePtr<EC_POINT> pt(ec ? EC_POINT_new(EC_KEY_get0_group(ec.get())) : nullptr);
    bool ok = pt &&
              EC_POINT_oct2point(EC_KEY_get0_group(ec.get()), pt.get(), point.data, point.size,
                                 nullptr) &&
              EC_KEY_set_public_key(ec.get(), pt.get());
    h->TakeEc(args, ok, &ec, kPublic);
  }

  // initEcPrivate(curve, d): the public key is computed (d * G).
  static void InitEcPrivate(const FunctionCallbackInfo<Value>& args) {
    KeyObjectHandle* h;
    bssl::UniquePtr<EC_KEY> ec;
    if (!EcArgs(args, &h, &ec)) return;
    bssl::UniquePtr<BIGNUM> d(BnFrom(args[1]));
    if (!ec || !d) return args.GetReturnValue().Set(false);
    const EC_GROUP* group = EC_KEY_get0_group(ec.get());
    bssl::UniquePtr<EC_POINT> pub(EC_POINT_new(group));
    bool ok = !BN_is_zero(d.get()) && BN_cmp(d.get(), EC_GROUP_get0_order(group)) < 0 &&
              EC_KEY_set_private_key(ec.get(), d.get()) &&
              EC_POINT_mul(group, pub.get(), d.get(), nullptr, nullptr, nullptr) &&
              EC_KEY_set_public_key(ec.get(), pub.get());
    h->TakeEc(args, ok, &ec, kPrivate);
  }

  static void InitOkp(const FunctionCallbackInfo<Value>& args) {
    Isolate* isolate = args.GetIsolate();
    KeyObjectHandle* h = Unwrap(args);
    if (h == nullptr) return;
    CHECK_ARG(args, 0, IsString, "of type string");
    std::string name = *String::Utf8Value(isolate, args[0]);
    int id = name == "ed25519" ? EVP_PKEY_ED25519 : name == "x25519" ? EVP_PKEY_X25519
             : name == "ed448" ? EVP_PKEY_ED448 : name == "x448" ? EVP_PKEY_X448 : 0;
    Bytes pub, priv;
    bool has_pub = GetBytes(args[1], &pub), has_priv = GetBytes(args[2], &priv);
    if (id == 0 || (!has_pub && !has_priv)) return args.GetReturnValue().Set(false);
    AsymKey key;
    if (id == EVP_PKEY_ED448 || id == EVP_PKEY_X448) {
      if (!key.SetRaw(id, pub.data, pub.size, has_priv ? priv.data : nullptr, priv.size) ||
          (has_priv && has_pub &&
           (pub.size != key.raw_pub.size() || memcmp(pub.data, key.raw_pub.data(), pub.size))))
        return args.GetReturnValue().Set(false);
    } else {
      key.pkey.reset(has_priv ? EVP_PKEY_new_raw_private_key(id, nullptr, priv.data, priv.size)
                              : EVP_PKEY_new_raw_public_key(id, nullptr, pub.data, pub.size));
      if (!key.pkey) {
        ERR_clear_error();
        return args.GetReturnValue().Set(false);
      }
      if (has_priv && has_pub) {
        uint8_t derived[32];
        size_t len = sizeof(derived);
        if (!EVP_PKEY_get_raw_public_key(key.pkey.get(), derived, &len) || len != pub.size ||
            memcmp(derived, pub.data, len) != 0)
          return args.GetReturnValue().Set(false);
      }
    }
    h->SetKey(std::move(key), has_priv ? kPrivate : kPublic);
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

  // Exporting and describing keys: crypto_key_export.h.
  static void ExportPublic(const FunctionCallbackInfo<Value>& args);
  static void ExportPrivate(const FunctionCallbackInfo<Value>& args);
  static void Components(const FunctionCallbackInfo<Value>& args);
  static const char* KeyTypeName(const AsymKey& key);
  static void KeyType(const FunctionCallbackInfo<Value>& args);
  static void Details(const FunctionCallbackInfo<Value>& args);
  static void EcPoint(const FunctionCallbackInfo<Value>& args);
  static void Equals(const FunctionCallbackInfo<Value>& args);

 private:
  Type type_ = kSecret;
  std::string secret_;
  AsymKey key_;
};

}  // namespace kiln::bindings::crypto

#include "bindings/crypto_key_export.h"

#endif  // KILN_BINDINGS_CRYPTO_KEYS_H_
