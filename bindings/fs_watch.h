// Watchers for the fs binding (included by bindings/fs.cc).
//
//   new FSEvent(): fs.watch's handle, on inotify.
//     start(path, persistent, recursive, encoding) -> 0 or -errno
//     this.onchange(status, eventType, filename) per event: eventType
//       'rename' or 'change' (libuv's mapping: attribute and content changes
//       are 'change', everything else 'rename'), filename in `encoding`
//       (the watched path's base name when the event has no name).
//     close(), ref(), unref(), hasRef(), initialized
//   new StatWatcher(bigint): fs.watchFile's handle, polling.
//     start(path, interval_ms) -> 0; stats the path now and every interval
//       (on the worker pool) and calls this.onchange(status, stats) when the
//       result differs from the last one, as libuv's uv_fs_poll does:
//       stats holds the current then the previous kStatFields values; a
//       failing stat reports status -errno (once per distinct error) with
//       zeroed current values.
//     close(), ref(), unref(), hasRef()
//
// Not ev_stat: it compares whole-second times and atime, so it would miss
// writes within a second and fire on reads, unlike Node.
//
// One inotify fd serves every FSEvent (per-user instance limits are low);
// its io watcher is unref'd, and each started, ref'd FSEvent or StatWatcher
// holds one ev_ref on the loop. Handles are strong while started and weak
// otherwise; the C++ side is freed when the JS object is collected.
#ifndef KILN_BINDINGS_FS_WATCH_H_
#define KILN_BINDINGS_FS_WATCH_H_

#include <sys/inotify.h>

#include <algorithm>
#include <map>

#include "bindings/fs_req.h"
#include "bindings/fs_stat.h"

namespace kiln::bindings::fs {

// What FSEvent and StatWatcher share: the JS object, started state and the
// ref on the loop.
class FsHandle : public ActiveResource {
 public:
  FsHandle(Environment* env, Local<Object> obj) : env_(env) {
    obj->SetAlignedPointerInInternalField(0, this);
    object_.Reset(env->isolate(), obj);
    MakeWeak();
  }
  virtual ~FsHandle() = default;

  template <typename T>
  static T* Unwrap(const FunctionCallbackInfo<Value>& args) {
    Local<Object> o = args.This();
    T* self = o->InternalFieldCount() < 1
                  ? nullptr
                  : static_cast<T*>(static_cast<FsHandle*>(o->GetAlignedPointerFromInternalField(0)));
    if (self == nullptr)
      ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Illegal invocation");
    return self;
  }

  Local<Object> ResourceObject() const override { return object_.Get(env_->isolate()); }
  bool ResourceHasRef() const override { return refed_; }

  // Started: strong, listed in env->handles(), and one ev_ref while ref'd.
  void Activate() {
    active_ = true;
    env_->handles().Push(this);
    object_.ClearWeak();
    if (refed_) ev_ref(env_->loop());
  }
  void Deactivate() {
    if (!active_) return;
    active_ = false;
    Unlink();
    if (refed_) ev_unref(env_->loop());
    MakeWeak();
  }
  void Ref(bool on) {
    if (on == refed_) return;
    refed_ = on;
    if (active_) on ? ev_ref(env_->loop()) : ev_unref(env_->loop());
  }
  bool active() const { return active_; }
  bool refed() const { return refed_; }

  // Calls this.onchange(argv...) as a top-level callback.
  void Emit(int argc, Local<Value>* argv) {
    Isolate* isolate = env_->isolate();
    Local<Object> obj = object_.Get(isolate);
    Local<Value> cb;
    {
      TryCatch try_catch(isolate);
      if (!obj->Get(env_->context(), OneByteString(isolate, "onchange")).ToLocal(&cb)) {
        if (try_catch.HasCaught() && !try_catch.HasTerminated())
          env_->TriggerUncaughtException(try_catch.Exception(), try_catch.Message(), false);
        return;
      }
    }
    if (!cb->IsFunction()) return;
    env_->MakeCallback(cb.As<Function>(), obj, argc, argv);
  }

  Environment* env_;
  Global<Object> object_;

 private:
  void MakeWeak() {
    object_.SetWeak(this, [](const v8::WeakCallbackInfo<FsHandle>& info) {
      FsHandle* self = info.GetParameter();
      self->object_.Reset();
      delete self;
    }, v8::WeakCallbackType::kParameter);
  }
  bool active_ = false;
  bool refed_ = true;
};

template <typename T>
void NewHandle(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Environment* env = Environment::Get(isolate);
  if (!args.IsConstructCall() || env == nullptr) {
    ThrowTypeError(isolate, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
    return;
  }
  new T(env, args.This(), args);
}

inline void HandleRef(const FunctionCallbackInfo<Value>& args) {
  if (auto* h = FsHandle::Unwrap<FsHandle>(args)) h->Ref(true);
}
inline void HandleUnref(const FunctionCallbackInfo<Value>& args) {
  if (auto* h = FsHandle::Unwrap<FsHandle>(args)) h->Ref(false);
}
inline void HandleHasRef(const FunctionCallbackInfo<Value>& args) {
  if (auto* h = FsHandle::Unwrap<FsHandle>(args))
    args.GetReturnValue().Set(h->active() && h->refed());
}

// ---- FSEvent -----------------------------------------------------------------

class FSEvent;

// The process's inotify instance: wd -> the FSEvents on that inode.
struct Inotify {
  int fd = -1;
  ev_io io;
  std::map<int, std::vector<FSEvent*>> watchers;
};
inline thread_local Inotify g_inotify;

class FSEvent : public FsHandle {
 public:
  FSEvent(Environment* env, Local<Object> obj, const FunctionCallbackInfo<Value>&)
      : FsHandle(env, obj) {}
  const char* ResourceName() const override { return "FSEventWrap"; }
  ~FSEvent() override { Stop(); }

  int Start(const std::string& path, Enc enc) {
    if (g_inotify.fd < 0) {
      int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
      if (fd < 0) return -errno;
      g_inotify.fd = fd;
      ev_io_init(&g_inotify.io, OnReadable, fd, EV_READ);
      ev_io_start(env_->loop(), &g_inotify.io);
      ev_unref(env_->loop());  // FSEvents hold the refs
    }
    const uint32_t mask = IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE | IN_DELETE_SELF |
                          IN_MOVE_SELF | IN_MOVED_FROM | IN_MOVED_TO;
    int wd = inotify_add_watch(g_inotify.fd, path.c_str(), mask);
    if (wd < 0) return -errno;
    wd_ = wd;
    enc_ = enc;
    size_t slash = path.find_last_of('/');
    base_ = slash == std::string::npos ? path : path.substr(slash + 1);
    g_inotify.watchers[wd].push_back(this);
    Activate();
    return 0;
  }

  void Stop() {
    if (wd_ < 0) return;
    auto it = g_inotify.watchers.find(wd_);
    if (it != g_inotify.watchers.end()) {
      auto& list = it->second;
      list.erase(std::remove(list.begin(), list.end(), this), list.end());
      if (list.empty()) {
        inotify_rm_watch(g_inotify.fd, wd_);
        g_inotify.watchers.erase(it);
      }
    }
    wd_ = -1;
    Deactivate();
  }

  bool started() const { return wd_ >= 0; }

 private:
  static bool Watching(int wd, FSEvent* w) {
    auto it = g_inotify.watchers.find(wd);
    if (it == g_inotify.watchers.end()) return false;
    return std::find(it->second.begin(), it->second.end(), w) != it->second.end();
  }

  static void OnReadable(struct ev_loop*, ev_io*, int) {
    alignas(struct inotify_event) char buf[8192];
    for (;;) {
      ssize_t n = read(g_inotify.fd, buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // EAGAIN: drained
      for (char* p = buf; p < buf + n;) {
        auto* e = reinterpret_cast<struct inotify_event*>(p);
        p += sizeof(*e) + e->len;
        auto it = g_inotify.watchers.find(e->wd);
        if (it == g_inotify.watchers.end()) continue;
        bool change = e->mask & (IN_ATTRIB | IN_MODIFY);
        bool rename = e->mask & ~(IN_ATTRIB | IN_MODIFY);
        // A listener may close any watcher: walk a copy and re-check each.
        std::vector<FSEvent*> list = it->second;
        for (FSEvent* w : list) {
          if (!Watching(e->wd, w)) continue;
          w->Dispatch(rename ? "rename" : change ? "change" : "rename",
                      e->len ? e->name : w->base_.c_str());
        }
      }
    }
  }

  void Dispatch(const char* type, const char* name) {
    Isolate* isolate = env_->isolate();
    HandleScope scope(isolate);
    Context::Scope context_scope(env_->context());
    Local<Value> filename;
    if (!EncodeBytes(isolate, name, strlen(name), enc_).ToLocal(&filename)) return;
    Local<Value> argv[] = {v8::Integer::New(isolate, 0), OneByteString(isolate, type), filename};
    Emit(3, argv);
  }

  int wd_ = -1;
  Enc enc_ = Enc::kUtf8;
  std::string base_;
};

inline void FSEventStart(const FunctionCallbackInfo<Value>& args) {
  FSEvent* self = FsHandle::Unwrap<FSEvent>(args);
  if (self == nullptr) return;
  std::string path;
  Enc enc;
  if (!GetPath(args, 0, &path, "filename") || !GetEncoding(args, 3, &enc)) return;
  if (self->started()) return args.GetReturnValue().Set(0);
  int err = self->Start(path, enc);
  if (err == 0 && !args[1]->IsTrue()) self->Ref(false);  // persistent: false
  args.GetReturnValue().Set(err);
}

inline void FSEventClose(const FunctionCallbackInfo<Value>& args) {
  if (FSEvent* self = FsHandle::Unwrap<FSEvent>(args)) self->Stop();
}

inline void FSEventInitialized(const FunctionCallbackInfo<Value>& args) {
  if (FSEvent* self = FsHandle::Unwrap<FSEvent>(args))
    args.GetReturnValue().Set(self->started());
}

// ---- StatWatcher -------------------------------------------------------------

class StatWatcher : public FsHandle {
 public:
  StatWatcher(Environment* env, Local<Object> obj, const FunctionCallbackInfo<Value>& args)
      : FsHandle(env, obj), bigint_(args[0]->IsTrue()) {
    ev_init(&timer_, OnTimer);
    timer_.data = this;
    memset(&last_, 0, sizeof(last_));
  }
  ~StatWatcher() override { Stop(); }
  const char* ResourceName() const override { return "StatWatcher"; }

  void Start(std::string path, double interval_ms) {
    path_ = std::move(path);
    double s = interval_ms > 0 ? interval_ms / 1000 : 0.001;
    ev_timer_set(&timer_, s, s);
    ev_timer_start(env_->loop(), &timer_);
    ev_unref(env_->loop());  // Activate() takes the ref when ref'd
    Activate();
    Poll();
  }

  void Stop() {
    if (!active()) return;
    ev_ref(env_->loop());
    ev_timer_stop(env_->loop(), &timer_);
    Deactivate();
  }

 private:
  // One stat on the pool; keeps the JS object (so this) alive until done.
  class PollWork : public WorkerPool::Work {
   public:
    explicit PollWork(StatWatcher* w) : w_(w), path_(w->path_) {
      obj_.Reset(w->env_->isolate(), w->object_.Get(w->env_->isolate()));
    }
    void Run() override { err_ = DoStat(StatKind::kStat, path_.c_str(), -1, &data_); }
    void Done() override {
      w_->busy_ = false;
      if (w_->active()) w_->OnPolled(err_, data_);
      obj_.Reset();
      delete this;
    }

   private:
    StatWatcher* w_;
    std::string path_;
    Global<Object> obj_;
    int err_ = 0;
    StatData data_;
  };

  static void OnTimer(struct ev_loop*, ev_timer* t, int) {
    static_cast<StatWatcher*>(t->data)->Poll();
  }

  void Poll() {
    if (busy_) return;
    busy_ = true;
    WorkerPool::ForLoop(env_->loop())->Submit(new PollWork(this));
  }

  static bool Same(const StatData& a, const StatData& b) {
    // What libuv compares: times (ns), size, mode, ids, inode, device.
    static const int kFields[] = {0, 1, 3, 4, 7, 8, 12, 13, 14, 15, 16, 17};
    for (int i : kFields)
      if (a.v[i] != b.v[i]) return false;
    return true;
  }

  void OnPolled(int err, const StatData& now) {
    if (err != 0) {
      if (state_ != -err) {
        state_ = -err;
        StatData zero;
        memset(&zero, 0, sizeof(zero));
        Report(-err, zero);
      }
      return;
    }
    if (state_ != 0 && (state_ < 0 || !Same(last_, now))) Report(0, now);
    last_ = now;
    state_ = 1;
  }

  void Report(int status, const StatData& now) {
    Isolate* isolate = env_->isolate();
    HandleScope scope(isolate);
    Context::Scope context_scope(env_->context());
    int64_t both[2 * kStatFields];
    memcpy(both, now.v, sizeof(now.v));
    memcpy(both + kStatFields, last_.v, sizeof(last_.v));
    Local<Value> argv[] = {v8::Integer::New(isolate, status),
                           StatArray(isolate, both, 2 * kStatFields, bigint_)};
    Emit(2, argv);
  }

  bool bigint_;
  std::string path_;
  ev_timer timer_;
  bool busy_ = false;
  int state_ = 0;  // 0 before the first poll, 1 after a good one, -errno after a failure
  StatData last_;
};

inline void StatWatcherStart(const FunctionCallbackInfo<Value>& args) {
  StatWatcher* self = FsHandle::Unwrap<StatWatcher>(args);
  if (self == nullptr) return;
  std::string path;
  double interval;
  if (!GetPath(args, 0, &path, "filename") || !GetDouble(args, 1, &interval, "interval")) return;
  if (!self->active()) self->Start(std::move(path), interval);
  args.GetReturnValue().Set(0);
}

inline void StatWatcherClose(const FunctionCallbackInfo<Value>& args) {
  if (StatWatcher* self = FsHandle::Unwrap<StatWatcher>(args)) self->Stop();
}

inline void InitializeWatch(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<v8::FunctionTemplate> t = NewClass(isolate, NewHandle<FSEvent>, 1);
  t->SetClassName(OneByteString(isolate, "FSEvent"));
  SetProtoMethod(isolate, t, "start", FSEventStart);
  SetProtoMethod(isolate, t, "close", FSEventClose);
  SetProtoMethod(isolate, t, "ref", HandleRef);
  SetProtoMethod(isolate, t, "unref", HandleUnref);
  SetProtoMethod(isolate, t, "hasRef", HandleHasRef);
  SetProtoMethod(isolate, t, "getInitialized", FSEventInitialized);
  SetValue(context, target, "FSEvent", t->GetFunction(context).ToLocalChecked());

  t = NewClass(isolate, NewHandle<StatWatcher>, 1);
  t->SetClassName(OneByteString(isolate, "StatWatcher"));
  SetProtoMethod(isolate, t, "start", StatWatcherStart);
  SetProtoMethod(isolate, t, "close", StatWatcherClose);
  SetProtoMethod(isolate, t, "ref", HandleRef);
  SetProtoMethod(isolate, t, "unref", HandleUnref);
  SetProtoMethod(isolate, t, "hasRef", HandleHasRef);
  SetValue(context, target, "StatWatcher", t->GetFunction(context).ToLocalChecked());
}

inline void RegisterWatch(ExternalReferences* r) {
  r->Register(NewHandle<FSEvent>);
  r->Register(FSEventStart);
  r->Register(FSEventClose);
  r->Register(HandleRef);
  r->Register(HandleUnref);
  r->Register(HandleHasRef);
  r->Register(FSEventInitialized);
  r->Register(NewHandle<StatWatcher>);
  r->Register(StatWatcherStart);
  r->Register(StatWatcherClose);
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_WATCH_H_
