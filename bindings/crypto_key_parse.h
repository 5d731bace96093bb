// Key reading for process.binding('crypto') (crypto_keys.h): PEM and DER
// in every form Node takes, into an AsymKey (crypto_asym_key.h), with
// passphrases, and the errors Node (on OpenSSL 3) reports for unreadable
// keys. The DER of each key type is crypto_key_der.h's; encrypted PKCS #8
// is crypto_pbes2.h's.
#ifndef KILN_BINDINGS_CRYPTO_KEY_PARSE_H_
#define KILN_BINDINGS_CRYPTO_KEY_PARSE_H_

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/cipher.h>
#include <openssl/dsa.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs8.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <string>

#include "bindings/crypto_asym_key.h"
#include "bindings/crypto_curves.h"
#include "bindings/crypto_key_der.h"
#include "bindings/crypto_pbes2.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

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

// Runs `write(cbb)` into `out`; false on failure.
template <typename F>
inline bool CbbToString(std::string* out, F write) {
  bssl::ScopedCBB cbb;
  if (!CBB_init(cbb.get(), 256) || !write(cbb.get())) return false;
  out->assign(reinterpret_cast<const char*>(CBB_data(cbb.get())), CBB_len(cbb.get()));
  return true;
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

inline EVP_PKEY* PKeyFromRsa(RSA* rsa) { return der::WrapRsa(rsa); }
inline EVP_PKEY* PKeyFromEc(EC_KEY* ec) { return der::WrapEc(ec); }
inline EVP_PKEY* PKeyFromDsa(DSA* dsa) {
  EVP_PKEY* pkey = dsa != nullptr ? EVP_PKEY_new() : nullptr;
  if (pkey != nullptr) EVP_PKEY_assign_DSA(pkey, dsa);
  else DSA_free(dsa);
  return pkey;
}

// A whole DER buffer as `parse` reads it: false when it fails or leaves
// trailing bytes.
template <typename F>
inline bool ParseAll(const uint8_t* data, size_t len, F parse) {
  CBS cbs;
  CBS_init(&cbs, data, len);
  return parse(&cbs) && CBS_len(&cbs) == 0;
}

// An EncryptedPrivateKeyInfo, decrypted with the passphrase (PBES2 here,
// older schemes by BoringSSL) and read.
inline bool ParseEncryptedPkcs8(const uint8_t* data, size_t len, Passphrase* pass, AsymKey* out) {
  pass->asked = true;
  if (!pass->given) return false;
  std::string plain;
  switch (pbes2::Pbes2Decrypt(data, len, pass->value, &plain)) {
    case pbes2::kOk:
      return ParseAll(reinterpret_cast<const uint8_t*>(plain.data()), plain.size(),
                      [&](CBS* c) { return der::ParsePkcs8(c, out); });
    case pbes2::kNotPbes2: {
      CBS cbs;
      CBS_init(&cbs, data, len);
      out->pkey.reset(
          PKCS8_parse_encrypted_private_key(&cbs, pass->value.data(), pass->value.size()));
      return out->pkey != nullptr;
    }
    default:
      return false;
  }
}

// The body of a traditional "Proc-Type: 4,ENCRYPTED" PEM block, decrypted
// in place. BoringSSL's PEM_do_header refuses an empty passphrase, which
// OpenSSL takes (and Node's keygen writes): its key is EVP_BytesToKey (MD5,
// one round) of nothing, salted with the IV's first 8 bytes.
inline bool DecryptPemBody(char* header, uint8_t* data, long* len, Passphrase* pass) {
  EVP_CIPHER_INFO info;
  if (!PEM_get_EVP_CIPHER_INFO(header, &info)) return false;
  if (info.cipher == nullptr) return true;
  pass->asked = true;
  if (!pass->given) return false;
  if (!pass->value.empty()) return PEM_do_header(&info, data, len, PassphraseCallback, pass);
  uint8_t key[EVP_MAX_KEY_LENGTH];
  static const uint8_t kEmpty[1] = {0};  // non-null: a null one derives nothing
  int n1 = 0, n2 = 0;
  bssl::ScopedEVP_CIPHER_CTX ctx;
  if (!EVP_BytesToKey(info.cipher, EVP_md5(), info.iv, kEmpty, 0, 1, key, nullptr) ||
      !EVP_DecryptInit_ex(ctx.get(), info.cipher, nullptr, key, info.iv) ||
      !EVP_DecryptUpdate(ctx.get(), data, &n1, data, static_cast<int>(*len)) ||
      !EVP_DecryptFinal_ex(ctx.get(), data + n1, &n2))
    return false;
  *len = n1 + n2;
  return true;
}

// One PEM block (the first whose label `want` accepts), decoded.
struct PemBlock {
  std::string label;
  bssl::UniquePtr<char> header;
  bssl::UniquePtr<uint8_t> data;
  long len = 0;
};
template <typename F>
inline bool ReadPemBlock(const std::string& pem, F want, PemBlock* out) {
  bssl::UniquePtr<BIO> bio(BIO_new_mem_buf(pem.data(), pem.size()));
  for (;;) {
    char* name = nullptr;
    char* header = nullptr;
    uint8_t* data = nullptr;
    long len = 0;
    if (!PEM_read_bio(bio.get(), &name, &header, &data, &len)) return false;
    bssl::UniquePtr<char> name_owner(name);
    out->header.reset(header);
    out->data.reset(data);
    out->len = len;
    out->label = name;
    if (want(out->label)) return true;
  }
}

inline bool IsCertificateLabel(const std::string& l) {
  return l == "CERTIFICATE" || l == "X509 CERTIFICATE" || l == "TRUSTED CERTIFICATE";
}

// A certificate's public key.
inline bool ParseCertificateKey(const uint8_t* der, size_t len, bool trusted, AsymKey* out) {
  const uint8_t* p = der;
  bssl::UniquePtr<X509> x(trusted ? d2i_X509_AUX(nullptr, &p, static_cast<long>(len))
                                  : d2i_X509(nullptr, &p, static_cast<long>(len)));
  uint8_t* spki = nullptr;
  int n = x ? i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x.get()), &spki) : -1;
  if (n <= 0) return false;
  bool ok = ParseAll(spki, static_cast<size_t>(n), [&](CBS* c) { return der::ParseSpki(c, out); });
  OPENSSL_free(spki);
  return ok;
}

inline bool ReadPublicPem(const std::string& pem, AsymKey* out) {
  PemBlock b;
  auto want = [](const std::string& l) {
    return l == "PUBLIC KEY" || l == "RSA PUBLIC KEY" || IsCertificateLabel(l);
  };
  if (!ReadPemBlock(pem, want, &b)) return false;
  const uint8_t* data = b.data.get();
  size_t len = static_cast<size_t>(b.len);
  if (b.label == "RSA PUBLIC KEY") {
    CBS cbs;
    CBS_init(&cbs, data, len);
    out->pkey.reset(PKeyFromRsa(RSA_parse_public_key(&cbs)));
    return out->pkey != nullptr;
  }
  if (b.label == "PUBLIC KEY")
    return ParseAll(data, len, [&](CBS* c) { return der::ParseSpki(c, out); });
  return ParseCertificateKey(data, len, b.label == "TRUSTED CERTIFICATE", out);
}

inline bool ReadPrivatePem(const std::string& pem, Passphrase* pass, AsymKey* out) {
  PemBlock b;
  auto want = [](const std::string& l) {
    return l == "PRIVATE KEY" || l == "ENCRYPTED PRIVATE KEY" || l == "RSA PRIVATE KEY" ||
           l == "EC PRIVATE KEY" || l == "DSA PRIVATE KEY";
  };
  if (!ReadPemBlock(pem, want, &b)) return false;
  uint8_t* data = b.data.get();
  if (b.label == "ENCRYPTED PRIVATE KEY")
    return ParseEncryptedPkcs8(data, static_cast<size_t>(b.len), pass, out);
  if (!DecryptPemBody(b.header.get(), data, &b.len, pass)) return false;
  size_t len = static_cast<size_t>(b.len);
  if (b.label == "PRIVATE KEY")
    return ParseAll(data, len, [&](CBS* c) { return der::ParsePkcs8(c, out); });
  CBS cbs;
  CBS_init(&cbs, data, len);
  if (b.label == "RSA PRIVATE KEY") out->pkey.reset(PKeyFromRsa(RSA_parse_private_key(&cbs)));
  else if (b.label == "DSA PRIVATE KEY") out->pkey.reset(PKeyFromDsa(DSA_parse_private_key(&cbs)));
  else out->pkey.reset(PKeyFromEc(der::ParseSec1(&cbs, nullptr)));
  return out->pkey != nullptr;
}

// For TLS (tls_context.h): an EVP_PKEY from a PEM private key, or null with
// the error queue set.
inline EVP_PKEY* ParsePrivatePem(const std::string& pem, Passphrase* pass) {
  AsymKey k;
  if (!ReadPrivatePem(pem, pass, &k)) return nullptr;
  return k.pkey.release();
}

inline bool ReadPublicDer(const std::string& der, const std::string& type, AsymKey* out) {
  auto* data = reinterpret_cast<const uint8_t*>(der.data());
  if (type == "pkcs1") {
    return ParseAll(data, der.size(), [&](CBS* c) {
      out->pkey.reset(PKeyFromRsa(RSA_parse_public_key(c)));
      return out->pkey != nullptr;
    });
  }
  return ParseAll(data, der.size(), [&](CBS* c) { return der::ParseSpki(c, out); });
}

inline bool ReadPrivateDer(const std::string& der, const std::string& type, Passphrase* pass,
                           AsymKey* out) {
  auto* data = reinterpret_cast<const uint8_t*>(der.data());
  CBS cbs;
  CBS_init(&cbs, data, der.size());
  if (type == "pkcs1") out->pkey.reset(PKeyFromRsa(RSA_parse_private_key(&cbs)));
  if (type == "sec1") out->pkey.reset(PKeyFromEc(der::ParseSec1(&cbs, nullptr)));
  if (type == "pkcs1" || type == "sec1") return out->pkey != nullptr;
  if (ParseAll(data, der.size(), [&](CBS* c) { return der::ParsePkcs8(c, out); })) return true;
  // An EncryptedPrivateKeyInfo (a SEQUENCE that opens with a SEQUENCE)?
  ERR_clear_error();
  *out = AsymKey();
  CBS seq, inner;
  if (CBS_get_asn1(&cbs, &seq, CBS_ASN1_SEQUENCE) && CBS_get_asn1(&seq, &inner, CBS_ASN1_SEQUENCE))
    return ParseEncryptedPkcs8(data, der.size(), pass, out);
  return false;
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEY_PARSE_H_
