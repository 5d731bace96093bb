// SocketWrap: a stream socket handle (TCP or unix domain), the C++ side of
// the TCP and Pipe classes of process.binding('tcp_wrap') / ('pipe_wrap').
// An FdStream (bindings/fd_stream.h) whose one io watcher also serves the two
// states before a socket streams bytes:
//   listening:  EV_READ means connections to accept; each becomes a new
//               handle of the same class, passed to this.onconnection(0, h).
//   connecting: EV_WRITE means the non-blocking connect() finished; its
//               SO_ERROR goes to req.oncomplete(status, handle, req, true, true).
//               A connect() that finished at once (loopback often does, or
//               fails with ECONNREFUSED) is reported the same way: the socket
//               polls writable (or hung up) then, so its callback comes in
//               the io phase, in order with other sockets, as in libuv.
// The socket itself is made by bind()/connect() (the family is known only
// then) or adopted by open(fd). As in libuv, a bind() error is reported by
// listen() and connect() failures always complete asynchronously.
#ifndef KILN_BINDINGS_SOCKET_WRAP_H_
#define KILN_BINDINGS_SOCKET_WRAP_H_

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/un.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "bindings/fd_stream.h"

namespace kiln::bindings::socket_wrap {

using stream_fd::FdStream;
using stream_fd::PendingReq;
using v8::FunctionCallbackInfo;
using v8::Global;
using v8::Local;
using v8::Object;
using v8::Value;

// Handle types, as Node's TCPConstants / PipeConstants.
enum HandleType { kSocket = 0, kServer = 1, kIPC = 2 };

class SocketWrap : public FdStream {
 public:
  SocketWrap(Environment* env, Local<Object> object, int domain, HandleType type,
             Local<v8::Function> ctor)
      : FdStream(env, object, -1), domain_(domain), type_(type) {
    if (!ctor.IsEmpty()) ctor_.Reset(env->isolate(), ctor);
    SetFd(-1, true);
  }

  bool IsSocket() const override { return true; }
  // As Node's TCPWrap and PipeWrap name themselves.
  const char* ResourceName() const override {
    if (domain_ == AF_UNIX) return "PipeWrap";
    return type_ == kServer ? "TCPServerWrap" : "TCPSocketWrap";
  }
  int domain() const { return domain_; }  // AF_UNIX for pipes, else AF_INET(6) or 0

  // Adopts an open socket (an accepted one, or one given by fd). Fds 0-2
  // keep their blocking mode: stdio changes it only through setBlocking().
  int Open(int newfd) {
    if (fd() >= 0 || closing()) return -EINVAL;
    if (newfd > STDERR_FILENO) {
      int flags = fcntl(newfd, F_GETFL);
      if (flags == -1) return -errno;
      if (!(flags & O_NONBLOCK) && fcntl(newfd, F_SETFL, flags | O_NONBLOCK) == -1) return -errno;
      SetFd(newfd, true);
    } else {
      if (fcntl(newfd, F_GETFL) == -1) return -errno;
      SetFd(newfd, false);
    }
    return 0;
  }

  // bind(): TCP sockets get SO_REUSEADDR (and IPV6_V6ONLY when asked), as in
  // libuv. EADDRINUSE is kept for listen() to report.
  int Bind(const sockaddr* addr, socklen_t len, bool ipv6only) {
    int err = EnsureSocket(addr->sa_family);
    if (err != 0) return err;
    if (addr->sa_family != AF_UNIX) {
      int on = 1;
      if (setsockopt(fd(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0) return -errno;
    }
    if (addr->sa_family == AF_INET6) {
      int on = ipv6only ? 1 : 0;
      if (setsockopt(fd(), IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) != 0) return -errno;
    }
    if (bind(fd(), addr, len) != 0) {
      if (errno != EADDRINUSE || addr->sa_family == AF_UNIX) return -errno;
      bind_error_ = -EADDRINUSE;
    } else if (addr->sa_family == AF_UNIX) {
      bound_path_ = reinterpret_cast<const sockaddr_un*>(addr)->sun_path;
    }
    return 0;
  }

  int Listen(int backlog) {
    if (bind_error_ != 0) return bind_error_;
    if (closing()) return -EINVAL;
    if (fd() < 0) {
      // listen() on a fresh TCP handle binds to a random port, as libuv does.
      int err = EnsureSocket(AF_INET);
      if (err != 0) return err;
    }
    if (listen(fd(), backlog) != 0) return -errno;
    listening_ = true;
    UpdateWatcher();
    return 0;
  }

  int Connect(Local<Object> req, const sockaddr* addr, socklen_t len) {
    if (connecting_ || listening_ || closing()) return -EINVAL;
    int err = EnsureSocket(addr->sa_family);
    if (err != 0) return err;
    int r;
    do r = connect(fd(), addr, len); while (r != 0 && errno == EINTR);
    int status = 0;
    if (r != 0 && errno != EINPROGRESS) {
      status = -errno;
      // Other synchronous failures (bad address, no route) are the caller's.
      if (domain_ != AF_UNIX && status != -ECONNREFUSED) return status;
    }
    connect_req_.Start(env(), req);
    connecting_ = true;
    connect_done_ = r == 0 || status != 0;
    connect_status_ = status;
    UpdateWatcher();  // EV_WRITE once the handshake is over
    return 0;
  }

  // Fills *out with this end's (peer = false) or the other end's address.
  int GetName(bool peer, sockaddr_storage* out) {
    if (fd() < 0) return -EBADF;
    socklen_t len = sizeof(*out);
    memset(out, 0, sizeof(*out));
    int r = peer ? getpeername(fd(), reinterpret_cast<sockaddr*>(out), &len)
                 : getsockname(fd(), reinterpret_cast<sockaddr*>(out), &len);
    return r == 0 ? 0 : -errno;
  }

  int SetNoDelay(bool on) {
    if (fd() < 0) return 0;  // applied by net.js again once connected
    int v = on ? 1 : 0;
    return setsockopt(fd(), IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)) == 0 ? 0 : -errno;
  }

  // SO_KEEPALIVE and, when on, the idle time before the first probe (at least
  // 1 s) with probes every second, 10 of them: what libuv sets.
  int SetKeepAlive(bool on, int delay_s) {
    if (fd() < 0) return 0;
    int v = on ? 1 : 0;
    if (setsockopt(fd(), SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) != 0) return -errno;
    if (!on) return 0;
    int idle = delay_s < 1 ? 1 : delay_s, intvl = 1, cnt = 10;
    if (setsockopt(fd(), IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) != 0 ||
        setsockopt(fd(), IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof(intvl)) != 0 ||
        setsockopt(fd(), IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt)) != 0) {
      return -errno;
    }
    return 0;
  }

  // Closes with a RST instead of a FIN (SO_LINGER of 0).
  int Reset(Local<Value> cb) {
    if (fd() >= 0 && !closing()) {
      struct linger l = {1, 0};
      if (setsockopt(fd(), SOL_SOCKET, SO_LINGER, &l, sizeof(l)) != 0) return -errno;
    }
    Close(cb);
    return 0;
  }

 protected:
  int ExtraEvents() const override {
    if (listening_) return EV_READ;
    if (connecting_) return EV_WRITE;
    return 0;
  }

  void HandleIo(int revents) override {
    if (listening_) {
      if (revents & EV_READ) Accept();
      return;
    }
    if (connecting_) {
      if (revents & EV_WRITE) {
        int err = 0;
        socklen_t len = sizeof(err);
        if (connect_done_) err = -connect_status_;
        else if (getsockopt(fd(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
        FinishConnect(-err);
      }
      return;
    }
    FdStream::HandleIo(revents);
  }

  void OnClosing() override {
    listening_ = false;
    // A unix socket file goes with the server that made it, as in libuv.
    if (!bound_path_.empty()) unlink(bound_path_.c_str());
  }

  void OnClosed() override {
    if (connecting_) FinishConnect(-ECANCELED);
  }

 private:
  // Makes the socket for `family` unless there is one (non-blocking,
  // close-on-exec).
  int EnsureSocket(int family) {
    if (closing()) return -EINVAL;
    if (fd() >= 0) return 0;
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    domain_ = family;
    SetFd(fd, true);
    return 0;
  }

  void FinishConnect(int status) {
    connecting_ = false;
    UpdateWatcher();
    if (connect_req_.IsEmpty()) return;
    Local<Object> req = connect_req_.req.Get(isolate());
    Local<Value> oncomplete;
    if (req->Get(env()->context(), OneByteString(isolate(), "oncomplete")).ToLocal(&oncomplete) &&
        oncomplete->IsFunction()) {
      Local<Value> argv[5] = {v8::Integer::New(isolate(), status), object(), req,
                              v8::True(isolate()), v8::True(isolate())};
      env()->MakeCallback(oncomplete.As<v8::Function>(), req, 5, argv);
    }
    // Listed through its callback, as Node's; done unless it connected again.
    if (!connecting_) connect_req_.Clear();
  }

  // Accepts what is pending (bounded, so one busy server cannot starve the
  // loop) and hands each connection to this.onconnection.
  void Accept() {
    for (int i = 0; i < 128 && listening_ && !closing(); i++) {
      int cfd = accept4(fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (cfd < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ECONNABORTED) return;
        int err = -errno;
        // Out of fds: drop what waits (libuv's "emfile trick") so the
        // watcher does not spin, then report it.
        if (err == -EMFILE || err == -ENFILE) DropPending();
        EmitConnection(err, -1);
        return;
      }
      EmitConnection(0, cfd);
    }
  }

  void DropPending() {
    for (int i = 0; i < 1024; i++) {
      int cfd = accept4(fd(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (cfd < 0) return;
      close(cfd);
    }
  }

  // onconnection(status, handle): a new handle of this handle's class that
  // owns `cfd` (closed here when it cannot be made).
  void EmitConnection(int status, int cfd) {
    v8::HandleScope scope(isolate());
    Local<v8::Context> context = env()->context();
    Local<Object> self = object();
    Local<Value> onconnection;
    if (!self->Get(context, OneByteString(isolate(), "onconnection")).ToLocal(&onconnection) ||
        !onconnection->IsFunction()) {
      if (cfd >= 0) close(cfd);
      return;
    }
    Local<Value> argv[2] = {v8::Integer::New(isolate(), status), v8::Undefined(isolate())};
    if (cfd >= 0) {
      Local<Object> client;
      Local<Value> type = v8::Integer::New(isolate(), kSocket);
      FdStream* wrap = nullptr;
      if (!ctor_.IsEmpty() &&
          ctor_.Get(isolate())->NewInstance(context, 1, &type).ToLocal(&client)) {
        wrap = FdStream::Unwrap(client);
      }
      if (wrap == nullptr || !wrap->IsSocket() ||
          static_cast<SocketWrap*>(wrap)->Open(cfd) != 0) {
        close(cfd);
        return;
      }
      static_cast<SocketWrap*>(wrap)->domain_ = domain_;
      argv[1] = client;
    }
    env()->MakeCallback(onconnection.As<v8::Function>(), self, 2, argv);
  }

  int domain_;
  HandleType type_;  // SOCKET, SERVER or IPC, as made
  Global<v8::Function> ctor_;  // this handle's class: accepted handles are made with it
  bool listening_ = false;
  bool connecting_ = false;
  int bind_error_ = 0;        // for listen() to report
  bool connect_done_ = false; // connect() finished at once, with connect_status_
  int connect_status_ = 0;
  PendingReq connect_req_{"ConnectWrap"};
  std::string bound_path_;    // a unix socket file this handle created
};

// ---- helpers shared by tcp_wrap.cc and pipe_wrap.cc -------------------------

// The SocketWrap behind `this`, or null with a TypeError thrown.
inline SocketWrap* Unwrap(const FunctionCallbackInfo<Value>& args) {
  FdStream* s = FdStream::Unwrap(args.This());
  if (s == nullptr || !s->IsSocket()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_THIS", "Value of \"this\" must be a socket handle");
    return nullptr;
  }
  return static_cast<SocketWrap*>(s);
}

// The address a bind() or connect() names, as a class reads it from the
// call's arguments (TCP: an ip and a port, Pipe: a path).
struct SocketAddress {
  sockaddr_storage storage;  // large enough for a sockaddr_un too
  socklen_t len = 0;
  int error = 0;  // -errno for an address that cannot be: the call returns it
  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage); }
};

// Reads the address starting at args[i] into *out; false after throwing a
// TypeError for an argument of the wrong type.
using AddressReader = bool (*)(const FunctionCallbackInfo<Value>& args, int i, SocketAddress* out);

// Methods both classes have; defined in tcp_wrap.cc (registered there once).
void NewSocket(const FunctionCallbackInfo<Value>& args, int domain);
void Open(const FunctionCallbackInfo<Value>& args);
void Listen(const FunctionCallbackInfo<Value>& args);
void Reset(const FunctionCallbackInfo<Value>& args);
void GetFd(const FunctionCallbackInfo<Value>& args);

// The bodies of bind(address...) and connect(req, address...), each class
// reading its own kind of address with `read`; also in tcp_wrap.cc.
void BindWith(const FunctionCallbackInfo<Value>& args, AddressReader read, bool ipv6only);
void ConnectWith(const FunctionCallbackInfo<Value>& args, AddressReader read);

// The class `name` (TCP or Pipe) whose `new` is `ctor`, with the methods
// above and the stream methods; the caller adds its own.
Local<v8::FunctionTemplate> NewSocketClass(v8::Isolate* isolate, const char* name,
                                           v8::FunctionCallback ctor);
// Sets target[name] to t's class and target.constants to the handle types
// every class has (SOCKET, SERVER) and `constants`.
void ExportSocketClass(Local<v8::Context> context, Local<Object> target, const char* name,
                       Local<v8::FunctionTemplate> t,
                       std::initializer_list<std::pair<const char*, int>> constants);

}  // namespace kiln::bindings::socket_wrap

#endif  // KILN_BINDINGS_SOCKET_WRAP_H_
