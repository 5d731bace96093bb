// FdStream: a byte stream over a file descriptor, driven by one libev io
// watcher. The C++ side of process.binding('stream_fd') (see stream_fd.cc for
// the JS API) for stdio pipes and terminals, and the base of the socket
// handles (bindings/socket_wrap.h: TCP and Pipe), which add listening and
// connecting on the same watcher through the virtual hooks below.
#ifndef KILN_BINDINGS_FD_STREAM_H_
#define KILN_BINDINGS_FD_STREAM_H_

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::stream_fd {

using v8::ArrayBuffer;
using v8::ArrayBufferView;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Global;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

inline constexpr int kEOF = -4095;  // libuv's UV_EOF, what Node's onread sees
inline constexpr size_t kReadSize = 64 * 1024;

// A request a stream holds while it is pending (a queued write, a shutdown,
// a connect), listed in env->requests() by Node's name for it.
struct PendingReq : public ActiveResource {
  explicit PendingReq(const char* name) : name(name) {}
  const char* ResourceName() const override { return name; }
  Local<Object> ResourceObject() const override { return req.Get(isolate); }
  // Holds `obj` (it gets oncomplete(status) later) and lists it.
  void Start(Environment* env, Local<Object> obj) {
    isolate = env->isolate();
    req.Reset(isolate, obj);
    env->requests().Push(this);
  }
  void Clear() {
    req.Reset();
    Unlink();
  }
  bool IsEmpty() const { return req.IsEmpty(); }

  const char* name;
  v8::Isolate* isolate = nullptr;
  Global<Object> req;
};

struct WriteReq : public PendingReq {
  WriteReq() : PendingReq("SimpleWriteWrap") {}  // as Node names a JS write
  std::string data;    // bytes not yet written start at `offset`
  size_t offset = 0;
};

class FdStream;

// Where a write reports [bytes, async] when JS registered the place
// (setWriteState(float64array), at run time): JS reads it after the call
// instead of req.bytes / req.async, which are then set only for async writes
// (the rare case, and the one code reading req later needs them for).
inline thread_local double* g_write_state = nullptr;
inline thread_local std::shared_ptr<v8::BackingStore>* g_write_state_store = nullptr;

// Property names the streams use on every read and write, made once (at run
// time: never in the snapshot) instead of looked up each time.
struct StreamKeys {
  Global<String> onread, oncomplete, bytes, async, write_queue_size;
};
inline thread_local StreamKeys* g_keys = nullptr;
inline const StreamKeys& Keys(Isolate* isolate) {
  if (g_keys == nullptr) {
    g_keys = new StreamKeys();
    g_keys->onread.Reset(isolate, OneByteString(isolate, "onread"));
    g_keys->oncomplete.Reset(isolate, OneByteString(isolate, "oncomplete"));
    g_keys->bytes.Reset(isolate, OneByteString(isolate, "bytes"));
    g_keys->async.Reset(isolate, OneByteString(isolate, "async"));
    g_keys->write_queue_size.Reset(isolate, OneByteString(isolate, "writeQueueSize"));
  }
  return *g_keys;
}

// Something that takes a stream's bytes in C++ instead of its JS onread
// (the HTTP parser, as Node's parser.consume()). End of stream and errors
// still go to onread.
class StreamConsumer {
 public:
  virtual ~StreamConsumer() = default;
  // n > 0 bytes were read. Called from the loop, outside any JS.
  virtual void OnStreamData(FdStream* stream, const char* data, size_t n) = 0;
  // The stream is closing or being freed: forget it.
  virtual void OnStreamGone(FdStream* stream) = 0;
};

// Registers (once) the exit hook that flushes queued stdio writes and puts
// back the stdio fds' O_NONBLOCK flags (stream_fd.cc).
void EnsureExitFlush(Environment* env);

// Every live FdStream (for the exit flush) and the flags of stdio fds as
// they were before we changed O_NONBLOCK.
inline thread_local std::unordered_set<FdStream*> g_streams;
inline thread_local int g_stdio_flags[3] = {-1, -1, -1};
inline thread_local bool g_cleanup_registered = false;

// Streams whose io watcher fired this loop iteration, and the watcher that
// runs them (see FdStream::OnIo).
inline thread_local std::vector<FdStream*> g_ready;
inline thread_local ev_idle g_dispatch;
inline thread_local bool g_dispatch_init = false;

// One fd and one io watcher: EV_READ while reading, EV_WRITE while writes are
// queued or a shutdown waits. Owned by its JS object (internal field 0), which
// is held strongly until close() has called back and weakly after; the C++
// object is deleted when the JS object is collected.
class FdStream : public ActiveResource {
 public:
  // `fd` may be -1 for a socket handle whose socket is made later (SetFd).
  FdStream(Environment* env, Local<Object> object, int fd) : env_(env), fd_(fd) {
    object_.Reset(env->isolate(), object);
    object->SetAlignedPointerInInternalField(0, this);
    ev_io_init(&io_, OnIo, fd, 0);
    io_.data = this;
    ev_timer_init(&close_timer_, OnCloseTimer, 0., 0.);
    close_timer_.data = this;
    g_streams.insert(this);
    env->handles().Push(this);  // until close()
    EnsureExitFlush(env);
  }

  virtual ~FdStream() {
    if (consumer_ != nullptr) consumer_->OnStreamGone(this);
    for (size_t i = 0; i < g_ready.size(); i++) {
      if (g_ready[i] == this) g_ready[i] = nullptr;
    }
    g_streams.erase(this);
  }

  static FdStream* Unwrap(Local<Object> object) {
    if (object->InternalFieldCount() < 1) return nullptr;
    return static_cast<FdStream*>(object->GetAlignedPointerFromInternalField(0));
  }

  // A plain stream over a TTY is Node's TTYWrap; over a file Node has no
  // handle at all (a SyncWriteStream), so it is not listed.
  const char* ResourceName() const override {
    return fd_ >= 0 && isatty(fd_) ? "TTYWrap" : nullptr;
  }
  Local<Object> ResourceObject() const override { return object(); }
  bool ResourceHasRef() const override { return refed_; }

  // True for socket handles (bindings/socket_wrap.h); this build has no RTTI.
  virtual bool IsSocket() const { return false; }

  Isolate* isolate() const { return env_->isolate(); }
  Local<Object> object() const { return object_.Get(env_->isolate()); }
  int fd() const { return fd_; }
  Environment* env() const { return env_; }

  // Gives a handle made without an fd its fd (the watcher must be idle).
  // `nonblocking`: the fd is known to be O_NONBLOCK and stays so, which
  // spares an fcntl() per write.
  void SetFd(int fd, bool nonblocking) {
    fd_ = fd;
    nonblocking_known_ = nonblocking;
    nonblocking_ = nonblocking;
  }
  bool closing() const { return closing_; }
  bool has_queue() const { return !queue_.empty(); }
  size_t queue_bytes() const { return queue_bytes_; }  // queued, not yet written

  // Writes what the fd takes now; queues the rest. Returns 0 or -errno.
  int Write(Local<Object> req, const char* data, size_t len) {
    size_t total = len;
    bool async = false;
    if (closing_ || fd_ < 0) {
      SetReq(req, 0, false);
      return -EBADF;
    }
    if (queue_.empty()) {
      // Two attempts, as Node makes (uv_try_write, then uv_write's first
      // try); a blocking fd takes everything.
      int err = TryWrite(&data, &len, 2);
      if (err != 0) {
        SetReq(req, 0, false);
        return err;
      }
    }
    if (len > 0) {
      auto* w = new WriteReq();
      w->Start(env_, req);
      w->data.assign(data, len);
      queue_.push_back(w);
      queue_bytes_ += len;
      async = true;
      UpdateWatcher();
      UpdateQueueSize();
    }
    SetReq(req, total, async);
    return 0;
  }

  int ReadStart() {
    if (closing_ || fd_ < 0) return -EBADF;
    reading_ = true;
    if (!nonblocking_known_) {
      int flags = fcntl(fd_, F_GETFL);
      nonblocking_ = flags != -1 && (flags & O_NONBLOCK) != 0;
    }
    UpdateWatcher();
    return 0;
  }

  int ReadStop() {
    reading_ = false;
    if (!closing_) UpdateWatcher();
    return 0;
  }

  int Shutdown(Local<Object> req) {
    if (closing_ || fd_ < 0 || !shutdown_req_.IsEmpty()) return -EBADF;
    shutdown_req_.Start(env_, req);
    UpdateWatcher();  // the write watcher fires once the queue is empty
    return 0;
  }

  void Close(Local<Value> cb) {
    if (closing_) return;
    closing_ = true;
    Unlink();  // no longer an active handle
    reading_ = false;
    SetIoEvents(0);
    if (cb->IsFunction()) close_cb_.Reset(isolate(), cb.As<Function>());
    if (consumer_ != nullptr) {
      StreamConsumer* c = consumer_;
      consumer_ = nullptr;
      c->OnStreamGone(this);
    }
    OnClosing();
    if (fd_ > STDERR_FILENO) close(fd_);  // stdio fds stay open, as in libuv
    ev_timer_start(env_->loop(), &close_timer_);
  }

  // A live stream whose JS object is `obj`, or null (the object may be of any
  // class: its internal field is only trusted once found in g_streams).
  static FdStream* FromObject(Local<Object> obj) {
    if (obj->InternalFieldCount() < 1) return nullptr;
    auto* p = static_cast<FdStream*>(obj->GetAlignedPointerFromInternalField(0));
    return g_streams.count(p) != 0 ? p : nullptr;
  }

  // Bytes read go to `c` (null: back to JS onread).
  void SetConsumer(StreamConsumer* c) { consumer_ = c; }
  StreamConsumer* consumer() const { return consumer_; }

  // Changing O_NONBLOCK: forget what we knew about it.
  void ForgetBlockingMode() { nonblocking_known_ = false; }

  void Ref() {
    refed_ = true;
    if (ev_is_active(&io_) && io_unrefd_) {
      ev_ref(env_->loop());
      io_unrefd_ = false;
    }
  }

  void Unref() {
    refed_ = false;
    if (ev_is_active(&io_) && !io_unrefd_) {
      ev_unref(env_->loop());
      io_unrefd_ = true;
    }
  }

  bool has_ref() const { return refed_; }

  // Blocking writes of everything queued: the process is about to exit.
  void FlushBlocking() {
    if (queue_.empty()) return;
    int flags = fcntl(fd_, F_GETFL);
    if (flags != -1 && (flags & O_NONBLOCK)) fcntl(fd_, F_SETFL, flags & ~O_NONBLOCK);
    for (WriteReq* w : queue_) {
      const char* p = w->data.data() + w->offset;
      size_t len = w->data.size() - w->offset;
      while (len > 0) {
        ssize_t n = write(fd_, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // EPIPE and friends: nobody is reading any more
        p += n;
        len -= n;
      }
      w->offset = w->data.size();
    }
    if (flags != -1 && (flags & O_NONBLOCK)) fcntl(fd_, F_SETFL, flags);
  }

 protected:
  // ---- hooks for subclasses (socket handles) -------------------------------
  // The io watcher fired: the stream's reads and writes by default.
  virtual void HandleIo(int revents) {
    if (revents & EV_WRITE) OnWritable();
    if ((revents & EV_READ) && reading_ && !closing_) OnReadable();
  }
  // Events the subclass needs besides reading and writing (accepting:
  // EV_READ, connecting: EV_WRITE).
  virtual int ExtraEvents() const { return 0; }
  // close() was called: stop any other watchers (the fd is still open).
  virtual void OnClosing() {}
  // The loop iteration after close(), before the close callback: fail
  // pending requests of the subclass.
  virtual void OnClosed() {}

  // The fd's own I/O, as read()/write() (the IPC channel, bindings/
  // ipc_channel.cc, passes fds alongside the bytes).
  virtual ssize_t ReadFd(char* buf, size_t len) { return read(fd_, buf, len); }
  virtual ssize_t WriteFd(const char* data, size_t len) { return write(fd_, data, len); }

  bool reading() const { return reading_; }
  bool refed() const { return refed_; }

  // Calls req.oncomplete(status) (used for connect and shutdown requests).
  void Complete(Local<Object> req, int status) {
    Local<Value> oncomplete;
    if (!req->Get(env_->context(), Keys(isolate()).oncomplete.Get(isolate())).ToLocal(&oncomplete) ||
        !oncomplete->IsFunction()) {
      return;
    }
    Local<Value> arg = v8::Integer::New(isolate(), status);
    env_->MakeCallback(oncomplete.As<Function>(), req, 1, &arg);
  }

  void UpdateWatcher() {
    if (closing_ || fd_ < 0) return;
    int events = ExtraEvents();
    if (reading_) events |= EV_READ;
    if (!queue_.empty() || !shutdown_req_.IsEmpty()) events |= EV_WRITE;
    SetIoEvents(events);
  }

 private:
  // libev runs the watchers that became ready in one poll last-in-first-out;
  // libuv (and so Node) in the poller's order, which decides, e.g., that a
  // server's 'connection' comes before its client's 'connect'. So watchers
  // only note their events here and one lower-priority watcher, fed once per
  // iteration, handles them from the back: the poller's order again.
  static void OnIo(struct ev_loop* loop, ev_io* w, int revents) {
    FdStream* self = static_cast<FdStream*>(w->data);
    if (self->ready_events_ == 0) g_ready.push_back(self);
    self->ready_events_ |= revents;
    if (!g_dispatch_init) {
      ev_idle_init(&g_dispatch, OnDispatch);
      ev_set_priority(&g_dispatch, -1);  // after I/O (0), before immediates (EV_MINPRI)
      g_dispatch_init = true;
    }
    if (!ev_is_pending(&g_dispatch)) ev_feed_event(loop, &g_dispatch, EV_CUSTOM);
  }

  static void OnDispatch(struct ev_loop*, ev_idle*, int) {
    // Callbacks may close (or, via GC, free) streams still listed: the
    // destructor clears its entries and closing streams are skipped.
    while (!g_ready.empty()) {
      FdStream* self = g_ready.back();
      g_ready.pop_back();
      if (self == nullptr) continue;
      int revents = self->ready_events_;
      self->ready_events_ = 0;
      if (self->closing_) continue;
      HandleScope scope(self->isolate());
      self->HandleIo(revents);
    }
  }

  // Close callbacks run on the loop iteration after close() (a zero-delay
  // timer: unlike an idle watcher it cannot be starved by busy fds).
  static void OnCloseTimer(struct ev_loop* loop, ev_timer* w, int) {
    FdStream* self = static_cast<FdStream*>(w->data);
    ev_timer_stop(loop, w);
    HandleScope scope(self->isolate());
    self->OnClosed();
    self->FailQueue(-ECANCELED);
    if (!self->shutdown_req_.IsEmpty()) {
      Local<Object> req = self->shutdown_req_.req.Get(self->isolate());
      self->shutdown_req_.Clear();
      self->Complete(req, -ECANCELED);
    }
    if (!self->close_cb_.IsEmpty()) {
      Local<Function> cb = self->close_cb_.Get(self->isolate());
      self->close_cb_.Reset();
      self->env_->MakeCallback(cb, self->object(), 0, nullptr);
    }
    // async_hooks: a closed handle is destroyed.
    self->env_->EmitAsyncDestroy(self->object());
    // From now on only the JS object keeps us: free with it.
    self->object_.SetWeak(self, OnGC, v8::WeakCallbackType::kParameter);
  }

  static void OnGC(const v8::WeakCallbackInfo<FdStream>& info) {
    FdStream* self = info.GetParameter();
    self->object_.Reset();
    delete self;
  }

  // Writes from *data: at most `attempts` write() calls on a non-blocking
  // fd, until done on a blocking one. 0 (with *len left over) or -errno.
  int TryWrite(const char** data, size_t* len, int attempts) {
    bool blocking = false;
    if (!nonblocking_known_) {
      int flags = fcntl(fd_, F_GETFL);
      blocking = flags != -1 && (flags & O_NONBLOCK) == 0;
    }
    while (*len > 0) {
      ssize_t n = WriteFd(*data, *len);
      if (n > 0) {
        *data += n;
        *len -= n;
        if (!blocking && --attempts <= 0) return 0;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n == 0 || errno == EAGAIN || errno == EWOULDBLOCK) return 0;
      return -errno;
    }
    return 0;
  }

  void OnWritable() {
    std::vector<std::pair<WriteReq*, int>> done;
    while (!queue_.empty()) {
      WriteReq* w = queue_.front();
      const char* p = w->data.data() + w->offset;
      size_t len = w->data.size() - w->offset;
      // One write per readiness event, as libuv does.
      int err = TryWrite(&p, &len, 1);
      size_t written = (w->data.size() - w->offset) - len;
      w->offset += written;
      queue_bytes_ -= written;
      if (err != 0) {
        // This write failed; what was queued after it cannot go out either.
        queue_.pop_front();
        queue_bytes_ -= len;
        done.emplace_back(w, err);
        while (!queue_.empty()) {
          WriteReq* rest = queue_.front();
          queue_.pop_front();
          queue_bytes_ -= rest->data.size() - rest->offset;
          done.emplace_back(rest, -ECANCELED);
        }
        break;
      }
      if (len > 0) break;  // EAGAIN: wait for the next EV_WRITE
      queue_.pop_front();
      done.emplace_back(w, 0);
    }
    Local<Object> shutdown_req;
    int shutdown_status = 0;
    if (queue_.empty() && !shutdown_req_.IsEmpty()) {
      shutdown_req = shutdown_req_.req.Get(isolate());
      shutdown_req_.Clear();
      struct stat s;
      if (fstat(fd_, &s) == 0 && S_ISSOCK(s.st_mode) && shutdown(fd_, SHUT_WR) != 0)
        shutdown_status = -errno;
    }
    UpdateWatcher();
    UpdateQueueSize();
    // Callbacks last: they may write, read or close this stream.
    for (auto& entry : done) {
      Local<Object> req = entry.first->req.Get(isolate());
      delete entry.first;
      Complete(req, entry.second);
    }
    if (!shutdown_req.IsEmpty()) Complete(shutdown_req, shutdown_status);
  }

  void OnReadable() {
    // A blocking fd (a TTY, a file) is read once per readiness event: a
    // second read could block the whole process.
    for (int i = 0; i < 32 && reading_ && !closing_; i++) {
      char buf[kReadSize];
      ssize_t n = ReadFd(buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) {
        int status = n == 0 ? kEOF : -errno;
        reading_ = false;
        UpdateWatcher();
        EmitRead(status, nullptr);
        return;
      }
      if (consumer_ != nullptr) consumer_->OnStreamData(this, buf, static_cast<size_t>(n));
      else EmitRead(static_cast<int>(n), buf);
      if (!nonblocking_ || static_cast<size_t>(n) < sizeof(buf)) return;
    }
  }

  void EmitRead(int status, const char* data) {
    HandleScope scope(isolate());
    Local<Object> obj = object();
    Local<Value> onread;
    if (!obj->Get(env_->context(), Keys(isolate()).onread.Get(isolate())).ToLocal(&onread) ||
        !onread->IsFunction()) {
      return;
    }
    Local<Value> argv[2] = {v8::Integer::New(isolate(), status), v8::Undefined(isolate())};
    if (status > 0) {
      Local<ArrayBuffer> ab = ArrayBuffer::New(isolate(), status);
      // SAFETY: a fresh buffer of exactly `status` bytes.
      memcpy(ab->GetBackingStore()->Data(), data, status);
      argv[1] = ab;
    }
    env_->MakeCallback(onread.As<Function>(), obj, 2, argv);
  }

  void FailQueue(int status) {
    std::deque<WriteReq*> queue;
    queue.swap(queue_);
    queue_bytes_ = 0;
    for (WriteReq* w : queue) {
      Local<Object> req = w->req.Get(isolate());
      delete w;
      Complete(req, status);
    }
  }

  void SetReq(Local<Object> req, size_t bytes, bool async) {
    if (g_write_state != nullptr) {
      g_write_state[0] = static_cast<double>(bytes);
      g_write_state[1] = async ? 1 : 0;
      if (!async) return;
    }
    Local<Context> context = env_->context();
    req->Set(context, Keys(isolate()).bytes.Get(isolate()),
             v8::Number::New(isolate(), static_cast<double>(bytes))).Check();
    req->Set(context, Keys(isolate()).async.Get(isolate()), v8::Boolean::New(isolate(), async))
        .Check();
  }

  void UpdateQueueSize() {
    object()->Set(env_->context(), Keys(isolate()).write_queue_size.Get(isolate()),
                  v8::Number::New(isolate(), static_cast<double>(queue_bytes_))).Check();
  }

  // (Re)starts the io watcher for `events` (0 stops it). An unref'd handle's
  // active watcher is discounted from the loop's count with ev_unref, which
  // must be undone before the watcher stops.
  void SetIoEvents(int events) {
    struct ev_loop* loop = env_->loop();
    if (ev_is_active(&io_)) {
      if ((io_.events & (EV_READ | EV_WRITE)) == events) return;
      if (io_unrefd_) {
        ev_ref(loop);
        io_unrefd_ = false;
      }
      ev_io_stop(loop, &io_);
    }
    if (events == 0) return;
    ev_io_set(&io_, fd_, events);
    ev_io_start(loop, &io_);
    if (!refed_) {
      ev_unref(loop);
      io_unrefd_ = true;
    }
  }

  Environment* env_;
  Global<Object> object_;
  Global<Function> close_cb_;
  PendingReq shutdown_req_{"SimpleShutdownWrap"};
  int fd_;
  ev_io io_;
  ev_timer close_timer_;
  bool io_unrefd_ = false;
  bool refed_ = true;
  bool reading_ = false;
  bool nonblocking_ = false;
  bool nonblocking_known_ = false;  // see SetFd()
  bool closing_ = false;
  int ready_events_ = 0;  // events noted by OnIo, not yet handled
  StreamConsumer* consumer_ = nullptr;
  std::deque<WriteReq*> queue_;
  size_t queue_bytes_ = 0;
};

// Installs the stream methods of stream_fd.cc (writeBuffer, writeString,
// writev, readStart, readStop, shutdown, close, ref, unref, hasRef,
// setBlocking) on `t`, whose instances hold an FdStream (or subclass) in
// internal field 0. stream_fd registers them as external references.
void InstallStreamMethods(Isolate* isolate, Local<FunctionTemplate> t);

// True when args[0], the request of a write, shutdown or connect, is an
// object; otherwise throws a TypeError and returns false.
bool CheckReq(const FunctionCallbackInfo<Value>& args);

// What `new Class(fd)` of a stream class (FdStream, IpcChannel) checks before
// it takes the fd: a construct call, a non-negative integer fd, and a loop to
// watch it on (there is none while the snapshot is built). The Environment,
// or null after throwing.
Environment* CheckStreamConstructor(const FunctionCallbackInfo<Value>& args,
                                    const char* class_name);

// Gives a new stream object its read-only `fd` and its writeQueueSize.
void InitStreamObject(Isolate* isolate, Local<Object> obj, int fd);

}  // namespace kiln::bindings::stream_fd

#endif  // KILN_BINDINGS_FD_STREAM_H_
