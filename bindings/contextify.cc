// process.binding('contextify'): compiling user code in the main context.
// The CommonJS loader wraps modules with compileFunction (so line and column
// numbers are the file's own); -e/-p/stdin code runs as a script.
#include "runtime/binding.h"

namespace kiln::bindings::contextify {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::ScriptCompiler;
using v8::ScriptOrigin;
using v8::String;
using v8::Value;

// compileFunction(code, filename, params[]) -> function
static void CompileFunction(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsString, "of type string");
  CHECK_ARG(args, 2, IsArray, "an Array");
  Local<Context> context = isolate->GetCurrentContext();
  Local<v8::Array> list = args[2].As<v8::Array>();
  std::vector<Local<String>> params;
  for (uint32_t i = 0; i < list->Length(); i++) {
    Local<Value> p;
    if (!list->Get(context, i).ToLocal(&p)) return;
    if (!p->IsString())
      return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "params must be strings");
    params.push_back(p.As<String>());
  }
  ScriptOrigin origin(isolate, args[1]);
  ScriptCompiler::Source source(args[0].As<String>(), origin);
  Local<Function> fn;
  if (ScriptCompiler::CompileFunction(context, &source, params.size(), params.data(), 0, nullptr)
          .ToLocal(&fn))
    args.GetReturnValue().Set(fn);
}

// runScript(code, filename) -> completion value
static void RunScript(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  CHECK_ARG(args, 1, IsString, "of type string");
  Local<Context> context = isolate->GetCurrentContext();
  ScriptOrigin origin(isolate, args[1]);
  ScriptCompiler::Source source(args[0].As<String>(), origin);
  Local<v8::Script> script;
  Local<Value> result;
  if (ScriptCompiler::Compile(context, &source).ToLocal(&script) &&
      script->Run(context).ToLocal(&result))
    args.GetReturnValue().Set(result);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "compileFunction", CompileFunction);
  SetMethod(context, target, "runScript", RunScript);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(CompileFunction);
  r->Register(RunScript);
}

}  // namespace kiln::bindings::contextify
