// Node's byte <-> string codecs ("StringBytes"): the named encodings that
// Buffer, string_decoder, fs and crypto accept, with Node's exact handling of
// invalid input. The vectorized work is Node's own simdutf (which measured
// faster than deps/base64 for base64 both ways, so only simdutf is linked);
// the lenient fallbacks reproduce what Node does with malformed input.
#ifndef KILN_RUNTIME_STRING_BYTES_H_
#define KILN_RUNTIME_STRING_BYTES_H_

#include <v8.h>

#include <cstddef>
#include <cstdint>

namespace kiln::string_bytes {

// Node's numbering (the order of internalBinding('string_decoder').encodings):
// JS passes these numbers to the bindings.
enum Encoding : int {
  ASCII = 0,
  UTF8 = 1,
  BASE64 = 2,
  UCS2 = 3,
  LATIN1 = 4,
  HEX = 5,
  BUFFER = 6,  // bytes as-is; as a string encoding it means UTF-8
  BASE64URL = 7,
};

inline bool IsEncoding(int64_t value) { return value >= ASCII && value <= BASE64URL; }

// The encoding a JS value names, as Node's ParseEncoding: 'utf8', 'utf-8',
// 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'base64',
// 'base64url', 'hex', 'ascii', 'buffer' in any letter case; `fallback` for
// anything else (non-strings included).
Encoding ParseEncoding(v8::Isolate* isolate, v8::Local<v8::Value> value, Encoding fallback);

// Exactly how many bytes Write() produces for the whole of `str`.
size_t Size(v8::Isolate* isolate, v8::Local<v8::String> str, Encoding enc);

// Decodes `str` into dst[0, capacity) and returns the bytes written. UTF-8 and
// UTF-16 never write a partial character; lone surrogates become U+FFFD;
// latin1/ascii keep the low byte of each code unit; hex stops at the first
// pair that is not two hex digits; base64 (either alphabet, for both names)
// skips characters outside the alphabet and stops at the first '='.
size_t Write(v8::Isolate* isolate, char* dst, size_t capacity, v8::Local<v8::String> str,
             Encoding enc);

// The string for the bytes data[0, length): UTF-8 (and BUFFER) replace each
// maximal invalid subpart with U+FFFD; ascii clears the high bit; ucs2 drops
// a trailing odd byte; base64url has no padding. Empty, with Node's
// ERR_STRING_TOO_LONG thrown, when the result would exceed
// v8::String::kMaxLength.
v8::MaybeLocal<v8::String> Encode(v8::Isolate* isolate, const char* data, size_t length,
                                  Encoding enc);

// Throws Node's ERR_STRING_TOO_LONG Error.
void ThrowStringTooLong(v8::Isolate* isolate);

}  // namespace kiln::string_bytes

#endif  // KILN_RUNTIME_STRING_BYTES_H_
