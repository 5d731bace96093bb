// process.binding('worker'): worker_threads' Worker (js_lib/worker_threads.js,
// js_lib/internal/worker/worker.js). Each worker is an OS thread with its own
// isolate (from the same embedded snapshot), libev loop (ev_loop_new) and
// Environment, started as runtime/start.cc starts the main one. Parent and
// worker talk only through port ends (bindings/messaging.cc): the parent
// made the pair and queued the load message before the thread starts.
//
// Lifetime: the parent's record (WorkerThread) has an ev_async on the parent
// loop, ref'd unless worker.unref(), which the worker sends when its thread
// is done; the parent then joins it and calls onExit(code). terminate() is
// Isolate::TerminateExecution plus a wake-up of the worker's loop. A worker
// that ends first stops and joins its own workers.
#include <libplatform/libplatform.h>
#include <limits.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/binding.h"
#include "runtime/bootstrap.h"
#include "runtime/environment.h"
#include "runtime/errors.h"
#include "runtime/loop.h"
#include "runtime/per_run.h"
#include "runtime/worker_pool.h"

namespace kiln::bindings::messaging {
void ReleaseThreadPorts();
}
namespace kiln::bindings::process_wrap {
void InitChildReaper(struct ev_loop* default_loop);
}

namespace kiln::bindings::worker {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {

std::atomic<int> g_next_thread_id{1};

struct WorkerThread {
  int thread_id;
  double internal_port;   // the worker's end of the control channel
  double limits[4];       // maxYoung, maxOld, codeRange, stack (MB; <=0: default)
  // Parent side: touched by the parent thread only.
  Environment* parent_env;
  v8::Global<Function> on_exit;
  ev_async exited_async;  // on the parent loop
  bool refed = true;
  std::thread thread;
  // Shared: guarded by mu.
  std::mutex mu;
  Environment* env = nullptr;  // the worker's, while it runs
  ev_async stop_async;         // on the worker loop, while it runs
  bool stop_requested = false;
  bool parent_gone = false;    // the parent is tearing down: no exited_async
  int exit_code = 0;
  bool out_of_memory = false;  // ended at its heap limit (worker thread only)
  bool init_failed = false;    // no file descriptors for its loop (EMFILE)
};

// The workers this thread started and has not joined yet.
thread_local std::map<int, WorkerThread*>* g_children = nullptr;
// This thread's record when it is a worker.
thread_local WorkerThread* g_self = nullptr;

std::string ExecPath() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  return n > 0 ? std::string(buf, n) : std::string("kiln");
}

// Worker loop: terminate() asked us to stop.
void OnStopAsync(struct ev_loop*, ev_async* w, int) {
  auto* self = static_cast<WorkerThread*>(w->data);
  Environment* env;
  {
    std::lock_guard<std::mutex> lock(self->mu);
    env = self->env;
  }
  if (env != nullptr) env->Stop(1);
}

void StopAndJoinChildren();
void RequestStop(WorkerThread* w);

// The worker's heap reached its limit (resourceLimits or the machine's):
// end this worker, not the process, as Node does. V8 gets some headroom to
// unwind to the termination.
size_t OnNearHeapLimit(void* data, size_t current_limit, size_t) {
  auto* w = static_cast<WorkerThread*>(data);
  w->out_of_memory = true;
  RequestStop(w);
  Isolate::GetCurrent()->TerminateExecution();
  return current_limit + 16 * 1024 * 1024;
}

int RunWorker(WorkerThread* w, struct ev_loop* loop, Isolate* isolate) {
  const IsolateSetup& setup = GetIsolateSetup();
  HandleScope handle_scope(isolate);
  Local<Context> context;
  Local<Object> hooks;
  if (setup.blob.data == nullptr) {
    context = Context::New(isolate);
    Context::Scope scope(context);
    v8::TryCatch try_catch(isolate);
    if (!RunBootstrap(context).ToLocal(&hooks)) return 1;
  } else {
    context = Context::FromSnapshot(isolate, kMainContextSnapshotIndex).ToLocalChecked();
    Context::Scope scope(context);
    hooks = context->GetDataFromSnapshotOnce<Object>(kHooksSnapshotIndex).ToLocalChecked();
  }
  Context::Scope context_scope(context);
  Environment env(isolate, context, loop, hooks);
  env.set_worker(w);
  StartLoopWatchers(&env, ProcessPlatform());
  {
    std::lock_guard<std::mutex> lock(w->mu);
    w->env = &env;
    ev_async_init(&w->stop_async, OnStopAsync);
    w->stop_async.data = w;
    ev_async_start(loop, &w->stop_async);
    ev_unref(loop);
    if (w->stop_requested) env.RequestStop();
  }
  int code = 0;
  Local<Value> run_main;
  if (hooks->Get(context, OneByteString(isolate, "runMain")).ToLocal(&run_main) &&
      run_main->IsFunction()) {
    Local<Object> info = Object::New(isolate);
    std::string exec_path = ExecPath();
    auto str = [&](const std::string& s) {
      return v8::String::NewFromUtf8(isolate, s.c_str()).ToLocalChecked();
    };
    SetValue(context, info, "mode", OneByteString(isolate, "worker"));
    SetValue(context, info, "argv", v8::Array::New(isolate));
    SetValue(context, info, "execArgv", v8::Array::New(isolate));
    SetValue(context, info, "execPath", str(exec_path));
    SetValue(context, info, "argv0", str(exec_path));
    SetValue(context, info, "pid", v8::Integer::New(isolate, getpid()));
    SetValue(context, info, "env", CreateEnvObject(context));
    SetValue(context, info, "source", str(""));
    SetValue(context, info, "interactive", v8::False(isolate));
    SetValue(context, info, "threadId", v8::Integer::New(isolate, w->thread_id));
    SetValue(context, info, "internalPort", v8::Number::New(isolate, w->internal_port));
    Local<Value> arg = info;
    env.MakeCallback(run_main.As<Function>(), context->Global(), 1, &arg);
    if (!env.stopping()) SpinEventLoop(&env);
    if (!env.stopping()) {
      code = env.EmitExit(0);
    } else {
      code = env.stop_code();
    }
  } else {
    code = 1;
  }
  {
    std::lock_guard<std::mutex> lock(w->mu);
    w->env = nullptr;
    ev_ref(loop);
    ev_async_stop(loop, &w->stop_async);
  }
  isolate->CancelTerminateExecution();
  env.RunCleanupHooks();
  StopAndJoinChildren();
  messaging::ReleaseThreadPorts();
  return code;
}

// A loop with its wake-up pipe made: libev aborts the process when it
// cannot create that pipe later (ev_async_start), so it is made here, where
// running out of file descriptors can still fail just this worker. One
// thread at a time, so the probe's descriptor is the one libev then gets.
struct ev_loop* NewWorkerLoop() {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  struct ev_loop* loop = ev_loop_new(EVFLAG_AUTO | EVFLAG_NOENV | EVFLAG_NOSIGMASK);
  if (loop == nullptr) return nullptr;
  int probe = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (probe < 0) {
    ev_loop_destroy(loop);
    return nullptr;
  }
  close(probe);
  ev_async wake;
  ev_async_init(&wake, [](struct ev_loop*, ev_async*, int) {});
  ev_async_start(loop, &wake);  // creates the pipe, kept for the loop's life
  ev_async_stop(loop, &wake);
  return loop;
}

void ThreadMain(WorkerThread* w) {
  g_self = w;
  const IsolateSetup& setup = GetIsolateSetup();
  struct ev_loop* loop = NewWorkerLoop();
  if (loop == nullptr) {
    std::lock_guard<std::mutex> lock(w->mu);
    w->init_failed = true;
    w->exit_code = 1;
    if (!w->parent_gone) ev_async_send(w->parent_env->loop(), &w->exited_async);
    return;
  }
  Isolate::CreateParams params;
  params.array_buffer_allocator_shared.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
  long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
  if (pages > 0 && page_size > 0) {
    params.constraints.ConfigureDefaults(static_cast<uint64_t>(pages) * page_size, 0);
  }
  constexpr size_t kMB = 1024 * 1024;
  if (w->limits[0] > 0) params.constraints.set_max_young_generation_size_in_bytes(w->limits[0] * kMB);
  if (w->limits[1] > 0) params.constraints.set_max_old_generation_size_in_bytes(w->limits[1] * kMB);
  if (w->limits[2] > 0) params.constraints.set_code_range_size_in_bytes(w->limits[2] * kMB);
  if (setup.blob.data != nullptr) {
    params.snapshot_blob = const_cast<v8::StartupData*>(&setup.blob);
    params.external_references = AllExternalReferences();
  }
  Isolate* isolate = Isolate::New(params);
  // The thread's stack is 8 MB (or the stackSizeMb limit): V8 may use most.
  double stack_mb = w->limits[3] > 0 ? w->limits[3] : 4;
  char here;
  isolate->SetStackLimit(reinterpret_cast<uintptr_t>(&here) -
                         static_cast<uintptr_t>(stack_mb * kMB * 0.9));
  setup.configure(isolate);
  isolate->AddNearHeapLimitCallback(OnNearHeapLimit, w);
  int code;
  {
    Isolate::Scope isolate_scope(isolate);
    code = RunWorker(w, loop, isolate);
  }
  WorkerPool::DisposeForLoop(loop);
  isolate->Dispose();
  v8::platform::NotifyIsolateShutdown(ProcessPlatform(), isolate);
  ev_loop_destroy(loop);
  std::lock_guard<std::mutex> lock(w->mu);
  w->exit_code = code;
  if (!w->parent_gone) ev_async_send(w->parent_env->loop(), &w->exited_async);
}

// Parent loop: the worker's thread is done.
void OnExitedAsync(struct ev_loop* loop, ev_async* a, int) {
  auto* w = static_cast<WorkerThread*>(a->data);
  w->thread.join();
  if (!w->refed) ev_ref(loop);
  ev_async_stop(loop, a);
  g_children->erase(w->thread_id);
  Environment* env = w->parent_env;
  Isolate* isolate = env->isolate();
  HandleScope scope(isolate);
  Local<Function> fn = w->on_exit.Get(isolate);
  Local<Value> args[] = {v8::Integer::New(isolate, w->exit_code),
                         v8::Boolean::New(isolate, w->out_of_memory),
                         v8::Boolean::New(isolate, w->init_failed)};
  delete w;
  env->MakeCallback(fn, env->context()->Global(), 3, args);
}

void RequestStop(WorkerThread* w) {
  std::lock_guard<std::mutex> lock(w->mu);
  w->stop_requested = true;
  if (w->env != nullptr) {
    w->env->RequestStop();
    ev_async_send(w->env->loop(), &w->stop_async);
  }
}

// A worker that ends takes its own workers down first (they would wake a
// loop that is about to go away).
void StopAndJoinChildren() {
  if (g_children == nullptr) return;
  for (auto& [id, w] : *g_children) {
    {
      std::lock_guard<std::mutex> lock(w->mu);
      w->parent_gone = true;
    }
    RequestStop(w);
    w->thread.join();
  }
  g_children->clear();  // the records leak with the parent's loop
}

WorkerThread* Find(const FunctionCallbackInfo<Value>& args) {
  if (g_children == nullptr || !args[0]->IsInt32()) return nullptr;
  auto it = g_children->find(args[0].As<v8::Int32>()->Value());
  return it == g_children->end() ? nullptr : it->second;
}

}  // namespace

// start(internalPort, limits: number[4], onExit(code)) -> threadId. The
// port end was made with messaging.createPair() and holds the load message.
static void Start(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsNumber, "a number");
  CHECK_ARG(args, 1, IsArray, "an Array");
  CHECK_ARG(args, 2, IsFunction, "a function");
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  Environment* env = Environment::Get(isolate);
  if (env == nullptr || ProcessPlatform() == nullptr) {
    return ThrowTypeError(isolate, "ERR_WORKER_INIT_FAILED", "no running loop");
  }
  // Children of workers are reaped through the main thread's loop.
  if (env->is_main_thread()) process_wrap::InitChildReaper(env->loop());
  auto* w = new WorkerThread();
  w->thread_id = g_next_thread_id++;
  w->internal_port = args[0].As<v8::Number>()->Value();
  Local<v8::Array> limits = args[1].As<v8::Array>();
  for (uint32_t i = 0; i < 4; i++) {
    Local<Value> v;
    w->limits[i] = i < limits->Length() && limits->Get(context, i).ToLocal(&v) && v->IsNumber()
                       ? v.As<v8::Number>()->Value()
                       : -1;
  }
  w->parent_env = env;
  w->on_exit.Reset(isolate, args[2].As<Function>());
  ev_async_init(&w->exited_async, OnExitedAsync);
  w->exited_async.data = w;
  ev_async_start(env->loop(), &w->exited_async);  // ref'd: a running worker keeps us alive
  if (g_children == nullptr) g_children = new std::map<int, WorkerThread*>;
  (*g_children)[w->thread_id] = w;
  // No signal handler runs on a worker thread; 8 MB of stack is glibc's
  // default for std::thread.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  w->thread = std::thread(ThreadMain, w);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  args.GetReturnValue().Set(w->thread_id);
}

// terminate(threadId): stops the worker; its onExit follows.
static void Terminate(const FunctionCallbackInfo<Value>& args) {
  if (WorkerThread* w = Find(args)) RequestStop(w);
}

// setRef(threadId, bool): whether the running worker keeps this loop alive.
static void SetRef(const FunctionCallbackInfo<Value>& args) {
  WorkerThread* w = Find(args);
  bool ref = args[1]->BooleanValue(args.GetIsolate());
  if (w == nullptr || ref == w->refed) return;
  w->refed = ref;
  if (ref) ev_ref(w->parent_env->loop());
  else ev_unref(w->parent_env->loop());
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "start", Start);
  SetMethod(context, target, "terminate", Terminate);
  SetMethod(context, target, "setRef", SetRef);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Start);
  r->Register(Terminate);
  r->Register(SetRef);
}

}  // namespace kiln::bindings::worker
