// Ciphers BoringSSL has primitives for but no EVP_CIPHER: chacha20 (OpenSSL's
// 16-byte IV: 32-bit little-endian counter, then the 96-bit nonce),
// chacha20-poly1305 (RFC 8439, streamed so update() returns output at once,
// as OpenSSL does), AES in CFB-128 and CFB-8 modes, AES key wrap, and
// Triple-DES key wrap (RFC 3217). AES-CCM and AES-OCB: crypto_cipher_aead.h.
#ifndef KILN_BINDINGS_CRYPTO_CIPHER_STREAM_H_
#define KILN_BINDINGS_CRYPTO_CIPHER_STREAM_H_

#include <openssl/aes.h>
#include <openssl/chacha.h>
#include <openssl/cipher.h>
#include <openssl/mem.h>
#include <openssl/poly1305.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <climits>
#include <string>

#include <cstdint>
#include <cstring>

namespace kiln::bindings::crypto {

// A ChaCha20 keystream that can be applied in pieces of any size.
class ChaChaStream {
 public:
  void Init(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter) {
    memcpy(key_, key, 32);
    memcpy(nonce_, nonce, 12);
    counter_ = counter;
    used_ = 64;  // no partial block buffered
  }
  ~ChaChaStream() { OPENSSL_cleanse(key_, sizeof(key_)); }

  void Apply(const uint8_t* in, uint8_t* out, size_t n) {
    // The rest of a block begun by the last call.
    while (n > 0 && used_ < 64) {
      *out++ = *in++ ^ block_[used_++];
      n--;
    }
    size_t whole = n & ~size_t{63};
    if (whole > 0) {
      CRYPTO_chacha_20(out, in, whole, key_, nonce_, counter_);
      counter_ += static_cast<uint32_t>(whole / 64);
      in += whole;
      out += whole;
      n -= whole;
    }
    if (n > 0) {
      memset(block_, 0, 64);
      CRYPTO_chacha_20(block_, block_, 64, key_, nonce_, counter_++);
      used_ = 0;
      while (n > 0) {
        *out++ = *in++ ^ block_[used_++];
        n--;
      }
    }
  }

 private:
  uint8_t key_[32];
  uint8_t nonce_[12];
  uint32_t counter_ = 0;
  uint8_t block_[64];
  size_t used_ = 64;
};

// RFC 8439 AEAD over ChaChaStream. Call order: Init, AddAad*, Update*,
// then Finish (encrypt: writes the tag; decrypt: compares it).
class ChaChaPoly {
 public:
  void Init(const uint8_t key[32], const uint8_t nonce[12], bool encrypt) {
    uint8_t poly_key[64] = {0};
    CRYPTO_chacha_20(poly_key, poly_key, 64, key, nonce, 0);
    CRYPTO_poly1305_init(&poly_, poly_key);
    OPENSSL_cleanse(poly_key, sizeof(poly_key));
    stream_.Init(key, nonce, 1);
    encrypt_ = encrypt;
  }
  // False once data has been processed.
  bool AddAad(const uint8_t* p, size_t n) {
    if (data_len_ > 0 || in_data_) return false;
    CRYPTO_poly1305_update(&poly_, p, n);
    aad_len_ += n;
    return true;
  }
  void Update(const uint8_t* in, uint8_t* out, size_t n) {
    if (!in_data_) {
      Pad(aad_len_);
      in_data_ = true;
    }
    if (encrypt_) {
      stream_.Apply(in, out, n);
      CRYPTO_poly1305_update(&poly_, out, n);
    } else {
      CRYPTO_poly1305_update(&poly_, in, n);
      stream_.Apply(in, out, n);
    }
    data_len_ += n;
  }
  void Finish(uint8_t tag[16]) {
    if (!in_data_) Pad(aad_len_);
    Pad(data_len_);
    uint8_t lens[16];
    for (int i = 0; i < 8; i++) {
      lens[i] = static_cast<uint8_t>(aad_len_ >> (8 * i));
      lens[8 + i] = static_cast<uint8_t>(data_len_ >> (8 * i));
    }
    CRYPTO_poly1305_update(&poly_, lens, 16);
    CRYPTO_poly1305_finish(&poly_, tag);
  }

 private:
  void Pad(uint64_t len) {
    static const uint8_t kZeros[16] = {0};
    if (len % 16 != 0) CRYPTO_poly1305_update(&poly_, kZeros, 16 - len % 16);
  }
  ChaChaStream stream_;
  poly1305_state poly_;
  uint64_t aad_len_ = 0, data_len_ = 0;
  bool in_data_ = false;
  bool encrypt_ = true;
};

// AES in CFB-128 or CFB-8 mode (both encrypt with the forward cipher).
class AesCfb {
 public:
  bool Init(const uint8_t* key, size_t key_len, const uint8_t iv[16], bool encrypt, bool cfb8) {
    if (AES_set_encrypt_key(key, static_cast<unsigned>(key_len * 8), &key_) != 0) return false;
    memcpy(iv_, iv, 16);
    encrypt_ = encrypt;
    cfb8_ = cfb8;
    num_ = 0;
    return true;
  }
  ~AesCfb() { OPENSSL_cleanse(&key_, sizeof(key_)); }

  void Apply(const uint8_t* in, uint8_t* out, size_t n) {
    if (!cfb8_) {
      AES_cfb128_encrypt(in, out, n, &key_, iv_, &num_, encrypt_ ? AES_ENCRYPT : AES_DECRYPT);
      return;
    }
    for (size_t i = 0; i < n; i++) {
      uint8_t ks[16];
      AES_encrypt(iv_, ks, &key_);
      uint8_t c = encrypt_ ? static_cast<uint8_t>(in[i] ^ ks[0]) : in[i];
      out[i] = static_cast<uint8_t>(in[i] ^ ks[0]);
      memmove(iv_, iv_ + 1, 15);
      iv_[15] = c;
    }
  }

 private:
  AES_KEY key_;
  uint8_t iv_[16];
  int num_ = 0;
  bool encrypt_ = true;
  bool cfb8_ = false;
};

// AES key wrap (RFC 3394) and with padding (RFC 5649), as OpenSSL's wrap
// ciphers: one update() call wraps or unwraps the whole input.
class AesWrap {
 public:
  bool Init(const uint8_t* key, size_t key_len, const uint8_t* iv, size_t iv_len, bool encrypt) {
    encrypt_ = encrypt;
    has_iv_ = iv != nullptr && iv_len == 8;
    if (has_iv_) memcpy(iv_, iv, 8);
    unsigned bits = static_cast<unsigned>(key_len * 8);
    return (encrypt ? AES_set_encrypt_key(key, bits, &key_) : AES_set_decrypt_key(key, bits, &key_)) == 0;
  }
  ~AesWrap() { OPENSSL_cleanse(&key_, sizeof(key_)); }

  // `out` has room for n + 16 bytes.
  bool Process(bool padded, const uint8_t* in, size_t n, uint8_t* out, size_t* out_len) {
    if (done_) return false;
    done_ = true;
    if (padded) {
      size_t len = 0;
      int ok = encrypt_ ? AES_wrap_key_padded(&key_, out, &len, n + 16, in, n)
                        : AES_unwrap_key_padded(&key_, out, &len, n, in, n);
      *out_len = len;
      return ok == 1;
    }
    int len = encrypt_ ? AES_wrap_key(&key_, has_iv_ ? iv_ : nullptr, out, in, n)
                       : AES_unwrap_key(&key_, has_iv_ ? iv_ : nullptr, out, in, n);
    if (len < 0) return false;
    *out_len = static_cast<size_t>(len);
    return true;
  }

 private:
  AES_KEY key_;
  uint8_t iv_[8];
  bool has_iv_ = false;
  bool encrypt_ = true;
  bool done_ = false;
};

// CMS Triple-DES key wrap (RFC 3217), OpenSSL's des3-wrap: each update()
// wraps or unwraps what it is given, a multiple of 8 bytes. Wrapping takes
// a random IV, as OpenSSL does.
class Des3Wrap {
 public:
  void Init(const uint8_t key[24], bool encrypt) {
    memcpy(key_, key, 24);
    encrypt_ = encrypt;
  }
  ~Des3Wrap() { OPENSSL_cleanse(key_, sizeof(key_)); }

  // `out` has room for n + 16 bytes.
  bool Process(const uint8_t* in, size_t n, uint8_t* out, size_t* out_len) {
    static const uint8_t kIv2[8] = {0x4a, 0xdd, 0xa2, 0x2c, 0x79, 0xe8, 0x21, 0x05};
    if (n % 8 != 0 || n > INT_MAX - 16) return false;
    uint8_t icv[SHA_DIGEST_LENGTH];
    if (encrypt_) {
      if (n == 0) return false;
      // IV || CBC(IV, data || ICV), reversed, then CBC under the fixed IV2.
      uint8_t* temp = out + 8;
      memcpy(temp, in, n);
      SHA1(in, n, icv);
      memcpy(temp + n, icv, 8);
      if (!RAND_bytes(out, 8) || !Cbc(true, out, temp, n + 8, temp)) return false;
      Reverse(out, n + 16);
      *out_len = n + 16;
      return Cbc(true, kIv2, out, n + 16, out);
    }
    if (n < 24) return false;
    uint8_t* temp = out;
    if (!Cbc(false, kIv2, in, n, temp)) return false;
    Reverse(temp, n);
    uint8_t iv[8];
    memcpy(iv, temp, 8);
    std::string body(reinterpret_cast<const char*>(temp + 8), n - 8);
    bool ok = Cbc(false, iv, reinterpret_cast<const uint8_t*>(body.data()), n - 8, temp);
    OPENSSL_cleanse(&body[0], body.size());
    if (!ok) return false;
    SHA1(temp, n - 16, icv);
    if (CRYPTO_memcmp(icv, temp + n - 16, 8) != 0) {
      OPENSSL_cleanse(temp, n);
      return false;
    }
    *out_len = n - 16;
    return true;
  }

 private:
  static void Reverse(uint8_t* p, size_t n) {
    for (size_t i = 0; i < n / 2; i++) {
      uint8_t t = p[i];
      p[i] = p[n - 1 - i];
      p[n - 1 - i] = t;
    }
  }
  bool Cbc(bool enc, const uint8_t iv[8], const uint8_t* in, size_t n, uint8_t* out) {
    bssl::ScopedEVP_CIPHER_CTX ctx;
    int outl = 0;
    return EVP_CipherInit_ex(ctx.get(), EVP_des_ede3_cbc(), nullptr, key_, iv, enc) &&
           EVP_CIPHER_CTX_set_padding(ctx.get(), 0) &&
           EVP_CipherUpdate(ctx.get(), out, &outl, in, static_cast<int>(n)) &&
           static_cast<size_t>(outl) == n;
  }

  uint8_t key_[24];
  bool encrypt_ = true;
};

}  // namespace kiln::bindings::crypto

#endif  // KILN_BINDINGS_CRYPTO_CIPHER_STREAM_H_
