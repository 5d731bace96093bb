// SubjectPublicKeyInfo, PKCS #8 PrivateKeyInfo and SEC 1 ECPrivateKey for
// every AsymKey (crypto_asym_key.h). BoringSSL's EVP parsers and writers do
// RSA, named-curve EC, Ed25519, X25519 and DSA; here, with CBS/CBB, are the
// forms OpenSSL 3 also reads and writes:
//   rsa-pss     id-RSASSA-PSS, with RSASSA-PSS-params (RFC 4055) or none
//   dh          dhKeyAgreement with DHParameter {p, g[, privateValueLength]}
//   ed448/x448  RFC 8410
//   secp256k1   id-ecPublicKey with the named curve 1.3.132.0.10
#ifndef KILN_BINDINGS_CRYPTO_KEY_DER_H_
#define KILN_BINDINGS_CRYPTO_KEY_DER_H_

#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/digest.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/evp.h>
#include <openssl/obj.h>
#include <openssl/rsa.h>

#include "bindings/crypto_asym_key.h"
#include "bindings/crypto_curves.h"

namespace kiln::bindings::crypto {
namespace der {

// Object identifiers, as their DER contents.
constexpr uint8_t kRsaPss[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
constexpr uint8_t kMgf1[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
constexpr uint8_t kDh[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01};
constexpr uint8_t kX448[] = {0x2b, 0x65, 0x6f};
constexpr uint8_t kEd448[] = {0x2b, 0x65, 0x71};
constexpr uint8_t kEcPublicKey[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
constexpr uint8_t kSecp256k1[] = {0x2b, 0x81, 0x04, 0x00, 0x0a};

template <size_t N>
inline bool Is(const CBS& oid, const uint8_t (&want)[N]) {
  return CBS_len(&oid) == N && memcmp(CBS_data(&oid), want, N) == 0;
}

template <size_t N>
inline bool AddOid(CBB* cbb, const uint8_t (&oid)[N]) {
  CBB o;
  return CBB_add_asn1(cbb, &o, CBS_ASN1_OBJECT) && CBB_add_bytes(&o, oid, N) && CBB_flush(cbb);
}

constexpr unsigned kTag0 = CBS_ASN1_CONTEXT_SPECIFIC | CBS_ASN1_CONSTRUCTED | 0;
constexpr unsigned kTag1 = CBS_ASN1_CONTEXT_SPECIFIC | CBS_ASN1_CONSTRUCTED | 1;
constexpr unsigned kTag2 = CBS_ASN1_CONTEXT_SPECIFIC | CBS_ASN1_CONSTRUCTED | 2;
constexpr unsigned kTag3 = CBS_ASN1_CONTEXT_SPECIFIC | CBS_ASN1_CONSTRUCTED | 3;

// ---- RSASSA-PSS-params ---------------------------------------------------------------

inline bool ParsePssParams(CBS* params, PssParams* out) {
  CBS seq, field;
  out->present = true;
  if (!CBS_get_asn1(params, &seq, CBS_ASN1_SEQUENCE)) return false;
  if (CBS_peek_asn1_tag(&seq, kTag0)) {
    if (!CBS_get_asn1(&seq, &field, kTag0) ||
        (out->md = EVP_parse_digest_algorithm(&field)) == nullptr || CBS_len(&field) != 0)
      return false;
  }
  if (CBS_peek_asn1_tag(&seq, kTag1)) {
    CBS alg, oid;
    if (!CBS_get_asn1(&seq, &field, kTag1) || !CBS_get_asn1(&field, &alg, CBS_ASN1_SEQUENCE) ||
        !CBS_get_asn1(&alg, &oid, CBS_ASN1_OBJECT) || !Is(oid, kMgf1) ||
        (out->mgf1_md = EVP_parse_digest_algorithm(&alg)) == nullptr)
      return false;
  }
  if (CBS_peek_asn1_tag(&seq, kTag2)) {
    uint64_t salt;
    if (!CBS_get_asn1(&seq, &field, kTag2) || !CBS_get_asn1_uint64(&field, &salt) ||
        salt > 0x7fffffff)
      return false;
    out->salt = static_cast<int>(salt);
  }
  if (CBS_peek_asn1_tag(&seq, kTag3)) {
    uint64_t trailer;
    if (!CBS_get_asn1(&seq, &field, kTag3) || !CBS_get_asn1_uint64(&field, &trailer) ||
        trailer != 1)
      return false;
  }
  return CBS_len(&seq) == 0;
}

// Fields equal to their DEFAULT are left out, as DER requires.
inline bool AddPssParams(CBB* cbb, const PssParams& p) {
  CBB seq, field, alg;
  if (!CBB_add_asn1(cbb, &seq, CBS_ASN1_SEQUENCE)) return false;
  if (EVP_MD_type(p.Md()) != NID_sha1 &&
      (!CBB_add_asn1(&seq, &field, kTag0) || !EVP_marshal_digest_algorithm(&field, p.Md())))
    return false;
  if (EVP_MD_type(p.Mgf1Md()) != NID_sha1 &&
      (!CBB_add_asn1(&seq, &field, kTag1) || !CBB_add_asn1(&field, &alg, CBS_ASN1_SEQUENCE) ||
       !AddOid(&alg, kMgf1) || !EVP_marshal_digest_algorithm(&alg, p.Mgf1Md())))
    return false;
  if (p.salt != 20 && (!CBB_add_asn1(&seq, &field, kTag2) ||
                       !CBB_add_asn1_uint64(&field, static_cast<uint64_t>(p.salt))))
    return false;
  return CBB_flush(cbb);
}

// ---- pieces ---------------------------------------------------------------------------

// AlgorithmIdentifier: its OID and what follows it (the parameters).
inline bool GetAlgorithm(CBS* in, CBS* oid, CBS* params) {
  return CBS_get_asn1(in, params, CBS_ASN1_SEQUENCE) && CBS_get_asn1(params, oid, CBS_ASN1_OBJECT);
}

inline bool GetBitString(CBS* in, CBS* out) {
  uint8_t unused;
  return CBS_get_asn1(in, out, CBS_ASN1_BITSTRING) && CBS_get_u8(out, &unused) && unused == 0;
}

inline bool AddBigInt(CBB* cbb, const BIGNUM* bn) { return BN_marshal_asn1(cbb, bn); }

// The AlgorithmIdentifier of an extra kind; false for the EVP ones.
inline bool AddAlgorithm(CBB* cbb, const AsymKey& k) {
  CBB alg;
  if (!CBB_add_asn1(cbb, &alg, CBS_ASN1_SEQUENCE)) return false;
  switch (k.id()) {
    case EVP_PKEY_RSA_PSS:
      if (!AddOid(&alg, kRsaPss) || (k.pss_params.present && !AddPssParams(&alg, k.pss_params)))
        return false;
      break;
    case EVP_PKEY_DH:
      if (!AddOid(&alg, kDh) || !DH_marshal_parameters(&alg, k.dh.get())) return false;
      break;
    case EVP_PKEY_ED448:
      if (!AddOid(&alg, kEd448)) return false;
      break;
    case EVP_PKEY_X448:
      if (!AddOid(&alg, kX448)) return false;
      break;
    default:  // secp256k1
      if (!AddOid(&alg, kEcPublicKey) || !AddOid(&alg, kSecp256k1)) return false;
      break;
  }
  return CBB_flush(cbb);
}

inline bool IsSecp256k1(const AsymKey& k) {
  return k.pkey && EVP_PKEY_id(k.pkey.get()) == EVP_PKEY_EC &&
         GroupNid(EC_KEY_get0_group(EVP_PKEY_get0_EC_KEY(k.pkey.get()))) == NID_secp256k1;
}

// Kinds EVP's own marshalling cannot write.
inline bool IsExtra(const AsymKey& k) {
  int id = k.id();
  return id == EVP_PKEY_RSA_PSS || id == EVP_PKEY_DH || id == EVP_PKEY_ED448 ||
         id == EVP_PKEY_X448 || IsSecp256k1(k);
}

inline EVP_PKEY* WrapEc(EC_KEY* ec) {
  EVP_PKEY* pkey = ec != nullptr ? EVP_PKEY_new() : nullptr;
  if (pkey != nullptr) EVP_PKEY_assign_EC_KEY(pkey, ec);
  else EC_KEY_free(ec);
  return pkey;
}
inline EVP_PKEY* WrapRsa(RSA* rsa) {
  EVP_PKEY* pkey = rsa != nullptr ? EVP_PKEY_new() : nullptr;
  if (pkey != nullptr) EVP_PKEY_assign_RSA(pkey, rsa);
  else RSA_free(rsa);
  return pkey;
}

// ---- SEC 1 ----------------------------------------------------------------------------

// ECPrivateKey on a known curve (named by the [0] parameters, else
// `group`); the public key is computed when [1] is absent.
inline EC_KEY* ParseSec1(CBS* in, const EC_GROUP* group) {
  CBS seq, priv, field;
  uint64_t version;
  if (!CBS_get_asn1(in, &seq, CBS_ASN1_SEQUENCE) || !CBS_get_asn1_uint64(&seq, &version) ||
      version != 1 || !CBS_get_asn1(&seq, &priv, CBS_ASN1_OCTETSTRING))
    return nullptr;
  int nid = group != nullptr ? GroupNid(group) : NID_undef;
  if (CBS_peek_asn1_tag(&seq, kTag0)) {
    CBS oid;
    if (!CBS_get_asn1(&seq, &field, kTag0) || !CBS_get_asn1(&field, &oid, CBS_ASN1_OBJECT))
      return nullptr;
    nid = Is(oid, kSecp256k1) ? NID_secp256k1 : OBJ_cbs2nid(&oid);
  }
  bssl::UniquePtr<EC_KEY> ec(CurveByNid(nid) != nullptr ? NewEcKey(nid) : nullptr);
  if (!ec) return nullptr;
  const EC_GROUP* g = EC_KEY_get0_group(ec.get());
  bssl::UniquePtr<BIGNUM> d(BN_bin2bn(CBS_data(&priv), CBS_len(&priv), nullptr));
  bssl::UniquePtr<EC_POINT> pub(EC_POINT_new(g));
  if (!d || !pub || !EC_KEY_set_private_key(ec.get(), d.get())) return nullptr;
  CBS bits;
  if (CBS_peek_asn1_tag(&seq, kTag1)) {
    if (!CBS_get_asn1(&seq, &field, kTag1) || !GetBitString(&field, &bits) ||
        !EC_POINT_oct2point(g, pub.get(), CBS_data(&bits), CBS_len(&bits), nullptr))
      return nullptr;
  } else if (!EC_POINT_mul(g, pub.get(), d.get(), nullptr, nullptr, nullptr)) {
    return nullptr;
  }
  if (!EC_KEY_set_public_key(ec.get(), pub.get()) || !EC_KEY_check_key(ec.get())) return nullptr;
  return ec.release();
}

// ECPrivateKey with the curve's name (unless `with_params` is false, as
// inside PKCS #8) and the public key.
inline bool AddSec1(CBB* cbb, const EC_KEY* ec, bool with_params) {
  const EC_GROUP* g = EC_KEY_get0_group(ec);
  if (GroupNid(g) != NID_secp256k1) {
    unsigned flags = EC_KEY_get_enc_flags(ec) | (with_params ? 0 : EC_PKEY_NO_PARAMETERS);
    return EC_KEY_marshal_private_key(cbb, ec, flags);
  }
  CBB seq, priv, field, bits;
  size_t order_len = BN_num_bytes(EC_GROUP_get0_order(g));
  uint8_t* buf = nullptr;
  size_t len = EC_KEY_key2buf(ec, EC_KEY_get_conv_form(ec), &buf, nullptr);
  bssl::UniquePtr<uint8_t> owner(buf);
  return len > 0 && CBB_add_asn1(cbb, &seq, CBS_ASN1_SEQUENCE) &&
         CBB_add_asn1_uint64(&seq, 1) && CBB_add_asn1(&seq, &priv, CBS_ASN1_OCTETSTRING) &&
         BN_bn2cbb_padded(&priv, order_len, EC_KEY_get0_private_key(ec)) &&
         (!with_params || (CBB_add_asn1(&seq, &field, kTag0) && AddOid(&field, kSecp256k1))) &&
         CBB_add_asn1(&seq, &field, kTag1) && CBB_add_asn1(&field, &bits, CBS_ASN1_BITSTRING) &&
         CBB_add_u8(&bits, 0) && CBB_add_bytes(&bits, buf, len) && CBB_flush(cbb);
}

// ---- reading -------------------------------------------------------------------------------

// Which reader an AlgorithmIdentifier needs: BoringSSL's EVP, or one here.
enum class Alg { kEvp, kRsaPss, kDh, kEd448, kX448, kSecp256k1 };

inline Alg AlgorithmOf(const CBS& oid, CBS params) {
  if (Is(oid, kRsaPss)) return Alg::kRsaPss;
  if (Is(oid, kDh)) return Alg::kDh;
  if (Is(oid, kEd448)) return Alg::kEd448;
  if (Is(oid, kX448)) return Alg::kX448;
  CBS curve;
  if (Is(oid, kEcPublicKey) && CBS_get_asn1(&params, &curve, CBS_ASN1_OBJECT) &&
      Is(curve, kSecp256k1))
    return Alg::kSecp256k1;
  return Alg::kEvp;
}

// The AlgorithmIdentifier's parameters into `out`: RSASSA-PSS-params (or
// none), a DHParameter, nothing for Ed448/X448.
inline bool ParseParams(Alg alg, CBS* params, AsymKey* out) {
  switch (alg) {
    case Alg::kRsaPss:
      out->pss = true;
      return CBS_len(params) == 0 ||
             (ParsePssParams(params, &out->pss_params) && CBS_len(params) == 0);
    case Alg::kDh:
      out->dh.reset(DH_parse_parameters(params));
      return out->dh != nullptr;
    case Alg::kEd448:
    case Alg::kX448:
      return CBS_len(params) == 0;
    default:
      return true;
  }
}

// A DH key's INTEGER: y, or x (then y is computed).
inline bool ParseDhKey(CBS* in, bool is_private, DH* dh) {
  BIGNUM* n = BN_new();
  if (n == nullptr || !BN_parse_asn1_unsigned(in, n) ||
      !DH_set0_key(dh, is_private ? nullptr : n, is_private ? n : nullptr)) {
    BN_free(n);
    return false;
  }
  return !is_private || DH_generate_key(dh);
}

inline bool ParseSpki(CBS* in, AsymKey* out) {
  CBS copy = *in, spki, oid, params, bits;
  if (!CBS_get_asn1(&copy, &spki, CBS_ASN1_SEQUENCE) || !GetAlgorithm(&spki, &oid, &params))
    return false;
  Alg alg = AlgorithmOf(oid, params);
  if (alg == Alg::kEvp) {
    out->pkey.reset(EVP_parse_public_key(in));
    return out->pkey != nullptr;
  }
  if (!GetBitString(&spki, &bits) || CBS_len(&spki) != 0 || !ParseParams(alg, &params, out))
    return false;
  *in = copy;
  switch (alg) {
    case Alg::kRsaPss:
      out->pkey.reset(WrapRsa(RSA_parse_public_key(&bits)));
      return out->pkey && CBS_len(&bits) == 0;
    case Alg::kDh:
      return ParseDhKey(&bits, false, out->dh.get());
    case Alg::kSecp256k1: {
      bssl::UniquePtr<EC_KEY> ec(NewEcKey(NID_secp256k1));
      const EC_GROUP* g = ec ? EC_KEY_get0_group(ec.get()) : nullptr;
      bssl::UniquePtr<EC_POINT> pt(g ? EC_POINT_new(g) : nullptr);
      if (!pt || !EC_POINT_oct2point(g, pt.get(), CBS_data(&bits), CBS_len(&bits), nullptr) ||
          !EC_KEY_set_public_key(ec.get(), pt.get()))
        return false;
      out->pkey.reset(WrapEc(ec.release()));
      return out->pkey != nullptr;
    }
    default:
      return out->SetRaw(alg == Alg::kEd448 ? EVP_PKEY_ED448 : EVP_PKEY_X448, CBS_data(&bits),
                         CBS_len(&bits), nullptr, 0);
  }
}

inline bool AddSpki(CBB* cbb, const AsymKey& k) {
  if (!IsExtra(k)) return EVP_marshal_public_key(cbb, k.pkey.get());
  CBB spki, bits;
  if (!CBB_add_asn1(cbb, &spki, CBS_ASN1_SEQUENCE) || !AddAlgorithm(&spki, k) ||
      !CBB_add_asn1(&spki, &bits, CBS_ASN1_BITSTRING) || !CBB_add_u8(&bits, 0))
    return false;
  bool ok;
  switch (k.id()) {
    case EVP_PKEY_RSA_PSS:
      ok = RSA_marshal_public_key(&bits, EVP_PKEY_get0_RSA(k.pkey.get()));
      break;
    case EVP_PKEY_DH:
      ok = AddBigInt(&bits, DH_get0_pub_key(k.dh.get()));
      break;
    case EVP_PKEY_ED448:
    case EVP_PKEY_X448:
      ok = CBB_add_bytes(&bits, reinterpret_cast<const uint8_t*>(k.raw_pub.data()),
                         k.raw_pub.size());
      break;
    default: {
      const EC_KEY* ec = EVP_PKEY_get0_EC_KEY(k.pkey.get());
      uint8_t* buf = nullptr;
      size_t len = EC_KEY_key2buf(ec, EC_KEY_get_conv_form(ec), &buf, nullptr);
      ok = len > 0 && CBB_add_bytes(&bits, buf, len);
      OPENSSL_free(buf);
    }
  }
  return ok && CBB_flush(cbb);
}

// ---- PKCS #8 -------------------------------------------------------------------------------

inline bool ParsePkcs8(CBS* in, AsymKey* out) {
  CBS copy = *in, info, oid, params, priv;
  uint64_t version;
  if (!CBS_get_asn1(&copy, &info, CBS_ASN1_SEQUENCE) || !CBS_get_asn1_uint64(&info, &version) ||
      version > 1 || !GetAlgorithm(&info, &oid, &params) ||
      !CBS_get_asn1(&info, &priv, CBS_ASN1_OCTETSTRING))
    return false;
  Alg alg = AlgorithmOf(oid, params);
  if (alg == Alg::kEvp) {
    out->pkey.reset(EVP_parse_private_key(in));
    return out->pkey != nullptr;
  }
  if (!ParseParams(alg, &params, out)) return false;
  *in = copy;  // attributes and a public key, if any, are ignored
  switch (alg) {
    case Alg::kRsaPss:
      out->pkey.reset(WrapRsa(RSA_parse_private_key(&priv)));
      return out->pkey && CBS_len(&priv) == 0;
    case Alg::kDh:
      return ParseDhKey(&priv, true, out->dh.get());
    case Alg::kSecp256k1:
      out->pkey.reset(WrapEc(ParseSec1(&priv, Secp256k1())));
      return out->pkey != nullptr;
    default: {
      CBS raw;
      return CBS_get_asn1(&priv, &raw, CBS_ASN1_OCTETSTRING) &&
             out->SetRaw(alg == Alg::kEd448 ? EVP_PKEY_ED448 : EVP_PKEY_X448, nullptr, 0,
                         CBS_data(&raw), CBS_len(&raw));
    }
  }
}

inline bool AddPkcs8(CBB* cbb, const AsymKey& k) {
  if (!IsExtra(k)) return EVP_marshal_private_key(cbb, k.pkey.get());
  CBB info, priv, inner;
  if (!CBB_add_asn1(cbb, &info, CBS_ASN1_SEQUENCE) || !CBB_add_asn1_uint64(&info, 0) ||
      !AddAlgorithm(&info, k) || !CBB_add_asn1(&info, &priv, CBS_ASN1_OCTETSTRING))
    return false;
  bool ok;
  switch (k.id()) {
    case EVP_PKEY_RSA_PSS:
      ok = RSA_marshal_private_key(&priv, EVP_PKEY_get0_RSA(k.pkey.get()));
      break;
    case EVP_PKEY_DH:
      ok = DH_get0_priv_key(k.dh.get()) != nullptr &&
           AddBigInt(&priv, DH_get0_priv_key(k.dh.get()));
      break;
    case EVP_PKEY_ED448:
    case EVP_PKEY_X448:
      ok = !k.raw_priv.empty() && CBB_add_asn1(&priv, &inner, CBS_ASN1_OCTETSTRING) &&
           CBB_add_bytes(&inner, reinterpret_cast<const uint8_t*>(k.raw_priv.data()),
                         k.raw_priv.size());
      break;
    default:
      ok = AddSec1(&priv, EVP_PKEY_get0_EC_KEY(k.pkey.get()), false);
  }
  return ok && CBB_flush(cbb);
}

}  // namespace der
}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEY_DER_H_
