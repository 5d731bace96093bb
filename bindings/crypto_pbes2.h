// Encrypted PKCS #8 (EncryptedPrivateKeyInfo with PBES2, RFC 8018) as
// OpenSSL 3 writes it: PBKDF2 with HMAC-SHA256, 2048 iterations and an
// 8-byte salt, then any cipher that has an OID and an EVP_CIPHER (AES in
// ECB, CBC and OFB modes, DES-EDE3-CBC ...). BoringSSL's own PKCS #8
// encryption knows CBC ciphers only, and its decryption re-parses the key
// with EVP, which misses the key types of crypto_key_der.h.
//
//   Pbes2Encrypt(cbb, cipher nid, passphrase, PrivateKeyInfo DER) -> bool
//   Pbes2Decrypt(EncryptedPrivateKeyInfo DER, passphrase, &PrivateKeyInfo DER)
//       -> kOk, kNotPbes2 (another scheme: BoringSSL's PKCS8_decrypt may know it) or kFailed
#ifndef KILN_BINDINGS_CRYPTO_PBES2_H_
#define KILN_BINDINGS_CRYPTO_PBES2_H_

#include <openssl/bytestring.h>
#include <openssl/cipher.h>
#include <openssl/digest.h>
#include <openssl/evp.h>
#include <openssl/obj.h>
#include <openssl/rand.h>

#include <climits>
#include <string>

#include "bindings/crypto_cipher_table.h"
#include "bindings/crypto_key_der.h"

namespace kiln::bindings::crypto {
namespace pbes2 {

constexpr uint8_t kPbes2[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d};
constexpr uint8_t kPbkdf2[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c};
// hmacWithSHA1 .. hmacWithSHA512 are 1.2.840.113549.2.{7,8,9,10,11}.
constexpr uint8_t kHmacPrefix[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02};

inline const EVP_MD* PrfDigest(uint8_t last) {
  switch (last) {
    case 7: return EVP_sha1();
    case 8: return EVP_sha224();
    case 9: return EVP_sha256();
    case 10: return EVP_sha384();
    case 11: return EVP_sha512();
    default: return nullptr;
  }
}

// The EVP cipher PBES2 can use for `nid` (block or OFB modes), else null.
inline const EVP_CIPHER* CipherFor(int nid) {
  const CipherSpec* s = CipherByNid(nid);
  if (s == nullptr || s->engine != Engine::kEvp || s->evp == nullptr) return nullptr;
  if (strcmp(s->mode, "cbc") != 0 && strcmp(s->mode, "ecb") != 0 && strcmp(s->mode, "ofb") != 0)
    return nullptr;
  return s->evp();
}

inline bool Crypt(const EVP_CIPHER* cipher, const uint8_t* key, const uint8_t* iv, bool enc,
                  const uint8_t* in, size_t len, std::string* out) {
  bssl::ScopedEVP_CIPHER_CTX ctx;
  out->resize(len + EVP_MAX_BLOCK_LENGTH);
  auto* o = reinterpret_cast<uint8_t*>(&(*out)[0]);
  int n1 = 0, n2 = 0;
  if (len > INT_MAX || !EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key, iv, enc) ||
      !EVP_CipherUpdate(ctx.get(), o, &n1, in, static_cast<int>(len)) ||
      !EVP_CipherFinal_ex(ctx.get(), o + n1, &n2))
    return false;
  out->resize(static_cast<size_t>(n1 + n2));
  return true;
}

inline bool Pbes2Encrypt(CBB* cbb, int cipher_nid, const std::string& pass, const uint8_t* der,
                         size_t len) {
  const EVP_CIPHER* cipher = CipherFor(cipher_nid);
  if (cipher == nullptr) return false;
  size_t key_len = EVP_CIPHER_key_length(cipher), iv_len = EVP_CIPHER_iv_length(cipher);
  uint8_t salt[8], iv[EVP_MAX_IV_LENGTH], key[EVP_MAX_KEY_LENGTH];
  const unsigned kIterations = 2048;
  std::string enc;
  if (!RAND_bytes(salt, sizeof(salt)) || (iv_len > 0 && !RAND_bytes(iv, iv_len)) ||
      !PKCS5_PBKDF2_HMAC(pass.data(), pass.size(), salt, sizeof(salt), kIterations, EVP_sha256(),
                         key_len, key) ||
      !Crypt(cipher, key, iv, true, der, len, &enc))
    return false;
  OPENSSL_cleanse(key, sizeof(key));
  CBB info, alg, params, kdf, kdf_params, octets, prf, scheme;
  return CBB_add_asn1(cbb, &info, CBS_ASN1_SEQUENCE) &&
         CBB_add_asn1(&info, &alg, CBS_ASN1_SEQUENCE) && der::AddOid(&alg, kPbes2) &&
         CBB_add_asn1(&alg, &params, CBS_ASN1_SEQUENCE) &&
         CBB_add_asn1(&params, &kdf, CBS_ASN1_SEQUENCE) && der::AddOid(&kdf, kPbkdf2) &&
         CBB_add_asn1(&kdf, &kdf_params, CBS_ASN1_SEQUENCE) &&
         CBB_add_asn1_octet_string(&kdf_params, salt, sizeof(salt)) &&
         CBB_add_asn1_uint64(&kdf_params, kIterations) &&
         CBB_add_asn1(&kdf_params, &prf, CBS_ASN1_SEQUENCE) &&
         CBB_add_asn1(&prf, &octets, CBS_ASN1_OBJECT) &&
         CBB_add_bytes(&octets, kHmacPrefix, sizeof(kHmacPrefix)) && CBB_add_u8(&octets, 9) &&
         CBB_add_asn1(&prf, &octets, CBS_ASN1_NULL) &&
         CBB_add_asn1(&params, &scheme, CBS_ASN1_SEQUENCE) && OBJ_nid2cbb(&scheme, cipher_nid) &&
         CBB_add_asn1_octet_string(&scheme, iv, iv_len) &&
         CBB_add_asn1_octet_string(&info, reinterpret_cast<const uint8_t*>(enc.data()),
                                   enc.size()) &&
         CBB_flush(cbb);
}

enum Result { kOk, kNotPbes2, kFailed };

inline Result Pbes2Decrypt(const uint8_t* in, size_t len, const std::string& pass,
                           std::string* out) {
  CBS cbs, info, alg, oid, params, kdf, kdf_oid, kdf_params, salt, scheme, scheme_oid, iv, data;
  CBS_init(&cbs, in, len);
  if (!CBS_get_asn1(&cbs, &info, CBS_ASN1_SEQUENCE) ||
      !der::GetAlgorithm(&info, &oid, &alg))
    return kFailed;
  if (!der::Is(oid, kPbes2)) return kNotPbes2;
  uint64_t iterations, key_len = 0;
  const EVP_MD* prf = EVP_sha1();
  if (!CBS_get_asn1(&alg, &params, CBS_ASN1_SEQUENCE) ||
      !der::GetAlgorithm(&params, &kdf_oid, &kdf) || !der::Is(kdf_oid, kPbkdf2) ||
      !CBS_get_asn1(&kdf, &kdf_params, CBS_ASN1_SEQUENCE) ||
      !CBS_get_asn1(&kdf_params, &salt, CBS_ASN1_OCTETSTRING) ||
      !CBS_get_asn1_uint64(&kdf_params, &iterations) || iterations == 0 ||
      iterations > 10000000 ||
      (CBS_peek_asn1_tag(&kdf_params, CBS_ASN1_INTEGER) &&
       !CBS_get_asn1_uint64(&kdf_params, &key_len)))
    return kFailed;
  if (CBS_len(&kdf_params) > 0) {
    CBS prf_alg, prf_oid;
    if (!der::GetAlgorithm(&kdf_params, &prf_oid, &prf_alg) ||
        CBS_len(&prf_oid) != sizeof(kHmacPrefix) + 1 ||
        memcmp(CBS_data(&prf_oid), kHmacPrefix, sizeof(kHmacPrefix)) != 0 ||
        (prf = PrfDigest(CBS_data(&prf_oid)[sizeof(kHmacPrefix)])) == nullptr)
      return kFailed;
  }
  if (!der::GetAlgorithm(&params, &scheme_oid, &scheme) ||
      !CBS_get_asn1(&info, &data, CBS_ASN1_OCTETSTRING))
    return kFailed;
  const EVP_CIPHER* cipher = CipherFor(OBJ_cbs2nid(&scheme_oid));
  if (cipher == nullptr || !CBS_get_asn1(&scheme, &iv, CBS_ASN1_OCTETSTRING) ||
      CBS_len(&iv) != EVP_CIPHER_iv_length(cipher) ||
      (key_len != 0 && key_len != EVP_CIPHER_key_length(cipher)))
    return kFailed;
  uint8_t key[EVP_MAX_KEY_LENGTH];
  bool ok = PKCS5_PBKDF2_HMAC(pass.data(), pass.size(), CBS_data(&salt), CBS_len(&salt),
                              static_cast<unsigned>(iterations), prf,
                              EVP_CIPHER_key_length(cipher), key) &&
            Crypt(cipher, key, CBS_data(&iv), false, CBS_data(&data), CBS_len(&data), out);
  OPENSSL_cleanse(key, sizeof(key));
  return ok ? kOk : kFailed;
}

}  // namespace pbes2
}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_PBES2_H_
