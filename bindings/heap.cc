// process.binding('heap'): the V8 engine queries behind the `v8` module
// (getHeapStatistics, getHeapSpaceStatistics, getHeapCodeStatistics,
// setFlagsFromString, cachedDataVersionTag). Statistics are written into a
// caller's Float64Array in the order js_lib/v8.js names them.
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::heap {

using v8::Array;
using v8::Context;
using v8::Float64Array;
using v8::FunctionCallbackInfo;
using v8::HeapCodeStatistics;
using v8::HeapSpaceStatistics;
using v8::HeapStatistics;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

// The Float64Array argument `i` with at least `n` slots, or nullptr (thrown).
static double* Slots(const FunctionCallbackInfo<Value>& args, int i, size_t n) {
  if (!args[i]->IsFloat64Array() || args[i].As<Float64Array>()->Length() < n) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The argument must be a Float64Array of the right length");
    return nullptr;
  }
  Local<Float64Array> a = args[i].As<Float64Array>();
  // SAFETY: length checked above; the buffer outlives this call.
  return reinterpret_cast<double*>(static_cast<char*>(a->Buffer()->GetBackingStore()->Data()) +
                                   a->ByteOffset());
}

// getHeapStatistics(Float64Array(14))
static void GetHeapStatistics(const FunctionCallbackInfo<Value>& args) {
  double* out = Slots(args, 0, 14);
  if (out == nullptr) return;
  HeapStatistics s;
  args.GetIsolate()->GetHeapStatistics(&s);
  const double values[] = {
      static_cast<double>(s.total_heap_size()),
      static_cast<double>(s.total_heap_size_executable()),
      static_cast<double>(s.total_physical_size()),
      static_cast<double>(s.total_available_size()),
      static_cast<double>(s.used_heap_size()),
      static_cast<double>(s.heap_size_limit()),
      static_cast<double>(s.malloced_memory()),
      static_cast<double>(s.peak_malloced_memory()),
      static_cast<double>(s.does_zap_garbage()),
      static_cast<double>(s.number_of_native_contexts()),
      static_cast<double>(s.number_of_detached_contexts()),
      static_cast<double>(s.total_global_handles_size()),
      static_cast<double>(s.used_global_handles_size()),
      static_cast<double>(s.external_memory()),
  };
  for (size_t i = 0; i < 14; i++) out[i] = values[i];
}

// getHeapSpaceStatistics() -> [[name, size, used, available, physical], ...]
static void GetHeapSpaceStatistics(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  size_t count = isolate->NumberOfHeapSpaces();
  Local<Array> result = Array::New(isolate, static_cast<int>(count));
  Local<Context> context = isolate->GetCurrentContext();
  for (size_t i = 0; i < count; i++) {
    HeapSpaceStatistics s;
    if (!isolate->GetHeapSpaceStatistics(&s, i)) continue;
    Local<Value> row[] = {
        String::NewFromUtf8(isolate, s.space_name()).ToLocalChecked(),
        v8::Number::New(isolate, static_cast<double>(s.space_size())),
        v8::Number::New(isolate, static_cast<double>(s.space_used_size())),
        v8::Number::New(isolate, static_cast<double>(s.space_available_size())),
        v8::Number::New(isolate, static_cast<double>(s.physical_space_size())),
    };
    if (result->Set(context, static_cast<uint32_t>(i), Array::New(isolate, row, 5)).IsNothing()) {
      return;
    }
  }
  args.GetReturnValue().Set(result);
}

// getHeapCodeStatistics(Float64Array(4))
static void GetHeapCodeStatistics(const FunctionCallbackInfo<Value>& args) {
  double* out = Slots(args, 0, 4);
  if (out == nullptr) return;
  HeapCodeStatistics s;
  args.GetIsolate()->GetHeapCodeAndMetadataStatistics(&s);
  out[0] = static_cast<double>(s.code_and_metadata_size());
  out[1] = static_cast<double>(s.bytecode_and_metadata_size());
  out[2] = static_cast<double>(s.external_script_source_size());
  out[3] = static_cast<double>(s.cpu_profiler_metadata_size());
}

static void SetFlagsFromString(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value flags(args.GetIsolate(), args[0]);
  v8::V8::SetFlagsFromString(*flags, flags.length());
}

static void CachedDataVersionTag(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(v8::ScriptCompiler::CachedDataVersionTag());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "getHeapStatistics", GetHeapStatistics);
  SetMethod(context, target, "getHeapSpaceStatistics", GetHeapSpaceStatistics);
  SetMethod(context, target, "getHeapCodeStatistics", GetHeapCodeStatistics);
  SetMethod(context, target, "setFlagsFromString", SetFlagsFromString);
  SetMethod(context, target, "cachedDataVersionTag", CachedDataVersionTag);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(GetHeapStatistics);
  refs->Register(GetHeapSpaceStatistics);
  refs->Register(GetHeapCodeStatistics);
  refs->Register(SetFlagsFromString);
  refs->Register(CachedDataVersionTag);
}

}  // namespace kiln::bindings::heap
