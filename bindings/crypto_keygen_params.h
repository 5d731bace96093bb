// Key material BoringSSL's generators will not make in the sizes Node
// accepts: RSA moduli that are not a multiple of 128 bits (BoringSSL rounds
// down) and DSA domain parameters of any (L, N) (BoringSSL picks N from L
// and rounds L up to 64 bits). Both follow the usual construction:
//   RSA: primes p, q of ceil(bits/2) and floor(bits/2) bits with their top
//        two bits set, so n has exactly `bits` bits; d = e^-1 mod lcm(p-1, q-1).
//   DSA: q a prime of N bits; p = X - (X mod 2q) + 1 for random L-bit X until
//        p is prime (FIPS 186-4 A.1.1.2, with a random rather than hashed X);
//        g = h^((p-1)/q) mod p for the first h >= 2 giving g != 1.
#ifndef KILN_BINDINGS_CRYPTO_KEYGEN_PARAMS_H_
#define KILN_BINDINGS_CRYPTO_KEYGEN_PARAMS_H_

#include <openssl/bn.h>
#include <openssl/dsa.h>
#include <openssl/rsa.h>

#include <utility>

namespace kiln::bindings::crypto {

using BnPtr = bssl::UniquePtr<BIGNUM>;

// A prime of `bits` bits (top two set) with gcd(p - 1, e) = 1.
inline bool RsaPrime(BIGNUM* p, int bits, const BIGNUM* e, BN_CTX* ctx) {
  BnPtr pm1(BN_new()), gcd(BN_new());
  if (!pm1 || !gcd) return false;
  for (int tries = 0; tries < 1000; tries++) {
    if (!BN_generate_prime_ex(p, bits, 0, nullptr, nullptr, nullptr) ||
        !BN_sub(pm1.get(), p, BN_value_one()) || !BN_gcd(gcd.get(), pm1.get(), e, ctx))
      return false;
    if (BN_is_one(gcd.get())) return true;
  }
  return false;
}

inline bool GenerateRsaAnySize(RSA* rsa, int bits, uint32_t exponent) {
  bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
  BnPtr e(BN_new()), p(BN_new()), q(BN_new()), n(BN_new()), d(BN_new()), dp(BN_new()),
      dq(BN_new()), qi(BN_new()), pm1(BN_new()), qm1(BN_new()), lcm(BN_new()), gcd(BN_new());
  if (!ctx || !e || !p || !q || !n || !d || !dp || !dq || !qi || !pm1 || !qm1 || !lcm || !gcd ||
      !BN_set_word(e.get(), exponent))
    return false;
  int pbits = (bits + 1) / 2, qbits = bits - pbits;
  for (int tries = 0;; tries++) {
    if (tries == 100 || !RsaPrime(p.get(), pbits, e.get(), ctx.get()) ||
        !RsaPrime(q.get(), qbits, e.get(), ctx.get()) ||
        !BN_mul(n.get(), p.get(), q.get(), ctx.get()))
      return false;
    if (BN_cmp(p.get(), q.get()) != 0 && BN_num_bits(n.get()) == bits) break;
  }
  if (BN_cmp(p.get(), q.get()) < 0) std::swap(p, q);
  if (!BN_sub(pm1.get(), p.get(), BN_value_one()) || !BN_sub(qm1.get(), q.get(), BN_value_one()) ||
      !BN_gcd(gcd.get(), pm1.get(), qm1.get(), ctx.get()) ||
      !BN_mul(lcm.get(), pm1.get(), qm1.get(), ctx.get()) ||
      !BN_div(lcm.get(), nullptr, lcm.get(), gcd.get(), ctx.get()) ||
      !BN_mod_inverse(d.get(), e.get(), lcm.get(), ctx.get()) ||
      !BN_mod(dp.get(), d.get(), pm1.get(), ctx.get()) ||
      !BN_mod(dq.get(), d.get(), qm1.get(), ctx.get()) ||
      !BN_mod_inverse(qi.get(), q.get(), p.get(), ctx.get()))
    return false;
  if (!RSA_set0_key(rsa, n.get(), e.get(), d.get())) return false;
  n.release();
  e.release();
  d.release();
  if (!RSA_set0_factors(rsa, p.get(), q.get())) return false;
  p.release();
  q.release();
  if (!RSA_set0_crt_params(rsa, dp.get(), dq.get(), qi.get())) return false;
  dp.release();
  dq.release();
  qi.release();
  return RSA_check_key(rsa);
}

// Domain parameters (p of l bits, q of n bits, g) for `dsa`.
inline bool GenerateDsaParams(DSA* dsa, int l, int n) {
  if (n < 2 || n >= l) return false;
  bssl::UniquePtr<BN_CTX> ctx(BN_CTX_new());
  BnPtr p(BN_new()), q(BN_new()), g(BN_new()), x(BN_new()), c(BN_new()), q2(BN_new()),
      e(BN_new()), h(BN_new());
  if (!ctx || !p || !q || !g || !x || !c || !q2 || !e || !h ||
      !BN_generate_prime_ex(q.get(), n, 0, nullptr, nullptr, nullptr) ||
      !BN_lshift1(q2.get(), q.get()))
    return false;
  bool found = false;
  for (int tries = 0; tries < 64 * l && !found; tries++) {
    int prime = 0;
    if (!BN_rand(x.get(), l, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY) ||
        !BN_mod(c.get(), x.get(), q2.get(), ctx.get()) ||
        !BN_sub(p.get(), x.get(), c.get()) || !BN_add(p.get(), p.get(), BN_value_one()))
      return false;
    if (BN_num_bits(p.get()) != l) continue;
    if (!BN_primality_test(&prime, p.get(), BN_prime_checks_for_generation, ctx.get(), 1,
                           nullptr))
      return false;
    found = prime == 1;
  }
  if (!found || !BN_sub(e.get(), p.get(), BN_value_one()) ||
      !BN_div(e.get(), nullptr, e.get(), q.get(), ctx.get()))
    return false;
  for (BN_ULONG w = 2;; w++) {
    if (w > 1000 || !BN_set_word(h.get(), w) ||
        !BN_mod_exp(g.get(), h.get(), e.get(), p.get(), ctx.get()))
      return false;
    if (!BN_is_one(g.get())) break;
  }
  if (!DSA_set0_pqg(dsa, p.get(), q.get(), g.get())) return false;
  p.release();
  q.release();
  g.release();
  return true;
}

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KEYGEN_PARAMS_H_
