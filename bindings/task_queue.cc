// process.binding('task_queue'): V8's microtask queue, for
// js_lib/internal/process/task_queues.js (process.nextTick's drain loop and
// queueMicrotask). The isolate runs microtasks only when asked
// (MicrotasksPolicy::kExplicit), as in Node.
#include "runtime/binding.h"

namespace kiln::bindings::task_queue {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Object;
using v8::Value;

// runMicrotasks(): runs queued microtasks until none is left. A no-op when
// called from inside a microtask.
static void RunMicrotasks(const FunctionCallbackInfo<Value>& args) {
  args.GetIsolate()->PerformMicrotaskCheckpoint();
}

// enqueueMicrotask(fn): queues `fn` to run at the next checkpoint.
static void EnqueueMicrotask(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsFunction, "of type function");
  args.GetIsolate()->EnqueueMicrotask(args[0].As<Function>());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "runMicrotasks", RunMicrotasks);
  SetMethod(context, target, "enqueueMicrotask", EnqueueMicrotask);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(RunMicrotasks);
  r->Register(EnqueueMicrotask);
}

}  // namespace kiln::bindings::task_queue
