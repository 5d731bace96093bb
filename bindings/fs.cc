// process.binding('fs'): file system calls. For now the synchronous calls
// the module loader needs; js_lib/fs.js builds Node's API over this.
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "runtime/binding.h"

namespace kiln::bindings::fs {

using v8::Context;
using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

// internalModuleStat(path) -> 0 file, 1 directory, -errno otherwise. No
// exception: the loader probes many paths that do not exist.
static void InternalModuleStat(const FunctionCallbackInfo<Value>& args) {
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value path(args.GetIsolate(), args[0]);
  struct stat st;
  if (stat(*path, &st) != 0) return args.GetReturnValue().Set(-errno);
  args.GetReturnValue().Set(S_ISDIR(st.st_mode) ? 1 : 0);
}

static bool ReadAll(int fd, std::string* out) {
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) out->reserve(st.st_size);
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out->append(buf, n);
  }
}

// readFileUtf8(path) -> string; throws Node's error ("ENOENT: no such file
// or directory, open 'x'", "EISDIR: illegal operation on a directory, read").
static void ReadFileUtf8(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value path(isolate, args[0]);
  int fd = open(*path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ThrowErrnoException(isolate, errno, "open", *path);
  std::string data;
  bool ok = ReadAll(fd, &data);
  int err = errno;
  close(fd);
  if (!ok) return ThrowErrnoException(isolate, err, "read");
  Local<String> s;
  if (String::NewFromUtf8(isolate, data.data(), v8::NewStringType::kNormal,
                          static_cast<int>(data.size()))
          .ToLocal(&s))
    args.GetReturnValue().Set(s);
}

// realpath(path) -> string; throws with syscall 'realpath'.
static void Realpath(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsString, "of type string");
  String::Utf8Value path(isolate, args[0]);
  char buf[PATH_MAX];
  if (realpath(*path, buf) == nullptr) return ThrowErrnoException(isolate, errno, "realpath", *path);
  args.GetReturnValue().Set(String::NewFromUtf8(isolate, buf).ToLocalChecked());
}

// writeStringSync(fd, string) -> bytes written; blocks until all is written
// (used for fatal-error output, which must not be lost).
static void WriteStringSync(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  CHECK_ARG(args, 0, IsInt32, "an integer");
  CHECK_ARG(args, 1, IsString, "of type string");
  int fd = args[0].As<v8::Int32>()->Value();
  String::Utf8Value s(isolate, args[1]);
  size_t done = 0, len = s.length();
  while (done < len) {
    ssize_t n = write(fd, *s + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {  // a non-blocking pipe: wait until writable
      fd_set w;
      FD_ZERO(&w);
      FD_SET(fd, &w);
      select(fd + 1, nullptr, &w, nullptr, nullptr);
      continue;
    }
    if (n < 0) return ThrowErrnoException(isolate, errno, "write");
    done += n;
  }
  args.GetReturnValue().Set(static_cast<double>(done));
}

void Initialize(Local<Context> context, Local<Object> target) {
  SetMethod(context, target, "internalModuleStat", InternalModuleStat);
  SetMethod(context, target, "readFileUtf8", ReadFileUtf8);
  SetMethod(context, target, "realpath", Realpath);
  SetMethod(context, target, "writeStringSync", WriteStringSync);
}

void RegisterExternalReferences(ExternalReferences* r) {
  r->Register(InternalModuleStat);
  r->Register(ReadFileUtf8);
  r->Register(Realpath);
  r->Register(WriteStringSync);
}

}  // namespace kiln::bindings::fs
