// Key agreement between KeyObjects for crypto.diffieHellman() and Web
// Crypto's deriveBits:
//   deriveSecret(privateKey, publicKey) -> ArrayBuffer
// ECDH and X25519 through BoringSSL's EVP, X448 through crypto_curve448.h,
// finite-field DH through BoringSSL's DH (zero-padded to the prime's size,
// as OpenSSL 3's derive). JS has checked both keys are of one type; keys on
// different curves or groups fail with OpenSSL 3's "mismatching domain
// parameters".
#ifndef KILN_BINDINGS_CRYPTO_DERIVE_H_
#define KILN_BINDINGS_CRYPTO_DERIVE_H_

#include <openssl/dh.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include "bindings/crypto_curve448.h"
#include "bindings/crypto_keys.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

inline bool SameDomain(const AsymKey& a, const AsymKey& b) {
  if (a.id() == EVP_PKEY_DH)
    return BN_cmp(DH_get0_p(a.dh.get()), DH_get0_p(b.dh.get())) == 0 &&
           BN_cmp(DH_get0_g(a.dh.get()), DH_get0_g(b.dh.get())) == 0;
  if (a.id() == EVP_PKEY_EC)
    return EC_GROUP_cmp(EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(a.pkey.get())),
                        EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(b.pkey.get())), nullptr) == 0;
  return true;
}

inline void DeriveSecret(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  KeyObjectHandle* priv = KeyObjectHandle::AsymmetricArg(args, 0);
  if (priv == nullptr) return;
  KeyObjectHandle* pub = KeyObjectHandle::AsymmetricArg(args, 1);
  if (pub == nullptr) return;
  const AsymKey& a = priv->key();
  const AsymKey& b = pub->key();
  if (a.id() != b.id() || !SameDomain(a, b))
    return (void)isolate->ThrowException(
        OsslError(isolate, "1C8000CB", "Provider routines", "mismatching domain parameters"));
  ByteSource out;
  if (a.id() == EVP_PKEY_X448) {
    out.Allocate(kX448Bytes);
    if (a.raw_priv.empty() ||
        !c448::X448(out.data(), reinterpret_cast<const uint8_t*>(a.raw_priv.data()),
                    reinterpret_cast<const uint8_t*>(b.raw_pub.data())))
      return ThrowError(isolate, "Failed to derive secret", "ERR_CRYPTO_OPERATION_FAILED");
    return args.GetReturnValue().Set(out.Release(isolate));
  }
  if (a.id() == EVP_PKEY_DH) {
    out.Allocate(DH_size(a.dh.get()));
    int n = DH_get0_priv_key(a.dh.get()) == nullptr
        ? -1 : DH_compute_key_padded(out.data(), DH_get0_pub_key(b.dh.get()), a.dh.get());
    if (n < 0) return ThrowOpenSSLError(isolate, "Failed to derive secret");
    out.Truncate(static_cast<size_t>(n));
    return args.GetReturnValue().Set(out.Release(isolate));
  }
  bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new(priv->pkey(), nullptr));
  size_t len = 0;
  if (!pctx || !EVP_PKEY_derive_init(pctx.get()) ||
      !EVP_PKEY_derive_set_peer(pctx.get(), pub->pkey()) ||
      !EVP_PKEY_derive(pctx.get(), nullptr, &len))
    return ThrowOpenSSLError(isolate, "Failed to derive secret");
  out.Allocate(len);
  if (!EVP_PKEY_derive(pctx.get(), out.data(), &len))
    return ThrowOpenSSLError(isolate, "Failed to derive secret");
  out.Truncate(len);
  args.GetReturnValue().Set(out.Release(isolate));
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_DERIVE_H_
