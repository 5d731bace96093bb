// Starting a child process: the launch shared by process.binding('process_wrap')
// (asynchronous children) and process.binding('spawn_sync'). Plain C++ with
// no V8: bindings/child_options.h fills a SpawnRequest from the JS options.
//
// The child is made with vfork(): the parent thread waits until the child has
// exec'd or failed, and no page tables are copied (what makes a spawn cheap in
// a big process). Everything the child needs (argv, envp, the PATH candidates,
// the fd plan) is built before vfork; the child then only makes system calls
// that are async-signal-safe and touch no shared state: no malloc, no locks,
// raw setuid/setgid (glibc's wrappers would signal the parent's threads).
// Failures in the child (chdir, setuid, exec) go back as an errno through a
// close-on-exec pipe, as libuv does, and the child exits with 127.
#ifndef KILN_BINDINGS_CHILD_SPAWN_H_
#define KILN_BINDINGS_CHILD_SPAWN_H_

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

extern char** environ;

namespace kiln::bindings::child_spawn {

// What child fd i gets.
struct StdioSpec {
  enum Kind { kIgnore, kPipe, kFd };
  Kind kind = kIgnore;
  int fd = -1;         // kFd: the parent's fd the child gets as fd i
  int parent_fd = -1;  // kPipe: our end of the socketpair, set by Spawn
                       // (non-blocking, close-on-exec; the caller owns it)
};

struct SpawnRequest {
  std::string file;                // run as given if it has a '/', else looked up in PATH
  std::vector<std::string> args;   // argv, argv[0] included
  std::vector<std::string> env;    // "K=V" pairs; used only if has_env
  bool has_env = false;
  std::string cwd;                 // used only if has_cwd
  bool has_cwd = false;
  bool detached = false;           // setsid(): own session and process group
  bool set_uid = false, set_gid = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<StdioSpec> stdio;
};

namespace internal {

// Everything the child reads, prepared by the parent.
struct ChildPlan {
  const SpawnRequest* req;
  std::vector<char*> argv, envp;
  std::vector<char*> script_argv;       // /bin/sh, [the candidate], argv[1..]
  std::vector<std::string> candidates;  // full paths to try, in order
  std::vector<int> src;                 // per child fd: the fd to dup2 from, -1 for ignore
  std::vector<int> child_ends;          // per child fd: our socketpair end to close, or -1
  int error_fd;                         // write end of the error pipe
};

// The value of PATH in `env`, or null.
inline const char* FindPath(char* const* env) {
  for (; env != nullptr && *env != nullptr; env++) {
    if (strncmp(*env, "PATH=", 5) == 0) return *env + 5;
  }
  return nullptr;
}

// execvp's search, done ahead: each PATH entry joined with `file` (an empty
// entry is the current directory). Without PATH, the default path.
inline void PathCandidates(const std::string& file, const char* path,
                           std::vector<std::string>* out) {
  if (file.find('/') != std::string::npos) {
    out->push_back(file);
    return;
  }
  if (path == nullptr) path = "/usr/bin:/bin";
  std::string p(path);
  size_t start = 0;
  for (;;) {
    size_t end = p.find(':', start);
    std::string dir = p.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out->push_back(dir.empty() ? file : dir + "/" + file);
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

[[noreturn]] inline void ChildFail(const ChildPlan& plan, int err) {
  ssize_t unused = write(plan.error_fd, &err, sizeof(err));
  (void)unused;
  _exit(127);
}

// Runs in the vfork child. Never returns.
[[noreturn]] __attribute__((noinline)) inline void ChildMain(ChildPlan* plan) {
  const SpawnRequest& req = *plan->req;
  int n = static_cast<int>(plan->src.size());
  if (req.detached) setsid();

  // Sources that sit below n could be overwritten by an earlier dup2 (think
  // of swapping stdout and stderr): move them above n first.
  for (int i = 0; i < n; i++) {
    int s = plan->src[i];
    if (s >= 0 && s < n && s != i) {
      int moved = fcntl(s, F_DUPFD_CLOEXEC, n);
      if (moved < 0) ChildFail(*plan, errno);
      plan->src[i] = moved;
    }
  }
  for (int i = 0; i < n; i++) {
    int s = plan->src[i];
    if (s < 0) {
      if (i > 2) continue;  // an ignored fd above stderr is left alone
      s = open("/dev/null", (i == 0 ? O_RDONLY : O_RDWR) | O_CLOEXEC);
      if (s < 0) ChildFail(*plan, errno);
    }
    if (s == i) {
      if (fcntl(i, F_SETFD, 0) < 0) ChildFail(*plan, errno);
    } else if (dup2(s, i) < 0) {
      ChildFail(*plan, errno);
    }
    // An inherited stdio fd may be non-blocking in the parent; programs
    // expect blocking stdio (libuv does the same).
    if (i <= 2 && req.stdio[i].kind == StdioSpec::kFd) {
      int flags = fcntl(i, F_GETFL);
      if (flags != -1 && (flags & O_NONBLOCK)) fcntl(i, F_SETFL, flags & ~O_NONBLOCK);
    }
  }

  if (req.has_cwd && chdir(req.cwd.c_str()) != 0) ChildFail(*plan, errno);

  if (req.set_uid || req.set_gid) {
    // Drops supplementary groups; fails harmlessly when not root.
    syscall(SYS_setgroups, 0, nullptr);
    if (req.set_gid && syscall(SYS_setgid, req.gid) != 0) ChildFail(*plan, errno);
    if (req.set_uid && syscall(SYS_setuid, req.uid) != 0) ChildFail(*plan, errno);
  }

  // Default dispositions (SIGPIPE is ignored in the parent), then unblock:
  // in that order, so no parent handler can run in the child.
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; sig++) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    sigaction(sig, &sa, nullptr);  // glibc's reserved signals fail: fine
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);

  // execvp's rules: EACCES on one candidate is remembered while the search
  // goes on; ENOENT/ENOTDIR move to the next; anything else stops; a file
  // the kernel cannot run (ENOEXEC) is run by /bin/sh.
  int err = ENOENT;
  bool seen_eacces = false;
  for (const std::string& path : plan->candidates) {
    execve(path.c_str(), plan->argv.data(), plan->envp.data());
    err = errno;
    if (err == ENOEXEC) {
      // No #! line: a shell script to the shell, as execvp does.
      plan->script_argv[1] = const_cast<char*>(path.c_str());
      execve(plan->script_argv[0], plan->script_argv.data(), plan->envp.data());
      err = errno;
    }
    if (err == EACCES) {
      seen_eacces = true;
      continue;
    }
    if (err != ENOENT && err != ENOTDIR) break;
  }
  if (seen_eacces && (err == ENOENT || err == ENOTDIR)) err = EACCES;
  ChildFail(*plan, err);
}

inline void CloseQuietly(int fd) {
  if (fd >= 0) close(fd);
}

}  // namespace internal

// Starts the child described by `req`. Returns 0 and sets *pid, or -errno.
// Pipes are made first; when the child itself fails (bad cwd, exec error)
// their parent ends stay open and set in req->stdio (reads see EOF, writes
// EPIPE: what Node's streams see then), and the failed child is reaped here.
// When the pipes or the fork fail, nothing is left open.
inline int Spawn(SpawnRequest* req, pid_t* pid) {
  using internal::CloseQuietly;
  internal::ChildPlan plan;
  plan.req = req;
  size_t n = req->stdio.size();
  plan.src.assign(n, -1);
  plan.child_ends.assign(n, -1);

  auto close_pipes = [&]() {
    for (size_t i = 0; i < n; i++) {
      CloseQuietly(plan.child_ends[i]);
      plan.child_ends[i] = -1;
      if (req->stdio[i].kind == StdioSpec::kPipe) {
        CloseQuietly(req->stdio[i].parent_fd);
        req->stdio[i].parent_fd = -1;
      }
    }
  };

  for (size_t i = 0; i < n; i++) {
    StdioSpec& s = req->stdio[i];
    s.parent_fd = -1;
    if (s.kind == StdioSpec::kFd) {
      plan.src[i] = s.fd;
    } else if (s.kind == StdioSpec::kPipe) {
      int sv[2];
      if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        int err = errno;
        close_pipes();
        return -err;
      }
      int flags = fcntl(sv[0], F_GETFL);
      fcntl(sv[0], F_SETFL, flags | O_NONBLOCK);
      s.parent_fd = sv[0];
      plan.child_ends[i] = sv[1];
      plan.src[i] = sv[1];
    }
  }

  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    int err = errno;
    close_pipes();
    return -err;
  }
  // The child dup2()s onto fds 0..n-1: its end of the error pipe must sit
  // above them.
  if (err_pipe[1] < static_cast<int>(n)) {
    int moved = fcntl(err_pipe[1], F_DUPFD_CLOEXEC, static_cast<int>(n));
    int err = errno;
    close(err_pipe[1]);
    if (moved < 0) {
      close(err_pipe[0]);
      close_pipes();
      return -err;
    }
    err_pipe[1] = moved;
  }
  plan.error_fd = err_pipe[1];

  for (std::string& a : req->args) plan.argv.push_back(&a[0]);
  plan.argv.push_back(nullptr);
  static char kShell[] = "/bin/sh";
  plan.script_argv.push_back(kShell);
  plan.script_argv.push_back(nullptr);  // the script's path, set in the child
  for (size_t i = 1; i + 1 < plan.argv.size(); i++) plan.script_argv.push_back(plan.argv[i]);
  plan.script_argv.push_back(nullptr);
  if (req->has_env) {
    for (std::string& e : req->env) plan.envp.push_back(&e[0]);
    plan.envp.push_back(nullptr);
  } else {
    for (char** e = environ; e != nullptr && *e != nullptr; e++) plan.envp.push_back(*e);
    plan.envp.push_back(nullptr);
  }
  internal::PathCandidates(req->file, internal::FindPath(plan.envp.data()), &plan.candidates);

  // All signals blocked across vfork: a handler must not run in the child
  // while it shares our memory.
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &saved);
  pid_t child = vfork();
  if (child == 0) internal::ChildMain(&plan);
  int fork_errno = errno;
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);

  close(err_pipe[1]);
  for (size_t i = 0; i < n; i++) {
    CloseQuietly(plan.child_ends[i]);
    plan.child_ends[i] = -1;
  }
  if (child < 0) {
    close(err_pipe[0]);
    close_pipes();
    return -fork_errno;
  }

  // The child has exec'd (the pipe closed, read gives 0) or written errno.
  int child_err = 0;
  ssize_t got;
  do {
    got = read(err_pipe[0], &child_err, sizeof(child_err));
  } while (got < 0 && errno == EINTR);
  close(err_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof(child_err)) && child_err != 0) {
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    return -child_err;
  }
  *pid = child;
  return 0;
}

}  // namespace kiln::bindings::child_spawn

#endif  // KILN_BINDINGS_CHILD_SPAWN_H_
