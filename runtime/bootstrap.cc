#include "runtime/bootstrap.h"

#include <cstdio>

#include "runtime/builtins.h"
#include "runtime/errors.h"

namespace kiln {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Object;
using v8::Value;

// getBinding(name): a new binding object; realm.js caches it.
static void GetBinding(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  Local<Object> binding;
  if (CreateBinding(args.GetIsolate()->GetCurrentContext(), args[0].As<v8::String>())
          .ToLocal(&binding))
    args.GetReturnValue().Set(binding);
}

// `process` is an instance of a class named "process", so that
// Object.prototype.toString and util.inspect print it as Node does.
static void ProcessConstructor(const FunctionCallbackInfo<Value>& args) {}

void RegisterBootstrapReferences(ExternalReferences* refs) {
  refs->Register(GetBinding);
  refs->Register(ProcessConstructor);
}

MaybeLocal<Object> RunBootstrap(Local<Context> context) {
  Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  Local<FunctionTemplate> process_t = FunctionTemplate::New(isolate, ProcessConstructor);
  process_t->SetClassName(OneByteString(isolate, "process"));
  Local<Object> process;
  if (!process_t->GetFunction(context).ToLocalChecked()->NewInstance(context).ToLocal(&process))
    return {};
  Local<Function> get_binding =
      FunctionTemplate::New(isolate, GetBinding)->GetFunction(context).ToLocalChecked();
  Local<Object> hooks = Object::New(isolate);

  static const char* const kParams[] = {"process", "getBinding", "hooks"};
  Local<Function> realm;
  if (!CompileBuiltin(context, "internal/bootstrap/realm", 3, kParams, true).ToLocal(&realm))
    return {};
  Local<Value> argv[] = {process, get_binding, hooks};
  if (realm->Call(context, context->Global(), 3, argv).IsEmpty()) return {};
  return scope.Escape(hooks);
}

MaybeLocal<Object> RunBootstrapOrReport(Local<Context> context, const char* who) {
  Isolate* isolate = context->GetIsolate();
  v8::TryCatch try_catch(isolate);
  Local<Object> hooks;
  if (RunBootstrap(context).ToLocal(&hooks)) return hooks;
  fprintf(stderr, "%s: the bootstrap threw:\n", who);
  PrintCaughtException(isolate, context, try_catch.Exception(), try_catch.Message());
  return {};
}

}  // namespace kiln
