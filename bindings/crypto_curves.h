// The elliptic curves keys and ECDH may use: BoringSSL's named NIST curves,
// and secp256k1, which BoringSSL does not name but can run as a custom
// curve (EC_GROUP_new_curve_GFp). Such a group has no curve NID, so code
// that needs the name asks GroupNid() instead of EC_GROUP_get_curve_name.
#ifndef KILN_BINDINGS_CRYPTO_CURVES_H_
#define KILN_BINDINGS_CRYPTO_CURVES_H_

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/nid.h>

#include <cstring>

namespace kiln::bindings::crypto {

struct CurveName {
  const char* name;  // OpenSSL's short name (what Node reports)
  const char* nist;  // NIST / JWK name
  int nid;
};
inline const CurveName* Curves() {
  static const CurveName kCurves[] = {
      {"secp224r1", "P-224", NID_secp224r1},
      {"prime256v1", "P-256", NID_X9_62_prime256v1},
      {"secp384r1", "P-384", NID_secp384r1},
      {"secp521r1", "P-521", NID_secp521r1},
      {"secp256k1", "secp256k1", NID_secp256k1},
      {nullptr, nullptr, 0},
  };
  return kCurves;
}

// Node's GetCurveFromName: the NIST name or OpenSSL's short name.
inline int CurveNid(const char* name) {
  for (const CurveName* c = Curves(); c->name != nullptr; c++)
    if (strcmp(c->nist, name) == 0 || strcmp(c->name, name) == 0) return c->nid;
  return NID_undef;
}
inline const CurveName* CurveByNid(int nid) {
  for (const CurveName* c = Curves(); c->name != nullptr; c++)
    if (c->nid == nid) return c;
  return nullptr;
}

// secp256k1 (SEC 2, 2.4.1), built once; shared and never freed.
inline const EC_GROUP* Secp256k1() {
  static const EC_GROUP* group = [] () -> EC_GROUP* {
    static const uint8_t kP[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xfc, 0x2f};
    static const uint8_t kX[] = {
        0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b, 0x07,
        0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17, 0x98};
    static const uint8_t kY[] = {
        0x48, 0x3a, 0xda, 0x77, 0x26, 0xa3, 0xc4, 0x65, 0x5d, 0xa4, 0xfb, 0xfc, 0x0e, 0x11, 0x08, 0xa8,
        0xfd, 0x17, 0xb4, 0x48, 0xa6, 0x85, 0x54, 0x19, 0x9c, 0x47, 0xd0, 0x8f, 0xfb, 0x10, 0xd4, 0xb8};
    static const uint8_t kN[] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};
    bssl::UniquePtr<BIGNUM> p(BN_bin2bn(kP, sizeof(kP), nullptr)), a(BN_new()), b(BN_new()),
        x(BN_bin2bn(kX, sizeof(kX), nullptr)), y(BN_bin2bn(kY, sizeof(kY), nullptr)),
        n(BN_bin2bn(kN, sizeof(kN), nullptr));
    if (!p || !a || !b || !x || !y || !n || !BN_set_word(b.get(), 7)) return nullptr;
    EC_GROUP* g = EC_GROUP_new_curve_GFp(p.get(), a.get(), b.get(), nullptr);
    if (g == nullptr) return nullptr;
    bssl::UniquePtr<EC_POINT> gen(EC_POINT_new(g));
    if (!gen ||
        !EC_POINT_set_affine_coordinates_GFp(g, gen.get(), x.get(), y.get(), nullptr) ||
        !EC_GROUP_set_generator(g, gen.get(), n.get(), BN_value_one())) {
      EC_GROUP_free(g);
      return nullptr;
    }
    return g;
  }();
  return group;
}

// The curve NID of a group, secp256k1 included (NID_undef for others).
inline int GroupNid(const EC_GROUP* group) {
  int nid = EC_GROUP_get_curve_name(group);
  if (nid != NID_undef) return nid;
  const EC_GROUP* k1 = Secp256k1();
  return k1 != nullptr && EC_GROUP_cmp(group, k1, nullptr) == 0 ? NID_secp256k1 : NID_undef;
}

// A new, empty EC_KEY on a curve of Curves(); null for others.
inline EC_KEY* NewEcKey(int nid) {
  if (nid != NID_secp256k1) return EC_KEY_new_by_curve_name(nid);
  const EC_GROUP* k1 = Secp256k1();
  EC_KEY* ec = k1 != nullptr ? EC_KEY_new() : nullptr;
  if (ec != nullptr && !EC_KEY_set_group(ec, k1)) {
    EC_KEY_free(ec);
    return nullptr;
  }
  return ec;
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CURVES_H_
