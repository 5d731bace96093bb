// process.binding('signals'): process.on('SIGINT', fn) and friends. A
// watched signal is delivered through libev's ev_signal to
// hooks.emitSignal(signo). Watchers are unref'd, as in Node: listening for a
// signal does not keep the process alive. Without a watcher a signal keeps
// its default action (SIGINT/SIGTERM end the process with that status).
#include <signal.h>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::signals {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {
ev_signal g_watchers[NSIG];

void OnSignal(struct ev_loop*, ev_signal* w, int) {
  Environment* env = static_cast<Environment*>(w->data);
  v8::HandleScope scope(env->isolate());
  Local<Value> arg = v8::Integer::New(env->isolate(), w->signum);
  if (!env->emit_signal().IsEmpty())
    env->MakeCallback(env->emit_signal(), env->context()->Global(), 1, &arg);
}

bool ValidSignal(const FunctionCallbackInfo<Value>& args, int* signo) {
  if (!args[0]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", "signal must be an integer");
    return false;
  }
  *signo = args[0].As<v8::Int32>()->Value();
  // SIGKILL and SIGSTOP cannot be caught; sigaction reports EINVAL.
  return *signo > 0 && *signo < NSIG;
}
}  // namespace

// start(signo) -> 0 or -errno
static void Start(const FunctionCallbackInfo<Value>& args) {
  int signo;
  if (!ValidSignal(args, &signo)) {
    if (!args[0]->IsInt32()) return;
    return args.GetReturnValue().Set(-EINVAL);
  }
  Environment* env = Environment::Get(args.GetIsolate());
  if (env == nullptr) return args.GetReturnValue().Set(-EINVAL);
  // As Node: signals reach the main thread only; a worker's listeners
  // never fire (and libev watches signals on the default loop only).
  if (!env->is_main_thread()) return args.GetReturnValue().Set(0);
  if (signo == SIGKILL || signo == SIGSTOP) return args.GetReturnValue().Set(-EINVAL);
  ev_signal* w = &g_watchers[signo];
  if (!ev_is_active(w)) {
    ev_signal_init(w, OnSignal, signo);
    w->data = env;
    ev_signal_start(env->loop(), w);
    ev_unref(env->loop());
  }
  args.GetReturnValue().Set(0);
}

// stop(signo): back to the default action.
static void Stop(const FunctionCallbackInfo<Value>& args) {
  int signo;
  if (!ValidSignal(args, &signo)) return;
  Environment* env = Environment::Get(args.GetIsolate());
  ev_signal* w = &g_watchers[signo];
  if (env == nullptr || !env->is_main_thread() || !ev_is_active(w)) return;
  ev_ref(env->loop());
  ev_signal_stop(env->loop(), w);  // libev restores the default action itself
  // ... except that SIGPIPE stays ignored; SIGCHLD stays libev's (ev_child).
  if (signo == SIGPIPE) signal(SIGPIPE, SIG_IGN);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "start", Start);
  SetMethod(context, target, "stop", Stop);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Start);
  r->Register(Stop);
}

}  // namespace kiln::bindings::signals
