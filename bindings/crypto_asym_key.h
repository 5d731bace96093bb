// AsymKey: an asymmetric key as a KeyObjectHandle holds it. BoringSSL's
// EVP_PKEY covers RSA, EC (secp256k1 included, crypto_curves.h), Ed25519,
// X25519 and DSA; the key types Node's OpenSSL has beyond those are kept
// beside it:
//   rsa-pss      the RSA EVP_PKEY, flagged, with its RSASSA-PSS-params if any
//   dh           a DH (BoringSSL cannot put one in an EVP_PKEY)
//   ed448, x448  the raw key bytes (crypto_curve448.h does the math)
// Their DER forms are in crypto_key_der.h.
#ifndef KILN_BINDINGS_CRYPTO_ASYM_KEY_H_
#define KILN_BINDINGS_CRYPTO_ASYM_KEY_H_

#include <openssl/dh.h>
#include <openssl/digest.h>
#include <openssl/dsa.h>
#include <openssl/evp.h>
#include <openssl/mem.h>
#include <openssl/nid.h>

#include <string>

#include "bindings/crypto_curve448.h"

namespace kiln::bindings::crypto {

using PKeyPtr = bssl::UniquePtr<EVP_PKEY>;

// RFC 4055's RSASSA-PSS-params; absent means an unrestricted rsa-pss key.
struct PssParams {
  bool present = false;
  const EVP_MD* md = nullptr;       // hashAlgorithm; null: sha1
  const EVP_MD* mgf1_md = nullptr;  // MGF1's hash; null: sha1
  int salt = 20;                    // the minimum salt length

  const EVP_MD* Md() const { return md != nullptr ? md : EVP_sha1(); }
  const EVP_MD* Mgf1Md() const { return mgf1_md != nullptr ? mgf1_md : EVP_sha1(); }
};

constexpr size_t kEd448Bytes = 57;
constexpr size_t kX448Bytes = 56;

struct AsymKey {
  PKeyPtr pkey;
  bool pss = false;  // pkey is RSA: an rsa-pss key
  PssParams pss_params;
  bssl::UniquePtr<DH> dh;
  int raw_id = 0;  // EVP_PKEY_ED448 or EVP_PKEY_X448
  std::string raw_pub, raw_priv;

  bool empty() const { return !pkey && !dh && raw_id == 0; }

  // EVP_PKEY_* of the key: EVP_PKEY_RSA_PSS, EVP_PKEY_DH, EVP_PKEY_ED448 and
  // EVP_PKEY_X448 for the kinds EVP_PKEY does not hold.
  int id() const {
    if (raw_id != 0) return raw_id;
    if (dh) return EVP_PKEY_DH;
    if (!pkey) return EVP_PKEY_NONE;
    return pss ? EVP_PKEY_RSA_PSS : EVP_PKEY_id(pkey.get());
  }

  // For `kind`: Ed448 or X448 from the private bytes (the public key is
  // derived) or the public bytes alone. False for bad lengths.
  bool SetRaw(int kind, const uint8_t* pub, size_t pub_len, const uint8_t* priv,
              size_t priv_len) {
    size_t n = kind == EVP_PKEY_ED448 ? kEd448Bytes : kX448Bytes;
    raw_id = kind;
    if (priv != nullptr) {
      if (priv_len != n) return false;
      raw_priv.assign(reinterpret_cast<const char*>(priv), n);
      raw_pub.resize(n);
      auto* out = reinterpret_cast<uint8_t*>(&raw_pub[0]);
      if (kind == EVP_PKEY_ED448) c448::Ed448Public(out, priv);
      else c448::X448Public(out, priv);
      return true;
    }
    if (pub_len != n) return false;
    raw_pub.assign(reinterpret_cast<const char*>(pub), n);
    return true;
  }

  ~AsymKey() { OPENSSL_cleanse(&raw_priv[0], raw_priv.size()); }
  AsymKey() = default;
  AsymKey(AsymKey&&) = default;
  AsymKey& operator=(AsymKey&&) = default;
};

// OpenSSL's short lower-case digest names, as asymmetricKeyDetails uses.
inline const char* DigestName(const EVP_MD* md) {
  switch (EVP_MD_type(md)) {
    case NID_md5: return "md5";
    case NID_sha1: return "sha1";
    case NID_sha224: return "sha224";
    case NID_sha256: return "sha256";
    case NID_sha384: return "sha384";
    case NID_sha512: return "sha512";
    case NID_sha512_256: return "sha512-256";
    default: return "";
  }
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_ASYM_KEY_H_
