// Key parsing helpers for process.binding('crypto') (crypto_keys.h): the
// named curves, PEM/DER readers with passphrases, and the errors Node (on
// OpenSSL 3) reports for unreadable keys.
#ifndef KILN_BINDINGS_CRYPTO_KEY_PARSE_H_
#define KILN_BINDINGS_CRYPTO_KEY_PARSE_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/cipher.h>
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

// An encrypted key read without a passphrase: OpenSSL 3's failed prompt for
// PEM; for DER, Node checks first and throws its own TypeError.
inline Local<Value> MissingPassphraseError(Isolate* isolate, bool pem) {
  if (!pem)
    return MakeError(isolate, "Passphrase required for encrypted key", "ERR_MISSING_PASSPHRASE",
                     true);
  return OsslError(isolate, "07880109", "common libcrypto routines", "interrupted or cancelled");
}

// OpenSSL 3's DECODER error, which Node 20 reports for unparsable keys.
inline Local<Value> DecoderError(Isolate* isolate) {
  ERR_clear_error();
  return OsslError(isolate, "1E08010C", "DECODER routines", "unsupported");
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

// BoringSSL's PEM readers refuse an empty passphrase, which OpenSSL takes
// (and Node's keygen writes): such keys are decrypted here. Null for any
// other PEM.
inline EVP_PKEY* ParseEmptyPassphrasePem(const std::string& pem) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  char* name = nullptr;
  char* header = nullptr;
  uint8_t* data = nullptr;
  long len = 0;
  if (!PEM_read_bio(bio.get(), &name, &header, &data, &len)) return nullptr;
  bssl::UniquePtr<char> name_owner(name), header_owner(header);
  bssl::UniquePtr<uint8_t> data_owner(data);
  std::string label = name;
  CBS cbs;
  if (label == "ENCRYPTED PRIVATE KEY") {
    CBS_init(&cbs, data, static_cast<size_t>(len));
    return PKCS8_parse_encrypted_private_key(&cbs, "", 0);
  }
  // A traditional "Proc-Type: 4,ENCRYPTED" block: the key is EVP_BytesToKey
  // (MD5, one round) of the passphrase, salted with the IV's first 8 bytes.
  EVP_CIPHER_INFO info;
  if (!PEM_get_EVP_CIPHER_INFO(header, &info) || info.cipher == nullptr) return nullptr;
  uint8_t key[EVP_MAX_KEY_LENGTH];
  std::string out(static_cast<size_t>(len) + EVP_MAX_BLOCK_LENGTH, '\0');
  auto* o = reinterpret_cast<uint8_t*>(&out[0]);
  int n1 = 0, n2 = 0;
  bssl::ScopedEVP_CIPHER_CTX ctx;
  static const uint8_t kEmpty[1] = {0};  // non-null: a null one derives nothing
  if (!EVP_BytesToKey(info.cipher, EVP_md5(), info.iv, kEmpty, 0, 1, key, nullptr) ||
      !EVP_DecryptInit_ex(ctx.get(), info.cipher, nullptr, key, info.iv) ||
      !EVP_DecryptUpdate(ctx.get(), o, &n1, data, static_cast<int>(len)) ||
      !EVP_DecryptFinal_ex(ctx.get(), o + n1, &n2))
    return nullptr;
  CBS_init(&cbs, o, static_cast<size_t>(n1 + n2));
  if (label == "RSA PRIVATE KEY") return PKeyFromRsa(RSA_parse_private_key(&cbs));
  if (label == "EC PRIVATE KEY") return PKeyFromEc(EC_KEY_parse_private_key(&cbs, nullptr));
  if (label == "PRIVATE KEY") return EVP_parse_private_key(&cbs);
  return nullptr;
}

inline EVP_PKEY* ParsePrivatePem(const std::string& pem, Passphrase* pass) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, PassphraseCallback, pass);
  if (pkey == nullptr && pass->asked && pass->given && pass->value.empty()) {
    ERR_clear_error();
    pkey = ParseEmptyPassphrasePem(pem);
  }
  return pkey;
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
