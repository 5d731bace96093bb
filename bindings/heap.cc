// process.binding('heap'): the V8 engine queries behind the `v8` module
// (getHeapStatistics, getHeapSpaceStatistics, getHeapCodeStatistics,
// setFlagsFromString, cachedDataVersionTag, heap snapshots). Statistics are
// written into a caller's Float64Array in the order js_lib/v8.js names them.
#include <v8-profiler.h>

#include <cerrno>
#include <cstdio>
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

// A heap snapshot's JSON, as V8 serializes it in chunks, to a FILE or a string.
class SnapshotOutput : public v8::OutputStream {
 public:
  explicit SnapshotOutput(FILE* file) : file_(file) {}
  int GetChunkSize() override { return 64 * 1024; }
  void EndOfStream() override {}
  WriteResult WriteAsciiChunk(char* data, int size) override {
    if (file_ == nullptr) {
      text_.append(data, size);
      return kContinue;
    }
    if (fwrite(data, 1, size, file_) != static_cast<size_t>(size)) {
      error_ = errno;
      return kAbort;
    }
    return kContinue;
  }
  const std::string& text() const { return text_; }
  int error() const { return error_; }

 private:
  FILE* file_;
  std::string text_;
  int error_ = 0;
};

// Takes a snapshot (numeric values of heap numbers when asked) and
// serializes it to `out`.
static void SerializeHeapSnapshot(Isolate* isolate, bool numeric_values, SnapshotOutput* out) {
  const v8::HeapSnapshot* snapshot =
      isolate->GetHeapProfiler()->TakeHeapSnapshot(nullptr, nullptr, true, numeric_values);
  snapshot->Serialize(out, v8::HeapSnapshot::kJSON);
  const_cast<v8::HeapSnapshot*>(snapshot)->Delete();
}

// writeHeapSnapshot(path, exposeNumericValues) -> undefined, or throws the
// open/write error (errno) as Node's fs errors.
static void WriteHeapSnapshot(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value path(isolate, args[0]);
  FILE* file = fopen(*path, "we");
  if (file == nullptr) return ThrowErrnoException(isolate, errno, "open", *path);
  SnapshotOutput out(file);
  SerializeHeapSnapshot(isolate, args[1]->IsTrue(), &out);
  int err = out.error();
  if (fclose(file) != 0 && err == 0) err = errno;
  if (err != 0) ThrowErrnoException(isolate, err, "write", *path);
}

// takeHeapSnapshot(exposeNumericValues) -> the JSON as a string.
static void TakeHeapSnapshot(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  SnapshotOutput out(nullptr);
  SerializeHeapSnapshot(isolate, args[0]->IsTrue(), &out);
  Local<String> s;
  if (String::NewFromUtf8(isolate, out.text().data(), v8::NewStringType::kNormal,
                          static_cast<int>(out.text().size()))
          .ToLocal(&s)) {
    args.GetReturnValue().Set(s);
  }
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "writeHeapSnapshot", WriteHeapSnapshot);
  SetMethod(context, target, "takeHeapSnapshot", TakeHeapSnapshot);
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
  refs->Register(WriteHeapSnapshot);
  refs->Register(TakeHeapSnapshot);
}

}  // namespace kiln::bindings::heap
