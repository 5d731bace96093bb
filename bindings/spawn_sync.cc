// process.binding('spawn_sync'): spawn(options) runs a child to completion
// with its own small poll() loop (the event loop does not run meanwhile),
// for child_process.spawnSync and friends.
//
//   spawn(options) -> { error?, status, signal, output, pid }
//     options: as in bindings/child_options.h, plus
//       timeout (ms, 0 = none), maxBuffer (bytes over all pipes; 0 or
//       Infinity = none), killSignal (default SIGTERM), and for 'pipe' stdio
//       entries: readable (the child reads it), writable (the child writes
//       it), input (an ArrayBufferView fed to the child, then EOF).
//     error:  -errno: the spawn failed, ETIMEDOUT after the timeout,
//             ENOBUFS past maxBuffer, or a pipe's write error
//     status: the exit code; null if the child was signalled or never ran
//     signal: the number of the signal that ended it, or null
//     output: per stdio entry, a Uint8Array of what the child wrote to a
//             'pipe' it writes, null otherwise; null if it never ran
//
// The child's end is watched through a pidfd (Linux 5.3+) or, failing that,
// by polling waitpid() every few ms. On timeout or overflow the child gets
// killSignal (SIGKILL if that signal cannot be sent), our pipe ends are
// closed, and spawn() still waits for it to exit, as Node does.
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include <cmath>
#include <cstdint>

#include "bindings/child_options.h"
#include "bindings/child_spawn.h"
#include "runtime/binding.h"

namespace kiln::bindings::spawn_sync {

using v8::Array;
using v8::ArrayBuffer;
using v8::ArrayBufferView;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::Null;
using v8::Number;
using v8::Object;
using v8::Value;

namespace {

constexpr size_t kReadSize = 64 * 1024;
constexpr int kWaitPollMs = 5;  // without a pidfd: how often to try waitpid()

struct SyncPipe {
  int fd = -1;
  bool child_reads = false;   // we write `input`, then shut our side down
  bool child_writes = false;  // we collect `output` until EOF
  std::string input;
  size_t input_off = 0;
  std::string output;
  bool eof = false;           // the child's side is done writing
};

double NowMs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

class SyncRunner {
 public:
  explicit SyncRunner(Isolate* isolate) : isolate_(isolate) {}
  ~SyncRunner() {
    for (SyncPipe& p : pipes_) CloseFd(&p.fd);
    CloseFd(&pidfd_);
  }

  // Reads the sync-only options. False with an exception pending.
  bool ReadOptions(Local<Context> context, Local<Object> options) {
    Local<Value> v;
    if (!options->Get(context, OneByteString(isolate_, "timeout")).ToLocal(&v)) return false;
    if (!v->IsNullOrUndefined()) {
      if (!v->IsNumber() || !(v.As<Number>()->Value() >= 0))
        return Fail("The \"options.timeout\" property must be a non-negative number");
      timeout_ms_ = v.As<Number>()->Value();
    }
    if (!options->Get(context, OneByteString(isolate_, "maxBuffer")).ToLocal(&v)) return false;
    if (!v->IsNullOrUndefined()) {
      if (!v->IsNumber() || std::isnan(v.As<Number>()->Value()))
        return Fail("The \"options.maxBuffer\" property must be a number");
      max_buffer_ = v.As<Number>()->Value();
    }
    if (!options->Get(context, OneByteString(isolate_, "killSignal")).ToLocal(&v)) return false;
    if (!v->IsNullOrUndefined()) {
      if (!v->IsInt32()) return Fail("The \"options.killSignal\" property must be an integer");
      kill_signal_ = v.As<v8::Int32>()->Value();
    }
    return true;
  }

  // Reads readable/writable/input of the 'pipe' entries of options.stdio.
  bool ReadPipes(Local<Context> context, Local<Object> options,
                 const std::vector<child_spawn::StdioSpec>& specs) {
    Local<Value> stdio_v;
    if (!options->Get(context, OneByteString(isolate_, "stdio")).ToLocal(&stdio_v)) return false;
    if (!stdio_v->IsArray()) return Fail("The \"options.stdio\" property must be an array");
    Local<Array> stdio = stdio_v.As<Array>();
    pipes_.resize(specs.size());
    for (uint32_t i = 0; i < specs.size(); i++) {
      if (specs[i].kind != child_spawn::StdioSpec::kPipe) continue;
      Local<Value> entry, readable, writable, input;
      if (!stdio->Get(context, i).ToLocal(&entry) || !entry->IsObject()) {
        return Fail("The \"options.stdio\" entries must be objects");
      }
      Local<Object> obj = entry.As<Object>();
      if (!obj->Get(context, OneByteString(isolate_, "readable")).ToLocal(&readable) ||
          !obj->Get(context, OneByteString(isolate_, "writable")).ToLocal(&writable) ||
          !obj->Get(context, OneByteString(isolate_, "input")).ToLocal(&input)) {
        return false;
      }
      SyncPipe& p = pipes_[i];
      p.child_reads = readable->IsUndefined() ? i == 0 : readable->BooleanValue(isolate_);
      p.child_writes = writable->IsUndefined() ? i != 0 : writable->BooleanValue(isolate_);
      if (!input->IsNullOrUndefined()) {
        if (!input->IsArrayBufferView())
          return Fail("The \"options.stdio[i].input\" property must be an ArrayBufferView");
        Local<ArrayBufferView> view = input.As<ArrayBufferView>();
        p.input.resize(view->ByteLength());
        view->CopyContents(&p.input[0], p.input.size());
        p.child_reads = true;
      }
    }
    return true;
  }

  // Spawns and runs the child to its end.
  void Run(child_spawn::SpawnRequest* req) {
    double deadline = timeout_ms_ > 0 ? NowMs() + timeout_ms_ : 0;
    int err = child_spawn::Spawn(req, &pid_);
    for (size_t i = 0; i < req->stdio.size(); i++) pipes_[i].fd = req->stdio[i].parent_fd;
    if (err != 0) {
      SetError(err);
      pid_ = 0;
      return;
    }
    started_ = true;
    pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
    for (SyncPipe& p : pipes_) {
      if (p.fd < 0) continue;
      if (!p.child_reads && !p.child_writes) CloseFd(&p.fd);  // nothing to do with it
      else if (p.child_reads && p.input.empty()) FinishInput(&p);
    }
    for (;;) {
      if (!exited_ && (pidfd_ < 0 || pidfd_ready_)) TryReap();
      if (exited_ && !AnyPipeOpen()) break;
      std::vector<struct pollfd> fds;
      std::vector<size_t> owners;  // pipe index per pollfd; SIZE_MAX: the pidfd
      for (size_t i = 0; i < pipes_.size(); i++) {
        SyncPipe& p = pipes_[i];
        if (p.fd < 0) continue;
        short events = 0;
        if (p.child_writes && !p.eof) events |= POLLIN;
        if (p.child_reads && p.input_off < p.input.size()) events |= POLLOUT;
        if (events == 0) continue;
        fds.push_back({p.fd, events, 0});
        owners.push_back(i);
      }
      if (!exited_ && pidfd_ >= 0) {
        fds.push_back({pidfd_, POLLIN, 0});
        owners.push_back(SIZE_MAX);
      }
      int wait_ms = -1;
      if (deadline > 0 && !killed_) {
        double left = deadline - NowMs();
        wait_ms = left <= 0 ? 0 : static_cast<int>(std::ceil(left));
      }
      if (!exited_ && pidfd_ < 0 && (wait_ms < 0 || wait_ms > kWaitPollMs)) wait_ms = kWaitPollMs;
      int n = poll(fds.data(), fds.size(), wait_ms);
      if (n < 0 && errno != EINTR) {
        SetError(-errno);
        Kill();
        continue;
      }
      if (deadline > 0 && !killed_ && NowMs() >= deadline) {
        SetError(-ETIMEDOUT);
        Kill();
        continue;
      }
      if (n <= 0) continue;
      for (size_t k = 0; k < fds.size(); k++) {
        if (fds[k].revents == 0) continue;
        if (owners[k] == SIZE_MAX) {
          pidfd_ready_ = true;
          continue;
        }
        SyncPipe& p = pipes_[owners[k]];
        if (p.fd < 0) continue;  // closed by a Kill() earlier in this pass
        if (p.child_writes && !p.eof && (fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
          ReadSome(&p);
        if (p.fd >= 0 && (fds[k].revents & (POLLOUT | POLLERR)) && p.child_reads) WriteSome(&p);
      }
    }
  }

  Local<Object> Result(Local<Context> context) {
    Local<Object> result = Object::New(isolate_);
    int err = error_ != 0 ? error_ : pipe_error_;
    if (err != 0) Set(context, result, "error", Integer::New(isolate_, err));
    bool signalled = exited_ && WIFSIGNALED(status_);
    if (exited_ && !signalled) {
      Set(context, result, "status", Integer::New(isolate_, WEXITSTATUS(status_)));
    } else {
      Set(context, result, "status", Null(isolate_));
    }
    if (signalled) {
      Set(context, result, "signal", Integer::New(isolate_, WTERMSIG(status_)));
    } else {
      Set(context, result, "signal", Null(isolate_));
    }
    if (started_) {
      Local<Array> output = Array::New(isolate_, static_cast<int>(pipes_.size()));
      for (uint32_t i = 0; i < pipes_.size(); i++) {
        Local<Value> item = Null(isolate_);
        if (pipes_[i].child_writes) {
          const std::string& bytes = pipes_[i].output;
          Local<ArrayBuffer> ab = ArrayBuffer::New(isolate_, bytes.size());
          // SAFETY: a fresh buffer of exactly bytes.size() bytes.
          if (!bytes.empty()) memcpy(ab->GetBackingStore()->Data(), bytes.data(), bytes.size());
          item = v8::Uint8Array::New(ab, 0, bytes.size());
        }
        output->Set(context, i, item).Check();
      }
      Set(context, result, "output", output);
    } else {
      Set(context, result, "output", Null(isolate_));
    }
    Set(context, result, "pid", Number::New(isolate_, pid_));
    return result;
  }

 private:
  bool Fail(const char* message) {
    ThrowTypeError(isolate_, "ERR_INVALID_ARG_TYPE", message);
    return false;
  }

  void Set(Local<Context> context, Local<Object> obj, const char* key, Local<Value> value) {
    obj->Set(context, OneByteString(isolate_, key), value).Check();
  }

  static void CloseFd(int* fd) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }

  void SetError(int err) {
    if (error_ == 0) error_ = err;
  }

  bool AnyPipeOpen() const {
    for (const SyncPipe& p : pipes_) {
      if (p.fd >= 0) return true;
    }
    return false;
  }

  void TryReap() {
    int status;
    pid_t r;
    do {
      r = waitpid(pid_, &status, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) {
      exited_ = true;
      status_ = status;
      CloseFd(&pidfd_);
    } else if (r < 0) {
      // ECHILD: someone else reaped it; there is no status to report.
      exited_ = true;
      status_ = 0;
      CloseFd(&pidfd_);
    }
  }

  // The timeout or maxBuffer hit: signal the child once, stop all pipe I/O.
  void Kill() {
    if (killed_) return;
    killed_ = true;
    if (!exited_ && kill(pid_, kill_signal_) != 0 && errno != ESRCH) {
      SetError(-errno);
      kill(pid_, SIGKILL);
    }
    for (SyncPipe& p : pipes_) CloseFd(&p.fd);
  }

  void ReadSome(SyncPipe* p) {
    char buf[kReadSize];
    for (;;) {
      ssize_t n = read(p->fd, buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) {
        if (n < 0 && errno != ECONNRESET) pipe_error_ = pipe_error_ ? pipe_error_ : -errno;
        p->eof = true;
        // While input is still being fed, the fd stays open for that.
        if (!p->child_reads || p->input_off >= p->input.size()) CloseFd(&p->fd);
        return;
      }
      p->output.append(buf, n);
      total_output_ += n;
      if (max_buffer_ > 0 && total_output_ > max_buffer_) {
        SetError(-ENOBUFS);
        Kill();
        return;
      }
      if (static_cast<size_t>(n) < sizeof(buf)) return;
    }
  }

  void WriteSome(SyncPipe* p) {
    while (p->input_off < p->input.size()) {
      ssize_t n = write(p->fd, p->input.data() + p->input_off, p->input.size() - p->input_off);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n < 0) {
        if (pipe_error_ == 0) pipe_error_ = -errno;
        p->input_off = p->input.size();
        break;
      }
      p->input_off += n;
    }
    FinishInput(p);
  }

  // All input is out: EOF for the child, and our end closes unless the child
  // also writes to it.
  void FinishInput(SyncPipe* p) {
    if (p->child_writes && !p->eof) {
      shutdown(p->fd, SHUT_WR);
    } else {
      CloseFd(&p->fd);
    }
  }

  Isolate* isolate_;
  std::vector<SyncPipe> pipes_;
  double timeout_ms_ = 0;
  double max_buffer_ = 0;
  int kill_signal_ = SIGTERM;
  pid_t pid_ = 0;
  int pidfd_ = -1;
  bool pidfd_ready_ = false;
  bool started_ = false;
  bool exited_ = false;
  bool killed_ = false;
  int status_ = 0;
  int error_ = 0;
  int pipe_error_ = 0;
  double total_output_ = 0;
};

}  // namespace

// spawn(options) -> result (see the top of this file)
static void Spawn(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  child_spawn::SpawnRequest req;
  if (!child_options::ReadSpawnRequest(context, args[0], &req, false)) return;
  SyncRunner runner(isolate);
  Local<Object> options = args[0].As<Object>();
  if (!runner.ReadOptions(context, options) || !runner.ReadPipes(context, options, req.stdio))
    return;
  runner.Run(&req);
  args.GetReturnValue().Set(runner.Result(context));
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "spawn", Spawn);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(Spawn);
}

}  // namespace kiln::bindings::spawn_sync
