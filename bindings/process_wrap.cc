// process.binding('process_wrap'): Process, one asynchronous child process
// (the handle under child_process.spawn). The launch is in
// bindings/child_spawn.h; the child is reaped through libev's ev_child on the
// default loop (libev owns SIGCHLD there and waitpid()s every child), so no
// child is left a zombie. A worker thread's loop cannot have ev_child
// watchers: its children are claimed from the reaper, one ev_child for any
// pid on the main thread's loop that hands each status to the claiming
// thread's ev_async (InitChildReaper, started when the main thread starts
// its first worker). That status arrives while the main thread's loop runs.
//
// onexit runs on the loop iteration after the reap, after that iteration's
// I/O: the output the child wrote before it ended (and the EOF of its pipes)
// is read first, so 'end' of its stdout comes before 'exit', as in Node
// (libev runs the SIGCHLD watcher at top priority, before any I/O).
//
//   new Process()
//   spawn(options) -> 0 or -errno. options as in bindings/child_options.h.
//       On success sets this.pid. For each 'pipe' entry of options.stdio sets
//       entry.parentFd, our end of the socketpair (non-blocking,
//       close-on-exec), for the caller to wrap in a stream (an FdStream, or
//       an IpcChannel for the IPC channel). When the child fails to start
//       (ENOENT, EACCES, a bad cwd...) the error is returned and the
//       parentFds are set all the same (their peer is gone).
//   onexit(exitCode, signal): called once when the child ends; signal is the
//       number of the terminating signal, 0 if it exited.
//   kill(signal) -> 0 or -errno (-ESRCH once the child has ended)
//   close(): stops watching (the handle is then done); ref() / unref() /
//   hasRef(): whether a running child keeps the loop alive (default yes).
#include <signal.h>
#include <sys/wait.h>

#include <map>
#include <mutex>

#include "bindings/child_options.h"
#include "bindings/child_spawn.h"
#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::process_wrap {

using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::HandleScope;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {

class ProcessWrap;

// The reaper of worker threads' children (see the top). Guarded by mu.
struct Reaper {
  std::mutex mu;
  bool started = false;
  ev_child any;                            // pid 0, on the default loop
  std::map<pid_t, ProcessWrap*> claimed;   // children of worker threads
  std::map<pid_t, int> unclaimed;          // reaped before a claim (bounded)
};
Reaper* g_reaper = new Reaper;
void DeliverReaped(ProcessWrap* wrap, int status);  // reaper lock held

void OnAnyChild(struct ev_loop*, ev_child* w, int) {
  std::lock_guard<std::mutex> lock(g_reaper->mu);
  auto it = g_reaper->claimed.find(w->rpid);
  if (it != g_reaper->claimed.end()) {
    ProcessWrap* wrap = it->second;
    g_reaper->claimed.erase(it);
    DeliverReaped(wrap, w->rstatus);
    return;
  }
  // Most are the main thread's own children (their own ev_child has them).
  if (g_reaper->unclaimed.size() >= 256) g_reaper->unclaimed.erase(g_reaper->unclaimed.begin());
  g_reaper->unclaimed[w->rpid] = w->rstatus;
}

// One child and its ev_child watcher. Owned by its JS object (internal field
// 0): held strongly while the child runs, weakly once it has ended or the
// handle is closed; deleted with the JS object.
class ProcessWrap : public ActiveResource {
  friend void DeliverReaped(ProcessWrap* wrap, int status);

 public:
  ProcessWrap(Environment* env, Local<Object> object) : env_(env) {
    env->handles().Push(this);  // until close()
    object_.Reset(env->isolate(), object);
    object->SetAlignedPointerInInternalField(0, this);
    ev_child_init(&watcher_, OnChild, 0, 0);
    watcher_.data = this;
    ev_async_init(&reaped_async_, OnReapedAsync);
    reaped_async_.data = this;
    ev_timer_init(&exit_timer_, OnExitTimer, 0., 0.);
    ev_set_priority(&exit_timer_, kExitPriority);
    exit_timer_.data = this;
    MakeWeak();
  }

  static ProcessWrap* Unwrap(Local<Object> object) {
    if (object->InternalFieldCount() < 1) return nullptr;
    return static_cast<ProcessWrap*>(object->GetAlignedPointerFromInternalField(0));
  }

  Isolate* isolate() const { return env_->isolate(); }
  bool started() const { return pid_ > 0; }

  // After a successful spawn: watch the child; hold the JS object so
  // onexit can reach it.
  void Watch(pid_t pid) {
    pid_ = pid;
    running_ = true;
    object_.ClearWeak();
    if (env_->is_main_thread()) {
      ev_child_set(&watcher_, pid, 0);
      ev_child_start(env_->loop(), &watcher_);
    } else {
      ev_async_start(env_->loop(), &reaped_async_);
      std::lock_guard<std::mutex> lock(g_reaper->mu);
      auto it = g_reaper->unclaimed.find(pid);
      if (it != g_reaper->unclaimed.end()) {
        DeliverReaped(this, it->second);
        g_reaper->unclaimed.erase(it);
      } else {
        g_reaper->claimed[pid] = this;
      }
    }
    if (!refed_) {
      ev_unref(env_->loop());
      unrefd_ = true;
    }
  }

  int Kill(int signo) {
    if (!running_) return -ESRCH;
    if (kill(pid_, signo) != 0) return -errno;
    return 0;
  }

  const char* ResourceName() const override { return "ProcessWrap"; }
  Local<Object> ResourceObject() const override { return object_.Get(env_->isolate()); }
  bool ResourceHasRef() const override { return refed_; }

  void Close() {
    Unlink();
    StopWatchers();
    running_ = false;
    MakeWeak();
  }

  void Ref() {
    refed_ = true;
    if (Active() && unrefd_) {
      ev_ref(env_->loop());
      unrefd_ = false;
    }
  }

  void Unref() {
    refed_ = false;
    if (Active() && !unrefd_) {
      ev_unref(env_->loop());
      unrefd_ = true;
    }
  }

  bool has_ref() const { return refed_; }

 private:
  // Exactly one of watcher_ and exit_timer_ is active while the handle
  // holds the loop.
  bool Active() const {
    return ev_is_active(&watcher_) || ev_is_active(&reaped_async_) || ev_is_active(&exit_timer_);
  }

 public:
  // Reaper lock held; any thread. The status goes to this wrap's thread.
  void Reaped(int status) {
    reaped_status_ = status;
    ev_async_send(env_->loop(), &reaped_async_);
  }

 private:
  // A worker's child, reaped on the main thread: as OnChild.
  static void OnReapedAsync(struct ev_loop* loop, ev_async* w, int) {
    ProcessWrap* self = static_cast<ProcessWrap*>(w->data);
    ev_child fake;
    fake.data = self;
    {
      std::lock_guard<std::mutex> lock(g_reaper->mu);
      fake.rstatus = self->reaped_status_;
    }
    OnChild(loop, &fake, 0);
  }

  // The priority of FdStream's I/O dispatch (bindings/fd_stream.h), below
  // the io watchers (0) and above immediates (EV_MINPRI). libev runs pending
  // watchers of one priority last-fed first: the dispatch, fed by io
  // watchers during the run, comes before this timer, queued before it.
  static constexpr int kExitPriority = -1;

  // The child is reaped: hand over to the exit timer (see the top).
  static void OnChild(struct ev_loop* loop, ev_child* w, int) {
    ProcessWrap* self = static_cast<ProcessWrap*>(w->data);
    self->status_ = w->rstatus;
    self->running_ = false;
    bool unrefd = self->unrefd_;
    self->StopWatchers();
    ev_timer_start(loop, &self->exit_timer_);
    if (unrefd) {
      ev_unref(loop);
      self->unrefd_ = true;
    }
  }

  static void OnExitTimer(struct ev_loop*, ev_timer* w, int) {
    ProcessWrap* self = static_cast<ProcessWrap*>(w->data);
    int status = self->status_;
    self->StopWatchers();
    Isolate* isolate = self->isolate();
    HandleScope scope(isolate);
    Local<Object> obj = self->object_.Get(isolate);
    // From here only the JS object keeps us alive: onexit may drop it.
    self->MakeWeak();
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    int signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    Local<Value> onexit;
    if (!obj->Get(self->env_->context(), OneByteString(isolate, "onexit")).ToLocal(&onexit) ||
        !onexit->IsFunction()) {
      return;
    }
    Local<Value> argv[] = {Integer::New(isolate, code), Integer::New(isolate, signo)};
    self->env_->MakeCallback(onexit.As<Function>(), obj, 2, argv);
  }

  // An unref'd active watcher was discounted with ev_unref: undo that first.
  void StopWatchers() {
    if (!Active()) return;
    if (unrefd_) {
      ev_ref(env_->loop());
      unrefd_ = false;
    }
    ev_child_stop(env_->loop(), &watcher_);
    if (ev_is_active(&reaped_async_)) {
      std::lock_guard<std::mutex> lock(g_reaper->mu);
      if (pid_ > 0) {
        auto it = g_reaper->claimed.find(pid_);
        if (it != g_reaper->claimed.end() && it->second == this) g_reaper->claimed.erase(it);
      }
      ev_async_stop(env_->loop(), &reaped_async_);
    }
    ev_timer_stop(env_->loop(), &exit_timer_);
  }

  void MakeWeak() {
    object_.SetWeak(this, OnGC, v8::WeakCallbackType::kParameter);
  }

  static void OnGC(const v8::WeakCallbackInfo<ProcessWrap>& info) {
    ProcessWrap* self = info.GetParameter();
    self->StopWatchers();
    self->object_.Reset();
    delete self;
  }

  Environment* env_;
  Global<Object> object_;
  ev_child watcher_;
  ev_async reaped_async_;  // a worker thread's child: see Reaper
  int reaped_status_ = 0;  // set under the reaper lock
  ev_timer exit_timer_;
  int status_ = 0;  // from waitpid, once reaped
  pid_t pid_ = 0;
  bool running_ = false;
  bool refed_ = true;
  bool unrefd_ = false;  // private: ev_unref applied for the active watcher
};

void DeliverReaped(ProcessWrap* wrap, int status) { wrap->Reaped(status); }


ProcessWrap* This(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = ProcessWrap::Unwrap(args.This());
  if (self == nullptr)
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be Process");
  return self;
}

}  // namespace

// new Process()
static void New(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor Process cannot be invoked without 'new'");
    return;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "Process is not available while building the snapshot")));
    return;
  }
  new ProcessWrap(env, args.This());
}

// spawn(options) -> 0 or -errno
static void Spawn(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self == nullptr) return;
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  if (self->started()) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "This Process has already been spawned")));
    return;
  }
  child_spawn::SpawnRequest req;
  if (!child_options::ReadSpawnRequest(context, args[0], &req, true)) return;
  pid_t pid = 0;
  int err = child_spawn::Spawn(&req, &pid);
  // Hand the pipes' parent ends back through the stdio entries.
  Local<Value> stdio_v;
  if (args[0].As<Object>()->Get(context, OneByteString(isolate, "stdio")).ToLocal(&stdio_v) &&
      stdio_v->IsArray()) {
    Local<v8::Array> stdio = stdio_v.As<v8::Array>();
    for (uint32_t i = 0; i < req.stdio.size() && i < stdio->Length(); i++) {
      if (req.stdio[i].parent_fd < 0) continue;
      Local<Value> entry;
      if (!stdio->Get(context, i).ToLocal(&entry) || !entry->IsObject() ||
          entry.As<Object>()
              ->Set(context, OneByteString(isolate, "parentFd"),
                    Integer::New(isolate, req.stdio[i].parent_fd))
              .IsNothing()) {
        // The entry changed under us (a getter, a frozen object): do not
        // leak the fd.
        close(req.stdio[i].parent_fd);
      }
    }
  }
  if (err == 0) {
    self->Watch(pid);
    args.This()
        ->Set(context, OneByteString(isolate, "pid"), Integer::New(isolate, pid))
        .Check();
  }
  args.GetReturnValue().Set(err);
}

// kill(signal) -> 0 or -errno
static void Kill(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self == nullptr) return;
  if (!args[0]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"signal\" argument must be an integer");
    return;
  }
  int signo = args[0].As<v8::Int32>()->Value();
  if (signo < 0 || signo >= NSIG) return args.GetReturnValue().Set(-EINVAL);
  args.GetReturnValue().Set(self->Kill(signo));
}

static void Close(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self != nullptr) self->Close();
}

static void Ref(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self != nullptr) self->Ref();
}

static void Unref(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self != nullptr) self->Unref();
}

static void HasRef(const FunctionCallbackInfo<Value>& args) {
  ProcessWrap* self = This(args);
  if (self != nullptr) args.GetReturnValue().Set(self->has_ref());
}

// The main thread, before its first worker starts: the reaper's ev_child.
void InitChildReaper(struct ev_loop* default_loop) {
  std::lock_guard<std::mutex> lock(g_reaper->mu);
  if (g_reaper->started) return;
  g_reaper->started = true;
  ev_child_init(&g_reaper->any, OnAnyChild, 0, 0);
  ev_child_start(default_loop, &g_reaper->any);
  ev_unref(default_loop);  // never keeps the process alive by itself
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, 1);
  t->SetClassName(OneByteString(isolate, "Process"));
  SetProtoMethod(isolate, t, "spawn", Spawn);
  SetProtoMethod(isolate, t, "kill", Kill);
  SetProtoMethod(isolate, t, "close", Close);
  SetProtoMethod(isolate, t, "ref", Ref);
  SetProtoMethod(isolate, t, "unref", Unref);
  SetProtoMethod(isolate, t, "hasRef", HasRef);
  SetValue(context, target, "Process", t->GetFunction(context).ToLocalChecked());
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(Spawn);
  r->Register(Kill);
  r->Register(Close);
  r->Register(Ref);
  r->Register(Unref);
  r->Register(HasRef);
}

}  // namespace kiln::bindings::process_wrap
