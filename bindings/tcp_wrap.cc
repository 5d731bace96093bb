// process.binding('tcp_wrap'): TCP, a TCP socket handle (bindings/socket_wrap.h
// over FdStream), shaped as Node's class of the same name:
//
//   new TCP(type)                   type: constants.SOCKET or constants.SERVER
//   bind(ip, port) / bind6(ip, port, flags) -> 0 | -errno   (flags: UV_TCP_IPV6ONLY)
//   listen(backlog) -> 0 | -errno   then this.onconnection(status, clientHandle)
//   connect(req, ip, port) / connect6(req, ip, port) -> 0 | -errno
//       then req.oncomplete(status, handle, req, readable, writable)
//   getsockname(out) / getpeername(out) -> 0 | -errno  (out.address/family/port)
//   setNoDelay(on) / setKeepAlive(on, delaySeconds) -> 0 | -errno
//   open(fd) -> 0 | -errno, reset(cb) (close with RST), fd (getter)
//   and the stream methods of stream_fd (readStart, writeBuffer, ...).
//
// Every argument is checked: user code can reach this through process.binding.
// This file also defines the methods TCP shares with Pipe (pipe_wrap.cc).
#include "bindings/inet_address.h"
#include "bindings/socket_wrap.h"

namespace kiln::bindings::socket_wrap {

using v8::Context;
using v8::FunctionTemplate;
using v8::Integer;
using v8::Isolate;
using v8::String;

constexpr int kIPv6Only = 1;  // UV_TCP_IPV6ONLY

void NewSocket(const FunctionCallbackInfo<Value>& args, int domain) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor cannot be invoked without 'new'");
    return;
  }
  if (!args[0]->IsInt32() || args[0].As<v8::Int32>()->Value() < kSocket ||
      args[0].As<v8::Int32>()->Value() > kIPC) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "The \"type\" argument must be 0, 1 or 2");
    return;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "socket handles are not available while building the snapshot")));
    return;
  }
  Local<Object> obj = args.This();
  Local<v8::Function> ctor;
  if (args.NewTarget()->IsFunction()) ctor = args.NewTarget().As<v8::Function>();
  auto type = static_cast<HandleType>(args[0].As<v8::Int32>()->Value());
  new SocketWrap(env, obj, domain, type, ctor);
  obj->Set(isolate->GetCurrentContext(), OneByteString(isolate, "writeQueueSize"),
           Integer::New(isolate, 0)).Check();
}

// open(fd) -> 0 | -errno
void Open(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  if (!args[0]->IsInt32() || args[0].As<v8::Int32>()->Value() < 0) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"fd\" argument must be a non-negative integer");
    return;
  }
  args.GetReturnValue().Set(s->Open(args[0].As<v8::Int32>()->Value()));
}

// listen(backlog) -> 0 | -errno
void Listen(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  if (!args[0]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"backlog\" argument must be an integer");
    return;
  }
  args.GetReturnValue().Set(s->Listen(args[0].As<v8::Int32>()->Value()));
}

// reset([cb]) -> 0 | -errno
void Reset(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s != nullptr) args.GetReturnValue().Set(s->Reset(args[0]));
}

// The fd getter: -1 when there is none.
void GetFd(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s != nullptr) args.GetReturnValue().Set(s->closing() ? -1 : s->fd());
}

void BindWith(const FunctionCallbackInfo<Value>& args, AddressReader read, bool ipv6only) {
  SocketWrap* s = Unwrap(args);
  SocketAddress addr;
  if (s == nullptr || !read(args, 0, &addr)) return;
  if (addr.error != 0) return args.GetReturnValue().Set(addr.error);
  args.GetReturnValue().Set(s->Bind(addr.get(), addr.len, ipv6only));
}

void ConnectWith(const FunctionCallbackInfo<Value>& args, AddressReader read) {
  SocketWrap* s = Unwrap(args);
  SocketAddress addr;
  if (s == nullptr || !stream_fd::CheckReq(args) || !read(args, 1, &addr)) return;
  if (addr.error != 0) return args.GetReturnValue().Set(addr.error);
  args.GetReturnValue().Set(s->Connect(args[0].As<Object>(), addr.get(), addr.len));
}

Local<FunctionTemplate> NewSocketClass(Isolate* isolate, const char* name,
                                       v8::FunctionCallback ctor) {
  Local<FunctionTemplate> t = NewClass(isolate, ctor, 1);
  t->SetClassName(OneByteString(isolate, name));
  stream_fd::InstallStreamMethods(isolate, t);
  SetProtoMethod(isolate, t, "open", Open);
  SetProtoMethod(isolate, t, "listen", Listen);
  SetProtoMethod(isolate, t, "reset", Reset);
  // The signature makes V8 refuse receivers of other classes.
  Local<FunctionTemplate> getter =
      FunctionTemplate::New(isolate, GetFd, Local<Value>(), v8::Signature::New(isolate, t));
  t->PrototypeTemplate()->SetAccessorProperty(OneByteString(isolate, "fd"), getter);
  return t;
}

void ExportSocketClass(Local<Context> context, Local<Object> target, const char* name,
                       Local<FunctionTemplate> t,
                       std::initializer_list<std::pair<const char*, int>> constants) {
  SetValue(context, target, name, t->GetFunction(context).ToLocalChecked());
  Local<Object> object = Object::New(context->GetIsolate());
  SetConstant(context, object, "SOCKET", kSocket);
  SetConstant(context, object, "SERVER", kServer);
  for (const auto& [key, value] : constants) SetConstant(context, object, key, value);
  SetValue(context, target, "constants", object);
}

}  // namespace kiln::bindings::socket_wrap

namespace kiln::bindings::tcp_wrap {

using namespace socket_wrap;  // NOLINT: this file is the TCP half of it
using inet::AddressToJS;
using inet::CheckIpPort;
using inet::ParseAddress;
using v8::Context;
using v8::FunctionTemplate;
using v8::Integer;
using v8::Isolate;
using v8::String;

// new TCP(type)
static void New(const FunctionCallbackInfo<Value>& args) { NewSocket(args, 0); }

// (ip, port) at args[i], args[i + 1]: -EINVAL unless an IPv4 (IPv6) literal
// and a port in range.
template <bool kV6>
static bool ReadIpAddress(const FunctionCallbackInfo<Value>& args, int i, SocketAddress* out) {
  if (!CheckIpPort(args, i)) return false;
  if (!ParseAddress(args.GetIsolate(), args[i], args[i + 1].As<v8::Int32>()->Value(), kV6,
                    &out->storage, &out->len)) {
    out->error = -EINVAL;
  }
  return true;
}

// bind(ip, port) / bind6(ip, port, flags) -> 0 | -errno
static void Bind(const FunctionCallbackInfo<Value>& args) {
  BindWith(args, ReadIpAddress<false>, false);
}
static void Bind6(const FunctionCallbackInfo<Value>& args) {
  int flags = args[2]->IsInt32() ? args[2].As<v8::Int32>()->Value() : 0;
  BindWith(args, ReadIpAddress<true>, (flags & kIPv6Only) != 0);
}

// connect(req, ip, port) / connect6(req, ip, port) -> 0 | -errno
static void Connect(const FunctionCallbackInfo<Value>& args) {
  ConnectWith(args, ReadIpAddress<false>);
}
static void Connect6(const FunctionCallbackInfo<Value>& args) {
  ConnectWith(args, ReadIpAddress<true>);
}

static void GetNameCommon(const FunctionCallbackInfo<Value>& args, bool peer) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  if (!args[0]->IsObject()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"out\" argument must be of type object");
    return;
  }
  sockaddr_storage ss;
  int err = s->GetName(peer, &ss);
  if (err == 0) AddressToJS(args.GetIsolate(), ss, args[0].As<Object>());
  args.GetReturnValue().Set(err);
}

// getsockname(out) / getpeername(out) -> 0 | -errno
static void GetSockName(const FunctionCallbackInfo<Value>& args) { GetNameCommon(args, false); }
static void GetPeerName(const FunctionCallbackInfo<Value>& args) { GetNameCommon(args, true); }

// setNoDelay(on) -> 0 | -errno
static void SetNoDelay(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  args.GetReturnValue().Set(s->SetNoDelay(args[0]->BooleanValue(args.GetIsolate())));
}

// setKeepAlive(on, delaySeconds) -> 0 | -errno
static void SetKeepAlive(const FunctionCallbackInfo<Value>& args) {
  SocketWrap* s = Unwrap(args);
  if (s == nullptr) return;
  int delay = args[1]->IsInt32() ? args[1].As<v8::Int32>()->Value() : 0;
  args.GetReturnValue().Set(s->SetKeepAlive(args[0]->BooleanValue(args.GetIsolate()), delay));
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewSocketClass(isolate, "TCP", New);
  SetProtoMethod(isolate, t, "bind", Bind);
  SetProtoMethod(isolate, t, "bind6", Bind6);
  SetProtoMethod(isolate, t, "connect", Connect);
  SetProtoMethod(isolate, t, "connect6", Connect6);
  SetProtoMethod(isolate, t, "getsockname", GetSockName);
  SetProtoMethod(isolate, t, "getpeername", GetPeerName);
  SetProtoMethod(isolate, t, "setNoDelay", SetNoDelay);
  SetProtoMethod(isolate, t, "setKeepAlive", SetKeepAlive);
  ExportSocketClass(context, target, "TCP", t, {{"UV_TCP_IPV6ONLY", kIPv6Only}});
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(New);
  r->Register(socket_wrap::Open);
  r->Register(socket_wrap::Listen);
  r->Register(socket_wrap::Reset);
  r->Register(socket_wrap::GetFd);
  r->Register(Bind);
  r->Register(Bind6);
  r->Register(Connect);
  r->Register(Connect6);
  r->Register(GetSockName);
  r->Register(GetPeerName);
  r->Register(SetNoDelay);
  r->Register(SetKeepAlive);
}

}  // namespace kiln::bindings::tcp_wrap
