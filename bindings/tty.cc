// process.binding('tty'): terminal queries for tty.isatty, stdio setup and
// tty.ReadStream#setRawMode. Errors come back as -errno, JS builds the Error.
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "runtime/binding.h"
#include "runtime/environment.h"

namespace kiln::bindings::tty {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Int32Array;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::Value;

namespace {

// Terminal modes saved before the first setRawMode on each fd, restored by
// setRawMode(fd, false) and at exit (as libuv's uv_tty_reset_mode).
struct SavedMode {
  int fd = -1;
  bool raw = false;
  struct termios orig;
};
thread_local SavedMode g_saved[8];
thread_local bool g_cleanup_registered = false;

SavedMode* FindSaved(int fd, bool create) {
  for (SavedMode& s : g_saved)
    if (s.fd == fd) return &s;
  if (!create) return nullptr;
  for (SavedMode& s : g_saved)
    if (s.fd == -1) return &s;
  return nullptr;
}

void ResetModes(void*) {
  for (SavedMode& s : g_saved) {
    if (s.fd >= 0 && s.raw) {
      int r;
      do r = tcsetattr(s.fd, TCSANOW, &s.orig);
      while (r == -1 && errno == EINTR);
      s.raw = false;
    }
  }
}

bool GetFd(const FunctionCallbackInfo<Value>& args, int* fd) {
  if (!args[0]->IsInt32()) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"fd\" argument must be of type number");
    return false;
  }
  *fd = args[0].As<v8::Int32>()->Value();
  return true;
}

// libuv's uv_guess_handle: character devices other than terminals count as
// files; sockets are told apart by type and address family.
const char* GuessHandleType(int fd) {
  if (fd < 0) return "UNKNOWN";
  if (isatty(fd)) return "TTY";
  struct stat s;
  if (fstat(fd, &s) != 0) return "UNKNOWN";
  if (S_ISREG(s.st_mode) || S_ISCHR(s.st_mode)) return "FILE";
  if (S_ISFIFO(s.st_mode)) return "PIPE";
  if (!S_ISSOCK(s.st_mode)) return "UNKNOWN";
  int type;
  socklen_t len = sizeof(type);
  if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0) return "UNKNOWN";
  struct sockaddr_storage ss;
  len = sizeof(ss);
  if (getsockname(fd, reinterpret_cast<struct sockaddr*>(&ss), &len) != 0) return "UNKNOWN";
  bool inet = ss.ss_family == AF_INET || ss.ss_family == AF_INET6;
  if (type == SOCK_DGRAM && inet) return "UDP";
  if (type == SOCK_STREAM) {
    if (inet) return "TCP";
    if (ss.ss_family == AF_UNIX) return "PIPE";
  }
  return "UNKNOWN";
}

}  // namespace

// isatty(fd) -> boolean
static void IsTTY(const FunctionCallbackInfo<Value>& args) {
  int fd;
  if (!GetFd(args, &fd)) return;
  args.GetReturnValue().Set(fd >= 0 && isatty(fd) == 1);
}

// guessHandleType(fd) -> 'TTY' | 'FILE' | 'PIPE' | 'TCP' | 'UDP' | 'UNKNOWN'
static void GuessHandleTypeJS(const FunctionCallbackInfo<Value>& args) {
  int fd;
  if (!GetFd(args, &fd)) return;
  args.GetReturnValue().Set(OneByteString(args.GetIsolate(), GuessHandleType(fd)));
}

// getWindowSize(fd, Int32Array(2)) -> 0 (out = [columns, rows]) or -errno
static void GetWindowSize(const FunctionCallbackInfo<Value>& args) {
  int fd;
  if (!GetFd(args, &fd)) return;
  if (!args[1]->IsInt32Array() || args[1].As<Int32Array>()->Length() < 2) {
    ThrowTypeError(args.GetIsolate(), "ERR_INVALID_ARG_TYPE",
                   "The \"size\" argument must be an Int32Array of length 2");
    return;
  }
  struct winsize ws;
  int r;
  do r = ioctl(fd, TIOCGWINSZ, &ws);
  while (r == -1 && errno == EINTR);
  if (r == -1) return args.GetReturnValue().Set(-errno);
  Local<Int32Array> out = args[1].As<Int32Array>();
  Local<Context> context = args.GetIsolate()->GetCurrentContext();
  out->Set(context, 0, v8::Integer::New(args.GetIsolate(), ws.ws_col)).Check();
  out->Set(context, 1, v8::Integer::New(args.GetIsolate(), ws.ws_row)).Check();
  args.GetReturnValue().Set(0);
}

// setRawMode(fd, raw) -> 0 or -errno. Raw mode as libuv's UV_TTY_MODE_RAW.
static void SetRawMode(const FunctionCallbackInfo<Value>& args) {
  int fd;
  if (!GetFd(args, &fd)) return;
  bool raw = args[1]->BooleanValue(args.GetIsolate());
  if (fd < 0) return args.GetReturnValue().Set(-EBADF);
  SavedMode* saved = FindSaved(fd, raw);
  if (!raw && (saved == nullptr || !saved->raw)) return args.GetReturnValue().Set(0);
  if (saved == nullptr) return args.GetReturnValue().Set(-ENOMEM);

  if (raw && !saved->raw) {
    // Entering raw mode: remember the current mode to go back to.
    if (tcgetattr(fd, &saved->orig) != 0) return args.GetReturnValue().Set(-errno);
    saved->fd = fd;
    Environment* env = Environment::Get(args.GetIsolate());
    if (env != nullptr && !g_cleanup_registered) {
      env->AddCleanupHook(ResetModes, nullptr);
      g_cleanup_registered = true;
    }
  }
  struct termios mode = saved->orig;
  if (raw) {
    mode.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    mode.c_oflag |= ONLCR;
    mode.c_cflag |= CS8;
    mode.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
    mode.c_cc[VMIN] = 1;
    mode.c_cc[VTIME] = 0;
  }
  int r;
  do r = tcsetattr(fd, TCSADRAIN, &mode);
  while (r == -1 && errno == EINTR);
  if (r != 0) return args.GetReturnValue().Set(-errno);
  saved->raw = raw;
  args.GetReturnValue().Set(0);
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "isatty", IsTTY);
  SetMethod(context, target, "guessHandleType", GuessHandleTypeJS);
  SetMethod(context, target, "getWindowSize", GetWindowSize);
  SetMethod(context, target, "setRawMode", SetRawMode);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(IsTTY);
  r->Register(GuessHandleTypeJS);
  r->Register(GetWindowSize);
  r->Register(SetRawMode);
}

}  // namespace kiln::bindings::tty
