#include "runtime/errors.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "runtime/binding.h"

namespace kiln {

using v8::Context;
using v8::Exception;
using v8::Isolate;
using v8::Local;
using v8::Message;
using v8::Object;
using v8::String;
using v8::Value;

Local<String> GetErrorSource(Isolate* isolate, Local<Context> context, Local<Message> message) {
  if (message.IsEmpty()) return String::Empty(isolate);
  String::Utf8Value name(isolate, message->GetScriptResourceName());
  int line = message->GetLineNumber(context).FromMaybe(0);
  Local<String> src_line;
  if (line <= 0 || !message->GetSourceLine(context).ToLocal(&src_line))
    return String::Empty(isolate);
  String::Utf8Value source(isolate, src_line);
  int start = message->GetStartColumn(context).FromMaybe(0);
  int end = message->GetEndColumn(context).FromMaybe(start + 1);
  // Columns on a script's first line count its columnOffset (vm's option);
  // the printed source line does not, as in Node.
  v8::ScriptOrigin origin = message->GetScriptOrigin();
  int script_start = line - origin.LineOffset() == 1 ? origin.ColumnOffset() : 0;
  if (start >= script_start) {
    start -= script_start;
    end -= script_start;
  }
  std::string out = std::string(*name ? *name : "") + ":" + std::to_string(line) + "\n" +
                    std::string(*source, source.length()) + "\n";
  // Keep tabs so the caret lines up under tab-indented source, as Node does.
  for (int i = 0; i < start && i < source.length(); i++)
    out += ((*source)[i] == '\t') ? '\t' : ' ';
  for (int i = start; i < end || i == start; i++) out += '^';
  out += "\n";
  return String::NewFromUtf8(isolate, out.data(), v8::NewStringType::kNormal,
                             static_cast<int>(out.size()))
      .ToLocalChecked();
}

void PrintCaughtException(Isolate* isolate, Local<Context> context, Local<Value> error,
                          Local<Message> message) {
  v8::HandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  String::Utf8Value header(isolate, GetErrorSource(isolate, context, message));
  Local<Value> stack;
  if (error->IsObject() &&
      error.As<Object>()->Get(context, OneByteString(isolate, "stack")).ToLocal(&stack) &&
      stack->IsString()) {
  } else {
    stack = error;
  }
  String::Utf8Value text(isolate, stack);
  fprintf(stderr, "%s\n%s\n", *header ? *header : "", *text ? *text : "<error>");
  fflush(stderr);
}

const char* ErrnoCode(int err) {
  switch (err) {
#define E(x) case x: return #x;
    E(E2BIG) E(EACCES) E(EADDRINUSE) E(EADDRNOTAVAIL) E(EAFNOSUPPORT) E(EAGAIN)
    E(EALREADY) E(EBADF) E(EBUSY) E(ECANCELED) E(ECHILD) E(ECONNABORTED)
    E(ECONNREFUSED) E(ECONNRESET) E(EDESTADDRREQ) E(EEXIST) E(EFAULT) E(EFBIG)
    E(EHOSTUNREACH) E(EINTR) E(EINVAL) E(EIO) E(EISCONN) E(EISDIR) E(ELOOP)
    E(EMFILE) E(EMLINK) E(EMSGSIZE) E(ENAMETOOLONG) E(ENETDOWN) E(ENETUNREACH)
    E(ENFILE) E(ENOBUFS) E(ENODEV) E(ENOENT) E(ENOMEM) E(ENOSPC) E(ENOSYS)
    E(ENOTCONN) E(ENOTDIR) E(ENOTEMPTY) E(ENOTSOCK) E(ENOTSUP) E(ENXIO) E(EPERM)
    E(EPIPE) E(EPROTO) E(EPROTONOSUPPORT) E(EPROTOTYPE) E(ERANGE) E(EROFS)
    E(ESPIPE) E(ESRCH) E(ETIMEDOUT) E(ETXTBSY) E(EXDEV) E(ESHUTDOWN) E(EOVERFLOW)
    E(EILSEQ) E(ENOTTY) E(ENOEXEC) E(EDOM)
#undef E
    default: return "UNKNOWN";
  }
}

// libuv's messages, which Node prints, differ from strerror's for a few codes.
static const char* ErrnoMessage(int err) {
  switch (err) {
    case EAGAIN: return "resource temporarily unavailable";
    case ENOTSUP: return "operation not supported on socket";
    case EADDRINUSE: return "address already in use";
    case ECONNREFUSED: return "connection refused";
    case ECONNRESET: return "connection reset by peer";
    case EPIPE: return "broken pipe";
    case ETIMEDOUT: return "connection timed out";
    case ENOENT: return "no such file or directory";
    case EACCES: return "permission denied";
    case EEXIST: return "file already exists";
    case EISDIR: return "illegal operation on a directory";
    case ENOTDIR: return "not a directory";
    case ENOTEMPTY: return "directory not empty";
    case EMFILE: return "too many open files";
    case EBADF: return "bad file descriptor";
    case EINVAL: return "invalid argument";
    case EPERM: return "operation not permitted";
    case ESRCH: return "no such process";
    case ELOOP: return "too many symbolic links encountered";
    case EXDEV: return "cross-device link not permitted";
    case ENAMETOOLONG: return "name too long";
    case ESPIPE: return "invalid seek";
    case ETXTBSY: return "text file is busy";
    case EROFS: return "read-only file system";
    case ENOSPC: return "no space left on device";
    case EBUSY: return "resource busy or locked";
    case EFBIG: return "file too large";
    case EMLINK: return "too many links";
    case ENXIO: return "no such device or address";
    case E2BIG: return "argument list too long";
    case EFAULT: return "bad address in system call argument";
    case EINTR: return "interrupted system call";
    case EIO: return "i/o error";
    case ENODEV: return "no such device";
    case ENOSYS: return "function not implemented";
    case ENOTCONN: return "socket is not connected";
    case ENOTSOCK: return "socket operation on non-socket";
    case ECANCELED: return "operation canceled";
    case EADDRNOTAVAIL: return "address not available";
    case EAFNOSUPPORT: return "address family not supported";
    case EALREADY: return "connection already in progress";
    case ECONNABORTED: return "software caused connection abort";
    case EHOSTUNREACH: return "host is unreachable";
    case EISCONN: return "socket is already connected";
    case EMSGSIZE: return "message too long";
    case ENETDOWN: return "network is down";
    case ENETUNREACH: return "network is unreachable";
    case ENFILE: return "file table overflow";
    case ENOBUFS: return "no buffer space available";
    case ENOMEM: return "not enough memory";
    case EPROTO: return "protocol error";
    case EPROTONOSUPPORT: return "protocol not supported";
    case EPROTOTYPE: return "protocol wrong type for socket";
    case ERANGE: return "result too large";
    case ESHUTDOWN: return "cannot send after transport endpoint shutdown";
    case ENOTTY: return "inappropriate ioctl for device";
    case EILSEQ: return "illegal byte sequence";
    default: {
      // strerror's text, lower-cased first letter as libuv's table has it.
      static thread_local char buf[128];
      snprintf(buf, sizeof(buf), "%s", strerror(err));
      if (buf[0] >= 'A' && buf[0] <= 'Z') buf[0] += 'a' - 'A';
      return buf;
    }
  }
}

Local<Object> ErrnoException(Isolate* isolate, int err, const char* syscall, const char* path,
                             const char* dest) {
  if (err < 0) err = -err;
  Local<Context> context = isolate->GetCurrentContext();
  const char* code = ErrnoCode(err);
  std::string msg = std::string(code) + ": " + ErrnoMessage(err) + ", " + syscall;
  if (path) msg += std::string(" '") + path + "'";
  if (dest) msg += std::string(" -> '") + dest + "'";
  Local<Object> e =
      Exception::Error(String::NewFromUtf8(isolate, msg.c_str()).ToLocalChecked()).As<Object>();
  e->Set(context, OneByteString(isolate, "errno"), v8::Integer::New(isolate, -err)).Check();
  e->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, code)).Check();
  e->Set(context, OneByteString(isolate, "syscall"), OneByteString(isolate, syscall)).Check();
  if (path)
    e->Set(context, OneByteString(isolate, "path"),
           String::NewFromUtf8(isolate, path).ToLocalChecked()).Check();
  if (dest)
    e->Set(context, OneByteString(isolate, "dest"),
           String::NewFromUtf8(isolate, dest).ToLocalChecked()).Check();
  return e;
}

void ThrowErrnoException(Isolate* isolate, int err, const char* syscall, const char* path,
                         const char* dest) {
  isolate->ThrowException(ErrnoException(isolate, err, syscall, path, dest));
}

void ThrowTypeError(Isolate* isolate, const char* code, const char* message) {
  Local<Context> context = isolate->GetCurrentContext();
  Local<Object> e =
      Exception::TypeError(String::NewFromUtf8(isolate, message).ToLocalChecked()).As<Object>();
  e->Set(context, OneByteString(isolate, "code"), OneByteString(isolate, code)).Check();
  isolate->ThrowException(e);
}

}  // namespace kiln
