// Directories for the fs binding (included by bindings/fs.cc):
//
//   readdir(path, encoding, withTypes, req) -> [name...], or with types
//       [[name...], [type...]] (types as UV_DIRENT_*); sorted by bytes, as
//       libuv's scandir sorts them.
//   mkdir(path, mode, recursive, req) -> recursive: the first directory
//       created, or undefined when all existed
//   mkdtemp(prefix, encoding, req) -> the new directory's path
//   new DirHandle(); opendir(handle, path, req) -> handle, open on the path
//   handle.read(encoding, count, req) -> [name, type, name, type, ...] (at
//       most `count` entries, in the order readdir(3) gives), null at the end
//   handle.close(req)
//
// A DirHandle runs one operation at a time (js_lib's Dir queues them); one
// that is garbage collected while open is closed then.
#ifndef KILN_BINDINGS_FS_DIR_H_
#define KILN_BINDINGS_FS_DIR_H_

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include "bindings/fs_req.h"

namespace kiln::bindings::fs {

inline int DirentType(unsigned char d_type) {
  switch (d_type) {
    case DT_REG: return 1;
    case DT_DIR: return 2;
    case DT_LNK: return 3;
    case DT_FIFO: return 4;
    case DT_SOCK: return 5;
    case DT_CHR: return 6;
    case DT_BLK: return 7;
    default: return 0;  // UV_DIRENT_UNKNOWN: JS lstat()s to tell
  }
}

using Entries = std::vector<std::pair<std::string, int>>;

// [name...] or [[name...], [type...]]; names in `enc`. The arrays are
// built whole (Array::New over a vector), not element by element.
inline MaybeLocal<Value> EntriesToJs(Isolate* isolate, const Entries& entries, Enc enc,
                                     bool with_types) {
  std::vector<Local<Value>> names(entries.size());
  std::vector<Local<Value>> types(with_types ? entries.size() : 0);
  for (size_t i = 0; i < entries.size(); i++) {
    if (!EncodeBytes(isolate, entries[i].first.data(), entries[i].first.size(), enc)
             .ToLocal(&names[i]))
      return {};
    if (with_types) types[i] = v8::Integer::New(isolate, entries[i].second);
  }
  Local<v8::Array> name_array = v8::Array::New(isolate, names.data(), names.size());
  if (!with_types) return name_array;
  Local<Value> pair[] = {name_array, v8::Array::New(isolate, types.data(), types.size())};
  return v8::Array::New(isolate, pair, 2);
}

class ReaddirOp : public FsOp {
 public:
  ReaddirOp() : FsOp("scandir") {}
  void Exec() override {
    DIR* dir = opendir(path_.c_str());
    if (dir == nullptr) return Fail(errno);
    errno = 0;
    while (struct dirent* e = readdir(dir)) {
      const char* n = e->d_name;
      if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
      entries_.emplace_back(n, DirentType(e->d_type));
    }
    int err = errno;
    closedir(dir);
    if (err != 0) return Fail(err);
    std::sort(entries_.begin(), entries_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    return EntriesToJs(isolate, entries_, enc_, with_types_);
  }
  Enc enc_ = Enc::kUtf8;
  bool with_types_ = false;

 private:
  Entries entries_;
};

inline void Readdir(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<ReaddirOp>();
  std::string path;
  if (!GetPath(args, 0, &path) || !GetEncoding(args, 1, &op->enc_)) return;
  op->SetPath(std::move(path));
  op->with_types_ = GetBool(args, 2);
  Dispatch(args, 3, op.release());
}

// mkdir -p as Node does it: the error names the path asked for; an
// existing non-directory is EEXIST at the end of the path and ENOTDIR on
// the way. *first gets the first directory created.
inline int MkdirP(const std::string& path, mode_t mode, std::string* first) {
  std::vector<std::string> stack{path};
  while (!stack.empty()) {
    std::string next = stack.back();
    if (mkdir(next.c_str(), mode) == 0) {
      if (first->empty()) *first = next;
      stack.pop_back();
      continue;
    }
    int e = errno;
    switch (e) {
      case EACCES:
      case ENOSPC:
      case ENOTDIR:
      case EPERM:
      case EROFS:
      case ENAMETOOLONG:
      case ELOOP:
        return e;
      case ENOENT: {
        size_t slash = next.find_last_of('/');
        if (slash == std::string::npos || slash == 0) return e;
        std::string parent = next.substr(0, slash);
        if (parent == next) return e;
        stack.push_back(parent);
        continue;
      }
      default: {
        stack.pop_back();
        struct stat st;
        if (stat(next.c_str(), &st) != 0) return errno;
        if (!S_ISDIR(st.st_mode)) return stack.empty() ? EEXIST : ENOTDIR;
      }
    }
  }
  return 0;
}

inline int DoMkdirP(CallOp* o) {
  int e = MkdirP(o->path_, static_cast<mode_t>(o->n[0]), &o->out);
  o->has_out = e == 0 && !o->out.empty();
  return e;
}

inline int DoMkdir(CallOp* o) {
  return mkdir(o->path_.c_str(), static_cast<mode_t>(o->n[0])) == 0 ? 0 : errno;
}

inline void Mkdir(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("mkdir", GetBool(args, 2) ? DoMkdirP : DoMkdir,
                                     CallOp::kBytes);
  std::string path;
  int mode;
  if (!GetPath(args, 0, &path) || !GetInt32(args, 1, &mode, "mode")) return;
  op->SetPath(std::move(path));
  op->n[0] = mode;
  Dispatch(args, 3, op.release());
}

inline void Mkdtemp(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("mkdtemp", [](CallOp* o) {
    // Node reports the template for a synchronous failure and, from libuv,
    // the name last tried for an asynchronous one.
    std::string name = o->path_;
    if (mkdtemp(&name[0]) == nullptr) {
      int err = errno;
      if (o->async_) o->path_ = name;
      return err;
    }
    o->out = std::move(name);
    o->has_out = true;
    return 0;
  }, CallOp::kBytes);
  std::string prefix;
  if (!GetPath(args, 0, &prefix, "prefix") || !GetEncoding(args, 1, &op->enc)) return;
  op->SetPath(prefix + "XXXXXX");
  Dispatch(args, 2, op.release());
}

// ---- DirHandle ---------------------------------------------------------------

struct DirHandle {
  DIR* dir = nullptr;
  bool busy = false;    // an operation is on the pool
  bool closed = false;
  Global<Object> object;  // weak: GC closes an open handle

  static DirHandle* Unwrap(Local<Value> v) {
    if (!v->IsObject()) return nullptr;
    Local<Object> o = v.As<Object>();
    if (o->InternalFieldCount() < 1) return nullptr;
    return static_cast<DirHandle*>(o->GetAlignedPointerFromInternalField(0));
  }

  static void OnGc(const v8::WeakCallbackInfo<DirHandle>& info) {
    DirHandle* self = info.GetParameter();
    if (self->dir != nullptr) closedir(self->dir);
    self->object.Reset();
    delete self;
  }
};

inline void DirHandleNew(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  if (!args.IsConstructCall()) {
    ThrowTypeError(isolate, "ERR_CONSTRUCT_CALL_REQUIRED",
                   "Class constructor DirHandle cannot be invoked without 'new'");
    return;
  }
  auto* self = new DirHandle();
  args.This()->SetAlignedPointerInInternalField(0, self);
  self->object.Reset(isolate, args.This());
  self->object.SetWeak(self, DirHandle::OnGc, v8::WeakCallbackType::kParameter);
}

// Holds the handle's JS object (so it cannot be collected meanwhile) and
// marks it busy until done.
class DirOp : public FsOp {
 public:
  DirOp(const char* syscall, DirHandle* handle, Isolate* isolate, Local<Object> obj)
      : FsOp(syscall), handle_(handle) {
    obj_.Reset(isolate, obj);
    handle_->busy = true;
  }
  ~DirOp() override { handle_->busy = false; }
  // The callback may start the next operation on this handle.
  void Settle() override { handle_->busy = false; }

 protected:
  DirHandle* handle_;
  Global<Object> obj_;
};

// Checks `this` (or args[0] for opendir) is a usable handle; throws if not.
inline DirHandle* CheckDir(const FunctionCallbackInfo<Value>& args, Local<Value> v,
                           bool want_open) {
  Isolate* isolate = args.GetIsolate();
  DirHandle* h = DirHandle::Unwrap(v);
  if (h == nullptr) {
    ThrowTypeError(isolate, "ERR_INVALID_THIS", "Value of \"this\" must be of type DirHandle");
    return nullptr;
  }
  const char* problem = nullptr;
  if (h->busy) problem = "ERR_DIR_CONCURRENT_OPERATION";
  else if (h->closed) problem = "ERR_DIR_CLOSED";
  else if (want_open != (h->dir != nullptr)) problem = want_open ? "ERR_DIR_CLOSED" : "ERR_INVALID_STATE";
  if (problem == nullptr) return h;
  Local<Object> e = v8::Exception::Error(OneByteString(
      isolate, strcmp(problem, "ERR_DIR_CONCURRENT_OPERATION") == 0
                   ? "Cannot do synchronous work on directory handle with concurrent "
                     "asynchronous operations"
                   : strcmp(problem, "ERR_DIR_CLOSED") == 0 ? "Directory handle was closed"
                                                            : "Directory handle is already open"))
                        .As<Object>();
  e->Set(isolate->GetCurrentContext(), OneByteString(isolate, "code"),
         OneByteString(isolate, problem))
      .Check();
  isolate->ThrowException(e);
  return nullptr;
}

class OpendirOp : public DirOp {
 public:
  using DirOp::DirOp;
  void Exec() override {
    dir_ = opendir(path_.c_str());
    // Node names the path only in asynchronous opendir errors.
    if (dir_ == nullptr) Fail(errno, nullptr, async_);
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    handle_->dir = dir_;
    return obj_.Get(isolate);
  }

 private:
  DIR* dir_ = nullptr;
};

inline void Opendir(const FunctionCallbackInfo<Value>& args) {
  DirHandle* h = CheckDir(args, args[0], false);
  if (h == nullptr) return;
  std::string path;
  if (!GetPath(args, 1, &path)) return;
  auto op = std::make_unique<OpendirOp>("opendir", h, args.GetIsolate(), args[0].As<Object>());
  op->SetPath(std::move(path));
  Dispatch(args, 2, op.release());
}

class DirReadOp : public DirOp {
 public:
  using DirOp::DirOp;
  void Exec() override {
    errno = 0;
    while (entries_.size() < count_) {
      struct dirent* e = readdir(handle_->dir);
      if (e == nullptr) break;
      const char* n = e->d_name;
      if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
      entries_.emplace_back(n, DirentType(e->d_type));
    }
    if (errno != 0 && entries_.empty()) Fail(errno);
  }
  MaybeLocal<Value> Result(Isolate* isolate) override {
    if (entries_.empty()) return v8::Null(isolate);
    Local<Context> context = isolate->GetCurrentContext();
    Local<v8::Array> out = v8::Array::New(isolate, static_cast<int>(entries_.size() * 2));
    for (size_t i = 0; i < entries_.size(); i++) {
      Local<Value> name;
      if (!EncodeBytes(isolate, entries_[i].first.data(), entries_[i].first.size(), enc_)
               .ToLocal(&name))
        return {};
      out->Set(context, static_cast<uint32_t>(2 * i), name).Check();
      out->Set(context, static_cast<uint32_t>(2 * i + 1),
               v8::Integer::New(isolate, entries_[i].second))
          .Check();
    }
    return out;
  }
  Enc enc_ = Enc::kUtf8;
  size_t count_ = 32;

 private:
  Entries entries_;
};

inline void DirRead(const FunctionCallbackInfo<Value>& args) {
  DirHandle* h = CheckDir(args, args.This(), true);
  if (h == nullptr) return;
  Enc enc;
  int count;
  if (!GetEncoding(args, 0, &enc) || !GetInt32(args, 1, &count, "bufferSize")) return;
  auto op = std::make_unique<DirReadOp>("scandir", h, args.GetIsolate(), args.This());
  op->enc_ = enc;
  op->count_ = count > 0 ? count : 1;
  Dispatch(args, 2, op.release());
}

class DirCloseOp : public DirOp {
 public:
  using DirOp::DirOp;
  void Exec() override {
    if (closedir(handle_->dir) != 0) Fail(errno);
    handle_->dir = nullptr;
  }
};

inline void DirClose(const FunctionCallbackInfo<Value>& args) {
  DirHandle* h = CheckDir(args, args.This(), true);
  if (h == nullptr) return;
  h->closed = true;  // no new operation from now on, even before the pool runs it
  Dispatch(args, 0, new DirCloseOp("closedir", h, args.GetIsolate(), args.This()));
}

inline void InitializeDir(Local<Context> context, Local<Object> target) {
  Isolate* isolate = context->GetIsolate();
  Local<v8::FunctionTemplate> t = NewClass(isolate, DirHandleNew, 1);
  t->SetClassName(OneByteString(isolate, "DirHandle"));
  SetProtoMethod(isolate, t, "read", DirRead);
  SetProtoMethod(isolate, t, "close", DirClose);
  SetValue(context, target, "DirHandle", t->GetFunction(context).ToLocalChecked());
  SetMethod(context, target, "opendir", Opendir);
  SetMethod(context, target, "readdir", Readdir);
  SetMethod(context, target, "mkdir", Mkdir);
  SetMethod(context, target, "mkdtemp", Mkdtemp);
}

inline void RegisterDir(ExternalReferences* r) {
  r->Register(DirHandleNew);
  r->Register(DirRead);
  r->Register(DirClose);
  r->Register(Opendir);
  r->Register(Readdir);
  r->Register(Mkdir);
  r->Register(Mkdtemp);
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_DIR_H_
