#include "runtime/byte_codecs.h"

#include <simdutf.h>

#include <algorithm>
#include <cstring>

namespace kiln::byte_codecs {

namespace {

// ---- hex ---------------------------------------------------------------------

constexpr uint8_t kBad = 0xFF;

struct HexTable {
  uint8_t v[256];
  constexpr HexTable() : v() {
    for (int i = 0; i < 256; i++) v[i] = kBad;
    for (int i = 0; i < 10; i++) v['0' + i] = static_cast<uint8_t>(i);
    for (int i = 0; i < 6; i++) {
      v['a' + i] = static_cast<uint8_t>(10 + i);
      v['A' + i] = static_cast<uint8_t>(10 + i);
    }
  }
};
constexpr HexTable kUnhex;

// Two-byte code units are judged by their low byte, as Node does.
template <typename Char>
size_t HexDecodeUnits(uint8_t* dst, size_t capacity, const Char* src, size_t length) {
  size_t i = 0;
  for (; i < capacity && i * 2 + 1 < length; i++) {
    uint8_t hi = kUnhex.v[static_cast<uint8_t>(src[i * 2])];
    uint8_t lo = kUnhex.v[static_cast<uint8_t>(src[i * 2 + 1])];
    if (hi == kBad || lo == kBad) break;
    dst[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return i;
}

// Both digits of every byte value, so each byte is one 2-byte copy.
struct HexPairs {
  char v[512];
  constexpr HexPairs() : v() {
    const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 256; i++) {
      v[2 * i] = digits[i >> 4];
      v[2 * i + 1] = digits[i & 15];
    }
  }
};
constexpr HexPairs kHexPairs;

// ---- base64 ------------------------------------------------------------------

// Both alphabets decode under both names ('+' and '-' are 62, '/' and '_' 63).
struct Base64Table {
  uint8_t v[256];
  constexpr Base64Table() : v() {
    for (int i = 0; i < 256; i++) v[i] = kBad;
    for (int i = 0; i < 26; i++) {
      v['A' + i] = static_cast<uint8_t>(i);
      v['a' + i] = static_cast<uint8_t>(26 + i);
    }
    for (int i = 0; i < 10; i++) v['0' + i] = static_cast<uint8_t>(52 + i);
    v['+'] = v['-'] = 62;
    v['/'] = v['_'] = 63;
  }
};
constexpr Base64Table kUnbase64;


template <typename Char>
size_t DecodedSizeOf(const Char* src, size_t length) {
  if (length < 2) return 0;
  if (src[length - 1] == '=') {
    length--;
    if (src[length - 1] == '=') length--;
  }
  return length > 1 ? length / 4 * 3 + (length % 4 + 1) / 2 : 0;
}

// Decodes the next group of up to four alphabet characters from src[*i],
// skipping anything else. Returns false when decoding must stop: at a '=',
// at the end of the input, or when dst is full.
template <typename Char>
bool DecodeGroupSlow(uint8_t* dst, size_t capacity, const Char* src, size_t length, size_t* i,
                     size_t* k) {
  uint8_t prev = 0;
  for (int n = 0; n < 4; n++) {
    uint8_t c, v;
    for (;;) {
      c = static_cast<uint8_t>(src[*i]);
      v = kUnbase64.v[c];
      ++*i;
      if (v != kBad) break;
      if (c == '=' || *i >= length) return false;
    }
    if (n == 1) dst[(*k)++] = static_cast<uint8_t>(prev << 2 | v >> 4);
    if (n == 2) dst[(*k)++] = static_cast<uint8_t>(prev << 4 | v >> 2);
    if (n == 3) dst[(*k)++] = static_cast<uint8_t>(prev << 6 | v);
    if (*i >= length || *k >= capacity) return false;
    prev = v;
  }
  return true;
}

// Node's lenient decoder: whole groups of four alphabet characters go
// through the fast loop; any group with something else in it, and the tail,
// go through DecodeGroupSlow.
template <typename Char>
size_t Base64DecodeLenient(uint8_t* dst, size_t capacity, const Char* src, size_t length) {
  const size_t available = std::min(capacity, DecodedSizeOf(src, length));
  const size_t max_k = available / 3 * 3;
  size_t max_i = length / 4 * 4;
  size_t i = 0;
  size_t k = 0;
  while (i < max_i && k < max_k) {
    uint8_t a = kUnbase64.v[static_cast<uint8_t>(src[i])];
    uint8_t b = kUnbase64.v[static_cast<uint8_t>(src[i + 1])];
    uint8_t c = kUnbase64.v[static_cast<uint8_t>(src[i + 2])];
    uint8_t d = kUnbase64.v[static_cast<uint8_t>(src[i + 3])];
    if ((a | b | c | d) & 0x80) {
      if (!DecodeGroupSlow(dst, capacity, src, length, &i, &k)) return k;
      max_i = i + (length - i) / 4 * 4;
    } else {
      dst[k] = static_cast<uint8_t>(a << 2 | b >> 4);
      dst[k + 1] = static_cast<uint8_t>(b << 4 | c >> 2);
      dst[k + 2] = static_cast<uint8_t>(c << 6 | d);
      i += 4;
      k += 3;
    }
  }
  if (i < length && k < capacity) DecodeGroupSlow(dst, capacity, src, length, &i, &k);
  return k;
}

}  // namespace

size_t HexDecode(uint8_t* dst, size_t capacity, const uint8_t* src, size_t length) {
  return HexDecodeUnits(dst, capacity, src, length);
}

size_t HexDecode(uint8_t* dst, size_t capacity, const uint16_t* src, size_t length) {
  return HexDecodeUnits(dst, capacity, src, length);
}

void HexEncode(const uint8_t* src, size_t length, char* dst) {
  for (size_t i = 0; i < length; i++) memcpy(dst + 2 * i, &kHexPairs.v[2 * src[i]], 2);
}

size_t Base64DecodedSize(const uint8_t* src, size_t length) { return DecodedSizeOf(src, length); }

size_t Base64DecodedSize(const uint16_t* src, size_t length) { return DecodedSizeOf(src, length); }

// simdutf first: it accepts exactly the well-formed inputs (whitespace
// allowed), for which Node's lenient decoder gives the same bytes. Anything
// else, or a destination too small for the whole result, takes the lenient path.
size_t Base64Decode(uint8_t* dst, size_t capacity, const uint8_t* src, size_t length, bool url) {
  SimdGuard guard;
  size_t out = capacity;
  simdutf::result r = simdutf::base64_to_binary_safe(
      reinterpret_cast<const char*>(src), length, reinterpret_cast<char*>(dst), out,
      url ? simdutf::base64_url : simdutf::base64_default);
  if (r.error == simdutf::error_code::SUCCESS) return out;
  return Base64DecodeLenient(dst, capacity, src, length);
}

size_t Base64Decode(uint8_t* dst, size_t capacity, const uint16_t* src, size_t length, bool url) {
  SimdGuard guard;
  size_t out = capacity;
  simdutf::result r = simdutf::base64_to_binary_safe(
      reinterpret_cast<const char16_t*>(src), length, reinterpret_cast<char*>(dst), out,
      url ? simdutf::base64_url : simdutf::base64_default);
  if (r.error == simdutf::error_code::SUCCESS) return out;
  return Base64DecodeLenient(dst, capacity, src, length);
}

}  // namespace kiln::byte_codecs
