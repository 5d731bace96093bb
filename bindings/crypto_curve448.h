// X448 (RFC 7748) and Ed448 (RFC 8032, pure, empty context), which BoringSSL
// lacks and Node's OpenSSL has. Field elements are 8 limbs of 56 bits mod
// p = 2^448 - 2^224 - 1, and every operation on secret data (the X448 ladder,
// the Ed448 scalar ladder, field arithmetic) runs in constant time: no
// branch or index depends on a secret. Ed448 signing's scalar arithmetic
// mod the group order L (reducing the nonce, r + k * s) uses BIGNUM, whose
// timing is not guaranteed independent of the values.
//
//   X448(out56, scalar56, u56)      -> false for an all-zero result
//   X448Public(out56, priv56)
//   Ed448Public(out57, priv57)
//   Ed448Sign(sig114, priv57, msg, len)
//   Ed448Verify(sig114, pub57, msg, len) -> bool
#ifndef KILN_BINDINGS_CRYPTO_CURVE448_H_
#define KILN_BINDINGS_CRYPTO_CURVE448_H_

#include <openssl/bn.h>
#include <openssl/mem.h>

#include <cstdint>
#include <cstring>

#include "bindings/crypto_keccak.h"

namespace kiln::bindings::crypto {
namespace c448 {

using u128 = unsigned __int128;
constexpr uint64_t kMask = (uint64_t{1} << 56) - 1;

struct Fe {
  uint64_t v[8];
};

inline Fe FeSmall(uint64_t x) {
  Fe r{};
  r.v[0] = x;
  return r;
}

// Limbs back under 2^56 (plus a small excess in limbs 0 and 4); the carry
// out of the top folds back as 2^448 = 2^224 + 1.
inline void Carry(Fe* a) {
  for (int i = 0; i < 7; i++) {
    a->v[i + 1] += a->v[i] >> 56;
    a->v[i] &= kMask;
  }
  uint64_t top = a->v[7] >> 56;
  a->v[7] &= kMask;
  a->v[0] += top;
  a->v[4] += top;
}

inline Fe Add(const Fe& a, const Fe& b) {
  Fe r;
  for (int i = 0; i < 8; i++) r.v[i] = a.v[i] + b.v[i];
  Carry(&r);
  return r;
}

// a - b as a + 4p - b: limbs of 4p exceed any carried limb of b.
inline Fe Sub(const Fe& a, const Fe& b) {
  Fe r;
  for (int i = 0; i < 8; i++) {
    uint64_t four_p = i == 4 ? (kMask << 2) - 4 : (kMask << 2);
    r.v[i] = a.v[i] + four_p - b.v[i];
  }
  Carry(&r);
  return r;
}

inline Fe Mul(const Fe& a, const Fe& b) {
  u128 c[15] = {0};
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) c[i + j] += static_cast<u128>(a.v[i]) * b.v[j];
  // 2^(56k) for k >= 8 is 2^(56(k-4)) + 2^(56(k-8)); top down, so limbs
  // folded into 8..10 are folded again.
  for (int k = 14; k >= 8; k--) {
    c[k - 4] += c[k];
    c[k - 8] += c[k];
  }
  // Two carry passes: the first fold of the top may push limbs 0 and 4 to
  // 2^65; after the second every limb fits 57 bits.
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < 7; i++) {
      c[i + 1] += c[i] >> 56;
      c[i] &= kMask;
    }
    u128 top = c[7] >> 56;
    c[7] &= kMask;
    c[0] += top;
    c[4] += top;
  }
  Fe r;
  for (int i = 0; i < 8; i++) r.v[i] = static_cast<uint64_t>(c[i]);
  Carry(&r);
  return r;
}

inline Fe Sqr(const Fe& a) { return Mul(a, a); }

inline Fe MulSmall(const Fe& a, uint64_t k) { return Mul(a, FeSmall(k)); }

// a^e for a public exponent e (big-endian bytes).
inline Fe Pow(const Fe& a, const uint8_t* e, size_t len) {
  Fe r = FeSmall(1);
  for (size_t i = 0; i < len; i++)
    for (int bit = 7; bit >= 0; bit--) {
      r = Sqr(r);
      if ((e[i] >> bit) & 1) r = Mul(r, a);
    }
  return r;
}

// p - 2 and (p - 3) / 4, big-endian.
inline Fe Invert(const Fe& a) {
  uint8_t e[56];
  memset(e, 0xff, 56);
  e[27] = 0xfe;  // 2^448 - 2^224 - 1 ...
  e[55] = 0xfd;  // ... - 2
  return Pow(a, e, 56);
}
inline Fe PowP34(const Fe& a) {
  // (p - 3) / 4 = 2^446 - 2^222 - 1
  uint8_t e[56];
  memset(e, 0xff, 56);
  e[0] = 0x3f;
  e[28] = 0xbf;
  return Pow(a, e, 56);
}

// Constant-time conditional swap and select (mask all-ones or zero).
inline void CSwap(Fe* a, Fe* b, uint64_t mask) {
  for (int i = 0; i < 8; i++) {
    uint64_t t = mask & (a->v[i] ^ b->v[i]);
    a->v[i] ^= t;
    b->v[i] ^= t;
  }
}

// The canonical value (< p) as 56 little-endian bytes.
inline void ToBytes(uint8_t out[56], Fe a) {
  // Three passes leave every limb under 2^56 (each fold shrinks the excess).
  Carry(&a);
  Carry(&a);
  Carry(&a);
  // Subtract p when a >= p (at most twice after carrying).
  for (int round = 0; round < 2; round++) {
    uint64_t t[8];
    int64_t borrow = 0;
    for (int i = 0; i < 8; i++) {
      uint64_t p_i = i == 4 ? kMask - 1 : kMask;
      int64_t d = static_cast<int64_t>(a.v[i]) - static_cast<int64_t>(p_i) + borrow;
      t[i] = static_cast<uint64_t>(d) & kMask;
      borrow = d >> 56;  // 0 or -1
    }
    uint64_t keep = static_cast<uint64_t>(borrow);  // all-ones: a < p, keep a
    for (int i = 0; i < 8; i++) a.v[i] = (a.v[i] & keep) | (t[i] & ~keep);
  }
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 7; j++) out[7 * i + j] = static_cast<uint8_t>(a.v[i] >> (8 * j));
}

inline Fe FromBytes(const uint8_t in[56]) {
  Fe r;
  for (int i = 0; i < 8; i++) {
    r.v[i] = 0;
    for (int j = 0; j < 7; j++) r.v[i] |= static_cast<uint64_t>(in[7 * i + j]) << (8 * j);
  }
  return r;
}

inline bool IsZero(const Fe& a) {
  uint8_t b[56];
  ToBytes(b, a);
  uint8_t acc = 0;
  for (uint8_t x : b) acc |= x;
  return acc == 0;
}

inline bool Equal(const Fe& a, const Fe& b) { return IsZero(Sub(a, b)); }

// ---- X448 ------------------------------------------------------------------------

inline bool X448(uint8_t out[56], const uint8_t scalar[56], const uint8_t point[56]) {
  uint8_t k[56];
  memcpy(k, scalar, 56);
  k[0] &= 252;
  k[55] |= 128;
  Fe x1 = FromBytes(point), x2 = FeSmall(1), z2 = FeSmall(0), x3 = x1, z3 = FeSmall(1);
  uint64_t swap = 0;
  for (int t = 447; t >= 0; t--) {
    uint64_t bit = (k[t / 8] >> (t % 8)) & 1;
    swap ^= bit;
    CSwap(&x2, &x3, 0 - swap);
    CSwap(&z2, &z3, 0 - swap);
    swap = bit;
    Fe a = Add(x2, z2), aa = Sqr(a), b = Sub(x2, z2), bb = Sqr(b), e = Sub(aa, bb);
    Fe c = Add(x3, z3), d = Sub(x3, z3), da = Mul(d, a), cb = Mul(c, b);
    x3 = Sqr(Add(da, cb));
    z3 = Mul(x1, Sqr(Sub(da, cb)));
    x2 = Mul(aa, bb);
    z2 = Mul(e, Add(aa, MulSmall(e, 39081)));
  }
  CSwap(&x2, &x3, 0 - swap);
  CSwap(&z2, &z3, 0 - swap);
  ToBytes(out, Mul(x2, Invert(z2)));
  OPENSSL_cleanse(k, sizeof(k));
  uint8_t acc = 0;
  for (int i = 0; i < 56; i++) acc |= out[i];
  return acc != 0;
}

inline void X448Public(uint8_t out[56], const uint8_t priv[56]) {
  uint8_t base[56] = {5};
  X448(out, priv, base);
}

// ---- Ed448 -----------------------------------------------------------------------

// Projective (X : Y : Z) on x^2 + y^2 = 1 + d x^2 y^2, d = -39081. The
// addition law is complete, so it also doubles.
struct Point {
  Fe x, y, z;
};

inline Fe CurveD() { return Sub(FeSmall(0), FeSmall(39081)); }

inline Point PointAdd(const Point& p, const Point& q) {
  Fe a = Mul(p.z, q.z), b = Sqr(a), c = Mul(p.x, q.x), d = Mul(p.y, q.y);
  Fe e = Mul(CurveD(), Mul(c, d)), f = Sub(b, e), g = Add(b, e);
  Fe h = Mul(Add(p.x, p.y), Add(q.x, q.y));
  Point r;
  r.x = Mul(Mul(a, f), Sub(Sub(h, c), d));
  r.y = Mul(Mul(a, g), Sub(d, c));
  r.z = Mul(f, g);
  return r;
}

inline void PointCSwap(Point* a, Point* b, uint64_t mask) {
  CSwap(&a->x, &b->x, mask);
  CSwap(&a->y, &b->y, mask);
  CSwap(&a->z, &b->z, mask);
}

// [k]P for a 456-bit little-endian scalar, by a Montgomery ladder.
inline Point ScalarMul(const Point& p, const uint8_t k[57]) {
  Point r0{FeSmall(0), FeSmall(1), FeSmall(1)}, r1 = p;
  uint64_t swap = 0;
  for (int t = 455; t >= 0; t--) {
    uint64_t bit = (k[t / 8] >> (t % 8)) & 1;
    swap ^= bit;
    PointCSwap(&r0, &r1, 0 - swap);
    swap = bit;
    r1 = PointAdd(r0, r1);
    r0 = PointAdd(r0, r0);
  }
  PointCSwap(&r0, &r1, 0 - swap);
  return r0;
}

inline Point BasePoint() {
  // RFC 8032, 5.2: the generator's coordinates, little-endian.
  static const uint8_t kX[56] = {
      0x5e, 0xc0, 0x0c, 0xc7, 0x2b, 0xa8, 0x26, 0x26, 0x8e, 0x93, 0x00, 0x8b, 0xe1, 0x80,
      0x3b, 0x43, 0x11, 0x65, 0xb6, 0x2a, 0xf7, 0x1a, 0xae, 0x12, 0x64, 0xa4, 0xd3, 0xa3,
      0x24, 0xe3, 0x6d, 0xea, 0x67, 0x17, 0x0f, 0x47, 0x70, 0x65, 0x14, 0x9e, 0xda, 0x36,
      0xbf, 0x22, 0xa6, 0x15, 0x1d, 0x22, 0xed, 0x0d, 0xed, 0x6b, 0xc6, 0x70, 0x19, 0x4f};
  static const uint8_t kY[56] = {
      0x14, 0xfa, 0x30, 0xf2, 0x5b, 0x79, 0x08, 0x98, 0xad, 0xc8, 0xd7, 0x4e, 0x2c, 0x13,
      0xbd, 0xfd, 0xc4, 0x39, 0x7c, 0xe6, 0x1c, 0xff, 0xd3, 0x3a, 0xd7, 0xc2, 0xa0, 0x05,
      0x1e, 0x9c, 0x78, 0x87, 0x40, 0x98, 0xa3, 0x6c, 0x73, 0x73, 0xea, 0x4b, 0x62, 0xc7,
      0xc9, 0x56, 0x37, 0x20, 0x76, 0x88, 0x24, 0xbc, 0xb6, 0x6e, 0x71, 0x46, 0x3f, 0x69};
  return Point{FromBytes(kX), FromBytes(kY), FeSmall(1)};
}

inline void Encode(uint8_t out[57], const Point& p) {
  Fe zi = Invert(p.z);
  uint8_t x[56];
  ToBytes(x, Mul(p.x, zi));
  ToBytes(out, Mul(p.y, zi));
  out[56] = static_cast<uint8_t>((x[0] & 1) << 7);
}

// RFC 8032, 5.2.3. Public input: may branch.
inline bool Decode(Point* out, const uint8_t in[57]) {
  if ((in[56] & 0x7f) != 0) return false;
  int x0 = in[56] >> 7;
  Fe y = FromBytes(in);
  uint8_t canon[56];
  ToBytes(canon, y);
  if (memcmp(canon, in, 56) != 0) return false;  // y >= p
  Fe yy = Sqr(y);
  Fe u = Sub(yy, FeSmall(1)), v = Sub(Mul(CurveD(), yy), FeSmall(1));
  Fe u3v = Mul(Mul(Sqr(u), u), v);
  Fe x = Mul(u3v, PowP34(Mul(Mul(u3v, Sqr(u)), Sqr(v))));  // u^3 v (u^5 v^3)^((p-3)/4)
  if (!Equal(Mul(v, Sqr(x)), u)) return false;
  uint8_t xb[56];
  ToBytes(xb, x);
  bool zero = IsZero(x);
  if (zero && x0 == 1) return false;
  if ((xb[0] & 1) != x0) x = Sub(FeSmall(0), x);
  *out = Point{x, y, FeSmall(1)};
  return true;
}

// SHAKE256(dom4(0, "") || parts..., 114)
inline void HashDom(uint8_t out[114], const uint8_t* a, size_t alen, const uint8_t* b, size_t blen,
                    const uint8_t* c, size_t clen, const uint8_t* d = nullptr, size_t dlen = 0) {
  static const uint8_t kDom[10] = {'S', 'i', 'g', 'E', 'd', '4', '4', '8', 0, 0};
  Keccak h(KeccakByName("shake256"));
  h.Update(kDom, sizeof(kDom));
  h.Update(a, alen);
  h.Update(b, blen);
  h.Update(c, clen);
  if (d != nullptr) h.Update(d, dlen);
  h.Final(out, 114);
}

// The group order L = 2^446 - 13818066809895115352007386748515426880336692474882178609894547503885.
inline const BIGNUM* Order() {
  static BIGNUM* order = [] {
    static const uint8_t kL[56] = {
        0x3f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0x7c, 0xca, 0x23, 0xe9, 0xc4, 0x4e, 0xdb, 0x49, 0xae, 0xd6, 0x36, 0x90, 0x21, 0x6c,
        0xc2, 0x72, 0x8d, 0xc5, 0x8f, 0x55, 0x23, 0x78, 0xc2, 0x92, 0xab, 0x58, 0x44, 0xf3};
    return BN_bin2bn(kL, sizeof(kL), nullptr);
  }();
  return order;
}

// x (little-endian) mod L, as 57 little-endian bytes.
inline bool ReduceScalar(uint8_t out[57], const uint8_t* x, size_t len, BN_CTX* ctx) {
  bssl::UniquePtr<BIGNUM> n(BN_le2bn(x, len, nullptr));
  return n && BN_nnmod(n.get(), n.get(), Order(), ctx) && BN_bn2le_padded(out, 57, n.get());
}

// The clamped secret scalar and the prefix of a private key.
inline void Expand(uint8_t h[114], const uint8_t priv[57]) {
  Keccak k(KeccakByName("shake256"));
  k.Update(priv, 57);
  k.Final(h, 114);
  h[0] &= 0xfc;
  h[55] |= 0x80;
  h[56] = 0;
}

inline void Ed448Public(uint8_t out[57], const uint8_t priv[57]) {
  uint8_t h[114];
  Expand(h, priv);
  Encode(out, ScalarMul(BasePoint(), h));
  OPENSSL_cleanse(h, sizeof(h));
}

inline bool Ed448Sign(uint8_t sig[114], const uint8_t priv[57], const uint8_t* msg, size_t len) {
  uint8_t h[114], pub[57], wide[114], r[57], k[57];
  Expand(h, priv);
  Encode(pub, ScalarMul(BasePoint(), h));
  bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
  HashDom(wide, h + 57, 57, msg, len, nullptr, 0);
  bool ok = ctx && ReduceScalar(r, wide, sizeof(wide), ctx.get());
  if (ok) {
    Encode(sig, ScalarMul(BasePoint(), r));
    HashDom(wide, sig, 57, pub, 57, msg, len);
    ok = ReduceScalar(k, wide, sizeof(wide), ctx.get());
  }
  if (ok) {
    // S = r + k * s mod L
    bssl::UniquePtr<BIGNUM> bs(BN_le2bn(h, 57, nullptr)), bk(BN_le2bn(k, 57, nullptr)),
        br(BN_le2bn(r, 57, nullptr));
    ok = bs && bk && br && BN_mod_mul(bk.get(), bk.get(), bs.get(), Order(), ctx.get()) &&
         BN_mod_add(br.get(), br.get(), bk.get(), Order(), ctx.get()) &&
         BN_bn2le_padded(sig + 57, 57, br.get());
  }
  OPENSSL_cleanse(h, sizeof(h));
  OPENSSL_cleanse(r, sizeof(r));
  OPENSSL_cleanse(wide, sizeof(wide));
  return ok;
}

// Accepts when encode([S]B - [k]A) equals R, as OpenSSL checks.
inline bool Ed448Verify(const uint8_t sig[114], const uint8_t pub[57], const uint8_t* msg,
                        size_t len) {
  Point a;
  if (!Decode(&a, pub)) return false;
  bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
  bssl::UniquePtr<BIGNUM> s(BN_le2bn(sig + 57, 57, nullptr));
  if (!ctx || !s || BN_cmp(s.get(), Order()) >= 0) return false;
  uint8_t wide[114], k[57], check[57];
  HashDom(wide, sig, 57, pub, 57, msg, len);
  if (!ReduceScalar(k, wide, sizeof(wide), ctx.get())) return false;
  Point neg_a{Sub(FeSmall(0), a.x), a.y, a.z};
  Encode(check, PointAdd(ScalarMul(BasePoint(), sig + 57), ScalarMul(neg_a, k)));
  return memcmp(check, sig, 57) == 0;
}

}  // namespace c448
}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CURVE448_H_
