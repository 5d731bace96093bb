// process.binding('task_queue'): V8's microtask queue, for
// js_lib/internal/process/task_queues.js (process.nextTick's drain loop and
// queueMicrotask), and V8's promise hooks, for js_lib/internal/promise_hooks.js
// (v8.promiseHooks). The isolate runs microtasks only when asked
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

// setPromiseHooks(init, before, after, settled): installs V8's promise hooks
// on the current context, replacing all four; a non-function clears one.
static void SetPromiseHooks(const FunctionCallbackInfo<Value>& args) {
  Local<Function> hooks[4];
  for (int i = 0; i < 4; i++) {
    if (args[i]->IsFunction()) hooks[i] = args[i].As<Function>();
  }
  args.GetIsolate()->GetCurrentContext()->SetPromiseHooks(hooks[0], hooks[1], hooks[2], hooks[3]);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "runMicrotasks", RunMicrotasks);
  SetMethod(context, target, "enqueueMicrotask", EnqueueMicrotask);
  SetMethod(context, target, "setPromiseHooks", SetPromiseHooks);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(RunMicrotasks);
  r->Register(EnqueueMicrotask);
  r->Register(SetPromiseHooks);
}

}  // namespace kiln::bindings::task_queue
