// File contents for the fs binding (included by bindings/fs.cc):
//
//   open(path, flags, mode, req) -> fd (O_CLOEXEC is always added)
//   close(fd, req)
//   read(fd, view, offset, length, position, req) -> bytesRead
//   readBuffers(fd, [view...], position, req) -> bytesRead
//   writeBuffer(fd, view, offset, length, position, req) -> bytesWritten
//   writeBuffers(fd, [view...], position, req) -> bytesWritten
//   writeString(fd, string, position, encoding, req) -> bytesWritten
//   readFile(pathOrFd, flags, encoding, req) -> string or Uint8Array, or
//       the file's size (a number) when it is over kIoMaxLength
//   writeFile(pathOrFd, data, encoding, flags, mode, flush, req)
//
// A position of null/-1 means the fd's current position. A file given as an
// fd is read or written from its current position and left open.
#ifndef KILN_BINDINGS_FS_IO_H_
#define KILN_BINDINGS_FS_IO_H_

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "bindings/fs_req.h"

namespace kiln::bindings::fs {

inline constexpr int64_t kIoMaxLength = 2147483647;  // Node's kIoMaxLength

inline void ThrowRange(Isolate* isolate, const char* message) {
  Local<Object> e =
      v8::Exception::RangeError(OneByteString(isolate, message)).As<Object>();
  e->Set(isolate->GetCurrentContext(), OneByteString(isolate, "code"),
         OneByteString(isolate, "ERR_OUT_OF_RANGE"))
      .Check();
  isolate->ThrowException(e);
}

inline void Open(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("open", [](CallOp* o) {
    int fd = open(o->path_.c_str(), static_cast<int>(o->n[1]) | O_CLOEXEC,
                  static_cast<mode_t>(o->n[2]));
    if (fd < 0) return errno;
    o->n[0] = fd;
    return 0;
  }, CallOp::kNumber);
  std::string path;
  int flags, mode;
  if (!GetPath(args, 0, &path) || !GetInt32(args, 1, &flags, "flags") ||
      !GetInt32(args, 2, &mode, "mode"))
    return;
  op->SetPath(std::move(path));
  op->n[1] = flags;
  op->n[2] = mode;
  Dispatch(args, 3, op.release());
}

inline void Close(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("close", [](CallOp* o) {
    // Linux closes the fd even when close() reports EINTR: never retry.
    if (close(o->fd) != 0 && errno != EINTR && errno != EINPROGRESS) return errno;
    return 0;
  });
  if (!GetFd(args, 0, &op->fd)) return;
  Dispatch(args, 1, op.release());
}

// Runs one read or write syscall, again while it is interrupted (EINTR), and
// puts its byte count in n[0]. The Do* calls below take n[1] as the file
// position, or the fd's current position when n[1] < 0.
template <typename Call>
inline int RetryIo(CallOp* o, Call call) {
  ssize_t r;
  do {
    r = call();
  } while (r < 0 && errno == EINTR);
  if (r < 0) return errno;
  o->n[0] = r;
  return 0;
}

inline int DoRead(CallOp* o) {
  return RetryIo(o, [o] {
    return o->n[1] < 0 ? read(o->fd, o->buf, o->len) : pread(o->fd, o->buf, o->len, o->n[1]);
  });
}

inline int DoWrite(CallOp* o) {
  return RetryIo(o, [o] {
    return o->n[1] < 0 ? write(o->fd, o->buf, o->len) : pwrite(o->fd, o->buf, o->len, o->n[1]);
  });
}

// At most IOV_MAX buffers go in one call (more is EINVAL); the caller gets a
// short count for the rest.
inline int IovCount(CallOp* o) {
  return static_cast<int>(std::min<size_t>(o->iov.size(), IOV_MAX));
}

inline int DoReadv(CallOp* o) {
  return RetryIo(o, [o, count = IovCount(o)] {
    return o->n[1] < 0 ? readv(o->fd, o->iov.data(), count)
                       : preadv(o->fd, o->iov.data(), count, o->n[1]);
  });
}

inline int DoWritev(CallOp* o) {
  return RetryIo(o, [o, count = IovCount(o)] {
    return o->n[1] < 0 ? writev(o->fd, o->iov.data(), count)
                       : pwritev(o->fd, o->iov.data(), count, o->n[1]);
  });
}

// (fd, view, offset, length, position, req) for read and writeBuffer.
template <bool kWrite>
void ReadWriteBuffer(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>(kWrite ? "write" : "read", kWrite ? DoWrite : DoRead,
                                     CallOp::kNumber);
  char* data;
  size_t size;
  std::shared_ptr<BackingStore> store;
  int64_t offset, length;
  if (!GetFd(args, 0, &op->fd) || !GetView(args, 1, &data, &size, &store) ||
      !GetInteger(args, 2, &offset, "offset") || !GetInteger(args, 3, &length, "length") ||
      !GetPosition(args, 4, &op->n[1]))
    return;
  if (offset < 0 || static_cast<uint64_t>(offset) > size)
    return ThrowRange(args.GetIsolate(), "The value of \"offset\" is out of range.");
  if (length < 0 || static_cast<uint64_t>(length) > size - offset)
    return ThrowRange(args.GetIsolate(), "The value of \"length\" is out of range.");
  op->buf = data + offset;
  op->len = static_cast<size_t>(length);
  op->Keep(std::move(store));
  Dispatch(args, 5, op.release());
}

// (fd, [view...], position, req) for readBuffers and writeBuffers.
template <bool kWrite>
void ReadWriteBuffers(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  auto op = std::make_unique<CallOp>(kWrite ? "write" : "read", kWrite ? DoWritev : DoReadv,
                                     CallOp::kNumber);
  if (!GetFd(args, 0, &op->fd)) return;
  if (!args[1]->IsArray()) {
    ArgError(args, "buffers", "an Array");
    return;
  }
  if (!GetPosition(args, 2, &op->n[1])) return;
  Local<v8::Array> list = args[1].As<v8::Array>();
  Local<Context> context = isolate->GetCurrentContext();
  for (uint32_t i = 0; i < list->Length(); i++) {
    Local<Value> v;
    if (!list->Get(context, i).ToLocal(&v)) return;
    if (!v->IsArrayBufferView()) {
      ArgError(args, "buffers", "an Array of ArrayBufferView");
      return;
    }
    Local<ArrayBufferView> view = v.As<ArrayBufferView>();
    std::shared_ptr<BackingStore> store = view->Buffer()->GetBackingStore();
    char* base = store ? static_cast<char*>(store->Data()) : nullptr;
    size_t len = base ? view->ByteLength() : 0;  // detached: nothing
    op->iov.push_back({base ? base + view->ByteOffset() : nullptr, len});
    op->Keep(std::move(store));
  }
  Dispatch(args, 3, op.release());
}

inline void WriteString(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("write", DoWrite, CallOp::kNumber);
  Enc enc;
  if (!GetFd(args, 0, &op->fd)) return;
  if (!args[1]->IsString()) {
    ArgError(args, "buffer", "of type string");
    return;
  }
  if (!GetPosition(args, 2, &op->n[1]) || !GetEncoding(args, 3, &enc)) return;
  DecodeString(args.GetIsolate(), args[1].As<String>(), enc, &op->out);
  op->buf = op->out.empty() ? nullptr : &op->out[0];
  op->len = op->out.size();
  Dispatch(args, 4, op.release());
}

// readFile's and writeFile's file: an fd (an int32) or a path for `op` to open.
inline bool GetPathOrFd(const FunctionCallbackInfo<Value>& args, int i, FsOp* op, int* fd) {
  if (args[i]->IsInt32()) return GetFd(args, i, fd);
  std::string path;
  if (!GetPath(args, i, &path)) return false;
  op->SetPath(std::move(path));
  return true;
}

// True when all `len` bytes are below 0x80 (eight at a time).
inline bool IsAscii(const char* p, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < len; i++) {
    if (p[i] & 0x80) return false;
  }
  return true;
}

// A one-byte string over malloc'd memory: big ASCII or latin1 files become
// strings without a copy. V8 deletes it (and so frees the memory) on GC.
class MallocOneByte : public String::ExternalOneByteStringResource {
 public:
  MallocOneByte(char* data, size_t len) : data_(data), len_(len) {}
  ~MallocOneByte() override { free(data_); }
  const char* data() const override { return data_; }
  size_t length() const override { return len_; }

 private:
  char* data_;
  size_t len_;
};

class ReadFileOp : public FsOp {
 public:
  ReadFileOp() : FsOp("open") {}
  ~ReadFileOp() override { free(data_); }

  void Exec() override {
    int fd = fd_;
    if (has_path_) {
      fd = open(path_.c_str(), flags_ | O_CLOEXEC, 0666);
      if (fd < 0) return Fail(errno, "open");
    }
    ReadAll(fd);
    if (has_path_) close(fd);
  }

  MaybeLocal<Value> Result(Isolate* isolate) override {
    if (too_large_ >= 0) return v8::Number::New(isolate, static_cast<double>(too_large_));
    bool one_byte = enc_ == Enc::kLatin1 || (enc_ == Enc::kUtf8 && ascii_);
    if (enc_ == Enc::kBuffer) {
      // SAFETY: ownership of data_ moves to the backing store, freed by V8.
      std::unique_ptr<BackingStore> store = v8::ArrayBuffer::NewBackingStore(
          data_, size_, [](void* data, size_t, void*) { free(data); }, nullptr);
      data_ = nullptr;
      Local<v8::ArrayBuffer> ab = v8::ArrayBuffer::New(isolate, std::move(store));
      return v8::Uint8Array::New(ab, 0, size_);
    }
    if (one_byte && size_ >= kExternalMin && size_ <= String::kMaxLength) {
      auto* resource = new MallocOneByte(data_, size_);
      data_ = nullptr;
      Local<String> s;
      if (String::NewExternalOneByte(isolate, resource).ToLocal(&s)) return s;
      delete resource;
      ThrowStringTooLong(isolate);
      return {};
    }
    return EncodeBytes(isolate, data_, size_, enc_);
  }

  int fd_ = -1;
  int flags_ = O_RDONLY;
  Enc enc_ = Enc::kUtf8;

 private:
  static constexpr size_t kExternalMin = 64 * 1024;
  static constexpr size_t kChunk = 64 * 1024;

  // Regular files: exactly their size (as Node reads them); anything else
  // (pipes, /proc files that say 0) until EOF.
  void ReadAll(int fd) {
    struct stat st;
    size_t want = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      if (st.st_size > kIoMaxLength) {
        too_large_ = st.st_size;
        return;
      }
      want = static_cast<size_t>(st.st_size);
    }
    size_t cap = want > 0 ? want : kChunk;
    data_ = static_cast<char*>(malloc(cap));
    if (data_ == nullptr) return Fail(ENOMEM, "read", false);
    for (;;) {
      if (size_ == cap) {
        if (want > 0) break;
        if (cap >= static_cast<size_t>(kIoMaxLength)) {
          too_large_ = static_cast<int64_t>(cap);
          return;
        }
        cap = std::min<size_t>(cap * 2, kIoMaxLength);
        char* bigger = static_cast<char*>(realloc(data_, cap));
        if (bigger == nullptr) return Fail(ENOMEM, "read", false);
        data_ = bigger;
      }
      ssize_t r = read(fd, data_ + size_, cap - size_);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return Fail(errno, "read", false);
      if (r == 0) break;
      size_ += r;
    }
    if (want == 0 && size_ < cap) {  // give back the slack of the last doubling
      char* fit = static_cast<char*>(realloc(data_, size_ > 0 ? size_ : 1));
      if (fit != nullptr) data_ = fit;
    }
    if (enc_ == Enc::kUtf8 && size_ >= kExternalMin) ascii_ = IsAscii(data_, size_);
  }

  char* data_ = nullptr;
  size_t size_ = 0;
  int64_t too_large_ = -1;
  bool ascii_ = false;
};

inline void ReadFile(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<ReadFileOp>();
  if (!GetPathOrFd(args, 0, op.get(), &op->fd_)) return;
  if (!GetInt32(args, 1, &op->flags_, "flags") || !GetEncoding(args, 2, &op->enc_)) return;
  Dispatch(args, 3, op.release());
}

class WriteFileOp : public FsOp {
 public:
  WriteFileOp() : FsOp("open") {}
  void Exec() override {
    int fd = fd_;
    if (has_path_) {
      fd = open(path_.c_str(), flags_ | O_CLOEXEC, mode_);
      if (fd < 0) return Fail(errno, "open");
    }
    size_t done = 0;
    while (done < len_) {
      ssize_t r = write(fd, data_ + done, len_ - done);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        Fail(errno, "write", false);
        break;
      }
      done += r;
    }
    if (err() == 0 && flush_ && fsync(fd) != 0) Fail(errno, "fsync", false);
    if (has_path_) close(fd);
  }

  int fd_ = -1;
  int flags_ = 0;
  int mode_ = 0666;
  bool flush_ = false;
  const char* data_ = nullptr;
  size_t len_ = 0;
  std::string owned_;  // string data, encoded
};

inline void WriteFile(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<WriteFileOp>();
  if (!GetPathOrFd(args, 0, op.get(), &op->fd_)) return;
  Enc enc;
  if (!GetEncoding(args, 2, &enc) || !GetInt32(args, 3, &op->flags_, "flags") ||
      !GetInt32(args, 4, &op->mode_, "mode"))
    return;
  op->flush_ = GetBool(args, 5);
  if (args[1]->IsString()) {
    DecodeString(args.GetIsolate(), args[1].As<String>(), enc, &op->owned_);
    op->data_ = op->owned_.data();
    op->len_ = op->owned_.size();
  } else {
    char* data;
    std::shared_ptr<BackingStore> store;
    if (!GetView(args, 1, &data, &op->len_, &store, "data")) return;
    op->data_ = data;
    op->Keep(std::move(store));
  }
  Dispatch(args, 6, op.release());
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_IO_H_
