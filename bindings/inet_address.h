// IP socket addresses between JS and C++, shared by the TCP and UDP handles
// (bindings/tcp_wrap.cc, bindings/udp_wrap.cc): parsing an address literal
// and a port into a sockaddr, and the {address, family, port} objects that
// getsockname(), getpeername() and UDP's rinfo hand back.
#ifndef KILN_BINDINGS_INET_ADDRESS_H_
#define KILN_BINDINGS_INET_ADDRESS_H_

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::inet {

// Parses an IPv4 literal (v6 false) or an IPv6 one with an optional %zone
// (interface name or index), and a port, into *addr. False for anything else.
inline bool ParseAddress(const char* ip, int port, bool v6, sockaddr_storage* addr,
                         socklen_t* len) {
  if (ip == nullptr || port < 0 || port > 65535) return false;
  memset(addr, 0, sizeof(*addr));
  if (!v6) {
    auto* a = reinterpret_cast<sockaddr_in*>(addr);
    a->sin_family = AF_INET;
    a->sin_port = htons(static_cast<uint16_t>(port));
    *len = sizeof(*a);
    return inet_pton(AF_INET, ip, &a->sin_addr) == 1;
  }
  std::string host(ip);
  auto* a = reinterpret_cast<sockaddr_in6*>(addr);
  a->sin6_family = AF_INET6;
  a->sin6_port = htons(static_cast<uint16_t>(port));
  *len = sizeof(*a);
  size_t pct = host.find('%');
  if (pct != std::string::npos) {
    std::string zone = host.substr(pct + 1);
    host.resize(pct);
    unsigned idx = if_nametoindex(zone.c_str());
    if (idx == 0) idx = static_cast<unsigned>(strtoul(zone.c_str(), nullptr, 10));
    a->sin6_scope_id = idx;
  }
  return inet_pton(AF_INET6, host.c_str(), &a->sin6_addr) == 1;
}

inline bool ParseAddress(v8::Isolate* isolate, v8::Local<v8::Value> ip, int port, bool v6,
                         sockaddr_storage* addr, socklen_t* len) {
  v8::String::Utf8Value str(isolate, ip);
  return ParseAddress(*str, port, v6, addr, len);
}

// Either family: what an IPv4 or IPv6 literal (port 0) is.
inline bool ParseAnyAddress(const char* ip, sockaddr_storage* addr, socklen_t* len) {
  return ParseAddress(ip, 0, false, addr, len) || ParseAddress(ip, 0, true, addr, len);
}

// True when args[ip_index] is a string and the next argument an integer
// port; otherwise throws a TypeError and returns false.
inline bool CheckIpPort(const v8::FunctionCallbackInfo<v8::Value>& args, int ip_index) {
  if (!args[ip_index]->IsString()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"address\" argument must be of type string");
    return false;
  }
  if (!args[ip_index + 1]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"port\" argument must be an integer");
    return false;
  }
  return true;
}

// Sets out.address, out.family ('IPv4' / 'IPv6') and out.port from *ss, in
// Node's order. A link-local IPv6 address gets its %interface, as in Node.
inline void AddressToJS(v8::Isolate* isolate, const sockaddr_storage& ss,
                        v8::Local<v8::Object> out) {
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  char buf[INET6_ADDRSTRLEN + IF_NAMESIZE + 2] = "";
  int port = 0;
  const char* family = "";
  if (ss.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&ss);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof(buf));
    port = ntohs(a->sin_port);
    family = "IPv4";
  } else if (ss.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&ss);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof(buf));
    if (IN6_IS_ADDR_LINKLOCAL(&a->sin6_addr) && a->sin6_scope_id > 0) {
      size_t n = strlen(buf);
      buf[n++] = '%';
      if (if_indextoname(a->sin6_scope_id, buf + n) == nullptr)
        snprintf(buf + n, sizeof(buf) - n, "%u", a->sin6_scope_id);
    }
    port = ntohs(a->sin6_port);
    family = "IPv6";
  }
  out->Set(context, OneByteString(isolate, "address"), OneByteString(isolate, buf)).Check();
  out->Set(context, OneByteString(isolate, "family"), OneByteString(isolate, family)).Check();
  out->Set(context, OneByteString(isolate, "port"), v8::Integer::New(isolate, port)).Check();
}

}  // namespace kiln::bindings::inet

#endif  // KILN_BINDINGS_INET_ADDRESS_H_
