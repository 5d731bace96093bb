// process.binding('udp_wrap'): UDP, a UDP socket handle (the class is in
// bindings/udp_socket.h), shaped as Node's class of the same name; dgram.js
// is its one user.
//
//   new UDP()                        no socket until bind/connect/send
//   open(fd) -> 0 | -errno
//   bind(ip, port, flags) / bind6(...) -> 0 | -errno   flags: constants below
//   connect(ip, port) / connect6(...) -> 0 | -errno, disconnect() -> 0 | -errno
//   send(req, list, count, port, ip, hasCallback) / send6(...)
//   send(req, list, count, hasCallback)      (connected socket)
//       list: ArrayBufferViews making one datagram. Returns its size + 1 when
//       sent at once, 0 when queued (then req.oncomplete(status, size) if
//       hasCallback), or -errno.
//   recvStart() / recvStop() -> 0 | -errno: while receiving,
//       this.onmessage(nread, handle, arraybuffer, {address, family, port})
//       per datagram, or this.onmessage(-errno, handle).
//   getsockname(out) / getpeername(out) -> 0 | -errno
//   setTTL(n), setMulticastTTL(n), setMulticastLoopback(on), setBroadcast(on),
//   setMulticastInterface(ip), addMembership(group, iface),
//   dropMembership(group, iface), addSourceSpecificMembership(src, group,
//   iface), dropSourceSpecificMembership(...) -> 0 | -errno (iface may be
//   undefined)
//   bufferSize(size, isRecv) -> size (size 0 reads it) | -errno
//   getSendQueueSize(), getSendQueueCount(), close([cb]), ref(), unref(),
//   hasRef(), fd (getter)
//
// Every argument is checked: user code can reach this through process.binding.
#include "bindings/udp_socket.h"

namespace kiln::bindings::udp_wrap {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::FunctionTemplate;
using v8::Integer;
using v8::Isolate;
using v8::String;

namespace {

// The receiver: the signature of every method guarantees a UDP instance.
UdpSocket* This(const FunctionCallbackInfo<Value>& args) {
  return static_cast<UdpSocket*>(FdStream::Unwrap(args.This()));
}

bool CheckInt(const FunctionCallbackInfo<Value>& args, int i, const char* name) {
  if (args[i]->IsNumber()) return true;
  std::string msg = std::string("The \"") + name + "\" argument must be of type number";
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE", msg.c_str());
  return false;
}

int IntArg(const FunctionCallbackInfo<Value>& args, int i) {
  return args[i]->Int32Value(args.GetIsolate()->GetCurrentContext()).FromMaybe(0);
}

// A string argument (or, when optional, undefined/null: *absent set).
bool CheckAddress(const FunctionCallbackInfo<Value>& args, int i, bool optional, bool* absent) {
  *absent = optional && args[i]->IsNullOrUndefined();
  if (*absent || args[i]->IsString()) return true;
  ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                 "The address arguments must be of type string");
  return false;
}

void NewSendWrap(const FunctionCallbackInfo<Value>& args) {
  if (!args.IsConstructCall()) {
    ThrowTypeError(args.GetIsolate(), "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor cannot be invoked without 'new'");
  }
}

}  // namespace

// new UDP()
static void New(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor cannot be invoked without 'new'");
    return;
  }
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "UDP handles are not available while building the snapshot")));
    return;
  }
  new UdpSocket(env, args.This());
}

// open(fd) -> 0 | -errno
static void Open(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsInt32() || args[0].As<v8::Int32>()->Value() < 0) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"fd\" argument must be a non-negative integer");
    return;
  }
  args.GetReturnValue().Set(This(args)->Open(args[0].As<v8::Int32>()->Value()));
}

static void BindCommon(const FunctionCallbackInfo<Value>& args, bool v6) {
  if (!inet::CheckIpPort(args, 0)) return;
  int flags = args[2]->IsInt32() ? args[2].As<v8::Int32>()->Value() : 0;
  sockaddr_storage addr;
  socklen_t len;
  if (!inet::ParseAddress(args.GetIsolate(), args[0], args[1].As<v8::Int32>()->Value(), v6,
                          &addr, &len)) {
    return args.GetReturnValue().Set(-EINVAL);
  }
  args.GetReturnValue().Set(This(args)->Bind(reinterpret_cast<sockaddr*>(&addr), len, flags));
}

// bind(ip, port, flags) / bind6(ip, port, flags) -> 0 | -errno
static void Bind(const FunctionCallbackInfo<Value>& args) { BindCommon(args, false); }
static void Bind6(const FunctionCallbackInfo<Value>& args) { BindCommon(args, true); }

static void ConnectCommon(const FunctionCallbackInfo<Value>& args, bool v6) {
  if (!inet::CheckIpPort(args, 0)) return;
  sockaddr_storage addr;
  socklen_t len;
  if (!inet::ParseAddress(args.GetIsolate(), args[0], args[1].As<v8::Int32>()->Value(), v6,
                          &addr, &len)) {
    return args.GetReturnValue().Set(-EINVAL);
  }
  args.GetReturnValue().Set(This(args)->Connect(reinterpret_cast<sockaddr*>(&addr), len));
}

// connect(ip, port) / connect6(ip, port) -> 0 | -errno
static void Connect(const FunctionCallbackInfo<Value>& args) { ConnectCommon(args, false); }
static void Connect6(const FunctionCallbackInfo<Value>& args) { ConnectCommon(args, true); }

// disconnect() -> 0 | -errno
static void Disconnect(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->Disconnect());
}

static void SendCommon(const FunctionCallbackInfo<Value>& args, bool v6) {
  Isolate* isolate = args.GetIsolate();
  Local<Context> context = isolate->GetCurrentContext();
  bool to_address = args.Length() == 6;
  if (!args[0]->IsObject() || !args[1]->IsArray() || !args[2]->IsUint32()) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                   "send takes a request object, an array of buffers and their count");
    return;
  }
  if (to_address && (!args[3]->IsInt32() || !args[4]->IsString())) {
    ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "send takes an integer port and a string ip");
    return;
  }
  Local<v8::Array> list = args[1].As<v8::Array>();
  uint32_t count = args[2].As<v8::Uint32>()->Value();
  if (count > list->Length()) count = list->Length();
  std::vector<iovec> bufs(count);
  for (uint32_t i = 0; i < count; i++) {
    Local<Value> chunk;
    if (!list->Get(context, i).ToLocal(&chunk)) return;
    if (!chunk->IsArrayBufferView()) {
      ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE", "The send list must hold ArrayBufferViews");
      return;
    }
    Local<v8::ArrayBufferView> view = chunk.As<v8::ArrayBufferView>();
    // SAFETY: the view's bytes stay put during the synchronous sendmsg();
    // a queued datagram is copied first.
    char* base = static_cast<char*>(view->Buffer()->GetBackingStore()->Data());
    bufs[i] = {base == nullptr ? nullptr : base + view->ByteOffset(), view->ByteLength()};
  }
  sockaddr_storage addr;
  socklen_t len = 0;
  if (to_address && !inet::ParseAddress(isolate, args[4], args[3].As<v8::Int32>()->Value(), v6,
                                        &addr, &len)) {
    return args.GetReturnValue().Set(-EINVAL);
  }
  bool has_callback = args[to_address ? 5 : 3]->BooleanValue(isolate);
  double r = This(args)->Send(args[0].As<Object>(), bufs,
                              to_address ? reinterpret_cast<sockaddr*>(&addr) : nullptr, len,
                              has_callback);
  args.GetReturnValue().Set(r);
}

// send(...) / send6(...): see the top of the file.
static void Send(const FunctionCallbackInfo<Value>& args) { SendCommon(args, false); }
static void Send6(const FunctionCallbackInfo<Value>& args) { SendCommon(args, true); }

// recvStart() / recvStop() -> 0 | -errno
static void RecvStart(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->RecvStart());
}
static void RecvStop(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->ReadStop());
}

static void GetNameCommon(const FunctionCallbackInfo<Value>& args, bool peer) {
  if (!args[0]->IsObject()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"out\" argument must be of type object");
    return;
  }
  UdpSocket* s = This(args);
  if (s->fd() < 0 || s->closing()) return args.GetReturnValue().Set(-EBADF);
  sockaddr_storage ss;
  socklen_t len = sizeof(ss);
  memset(&ss, 0, sizeof(ss));
  auto* sa = reinterpret_cast<sockaddr*>(&ss);
  int r = peer ? getpeername(s->fd(), sa, &len) : getsockname(s->fd(), sa, &len);
  if (r != 0) return args.GetReturnValue().Set(-errno);
  inet::AddressToJS(args.GetIsolate(), ss, args[0].As<Object>());
  args.GetReturnValue().Set(0);
}

// getsockname(out) / getpeername(out) -> 0 | -errno
static void GetSockName(const FunctionCallbackInfo<Value>& args) { GetNameCommon(args, false); }
static void GetPeerName(const FunctionCallbackInfo<Value>& args) { GetNameCommon(args, true); }

// setTTL(n): 1-255; setMulticastTTL(n): 0-255 (else -EINVAL, as libuv).
static void SetTTL(const FunctionCallbackInfo<Value>& args) {
  if (!CheckInt(args, 0, "ttl")) return;
  int ttl = IntArg(args, 0);
  if (ttl < 1 || ttl > 255) return args.GetReturnValue().Set(-EINVAL);
  args.GetReturnValue().Set(This(args)->SetFamilyOption(IP_TTL, IPV6_UNICAST_HOPS, ttl));
}

static void SetMulticastTTL(const FunctionCallbackInfo<Value>& args) {
  if (!CheckInt(args, 0, "ttl")) return;
  int ttl = IntArg(args, 0);
  if (ttl < 0 || ttl > 255) return args.GetReturnValue().Set(-EINVAL);
  args.GetReturnValue().Set(
      This(args)->SetFamilyOption(IP_MULTICAST_TTL, IPV6_MULTICAST_HOPS, ttl));
}

// setMulticastLoopback(on) / setBroadcast(on) -> 0 | -errno
static void SetMulticastLoopback(const FunctionCallbackInfo<Value>& args) {
  int on = args[0]->BooleanValue(args.GetIsolate()) ? 1 : 0;
  args.GetReturnValue().Set(
      This(args)->SetFamilyOption(IP_MULTICAST_LOOP, IPV6_MULTICAST_LOOP, on));
}

static void SetBroadcast(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->SetBroadcast(args[0]->BooleanValue(args.GetIsolate())));
}

// setMulticastInterface(ip) -> 0 | -errno
static void SetMulticastInterface(const FunctionCallbackInfo<Value>& args) {
  bool absent;
  if (!CheckAddress(args, 0, false, &absent)) return;
  String::Utf8Value iface(args.GetIsolate(), args[0]);
  args.GetReturnValue().Set(This(args)->SetMulticastInterface(*iface));
}

static void MembershipCommon(const FunctionCallbackInfo<Value>& args, bool join) {
  bool absent;
  if (!CheckAddress(args, 0, false, &absent) || !CheckAddress(args, 1, true, &absent)) return;
  String::Utf8Value group(args.GetIsolate(), args[0]);
  String::Utf8Value iface(args.GetIsolate(), args[1]);
  args.GetReturnValue().Set(This(args)->SetMembership(*group, absent ? nullptr : *iface, join));
}

// addMembership(group, iface) / dropMembership(group, iface) -> 0 | -errno
static void AddMembership(const FunctionCallbackInfo<Value>& args) {
  MembershipCommon(args, true);
}
static void DropMembership(const FunctionCallbackInfo<Value>& args) {
  MembershipCommon(args, false);
}

static void SourceMembershipCommon(const FunctionCallbackInfo<Value>& args, bool join) {
  bool absent;
  if (!CheckAddress(args, 0, false, &absent) || !CheckAddress(args, 1, false, &absent) ||
      !CheckAddress(args, 2, true, &absent)) {
    return;
  }
  Isolate* isolate = args.GetIsolate();
  String::Utf8Value source(isolate, args[0]);
  String::Utf8Value group(isolate, args[1]);
  String::Utf8Value iface(isolate, args[2]);
  args.GetReturnValue().Set(
      This(args)->SetSourceMembership(*source, *group, absent ? nullptr : *iface, join));
}

// add/dropSourceSpecificMembership(source, group, iface) -> 0 | -errno
static void AddSourceMembership(const FunctionCallbackInfo<Value>& args) {
  SourceMembershipCommon(args, true);
}
static void DropSourceMembership(const FunctionCallbackInfo<Value>& args) {
  SourceMembershipCommon(args, false);
}

// bufferSize(size, isRecv) -> size | -errno
static void BufferSize(const FunctionCallbackInfo<Value>& args) {
  if (!args[0]->IsInt32()) return args.GetReturnValue().Set(-EINVAL);
  int size = args[0].As<v8::Int32>()->Value();
  int err = This(args)->BufferSize(args[1]->BooleanValue(args.GetIsolate()), &size);
  args.GetReturnValue().Set(err != 0 ? err : size);
}

static void GetSendQueueSize(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(This(args)->send_queue_size()));
}

static void GetSendQueueCount(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(This(args)->send_queue_count()));
}

// close([cb]): cb runs on a later loop iteration.
static void Close(const FunctionCallbackInfo<Value>& args) { This(args)->Close(args[0]); }
static void Ref(const FunctionCallbackInfo<Value>& args) { This(args)->Ref(); }
static void Unref(const FunctionCallbackInfo<Value>& args) { This(args)->Unref(); }
static void HasRef(const FunctionCallbackInfo<Value>& args) {
  args.GetReturnValue().Set(This(args)->has_ref());
}

// The fd getter: -1 when there is none.
static void GetFd(const FunctionCallbackInfo<Value>& args) {
  UdpSocket* s = This(args);
  args.GetReturnValue().Set(s->closing() ? -1 : s->fd());
}

void Initialize(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<FunctionTemplate> t = NewClass(isolate, New, 1);
  t->SetClassName(OneByteString(isolate, "UDP"));
  const struct { const char* name; v8::FunctionCallback fn; } methods[] = {
      {"open", Open}, {"bind", Bind}, {"bind6", Bind6}, {"connect", Connect},
      {"connect6", Connect6}, {"disconnect", Disconnect}, {"send", Send}, {"send6", Send6},
      {"recvStart", RecvStart}, {"recvStop", RecvStop}, {"getsockname", GetSockName},
      {"getpeername", GetPeerName}, {"setTTL", SetTTL}, {"setMulticastTTL", SetMulticastTTL},
      {"setMulticastLoopback", SetMulticastLoopback}, {"setBroadcast", SetBroadcast},
      {"setMulticastInterface", SetMulticastInterface}, {"addMembership", AddMembership},
      {"dropMembership", DropMembership},
      {"addSourceSpecificMembership", AddSourceMembership},
      {"dropSourceSpecificMembership", DropSourceMembership}, {"bufferSize", BufferSize},
      {"getSendQueueSize", GetSendQueueSize}, {"getSendQueueCount", GetSendQueueCount},
      {"close", Close}, {"ref", Ref}, {"unref", Unref}, {"hasRef", HasRef},
  };
  for (const auto& m : methods) SetProtoMethod(isolate, t, m.name, m.fn);
  // The signature makes V8 refuse receivers of other classes.
  Local<FunctionTemplate> getter =
      FunctionTemplate::New(isolate, GetFd, Local<Value>(), v8::Signature::New(isolate, t));
  t->PrototypeTemplate()->SetAccessorProperty(OneByteString(isolate, "fd"), getter);
  SetValue(context, target, "UDP", t->GetFunction(context).ToLocalChecked());

  Local<FunctionTemplate> send_wrap = NewClass(isolate, NewSendWrap, 0);
  send_wrap->SetClassName(OneByteString(isolate, "SendWrap"));
  SetValue(context, target, "SendWrap", send_wrap->GetFunction(context).ToLocalChecked());

  Local<Object> constants = Object::New(isolate);
  SetConstant(context, constants, "UV_UDP_IPV6ONLY", kIPv6Only);
  SetConstant(context, constants, "UV_UDP_REUSEADDR", kReuseAddr);
  SetValue(context, target, "constants", constants);
}

void RegisterExternalReferences(ExternalReferences* r) {
  for (auto fn : {New, NewSendWrap, Open, Bind, Bind6, Connect, Connect6, Disconnect, Send, Send6,
                  RecvStart, RecvStop, GetSockName, GetPeerName, SetTTL, SetMulticastTTL,
                  SetMulticastLoopback, SetBroadcast, SetMulticastInterface, AddMembership,
                  DropMembership, AddSourceMembership, DropSourceMembership, BufferSize,
                  GetSendQueueSize, GetSendQueueCount, Close, Ref, Unref, HasRef, GetFd}) {
    r->Register(fn);
  }
}

}  // namespace kiln::bindings::udp_wrap
