// process.binding('builtins'): the embedded js_lib sources, compiled on
// request by the internal module loader (js_lib/internal/bootstrap/realm.js).
#include <cstdio>
#include <cstring>
#include <string>

#include "runtime/binding.h"
#include "runtime/builtins.h"

namespace kiln {

using v8::Array;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::ScriptCompiler;
using v8::ScriptOrigin;
using v8::String;
using v8::Value;

BuiltinSource* FindBuiltin(const char* id) {
  for (int i = 0; i < kBuiltinCount; i++)
    if (strcmp(kBuiltinSources[i].id(), id) == 0) return &kBuiltinSources[i];
  return nullptr;
}

static const char* code_cache = nullptr;
static size_t code_cache_size = 0;
// This thread's count of caches V8 took and refused (codeCacheStats()).
static thread_local int caches_consumed = 0, caches_rejected = 0;

void SetBuiltinCodeCache(const char* data, size_t size) {
  uint32_t count;
  if (size < sizeof(count)) return;
  memcpy(&count, data, sizeof(count));
  if (count != static_cast<uint32_t>(kBuiltinCount) || size < 4 + 8 * size_t(count)) return;
  code_cache = data;
  code_cache_size = size;
}

bool WriteCodeCacheFile(const char* path, const std::vector<std::string>& caches) {
  auto put32 = [](std::string* out, uint32_t v) {
    for (int i = 0; i < 4; i++) out->push_back(static_cast<char>(v >> (8 * i)));
  };
  std::string header, data;
  size_t offset = (4 + 8 * caches.size() + 7) & ~size_t{7};
  put32(&header, static_cast<uint32_t>(caches.size()));
  for (const std::string& c : caches) {
    put32(&header, c.empty() ? 0 : static_cast<uint32_t>(offset + data.size()));
    put32(&header, static_cast<uint32_t>(c.size()));
    data += c;
    data.resize((data.size() + 7) & ~size_t{7}, '\0');  // each cache 8-aligned
  }
  header.resize(offset, '\0');
  FILE* f = fopen(path, "wb");
  if (f == nullptr || fwrite(header.data(), 1, header.size(), f) != header.size() ||
      fwrite(data.data(), 1, data.size(), f) != data.size() || fclose(f) != 0) {
    perror(path);
    return false;
  }
  return true;
}

void GetCodeCacheStats(int* consumed, int* rejected) {
  *consumed = caches_consumed;
  *rejected = caches_rejected;
}

static BuiltinCompileObserver compile_observer = nullptr;

void SetBuiltinCompileObserver(BuiltinCompileObserver observer) { compile_observer = observer; }

void SetDefaultV8Flags() {
  // The blob is part of the binary, so its checksum protects nothing and
  // costs ~0.7 ms per start.
  v8::V8::SetFlagsFromString("--no-verify-snapshot-checksum");
  // `import x from './x.json' assert { type: 'json' }`, as Node 20 has it.
  v8::V8::SetFlagsFromString("--harmony-import-assertions");
}

// The embedded code cache of builtin `index`, or null.
static ScriptCompiler::CachedData* FindCodeCache(int index) {
  if (code_cache == nullptr) return nullptr;
  uint32_t entry[2];
  memcpy(entry, code_cache + 4 + 8 * size_t(index), sizeof(entry));
  if (entry[1] == 0 || size_t(entry[0]) + entry[1] > code_cache_size) return nullptr;
  return new ScriptCompiler::CachedData(reinterpret_cast<const uint8_t*>(code_cache + entry[0]),
                                        static_cast<int>(entry[1]),
                                        ScriptCompiler::CachedData::BufferNotOwned);
}

// Compiles builtin `id` with `params`; `cache`, when given, is consumed
// (a rejected one, after other V8 flags say, means V8 compiled the source).
static MaybeLocal<Function> Compile(Local<Context> context, const char* id, int param_count,
                                    const char* const* params,
                                    ScriptCompiler::CompileOptions options, bool use_cache) {
  Isolate* isolate = context->GetIsolate();
  BuiltinSource* b = FindBuiltin(id);
  if (b == nullptr) {
    std::string msg = std::string("No such built-in module: ") + id;
    isolate->ThrowException(
        v8::Exception::Error(String::NewFromUtf8(isolate, msg.c_str()).ToLocalChecked()));
    return {};
  }
  Local<String> source;
  if (!String::NewExternalOneByte(isolate, b).ToLocal(&source))
    return {};
  // Stack traces show builtins as "node:events"-style names: kiln:events.
  std::string name = std::string("kiln:") + id;
  ScriptOrigin origin(isolate, String::NewFromUtf8(isolate, name.c_str()).ToLocalChecked());
  // The source owns the cache record, not its bytes (static).
  ScriptCompiler::CachedData* cache =
      use_cache ? FindCodeCache(static_cast<int>(b - kBuiltinSources)) : nullptr;
  if (cache != nullptr) options = ScriptCompiler::kConsumeCodeCache;
  ScriptCompiler::Source src(source, origin, cache);
  Local<String> args[8];
  for (int i = 0; i < param_count && i < 8; i++) args[i] = OneByteString(isolate, params[i]);
  MaybeLocal<Function> fn =
      ScriptCompiler::CompileFunction(context, &src, param_count, args, 0, nullptr, options);
  if (cache != nullptr) (cache->rejected ? caches_rejected : caches_consumed)++;
  return fn;
}

MaybeLocal<Function> CompileBuiltin(Local<Context> context, const char* id, int param_count,
                                    const char* const* params, bool eager) {
  return Compile(context, id, param_count, params,
                 eager ? ScriptCompiler::kEagerCompile : ScriptCompiler::kNoCompileOptions, false);
}

// The caches are made for this wrapper only, so only it consumes them.
MaybeLocal<Function> CompileBuiltinModule(Local<Context> context, const char* id, bool eager) {
  static const char* const kModuleParams[] = {"exports", "require", "module",
                                              "process", "binding", "hooks"};
  if (compile_observer != nullptr) eager = false;
  MaybeLocal<Function> fn = Compile(context, id, 6, kModuleParams,
      eager ? ScriptCompiler::kEagerCompile : ScriptCompiler::kNoCompileOptions, true);
  Local<Function> compiled;
  if (compile_observer != nullptr && fn.ToLocal(&compiled))
    compile_observer(static_cast<int>(FindBuiltin(id) - kBuiltinSources), compiled);
  return fn;
}

namespace bindings::builtins {

// compileFunction(id[, eager]) -> function (exports, require, module, process,
// binding, hooks). eager compiles every inner function now, not at first call.
static void CompileFunction(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  String::Utf8Value id(isolate, args[0]);
  bool eager = args[1]->IsTrue();
  Local<Function> fn;
  if (CompileBuiltinModule(isolate->GetCurrentContext(), *id, eager).ToLocal(&fn))
    args.GetReturnValue().Set(fn);
}

// codeCacheStats() -> [consumed, rejected]: the embedded code caches this
// thread's isolate used or refused (tests check the caches stay valid).
static void CodeCacheStats(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  int consumed, rejected;
  GetCodeCacheStats(&consumed, &rejected);
  Local<Value> counts[] = {v8::Integer::New(isolate, consumed),
                           v8::Integer::New(isolate, rejected)};
  args.GetReturnValue().Set(Array::New(isolate, counts, 2));
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<Array> ids = Array::New(isolate, kBuiltinCount);
  for (int i = 0; i < kBuiltinCount; i++)
    ids->Set(context, i, OneByteString(isolate, kBuiltinSources[i].id())).Check();
  SetValue(context, target, "ids", ids);
  SetMethod(context, target, "compileFunction", CompileFunction);
  SetMethod(context, target, "codeCacheStats", CodeCacheStats);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(CompileFunction);
  refs->Register(CodeCacheStats);
  for (int i = 0; i < kBuiltinCount; i++) refs->Register(&kBuiltinSources[i]);
}

}  // namespace bindings::builtins
}  // namespace kiln
