// process.binding('dns'): the system resolver (getaddrinfo / getnameinfo)
// run on the worker pool (runtime/worker_pool.h), for dns.lookup and
// dns.lookupService. dns.resolve*() (DNS wire queries) is not here: see
// docs/networking.md.
//
//   getaddrinfo(req, hostname, family, hints, order) -> 0
//       family 0 | 4 | 6; hints: AI_* flags (constants below); order:
//       kVerbatim, kIpv4First or kIpv6First. Later
//       req.oncomplete(status, addresses): status 0 or a negative libuv code
//       (UV_EAI_NONAME = -3008, ...); addresses: strings, in that order.
//   getnameinfo(req, ip, port) -> 0 | -EINVAL (not an IP literal)
//       later req.oncomplete(status, hostname, service).
//   strerror(code) -> gai_strerror-style text for a libuv EAI code.
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <ada.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/binding.h"
#include "runtime/environment.h"
#include "runtime/worker_pool.h"

namespace kiln::bindings::dns {

using v8::Array;
using v8::Context;
using v8::Function;
using v8::FunctionCallbackInfo;
using v8::Global;
using v8::HandleScope;
using v8::Integer;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

enum Order { kVerbatim = 0, kIpv4First = 1, kIpv6First = 2 };

namespace {

// getaddrinfo's EAI_* as libuv's UV_EAI_* (what JS's uv errmap knows).
int EaiToUv(int eai) {
  switch (eai) {
    case 0: return 0;
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY: return -3000;
#endif
    case EAI_AGAIN: return -3001;
    case EAI_BADFLAGS: return -3002;
#ifdef EAI_CANCELED
    case EAI_CANCELED: return -3003;
#endif
    case EAI_FAIL: return -3004;
    case EAI_FAMILY: return -3005;
    case EAI_MEMORY: return -3006;
#ifdef EAI_NODATA
    case EAI_NODATA: return -3007;
#endif
    case EAI_NONAME: return -3008;
    case EAI_OVERFLOW: return -3009;
    case EAI_SERVICE: return -3010;
    case EAI_SOCKTYPE: return -3011;
    case EAI_SYSTEM: return errno != 0 ? -errno : -3004;
    default: return -3004;
  }
}

const char* UvEaiMessage(int code) {
  switch (code) {
    case -3000: return "address family not supported";
    case -3001: return "temporary failure";
    case -3002: return "bad ai_flags value";
    case -3003: return "request canceled";
    case -3004: return "permanent failure";
    case -3005: return "ai_family not supported";
    case -3006: return "out of memory";
    case -3007: return "no address";
    case -3008: return "unknown node or service";
    case -3009: return "argument buffer overflow";
    case -3010: return "service not available for socket type";
    case -3011: return "socket type not supported";
    case -3013: return "invalid value for hints";
    case -3014: return "resolved protocol is unknown";
    default: return "unknown error";
  }
}

// Base of the two requests: the JS request object and the callback into it.
// Listed in env->requests() until done.
class DnsWork : public WorkerPool::Work, public ActiveResource {
 public:
  DnsWork(Environment* env, Local<Object> req) : env_(env) {
    req_.Reset(env->isolate(), req);
    env->requests().Push(this);
  }
  Local<Object> ResourceObject() const override { return req_.Get(env_->isolate()); }

 protected:
  void Report(int argc, Local<Value>* argv) {
    Isolate* isolate = env_->isolate();
    Local<Object> req = req_.Get(isolate);
    Local<Value> cb;
    if (req->Get(env_->context(), OneByteString(isolate, "oncomplete")).ToLocal(&cb) &&
        cb->IsFunction()) {
      env_->MakeCallback(cb.As<Function>(), req, argc, argv);
    }
  }

  Environment* env_;
  Global<Object> req_;
};

class AddrInfoWork : public DnsWork {
 public:
  AddrInfoWork(Environment* env, Local<Object> req, std::string host, int family, int hints,
               int order)
      : DnsWork(env, req), host_(std::move(host)), family_(family), hints_(hints),
        order_(order) {}
  const char* ResourceName() const override { return "GetAddrInfoReqWrap"; }

  void Run() override {
    addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family_ == 4 ? AF_INET : family_ == 6 ? AF_INET6 : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = hints_;
    addrinfo* res = nullptr;
    errno = 0;
    status_ = EaiToUv(getaddrinfo(host_.c_str(), nullptr, &hints, &res));
    if (status_ != 0) return;
    // Two passes give the ipv4first / ipv6first orders; verbatim takes one.
    for (int pass = 0; pass < 2; pass++) {
      int want = 0;
      if (order_ == kIpv4First) want = pass == 0 ? AF_INET : AF_INET6;
      else if (order_ == kIpv6First) want = pass == 0 ? AF_INET6 : AF_INET;
      else if (pass == 1) break;
      for (addrinfo* p = res; p != nullptr; p = p->ai_next) {
        if (want != 0 && p->ai_family != want) continue;
        char buf[INET6_ADDRSTRLEN];
        const void* src;
        if (p->ai_family == AF_INET)
          src = &reinterpret_cast<sockaddr_in*>(p->ai_addr)->sin_addr;
        else if (p->ai_family == AF_INET6)
          src = &reinterpret_cast<sockaddr_in6*>(p->ai_addr)->sin6_addr;
        else
          continue;
        if (inet_ntop(p->ai_family, src, buf, sizeof(buf)) != nullptr) addresses_.push_back(buf);
      }
    }
    freeaddrinfo(res);
    if (addresses_.empty()) status_ = -3008;  // UV_EAI_NONAME, as Node reports it
  }

  void Done() override {
    std::unique_ptr<AddrInfoWork> self(this);
    Isolate* isolate = env_->isolate();
    HandleScope scope(isolate);
    Local<Context> context = env_->context();
    Context::Scope context_scope(context);
    Local<Array> list = Array::New(isolate, static_cast<int>(addresses_.size()));
    for (size_t i = 0; i < addresses_.size(); i++)
      list->Set(context, static_cast<uint32_t>(i), OneByteString(isolate, addresses_[i].c_str()))
          .Check();
    Local<Value> argv[2] = {Integer::New(isolate, status_), list};
    Report(2, argv);
  }

 private:
  std::string host_;
  int family_, hints_, order_;
  int status_ = 0;
  std::vector<std::string> addresses_;
};

class NameInfoWork : public DnsWork {
 public:
  NameInfoWork(Environment* env, Local<Object> req, const sockaddr_storage& addr, socklen_t len)
      : DnsWork(env, req), addr_(addr), len_(len) {}
  const char* ResourceName() const override { return "GetNameInfoReqWrap"; }

  void Run() override {
    errno = 0;
    status_ = EaiToUv(getnameinfo(reinterpret_cast<const sockaddr*>(&addr_), len_, host_,
                                  sizeof(host_), service_, sizeof(service_), NI_NAMEREQD));
  }

  void Done() override {
    std::unique_ptr<NameInfoWork> self(this);
    Isolate* isolate = env_->isolate();
    HandleScope scope(isolate);
    Context::Scope context_scope(env_->context());
    Local<Value> argv[3] = {Integer::New(isolate, status_), v8::Undefined(isolate),
                            v8::Undefined(isolate)};
    if (status_ == 0) {
      argv[1] = String::NewFromUtf8(isolate, host_).ToLocalChecked();
      argv[2] = String::NewFromUtf8(isolate, service_).ToLocalChecked();
    }
    Report(3, argv);
  }

 private:
  sockaddr_storage addr_;
  socklen_t len_;
  int status_ = 0;
  char host_[NI_MAXHOST] = "";
  char service_[NI_MAXSERV] = "";
};

Environment* RunEnv(Isolate* isolate) {
  Environment* env = Environment::Get(isolate);
  if (env == nullptr) {
    isolate->ThrowException(v8::Exception::Error(
        OneByteString(isolate, "dns is not available while building the snapshot")));
  }
  return env;
}

}  // namespace

// getaddrinfo(req, hostname, family, hints, order) -> 0
static void GetAddrInfo(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsObject()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "The \"req\" argument must be of type object");
  }
  if (!args[1]->IsString()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "The \"hostname\" argument must be of type string");
  }
  int family = args[2]->IsInt32() ? args[2].As<v8::Int32>()->Value() : 0;
  if (family != 0 && family != 4 && family != 6) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_VALUE", "The \"family\" must be 0, 4 or 6");
  }
  int hints = args[3]->IsInt32() ? args[3].As<v8::Int32>()->Value() : 0;
  int order = args[4]->IsInt32() ? args[4].As<v8::Int32>()->Value() : kVerbatim;
  if (order < kVerbatim || order > kIpv6First) order = kVerbatim;
  Environment* env = RunEnv(isolate);
  if (env == nullptr) return;
  String::Utf8Value utf8(isolate, args[1]);
  std::string host(*utf8 ? *utf8 : "", utf8.length());
  // Internationalized names go to the resolver as punycode.
  bool ascii = true;
  for (unsigned char c : host) ascii = ascii && c < 0x80;
  if (!ascii) {
    std::string converted = ada::idna::to_ascii(host);
    if (!converted.empty()) host = converted;
  }
  WorkerPool::ForLoop(env->loop())
      ->Submit(new AddrInfoWork(env, args[0].As<Object>(), host, family, hints, order));
  args.GetReturnValue().Set(0);
}

// getnameinfo(req, ip, port) -> 0 | -EINVAL
static void GetNameInfo(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsObject()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "The \"req\" argument must be of type object");
  }
  if (!args[1]->IsString() || !args[2]->IsInt32()) {
    return ThrowTypeError(isolate, "ERR_INVALID_ARG_TYPE",
                          "getnameinfo takes an address string and an integer port");
  }
  int port = args[2].As<v8::Int32>()->Value();
  String::Utf8Value ip(isolate, args[1]);
  sockaddr_storage addr;
  memset(&addr, 0, sizeof(addr));
  socklen_t len;
  auto* a4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* a6 = reinterpret_cast<sockaddr_in6*>(&addr);
  if (port < 0 || port > 65535 || *ip == nullptr) return args.GetReturnValue().Set(-EINVAL);
  if (inet_pton(AF_INET, *ip, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons(static_cast<uint16_t>(port));
    len = sizeof(*a4);
  } else if (inet_pton(AF_INET6, *ip, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(static_cast<uint16_t>(port));
    len = sizeof(*a6);
  } else {
    return args.GetReturnValue().Set(-EINVAL);
  }
  Environment* env = RunEnv(isolate);
  if (env == nullptr) return;
  WorkerPool::ForLoop(env->loop())->Submit(new NameInfoWork(env, args[0].As<Object>(), addr, len));
  args.GetReturnValue().Set(0);
}

// strerror(code) -> string
static void StrError(const FunctionCallbackInfo<Value>& args) {
  int code = args[0]->IsInt32() ? args[0].As<v8::Int32>()->Value() : 0;
  args.GetReturnValue().Set(OneByteString(args.GetIsolate(), UvEaiMessage(code)));
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "getaddrinfo", GetAddrInfo);
  SetMethod(context, target, "getnameinfo", GetNameInfo);
  SetMethod(context, target, "strerror", StrError);
  SetConstant(context, target, "AI_ADDRCONFIG", AI_ADDRCONFIG);
  SetConstant(context, target, "AI_ALL", AI_ALL);
  SetConstant(context, target, "AI_V4MAPPED", AI_V4MAPPED);
  SetConstant(context, target, "kVerbatim", kVerbatim);
  SetConstant(context, target, "kIpv4First", kIpv4First);
  SetConstant(context, target, "kIpv6First", kIpv6First);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(GetAddrInfo);
  r->Register(GetNameInfo);
  r->Register(StrError);
}

}  // namespace kiln::bindings::dns
