// process.binding('builtins'): the embedded js_lib sources, compiled on
// request by the internal module loader (js_lib/internal/bootstrap/realm.js).
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

MaybeLocal<Function> CompileBuiltin(Local<Context> context, const char* id, int param_count,
                                    const char* const* params, bool eager) {
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
  ScriptCompiler::Source src(source, origin);
  Local<String> args[8];
  for (int i = 0; i < param_count && i < 8; i++) args[i] = OneByteString(isolate, params[i]);
  return ScriptCompiler::CompileFunction(
      context, &src, param_count, args, 0, nullptr,
      eager ? ScriptCompiler::kEagerCompile : ScriptCompiler::kNoCompileOptions);
}

namespace bindings::builtins {

static const char* const kModuleParams[] = {"exports", "require", "module",
                                            "process", "binding", "hooks"};

// compileFunction(id[, eager]) -> function (exports, require, module, process,
// binding, hooks). eager compiles every inner function now, not at first call.
static void CompileFunction(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Isolate* isolate = args.GetIsolate();
  String::Utf8Value id(isolate, args[0]);
  bool eager = args[1]->IsTrue();
  Local<Function> fn;
  if (CompileBuiltin(isolate->GetCurrentContext(), *id, 6, kModuleParams, eager).ToLocal(&fn))
    args.GetReturnValue().Set(fn);
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<Array> ids = Array::New(isolate, kBuiltinCount);
  for (int i = 0; i < kBuiltinCount; i++)
    ids->Set(context, i, OneByteString(isolate, kBuiltinSources[i].id())).Check();
  SetValue(context, target, "ids", ids);
  SetMethod(context, target, "compileFunction", CompileFunction);
}

void RegisterExternalReferences(ExternalReferences* refs) {
  refs->Register(CompileFunction);
  for (int i = 0; i < kBuiltinCount; i++) refs->Register(&kBuiltinSources[i]);
}

}  // namespace bindings::builtins
}  // namespace kiln
