// atob/btoa for bindings/buffer.cc (the globals and buffer.atob/btoa; JS
// turns the negative results into Node's DOMExceptions).
#ifndef KILN_BINDINGS_BUFFER_ATOB_H_
#define KILN_BINDINGS_BUFFER_ATOB_H_

#include <v8.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/binding.h"
#include "runtime/byte_codecs.h"
#include "runtime/string_bytes.h"

namespace kiln::bindings::buffer {

constexpr int kAtobRemainder = -1;    // "The string to be decoded is not correctly encoded."
constexpr int kAtobInvalidChar = -2;  // "Invalid character"

inline bool IsBase64Alphabet(uint16_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Forgiving-base64 decode as Node 20 does it (simdutf's rules): ASCII
// whitespace is ignored anywhere; up to two trailing '=' are padding; any
// other character outside the alphabet is invalid (reported first); then one
// character over a multiple of four is a bad length, and padding must
// complete the last group exactly. Returns 0 and the bytes, or one of the
// negative codes above.
inline int ForgivingBase64Decode(const uint16_t* src, size_t length, std::string* out) {
  std::vector<uint8_t> clean;
  clean.reserve(length);
  for (size_t i = 0; i < length; i++) {
    uint16_t c = src[i];
    if (c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ') continue;
    if (c > 0xFF) return kAtobInvalidChar;
    clean.push_back(static_cast<uint8_t>(c));
  }
  size_t n = clean.size();
  size_t padding = 0;
  while (padding < 2 && n > 0 && clean[n - 1] == '=') n--, padding++;
  for (size_t i = 0; i < n; i++) {
    if (!IsBase64Alphabet(clean[i])) return kAtobInvalidChar;
  }
  if (n % 4 == 1) return kAtobRemainder;
  if (padding > 0 && (n % 4 + padding) % 4 != 0) return kAtobInvalidChar;
  out->resize(n / 4 * 3 + 2);
  size_t written = byte_codecs::Base64Decode(reinterpret_cast<uint8_t*>(&(*out)[0]), out->size(),
                                             clean.data(), n, false);
  out->resize(written);
  return 0;
}

// atob(string) -> the decoded bytes as a latin1 string, or kAtobRemainder /
// kAtobInvalidChar.
inline void Atob(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  v8::Local<v8::String> input = args[0].As<v8::String>();
  std::vector<uint16_t> units(static_cast<size_t>(input->Length()) + 1);
  input->Write(isolate, units.data(), 0, input->Length(), v8::String::NO_NULL_TERMINATION);
  std::string bytes;
  int status = ForgivingBase64Decode(units.data(), input->Length(), &bytes);
  if (status != 0) return args.GetReturnValue().Set(status);
  v8::Local<v8::String> result;
  if (string_bytes::Encode(isolate, bytes.data(), bytes.size(), string_bytes::LATIN1)
          .ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

// btoa(string) -> base64 of the string's latin1 bytes, or -1 when a
// character is above U+00FF.
inline void Btoa(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  v8::Local<v8::String> input = args[0].As<v8::String>();
  if (!input->ContainsOnlyOneByte()) return args.GetReturnValue().Set(-1);
  size_t length = static_cast<size_t>(input->Length());
  std::vector<uint8_t> bytes(length + 1);
  input->WriteOneByte(isolate, bytes.data(), 0, input->Length(), v8::String::NO_NULL_TERMINATION);
  v8::Local<v8::String> result;
  if (string_bytes::Encode(isolate, reinterpret_cast<const char*>(bytes.data()), length,
                           string_bytes::BASE64)
          .ToLocal(&result)) {
    args.GetReturnValue().Set(result);
  }
}

}  // namespace kiln::bindings::buffer

#endif  // KILN_BINDINGS_BUFFER_ATOB_H_
