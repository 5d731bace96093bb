// Environment: the per-run state of one Kiln instance (one isolate, one
// context, one libev loop). Created after the snapshot is deserialized, so
// nothing here is ever baked into the blob. Bindings reach it through
// Environment::Get(isolate).
#ifndef KILN_RUNTIME_ENVIRONMENT_H_
#define KILN_RUNTIME_ENVIRONMENT_H_

#include <ev.h>
#include <v8.h>
#include <atomic>
#include <cstdint>

#include "runtime/active_resources.h"

namespace kiln {

// The JS entry points C++ calls, read from the `hooks` object that the
// bootstrap fills (js_lib/README.md lists their contracts).
#define KILN_HOOKS(V)                         \
  V(emit_signal, "emitSignal")               \
  V(on_uncaught_exception, "onUncaughtException") \
  V(print_fatal_exception, "printFatalException") \
  V(process_immediate, "processImmediate")   \
  V(process_timers, "processTimers")         \
  V(promise_reject_handler, "promiseRejectHandler") \
  V(tick_callback, "tickCallback")           \
  V(emit_process_event, "emitProcessEvent") \
  V(async_resource_event, "asyncResourceEvent") \
  V(import_module_dynamically, "importModuleDynamically") \
  V(initialize_import_meta, "initializeImportMeta")

class Environment {
 public:
  Environment(v8::Isolate* isolate, v8::Local<v8::Context> context,
              struct ev_loop* loop, v8::Local<v8::Object> hooks);
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  // The instance of this isolate; null inside the snapshot builder before run.
  static Environment* Get(v8::Isolate* isolate) {
    return static_cast<Environment*>(isolate->GetData(kIsolateSlot));
  }

  v8::Isolate* isolate() const { return isolate_; }
  v8::Local<v8::Context> context() const { return context_.Get(isolate_); }
  struct ev_loop* loop() const { return loop_; }

#define V(name, js) \
  v8::Local<v8::Function> name() const { return name##_.Get(isolate_); }
  KILN_HOOKS(V)
#undef V

  // Calls `fn` as a top-level callback from the loop: afterwards it drains the
  // nextTick queue and microtasks (as Node's InternalCallbackScope does). An
  // exception is passed to TriggerUncaughtException; the result is then empty.
  v8::MaybeLocal<v8::Value> MakeCallback(v8::Local<v8::Function> fn,
                                         v8::Local<v8::Value> recv, int argc,
                                         v8::Local<v8::Value>* argv);
  // Drains nextTick + microtasks (+ rejection processing) if anything is queued.
  void TickAfterCallback();
  // `fn` (recv, at most kMaxCallThenTickArgs arguments) then
  // TickAfterCallback(), in one call into JS (the tick callback calls `fn`
  // first): what a native callback does last. Exceptions are reported.
  static constexpr int kMaxCallThenTickArgs = 9;
  void CallThenTick(v8::Local<v8::Function> fn, v8::Local<v8::Value> recv, int argc,
                    v8::Local<v8::Value>* argv);

  // Reports an exception that no JS caught: 'uncaughtException' listeners
  // first; otherwise prints it (source line, caret, stack) and exits with 1
  // after emitting 'exit'. Returns only if a listener handled it.
  void TriggerUncaughtException(v8::Local<v8::Value> error,
                                v8::Local<v8::Message> message, bool from_promise);

  // Emits process 'exit' once and returns the final exit code.
  int EmitExit(int code);
  // Runs 'exit' listeners, flushes stdio and ends the process with `code`.
  // In a worker it ends only the worker: JS is terminated, the loop stops
  // (Stop) and `code` becomes the worker's exit code; then it returns.
  void Exit(int code);

  // Worker threads (bindings/worker.cc). The main thread's environment has
  // no worker; a worker's has the opaque record its thread runs from.
  bool is_main_thread() const { return worker_ == nullptr; }
  void* worker() const { return worker_; }
  void set_worker(void* w) { worker_ = w; }
  // Ends this worker's run with `code`: terminates JS, breaks the loop.
  // Thread-safe only through RequestStop.
  void Stop(int code);
  // Any thread: asks the worker to stop (worker.terminate()); the worker
  // thread itself calls Stop when it sees the request.
  void RequestStop() { stop_requested_ = true; isolate_->TerminateExecution(); }
  // Whether the worker is stopping: no more callbacks into JS.
  bool stopping() const { return stopping_ || stop_requested_; }
  // The exit code a stopping worker reports (terminate(): 1, as Node).
  int stop_code() const { return stopping_ ? stop_code_ : 1; }

  // ms since the loop started, as Node's getLibuvNow() (integer ms).
  double LoopNowMs() const;
  // Loop time origin for process.hrtime / performance.now (ns, CLOCK_MONOTONIC).
  uint64_t time_origin_ns() const { return time_origin_ns_; }

  // Functions registered here run just before the process exits, in order
  // (e.g. flushing queued writes to stdout pipes).
  using CleanupHook = void (*)(void* data);
  void AddCleanupHook(CleanupHook fn, void* data);
  void RunCleanupHooks();
  // One function for the whole process, run by the main thread's Exit after
  // the cleanup hooks (snapshot/trainer writes its code caches there).
  static void SetProcessExitHook(void (*hook)());

  bool exiting() const { return exiting_; }
  // Set once an AsyncLocalStorage made a frame current
  // (bindings/async_context.cc); until then MakeCallback never switches frames.
  bool async_frames_used() const { return async_frames_used_; }
  void set_async_frames_used() { async_frames_used_ = true; }
  // The private key under which an object carries the frame its loop
  // callbacks run in.
  static v8::Local<v8::Private> AsyncFrameKey(v8::Isolate* isolate);
  // Live handles and pending requests (runtime/active_resources.h).
  ActiveList& handles() { return handles_; }
  ActiveList& requests() { return requests_; }
  int32_t* tick_info() const { return tick_info_; }
  // While async hooks track: `resource` (a handle) is done; its destroy
  // hooks will run.
  void EmitAsyncDestroy(v8::Local<v8::Object> resource) {
    if (async_hooks_tracking()) EmitAsyncResourceEvent(kAsyncDestroy, resource);
  }
  // hooks.asyncResourceEvent(event, resource) (js_lib/internal/async_hooks.js);
  // false if it threw.
  enum AsyncResourceEvent { kAsyncBefore = 0, kAsyncAfter = 1, kAsyncDestroy = 2 };
  bool EmitAsyncResourceEvent(AsyncResourceEvent event, v8::Local<v8::Value> resource);
  // Whether async hooks track execution contexts (js_lib/internal/async_hooks.js,
  // hooks.asyncHookFields[kTracking]): then loop callbacks enter their scope.
  bool async_hooks_tracking() const {
    return async_hook_fields_ != nullptr && async_hook_fields_[kAsyncHooksTracking] != 0;
  }
  uint32_t* immediate_info() const { return immediate_info_; }
  // Under --abort-on-uncaught-exception, V8 asks this before aborting: false
  // while a capture callback (process.setUncaughtExceptionCaptureCallback)
  // takes uncaught exceptions, or inside a no-abort scope (vm compiles).
  bool ShouldAbortOnUncaughtException() const {
    return no_abort_depth_ == 0 &&
           (abort_on_uncaught_toggle_ == nullptr || abort_on_uncaught_toggle_[0] != 0);
  }
  void EnterNoAbortScope() { no_abort_depth_++; }
  void ExitNoAbortScope() { no_abort_depth_--; }

  static constexpr int kIsolateSlot = 0;

 private:
  v8::Isolate* isolate_;
  v8::Global<v8::Context> context_;
  struct ev_loop* loop_;
#define V(name, js) v8::Global<v8::Function> name##_;
  KILN_HOOKS(V)
#undef V
  int32_t* tick_info_ = nullptr;       // [kHasTickScheduled, kHasRejectionToWarn]
  uint32_t* immediate_info_ = nullptr; // [kCount, kRefCount, kHasOutstanding]
  static constexpr int kAsyncHooksTracking = 6;
  uint32_t* async_hook_fields_ = nullptr;  // hooks.asyncHookFields, set by JS
  int32_t* abort_on_uncaught_toggle_ = nullptr;  // [shouldAbort], set by JS
  int no_abort_depth_ = 0;                        // open no-abort scopes
  v8::Global<v8::Value> tick_info_ab_, immediate_info_ab_, abort_on_uncaught_toggle_ab_,
      async_hook_fields_ab_;  // keep alive
  uint64_t time_origin_ns_;
  double wall_origin_;  // ev_now() when the environment was made
  bool exiting_ = false;
  bool async_frames_used_ = false;
  bool exit_emitted_ = false;
  void* worker_ = nullptr;
  bool stopping_ = false;
  std::atomic<bool> stop_requested_{false};
  int stop_code_ = 0;
  struct Cleanup { CleanupHook fn; void* data; };
  Cleanup cleanups_[32];
  int cleanup_count_ = 0;
  ActiveList handles_, requests_;
};

// Once AsyncLocalStorage is in use, a callback from the loop runs in the
// frame stamped on its receiver (a handle, a request; see
// bindings/async_context.cc), else in the empty frame; the caller's frame is
// current again when the scope ends. A no-op before that.
class AsyncFrameScope {
 public:
  AsyncFrameScope(Environment* env, v8::Local<v8::Value> recv);
  ~AsyncFrameScope();
  AsyncFrameScope(const AsyncFrameScope&) = delete;
  AsyncFrameScope& operator=(const AsyncFrameScope&) = delete;

 private:
  Environment* env_ = nullptr;
  v8::Local<v8::Value> prior_;
};

// While async hooks track (Environment::async_hooks_tracking), a callback
// from the loop on `recv` (a request, a handle) runs in recv's execution
// context: its before hooks run now, its after hooks when the scope ends
// (hooks.asyncResourceEvent). A no-op otherwise.
class AsyncHooksScope {
 public:
  AsyncHooksScope(Environment* env, v8::Local<v8::Value> recv) {
    if (env->async_hooks_tracking() && recv->IsObject()) Enter(env, recv);
  }
  ~AsyncHooksScope() {
    if (env_ != nullptr) Exit();
  }
  AsyncHooksScope(const AsyncHooksScope&) = delete;
  AsyncHooksScope& operator=(const AsyncHooksScope&) = delete;

 private:
  void Enter(Environment* env, v8::Local<v8::Value> recv);
  void Exit();
  Environment* env_ = nullptr;
  v8::Local<v8::Value> recv_;
};

}  // namespace kiln

#endif  // KILN_RUNTIME_ENVIRONMENT_H_
