// process.binding('builtins'): the embedded js_lib sources, compiled on
// request by the internal module loader (js_lib/internal/bootstrap/realm.js).
#include <cstring>
#include <string>

#include "runtime/binding.h"
#include "runtime/builtins.h"
#include "runtime/code_cache.h"

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

static BuiltinCompileObserver compile_observer = nullptr;

void SetBuiltinCompileObserver(BuiltinCompileObserver observer) { compile_observer = observer; }

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
      use_cache ? FindBuiltinCodeCache(static_cast<int>(b - kBuiltinSources)) : nullptr;
  if (cache != nullptr) options = ScriptCompiler::kConsumeCodeCache;
  ScriptCompiler::Source src(source, origin, cache);
  Local<String> args[8];
  for (int i = 0; i < param_count && i < 8; i++) args[i] = OneByteString(isolate, params[i]);
  MaybeLocal<Function> fn =
      ScriptCompiler::CompileFunction(context, &src, param_count, args, 0, nullptr, options);
  if (cache != nullptr) CountBuiltinCodeCache(cache->rejected);
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

// compileFunction(id) -> function (exports, require, module, process,
// binding, hooks): lazily, or from the module's code cache.
static void CompileFunction(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  String::Utf8Value id(isolate, args[0]);
  Local<Function> fn;
  if (CompileBuiltinModule(isolate->GetCurrentContext(), *id, false).ToLocal(&fn))
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
