// process.binding('async_context'): the async context frame behind
// AsyncLocalStorage (js_lib/internal/async_context.js). The frame is V8's
// continuation-preserved embedder data: V8 carries it from where a promise
// reaction is made (await, then) to where it runs. Kiln carries it across its
// own boundaries: JS does it for nextTick, microtasks and timers; for
// callbacks from the loop, Environment::MakeCallback runs the callback in
// the frame stamped on its receiver (stamp() below), else in the empty frame.
//
// Until the first setFrame() with a frame, frames are never saved or
// switched anywhere (Environment::async_frames_used()).
#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::async_context {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

// getFrame(): the current frame (undefined: the empty frame).
static void GetFrame(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(
      args.GetIsolate()->GetCurrentContext()->GetContinuationPreservedEmbedderData());
}

// setFrame(frame): makes `frame` (an object, or undefined) current.
static void SetFrame(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Value> frame = args[0];
  if (!frame->IsUndefined() && !frame->IsObject()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"frame\" argument must be an object or undefined");
    return;
  }
  if (!frame->IsUndefined()) {
    Environment* env = Environment::Get(isolate);
    if (env != nullptr) env->set_async_frames_used();
  }
  isolate->GetCurrentContext()->SetContinuationPreservedEmbedderData(frame);
}

// stamp(obj): callbacks from the loop with `obj` as receiver (a handle, a
// request) will run in the current frame.
static void Stamp(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsObject, "of type object");
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  args[0].As<Object>()
      ->SetPrivate(context, Environment::AsyncFrameKey(isolate),
                   context->GetContinuationPreservedEmbedderData())
      .Check();
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "getFrame", GetFrame);
  SetMethod(context, target, "setFrame", SetFrame);
  SetMethod(context, target, "stamp", Stamp);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(GetFrame);
  r->Register(SetFrame);
  r->Register(Stamp);
}

}  // namespace kiln::bindings::async_context
