#include "runtime/string_bytes.h"

#include "runtime/byte_codecs.h"

#include <simdutf.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace kiln::string_bytes {

using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::String;
using v8::Value;
namespace codecs = kiln::byte_codecs;

namespace {

// Results at least this long are handed to V8 as external strings (Node's
// EXTERN_APEX), so large toString() results live outside the V8 heap and the
// bytes generated for them are not copied a second time.
constexpr size_t kExternalMin = 0xFBEE9;

constexpr int kWriteFlags = String::HINT_MANY_WRITES_EXPECTED | String::NO_NULL_TERMINATION |
                            String::REPLACE_INVALID_UTF8;

// A scratch array: inline for small sizes, malloc'd beyond.
template <typename T, size_t kInline = 4096 / sizeof(T)>
class Scratch {
 public:
  explicit Scratch(size_t n) : data_(n <= kInline ? inline_ : new T[n]) {}
  ~Scratch() {
    if (data_ != inline_) delete[] data_;
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  T* get() { return data_; }

 private:
  T inline_[kInline];
  T* data_;
};

// The code units of a string: borrowed when V8 keeps them external, copied
// (and flattened) otherwise. Exactly one of one_byte()/two_byte() is set.
class Units {
 public:
  Units(Isolate* isolate, Local<String> str) : length_(str->Length()) {
    if (str->IsExternalOneByte()) {
      one_ = reinterpret_cast<const uint8_t*>(str->GetExternalOneByteStringResource()->data());
    } else if (str->IsOneByte()) {
      uint8_t* copy = length_ <= sizeof(inline_) ? inline_ : (heap_.reset(new uint8_t[length_]),
                                                               heap_.get());
      str->WriteOneByte(isolate, copy, 0, static_cast<int>(length_), String::NO_NULL_TERMINATION);
      one_ = copy;
    } else {
      uint16_t* copy = 2 * length_ <= sizeof(inline_)
                           ? reinterpret_cast<uint16_t*>(inline_)
                           : (heap_.reset(new uint8_t[2 * length_]),
                              reinterpret_cast<uint16_t*>(heap_.get()));
      str->Write(isolate, copy, 0, static_cast<int>(length_), String::NO_NULL_TERMINATION);
      two_ = copy;
    }
  }
  Units(const Units&) = delete;
  Units& operator=(const Units&) = delete;
  const uint8_t* one_byte() const { return one_; }
  const uint16_t* two_byte() const { return two_; }
  size_t length() const { return length_; }

 private:
  size_t length_;
  const uint8_t* one_ = nullptr;
  const uint16_t* two_ = nullptr;
  alignas(uint16_t) uint8_t inline_[4096];  // short strings: no malloc
  std::unique_ptr<uint8_t[]> heap_;
};

// ---- strings out -------------------------------------------------------------

// Owns malloc'd bytes handed to V8 as an external string's contents.
template <typename Base, typename Char>
class ExternalString : public Base {
 public:
  ExternalString(Isolate* isolate, Char* data, size_t length)
      : isolate_(isolate), data_(data), length_(length) {
    isolate_->AdjustAmountOfExternalAllocatedMemory(static_cast<int64_t>(bytes()));
  }
  ~ExternalString() override {
    free(data_);
    isolate_->AdjustAmountOfExternalAllocatedMemory(-static_cast<int64_t>(bytes()));
  }
  const Char* data() const override { return data_; }
  size_t length() const override { return length_; }

 private:
  size_t bytes() const { return length_ * sizeof(Char); }
  Isolate* isolate_;
  Char* data_;
  size_t length_;
};
using ExternalOneByte = ExternalString<String::ExternalOneByteStringResource, char>;
using ExternalTwoByte = ExternalString<String::ExternalStringResource, uint16_t>;

// Node's ERR_MEMORY_ALLOCATION_FAILED, for a failed malloc of result bytes.
MaybeLocal<String> OutOfMemory(Isolate* isolate) {
  Local<v8::Object> error =
      v8::Exception::Error(String::NewFromUtf8Literal(isolate, "Failed to allocate memory"))
          .As<v8::Object>();
  error
      ->Set(isolate->GetCurrentContext(), String::NewFromUtf8Literal(isolate, "code"),
            String::NewFromUtf8Literal(isolate, "ERR_MEMORY_ALLOCATION_FAILED"))
      .Check();
  isolate->ThrowException(error);
  return {};
}

bool CheckLength(Isolate* isolate, size_t length) {
  if (length <= static_cast<size_t>(String::kMaxLength)) return true;
  ThrowStringTooLong(isolate);
  return false;
}

// Takes ownership of malloc'd `data`.
MaybeLocal<String> OneByteOwned(Isolate* isolate, char* data, size_t length) {
  if (length >= kExternalMin) {
    auto* resource = new ExternalOneByte(isolate, data, length);
    MaybeLocal<String> str = String::NewExternalOneByte(isolate, resource);
    if (str.IsEmpty()) delete resource;
    return str;
  }
  MaybeLocal<String> str = String::NewFromOneByte(isolate, reinterpret_cast<uint8_t*>(data),
                                                  v8::NewStringType::kNormal,
                                                  static_cast<int>(length));
  free(data);
  return str;
}

// A one-byte string of at most `length` characters that fill(char* dst)
// writes, returning how many it wrote. Short ones are built on the stack
// (no malloc); long ones are handed to V8 without a copy.
template <typename Fill>
MaybeLocal<String> GeneratedOneByte(Isolate* isolate, size_t length, Fill fill) {
  char stack[4096];
  char* out = length <= sizeof(stack) ? stack : static_cast<char*>(malloc(length));
  if (out == nullptr) return OutOfMemory(isolate);
  size_t written = fill(out);
  if (out != stack) return OneByteOwned(isolate, out, written);
  return String::NewFromOneByte(isolate, reinterpret_cast<uint8_t*>(out),
                                v8::NewStringType::kNormal, static_cast<int>(written));
}

MaybeLocal<String> OneByteCopy(Isolate* isolate, const char* data, size_t length) {
  if (length >= kExternalMin) {
    char* copy = static_cast<char*>(malloc(length));
    if (copy == nullptr) return OutOfMemory(isolate);
    memcpy(copy, data, length);
    return OneByteOwned(isolate, copy, length);
  }
  return String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(data),
                                v8::NewStringType::kNormal, static_cast<int>(length));
}

MaybeLocal<String> TwoByteCopy(Isolate* isolate, const char* data, size_t units) {
  // An odd address cannot be read as uint16_t: copy first (also the external case).
  if (units >= kExternalMin || reinterpret_cast<uintptr_t>(data) % 2 != 0) {
    uint16_t* copy = static_cast<uint16_t*>(malloc(units * 2));
    if (copy == nullptr) return OutOfMemory(isolate);
    memcpy(copy, data, units * 2);
    if (units >= kExternalMin) {
      auto* resource = new ExternalTwoByte(isolate, copy, units);
      MaybeLocal<String> str = String::NewExternalTwoByte(isolate, resource);
      if (str.IsEmpty()) delete resource;
      return str;
    }
    MaybeLocal<String> str = String::NewFromTwoByte(isolate, copy, v8::NewStringType::kNormal,
                                                    static_cast<int>(units));
    free(copy);
    return str;
  }
  return String::NewFromTwoByte(isolate, reinterpret_cast<const uint16_t*>(data),
                                v8::NewStringType::kNormal, static_cast<int>(units));
}

size_t WriteUcs2(Isolate* isolate, char* dst, size_t capacity, Local<String> str) {
  size_t units = std::min(capacity / 2, static_cast<size_t>(str->Length()));
  if (units == 0) return 0;
  if (reinterpret_cast<uintptr_t>(dst) % 2 == 0) {
    return 2 * str->Write(isolate, reinterpret_cast<uint16_t*>(dst), 0, static_cast<int>(units),
                          kWriteFlags);
  }
  Scratch<uint16_t> tmp(units);
  int n = str->Write(isolate, tmp.get(), 0, static_cast<int>(units), kWriteFlags);
  memcpy(dst, tmp.get(), 2 * static_cast<size_t>(n));
  return 2 * static_cast<size_t>(n);
}

// ---- UTF-8 fast paths ----------------------------------------------------------
// V8 10.2's UTF-8 conversions are scalar; simdutf's are vectorized. They are
// used only where the result is the same: well-formed input (no lone
// surrogates, valid UTF-8), and a destination that holds the whole result.

// Strings shorter than this are left to V8 (setting up is not worth it).
constexpr size_t kSimdMin = 64;

// A two-byte string's code units, if it is long enough and well-formed UTF-16.
bool WellFormedUnits(Isolate* isolate, Local<String> str, std::unique_ptr<char16_t[]>* units) {
  size_t length = static_cast<size_t>(str->Length());
  if (length < kSimdMin || str->IsOneByte()) return false;
  units->reset(new char16_t[length]);
  str->Write(isolate, reinterpret_cast<uint16_t*>(units->get()), 0, static_cast<int>(length),
             String::NO_NULL_TERMINATION);
  return simdutf::validate_utf16le(units->get(), length);
}

// Valid UTF-8 as a string: one-byte when every character is latin1.
MaybeLocal<String> DecodeValidUtf8(Isolate* isolate, const char* data, size_t length) {
  size_t units = simdutf::utf16_length_from_utf8(data, length);
  if (!CheckLength(isolate, units)) return {};
  if (units < kExternalMin) {  // copied into the V8 heap: scratch space will do
    Scratch<char> latin1(units);
    if (simdutf::convert_utf8_to_latin1(data, length, latin1.get()) == units) {
      return String::NewFromOneByte(isolate, reinterpret_cast<uint8_t*>(latin1.get()),
                                    v8::NewStringType::kNormal, static_cast<int>(units));
    }
    Scratch<uint16_t> utf16(units);
    simdutf::convert_valid_utf8_to_utf16le(data, length, reinterpret_cast<char16_t*>(utf16.get()));
    return String::NewFromTwoByte(isolate, utf16.get(), v8::NewStringType::kNormal,
                                  static_cast<int>(units));
  }
  char* latin1 = static_cast<char*>(malloc(units));
  if (latin1 == nullptr) return OutOfMemory(isolate);
  if (simdutf::convert_utf8_to_latin1(data, length, latin1) == units) {
    return OneByteOwned(isolate, latin1, units);
  }
  free(latin1);
  uint16_t* utf16 = static_cast<uint16_t*>(malloc(units * 2));
  if (utf16 == nullptr) return OutOfMemory(isolate);
  simdutf::convert_valid_utf8_to_utf16le(data, length, reinterpret_cast<char16_t*>(utf16));
  auto* resource = new ExternalTwoByte(isolate, utf16, units);
  MaybeLocal<String> str = String::NewExternalTwoByte(isolate, resource);
  if (str.IsEmpty()) delete resource;
  return str;
}

}  // namespace

void ThrowStringTooLong(Isolate* isolate) {
  char message[64];
  snprintf(message, sizeof(message), "Cannot create a string longer than 0x%x characters",
           static_cast<unsigned>(String::kMaxLength));
  Local<v8::Context> context = isolate->GetCurrentContext();
  Local<v8::Object> error =
      v8::Exception::Error(String::NewFromUtf8(isolate, message).ToLocalChecked()).As<v8::Object>();
  error
      ->Set(context, String::NewFromUtf8Literal(isolate, "code"),
            String::NewFromUtf8Literal(isolate, "ERR_STRING_TOO_LONG"))
      .Check();
  isolate->ThrowException(error);
}

Encoding ParseEncoding(Isolate* isolate, Local<Value> value, Encoding fallback) {
  if (!value->IsString()) return fallback;
  Local<String> str = value.As<String>();
  char name[16];
  int length = str->Length();
  if (length == 0 || length >= static_cast<int>(sizeof(name))) return fallback;
  uint16_t units[16];
  str->Write(isolate, units, 0, length, String::NO_NULL_TERMINATION);
  for (int i = 0; i < length; i++) {
    if (units[i] > 0x7F) return fallback;
    char c = static_cast<char>(units[i]);
    name[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  name[length] = '\0';
  static const struct {
    const char* name;
    Encoding enc;
  } kNames[] = {
      {"utf8", UTF8},     {"utf-8", UTF8},      {"ucs2", UCS2},     {"ucs-2", UCS2},
      {"utf16le", UCS2},  {"utf-16le", UCS2},   {"latin1", LATIN1}, {"binary", LATIN1},
      {"base64", BASE64}, {"base64url", BASE64URL}, {"hex", HEX},   {"ascii", ASCII},
      {"buffer", BUFFER},
  };
  for (const auto& entry : kNames) {
    if (strcmp(entry.name, name) == 0) return entry.enc;
  }
  return fallback;
}

size_t Size(Isolate* isolate, Local<String> str, Encoding enc) {
  codecs::SimdGuard guard;
  size_t length = static_cast<size_t>(str->Length());
  switch (enc) {
    case ASCII:
    case LATIN1:
      return length;
    case UCS2:
      return 2 * length;
    case HEX:
      return length / 2;
    case BASE64:
    case BASE64URL: {
      Units units(isolate, str);
      return units.one_byte() ? codecs::Base64DecodedSize(units.one_byte(), length)
                              : codecs::Base64DecodedSize(units.two_byte(), length);
    }
    case UTF8:
    case BUFFER:
      break;
  }
  std::unique_ptr<char16_t[]> units;
  if (WellFormedUnits(isolate, str, &units)) {
    return simdutf::utf8_length_from_utf16le(units.get(), length);
  }
  return static_cast<size_t>(str->Utf8Length(isolate));
}

size_t Write(Isolate* isolate, char* dst, size_t capacity, Local<String> str, Encoding enc) {
  codecs::SimdGuard guard;
  if (capacity == 0) return 0;
  switch (enc) {
    case ASCII:
    case LATIN1: {
      int n = static_cast<int>(std::min(capacity, static_cast<size_t>(str->Length())));
      if (str->IsExternalOneByte()) {
        memcpy(dst, str->GetExternalOneByteStringResource()->data(), n);
        return n;
      }
      return str->WriteOneByte(isolate, reinterpret_cast<uint8_t*>(dst), 0, n, kWriteFlags);
    }
    case UCS2:
      return WriteUcs2(isolate, dst, capacity, str);
    case HEX:
    case BASE64:
    case BASE64URL: {
      Units units(isolate, str);
      uint8_t* out = reinterpret_cast<uint8_t*>(dst);
      if (enc == HEX) {
        return units.one_byte()
                   ? codecs::HexDecode(out, capacity, units.one_byte(), units.length())
                   : codecs::HexDecode(out, capacity, units.two_byte(), units.length());
      }
      bool url = enc == BASE64URL;
      return units.one_byte()
                 ? codecs::Base64Decode(out, capacity, units.one_byte(), units.length(), url)
                 : codecs::Base64Decode(out, capacity, units.two_byte(), units.length(), url);
    }
    case UTF8:
    case BUFFER:
      break;
  }
  std::unique_ptr<char16_t[]> units;
  if (WellFormedUnits(isolate, str, &units)) {
    size_t length = static_cast<size_t>(str->Length());
    if (simdutf::utf8_length_from_utf16le(units.get(), length) <= capacity) {
      return simdutf::convert_valid_utf16le_to_utf8(units.get(), length, dst);
    }
  }
  // WriteUtf8 takes an int capacity; no string needs more than INT_MAX bytes.
  int cap = static_cast<int>(std::min(capacity, static_cast<size_t>(INT_MAX)));
  return static_cast<size_t>(str->WriteUtf8(isolate, dst, cap, nullptr, kWriteFlags));
}

MaybeLocal<String> Encode(Isolate* isolate, const char* data, size_t length, Encoding enc) {
  codecs::SimdGuard guard;
  if (length == 0) return String::Empty(isolate);
  switch (enc) {
    case LATIN1:
      if (!CheckLength(isolate, length)) return {};
      return OneByteCopy(isolate, data, length);
    case ASCII: {
      if (!CheckLength(isolate, length)) return {};
      if (simdutf::validate_ascii(data, length)) return OneByteCopy(isolate, data, length);
      return GeneratedOneByte(isolate, length, [&](char* out) {
        for (size_t i = 0; i < length; i++) out[i] = static_cast<char>(data[i] & 0x7F);
        return length;
      });
    }
    case UCS2:
      if (!CheckLength(isolate, length / 2)) return {};
      return TwoByteCopy(isolate, data, length / 2);
    case HEX: {
      if (!CheckLength(isolate, length > SIZE_MAX / 2 ? SIZE_MAX : 2 * length)) return {};
      return GeneratedOneByte(isolate, 2 * length, [&](char* out) {
        codecs::HexEncode(reinterpret_cast<const uint8_t*>(data), length, out);
        return 2 * length;
      });
    }
    case BASE64:
    case BASE64URL: {
      simdutf::base64_options options = enc == BASE64 ? simdutf::base64_default : simdutf::base64_url;
      size_t out_length = simdutf::base64_length_from_binary(length, options);
      if (!CheckLength(isolate, out_length)) return {};
      return GeneratedOneByte(isolate, out_length, [&](char* out) {
        return simdutf::binary_to_base64(data, length, out, options);
      });
    }
    case UTF8:
    case BUFFER:
      break;
  }
  // Pure ASCII (the common case) needs no decoding at all.
  if (simdutf::validate_ascii(data, length)) {
    if (!CheckLength(isolate, length)) return {};
    return OneByteCopy(isolate, data, length);
  }
  if (length >= kSimdMin && simdutf::validate_utf8(data, length)) {
    return DecodeValidUtf8(isolate, data, length);
  }
  // A UTF-8 input this long cannot fit in a string (and NewFromUtf8 takes an int).
  if (!CheckLength(isolate, length > INT_MAX ? SIZE_MAX : 0)) return {};
  MaybeLocal<String> str =
      String::NewFromUtf8(isolate, data, v8::NewStringType::kNormal, static_cast<int>(length));
  if (str.IsEmpty()) ThrowStringTooLong(isolate);
  return str;
}

}  // namespace kiln::string_bytes
