// process.binding('ipc_channel'): IpcChannel, the stream under a
// child_process IPC channel (fork(), or 'ipc' in spawn's stdio): an FdStream
// over a unix socket whose messages can carry a file descriptor
// (SCM_RIGHTS), which is how a net.Socket or net.Server goes to the other
// process. js_lib/internal/child_process/channel.js drives it.
//
//   new IpcChannel(fd)
//   the stream methods of binding('stream_fd') (writeString, readStart,
//       close, ...)
//   writeWithFd(req, data, fd) -> 0 or -errno: as writeString(req, data,
//       'utf8') (or writeBuffer for an ArrayBufferView), with a duplicate of
//       `fd` sent along with the first byte of `data`.
//   takeFd() -> the oldest fd that arrived with the data read so far, or -1.
//       The caller owns it (it is close-on-exec). Fds never taken are closed
//       with the channel.
#include <sys/socket.h>

#include <algorithm>
#include <deque>

#include "bindings/fd_stream.h"

namespace kiln::bindings::ipc_channel {

using stream_fd::CheckReq;
using stream_fd::CheckStreamConstructor;
using stream_fd::FdStream;
using stream_fd::InitStreamObject;
using v8::Context;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {

constexpr int kMaxFdsPerRead = 16;

class IpcChannel : public FdStream {
 public:
  IpcChannel(Environment* env, Local<Object> object, int fd) : FdStream(env, object, fd) {}
  const char* ResourceName() const override { return "PipeWrap"; }  // as Node's IPC pipe

  ~IpcChannel() override {
    for (int fd : incoming_) close(fd);
    for (const Outgoing& o : outgoing_) close(o.fd);
  }

  static IpcChannel* Unwrap(Local<Object> object) {
    return static_cast<IpcChannel*>(FdStream::Unwrap(object));
  }

  // Writes `data` with a duplicate of `fd` on its first byte. 0 or -errno.
  int WriteWithFd(Local<Object> req, const char* data, size_t len, int fd) {
    if (len == 0) return -EINVAL;  // the fd needs a byte to travel with
    int dup = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (dup < 0) return -errno;
    // Everything queued goes out before these bytes.
    outgoing_.push_back({written_ + queue_bytes(), dup});
    int err = Write(req, data, len);
    if (err != 0 && !outgoing_.empty() && outgoing_.back().fd == dup) {
      close(dup);
      outgoing_.pop_back();
    }
    return err;
  }

  int TakeFd() {
    if (incoming_.empty()) return -1;
    int fd = incoming_.front();
    incoming_.pop_front();
    return fd;
  }

 protected:
  // Up to the byte an outgoing fd rides on: plain writes; that byte and what
  // follows: one sendmsg() with the fd.
  ssize_t WriteFd(const char* data, size_t len) override {
    ssize_t n;
    if (!outgoing_.empty() && outgoing_.front().offset == written_) {
      int fd = outgoing_.front().fd;
      struct iovec iov = {const_cast<char*>(data), len};
      union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
      } control;
      memset(&control, 0, sizeof(control));
      struct msghdr msg;
      memset(&msg, 0, sizeof(msg));
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control.buf;
      msg.msg_controllen = sizeof(control.buf);
      struct cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
      cmsg->cmsg_level = SOL_SOCKET;
      cmsg->cmsg_type = SCM_RIGHTS;
      cmsg->cmsg_len = CMSG_LEN(sizeof(int));
      memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
      n = sendmsg(this->fd(), &msg, MSG_NOSIGNAL);
      if (n > 0) {
        // The kernel holds its own reference now.
        close(fd);
        outgoing_.pop_front();
      }
    } else {
      if (!outgoing_.empty() && outgoing_.front().offset > written_)
        len = std::min<uint64_t>(len, outgoing_.front().offset - written_);
      n = write(this->fd(), data, len);
    }
    if (n > 0) written_ += n;
    return n;
  }

  ssize_t ReadFd(char* buf, size_t len) override {
    struct iovec iov = {buf, len};
    union {
      char buf[CMSG_SPACE(sizeof(int) * kMaxFdsPerRead)];
      struct cmsghdr align;
    } control;
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof(control.buf);
    ssize_t n = recvmsg(this->fd(), &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) return n;
    for (struct cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (size_t i = 0; i < count; i++) {
        int fd;
        memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        incoming_.push_back(fd);
      }
    }
    return n;
  }

 private:
  struct Outgoing {
    uint64_t offset;  // position in the byte stream of the byte it rides on
    int fd;           // our duplicate, closed once sent
  };
  uint64_t written_ = 0;  // bytes the socket has taken so far
  std::deque<Outgoing> outgoing_;
  std::deque<int> incoming_;
};

IpcChannel* This(const FunctionCallbackInfo<Value>& args) {
  IpcChannel* self = IpcChannel::Unwrap(args.This());
  if (self == nullptr)
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be IpcChannel");
  return self;
}

}  // namespace

// new IpcChannel(fd)
static void New(const FunctionCallbackInfo<Value>& args) {
  Environment* env = CheckStreamConstructor(args, "IpcChannel");
  if (env == nullptr) return;
  int fd = args[0].As<v8::Int32>()->Value();
  int flags = fcntl(fd, F_GETFL);
  if (flags == -1) return ThrowErrnoException(args.GetIsolate(), errno, "open");
  // Like any stream's fd: never inherited by children; non-blocking.
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (!(flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  IpcChannel* channel = new IpcChannel(env, args.This(), fd);
  channel->SetFd(fd, true);
  InitStreamObject(args.GetIsolate(), args.This(), fd);
}

// writeWithFd(req, string | arrayBufferView, fd) -> 0 or -errno
static void WriteWithFd(const FunctionCallbackInfo<Value>& args) {
  IpcChannel* self = This(args);
  if (self == nullptr || !CheckReq(args)) return;
  Isolate* isolate = args.GetIsolate();
  if (!args[2]->IsInt32() || args[2].As<v8::Int32>()->Value() < 0) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"fd\" argument must be a non-negative integer");
    return;
  }
  std::string bytes;
  if (args[1]->IsString()) {
    Local<v8::String> str = args[1].As<v8::String>();
    bytes.resize(str->Utf8Length(isolate));
    str->WriteUtf8(isolate, &bytes[0], static_cast<int>(bytes.size()), nullptr,
                   v8::String::REPLACE_INVALID_UTF8 | v8::String::NO_NULL_TERMINATION);
  } else if (args[1]->IsArrayBufferView()) {
    Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
    bytes.resize(view->ByteLength());
    view->CopyContents(&bytes[0], bytes.size());
  } else {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "The \"data\" argument must be a string or an ArrayBufferView");
    return;
  }
  int fd = args[2].As<v8::Int32>()->Value();
  args.GetReturnValue().Set(
      self->WriteWithFd(args[0].As<Object>(), bytes.data(), bytes.size(), fd));
}

// takeFd() -> fd or -1
static void TakeFd(const FunctionCallbackInfo<Value>& args) {
  IpcChannel* self = This(args);
  if (self != nullptr) args.GetReturnValue().Set(self->TakeFd());
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, 1);
  t->SetClassName(OneByteString(isolate, "IpcChannel"));
  stream_fd::InstallStreamMethods(isolate, t);
  SetProtoMethod(isolate, t, "writeWithFd", WriteWithFd);
  SetProtoMethod(isolate, t, "takeFd", TakeFd);
  SetValue(context, target, "IpcChannel", t->GetFunction(context).ToLocalChecked());
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(WriteWithFd);
  r->Register(TakeFd);
}

}  // namespace kiln::bindings::ipc_channel
