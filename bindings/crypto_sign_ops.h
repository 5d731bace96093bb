// How each key type signs and verifies, for crypto_sign.h: RSA and ECDSA
// and Ed25519 through BoringSSL's EVP (RSA-PSS keys with the restrictions
// of their parameters, as OpenSSL 3 enforces them), DSA through DSA_do_sign
// (BoringSSL's EVP has no DSA signing), Ed448 through crypto_curve448.h.
// No V8 here: jobs run these on the worker pool.
//
//   SignWith(key, opts, prehashed, data, len, &sig, &err)
//   VerifyWith(key, opts, prehashed, data, len, sig, sig_len, &valid, &err)
// `prehashed`: data is already the digest (createSign/createVerify).
#ifndef KILN_BINDINGS_CRYPTO_SIGN_OPS_H_
#define KILN_BINDINGS_CRYPTO_SIGN_OPS_H_

#include <openssl/bytestring.h>
#include <openssl/digest.h>
#include <openssl/dsa.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <string>

#include "bindings/crypto_asym_key.h"
#include "bindings/crypto_curve448.h"
#include "bindings/crypto_util.h"

namespace kiln::bindings::crypto {

struct SignOptions {
  const EVP_MD* md = nullptr;
  int padding = -1;  // -1: the key type's default
  bool has_salt = false;
  int salt = 0;
  bool p1363 = false;  // DSA/ECDSA signatures as r || s
};

// An OpenSSL 3 error a sign/verify reports: message and Node's code.
struct SignError {
  std::string message, code;
  bool Set(const char* m, const char* c) {
    message = m;
    code = c;
    return false;
  }
};

// What a sign or verify needs of a key, safe to use off the loop thread.
struct SignKey {
  PKeyPtr pkey;
  int id = EVP_PKEY_NONE;
  PssParams pss;
  std::string raw_pub, raw_priv;

  explicit SignKey(const AsymKey& k) : id(k.id()), pss(k.pss_params) {
    if (k.pkey) {
      EVP_PKEY_up_ref(k.pkey.get());
      pkey.reset(k.pkey.get());
    }
    raw_pub = k.raw_pub;
    raw_priv = k.raw_priv;
  }
  ~SignKey() { OPENSSL_cleanse(&raw_priv[0], raw_priv.size()); }
};

inline bool IsOneShotOnly(int id) { return id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448; }

// The digest a signature uses: none for EdDSA, the restricted one for
// RSA-PSS keys with parameters, else the one asked for or SHA-256. Key
// types that cannot sign fail here, as in OpenSSL 3.
inline bool ResolveDigest(const SignKey& k, const SignOptions& o, bool prehashed,
                          const EVP_MD** md, SignError* err) {
  if (k.id == EVP_PKEY_DH || k.id == EVP_PKEY_X25519 || k.id == EVP_PKEY_X448)
    return err->Set("error:03000096:digital envelope routines::operation not supported for "
                    "this keytype", "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE");
  if (IsOneShotOnly(k.id)) {
    if (o.md != nullptr)
      return err->Set("error:1C80007A:Provider routines::invalid digest", "ERR_OSSL_INVALID_DIGEST");
    *md = nullptr;
    return true;
  }
  if (k.id == EVP_PKEY_RSA_PSS && k.pss.present) {
    // OpenSSL 3 meets the digest first in one-shot signing (it opens the
    // context), the salt first when signing a digest.
    bool short_salt = o.has_salt && o.salt >= 0 && o.salt < k.pss.salt;
    bool bad_md = o.md != nullptr && EVP_MD_type(o.md) != EVP_MD_type(k.pss.Md());
    if (short_salt && (prehashed || !bad_md))
      return err->Set("error:1C8000AC:Provider routines::pss saltlen too small",
                      "ERR_OSSL_PSS_SALTLEN_TOO_SMALL");
    if (bad_md)
      return err->Set("error:1C8000AE:Provider routines::digest not allowed",
                      "ERR_OSSL_DIGEST_NOT_ALLOWED");
    *md = k.pss.Md();
    return true;
  }
  *md = o.md != nullptr ? o.md : EVP_sha256();
  return true;
}

// RSA padding on a signing context; an rsa-pss key pads with PSS only,
// with at least its parameters' salt.
inline bool ApplyRsaOptions(EVP_PKEY_CTX* pctx, const SignKey& k, const SignOptions& o,
                            SignError* err) {
  if (k.id != EVP_PKEY_RSA && k.id != EVP_PKEY_RSA_PSS) return true;
  bool pss_key = k.id == EVP_PKEY_RSA_PSS;
  int padding = o.padding != -1 ? o.padding : pss_key ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING;
  if (pss_key && padding != RSA_PKCS1_PSS_PADDING)
    return err->Set("error:1C8000A5:Provider routines::illegal or unsupported padding mode",
                    "ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE");
  if (!EVP_PKEY_CTX_set_rsa_padding(pctx, padding)) return false;
  if (padding != RSA_PKCS1_PSS_PADDING) return true;
  // -2: the longest salt when signing, any salt when verifying. A
  // restricted key's own salt is the default both ways.
  int salt = o.has_salt ? o.salt : -2;
  if (pss_key && k.pss.present) {
    if (!o.has_salt) salt = k.pss.salt;  // ResolveDigest checked a given one
    if (!EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, k.pss.Mgf1Md())) return false;
  }
  return EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, salt);
}

// (EC)DSA signatures: DER <-> r || s, each padded to `n` bytes.
inline size_t P1363HalfSize(const SignKey& k) {
  if (k.id == EVP_PKEY_DSA) return BN_num_bytes(DSA_get0_q(EVP_PKEY_get0_DSA(k.pkey.get())));
  const EC_GROUP* group = EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(k.pkey.get()));
  return (EC_GROUP_get_degree(group) + 7) / 8;
}

inline bool RsToP1363(const BIGNUM* r, const BIGNUM* s, size_t n, ByteSource* out) {
  out->Allocate(2 * n);
  return BN_bn2bin_padded(out->data(), n, r) && BN_bn2bin_padded(out->data() + n, n, s);
}

inline bool DerToP1363(const SignKey& k, const ByteSource& der, ByteSource* out) {
  size_t n = P1363HalfSize(k);
  const BIGNUM *r, *s;
  if (k.id == EVP_PKEY_DSA) {
    CBS cbs;
    CBS_init(&cbs, der.data(), der.size());
    bssl::UniquePtr<DSA_SIG> sig(DSA_SIG_parse(&cbs));
    if (!sig) return false;
    DSA_SIG_get0(sig.get(), &r, &s);
    return RsToP1363(r, s, n, out);
  }
  bssl::UniquePtr<ECDSA_SIG> sig(ECDSA_SIG_from_bytes(der.data(), der.size()));
  if (!sig) return false;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  return RsToP1363(r, s, n, out);
}

inline bool P1363ToDer(const SignKey& k, const uint8_t* raw, size_t len, std::string* der) {
  size_t n = P1363HalfSize(k);
  if (len != 2 * n) return false;
  BIGNUM* r = BN_bin2bn(raw, n, nullptr);
  BIGNUM* s = BN_bin2bn(raw + n, n, nullptr);
  bssl::ScopedCBB cbb;
  bool ok;
  if (k.id == EVP_PKEY_DSA) {
    bssl::UniquePtr<DSA_SIG> sig(DSA_SIG_new());
    ok = sig && DSA_SIG_set0(sig.get(), r, s);
    if (ok) r = s = nullptr;
    ok = ok && CBB_init(cbb.get(), 64) && DSA_SIG_marshal(cbb.get(), sig.get());
  } else {
    bssl::UniquePtr<ECDSA_SIG> sig(ECDSA_SIG_new());
    ok = sig && ECDSA_SIG_set0(sig.get(), r, s);
    if (ok) r = s = nullptr;
    ok = ok && CBB_init(cbb.get(), 64) && ECDSA_SIG_marshal(cbb.get(), sig.get());
  }
  BN_free(r);
  BN_free(s);
  if (!ok) return false;
  der->assign(reinterpret_cast<const char*>(CBB_data(cbb.get())), CBB_len(cbb.get()));
  return true;
}

inline bool HasP1363(const SignKey& k) { return k.id == EVP_PKEY_EC || k.id == EVP_PKEY_DSA; }

// The digest DSA signs: `data` itself when prehashed.
inline bool DsaDigest(const EVP_MD* md, bool prehashed, const uint8_t* data, size_t len,
                      std::string* out) {
  if (prehashed) {
    out->assign(reinterpret_cast<const char*>(data), len);
    return true;
  }
  uint8_t buf[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (!EVP_Digest(data, len, buf, &n, md, nullptr)) return false;
  out->assign(reinterpret_cast<const char*>(buf), n);
  return true;
}

inline bool SignWith(const SignKey& k, const SignOptions& o, bool prehashed, const uint8_t* data,
                     size_t len, ByteSource* out, SignError* err) {
  const EVP_MD* md;
  if (!ResolveDigest(k, o, prehashed, &md, err)) return false;
  ByteSource sig;
  if (k.id == EVP_PKEY_ED448) {
    out->Allocate(2 * kEd448Bytes);
    return c448::Ed448Sign(out->data(), reinterpret_cast<const uint8_t*>(k.raw_priv.data()),
                           data, len);
  }
  if (k.id == EVP_PKEY_DSA) {
    std::string digest;
    if (!DsaDigest(md, prehashed, data, len, &digest)) return false;
    bssl::UniquePtr<DSA_SIG> s(DSA_do_sign(reinterpret_cast<const uint8_t*>(digest.data()),
                                           digest.size(), EVP_PKEY_get0_DSA(k.pkey.get())));
    bssl::ScopedCBB cbb;
    if (!s || !CBB_init(cbb.get(), 64) || !DSA_SIG_marshal(cbb.get(), s.get())) return false;
    sig.Assign(CBB_data(cbb.get()), CBB_len(cbb.get()));
  } else if (!prehashed) {
    bssl::ScopedEVP_MD_CTX ctx;
    EVP_PKEY_CTX* pctx = nullptr;
    size_t n = 0;
    if (!EVP_DigestSignInit(ctx.get(), &pctx, md, nullptr, k.pkey.get()) ||
        !ApplyRsaOptions(pctx, k, o, err) ||
        !EVP_DigestSign(ctx.get(), nullptr, &n, data, len))
      return false;
    sig.Allocate(n);
    if (!EVP_DigestSign(ctx.get(), sig.data(), &n, data, len)) return false;
    sig.Truncate(n);
  } else {
    bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new(k.pkey.get(), nullptr));
    size_t n = 0;
    if (!pctx || !EVP_PKEY_sign_init(pctx.get()) || !ApplyRsaOptions(pctx.get(), k, o, err) ||
        !EVP_PKEY_CTX_set_signature_md(pctx.get(), md) ||
        !EVP_PKEY_sign(pctx.get(), nullptr, &n, data, len))
      return false;
    sig.Allocate(n);
    if (!EVP_PKEY_sign(pctx.get(), sig.data(), &n, data, len)) return false;
    sig.Truncate(n);
  }
  if (o.p1363 && HasP1363(k)) return DerToP1363(k, sig, out);
  *out = std::move(sig);
  return true;
}

// False only for errors to throw; a bad signature sets *valid = false.
inline bool VerifyWith(const SignKey& k, const SignOptions& o, bool prehashed,
                       const uint8_t* data, size_t len, const uint8_t* sig, size_t sig_len,
                       bool* valid, SignError* err) {
  *valid = false;
  const EVP_MD* md;
  if (!ResolveDigest(k, o, prehashed, &md, err)) return false;
  if (k.id == EVP_PKEY_ED448) {
    *valid = sig_len == 2 * kEd448Bytes &&
             c448::Ed448Verify(sig, reinterpret_cast<const uint8_t*>(k.raw_pub.data()), data, len);
    return true;
  }
  std::string der;
  if (o.p1363 && HasP1363(k)) {
    if (!P1363ToDer(k, sig, sig_len, &der)) return true;
    sig = reinterpret_cast<const uint8_t*>(der.data());
    sig_len = der.size();
  }
  if (k.id == EVP_PKEY_DSA) {
    std::string digest;
    if (!DsaDigest(md, prehashed, data, len, &digest)) return false;
    CBS cbs;
    CBS_init(&cbs, sig, sig_len);
    bssl::UniquePtr<DSA_SIG> s(DSA_SIG_parse(&cbs));
    int ok = 0;
    *valid = s && CBS_len(&cbs) == 0 &&
             DSA_do_check_signature(&ok, reinterpret_cast<const uint8_t*>(digest.data()),
                                    digest.size(), s.get(), EVP_PKEY_get0_DSA(k.pkey.get())) &&
             ok;
    ERR_clear_error();
    return true;
  }
  if (!prehashed) {
    bssl::ScopedEVP_MD_CTX ctx;
    EVP_PKEY_CTX* pctx = nullptr;
    if (!EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, k.pkey.get()) ||
        !ApplyRsaOptions(pctx, k, o, err))
      return false;
    *valid = EVP_DigestVerify(ctx.get(), sig, sig_len, data, len) == 1;
  } else {
    bssl::UniquePtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new(k.pkey.get(), nullptr));
    if (!pctx || !EVP_PKEY_verify_init(pctx.get()) ||
        !ApplyRsaOptions(pctx.get(), k, o, err) ||
        !EVP_PKEY_CTX_set_signature_md(pctx.get(), md))
      return false;
    *valid = EVP_PKEY_verify(pctx.get(), sig, sig_len, data, len) == 1;
  }
  ERR_clear_error();
  return true;
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_SIGN_OPS_H_
