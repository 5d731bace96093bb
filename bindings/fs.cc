// process.binding('fs'): the file system calls js_lib/fs.js builds Node's
// API on. Each call takes its arguments and, last, either undefined (run
// now; a failure throws Node's error, e.g. "ENOENT: no such file or
// directory, open 'x'" with errno/code/syscall/path) or a request object
// whose oncomplete(err, result) runs later, after the call ran on the worker
// pool (bindings/fs_req.h). The calls are grouped by concept in the
// bindings/fs_*.h headers; this file has the small path and fd calls, the
// loader's helpers (internalModuleStat, readFileUtf8, realpath,
// writeStringSync) and the binding's table.
#include <fcntl.h>
#include <poll.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <string>

#include "bindings/fs_copy.h"
#include "bindings/fs_dir.h"
#include "bindings/fs_io.h"
#include "bindings/fs_req.h"
#include "bindings/fs_stat.h"
#include "bindings/fs_watch.h"
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
      if (errno == EAGAIN) {  // a non-blocking pipe or socket (stdin): wait for it
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, -1) >= 0 || errno == EINTR) continue;
      }
      return false;
    }
    out->append(buf, n);
  }
}

// readFileUtf8(path) -> string; throws Node's error ("ENOENT: no such file
// or directory, open 'x'", "EISDIR: illegal operation on a directory, read").
static void ReadFileUtf8(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  // A file descriptor (e.g. 0, whatever stdin is: /dev/stdin cannot be
  // opened when it is a socket) is read to its end and left open.
  bool given_fd = args[0]->IsInt32() && args[0].As<v8::Int32>()->Value() >= 0;
  if (!given_fd) CHECK_ARG(args, 0, IsString, "of type string or a file descriptor");
  String::Utf8Value path(isolate, args[0]);
  int fd = given_fd ? args[0].As<v8::Int32>()->Value() : open(*path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ThrowErrnoException(isolate, errno, "open", *path);
  std::string data;
  bool ok = ReadAll(fd, &data);
  int err = errno;
  if (!given_fd) close(fd);
  if (!ok) return ThrowErrnoException(isolate, err, "read");
  Local<String> s;
  if (String::NewFromUtf8(isolate, data.data(), v8::NewStringType::kNormal,
                          static_cast<int>(data.size()))
          .ToLocal(&s))
    args.GetReturnValue().Set(s);
}

// realpath(path, encoding, req) -> the canonical path; syscall 'realpath'.
// realpath(path) alone is the loader's synchronous UTF-8 form.
static void Realpath(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("realpath", [](CallOp* o) {
    char* r = realpath(o->path_.c_str(), nullptr);
    if (r == nullptr) return errno;
    o->out = r;
    o->has_out = true;
    free(r);
    return 0;
  }, CallOp::kBytes);
  std::string path;
  if (!GetPath(args, 0, &path) || !GetEncoding(args, 1, &op->enc)) return;
  op->SetPath(std::move(path));
  Dispatch(args, 2, op.release());
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

// ---- one-syscall calls --------------------------------------------------------
// Each: (args..., req); the paths and fd as named, numbers as noted.

// Reads args[i] as a path into the op's path (dest when `dest`).
static bool PathArg(const FunctionCallbackInfo<Value>& args, int i, CallOp* op,
                    const char* name = "path", bool dest = false) {
  std::string p;
  if (!GetPath(args, i, &p, name)) return false;
  dest ? op->SetDest(std::move(p)) : op->SetPath(std::move(p));
  return true;
}

// access(path, mode)
static void Access(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("access", [](CallOp* o) {
    return access(o->path_.c_str(), static_cast<int>(o->n[0])) == 0 ? 0 : errno;
  });
  int mode;
  if (!PathArg(args, 0, op.get()) || !GetInt32(args, 1, &mode, "mode")) return;
  op->n[0] = mode;
  Dispatch(args, 2, op.release());
}

// existsSync(path) -> boolean; never throws for a missing file.
static void ExistsSync(const FunctionCallbackInfo<Value>& args) {
  std::string path;
  if (!args[0]->IsString() && !args[0]->IsArrayBufferView())
    return args.GetReturnValue().Set(false);
  if (!GetPath(args, 0, &path)) return;
  args.GetReturnValue().Set(access(path.c_str(), F_OK) == 0);
}

#define PATH_CALL(Name, syscall, expr)                                       \
  static void Name(const FunctionCallbackInfo<Value>& args) {               \
    auto op = std::make_unique<CallOp>(syscall, [](CallOp* o) {             \
      const char* p = o->path_.c_str();                                     \
      return (expr) == 0 ? 0 : errno;                                       \
    });                                                                     \
    if (!PathArg(args, 0, op.get())) return;                                \
    Dispatch(args, 1, op.release());                                        \
  }

PATH_CALL(Rmdir, "rmdir", rmdir(p))
PATH_CALL(Unlink, "unlink", unlink(p))
#undef PATH_CALL

#define FD_CALL(Name, syscall, expr)                                         \
  static void Name(const FunctionCallbackInfo<Value>& args) {               \
    auto op = std::make_unique<CallOp>(syscall, [](CallOp* o) {             \
      return (expr) == 0 ? 0 : errno;                                       \
    });                                                                     \
    if (!GetFd(args, 0, &op->fd)) return;                                   \
    Dispatch(args, 1, op.release());                                        \
  }

FD_CALL(Fsync, "fsync", fsync(o->fd))
FD_CALL(Fdatasync, "fdatasync", fdatasync(o->fd))
#undef FD_CALL

// Two paths, reported as "syscall 'path' -> 'dest'".
#define TWO_PATH_CALL(Name, syscall, first, second, expr)                    \
  static void Name(const FunctionCallbackInfo<Value>& args) {               \
    auto op = std::make_unique<CallOp>(syscall, [](CallOp* o) {             \
      return (expr) == 0 ? 0 : errno;                                       \
    });                                                                     \
    if (!PathArg(args, 0, op.get(), first) ||                               \
        !PathArg(args, 1, op.get(), second, true))                          \
      return;                                                               \
    Dispatch(args, 2, op.release());                                        \
  }

TWO_PATH_CALL(Rename, "rename", "oldPath", "newPath",
              rename(o->path_.c_str(), o->dest_.c_str()))
TWO_PATH_CALL(Link, "link", "existingPath", "newPath",
              link(o->path_.c_str(), o->dest_.c_str()))
#undef TWO_PATH_CALL

// symlink(target, path, flags): flags (UV_FS_SYMLINK_*) mean nothing here.
static void Symlink(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("symlink", [](CallOp* o) {
    return symlink(o->path_.c_str(), o->dest_.c_str()) == 0 ? 0 : errno;
  });
  if (!PathArg(args, 0, op.get(), "target") || !PathArg(args, 1, op.get(), "path", true))
    return;
  Dispatch(args, 3, op.release());
}

// readlink(path, encoding) -> the link's target
static void Readlink(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("readlink", [](CallOp* o) {
    std::string buf(PATH_MAX, '\0');
    for (;;) {
      ssize_t n = readlink(o->path_.c_str(), &buf[0], buf.size());
      if (n < 0) return errno;
      if (static_cast<size_t>(n) < buf.size()) {
        buf.resize(n);
        break;
      }
      buf.resize(buf.size() * 2);
    }
    o->out = std::move(buf);
    o->has_out = true;
    return 0;
  }, CallOp::kBytes);
  if (!PathArg(args, 0, op.get()) || !GetEncoding(args, 1, &op->enc)) return;
  Dispatch(args, 2, op.release());
}

// chmod(path, mode), fchmod(fd, mode)
static void Chmod(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("chmod", [](CallOp* o) {
    return chmod(o->path_.c_str(), static_cast<mode_t>(o->n[0])) == 0 ? 0 : errno;
  });
  int mode;
  if (!PathArg(args, 0, op.get()) || !GetInt32(args, 1, &mode, "mode")) return;
  op->n[0] = mode;
  Dispatch(args, 2, op.release());
}

static void Fchmod(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("fchmod", [](CallOp* o) {
    return fchmod(o->fd, static_cast<mode_t>(o->n[0])) == 0 ? 0 : errno;
  });
  int mode;
  if (!GetFd(args, 0, &op->fd) || !GetInt32(args, 1, &mode, "mode")) return;
  op->n[0] = mode;
  Dispatch(args, 2, op.release());
}

// chown/lchown(path, uid, gid), fchown(fd, uid, gid); -1 keeps an id.
template <int kKind>  // 0 chown, 1 lchown, 2 fchown
static void Chown(const FunctionCallbackInfo<Value>& args) {
  static const char* const kNames[] = {"chown", "lchown", "fchown"};
  auto op = std::make_unique<CallOp>(kNames[kKind], [](CallOp* o) {
    uid_t uid = static_cast<uid_t>(o->n[0]);
    gid_t gid = static_cast<gid_t>(o->n[1]);
    int r = kKind == 0 ? chown(o->path_.c_str(), uid, gid)
          : kKind == 1 ? lchown(o->path_.c_str(), uid, gid)
                       : fchown(o->fd, uid, gid);
    return r == 0 ? 0 : errno;
  });
  if (kKind == 2 ? !GetFd(args, 0, &op->fd) : !PathArg(args, 0, op.get())) return;
  if (!GetInteger(args, 1, &op->n[0], "uid") || !GetInteger(args, 2, &op->n[1], "gid")) return;
  Dispatch(args, 3, op.release());
}

// Seconds (a double) as libuv turns them into a timespec.
static struct timespec ToTimespec(double t) {
  struct timespec ts;
  if (std::isnan(t) || std::isinf(t)) {
    ts.tv_sec = 0;
    ts.tv_nsec = std::isinf(t) && t < 0 ? UTIME_OMIT : UTIME_NOW;
    if (std::isnan(t)) ts.tv_nsec = UTIME_OMIT;
    return ts;
  }
  double sec = std::floor(t);
  ts.tv_sec = static_cast<time_t>(sec);
  ts.tv_nsec = static_cast<long>((t - sec) * 1e9);
  if (ts.tv_nsec >= 1000000000) ts.tv_nsec = 999999999;
  return ts;
}

// utimes/lutimes(path, atime, mtime), futimes(fd, atime, mtime): seconds.
template <int kKind>  // 0 utime, 1 lutime, 2 futime
static void Utimes(const FunctionCallbackInfo<Value>& args) {
  static const char* const kNames[] = {"utime", "lutime", "futime"};
  auto op = std::make_unique<CallOp>(kNames[kKind], [](CallOp* o) {
    struct timespec ts[2] = {ToTimespec(o->t[0]), ToTimespec(o->t[1])};
    int r = kKind == 2 ? futimens(o->fd, ts)
                       : utimensat(AT_FDCWD, o->path_.c_str(), ts,
                                   kKind == 1 ? AT_SYMLINK_NOFOLLOW : 0);
    return r == 0 ? 0 : errno;
  });
  if (kKind == 2 ? !GetFd(args, 0, &op->fd) : !PathArg(args, 0, op.get())) return;
  if (!GetDouble(args, 1, &op->t[0], "atime") || !GetDouble(args, 2, &op->t[1], "mtime")) return;
  Dispatch(args, 3, op.release());
}

// ftruncate(fd, length)
static void Ftruncate(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("ftruncate", [](CallOp* o) {
    return ftruncate(o->fd, o->n[0]) == 0 ? 0 : errno;
  });
  if (!GetFd(args, 0, &op->fd) || !GetInteger(args, 1, &op->n[0], "len")) return;
  Dispatch(args, 2, op.release());
}

// Every function below, in one list for Initialize and the external
// references; the grouped headers add theirs.
#define FS_METHODS(V)                                   \
  V("internalModuleStat", InternalModuleStat)           \
  V("readFileUtf8", ReadFileUtf8)                       \
  V("realpath", Realpath)                               \
  V("writeStringSync", WriteStringSync)                 \
  V("access", Access)                                   \
  V("existsSync", ExistsSync)                           \
  V("open", Open)                                       \
  V("close", Close)                                     \
  V("read", ReadWriteBuffer<false>)                     \
  V("readBuffers", ReadWriteBuffers<false>)             \
  V("writeBuffer", ReadWriteBuffer<true>)               \
  V("writeBuffers", ReadWriteBuffers<true>)             \
  V("writeString", WriteString)                         \
  V("readFile", ReadFile)                               \
  V("writeFile", WriteFile)                             \
  V("copyFile", CopyFile)                               \
  V("stat", StatCall<StatKind::kStat>)                  \
  V("lstat", StatCall<StatKind::kLstat>)                \
  V("fstat", StatCall<StatKind::kFstat>)                \
  V("statfs", Statfs)                                   \
  V("rmdir", Rmdir)                                     \
  V("unlink", Unlink)                                   \
  V("fsync", Fsync)                                     \
  V("fdatasync", Fdatasync)                             \
  V("rename", Rename)                                   \
  V("link", Link)                                       \
  V("symlink", Symlink)                                 \
  V("readlink", Readlink)                               \
  V("chmod", Chmod)                                     \
  V("fchmod", Fchmod)                                   \
  V("chown", Chown<0>)                                  \
  V("lchown", Chown<1>)                                 \
  V("fchown", Chown<2>)                                 \
  V("utimes", Utimes<0>)                                \
  V("lutimes", Utimes<1>)                               \
  V("futimes", Utimes<2>)                               \
  V("ftruncate", Ftruncate)

void Initialize(Local<Context> context, Local<Object> target) {
#define V(name, fn) SetMethod(context, target, name, fn);
  FS_METHODS(V)
#undef V
  SetConstant(context, target, "kFsStatsFieldsNumber", kStatFields);
  InitializeDir(context, target);
  InitializeWatch(context, target);
}

void RegisterExternalReferences(ExternalReferences* r) {
#define V(name, fn) r->Register(fn);
  FS_METHODS(V)
#undef V
  RegisterDir(r);
  RegisterWatch(r);
}

}  // namespace kiln::bindings::fs
