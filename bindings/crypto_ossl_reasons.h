// OpenSSL 3's packed codes, library names and reason strings for the
// BoringSSL failures scripts meet, so errors read as Node 20's do
// (crypto_util.h OpenSSLError). Included at the end of crypto_util.h.
#ifndef KILN_BINDINGS_CRYPTO_OSSL_REASONS_H_
#define KILN_BINDINGS_CRYPTO_OSSL_REASONS_H_

#include <openssl/cipher.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

inline const OsslReason* FindOsslReason(int lib, int reason) {
  static const OsslReason kReasons[] = {
      {ERR_LIB_CIPHER, CIPHER_R_BAD_DECRYPT, "1C800064", "Provider routines", "bad decrypt"},
      {ERR_LIB_CIPHER, CIPHER_R_WRONG_FINAL_BLOCK_LENGTH, "1C80006B", "Provider routines",
       "wrong final block length"},
      {ERR_LIB_CIPHER, CIPHER_R_DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH, "1C80006B",
       "Provider routines", "wrong final block length"},
      {ERR_LIB_PEM, PEM_R_NO_START_LINE, "0480006C", "PEM routines", "no start line"},
      {ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ, "07880109", "common libcrypto routines",
       "interrupted or cancelled"},
      {ERR_LIB_RSA, RSA_R_DATA_TOO_LARGE_FOR_KEY_SIZE, "0200006E", "rsa routines",
       "data too large for key size"},
      {ERR_LIB_RSA, RSA_R_DIGEST_TOO_BIG_FOR_RSA_KEY, "02000070", "rsa routines",
       "digest too big for rsa key"},
      {ERR_LIB_RSA, RSA_R_OAEP_DECODING_ERROR, "02000079", "rsa routines",
       "oaep decoding error"},
      {ERR_LIB_RSA, RSA_R_DATA_TOO_LARGE, "0200006D", "rsa routines", "data too large"},
      {ERR_LIB_RSA, RSA_R_KEY_SIZE_TOO_SMALL, "02000078", "rsa routines", "key size too small"},
      // A private operation with a public key.
      {ERR_LIB_RSA, RSA_R_VALUE_MISSING, "020000B3", "rsa routines", "missing private key"},
      {ERR_LIB_EVP, EVP_R_DECODE_ERROR, "1E08010C", "DECODER routines", "unsupported"},
  };
  for (const OsslReason& r : kReasons)
    if (r.lib == lib && r.reason == reason) return &r;
  return nullptr;
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_OSSL_REASONS_H_
