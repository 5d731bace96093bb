// process.binding('messaging'): the loop side of MessagePort and
// BroadcastChannel (js_lib/internal/worker/io.js).
//
// One ev_async per process, made at first use at run time (never in the
// snapshot). JS queues a message and calls schedule(); libev then runs the
// delivery in the poll phase of the next loop iteration, where Node's
// uv_async would. Each deliver(first) call hands over one message and is a
// top-level callback of its own, so nextTicks and microtasks run between
// two messages as in Node; it returns true while more are due this round.
// The watcher is unref'd unless JS says, with setRef(true), that some port
// is ref'd and listening: then it keeps the loop alive, as a ref'd
// MessagePort does in Node.
#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::messaging {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {

struct State {
  Environment* env;
  ev_async async;
  bool ref = false;  // whether the watcher counts for the loop
  v8::Global<v8::Function> deliver;
};

State* g_state = nullptr;

void OnAsync(struct ev_loop*, ev_async* w, int) {
  State* s = static_cast<State*>(w->data);
  Isolate* isolate = s->env->isolate();
  HandleScope scope(isolate);
  Local<Value> first = v8::True(isolate);
  for (;;) {
    Local<Value> more;
    if (!s->env->MakeCallback(s->deliver.Get(isolate), s->env->context()->Global(), 1, &first)
             .ToLocal(&more) ||
        !more->IsTrue()) {
      break;
    }
    first = v8::False(isolate);
  }
}

}  // namespace

// start(deliver): deliver(first) is called from the loop after schedule().
static void Start(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsFunction()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "deliver must be a function");
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    return ThrowTypeError(isolate, "ERR_INVALID_STATE", "messaging needs a running loop");
  }
  if (g_state == nullptr) {
    g_state = new State();  // lives as long as the process
    g_state->env = env;
    ev_async_init(&g_state->async, OnAsync);
    g_state->async.data = g_state;
    ev_async_start(env->loop(), &g_state->async);
    ev_unref(env->loop());
  }
  g_state->deliver.Reset(isolate, args[0].As<v8::Function>());
}

// schedule(): a delivery round in the next loop iteration.
static void Schedule(const FunctionCallbackInfo<Value>&) {
  if (g_state != nullptr) ev_async_send(g_state->env->loop(), &g_state->async);
}

// setRef(bool): whether pending or future messages keep the loop alive.
static void SetRef(const FunctionCallbackInfo<Value>& args) {
  bool ref = args[0]->BooleanValue(args.GetIsolate());
  if (g_state == nullptr || ref == g_state->ref) return;
  g_state->ref = ref;
  if (ref) ev_ref(g_state->env->loop());
  else ev_unref(g_state->env->loop());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "start", Start);
  SetMethod(context, target, "schedule", Schedule);
  SetMethod(context, target, "setRef", SetRef);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Start);
  r->Register(Schedule);
  r->Register(SetRef);
}

}  // namespace kiln::bindings::messaging
