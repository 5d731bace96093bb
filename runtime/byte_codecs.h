// Hex and base64 over raw memory, with Node's handling of malformed input
// (no V8 here; runtime/string_bytes.cc and the buffer binding use these).
// Text comes as one-byte or two-byte code units; a two-byte unit is judged
// by its low byte, as Node does.
#ifndef KILN_RUNTIME_BYTE_CODECS_H_
#define KILN_RUNTIME_BYTE_CODECS_H_

#include <cstddef>
#include <cstdint>

namespace kiln::byte_codecs {

// Decodes hex pairs into dst[0, capacity); stops at the first pair that is
// not two hex digits (and ignores an odd last digit). Returns bytes written.
size_t HexDecode(uint8_t* dst, size_t capacity, const uint8_t* src, size_t length);
size_t HexDecode(uint8_t* dst, size_t capacity, const uint16_t* src, size_t length);

// Lower-case hex of src[0, length) into dst[0, 2 * length).
void HexEncode(const uint8_t* src, size_t length, char* dst);

// Node's over-estimate of the bytes in base64 text: 3 per 4 characters,
// trailing '=' discounted.
size_t Base64DecodedSize(const uint8_t* src, size_t length);
size_t Base64DecodedSize(const uint16_t* src, size_t length);

// Decodes base64 (both alphabets are accepted under either name) into
// dst[0, capacity), as Node does: characters outside the alphabet are
// skipped and the first '=' ends the input. Returns bytes written.
size_t Base64Decode(uint8_t* dst, size_t capacity, const uint8_t* src, size_t length, bool url);
size_t Base64Decode(uint8_t* dst, size_t capacity, const uint16_t* src, size_t length, bool url);

// simdutf's AVX2/AVX-512 kernels, as GCC compiles them, can return with the
// upper halves of the vector registers dirty, which slows every SSE
// instruction that runs after them until a vzeroupper. Code that calls
// simdutf holds one of these: it clears that state on the way out.
class SimdGuard {
 public:
  SimdGuard() = default;
  SimdGuard(const SimdGuard&) = delete;
  SimdGuard& operator=(const SimdGuard&) = delete;
  ~SimdGuard() {
#if defined(__x86_64__)
    static const bool has_avx = __builtin_cpu_supports("avx");
    if (has_avx) __asm__ volatile("vzeroupper");
#endif
  }
};

}  // namespace kiln::byte_codecs

#endif  // KILN_RUNTIME_BYTE_CODECS_H_
