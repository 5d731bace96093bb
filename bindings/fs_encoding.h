// Byte <-> JS value conversions for the fs binding: file names, file
// contents and strings written to files, in Node's encodings. Included by
// bindings/fs.cc only (bindings/*.cc are each a binding, so helpers are
// headers).
#ifndef KILN_BINDINGS_FS_ENCODING_H_
#define KILN_BINDINGS_FS_ENCODING_H_

#include <v8.h>

#include <cstring>
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::fs {

enum class Enc { kUtf8, kBuffer, kLatin1, kAscii, kUcs2, kHex, kBase64, kBase64Url };

// `value` as an encoding name (JS normalizes; the usual spellings are taken
// here too). undefined/null give `def`. False for anything else.
inline bool ParseEncoding(v8::Isolate* isolate, v8::Local<v8::Value> value, Enc def, Enc* out) {
  if (value->IsUndefined() || value->IsNull()) {
    *out = def;
    return true;
  }
  if (!value->IsString()) return false;
  // Encoding names are short: copy into a stack buffer (no allocation).
  v8::Local<v8::String> str = value.As<v8::String>();
  int len = str->Length();
  if (len == 0 || len > 15) return false;
  uint16_t units[16];
  str->Write(isolate, units, 0, len, v8::String::NO_NULL_TERMINATION);
  char s[16];
  for (int i = 0; i < len; i++) {
    if (units[i] == 0 || units[i] > 127) return false;
    s[i] = static_cast<char>(units[i]);
  }
  s[len] = '\0';
  struct { const char* name; Enc enc; } const kNames[] = {
      {"utf8", Enc::kUtf8},       {"utf-8", Enc::kUtf8},     {"buffer", Enc::kBuffer},
      {"latin1", Enc::kLatin1},   {"binary", Enc::kLatin1},  {"ascii", Enc::kAscii},
      {"ucs2", Enc::kUcs2},       {"ucs-2", Enc::kUcs2},     {"utf16le", Enc::kUcs2},
      {"utf-16le", Enc::kUcs2},   {"hex", Enc::kHex},        {"base64", Enc::kBase64},
      {"base64url", Enc::kBase64Url},
  };
  for (const auto& n : kNames) {
    if (strcasecmp(s, n.name) == 0) {
      *out = n.enc;
      return true;
    }
  }
  return false;
}

// Throws Node's ERR_STRING_TOO_LONG (V8 refused to make the string).
inline void ThrowStringTooLong(v8::Isolate* isolate) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  char msg[80];
  snprintf(msg, sizeof(msg), "Cannot create a string longer than 0x%x characters",
           static_cast<unsigned>(v8::String::kMaxLength));
  v8::Local<v8::Object> e =
      v8::Exception::Error(OneByteString(isolate, msg)).As<v8::Object>();
  e->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, "ERR_STRING_TOO_LONG"))
      .Check();
  isolate->ThrowException(e);
}

// A new Uint8Array holding a copy of data[0..len).
inline v8::Local<v8::Uint8Array> NewBytes(v8::Isolate* isolate, const char* data, size_t len) {
  v8::Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, len);
  if (len > 0) memcpy(ab->Data(), data, len);
  return v8::Uint8Array::New(ab, 0, len);
}

// data[0..len) as a JS value: a Uint8Array for kBuffer, else a string.
// Empty with an exception pending when the string would be too long.
inline v8::MaybeLocal<v8::Value> EncodeBytes(v8::Isolate* isolate, const char* data, size_t len,
                                             Enc enc) {
  using v8::NewStringType;
  using v8::String;
  const uint8_t* u = reinterpret_cast<const uint8_t*>(data);
  v8::MaybeLocal<String> result;
  switch (enc) {
    case Enc::kBuffer:
      return NewBytes(isolate, data, len);
    case Enc::kUtf8:
      if (len > INT32_MAX) break;
      result = String::NewFromUtf8(isolate, data, NewStringType::kNormal, static_cast<int>(len));
      break;
    case Enc::kLatin1:
      if (len > String::kMaxLength) break;
      result = String::NewFromOneByte(isolate, u, NewStringType::kNormal, static_cast<int>(len));
      break;
    case Enc::kAscii: {
      if (len > String::kMaxLength) break;
      std::string tmp(data, len);
      for (char& c : tmp) c &= 0x7f;  // Node clears the high bit
      result = String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(tmp.data()),
                                      NewStringType::kNormal, static_cast<int>(len));
      break;
    }
    case Enc::kUcs2: {
      size_t n = len / 2;
      if (n > String::kMaxLength) break;
      std::basic_string<uint16_t> units(n, 0);
      for (size_t i = 0; i < n; i++) units[i] = u[2 * i] | (u[2 * i + 1] << 8);
      result = String::NewFromTwoByte(isolate, units.data(), NewStringType::kNormal,
                                      static_cast<int>(n));
      break;
    }
    case Enc::kHex: {
      if (len * 2 > String::kMaxLength) break;
      static const char kDigits[] = "0123456789abcdef";
      std::string out(len * 2, '\0');
      for (size_t i = 0; i < len; i++) {
        out[2 * i] = kDigits[u[i] >> 4];
        out[2 * i + 1] = kDigits[u[i] & 15];
      }
      result = String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(out.data()),
                                      NewStringType::kNormal, static_cast<int>(out.size()));
      break;
    }
    case Enc::kBase64:
    case Enc::kBase64Url: {
      bool url = enc == Enc::kBase64Url;
      const char* table = url
          ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
      std::string out;
      out.reserve((len + 2) / 3 * 4);
      size_t i = 0;
      for (; i + 2 < len; i += 3) {
        uint32_t v = (u[i] << 16) | (u[i + 1] << 8) | u[i + 2];
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
      }
      if (i + 1 == len) {
        uint32_t v = u[i] << 16;
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        if (!url) out += "==";
      } else if (i + 2 == len) {
        uint32_t v = (u[i] << 16) | (u[i + 1] << 8);
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        if (!url) out += '=';
      }
      if (out.size() > String::kMaxLength) break;
      result = String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(out.data()),
                                      NewStringType::kNormal, static_cast<int>(out.size()));
      break;
    }
  }
  v8::Local<String> s;
  if (!result.ToLocal(&s)) {
    ThrowStringTooLong(isolate);
    return {};
  }
  return s;
}

inline int HexValue(uint16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline int Base64Value(uint16_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Appends the bytes of `str` in `enc` to *out, as Buffer.from(str, enc) would.
inline void DecodeString(v8::Isolate* isolate, v8::Local<v8::String> str, Enc enc,
                         std::string* out) {
  using v8::String;
  size_t start = out->size();
  int n = str->Length();
  switch (enc) {
    case Enc::kUtf8:
    case Enc::kBuffer: {
      if (str->IsOneByte() && str->ContainsOnlyOneByte()) {
        // Fast path for ASCII: one byte per character.
        out->resize(start + n);
        str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(&(*out)[start]), 0, n,
                          String::NO_NULL_TERMINATION);
        bool ascii = true;
        for (int i = 0; i < n && ascii; i++) ascii = static_cast<uint8_t>((*out)[start + i]) < 0x80;
        if (ascii) return;
        out->resize(start);
      }
      size_t len = str->Utf8Length(isolate);
      out->resize(start + len);
      str->WriteUtf8(isolate, &(*out)[start], static_cast<int>(len), nullptr,
                     String::REPLACE_INVALID_UTF8 | String::NO_NULL_TERMINATION);
      return;
    }
    case Enc::kLatin1:
    case Enc::kAscii:
      out->resize(start + n);
      str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(&(*out)[start]), 0, n,
                        String::NO_NULL_TERMINATION);
      return;
    case Enc::kUcs2: {
      std::basic_string<uint16_t> units(n, 0);
      str->Write(isolate, units.data(), 0, n, String::NO_NULL_TERMINATION);
      out->resize(start + 2 * static_cast<size_t>(n));
      for (int i = 0; i < n; i++) {
        (*out)[start + 2 * i] = static_cast<char>(units[i] & 0xFF);
        (*out)[start + 2 * i + 1] = static_cast<char>(units[i] >> 8);
      }
      return;
    }
    case Enc::kHex: {
      std::basic_string<uint16_t> units(n, 0);
      str->Write(isolate, units.data(), 0, n, String::NO_NULL_TERMINATION);
      for (int i = 0; i + 1 < n; i += 2) {  // stops at the first bad pair
        int hi = HexValue(units[i]), lo = HexValue(units[i + 1]);
        if (hi < 0 || lo < 0) break;
        out->push_back(static_cast<char>((hi << 4) | lo));
      }
      return;
    }
    case Enc::kBase64:
    case Enc::kBase64Url: {
      // Lenient as Node's decoder: either alphabet, other characters
      // skipped, '=' ends the data.
      std::basic_string<uint16_t> units(n, 0);
      str->Write(isolate, units.data(), 0, n, String::NO_NULL_TERMINATION);
      uint32_t acc = 0;
      int bits = 0;
      for (int i = 0; i < n; i++) {
        if (units[i] == '=') break;
        int v = Base64Value(units[i]);
        if (v < 0) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out->push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
      }
      return;
    }
  }
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_ENCODING_H_
