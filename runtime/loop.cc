#include "runtime/loop.h"

#include <libplatform/libplatform.h>
#include <time.h>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln {

namespace {
// The GC hint, after the original Node's gc_timer: once JS has run, an
// unref'd timer waits for the loop to go quiet; if no JS ran for a whole
// period, V8 gets a slice of idle time to collect garbage. Being unref'd, it
// never delays exit (and so never spends time on a GC at exit).
constexpr double kIdlePeriod = 0.5;    // seconds without JS before the hint
constexpr double kIdleBudget = 0.005;  // seconds of GC work per hint

struct GcHint {
  ev_prepare prepare;
  ev_timer timer;
  Environment* env;
  unsigned long activity = 0;   // callbacks into JS so far
  unsigned long armed_at = 0;   // activity when the timer was (re)armed
  unsigned long hinted_at = 0;  // activity at the last hint
  bool probing = false;         // LoopAlive() is asking: break at once
  v8::Platform* platform = nullptr;
};
thread_local GcHint g_gc;

// Event loop utilization: the poll's blocked time, measured by libev's
// release/acquire hooks around it (two clock reads per iteration).
struct LoopTiming {
  uint64_t start_ns = 0;
  uint64_t idle_ns = 0;
  uint64_t released_at = 0;
};
thread_local LoopTiming g_timing;

uint64_t MonotonicNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + ts.tv_nsec;
}

void OnLoopRelease(struct ev_loop*) noexcept { g_timing.released_at = MonotonicNs(); }
void OnLoopAcquire(struct ev_loop*) noexcept {
  g_timing.idle_ns += MonotonicNs() - g_timing.released_at;
}

void OnIdleTimer(struct ev_loop* loop, ev_timer* w, int) {
  if (g_gc.activity != g_gc.armed_at) {  // JS ran meanwhile: wait again
    g_gc.armed_at = g_gc.activity;
    ev_timer_again(loop, w);
    return;
  }
  ev_ref(loop);  // balance the unref at start
  ev_timer_stop(loop, w);
  g_gc.hinted_at = g_gc.activity;
  // The deadline is on the platform's clock: CLOCK_MONOTONIC, in seconds.
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  g_gc.env->isolate()->IdleNotificationDeadline(ts.tv_sec + ts.tv_nsec / 1e9 + kIdleBudget);
}

// V8's foreground tasks for this isolate; JS they run (FinalizationRegistry
// callbacks) is followed by the usual tick/microtask drain.
void RunPlatformTasks() {
  v8::Isolate* isolate = g_gc.env->isolate();
  bool ran = false;
  while (v8::platform::PumpMessageLoop(g_gc.platform, isolate,
                                       v8::platform::MessageLoopBehavior::kDoNotWait)) {
    ran = true;
  }
  if (ran) {
    v8::HandleScope scope(isolate);
    g_gc.env->TickAfterCallback();
  }
}

void OnPrepare(struct ev_loop* loop, ev_prepare*, int) {
  if (g_gc.probing) return ev_break(loop, EVBREAK_ONE);
  RunPlatformTasks();
  if (g_gc.activity == g_gc.hinted_at || ev_is_active(&g_gc.timer)) return;
  g_gc.armed_at = g_gc.activity;
  ev_timer_set(&g_gc.timer, kIdlePeriod, kIdlePeriod);
  ev_timer_start(loop, &g_gc.timer);
  ev_unref(loop);
}
}  // namespace

void NoteLoopActivity() { g_gc.activity++; }
uint64_t LoopStartNs() { return g_timing.start_ns; }
uint64_t LoopIdleNs() { return g_timing.idle_ns; }

static v8::Platform* g_platform = nullptr;
v8::Platform* ProcessPlatform() { return g_platform; }

static IsolateSetup g_isolate_setup{{nullptr, 0}, nullptr};
void SetIsolateSetup(const IsolateSetup& setup) { g_isolate_setup = setup; }
const IsolateSetup& GetIsolateSetup() { return g_isolate_setup; }

void StartLoopWatchers(Environment* env, v8::Platform* platform) {
  struct ev_loop* loop = env->loop();
  if (g_platform == nullptr) g_platform = platform;  // the main thread's, first
  g_gc.env = env;
  g_gc.platform = platform;
  ev_prepare_init(&g_gc.prepare, OnPrepare);
  ev_init(&g_gc.timer, OnIdleTimer);
  ev_set_priority(&g_gc.prepare, EV_MAXPRI);  // first, so the probe breaks before others
  ev_prepare_start(loop, &g_gc.prepare);
  ev_unref(loop);
  ev_set_loop_release_cb(loop, OnLoopRelease, OnLoopAcquire);
}

// libev has no uv_loop_alive(); ev_run() returns the count of ref'd active
// watchers, but always runs one iteration first (so an unref'd immediate or
// timer would fire where Node exits). The probe enters the loop and breaks
// out in the first prepare callback, before any poll or other watcher.
static bool LoopAlive(struct ev_loop* loop) {
  g_gc.probing = true;
  int alive = ev_run(loop, EVRUN_ONCE);
  g_gc.probing = false;
  return alive != 0;
}

void SpinEventLoop(Environment* env) {
  struct ev_loop* loop = env->loop();
  v8::Isolate* isolate = env->isolate();
  if (g_timing.start_ns == 0) g_timing.start_ns = MonotonicNs();
  for (;;) {
    // ev_run returns when no ref'd watcher is active.
    if (LoopAlive(loop)) ev_run(loop, 0);
    if (env->stopping()) return;  // a worker's process.exit() or terminate()
    // As Node's DrainTasks: what V8 queued for this thread (a
    // FinalizationRegistry's cleanup after the last GC, ...) runs before the
    // process decides it is done, and may start more work.
    RunPlatformTasks();
    if (env->stopping()) return;
    if (LoopAlive(loop)) continue;
    v8::HandleScope scope(isolate);
    v8::Local<v8::Function> emit = env->emit_process_event();
    if (emit.IsEmpty()) return;
    v8::Local<v8::Value> args[] = {OneByteString(isolate, "beforeExit")};
    env->MakeCallback(emit, env->context()->Global(), 1, args);
    // A 'beforeExit' listener may have started timers or I/O.
    if (env->stopping() || !LoopAlive(loop)) return;
  }
}

}  // namespace kiln
