// process.binding('timers'): the loop side of js_lib/internal/timers.js.
//
// Three libev watchers, made at first use at run time (never in the
// snapshot), one set per process:
//   timer  armed for the earliest JS timer; on expiry calls
//          hooks.processTimers(now) and re-arms from its result. Priority
//          EV_MAXPRI, so within one loop iteration timers run before I/O.
//   check  runs hooks.processImmediate() when immediates are queued. Always
//          active and unref'd; priority EV_MINPRI: after I/O callbacks.
//   idle   active while ref'd immediates are queued: keeps the loop alive
//          and the poll from blocking, so the check phase comes right away.
//
// Ref state follows libuv's uv_ref/uv_unref on the timer: JS sets it with
// toggleTimerRef, and processTimers' result sets it after each run (negative:
// only unref'd timers left). libev counts refs per active watcher, so an
// unref'd timer is ev_unref'd after it starts and ev_ref'd before it stops.
#include <cmath>

#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/loop.h"

namespace kiln::bindings::timers {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Number;
using v8::Object;
using v8::TryCatch;
using v8::Value;

namespace {

// Indexes of hooks.immediateInfo (js_lib/internal/timers.js).
constexpr int kCount = 0;
constexpr int kRefCount = 1;
constexpr int kHasOutstanding = 2;

struct TimerState {
  Environment* env;
  ev_timer timer;             // repeat-mode: never stopped by libev itself
  ev_check check;
  ev_idle idle;
  bool timer_ref = false;     // rw: whether JS wants the timer to hold the loop
  bool timer_unrefd = false;  // private: ev_unref applied for the active timer
};

thread_local TimerState* g_state = nullptr;

void OnTimer(struct ev_loop* loop, ev_timer* w, int);
void OnCheck(struct ev_loop* loop, ev_check* w, int);
void OnIdle(struct ev_loop*, ev_idle*, int) {}

// The state of the running Environment; null inside the snapshot builder.
TimerState* GetTimerState(Isolate* isolate) {
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) return nullptr;
  if (g_state != nullptr && g_state->env == env) return g_state;
  TimerState* s = new TimerState();  // lives as long as the process
  s->env = env;
  ev_init(&s->timer, OnTimer);
  ev_set_priority(&s->timer, EV_MAXPRI);
  s->timer.data = s;
  ev_check_init(&s->check, OnCheck);
  ev_set_priority(&s->check, EV_MINPRI);
  s->check.data = s;
  ev_idle_init(&s->idle, OnIdle);
  s->idle.data = s;
  ev_check_start(env->loop(), &s->check);
  ev_unref(env->loop());
  g_state = s;
  return s;
}

// Makes the loop's ref count match "timer active and ref'd".
void SyncTimerRef(TimerState* s) {
  struct ev_loop* loop = s->env->loop();
  bool want_unref = ev_is_active(&s->timer) && !s->timer_ref;
  if (want_unref && !s->timer_unrefd) {
    ev_unref(loop);
    s->timer_unrefd = true;
  } else if (!want_unref && s->timer_unrefd) {
    ev_ref(loop);
    s->timer_unrefd = false;
  }
}

void ArmTimer(TimerState* s, double ms) {
  s->timer.repeat = ms / 1e3;
  // Starts it, or moves a running one to now + repeat.
  ev_timer_again(s->env->loop(), &s->timer);
  SyncTimerRef(s);
}

void StopTimer(TimerState* s) {
  if (s->timer_unrefd) {  // balance our unref before libev's stop unrefs
    ev_ref(s->env->loop());
    s->timer_unrefd = false;
  }
  ev_timer_stop(s->env->loop(), &s->timer);
}

void OnTimer(struct ev_loop*, ev_timer* w, int) {
  TimerState* s = static_cast<TimerState*>(w->data);
  Environment* env = s->env;
  Isolate* isolate = env->isolate();
  HandleScope scope(isolate);
  Context::Scope context_scope(env->context());
  Local<Function> process_timers = env->process_timers();
  if (process_timers.IsEmpty()) return StopTimer(s);
  if (env->stopping()) return;  // a worker being stopped runs no more JS
  Local<Value> now = Number::New(isolate, env->LoopNowMs());
  Local<Value> result;
  // Not MakeCallback: as in Node's RunTimers, the nextTick queue and
  // microtasks drain only after the timer is re-armed below, since they may
  // schedule timers themselves. A throwing timer is reported (and, if a
  // listener handled it, the process goes on); then the timers still due run,
  // with the same `now`.
  for (;;) {
    NoteLoopActivity();
    TryCatch try_catch(isolate);
    if (process_timers->Call(env->context(), env->context()->Global(), 1, &now)
            .ToLocal(&result)) {
      break;
    }
    if (try_catch.HasTerminated() || isolate->IsExecutionTerminating()) return;
    env->TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    if (env->stopping()) return;
  }
  double expiry = result->IsNumber() ? result.As<Number>()->Value() : 0;
  if (expiry == 0) {
    s->timer_ref = false;
    StopTimer(s);
  } else {
    double duration = std::fabs(expiry) - env->LoopNowMs();
    s->timer_ref = expiry > 0;
    ArmTimer(s, duration > 0 ? duration : 1);
  }
  env->TickAfterCallback();
}

void ToggleImmediateRef(TimerState* s, bool ref) {
  if (ref) {
    if (!ev_is_active(&s->idle)) ev_idle_start(s->env->loop(), &s->idle);
  } else {
    if (ev_is_active(&s->idle)) ev_idle_stop(s->env->loop(), &s->idle);
  }
}

void OnCheck(struct ev_loop*, ev_check* w, int) {
  TimerState* s = static_cast<TimerState*>(w->data);
  Environment* env = s->env;
  uint32_t* info = env->immediate_info();
  if (info == nullptr || info[kCount] == 0) return;
  Isolate* isolate = env->isolate();
  HandleScope scope(isolate);
  Context::Scope context_scope(env->context());
  Local<Function> process_immediate = env->process_immediate();
  if (process_immediate.IsEmpty()) return;
  // After an exception that a listener handled, the rest of this turn's
  // immediates (kHasOutstanding) still run now.
  do {
    MaybeLocal<Value> ret =
        env->MakeCallback(process_immediate, env->context()->Global(), 0, nullptr);
    // A stopping worker runs no more JS (and the termination may be over).
    if (ret.IsEmpty() && (isolate->IsExecutionTerminating() || env->stopping())) return;
  } while (info[kHasOutstanding] != 0);
  if (info[kRefCount] == 0) ToggleImmediateRef(s, false);
}

}  // namespace

// scheduleTimer(ms): (re)arms the loop timer to fire in `ms` milliseconds.
static void ScheduleTimer(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "of type number");
  TimerState* s = GetTimerState(args.GetIsolate());
  if (s == nullptr) return;
  double ms = args[0].As<Number>()->Value();
  ArmTimer(s, ms >= 1 ? ms : 1);
}

// toggleTimerRef(ref): whether a pending loop timer keeps the process alive.
static void ToggleTimerRef(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsBoolean, "of type boolean");
  TimerState* s = GetTimerState(args.GetIsolate());
  if (s == nullptr) return;
  s->timer_ref = args[0]->IsTrue();
  SyncTimerRef(s);
}

// toggleImmediateRef(ref): true while ref'd immediates are queued.
static void ToggleImmediateRefJS(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsBoolean, "of type boolean");
  TimerState* s = GetTimerState(args.GetIsolate());
  if (s == nullptr) return;
  ToggleImmediateRef(s, args[0]->IsTrue());
}

// getLibevNow() -> integer ms of the loop clock, brought up to date first
// (as Node's getLibuvNow, which calls uv_update_time).
static void GetLibevNow(const FunctionCallbackInfo<Value>& args) {
  Environment* env = Environment::Get(args.GetIsolate());
  if (env == nullptr) return args.GetReturnValue().Set(0);
  ev_now_update(env->loop());
  args.GetReturnValue().Set(env->LoopNowMs());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "scheduleTimer", ScheduleTimer);
  SetMethod(context, target, "toggleTimerRef", ToggleTimerRef);
  SetMethod(context, target, "toggleImmediateRef", ToggleImmediateRefJS);
  SetMethod(context, target, "getLibevNow", GetLibevNow);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(ScheduleTimer);
  r->Register(ToggleTimerRef);
  r->Register(ToggleImmediateRefJS);
  r->Register(GetLibevNow);
}

}  // namespace kiln::bindings::timers
