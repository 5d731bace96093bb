// buffer.transcode() between utf8, ucs2 (utf16le), latin1 and ascii, with
// the results and errors Node gets from ICU: unmappable characters become
// '?', malformed input U+FFFD, and two conversions are strict (UTF-8 to
// UTF-16 and UTF-16 to UTF-8 fail on malformed input). Pure functions over
// bytes, used by bindings/buffer.cc.
#ifndef KILN_BINDINGS_BUFFER_TRANSCODE_H_
#define KILN_BINDINGS_BUFFER_TRANSCODE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/string_bytes.h"

namespace kiln::bindings::buffer {

// The ICU status codes Node reports (UErrorCode values).
constexpr int kIcuIllegalArgument = 1;  // U_ILLEGAL_ARGUMENT_ERROR
constexpr int kIcuInvalidChar = 10;     // U_INVALID_CHAR_FOUND

constexpr uint32_t kReplacement = 0xFFFD;

// One code point from s[*i...): WHATWG UTF-8 decoding, where each maximal
// invalid subpart is one error (returned as U+FFFD with *valid false).
inline uint32_t NextUtf8(const uint8_t* s, size_t n, size_t* i, bool* valid) {
  uint8_t b = s[(*i)++];
  *valid = true;
  if (b < 0x80) return b;
  int need;
  uint32_t cp;
  uint8_t lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1, cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2, cp = b & 0x0F;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3, cp = b & 0x07;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *valid = false;
    return kReplacement;
  }
  for (int k = 0; k < need; k++, lo = 0x80, hi = 0xBF) {
    if (*i >= n || s[*i] < lo || s[*i] > hi) {
      *valid = false;
      return kReplacement;
    }
    cp = cp << 6 | (s[(*i)++] & 0x3F);
  }
  return cp;
}

inline void PutUtf8(std::vector<uint8_t>* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<uint8_t>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<uint8_t>(0xC0 | cp >> 6));
    out->push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<uint8_t>(0xE0 | cp >> 12));
    out->push_back(static_cast<uint8_t>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<uint8_t>(0xF0 | cp >> 18));
    out->push_back(static_cast<uint8_t>(0x80 | (cp >> 12 & 0x3F)));
    out->push_back(static_cast<uint8_t>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  }
}

inline void PutUnit(std::vector<uint8_t>* out, uint32_t unit) {
  out->push_back(static_cast<uint8_t>(unit & 0xFF));
  out->push_back(static_cast<uint8_t>(unit >> 8));
}

inline void PutUtf16(std::vector<uint8_t>* out, uint32_t cp) {
  if (cp < 0x10000) return PutUnit(out, cp);
  cp -= 0x10000;
  PutUnit(out, 0xD800 | cp >> 10);
  PutUnit(out, 0xDC00 | (cp & 0x3FF));
}

inline bool IsHigh(uint32_t u) { return u >= 0xD800 && u <= 0xDBFF; }
inline bool IsLow(uint32_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

// Converts src[0, n) from `from` to `to` into *out. Returns 0, or the ICU
// status Node reports as "Unable to transcode Buffer [<name>]".
inline int Transcode(const uint8_t* src, size_t n, string_bytes::Encoding from,
                     string_bytes::Encoding to, std::vector<uint8_t>* out) {
  using namespace string_bytes;  // NOLINT: the encoding names
  auto supported = [](Encoding e) { return e == ASCII || e == LATIN1 || e == UCS2 || e == UTF8; };
  if (!supported(from) || !supported(to)) return kIcuIllegalArgument;
  out->reserve(to == UCS2 ? 2 * n : n);
  // Single-byte sources into UTF-16: every byte is its own code point
  // (ascii too: ICU's ucnv_toUChars path keeps bytes >= 0x80).
  if ((from == ASCII || from == LATIN1) && to == UCS2) {
    for (size_t i = 0; i < n; i++) PutUnit(out, src[i]);
    return 0;
  }
  auto put = [&](uint32_t cp) {
    if (to == UTF8) return PutUtf8(out, cp);
    if (to == UCS2) return PutUtf16(out, cp);
    uint32_t max = to == ASCII ? 0x7F : 0xFF;
    out->push_back(cp <= max ? static_cast<uint8_t>(cp) : '?');
  };
  if (from == UCS2) {
    const size_t units = n / 2;
    // Quirk kept from Node: a lone odd byte is an error into UTF-8.
    if (to == UTF8 && units == 0) return kIcuInvalidChar;
    for (size_t i = 0; i < units; i++) {
      uint32_t u = src[2 * i] | src[2 * i + 1] << 8;
      if (IsHigh(u) && i + 1 < units) {
        uint32_t next = src[2 * i + 2] | src[2 * i + 3] << 8;
        if (IsLow(next)) {
          put(0x10000 + ((u - 0xD800) << 10) + (next - 0xDC00));
          i++;
          continue;
        }
      }
      if (IsHigh(u) || IsLow(u)) {
        if (to == UTF8) return kIcuInvalidChar;
        put(to == UCS2 ? kReplacement : '?');
        // A high surrogate cut off by the trailing odd byte is one error.
        if (to == UCS2 && IsHigh(u) && i + 1 == units && n % 2) return 0;
        continue;
      }
      put(u);
    }
    if (to == UCS2 && n % 2) put(kReplacement);
    return 0;
  }
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    bool valid = true;
    if (from == UTF8) {
      cp = NextUtf8(src, n, &i, &valid);
      if (!valid && to == UCS2) return kIcuInvalidChar;
    } else {
      cp = src[i++];
      if (from == ASCII && cp > 0x7F) cp = kReplacement;
    }
    put(cp);
  }
  return 0;
}

}  // namespace kiln::bindings::buffer

#endif  // KILN_BINDINGS_BUFFER_TRANSCODE_H_
