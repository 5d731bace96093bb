// Buffer#indexOf / #lastIndexOf for the buffer binding: indexOfString,
// indexOfBuffer, indexOfNumber (Node's names and contracts), over one search
// function on raw memory.
#ifndef KILN_BINDINGS_BUFFER_SEARCH_H_
#define KILN_BINDINGS_BUFFER_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "bindings/buffer_util.h"
#include "runtime/string_bytes.h"

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

// Where a search starts, as Node's IndexOfOffset: a position inside the
// haystack, the haystack length (empty needle past the end), or -1 (no match).
inline int64_t SearchStart(size_t length, int64_t offset, int64_t needle_length, bool forward) {
  int64_t len = static_cast<int64_t>(length);
  if (offset < 0) {
    if (offset + len >= 0) return len + offset;
    return (forward || needle_length == 0) ? 0 : -1;
  }
  if (offset + needle_length <= len) return offset;
  if (needle_length == 0) return len;
  return forward ? -1 : len - 1;
}

// The byteOffset argument: a number, taken as an integer (NaN is 0).
inline bool GetSearchOffset(const FunctionCallbackInfo<Value>& args, int i, int64_t* out) {
  if (!args[i]->IsNumber()) {
    ::kiln::ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                           "The byteOffset argument must be of type number");
    return false;
  }
  double d = args[i].As<v8::Number>()->Value();
  constexpr double kLimit = 9007199254740992.0;  // 2^53
  *out = d != d ? 0 : d > kLimit ? static_cast<int64_t>(kLimit)
                    : d < -kLimit ? -static_cast<int64_t>(kLimit)
                                  : static_cast<int64_t>(d);
  return true;
}

inline void SearchAndReturn(const FunctionCallbackInfo<Value>& args, const char* hay, size_t hay_len,
                     const char* needle, size_t needle_len, int64_t offset, bool forward,
                     bool ucs2) {
  int64_t start = SearchStart(hay_len, offset, static_cast<int64_t>(needle_len), forward);
  if (needle_len == 0) return args.GetReturnValue().Set(static_cast<double>(start));
  if (hay_len == 0 || start < 0) return args.GetReturnValue().Set(-1);
  size_t pos = static_cast<size_t>(start);
  if ((forward && needle_len + pos > hay_len) || needle_len > hay_len)
    return args.GetReturnValue().Set(-1);
  const uint8_t* h = reinterpret_cast<const uint8_t*>(hay);
  const uint8_t* n = reinterpret_cast<const uint8_t*>(needle);
  size_t found;
  if (ucs2) {
    if (hay_len < 2 || needle_len < 2) return args.GetReturnValue().Set(-1);
    // As Node: the result is in bytes, and "not found" is (hay_len / 2) * 2.
    found = 2 * SearchUnits(h, hay_len / 2, n, needle_len / 2, pos / 2, forward, 2);
  } else {
    found = SearchUnits(h, hay_len, n, needle_len, pos, forward, 1);
  }
  args.GetReturnValue().Set(found == hay_len ? -1.0 : static_cast<double>(found));
}

inline bool GetSearchArgs(const FunctionCallbackInfo<Value>& args, int enc_index, int dir_index,
                   int64_t* offset, string_bytes::Encoding* enc, bool* forward) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return ThrowNotBuffer(isolate), false;
  if (!GetSearchOffset(args, 2, offset)) return false;
  if (enc_index >= 0) {
    if (!args[enc_index]->IsInt32() || !string_bytes::IsEncoding(args[enc_index].As<v8::Int32>()->Value())) {
      ::kiln::ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                             "The encoding argument must be a known encoding id");
      return false;
    }
    *enc = static_cast<string_bytes::Encoding>(args[enc_index].As<v8::Int32>()->Value());
  }
  *forward = args[dir_index]->BooleanValue(isolate);
  return true;
}

// indexOfString(buffer, needle, byteOffset, encoding, isForward)
inline void IndexOfString(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 1, IsString, "of type string");
  int64_t offset;
  string_bytes::Encoding enc = string_bytes::UTF8;
  bool forward;
  if (!GetSearchArgs(args, 3, 4, &offset, &enc, &forward)) return;
  Local<String> needle = args[1].As<String>();
  // Only these three are searched as strings; JS turns the others into bytes.
  if (enc != string_bytes::UCS2 && enc != string_bytes::LATIN1) enc = string_bytes::UTF8;
  size_t needle_len = string_bytes::Size(isolate, needle, enc);
  std::vector<char> bytes(needle_len);
  string_bytes::Write(isolate, bytes.data(), needle_len, needle, enc);
  ViewBytes hay(args[0], false);
  // UTF-16 searches whole code units only.
  size_t hay_len = enc == string_bytes::UCS2 ? hay.length() & ~size_t{1} : hay.length();
  SearchAndReturn(args, hay.data(), hay_len, bytes.data(), needle_len, offset, forward,
                  enc == string_bytes::UCS2);
}

// indexOfBuffer(buffer, needle, byteOffset, encoding, isForward)
inline void IndexOfBuffer(const FunctionCallbackInfo<Value>& args) {
  if (!args[1]->IsArrayBufferView()) return ThrowNotBuffer(args.GetIsolate());
  int64_t offset;
  string_bytes::Encoding enc = string_bytes::UTF8;
  bool forward;
  if (!GetSearchArgs(args, 3, 4, &offset, &enc, &forward)) return;
  ViewBytes hay(args[0], false);
  ViewBytes needle(args[1], false);
  SearchAndReturn(args, hay.data(), hay.length(), needle.data(), needle.length(), offset, forward,
                  enc == string_bytes::UCS2);
}

// indexOfNumber(buffer, byte, byteOffset, isForward)
inline void IndexOfNumber(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 1, IsUint32, "a non-negative integer");
  int64_t offset;
  bool forward;
  if (!GetSearchArgs(args, -1, 3, &offset, nullptr, &forward)) return;
  uint8_t needle = static_cast<uint8_t>(args[1].As<v8::Uint32>()->Value());
  ViewBytes buf(args[0], false);
  int64_t start = SearchStart(buf.length(), offset, 1, forward);
  if (start < 0 || buf.length() == 0) return args.GetReturnValue().Set(-1);
  size_t pos = static_cast<size_t>(start);
  const void* hit = forward ? memchr(buf.data() + pos, needle, buf.length() - pos)
                            : memrchr(buf.data(), needle, pos + 1);
  args.GetReturnValue().Set(
      hit == nullptr ? -1.0 : static_cast<double>(static_cast<const char*>(hit) - buf.data()));
}


}  // namespace kiln::bindings::buffer

#endif  // KILN_BINDINGS_BUFFER_SEARCH_H_
