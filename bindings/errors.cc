// process.binding('errors'): reporting an error that no JS caught.
#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/errors.h"

namespace kiln::bindings::errors {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Object;
using v8::Value;

// triggerUncaughtException(err, fromPromise): as if `err` escaped to the loop.
// Returns only if an 'uncaughtException' listener handled it.
static void TriggerUncaughtException(const FunctionCallbackInfo<Value>& args) {
  Environment* env = Environment::Get(args.GetIsolate());
  if (env == nullptr) return;
  Local<v8::Message> message = v8::Exception::CreateMessage(args.GetIsolate(), args[0]);
  env->TriggerUncaughtException(args[0], message, args[1]->IsTrue());
}

// getErrorSource(err): the "file:line\nsource\n   ^" header for an error
// thrown by JS, or '' when V8 has no position for it.
static void GetErrorSourceForError(const FunctionCallbackInfo<Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  Local<v8::Message> message = v8::Exception::CreateMessage(isolate, args[0]);
  args.GetReturnValue().Set(GetErrorSource(isolate, isolate->GetCurrentContext(), message));
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "triggerUncaughtException", TriggerUncaughtException);
  SetMethod(context, target, "getErrorSource", GetErrorSourceForError);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(TriggerUncaughtException);
  r->Register(GetErrorSourceForError);
}

}  // namespace kiln::bindings::errors
