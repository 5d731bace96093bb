// process.binding('crypto'): BoringSSL, statically linked with hidden
// symbols (third_party/boringssl.BUILD). js_lib/crypto.js and
// js_lib/internal/crypto/*.js build Node's API on it. The pieces, one
// concept per header:
//   crypto_hash.h    Hash, Hmac, digest(), getHashes()
//   crypto_kdf.h     randomFill, pbkdf2, scrypt, hkdf (sync or worker pool)
//   crypto_cipher.h  CipherBase (+ crypto_cipher_table.h: getCipherInfo(),
//                    getCiphers(); crypto_cipher_stream.h, crypto_cipher_aead.h)
//   crypto_keys.h    KeyObjectHandle over an AsymKey (crypto_asym_key.h), read by
//                    crypto_key_parse.h, written by crypto_key_export.h, in the DER
//                    of crypto_key_der.h (+ crypto_pbes2.h, crypto_curves.h)
//   crypto_sign.h    sign/verify (crypto_sign_ops.h), RSA encrypt/decrypt
//   crypto_derive.h  diffieHellman: ECDH, X25519, X448, DH
//   crypto_keygen.h  generateKeyPair (+ crypto_keygen_params.h: RSA, DSA)
//   crypto_curve448.h  Ed448 and X448, which BoringSSL lacks
//   crypto_x509.h    X509Handle (crypto.X509Certificate; names: crypto_x509_names.h)
//   crypto_spkac.h   crypto.Certificate (SPKAC)
//   crypto_prime.h   generatePrime, checkPrime
//   crypto_dh.h      DiffieHellmanHandle (classic DH, MODP groups)
//   crypto_keccak.h  SHA-3 and SHAKE, which BoringSSL lacks
// Nothing here runs at load time but table building: the RNG seeds itself
// on first use, at run time.
#include "bindings/crypto_cipher.h"
#include "bindings/crypto_dh.h"
#include "bindings/crypto_hash.h"
#include "bindings/crypto_kdf.h"
#include "bindings/crypto_keygen.h"
#include "bindings/crypto_keys.h"
#include "bindings/crypto_prime.h"
#include "bindings/crypto_sign.h"
#include "bindings/crypto_spkac.h"
#include "bindings/crypto_util.h"
#include "bindings/crypto_x509.h"
#include "runtime/binding.h"

namespace kiln::bindings::crypto {

// timingSafeEqual(a, b): JS checked both are views of the same length.
static void TimingSafeEqual(const FunctionCallbackInfo<Value>& args) {
  Bytes a, b;
  if (!ArgBytes(args, 0, "buf1", &a) || !ArgBytes(args, 1, "buf2", &b)) return;
  if (a.size != b.size)
    return ThrowRangeError(args.GetIsolate(), "Input buffers must have the same byte length",
                           "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH");
  args.GetReturnValue().Set(a.size == 0 || CRYPTO_memcmp(a.data, b.data, a.size) == 0);
}

void Initialize(Local<Context> context, Local<Object> target) {
  InitHash(context, target);
  InitKdf(context, target);
  InitCipher(context, target);
  InitKeys(context, target);
  InitSign(context, target);
  InitKeygen(context, target);
  InitX509(context, target);
  InitSpkac(context, target);
  InitPrime(context, target);
  InitDh(context, target);
  SetMethod(context, target, "timingSafeEqual", TimingSafeEqual);
}

void RegisterExternalReferences(ExternalReferences* r) {
  RegisterHash(r);
  RegisterKdf(r);
  RegisterCipher(r);
  RegisterKeys(r);
  RegisterSign(r);
  RegisterKeygen(r);
  RegisterX509(r);
  RegisterSpkac(r);
  RegisterPrime(r);
  RegisterDh(r);
  r->Register(TimingSafeEqual);
}

}  // namespace kiln::bindings::crypto
