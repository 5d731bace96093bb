// process.binding('crypto'): BoringSSL, statically linked with hidden
// symbols (third_party/boringssl.BUILD). js_lib/crypto.js and
// js_lib/internal/crypto/*.js build Node's API on it. The pieces, one
// concept per header:
//   crypto_hash.h    Hash, Hmac, digest(), getHashes()
//   crypto_kdf.h     randomFill, pbkdf2, scrypt, hkdf (sync or worker pool)
//   crypto_cipher.h  CipherBase, getCipherInfo(), getCiphers()
//   crypto_keys.h    KeyObjectHandle (+ crypto_key_parse.h, crypto_key_export.h)
//   crypto_sign.h    sign/verify, RSA encrypt/decrypt, ECDH/X25519
//   crypto_keygen.h  generateKeyPair
//   crypto_x509.h    X509Handle (crypto.X509Certificate)
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
