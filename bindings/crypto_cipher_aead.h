// AES-CCM (RFC 3610, NIST SP 800-38C) and AES-OCB (RFC 7253) over
// BoringSSL's AES block function, which offers neither with the nonce and
// tag sizes Node's OpenSSL takes. As OpenSSL runs them for Node:
//   CCM: the message length goes into the MAC first, so the whole message
//        is sealed or opened by one call (Seal/Open);
//   OCB: streamed; whole blocks are processed as they arrive, the last
//        partial block and the tag at Finish.
// No V8 here; crypto_cipher.h drives them with Node's states and errors.
#ifndef KILN_BINDINGS_CRYPTO_CIPHER_AEAD_H_
#define KILN_BINDINGS_CRYPTO_CIPHER_AEAD_H_

#include <openssl/aes.h>
#include <openssl/mem.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace kiln::bindings::crypto {

inline void XorBlock(uint8_t* out, const uint8_t* a, const uint8_t* b, size_t n = 16) {
  for (size_t i = 0; i < n; i++) out[i] = a[i] ^ b[i];
}

class AesCcm {
 public:
  static bool ValidNonce(size_t n) { return n >= 7 && n <= 13; }
  static bool ValidTag(size_t n) { return n >= 4 && n <= 16 && n % 2 == 0; }

  bool Init(const uint8_t* key, size_t key_len, const uint8_t* nonce, size_t nonce_len,
            size_t tag_len) {
    if (!ValidNonce(nonce_len) || !ValidTag(tag_len)) return false;
    memcpy(nonce_, nonce, nonce_len);
    nonce_len_ = nonce_len;
    tag_len_ = tag_len;
    return AES_set_encrypt_key(key, static_cast<unsigned>(key_len * 8), &key_) == 0;
  }
  ~AesCcm() { OPENSSL_cleanse(&key_, sizeof(key_)); }

  // The longest message the length field (15 - nonce bytes) can describe.
  uint64_t MaxLength() const {
    size_t l = 15 - nonce_len_;
    return l >= 8 ? UINT64_MAX : (uint64_t{1} << (8 * l)) - 1;
  }

  void Seal(const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len, uint8_t* out,
            uint8_t* tag) {
    uint8_t mac[16];
    Mac(aad, aad_len, in, len, mac);
    Ctr(in, len, out, tag, mac);
  }

  // False, with `out` unspecified, when `tag` does not authenticate.
  bool Open(const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len,
            const uint8_t* tag, uint8_t* out) {
    uint8_t mac[16], s0_mac[16], expected[16];
    memset(mac, 0, sizeof(mac));
    Ctr(in, len, out, s0_mac, mac);  // s0_mac = S0 (the MAC was zero)
    Mac(aad, aad_len, out, len, mac);
    XorBlock(expected, mac, s0_mac, tag_len_);
    return CRYPTO_memcmp(expected, tag, tag_len_) == 0;
  }

  size_t tag_len() const { return tag_len_; }

 private:
  // The CBC-MAC of B0, the encoded AAD and the message.
  void Mac(const uint8_t* aad, size_t aad_len, const uint8_t* msg, size_t len, uint8_t x[16]) {
    size_t l = 15 - nonce_len_;
    uint8_t b[16] = {0};
    b[0] = static_cast<uint8_t>((aad_len > 0 ? 64 : 0) | ((tag_len_ - 2) / 2) << 3 | (l - 1));
    memcpy(b + 1, nonce_, nonce_len_);
    for (size_t i = 0; i < l && i < 8; i++) b[15 - i] = static_cast<uint8_t>(uint64_t{len} >> (8 * i));
    AES_encrypt(b, x, &key_);
    if (aad_len > 0) {
      uint8_t head[10];
      size_t h;
      uint64_t a = aad_len;
      if (a < 0xff00) {
        head[0] = static_cast<uint8_t>(a >> 8);
        head[1] = static_cast<uint8_t>(a);
        h = 2;
      } else if (a <= 0xffffffff) {
        head[0] = 0xff;
        head[1] = 0xfe;
        for (int i = 0; i < 4; i++) head[2 + i] = static_cast<uint8_t>(a >> (24 - 8 * i));
        h = 6;
      } else {
        head[0] = 0xff;
        head[1] = 0xff;
        for (int i = 0; i < 8; i++) head[2 + i] = static_cast<uint8_t>(a >> (56 - 8 * i));
        h = 10;
      }
      Absorb2(x, head, h, aad, aad_len);
    }
    Absorb2(x, msg, len, nullptr, 0);
  }

  // CBC-MAC over a || b, zero-padded to whole blocks.
  void Absorb2(uint8_t x[16], const uint8_t* a, size_t alen, const uint8_t* b, size_t blen) {
    uint8_t block[16];
    size_t fill = 0;
    auto feed = [&](const uint8_t* p, size_t n) {
      for (size_t i = 0; i < n; i++) {
        block[fill++] = p[i];
        if (fill == 16) {
          XorBlock(x, x, block);
          AES_encrypt(x, x, &key_);
          fill = 0;
        }
      }
    };
    feed(a, alen);
    if (b != nullptr) feed(b, blen);
    if (fill > 0) {
      memset(block + fill, 0, 16 - fill);
      XorBlock(x, x, block);
      AES_encrypt(x, x, &key_);
    }
  }

  // Counter mode from A1 over the message; tag = mac ^ E(A0).
  void Ctr(const uint8_t* in, size_t len, uint8_t* out, uint8_t* tag, const uint8_t mac[16]) {
    size_t l = 15 - nonce_len_;
    uint8_t a[16] = {0}, s[16];
    a[0] = static_cast<uint8_t>(l - 1);
    memcpy(a + 1, nonce_, nonce_len_);
    AES_encrypt(a, s, &key_);
    XorBlock(tag, mac, s);
    uint64_t counter = 1;
    for (size_t off = 0; off < len; off += 16, counter++) {
      for (size_t i = 0; i < l && i < 8; i++) a[15 - i] = static_cast<uint8_t>(counter >> (8 * i));
      AES_encrypt(a, s, &key_);
      size_t n = len - off < 16 ? len - off : 16;
      XorBlock(out + off, in + off, s, n);
    }
  }

  AES_KEY key_;
  uint8_t nonce_[13];
  size_t nonce_len_ = 0, tag_len_ = 0;
};

class AesOcb {
 public:
  static bool ValidNonce(size_t n) { return n >= 1 && n <= 15; }
  static bool ValidTag(size_t n) { return n >= 1 && n <= 16; }

  bool Init(const uint8_t* key, size_t key_len, const uint8_t* nonce, size_t nonce_len,
            size_t tag_len, bool encrypt) {
    if (!ValidNonce(nonce_len) || !ValidTag(tag_len)) return false;
    unsigned bits = static_cast<unsigned>(key_len * 8);
    if (AES_set_encrypt_key(key, bits, &enc_) != 0 || AES_set_decrypt_key(key, bits, &dec_) != 0)
      return false;
    encrypt_ = encrypt;
    uint8_t zero[16] = {0};
    AES_encrypt(zero, l_star_, &enc_);
    Double(l_dollar_, l_star_);
    Double(l_[0], l_dollar_);
    for (int i = 1; i < kLevels; i++) Double(l_[i], l_[i - 1]);
    // Offset_0 from the nonce (RFC 7253, 4.2).
    uint8_t n[16] = {0}, ktop[16], stretch[24];
    n[0] = static_cast<uint8_t>(((tag_len * 8) % 128) << 1);
    n[15 - nonce_len] |= 1;
    memcpy(n + 16 - nonce_len, nonce, nonce_len);
    unsigned bottom = n[15] & 63;
    n[15] &= 0xc0;
    AES_encrypt(n, ktop, &enc_);
    memcpy(stretch, ktop, 16);
    for (int i = 0; i < 8; i++) stretch[16 + i] = ktop[i] ^ ktop[i + 1];
    unsigned bytes = bottom / 8, bits_off = bottom % 8;
    for (int i = 0; i < 16; i++) {
      unsigned v = stretch[i + bytes] << bits_off;
      if (bits_off != 0) v |= stretch[i + bytes + 1] >> (8 - bits_off);
      offset_[i] = static_cast<uint8_t>(v);
    }
    return true;
  }
  ~AesOcb() {
    OPENSSL_cleanse(&enc_, sizeof(enc_));
    OPENSSL_cleanse(&dec_, sizeof(dec_));
  }

  // Associated data, in any number of pieces, before the message.
  bool AddAad(const uint8_t* p, size_t n) {
    if (in_data_) return false;
    Stream(p, n, aad_buf_, &aad_fill_, [&](const uint8_t* block) {
      uint8_t t[16];
      Advance(aad_offset_, ++aad_blocks_);
      XorBlock(t, block, aad_offset_);
      AES_encrypt(t, t, &enc_);
      XorBlock(aad_sum_, aad_sum_, t);
    });
    return true;
  }

  // Whole blocks of output; `out` has room for n + 16 bytes.
  void Update(const uint8_t* in, size_t n, uint8_t* out, size_t* out_len) {
    in_data_ = true;
    *out_len = 0;
    Stream(in, n, buf_, &fill_, [&](const uint8_t* block) {
      uint8_t t[16];
      Advance(offset_, ++blocks_);
      XorBlock(t, block, offset_);
      if (encrypt_) {
        XorBlock(checksum_, checksum_, block);
        AES_encrypt(t, t, &enc_);
        XorBlock(out + *out_len, t, offset_);
      } else {
        AES_decrypt(t, t, &dec_);
        XorBlock(out + *out_len, t, offset_);
        XorBlock(checksum_, checksum_, out + *out_len);
      }
      *out_len += 16;
    });
  }

  // The last partial block (< 16 bytes into `out`) and the full 16-byte tag.
  void Finish(uint8_t* out, size_t* out_len, uint8_t tag[16]) {
    uint8_t pad[16], t[16];
    *out_len = fill_;
    if (fill_ > 0) {
      XorBlock(offset_, offset_, l_star_);
      AES_encrypt(offset_, pad, &enc_);
      XorBlock(out, buf_, pad, fill_);
      const uint8_t* plain = encrypt_ ? buf_ : out;
      memset(t, 0, 16);
      memcpy(t, plain, fill_);
      t[fill_] = 0x80;
      XorBlock(checksum_, checksum_, t);
    }
    XorBlock(t, checksum_, offset_);
    XorBlock(t, t, l_dollar_);
    AES_encrypt(t, tag, &enc_);
    // HASH(K, A), with the AAD's own last partial block.
    if (aad_fill_ > 0) {
      XorBlock(aad_offset_, aad_offset_, l_star_);
      memset(t, 0, 16);
      memcpy(t, aad_buf_, aad_fill_);
      t[aad_fill_] = 0x80;
      XorBlock(t, t, aad_offset_);
      AES_encrypt(t, t, &enc_);
      XorBlock(aad_sum_, aad_sum_, t);
    }
    XorBlock(tag, tag, aad_sum_);
  }

 private:
  static constexpr int kLevels = 64;

  static void Double(uint8_t out[16], const uint8_t in[16]) {
    uint8_t carry = in[0] >> 7;
    for (int i = 0; i < 15; i++) out[i] = static_cast<uint8_t>((in[i] << 1) | (in[i + 1] >> 7));
    out[15] = static_cast<uint8_t>((in[15] << 1) ^ (carry * 0x87));
  }

  // Offset_i = Offset_{i-1} xor L_{ntz(i)}
  void Advance(uint8_t offset[16], uint64_t i) {
    XorBlock(offset, offset, l_[__builtin_ctzll(i)]);
  }

  // Feeds whole 16-byte blocks of (held bytes, p) to `block`, keeping the
  // rest (under 16 bytes) for later.
  template <typename F>
  static void Stream(const uint8_t* p, size_t n, uint8_t held[16], size_t* fill, F block) {
    while (n > 0) {
      size_t take = 16 - *fill < n ? 16 - *fill : n;
      memcpy(held + *fill, p, take);
      *fill += take;
      p += take;
      n -= take;
      if (*fill == 16) {
        block(held);
        *fill = 0;
      }
    }
  }

  AES_KEY enc_, dec_;
  bool encrypt_ = true;
  bool in_data_ = false;
  uint8_t l_star_[16], l_dollar_[16], l_[kLevels][16];
  uint8_t offset_[16], checksum_[16] = {0}, buf_[16];
  size_t fill_ = 0;
  uint64_t blocks_ = 0;
  uint8_t aad_offset_[16] = {0}, aad_sum_[16] = {0}, aad_buf_[16];
  size_t aad_fill_ = 0;
  uint64_t aad_blocks_ = 0;
};

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CIPHER_AEAD_H_
