// SHA-3 and SHAKE (FIPS 202), which BoringSSL does not offer but Node's
// OpenSSL does: createHash('sha3-256'), createHash('shake128',
// {outputLength}), and HMAC over SHA-3. A plain sponge over Keccak-f[1600].
#ifndef KILN_BINDINGS_CRYPTO_KECCAK_H_
#define KILN_BINDINGS_CRYPTO_KECCAK_H_

#include <strings.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kiln::bindings::crypto {

struct KeccakSpec {
  const char* name;
  size_t rate;        // bytes absorbed per permutation: 200 - 2 * capacity
  uint8_t suffix;     // domain separation: 0x06 SHA-3, 0x1f SHAKE
  size_t out_len;     // digest size; for SHAKE the default output length
  bool xof;
};

inline const KeccakSpec* KeccakByName(const char* name) {
  static const KeccakSpec kSpecs[] = {
      {"sha3-224", 144, 0x06, 28, false}, {"sha3-256", 136, 0x06, 32, false},
      {"sha3-384", 104, 0x06, 48, false}, {"sha3-512", 72, 0x06, 64, false},
      {"shake128", 168, 0x1f, 16, true},  {"shake256", 136, 0x1f, 32, true},
  };
  for (const KeccakSpec& s : kSpecs)
    if (strcasecmp(s.name, name) == 0) return &s;
  return nullptr;
}

class Keccak {
 public:
  explicit Keccak(const KeccakSpec* spec) : spec_(spec) {}

  const KeccakSpec* spec() const { return spec_; }

  void Update(const uint8_t* p, size_t n) {
    while (n > 0) {
      size_t take = spec_->rate - pos_;
      if (take > n) take = n;
      for (size_t i = 0; i < take; i++) XorByte(pos_ + i, p[i]);
      pos_ += take;
      p += take;
      n -= take;
      if (pos_ == spec_->rate) {
        Permute();
        pos_ = 0;
      }
    }
  }

  // Pads and squeezes `len` bytes. Call once.
  void Final(uint8_t* out, size_t len) {
    XorByte(pos_, spec_->suffix);
    XorByte(spec_->rate - 1, 0x80);
    Permute();
    size_t off = 0;
    while (len > 0) {
      if (off == spec_->rate) {
        Permute();
        off = 0;
      }
      *out++ = GetByte(off++);
      len--;
    }
  }

 private:
  void XorByte(size_t i, uint8_t b) { state_[i / 8] ^= static_cast<uint64_t>(b) << (8 * (i % 8)); }
  uint8_t GetByte(size_t i) const { return static_cast<uint8_t>(state_[i / 8] >> (8 * (i % 8))); }

  static uint64_t Rotl(uint64_t x, int n) { return n == 0 ? x : (x << n) | (x >> (64 - n)); }

  void Permute() {
    static const uint64_t kRoundConstants[24] = {
        0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
        0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
        0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
        0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
        0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
        0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
        0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
        0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
    };
    // Rotation offsets r[x][y], indexed as lane x + 5y.
    static const int kRotations[25] = {
        0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
    };
    uint64_t* a = state_;
    for (int round = 0; round < 24; round++) {
      // theta
      uint64_t c[5], d[5];
      for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
      for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
      // rho and pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
      uint64_t b[25];
      for (int x = 0; x < 5; x++)
        for (int y = 0; y < 5; y++)
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Rotl(a[x + 5 * y], kRotations[x + 5 * y]);
      // chi
      for (int y = 0; y < 5; y++)
        for (int x = 0; x < 5; x++)
          a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
      // iota
      a[0] ^= kRoundConstants[round];
    }
  }

  const KeccakSpec* spec_;
  uint64_t state_[25] = {0};
  size_t pos_ = 0;
};

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_KECCAK_H_
