// stat/lstat/fstat and statfs for the fs binding (included by bindings/fs.cc).
//
//   stat(path, bigint, req, out) / lstat(path, bigint, req, out) /
//   fstat(fd, bigint, req, out)
//       -> a Float64Array (BigInt64Array when `bigint`) of kStatFields values:
//          dev mode nlink uid gid rdev blksize ino size blocks, then seconds
//          and nanoseconds of atime mtime ctime birthtime. A synchronous call
//          fills `out` when it is such an array (of at least kStatFields),
//          saving an allocation; otherwise the array is new.
//   statfs(path, bigint, req) -> [type bsize blocks bfree bavail files ffree].
//
// Linux statx() as libuv uses it, so birthtime is real where the file
// system records it (and 0 where it does not).
#ifndef KILN_BINDINGS_FS_STAT_H_
#define KILN_BINDINGS_FS_STAT_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>

#include "bindings/fs_req.h"

namespace kiln::bindings::fs {

inline constexpr int kStatFields = 18;

struct StatData {
  int64_t v[kStatFields];
};

enum class StatKind { kStat, kLstat, kFstat };

// 0 or an errno. Never touches V8 (runs on pool threads).
inline int DoStat(StatKind kind, const char* path, int fd, StatData* out) {
  struct statx sx;
  int r;
  if (kind == StatKind::kFstat) {
    r = statx(fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS | STATX_BTIME, &sx);
  } else {
    r = statx(AT_FDCWD, path, kind == StatKind::kLstat ? AT_SYMLINK_NOFOLLOW : 0,
              STATX_BASIC_STATS | STATX_BTIME, &sx);
  }
  if (r != 0) return errno;
  int64_t* v = out->v;
  v[0] = makedev(sx.stx_dev_major, sx.stx_dev_minor);
  v[1] = sx.stx_mode;
  v[2] = sx.stx_nlink;
  v[3] = sx.stx_uid;
  v[4] = sx.stx_gid;
  v[5] = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
  v[6] = sx.stx_blksize;
  v[7] = static_cast<int64_t>(sx.stx_ino);
  v[8] = static_cast<int64_t>(sx.stx_size);
  v[9] = static_cast<int64_t>(sx.stx_blocks);
  const struct statx_timestamp* ts[4] = {&sx.stx_atime, &sx.stx_mtime, &sx.stx_ctime,
                                         &sx.stx_btime};
  for (int i = 0; i < 4; i++) {
    v[10 + 2 * i] = ts[i]->tv_sec;
    v[11 + 2 * i] = ts[i]->tv_nsec;
  }
  return 0;
}

// `count` int64 values as a new Float64Array or BigInt64Array, or into
// `out` when it is one of those of the right kind and size.
inline Local<Value> StatArray(Isolate* isolate, const int64_t* v, int count, bool bigint,
                              Local<Value> out = Local<Value>()) {
  if (bigint) {
    Local<v8::BigInt64Array> a;
    if (!out.IsEmpty() && out->IsBigInt64Array() &&
        out.As<v8::BigInt64Array>()->Length() >= static_cast<size_t>(count)) {
      a = out.As<v8::BigInt64Array>();
    } else {
      a = v8::BigInt64Array::New(v8::ArrayBuffer::New(isolate, count * 8), 0, count);
    }
    // SAFETY: the array's own memory, `count` elements checked above.
    int64_t* d = reinterpret_cast<int64_t*>(static_cast<char*>(a->Buffer()->Data()) +
                                            a->ByteOffset());
    for (int i = 0; i < count; i++) d[i] = v[i];
    return a;
  }
  Local<v8::Float64Array> a;
  if (!out.IsEmpty() && out->IsFloat64Array() &&
      out.As<v8::Float64Array>()->Length() >= static_cast<size_t>(count)) {
    a = out.As<v8::Float64Array>();
  } else {
    a = v8::Float64Array::New(v8::ArrayBuffer::New(isolate, count * 8), 0, count);
  }
  double* d = reinterpret_cast<double*>(static_cast<char*>(a->Buffer()->Data()) + a->ByteOffset());
  for (int i = 0; i < count; i++) d[i] = static_cast<double>(v[i]);
  return a;
}

class StatOp : public FsOp {
 public:
  StatOp(StatKind kind, bool bigint)
      : FsOp(kind == StatKind::kStat ? "stat" : kind == StatKind::kLstat ? "lstat" : "fstat"),
        kind_(kind), bigint_(bigint) {}
  void Exec() override {
    int e = DoStat(kind_, path_.c_str(), fd_, &data_);
    if (e != 0) Fail(e);
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    return StatArray(isolate, data_.v, kStatFields, bigint_);
  }
  int fd_ = -1;

 private:
  StatKind kind_;
  bool bigint_;
  StatData data_;
};

template <StatKind kind>
void StatCall(const FunctionCallbackInfo<Value>& args) {
  bool bigint = GetBool(args, 1);
  int fd = -1;
  std::string path;
  if (kind == StatKind::kFstat) {
    if (!GetFd(args, 0, &fd)) return;
  } else if (!GetPath(args, 0, &path)) {
    return;
  }
  if (args[2]->IsUndefined()) {
    // Synchronous: no op object, straight into `out` when given (the
    // module loader and statSync loops make this the hot path).
    StatData data;
    int err = DoStat(kind, path.c_str(), fd, &data);
    Isolate* isolate = args.GetIsolate();
    if (err != 0) {
      const char* names[] = {"stat", "lstat", "fstat"};
      isolate->ThrowException(ErrnoException(isolate, err, names[static_cast<int>(kind)],
                                              kind == StatKind::kFstat ? nullptr : path.c_str()));
      return;
    }
    args.GetReturnValue().Set(StatArray(isolate, data.v, kStatFields, bigint, args[3]));
    return;
  }
  auto op = std::make_unique<StatOp>(kind, bigint);
  op->fd_ = fd;
  if (kind != StatKind::kFstat) op->SetPath(std::move(path));
  Dispatch(args, 2, op.release());
}

class StatfsOp : public FsOp {
 public:
  explicit StatfsOp(bool bigint) : FsOp("statfs"), bigint_(bigint) {}
  void Exec() override {
    struct statfs s;
    if (statfs(path_.c_str(), &s) != 0) return Fail(errno);
    v_[0] = s.f_type;
    v_[1] = s.f_bsize;
    v_[2] = s.f_blocks;
    v_[3] = s.f_bfree;
    v_[4] = s.f_bavail;
    v_[5] = s.f_files;
    v_[6] = s.f_ffree;
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    return StatArray(isolate, v_, 7, bigint_);
  }

 private:
  bool bigint_;
  int64_t v_[7];
};

inline void Statfs(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<StatfsOp>(GetBool(args, 1));
  std::string path;
  if (!GetPath(args, 0, &path)) return;
  op->SetPath(std::move(path));
  Dispatch(args, 2, op.release());
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_STAT_H_
