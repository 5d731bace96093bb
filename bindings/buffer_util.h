// Shared by the buffer binding's files (bindings/buffer*.{h,cc}): Node's
// error shapes for bad arguments, index parsing, and access to the bytes of
// an ArrayBufferView.
#ifndef KILN_BINDINGS_BUFFER_UTIL_H_
#define KILN_BINDINGS_BUFFER_UTIL_H_

#include <v8.h>

#include <cstddef>
#include <cstdint>

#include "runtime/binding.h"

namespace kiln::bindings::buffer {

using v8::ArrayBufferView;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Just;
using v8::Local;
using v8::Maybe;
using v8::Nothing;
using v8::Object;
using v8::String;
using v8::Value;

enum class Kind { kError, kTypeError, kRangeError };

inline void Throw(Isolate* isolate, Kind kind, const char* code, const char* message) {
  Local<String> text = String::NewFromUtf8(isolate, message).ToLocalChecked();
  Local<Value> error = kind == Kind::kTypeError    ? v8::Exception::TypeError(text)
                       : kind == Kind::kRangeError ? v8::Exception::RangeError(text)
                                                   : v8::Exception::Error(text);
  error.As<Object>()
      ->Set(isolate->GetCurrentContext(), OneByteString(isolate, "code"),
            OneByteString(isolate, code))
      .Check();
  isolate->ThrowException(error);
}

inline void ThrowNotBuffer(Isolate* isolate) {
  Throw(isolate, Kind::kTypeError, "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
}

inline void ThrowIndexOutOfRange(Isolate* isolate) {
  Throw(isolate, Kind::kRangeError, "ERR_OUT_OF_RANGE", "Index out of range");
}

// The bytes of an ArrayBufferView. A small typed array that V8 keeps on its
// heap is copied out instead of being moved off-heap, unless the caller
// needs to write.
class ViewBytes {
 public:
  ViewBytes(Local<Value> value, bool writable) {
    Local<ArrayBufferView> view = value.As<ArrayBufferView>();
    length_ = view->ByteLength();
    if (!writable && !view->HasBuffer() && length_ <= sizeof(inline_)) {
      view->CopyContents(inline_, length_);
      data_ = inline_;
      return;
    }
    // SAFETY: Data() stays valid while `view` is alive and the code below does
    // not run JS (nothing can detach or resize the buffer meanwhile).
    char* base = static_cast<char*>(view->Buffer()->Data());
    data_ = base == nullptr ? inline_ : base + view->ByteOffset();
    if (base == nullptr) length_ = 0;  // detached
  }
  char* data() const { return data_; }
  size_t length() const { return length_; }

 private:
  char inline_[64];
  char* data_;
  size_t length_;
};

// Node's ParseArrayIndex: undefined gives `fallback`; otherwise ToInteger.
// Nothing() when JS threw; false when the value is negative.
inline Maybe<bool> ParseIndex(Local<Context> context, Local<Value> arg, size_t fallback, size_t* out) {
  if (arg->IsUndefined()) {
    *out = fallback;
    return Just(true);
  }
  int64_t value;
  if (!arg->IntegerValue(context).To(&value)) return Nothing<bool>();
  if (value < 0) return Just(false);
  *out = static_cast<size_t>(value);
  return Just(true);
}

// Reads args[i] as an index; throws Node's "Index out of range" when negative.
inline bool GetIndex(const FunctionCallbackInfo<Value>& args, int i, size_t fallback, size_t* out) {
  bool in_range;
  if (!ParseIndex(args.GetIsolate()->GetCurrentContext(), args[i], fallback, out).To(&in_range))
    return false;
  if (!in_range) ThrowIndexOutOfRange(args.GetIsolate());
  return in_range;
}


}  // namespace kiln::bindings::buffer

#endif  // KILN_BINDINGS_BUFFER_UTIL_H_
