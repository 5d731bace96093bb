// crypto.Certificate's SPKAC ("Netscape SPKI") functions for
// process.binding('crypto'):
//   certVerifySpkac(bytes) -> bool
//   certExportPublicKey(bytes) -> ArrayBuffer (PEM) | ""   ("" for bad input,
//   certExportChallenge(bytes) -> ArrayBuffer | ""          as Node answers)
#ifndef KILN_BINDINGS_CRYPTO_SPKAC_H_
#define KILN_BINDINGS_CRYPTO_SPKAC_H_

#include <openssl/x509.h>

#include <cctype>
#include <climits>

#include "bindings/crypto_x509.h"

namespace kiln::bindings::crypto {

// The SPKI of base64 `args[0]` (trailing whitespace ignored), or null.
inline NETSCAPE_SPKI* SpkiArg(const FunctionCallbackInfo<Value>& args) {
  Bytes b;
  if (!ArgBytes(args, 0, "spkac", &b)) return nullptr;
  size_t len = b.size;
  while (len > 0 && isspace(b.data[len - 1])) len--;
  // Length 0 means "NUL-terminated" to BoringSSL: never pass it.
  if (len == 0 || len > INT_MAX) return nullptr;
  NETSCAPE_SPKI* spki = NETSCAPE_SPKI_b64_decode(reinterpret_cast<const char*>(b.data), len);
  ERR_clear_error();
  return spki;
}

inline void CertVerifySpkac(const FunctionCallbackInfo<Value>& args) {
  bssl::UniquePtr<NETSCAPE_SPKI> spki(SpkiArg(args));
  bool ok = false;
  if (spki) {
    PKeyPtr pkey(NETSCAPE_SPKI_get_pubkey(spki.get()));
    ok = pkey && NETSCAPE_SPKI_verify(spki.get(), pkey.get()) > 0;
  }
  ERR_clear_error();
  args.GetReturnValue().Set(ok);
}

// The public key as PEM bytes, or "" (Node's answer for bad input).
inline void CertExportPublicKey(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  bssl::UniquePtr<NETSCAPE_SPKI> spki(SpkiArg(args));
  PKeyPtr pkey(spki ? NETSCAPE_SPKI_get_pubkey(spki.get()) : nullptr);
  ERR_clear_error();
  if (!pkey) return args.GetReturnValue().SetEmptyString();
  bssl::UniquePtr<BIO> bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PUBKEY(bio.get(), pkey.get())) return args.GetReturnValue().SetEmptyString();
  std::string pem = BioString(bio.get());
  args.GetReturnValue().Set(CopyToArrayBuffer(isolate, pem.data(), pem.size()));
}

inline void CertExportChallenge(const FunctionCallbackInfo<Value>& args) {
  bssl::UniquePtr<NETSCAPE_SPKI> spki(SpkiArg(args));
  if (!spki || spki->spkac == nullptr || spki->spkac->challenge == nullptr)
    return args.GetReturnValue().SetEmptyString();
  const ASN1_IA5STRING* c = spki->spkac->challenge;
  args.GetReturnValue().Set(
      CopyToArrayBuffer(args.GetIsolate(), ASN1_STRING_get0_data(c), ASN1_STRING_length(c)));
}

inline void InitSpkac(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "certVerifySpkac", CertVerifySpkac);
  SetMethod(context, target, "certExportPublicKey", CertExportPublicKey);
  SetMethod(context, target, "certExportChallenge", CertExportChallenge);
}

inline void RegisterSpkac(ExternalReferences* r) {
  r->Register(CertVerifySpkac);
  r->Register(CertExportPublicKey);
  r->Register(CertExportChallenge);
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_SPKAC_H_
