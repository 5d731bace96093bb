#include "runtime/environment.h"

#include <time.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>

#include "runtime/binding.h"
#include "runtime/errors.h"
#include "runtime/loop.h"

namespace kiln {

using v8::ArrayBuffer;
using v8::Context;
using v8::Function;
using v8::HandleScope;
using v8::Int32Array;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::MaybeLocal;
using v8::Message;
using v8::Object;
using v8::TryCatch;
using v8::Uint32Array;
using v8::Value;

static uint64_t MonotonicNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return uint64_t(ts.tv_sec) * 1000000000u + ts.tv_nsec;
}

// The shared typed arrays are created by js_lib; C++ keeps their buffers
// alive and reads them directly (no call into JS to ask "anything queued?").
template <typename T, typename A>
static T* TypedArrayData(Isolate* isolate, Local<Context> context, Local<Object> hooks,
                         const char* name, v8::Global<Value>* keep) {
  Local<Value> v;
  if (!hooks->Get(context, OneByteString(isolate, name)).ToLocal(&v) || !v->IsTypedArray())
    return nullptr;
  Local<v8::TypedArray> ta = v.As<v8::TypedArray>();
  keep->Reset(isolate, ta);
  auto store = ta->Buffer()->GetBackingStore();
  return reinterpret_cast<T*>(static_cast<char*>(store->Data()) + ta->ByteOffset());
}

Environment::Environment(Isolate* isolate, Local<Context> context, struct ev_loop* loop,
                         Local<Object> hooks)
    : isolate_(isolate), context_(isolate, context), loop_(loop),
      time_origin_ns_(MonotonicNs()), wall_origin_(ev_now(loop)) {
  isolate->SetData(kIsolateSlot, this);
#define V(name, js)                                                              \
  {                                                                              \
    Local<Value> fn;                                                             \
    if (hooks->Get(context, OneByteString(isolate, js)).ToLocal(&fn) &&          \
        fn->IsFunction())                                                        \
      name##_.Reset(isolate, fn.As<Function>());                                 \
  }
  KILN_HOOKS(V)
#undef V
  tick_info_ = TypedArrayData<int32_t, Int32Array>(isolate, context, hooks, "tickInfo",
                                                   &tick_info_ab_);
  immediate_info_ = TypedArrayData<uint32_t, Uint32Array>(isolate, context, hooks,
                                                          "immediateInfo", &immediate_info_ab_);
  async_hook_fields_ = TypedArrayData<uint32_t, Uint32Array>(isolate, context, hooks,
                                                            "asyncHookFields",
                                                            &async_hook_fields_ab_);
  abort_on_uncaught_toggle_ = TypedArrayData<int32_t, Int32Array>(
      isolate, context, hooks, "shouldAbortOnUncaughtToggle", &abort_on_uncaught_toggle_ab_);
}

Environment::~Environment() { isolate_->SetData(kIsolateSlot, nullptr); }

double Environment::LoopNowMs() const {
  // ev_now is wall-clock seconds, updated once per loop iteration.
  return static_cast<double>(static_cast<int64_t>((ev_now(loop_) - wall_origin_) * 1e3));
}

MaybeLocal<Value> Environment::MakeCallback(Local<Function> fn, Local<Value> recv, int argc,
                                            Local<Value>* argv) {
  if (stopping()) return {};
  NoteLoopActivity();
  v8::EscapableHandleScope scope(isolate_);
  AsyncFrameScope frame_scope(this, recv);
  Local<Value> result;
  {
    // After hooks run before the ticks, as in Node's InternalCallbackScope.
    AsyncHooksScope hooks_scope(this, recv);
    TryCatch try_catch(isolate_);
    try_catch.SetVerbose(false);
    if (!fn->Call(context(), recv, argc, argv).ToLocal(&result)) {
      if (try_catch.HasTerminated()) return {};
      TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
      return {};
    }
  }
  TickAfterCallback();
  return scope.Escape(result);
}

Local<v8::Private> Environment::AsyncFrameKey(Isolate* isolate) {
  return v8::Private::ForApi(isolate, OneByteString(isolate, "kiln:asyncFrame"));
}

AsyncFrameScope::AsyncFrameScope(Environment* env, Local<Value> recv) {
  if (!env->async_frames_used()) return;
  env_ = env;
  Isolate* isolate = env->isolate();
  Local<Context> ctx = env->context();
  prior_ = ctx->GetContinuationPreservedEmbedderData();
  Local<Value> frame;
  if (!recv->IsObject() ||
      !recv.As<Object>()->GetPrivate(ctx, Environment::AsyncFrameKey(isolate)).ToLocal(&frame))
    frame = v8::Undefined(isolate);
  ctx->SetContinuationPreservedEmbedderData(frame);
}

AsyncFrameScope::~AsyncFrameScope() {
  if (env_ != nullptr) env_->context()->SetContinuationPreservedEmbedderData(prior_);
}

bool Environment::EmitAsyncResourceEvent(AsyncResourceEvent event, Local<Value> resource) {
  Local<Function> fn = async_resource_event();
  if (fn.IsEmpty() || stopping()) return false;
  Local<Value> args[] = {Integer::New(isolate_, event), resource};
  // A throwing hook has already ended the process (fatalError).
  TryCatch try_catch(isolate_);
  return !fn->Call(context(), context()->Global(), 2, args).IsEmpty();
}

void AsyncHooksScope::Enter(Environment* env, Local<Value> recv) {
  if (!env->EmitAsyncResourceEvent(Environment::kAsyncBefore, recv)) return;
  env_ = env;
  recv_ = recv;
}

void AsyncHooksScope::Exit() {
  env_->EmitAsyncResourceEvent(Environment::kAsyncAfter, recv_);
}

void Environment::TickAfterCallback() {
  // As Node's InternalCallbackScope: with no nextTick queued and no rejection
  // to report, a microtask checkpoint is all that is needed.
  if (tick_info_ == nullptr || stopping()) return;
  if (tick_info_[0] == 0 && tick_info_[1] == 0) {
    TryCatch try_catch(isolate_);
    isolate_->PerformMicrotaskCheckpoint();
    if (try_catch.HasCaught() && !try_catch.HasTerminated())
      TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    if (tick_info_[0] == 0 && tick_info_[1] == 0) return;
  }
  Local<Function> tick = tick_callback();
  if (tick.IsEmpty()) return;
  TryCatch try_catch(isolate_);
  if (tick->Call(context(), context()->Global(), 0, nullptr).IsEmpty() &&
      !try_catch.HasTerminated()) {
    // The tick queue stops at the throwing callback; what remains runs after
    // the exception is reported (if a listener handles it).
    TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    TickAfterCallback();
  }
}

void Environment::CallThenTick(Local<Function> fn, Local<Value> recv, int argc,
                               Local<Value>* argv) {
  Local<Function> tick = tick_callback();
  if (tick_info_ == nullptr || stopping() || tick.IsEmpty() || argc > kMaxCallThenTickArgs) {
    {
      TryCatch try_catch(isolate_);
      if (fn->Call(context(), recv, argc, argv).IsEmpty() && try_catch.CanContinue())
        TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    }
    return TickAfterCallback();
  }
  Local<Value> args[2 + kMaxCallThenTickArgs] = {fn, recv};
  for (int i = 0; i < kMaxCallThenTickArgs; i++)
    args[2 + i] = i < argc ? argv[i] : Local<Value>(v8::Undefined(isolate_));
  TryCatch try_catch(isolate_);
  if (tick->Call(context(), context()->Global(), 2 + kMaxCallThenTickArgs, args).IsEmpty() &&
      !try_catch.HasTerminated()) {
    // From `fn` or a tick: what is still queued runs after the report.
    TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    TickAfterCallback();
  }
}

void Environment::TriggerUncaughtException(Local<Value> error, Local<Message> message,
                                           bool from_promise) {
  HandleScope scope(isolate_);
  Local<Function> handler = on_uncaught_exception();
  if (stopping()) return;
  if (handler.IsEmpty()) {  // before the bootstrap finished
    PrintCaughtException(isolate_, context(), error, message);
    return Exit(1);
  }
  Local<Value> args[] = {error, v8::Boolean::New(isolate_, from_promise),
                         GetErrorSource(isolate_, context(), message)};
  Local<Value> handled;
  TryCatch try_catch(isolate_);
  if (!handler->Call(context(), context()->Global(), 3, args).ToLocal(&handled)) {
    if (try_catch.HasTerminated()) return;
    // The 'uncaughtException' listener (or the reporter) threw: Node prints
    // that error as a fatal one (inspected, with the version footer) and
    // exits 7. Printed plainly if the printer throws too.
    Local<Value> exception = try_catch.Exception();
    Local<Message> thrown_message = try_catch.Message();
    Local<Function> print = print_fatal_exception();
    Local<Value> print_args[] = {exception, GetErrorSource(isolate_, context(), thrown_message)};
    TryCatch print_catch(isolate_);
    if (print.IsEmpty() || print->Call(context(), context()->Global(), 2, print_args).IsEmpty()) {
      if (print_catch.HasTerminated()) return;
      PrintCaughtException(isolate_, context(), exception, thrown_message);
    }
    return Exit(7);
  }
  if (handled->IsTrue()) return;
  // Not handled: the JS side printed the error; exit code is in
  // process.exitCode semantics: 1 unless a listener set something else.
  int code = 1;
  if (handled->IsInt32()) code = handled.As<v8::Int32>()->Value();
  Exit(code);
}

int Environment::EmitExit(int code) {
  if (exit_emitted_) return code;
  exit_emitted_ = true;
  exiting_ = true;
  HandleScope scope(isolate_);
  Local<Function> emit = emit_process_event();
  if (emit.IsEmpty()) return code;
  Local<Value> args[] = {OneByteString(isolate_, "exit"), Integer::New(isolate_, code)};
  TryCatch try_catch(isolate_);
  Local<Value> result;
  if (!emit->Call(context(), context()->Global(), 2, args).ToLocal(&result)) {
    if (try_catch.HasTerminated()) return code;
    // An 'exit' listener threw: reported as uncaught (exit code 1, as Node).
    // Returns only if a listener handled it; then, as Node, process.exitCode
    // decides (a second emit only reads it: 'exit' is emitted once).
    TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
    TryCatch again(isolate_);
    if (!emit->Call(context(), context()->Global(), 2, args).ToLocal(&result) ||
        !result->IsInt32())
      return 1;
  }
  // emitProcessEvent('exit') returns process.exitCode after the listeners ran.
  if (result->IsInt32()) return result.As<v8::Int32>()->Value();
  return code;
}

static void (*process_exit_hook)() = nullptr;

void Environment::SetProcessExitHook(void (*hook)()) { process_exit_hook = hook; }

void Environment::Exit(int code) {
  code = EmitExit(code);
  if (!is_main_thread()) return Stop(code);
  RunCleanupHooks();
  if (process_exit_hook != nullptr) process_exit_hook();
  fflush(stdout);
  fflush(stderr);
  _exit(code);
}

void Environment::Stop(int code) {
  if (stopping_) return;
  stopping_ = true;
  stop_code_ = code;
  isolate_->TerminateExecution();
  ev_break(loop_, EVBREAK_ALL);
}

void Environment::AddCleanupHook(CleanupHook fn, void* data) {
  if (cleanup_count_ < static_cast<int>(sizeof(cleanups_) / sizeof(cleanups_[0])))
    cleanups_[cleanup_count_++] = {fn, data};
}

void Environment::RunCleanupHooks() {
  // Most recent first: a hook may depend on state set up before it.
  while (cleanup_count_ > 0) {
    Cleanup c = cleanups_[--cleanup_count_];
    c.fn(c.data);
  }
}

}  // namespace kiln
