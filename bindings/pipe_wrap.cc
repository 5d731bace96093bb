// process.binding('pipe_wrap'): Pipe, a unix domain socket handle (or an
// adopted pipe fd), shaped as Node's class of the same name. Shares
// SocketWrap (bindings/socket_wrap.h) and its methods with TCP:
//
//   new Pipe(type)                  type: constants.SOCKET, SERVER or IPC
//   bind(path) -> 0 | -errno        (the file is removed again on close)
//   listen(backlog) -> 0 | -errno   then this.onconnection(status, clientHandle)
//   connect(req, path) -> 0         then req.oncomplete(status, handle, req, r, w)
//   fchmod(mode) -> 0 | -errno      mode: constants.UV_READABLE | UV_WRITABLE
//   open(fd), reset(cb), fd, setPendingInstances(n) (no-op off Windows)
//   and the stream methods of stream_fd.
#include <sys/stat.h>

#include "bindings/socket_wrap.h"

namespace kiln::bindings::pipe_wrap {

using namespace socket_wrap;  // NOLINT: this file is the unix-socket half of it
using v8::Context;
using v8::FunctionTemplate;
using v8::Isolate;
using v8::String;

constexpr int kReadable = 1;  // UV_READABLE
constexpr int kWritable = 2;  // UV_WRITABLE

namespace {

// The path at args[i]: -ENOENT when empty, -ENAMETOOLONG when it does not
// fit a sockaddr_un.
bool ReadPathAddress(const FunctionCallbackInfo<Value>& args, int i, SocketAddress* out) {
  if (!args[i]->IsString()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"path\" argument must be of type string");
    return false;
  }
  String::Utf8Value str(args.GetIsolate(), args[i]);
  auto* addr = reinterpret_cast<sockaddr_un*>(&out->storage);
  memset(addr, 0, sizeof(*addr));
  addr->sun_family = AF_UNIX;
  size_t n = static_cast<size_t>(str.length());
  if (*str == nullptr || n == 0) {
    out->error = -ENOENT;
  } else if (n >= sizeof(addr->sun_path)) {
    out->error = -ENAMETOOLONG;
  } else {
    memcpy(addr->sun_path, *str, n);
    out->len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + n + 1);
  }
  return true;
}

}  // namespace

// new Pipe(type)
static void New(const FunctionCallbackInfo<Value>& args) { NewSocket(args, AF_UNIX); }

// bind(path) -> 0 | -errno
static void Bind(const FunctionCallbackInfo<Value>& args) {
  BindWith(args, ReadPathAddress, false);
}

// connect(req, path) -> 0 | -errno; failures arrive through req.oncomplete.
static void Connect(const FunctionCallbackInfo<Value>& args) {
  ConnectWith(args, ReadPathAddress);
}

// fchmod(mode) -> 0 | -errno: makes the bound socket's file readable and/or
// writable by everyone (chmod on its path: fchmod on a socket fd does not
// reach the file).
static void Fchmod(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  if (!args[0]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"mode\" argument must be an integer");
    return;
  }
  int mode = args[0].As<v8::Int32>()->Value();
  if (mode != kReadable && mode != kWritable && mode != (kReadable | kWritable))
    return args.GetReturnValue().Set(-EINVAL);
  if (s->fd() < 0) return args.GetReturnValue().Set(-EBADF);
  sockaddr_un addr;
  socklen_t len = sizeof(addr);
  memset(&addr, 0, sizeof(addr));
  if (getsockname(s->fd(), reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return args.GetReturnValue().Set(-errno);
  if (addr.sun_path[0] == '\0') return args.GetReturnValue().Set(-EINVAL);  // abstract
  struct stat st;
  if (stat(addr.sun_path, &st) != 0) return args.GetReturnValue().Set(-errno);
  mode_t want = 0;
  if (mode & kReadable) want |= S_IRUSR | S_IRGRP | S_IROTH;
  if (mode & kWritable) want |= S_IWUSR | S_IWGRP | S_IWOTH;
  if ((st.st_mode & want) == want) return args.GetReturnValue().Set(0);
  args.GetReturnValue().Set(chmod(addr.sun_path, (st.st_mode | want) & 07777) == 0 ? 0 : -errno);
}

static void SetPendingInstances(const FunctionCallbackInfo<Value>&) {}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewSocketClass(isolate, "Pipe", New);
  SetProtoMethod(isolate, t, "bind", Bind);
  SetProtoMethod(isolate, t, "connect", Connect);
  SetProtoMethod(isolate, t, "fchmod", Fchmod);
  SetProtoMethod(isolate, t, "setPendingInstances", SetPendingInstances);
  ExportSocketClass(context, target, "Pipe", t,
                    {{"IPC", kIPC}, {"UV_READABLE", kReadable}, {"UV_WRITABLE", kWritable}});
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(Bind);
  r->Register(Connect);
  r->Register(Fchmod);
  r->Register(SetPendingInstances);
}

}  // namespace kiln::bindings::pipe_wrap
