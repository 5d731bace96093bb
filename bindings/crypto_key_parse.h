// Key parsing helpers for process.binding('crypto') (crypto_keys.h): the
// named curves, PEM/DER readers with passphrases, and the errors Node (on
// OpenSSL 3) reports for unreadable keys.
#ifndef KILN_BINDINGS_CRYPTO_KEY_PARSE_H_
#define KILN_BINDINGS_CRYPTO_KEY_PARSE_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/nid.h>
#include <openssl/pem.h>
#include <openssl/pkcs8.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <string>

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

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEY_PARSE_H_
