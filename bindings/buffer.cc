// process.binding('buffer'): the byte-level work behind js_lib/buffer.js.
// Same names and contracts as Node's internalBinding('buffer') where Node has
// them. JS validates the public arguments; these functions are reachable from
// user code too, so each one re-checks types and ranges and throws (never
// crashes) on bad input.
//
//   asciiSlice ... utf8Slice(start, end)       `this` is any ArrayBufferView
//   asciiWrite ... utf8Write(string, offset, length)
//   byteLengthUtf8(string), compare(a, b), compareOffset(...), fill(...),
//   indexOfBuffer/Number/String(...), swap16/32/64(view),
//   isUtf8(input), isAscii(input), atob(string), btoa(string),
//   isInsideNodeModules(frameLimit, fallback),
//   createUnsafeArrayBuffer(size), transcode(source, from, to),
//   kMaxLength, kStringMaxLength
#include <simdutf.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "bindings/buffer_atob.h"
#include "bindings/buffer_search.h"
#include "bindings/buffer_util.h"
#include "bindings/buffer_transcode.h"
#include "runtime/binding.h"
#include "runtime/byte_codecs.h"
#include "runtime/string_bytes.h"

namespace kiln::bindings::buffer {

using v8::ArrayBuffer;
using v8::BackingStore;

namespace sb = kiln::string_bytes;

namespace {

// ---- slices and writes (prototype methods) ------------------------------------

template <sb::Encoding kEnc>
void StringSlice(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.This()->IsArrayBufferView()) return ThrowNotBuffer(isolate);
  size_t length = args.This().As<ArrayBufferView>()->ByteLength();
  if (length == 0) return args.GetReturnValue().SetEmptyString();
  // The indices first: their valueOf may run JS (even detach the buffer).
  size_t start, end;
  if (!GetIndex(args, 0, 0, &start) || !GetIndex(args, 1, length, &end)) return;
  if (end < start) end = start;
  if (end > length) return ThrowIndexOutOfRange(isolate);
  ViewBytes buf(args.This(), false);
  if (end > buf.length()) end = buf.length();
  if (start > end) start = end;
  Local<String> result;
  if (sb::Encode(isolate, buf.data() + start, end - start, kEnc).ToLocal(&result))
    args.GetReturnValue().Set(result);
}

template <sb::Encoding kEnc>
void StringWrite(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.This()->IsArrayBufferView()) return ThrowNotBuffer(isolate);
  if (!args[0]->IsString()) {
    return Throw(isolate, Kind::kTypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
  }
  // Read the indices first: their valueOf may run JS.
  size_t length_now = args.This().As<ArrayBufferView>()->ByteLength();
  size_t offset, max_length;
  if (!GetIndex(args, 1, 0, &offset)) return;
  if (offset > length_now) {
    return Throw(isolate, Kind::kRangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
                 "\"offset\" is outside of buffer bounds");
  }
  if (!GetIndex(args, 2, length_now - offset, &max_length)) return;
  ViewBytes buf(args.This(), true);
  if (offset > buf.length()) offset = buf.length();
  max_length = std::min(buf.length() - offset, max_length);
  if (max_length == 0) return args.GetReturnValue().Set(0);
  size_t written = sb::Write(isolate, buf.data() + offset, max_length, args[0].As<String>(), kEnc);
  args.GetReturnValue().Set(static_cast<double>(written));
}

// ---- whole-buffer operations ----------------------------------------------------

void ByteLengthUtf8(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  args.GetReturnValue().Set(args[0].As<String>()->Utf8Length(args.GetIsolate()));
}

// memcmp's sign, then the shorter operand first.
int CompareBytes(const char* a, size_t a_len, const char* b, size_t b_len) {
  size_t n = std::min(a_len, b_len);
  int r = n > 0 ? memcmp(a, b, n) : 0;
  if (r != 0) return r > 0 ? 1 : -1;
  return a_len > b_len ? 1 : a_len < b_len ? -1 : 0;
}

void Compare(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsArrayBufferView() || !args[1]->IsArrayBufferView())
    return ThrowNotBuffer(args.GetIsolate());
  ViewBytes a(args[0], false);
  ViewBytes b(args[1], false);
  args.GetReturnValue().Set(CompareBytes(a.data(), a.length(), b.data(), b.length()));
}

// compareOffset(source, target, targetStart, sourceStart, targetEnd, sourceEnd)
void CompareOffset(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView() || !args[1]->IsArrayBufferView())
    return ThrowNotBuffer(isolate);
  size_t target_start, source_start, target_end, source_end;
  size_t source_len = args[0].As<ArrayBufferView>()->ByteLength();
  size_t target_len = args[1].As<ArrayBufferView>()->ByteLength();
  if (!GetIndex(args, 2, 0, &target_start) || !GetIndex(args, 3, 0, &source_start) ||
      !GetIndex(args, 4, target_len, &target_end) || !GetIndex(args, 5, source_len, &source_end))
    return;
  ViewBytes source(args[0], false);
  ViewBytes target(args[1], false);
  if (source_start > source.length()) {
    return Throw(isolate, Kind::kRangeError, "ERR_OUT_OF_RANGE",
                 "The value of \"sourceStart\" is out of range.");
  }
  if (target_start > target.length()) {
    return Throw(isolate, Kind::kRangeError, "ERR_OUT_OF_RANGE",
                 "The value of \"targetStart\" is out of range.");
  }
  // Node asserts these; clamping keeps a bad direct call from reading out of bounds.
  source_end = std::min(std::max(source_end, source_start), source.length());
  target_end = std::min(std::max(target_end, target_start), target.length());
  args.GetReturnValue().Set(CompareBytes(source.data() + source_start, source_end - source_start,
                                         target.data() + target_start, target_end - target_start));
}

// fill(buf, value, start, end, encoding) -> undefined, or -1 when a string or
// buffer value yields no bytes, -2 when the range is out of bounds (JS throws).
void Fill(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsArrayBufferView()) return ThrowNotBuffer(isolate);
  size_t start, end;
  if (!GetIndex(args, 2, 0, &start) || !GetIndex(args, 3, 0, &end)) return;
  uint32_t number = 0;
  bool is_number = !args[1]->IsArrayBufferView() && !args[1]->IsString();
  // Coerce before taking the pointer: valueOf may run JS.
  if (is_number && !args[1]->Uint32Value(context).To(&number)) return;
  sb::Encoding enc = sb::ParseEncoding(isolate, args[4], sb::UTF8);
  ViewBytes buf(args[0], true);
  if (start > end || end > buf.length()) return args.GetReturnValue().Set(-2);
  char* dst = buf.data() + start;
  size_t fill_length = end - start;
  if (is_number) {
    memset(dst, number & 255, fill_length);
    return;
  }
  size_t written;
  if (args[1]->IsArrayBufferView()) {
    ViewBytes value(args[1], false);
    written = std::min(value.length(), fill_length);
    memmove(dst, value.data(), written);
  } else {
    Local<String> str = args[1].As<String>();
    if (enc == sb::UTF8 || enc == sb::UCS2 || enc == sb::BUFFER) {
      // The first copy may stop short of a whole character: the pattern is
      // the string's complete encoding, repeated byte by byte.
      size_t size = sb::Size(isolate, str, enc);
      if (size > fill_length) {
        std::vector<char> whole(size);
        sb::Write(isolate, whole.data(), size, str, enc);
        memcpy(dst, whole.data(), fill_length);
        return;
      }
      written = sb::Write(isolate, dst, size, str, enc);
    } else {
      written = sb::Write(isolate, dst, fill_length, str, enc);
    }
  }
  if (written >= fill_length) return;
  if (written == 0) return args.GetReturnValue().Set(-1);
  // Double the filled prefix until the range is full.
  size_t have = written;
  while (have < fill_length) {
    size_t n = std::min(have, fill_length - have);
    memcpy(dst + have, dst, n);
    have += n;
  }
}

template <size_t kWidth>
void Swap(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsArrayBufferView()) return ThrowNotBuffer(args.GetIsolate());
  ViewBytes buf(args[0], true);
  char* p = buf.data();
  for (size_t i = 0; i + kWidth <= buf.length(); i += kWidth) std::reverse(p + i, p + i + kWidth);
  args.GetReturnValue().Set(args[0]);
}

// The bytes of a TypedArray, DataView or (Shared)ArrayBuffer; false if the
// input is none of these. *detached tells a detached ArrayBuffer apart from
// an empty one.
bool AnyBytes(Local<Value> input, std::shared_ptr<BackingStore>* keep, const char** data,
              size_t* length, bool* detached) {
  *detached = false;
  size_t offset = 0;
  if (input->IsArrayBufferView()) {
    Local<ArrayBufferView> view = input.As<ArrayBufferView>();
    Local<ArrayBuffer> ab = view->Buffer();
    *detached = ab->WasDetached();
    *keep = ab->GetBackingStore();
    offset = view->ByteOffset();
    *length = view->ByteLength();
  } else if (input->IsArrayBuffer()) {
    *detached = input.As<ArrayBuffer>()->WasDetached();
    *keep = input.As<ArrayBuffer>()->GetBackingStore();
    *length = (*keep)->ByteLength();
  } else if (input->IsSharedArrayBuffer()) {
    *keep = input.As<v8::SharedArrayBuffer>()->GetBackingStore();
    *length = (*keep)->ByteLength();
  } else {
    return false;
  }
  const char* base = static_cast<const char*>((*keep)->Data());
  if (base == nullptr) *length = 0;
  *data = base == nullptr ? "" : base + offset;
  return true;
}

template <bool (*kValidate)(const char*, size_t) noexcept>
void Validate(const FunctionCallbackInfo<Value>& args) {
  byte_codecs::SimdGuard guard;
  std::shared_ptr<BackingStore> keep;
  const char* data;
  size_t length;
  bool detached;
  if (!AnyBytes(args[0], &keep, &data, &length, &detached)) {
    return ::kiln::ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                                  "The \"input\" argument must be an ArrayBuffer or TypedArray");
  }
  if (detached) {
    return Throw(args.GetIsolate(), Kind::kError, "ERR_INVALID_STATE",
                 "Cannot validate on a detached buffer");
  }
  args.GetReturnValue().Set(length == 0 || kValidate(data, length));
}

// isInsideNodeModules(frameLimit, fallback): whether any frame of the
// current stack below internal code runs a file under node_modules (the
// DEP0005 check). `fallback` when the stack has frameLimit frames or more.
void IsInsideNodeModules(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsInt32, "an integer");
  int limit = std::max(1, args[0].As<v8::Int32>()->Value());
  Local<v8::StackTrace> stack = v8::StackTrace::CurrentStackTrace(isolate, limit);
  int count = stack->GetFrameCount();
  if (count >= limit) return args.GetReturnValue().Set(args[1]);
  for (int i = 0; i < count; i++) {
    Local<String> name = stack->GetFrame(isolate, i)->GetScriptName();
    if (name.IsEmpty() || name->Length() == 0) continue;
    String::Utf8Value utf8(isolate, name);
    std::string file(*utf8 ? *utf8 : "", utf8.length());
    if (file.rfind("kiln:", 0) == 0 || file.rfind("node:", 0) == 0) continue;
    if (file.find("/node_modules/") != std::string::npos ||
        file.find("\\node_modules\\") != std::string::npos || file.rfind("node_modules/", 0) == 0) {
      return args.GetReturnValue().Set(true);
    }
  }
  args.GetReturnValue().Set(false);
}

// createUnsafeArrayBuffer(size): an ArrayBuffer whose bytes are not zeroed
// (Buffer.allocUnsafe and the pool: the caller overwrites them).
void CreateUnsafeArrayBuffer(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsNumber() || args[0].As<v8::Number>()->Value() < 0 ||
      args[0].As<v8::Number>()->Value() > static_cast<double>(v8::TypedArray::kMaxLength)) {
    return Throw(isolate, Kind::kRangeError, "ERR_OUT_OF_RANGE",
                 "The \"size\" argument must be a number between 0 and kMaxLength");
  }
  size_t size = static_cast<size_t>(args[0].As<v8::Number>()->Value());
  void* data = size == 0 ? nullptr : malloc(size);
  if (size != 0 && data == nullptr) {
    return Throw(isolate, Kind::kRangeError, "ERR_MEMORY_ALLOCATION_FAILED",
                 "Array buffer allocation failed");
  }
  std::unique_ptr<BackingStore> store = ArrayBuffer::NewBackingStore(
      data, size, [](void* bytes, size_t, void*) { free(bytes); }, nullptr);
  args.GetReturnValue().Set(ArrayBuffer::New(isolate, std::move(store)));
}

// transcode(source, fromEncoding, toEncoding) -> ArrayBuffer, or an ICU
// status number that JS turns into "Unable to transcode Buffer [...]".
void TranscodeBytes(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return ThrowNotBuffer(isolate);
  sb::Encoding from = sb::ParseEncoding(isolate, args[1], sb::BUFFER);
  sb::Encoding to = sb::ParseEncoding(isolate, args[2], sb::BUFFER);
  ViewBytes source(args[0], false);
  std::vector<uint8_t> out;
  int status = Transcode(reinterpret_cast<const uint8_t*>(source.data()), source.length(), from,
                         to, &out);
  if (status != 0) return args.GetReturnValue().Set(status);
  Local<ArrayBuffer> ab = ArrayBuffer::New(isolate, out.size());
  if (!out.empty()) memcpy(ab->Data(), out.data(), out.size());
  args.GetReturnValue().Set(ab);
}

}  // namespace

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
#define SLICE_WRITE(V)    \
  V(ascii, sb::ASCII)     \
  V(base64, sb::BASE64)   \
  V(base64url, sb::BASE64URL) \
  V(latin1, sb::LATIN1)   \
  V(hex, sb::HEX)         \
  V(ucs2, sb::UCS2)       \
  V(utf8, sb::UTF8)
#define V(name, enc)                                             \
  SetMethod(context, target, #name "Slice", StringSlice<enc>); \
  SetMethod(context, target, #name "Write", StringWrite<enc>);
  SLICE_WRITE(V)
#undef V
  SetMethod(context, target, "atob", Atob);
  SetMethod(context, target, "btoa", Btoa);
  SetMethod(context, target, "byteLengthUtf8", ByteLengthUtf8);
  SetMethod(context, target, "compare", Compare);
  SetMethod(context, target, "compareOffset", CompareOffset);
  SetMethod(context, target, "createUnsafeArrayBuffer", CreateUnsafeArrayBuffer);
  SetMethod(context, target, "fill", Fill);
  SetMethod(context, target, "indexOfBuffer", IndexOfBuffer);
  SetMethod(context, target, "indexOfNumber", IndexOfNumber);
  SetMethod(context, target, "indexOfString", IndexOfString);
  SetMethod(context, target, "isAscii", Validate<simdutf::validate_ascii>);
  SetMethod(context, target, "isInsideNodeModules", IsInsideNodeModules);
  SetMethod(context, target, "isUtf8", Validate<simdutf::validate_utf8>);
  SetMethod(context, target, "swap16", Swap<2>);
  SetMethod(context, target, "swap32", Swap<4>);
  SetMethod(context, target, "swap64", Swap<8>);
  SetMethod(context, target, "transcode", TranscodeBytes);
  SetConstant(context, target, "kMaxLength", static_cast<double>(v8::TypedArray::kMaxLength));
  SetConstant(context, target, "kStringMaxLength", String::kMaxLength);
  (void)isolate;
}

void RegisterExternalReferences(ExternalReferences* refs) {
#define V(name, enc)                \
  refs->Register(StringSlice<enc>); \
  refs->Register(StringWrite<enc>);
  SLICE_WRITE(V)
#undef V
#undef SLICE_WRITE
  refs->Register(Atob);
  refs->Register(Btoa);
  refs->Register(ByteLengthUtf8);
  refs->Register(Compare);
  refs->Register(CompareOffset);
  refs->Register(CreateUnsafeArrayBuffer);
  refs->Register(Fill);
  refs->Register(IndexOfBuffer);
  refs->Register(IndexOfNumber);
  refs->Register(IndexOfString);
  refs->Register(Validate<simdutf::validate_ascii>);
  refs->Register(IsInsideNodeModules);
  refs->Register(Validate<simdutf::validate_utf8>);
  refs->Register(Swap<2>);
  refs->Register(Swap<4>);
  refs->Register(Swap<8>);
  refs->Register(TranscodeBytes);
}

}  // namespace kiln::bindings::buffer
