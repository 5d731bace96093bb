// UdpSocket: a UDP socket handle, the C++ side of the UDP class of
// process.binding('udp_wrap') (bindings/udp_wrap.cc is its JS surface).
// Built on FdStream (bindings/fd_stream.h) for what every fd handle shares:
// the one io watcher and its poll-order dispatch, ref/unref, close (callback
// on the next loop iteration) and the lifetime tied to the JS object. The
// byte-stream half of FdStream is unused; datagrams have their own paths:
//   receiving: EV_READ while recvStart()ed; each datagram goes to
//              this.onmessage(nread, handle, arraybuffer, rinfo), an error to
//              this.onmessage(-errno, handle).
//   sending:   sendmsg() at once; what the kernel refuses for now (EAGAIN) is
//              copied and queued, sent on EV_WRITE, then req.oncomplete(status,
//              size) if the sender wanted a callback.
// As in libuv, the socket is made by the first bind(), connect(), send() or
// membership change (the family is known only then): the last three bind it
// to the wildcard address and a random port first ("deferred bind").
#ifndef KILN_BINDINGS_UDP_SOCKET_H_
#define KILN_BINDINGS_UDP_SOCKET_H_

#include <netinet/in.h>
#include <sys/uio.h>

#include <deque>
#include <string>
#include <vector>

#include "bindings/fd_stream.h"
#include "bindings/inet_address.h"

namespace kiln::bindings::udp_wrap {

using stream_fd::FdStream;
using v8::Global;
using v8::Local;
using v8::Object;
using v8::Value;

constexpr int kIPv6Only = 1;   // UV_UDP_IPV6ONLY
constexpr int kReuseAddr = 4;  // UV_UDP_REUSEADDR
constexpr int kRecvBatch = 32; // datagrams read per readiness event, as libuv

// A datagram the kernel could not take at once.
struct SendReq {
  Global<Object> req;        // gets oncomplete(status, size) when has_callback
  std::string data;
  sockaddr_storage addr;
  socklen_t addr_len = 0;    // 0: the connected peer
  bool has_callback = false;
};

class UdpSocket : public FdStream {
 public:
  UdpSocket(Environment* env, Local<Object> object) : FdStream(env, object, -1) {
    SetFd(-1, true);
  }
  ~UdpSocket() override {
    for (SendReq* s : sends_) delete s;
  }
  const char* ResourceName() const override { return "UDPWrap"; }

  // The socket, or -1 when there is none (yet, or any more: a closed
  // handle's fd number may already belong to someone else).
  int sock() const { return closing() ? -1 : fd(); }

  size_t send_queue_size() const { return send_bytes_; }
  size_t send_queue_count() const { return sends_.size(); }

  // Adopts an open UDP socket (made non-blocking; connected or not).
  int Open(int newfd) {
    if (sock() >= 0) return -EBUSY;
    if (closing()) return -EINVAL;
    sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(newfd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) return -errno;
    int flags = fcntl(newfd, F_GETFL);
    if (flags == -1 || fcntl(newfd, F_SETFL, flags | O_NONBLOCK) == -1) return -errno;
    family_ = ss.ss_family;
    SetFd(newfd, true);
    len = sizeof(ss);
    connected_ = getpeername(newfd, reinterpret_cast<sockaddr*>(&ss), &len) == 0;
    return 0;
  }

  // flags: kIPv6Only | kReuseAddr, as uv_udp_bind takes them.
  int Bind(const sockaddr* addr, socklen_t len, int flags) {
    if ((flags & ~(kIPv6Only | kReuseAddr)) != 0) return -EINVAL;
    if ((flags & kIPv6Only) && addr->sa_family != AF_INET6) return -EINVAL;
    int err = EnsureSocket(addr->sa_family);
    if (err != 0) return err;
    int on = 1;
    int s = sock();
    if ((flags & kReuseAddr) && setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0)
      return -errno;
    if ((flags & kIPv6Only) && setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) != 0)
      return -errno;
    if (bind(sock(), addr, len) != 0) return errno == EAFNOSUPPORT ? -EINVAL : -errno;
    return 0;
  }

  int Connect(const sockaddr* addr, socklen_t len) {
    if (connected_) return -EISCONN;
    int err = DeferredBind(addr->sa_family);
    if (err != 0) return err;
    int r;
    do r = connect(sock(), addr, len); while (r != 0 && errno == EINTR);
    if (r != 0) return -errno;
    connected_ = true;
    return 0;
  }

  int Disconnect() {
    if (!connected_) return -ENOTCONN;
    sockaddr_storage none;
    memset(&none, 0, sizeof(none));
    none.ss_family = AF_UNSPEC;
    int r;
    do r = connect(sock(), reinterpret_cast<sockaddr*>(&none), sizeof(none));
    while (r != 0 && errno == EINTR);
    if (r != 0 && errno != EAFNOSUPPORT) return -errno;
    connected_ = false;
    return 0;
  }

  // Sends one datagram made of `bufs` to `addr` (null: the connected peer).
  // Returns its size + 1 when it went out at once (so an empty datagram is
  // told from a queued one), 0 when queued, or -errno.
  double Send(Local<Object> req, const std::vector<iovec>& bufs, const sockaddr* addr,
              socklen_t addr_len, bool has_callback) {
    if (addr == nullptr && !connected_) return -EDESTADDRREQ;
    if (addr != nullptr && connected_) return -EISCONN;
    if (addr != nullptr) {
      int err = DeferredBind(addr->sa_family);
      if (err != 0) return err;
    }
    if (sock() < 0) return -EBADF;
    size_t size = 0;
    for (const iovec& v : bufs) size += v.iov_len;
    if (sends_.empty()) {
      ssize_t n = SendMsg(bufs.data(), bufs.size(), addr, addr_len);
      if (n >= 0) return static_cast<double>(size) + 1;
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOBUFS) return -errno;
    }
    auto* s = new SendReq();
    s->req.Reset(isolate(), req);
    for (const iovec& v : bufs) s->data.append(static_cast<const char*>(v.iov_base), v.iov_len);
    if (addr != nullptr) memcpy(&s->addr, addr, addr_len);
    s->addr_len = addr != nullptr ? addr_len : 0;
    s->has_callback = has_callback;
    sends_.push_back(s);
    send_bytes_ += size;
    UpdateWatcher();
    return 0;
  }

  int RecvStart() {
    int err = DeferredBind(AF_INET);
    return err != 0 ? err : ReadStart();
  }

  // setsockopt() of an int option, at the IPv4 or IPv6 level by the
  // socket's family (EBADF before there is a socket, as in libuv).
  int SetFamilyOption(int v4_name, int v6_name, int value) {
    if (sock() < 0) return -EBADF;
    bool v6 = family_ == AF_INET6;
    if (setsockopt(sock(), v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? v6_name : v4_name, &value,
                   sizeof(value)) != 0) {
      return -errno;
    }
    return 0;
  }

  int SetBroadcast(bool on) {
    if (sock() < 0) return -EBADF;
    int v = on ? 1 : 0;
    return setsockopt(sock(), SOL_SOCKET, SO_BROADCAST, &v, sizeof(v)) == 0 ? 0 : -errno;
  }

  // The multicast interface, by address (IPv4) or by %zone (IPv6); null
  // for the default.
  int SetMulticastInterface(const char* iface) {
    sockaddr_storage ss;
    socklen_t len;
    memset(&ss, 0, sizeof(ss));
    if (iface == nullptr) {
      ss.ss_family = family_ == AF_INET6 ? AF_INET6 : AF_INET;
    } else if (!inet::ParseAnyAddress(iface, &ss, &len)) {
      return -EINVAL;
    }
    if (sock() < 0) return -EBADF;
    int r;
    if (ss.ss_family == AF_INET) {
      r = setsockopt(sock(), IPPROTO_IP, IP_MULTICAST_IF,
                     &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr, sizeof(in_addr));
    } else {
      unsigned scope = reinterpret_cast<sockaddr_in6*>(&ss)->sin6_scope_id;
      r = setsockopt(sock(), IPPROTO_IPV6, IPV6_MULTICAST_IF, &scope, sizeof(scope));
    }
    return r == 0 ? 0 : -errno;
  }

  // Joins (or leaves) `group` on `iface` (null: any interface).
  int SetMembership(const char* group, const char* iface, bool join) {
    Membership m;
    int err = PrepareMembership(group, nullptr, iface, &m);
    if (err != 0) return err;
    if (m.group.ss_family == AF_INET) {
      ip_mreq mreq = {reinterpret_cast<sockaddr_in*>(&m.group)->sin_addr, m.v4};
      int opt = join ? IP_ADD_MEMBERSHIP : IP_DROP_MEMBERSHIP;
      return SockOpt(IPPROTO_IP, opt, &mreq, sizeof(mreq));
    }
    ipv6_mreq mreq = {reinterpret_cast<sockaddr_in6*>(&m.group)->sin6_addr, m.v6};
    return SockOpt(IPPROTO_IPV6, join ? IPV6_ADD_MEMBERSHIP : IPV6_DROP_MEMBERSHIP, &mreq,
                   sizeof(mreq));
  }

  // Source-specific multicast: datagrams to `group` from `source` only.
  int SetSourceMembership(const char* source, const char* group, const char* iface, bool join) {
    Membership m;
    int err = PrepareMembership(group, source, iface, &m);
    if (err != 0) return err;
    if (m.group.ss_family == AF_INET) {
      ip_mreq_source mreq = {reinterpret_cast<sockaddr_in*>(&m.group)->sin_addr, m.v4,
                             reinterpret_cast<sockaddr_in*>(&m.source)->sin_addr};
      int opt = join ? IP_ADD_SOURCE_MEMBERSHIP : IP_DROP_SOURCE_MEMBERSHIP;
      return SockOpt(IPPROTO_IP, opt, &mreq, sizeof(mreq));
    }
    group_source_req req;
    memset(&req, 0, sizeof(req));
    req.gsr_interface = m.v6;
    memcpy(&req.gsr_group, &m.group, sizeof(sockaddr_in6));
    memcpy(&req.gsr_source, &m.source, sizeof(sockaddr_in6));
    int opt = join ? MCAST_JOIN_SOURCE_GROUP : MCAST_LEAVE_SOURCE_GROUP;
    return SockOpt(IPPROTO_IPV6, opt, &req, sizeof(req));
  }

  // SO_RCVBUF / SO_SNDBUF: *size 0 reads it into *size, else sets it.
  int BufferSize(bool recv, int* size) {
    int opt = recv ? SO_RCVBUF : SO_SNDBUF;
    socklen_t len = sizeof(*size);
    int r = *size == 0 ? getsockopt(sock(), SOL_SOCKET, opt, size, &len)
                       : setsockopt(sock(), SOL_SOCKET, opt, size, len);
    return r == 0 ? 0 : -errno;
  }

 protected:
  int ExtraEvents() const override { return sends_.empty() ? 0 : EV_WRITE; }

  void HandleIo(int revents) override {
    if (revents & EV_WRITE) FlushSends();
    if ((revents & EV_READ) && reading() && !closing()) Receive();
  }

  // Queued datagrams fail with ECANCELED, as libuv reports them.
  void OnClosed() override {
    std::deque<SendReq*> sends;
    sends.swap(sends_);
    send_bytes_ = 0;
    for (SendReq* s : sends) Complete(s, -ECANCELED);
  }

 private:
  int EnsureSocket(int family) {
    if (closing()) return -EINVAL;
    if (sock() >= 0) return 0;
    int s = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s < 0) return -errno;
    family_ = family;
    SetFd(s, true);
    return 0;
  }

  int SockOpt(int level, int name, const void* value, socklen_t len) {
    return setsockopt(sock(), level, name, value, len) == 0 ? 0 : -errno;
  }

  struct Membership {
    sockaddr_storage group, source;
    in_addr v4;   // the interface of an IPv4 group (INADDR_ANY: any)
    unsigned v6;  // the interface index of an IPv6 group (0: any)
  };

  // Parses a membership's addresses (source may be null) and makes sure
  // there is a socket, in libuv's order. 0 or -errno.
  int PrepareMembership(const char* group, const char* source, const char* iface,
                        Membership* m) {
    socklen_t len;
    if (!inet::ParseAnyAddress(group, &m->group, &len)) return -EINVAL;
    int family = m->group.ss_family;
    if (source != nullptr &&
        (!inet::ParseAnyAddress(source, &m->source, &len) || m->source.ss_family != family)) {
      return -EINVAL;
    }
    int err = DeferredBind(family, kReuseAddr);
    if (err != 0) return err;
    m->v4.s_addr = htonl(INADDR_ANY);
    m->v6 = 0;
    if (iface == nullptr) return 0;
    if (family == AF_INET) return inet_pton(AF_INET, iface, &m->v4) == 1 ? 0 : -EINVAL;
    sockaddr_storage ss;
    if (!inet::ParseAnyAddress(iface, &ss, &len) || ss.ss_family != AF_INET6) return -EINVAL;
    m->v6 = reinterpret_cast<sockaddr_in6*>(&ss)->sin6_scope_id;
    return 0;
  }

  // Binds a socket-less handle to the wildcard address of `family`.
  int DeferredBind(int family, int flags = 0) {
    if (sock() >= 0) return 0;
    sockaddr_storage any;
    memset(&any, 0, sizeof(any));
    any.ss_family = static_cast<sa_family_t>(family);
    socklen_t len = family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    return Bind(reinterpret_cast<sockaddr*>(&any), len, flags);
  }

  ssize_t SendMsg(const iovec* iov, size_t count, const sockaddr* addr, socklen_t len) {
    msghdr h;
    memset(&h, 0, sizeof(h));
    h.msg_name = const_cast<sockaddr*>(addr);
    h.msg_namelen = addr != nullptr ? len : 0;
    h.msg_iov = const_cast<iovec*>(iov);
    h.msg_iovlen = count;
    ssize_t n;
    do n = sendmsg(sock(), &h, 0); while (n < 0 && errno == EINTR);
    return n;
  }

  void FlushSends() {
    std::vector<std::pair<SendReq*, int>> done;
    while (!sends_.empty()) {
      SendReq* s = sends_.front();
      iovec v = {const_cast<char*>(s->data.data()), s->data.size()};
      const sockaddr* addr = s->addr_len != 0 ? reinterpret_cast<sockaddr*>(&s->addr) : nullptr;
      ssize_t n = SendMsg(&v, 1, addr, s->addr_len);
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)) break;
      sends_.pop_front();
      send_bytes_ -= s->data.size();
      done.emplace_back(s, n < 0 ? -errno : 0);
    }
    UpdateWatcher();
    // Callbacks last: they may send again or close this socket.
    for (auto& entry : done) Complete(entry.first, entry.second);
  }

  void Complete(SendReq* s, int status) {
    v8::HandleScope scope(isolate());
    Local<Object> req = s->req.Get(isolate());
    double size = static_cast<double>(s->data.size());
    bool call = s->has_callback;
    delete s;
    Local<Value> oncomplete;
    if (!call ||
        !req->Get(env()->context(), OneByteString(isolate(), "oncomplete")).ToLocal(&oncomplete) ||
        !oncomplete->IsFunction()) {
      return;
    }
    Local<Value> argv[2] = {v8::Integer::New(isolate(), status), v8::Number::New(isolate(), size)};
    env()->MakeCallback(oncomplete.As<v8::Function>(), req, 2, argv);
  }

  void Receive() {
    for (int i = 0; i < kRecvBatch && reading() && !closing(); i++) {
      char buf[stream_fd::kReadSize];
      sockaddr_storage from;
      iovec v = {buf, sizeof(buf)};
      msghdr h;
      memset(&h, 0, sizeof(h));
      memset(&from, 0, sizeof(from));
      h.msg_name = &from;
      h.msg_namelen = sizeof(from);
      h.msg_iov = &v;
      h.msg_iovlen = 1;
      ssize_t n;
      do n = recvmsg(sock(), &h, 0); while (n < 0 && errno == EINTR);
      if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK) EmitMessage(-errno, nullptr, nullptr);
        return;
      }
      EmitMessage(static_cast<int>(n), buf, &from);
    }
  }

  // onmessage(nread, handle, arraybuffer, rinfo), or (-errno, handle).
  void EmitMessage(int nread, const char* data, const sockaddr_storage* from) {
    v8::HandleScope scope(isolate());
    Local<Object> self = object();
    Local<Value> onmessage;
    if (!self->Get(env()->context(), OneByteString(isolate(), "onmessage")).ToLocal(&onmessage) ||
        !onmessage->IsFunction()) {
      return;
    }
    Local<Value> argv[4] = {v8::Integer::New(isolate(), nread), self, v8::Undefined(isolate()),
                            v8::Undefined(isolate())};
    int argc = 2;
    if (nread >= 0) {
      Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate(), nread);
      // SAFETY: a fresh buffer of exactly `nread` bytes.
      if (nread > 0) memcpy(ab->GetBackingStore()->Data(), data, nread);
      Local<Object> rinfo = Object::New(isolate());
      inet::AddressToJS(isolate(), *from, rinfo);
      argv[2] = ab;
      argv[3] = rinfo;
      argc = 4;
    }
    env()->MakeCallback(onmessage.As<v8::Function>(), self, argc, argv);
  }

  int family_ = 0;  // of the socket, once there is one
  bool connected_ = false;
  std::deque<SendReq*> sends_;
  size_t send_bytes_ = 0;
};

}  // namespace kiln::bindings::udp_wrap

#endif  // KILN_BINDINGS_UDP_SOCKET_H_
