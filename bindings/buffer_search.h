// Substring search for Buffer#indexOf / #lastIndexOf (bindings/buffer.cc).
// Pure functions over raw memory; the JS-facing offset rules are in buffer.cc.
#ifndef KILN_BINDINGS_BUFFER_SEARCH_H_
#define KILN_BINDINGS_BUFFER_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace kiln::bindings::buffer {

// Forward: the first match at a position >= start. Backward: the last match
// at a position <= start. Positions count `unit`-byte code units (1 for bytes,
// 2 for UTF-16). Returns hay_units when there is no match (Node's convention).
inline size_t SearchUnits(const uint8_t* hay, size_t hay_units, const uint8_t* needle,
                          size_t needle_units, size_t start, bool forward, size_t unit) {
  if (needle_units == 0 || hay_units < needle_units) return hay_units;
  const size_t last = hay_units - needle_units;  // the last position a match fits
  const size_t needle_bytes = needle_units * unit;
  if (forward) {
    if (start > last) return hay_units;
    if (unit == 1) {
      // glibc's memmem (two-way algorithm): linear time, fast in practice.
      const void* hit = memmem(hay + start, hay_units - start, needle, needle_bytes);
      return hit == nullptr ? hay_units : static_cast<const uint8_t*>(hit) - hay;
    }
    // UTF-16: byte-level matches must also start on a code unit boundary.
    const uint8_t* from = hay + start * unit;
    const uint8_t* end = hay + hay_units * unit;
    while (static_cast<size_t>(end - from) >= needle_bytes) {
      const void* hit = memmem(from, end - from, needle, needle_bytes);
      if (hit == nullptr) return hay_units;
      size_t byte_pos = static_cast<const uint8_t*>(hit) - hay;
      if (byte_pos % unit == 0) return byte_pos / unit;
      from = static_cast<const uint8_t*>(hit) + 1;
    }
    return hay_units;
  }
  size_t pos = start < last ? start : last;
  for (;;) {
    const uint8_t* at = hay + pos * unit;
    if (memcmp(at, needle, needle_bytes) == 0) return pos;
    if (pos == 0) return hay_units;
    pos--;
    if (unit == 1) {
      // Jump to the previous occurrence of the needle's first byte.
      const void* hit = memrchr(hay, needle[0], pos + 1);
      if (hit == nullptr) return hay_units;
      pos = static_cast<const uint8_t*>(hit) - hay;
    }
  }
}

}  // namespace kiln::bindings::buffer

#endif  // KILN_BINDINGS_BUFFER_SEARCH_H_
