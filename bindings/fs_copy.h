// copyFile for the fs binding (included by bindings/fs.cc):
//
//   copyFile(src, dest, mode, req): mode is COPYFILE_EXCL (1) |
//       COPYFILE_FICLONE (2) | COPYFILE_FICLONE_FORCE (4).
#ifndef KILN_BINDINGS_FS_COPY_H_
#define KILN_BINDINGS_FS_COPY_H_

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bindings/fs_req.h"

namespace kiln::bindings::fs {

// copyFile as libuv does it: the destination gets the source's mode, a
// copy of a file onto itself does nothing, and a failed copy removes the
// destination. Every failure reports syscall 'copyfile' with both paths.
inline int DoCopyFile(CallOp* o) {
  int mode = static_cast<int>(o->n[0]);
  int src = open(o->path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (src < 0) return errno;
  int err = 0, dst = -1;
  struct stat sst, dstat;
  if (fstat(src, &sst) != 0) {
    err = errno;
    close(src);
    return err;
  }
  int dflags = O_WRONLY | O_CREAT | O_CLOEXEC | ((mode & 1) ? O_EXCL : 0);
  dst = open(o->dest_.c_str(), dflags, sst.st_mode);
  if (dst < 0) {
    err = errno;
    close(src);
    return err;
  }
  if (fstat(dst, &dstat) != 0) {
    err = errno;
  } else if (sst.st_dev == dstat.st_dev && sst.st_ino == dstat.st_ino) {
    close(src);
    close(dst);
    return 0;  // same file
  } else if (ftruncate(dst, 0) != 0) {
    err = errno;
  } else if (fchmod(dst, sst.st_mode) != 0 && errno != EPERM) {
    err = errno;
  }
  bool cloned = false;
  if (err == 0 && (mode & 6)) {  // COPYFILE_FICLONE(_FORCE)
    if (ioctl(dst, FICLONE, src) == 0) {
      cloned = true;
    } else if (mode & 4) {
      err = errno;
    }
  }
  if (err == 0 && !cloned) {
    off_t left = sst.st_size;
    bool plain = false;  // copy_file_range unsupported here: read/write
    while (err == 0) {
      ssize_t r;
      if (!plain) {
        r = copy_file_range(src, nullptr, dst, nullptr, left > 0 ? left : (1 << 30), 0);
        if (r < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL ||
                      errno == EOPNOTSUPP || errno == EPERM)) {
          plain = true;
          continue;
        }
      } else {
        char buf[65536];
        r = read(src, buf, sizeof(buf));
        if (r > 0) {
          ssize_t off = 0;
          while (off < r) {
            ssize_t w = write(dst, buf + off, r - off);
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) {
              err = errno;
              break;
            }
            off += w;
          }
        }
      }
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        err = errno;
        break;
      }
      if (r == 0) break;
      left -= r;
    }
  }
  close(src);
  if (close(dst) != 0 && err == 0 && errno != EINTR) err = errno;
  if (err != 0) unlink(o->dest_.c_str());
  return err;
}

inline void CopyFile(const FunctionCallbackInfo<Value>& args) {
  auto op = std::make_unique<CallOp>("copyfile", DoCopyFile);
  std::string src, dest;
  int mode;
  if (!GetPath(args, 0, &src, "src") || !GetPath(args, 1, &dest, "dest") ||
      !GetInt32(args, 2, &mode, "mode"))
    return;
  op->SetPath(std::move(src));
  op->SetDest(std::move(dest));
  op->n[0] = mode;
  Dispatch(args, 3, op.release());
}

}  // namespace kiln::bindings::fs

#endif  // KILN_BINDINGS_FS_COPY_H_
