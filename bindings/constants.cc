// process.binding('constants'): the platform's numeric constants, grouped as
// Node groups them: os.signals, os.errno, os.priority, os.dlopen, fs.
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/binding.h"

namespace kiln::bindings::constants {

using v8::Context;
using v8::Local;
using v8::Object;

#define C(target, name) SetConstant(context, target, #name, name)

// Node's constant objects have a null prototype.
static Local<Object> NullProtoObject(v8::Isolate* isolate) {
  return Object::New(isolate, v8::Null(isolate), nullptr, nullptr, 0);
}

static Local<Object> Signals(Local<Context> context) {
  Local<Object> t = NullProtoObject(context->GetIsolate());
  C(t, SIGHUP); C(t, SIGINT); C(t, SIGQUIT); C(t, SIGILL); C(t, SIGTRAP); C(t, SIGABRT);
  C(t, SIGIOT); C(t, SIGBUS); C(t, SIGFPE); C(t, SIGKILL); C(t, SIGUSR1); C(t, SIGSEGV);
  C(t, SIGUSR2); C(t, SIGPIPE); C(t, SIGALRM); C(t, SIGTERM); C(t, SIGCHLD); C(t, SIGSTKFLT);
  C(t, SIGCONT); C(t, SIGSTOP); C(t, SIGTSTP); C(t, SIGTTIN); C(t, SIGTTOU); C(t, SIGURG);
  C(t, SIGXCPU); C(t, SIGXFSZ); C(t, SIGVTALRM); C(t, SIGPROF); C(t, SIGWINCH); C(t, SIGIO);
  C(t, SIGPOLL); C(t, SIGPWR); C(t, SIGSYS);
  return t;
}

static Local<Object> Errno(Local<Context> context) {
  Local<Object> t = NullProtoObject(context->GetIsolate());
  C(t, E2BIG); C(t, EACCES); C(t, EADDRINUSE); C(t, EADDRNOTAVAIL); C(t, EAFNOSUPPORT);
  C(t, EAGAIN); C(t, EALREADY); C(t, EBADF); C(t, EBADMSG); C(t, EBUSY); C(t, ECANCELED);
  C(t, ECHILD); C(t, ECONNABORTED); C(t, ECONNREFUSED); C(t, ECONNRESET); C(t, EDEADLK);
  C(t, EDESTADDRREQ); C(t, EDOM); C(t, EDQUOT); C(t, EEXIST); C(t, EFAULT); C(t, EFBIG);
  C(t, EHOSTUNREACH); C(t, EIDRM); C(t, EILSEQ); C(t, EINPROGRESS); C(t, EINTR); C(t, EINVAL);
  C(t, EIO); C(t, EISCONN); C(t, EISDIR); C(t, ELOOP); C(t, EMFILE); C(t, EMLINK);
  C(t, EMSGSIZE); C(t, EMULTIHOP); C(t, ENAMETOOLONG); C(t, ENETDOWN); C(t, ENETRESET);
  C(t, ENETUNREACH); C(t, ENFILE); C(t, ENOBUFS); C(t, ENODATA); C(t, ENODEV); C(t, ENOENT);
  C(t, ENOEXEC); C(t, ENOLCK); C(t, ENOLINK); C(t, ENOMEM); C(t, ENOMSG); C(t, ENOPROTOOPT);
  C(t, ENOSPC); C(t, ENOSR); C(t, ENOSTR); C(t, ENOSYS); C(t, ENOTCONN); C(t, ENOTDIR);
  C(t, ENOTEMPTY); C(t, ENOTSOCK); C(t, ENOTSUP); C(t, ENOTTY); C(t, ENXIO); C(t, EOPNOTSUPP);
  C(t, EOVERFLOW); C(t, EPERM); C(t, EPIPE); C(t, EPROTO); C(t, EPROTONOSUPPORT);
  C(t, EPROTOTYPE); C(t, ERANGE); C(t, EROFS); C(t, ESPIPE); C(t, ESRCH); C(t, ESTALE);
  C(t, ETIME); C(t, ETIMEDOUT); C(t, ETXTBSY); C(t, EWOULDBLOCK); C(t, EXDEV);
  return t;
}

static Local<Object> Priority(Local<Context> context) {
  Local<Object> t = NullProtoObject(context->GetIsolate());
  SetConstant(context, t, "PRIORITY_LOW", 19);
  SetConstant(context, t, "PRIORITY_BELOW_NORMAL", 10);
  SetConstant(context, t, "PRIORITY_NORMAL", 0);
  SetConstant(context, t, "PRIORITY_ABOVE_NORMAL", -7);
  SetConstant(context, t, "PRIORITY_HIGH", -14);
  SetConstant(context, t, "PRIORITY_HIGHEST", -20);
  return t;
}

static Local<Object> Dlopen(Local<Context> context) {
  Local<Object> t = NullProtoObject(context->GetIsolate());
  C(t, RTLD_LAZY); C(t, RTLD_NOW); C(t, RTLD_GLOBAL); C(t, RTLD_LOCAL); C(t, RTLD_DEEPBIND);
  return t;
}

static Local<Object> Fs(Local<Context> context) {
  Local<Object> t = NullProtoObject(context->GetIsolate());
  SetConstant(context, t, "UV_FS_SYMLINK_DIR", 1);
  SetConstant(context, t, "UV_FS_SYMLINK_JUNCTION", 2);
  C(t, O_RDONLY); C(t, O_WRONLY); C(t, O_RDWR);
  SetConstant(context, t, "UV_DIRENT_UNKNOWN", 0);
  SetConstant(context, t, "UV_DIRENT_FILE", 1);
  SetConstant(context, t, "UV_DIRENT_DIR", 2);
  SetConstant(context, t, "UV_DIRENT_LINK", 3);
  SetConstant(context, t, "UV_DIRENT_FIFO", 4);
  SetConstant(context, t, "UV_DIRENT_SOCKET", 5);
  SetConstant(context, t, "UV_DIRENT_CHAR", 6);
  SetConstant(context, t, "UV_DIRENT_BLOCK", 7);
  SetConstant(context, t, "EXTENSIONLESS_FORMAT_JAVASCRIPT", 0);
  SetConstant(context, t, "EXTENSIONLESS_FORMAT_WASM", 1);
  C(t, S_IFMT); C(t, S_IFREG); C(t, S_IFDIR); C(t, S_IFCHR); C(t, S_IFBLK); C(t, S_IFIFO);
  C(t, S_IFLNK); C(t, S_IFSOCK); C(t, O_CREAT); C(t, O_EXCL);
  SetConstant(context, t, "UV_FS_O_FILEMAP", 0);
  C(t, O_NOCTTY); C(t, O_TRUNC); C(t, O_APPEND); C(t, O_DIRECTORY); C(t, O_NOATIME);
  C(t, O_NOFOLLOW); C(t, O_SYNC); C(t, O_DSYNC); C(t, O_DIRECT); C(t, O_NONBLOCK);
  C(t, S_IRWXU); C(t, S_IRUSR); C(t, S_IWUSR); C(t, S_IXUSR); C(t, S_IRWXG); C(t, S_IRGRP);
  C(t, S_IWGRP); C(t, S_IXGRP); C(t, S_IRWXO); C(t, S_IROTH); C(t, S_IWOTH); C(t, S_IXOTH);
  C(t, F_OK); C(t, R_OK); C(t, W_OK); C(t, X_OK);
  SetConstant(context, t, "UV_FS_COPYFILE_EXCL", 1);
  SetConstant(context, t, "COPYFILE_EXCL", 1);
  SetConstant(context, t, "UV_FS_COPYFILE_FICLONE", 2);
  SetConstant(context, t, "COPYFILE_FICLONE", 2);
  SetConstant(context, t, "UV_FS_COPYFILE_FICLONE_FORCE", 4);
  SetConstant(context, t, "COPYFILE_FICLONE_FORCE", 4);
  return t;
}

#undef C

void Initialize(Local<Context> context, Local<Object> target) {
  v8::Isolate* isolate = context->GetIsolate();
  Local<Object> os = NullProtoObject(isolate);
  SetConstant(context, os, "UV_UDP_REUSEADDR", 4);
  SetValue(context, os, "dlopen", Dlopen(context));
  SetValue(context, os, "errno", Errno(context));
  SetValue(context, os, "signals", Signals(context));
  SetValue(context, os, "priority", Priority(context));
  SetValue(context, target, "os", os);
  SetValue(context, target, "fs", Fs(context));
}

void RegisterExternalReferences(ExternalReferences*) {}

}  // namespace kiln::bindings::constants
