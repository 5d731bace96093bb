// WorkerPool: a few threads that run blocking work (file system calls now;
// DNS, crypto's slow functions and zlib later) off the JS thread, and report
// completions back to the libev loop through one ev_async watcher.
//
// Contract (libev style: what runs where, and when):
//   - Submit() is called on the loop thread only. The pool's threads are
//     created on the first Submit(), never before: their number is read then
//     from UV_THREADPOOL_SIZE (1..1024; default 4, also for bad values).
//   - Work::Run() runs on a pool thread. It sees plain C++ data only: no V8
//     object, handle or isolate call, no JS.
//   - Work::Done() runs on the loop thread, from the async watcher, once per
//     Work, in the order the Run()s finished. The pool never touches the
//     Work after calling Done(): Done() owns it (usually `delete this`).
//     Done() may Submit() more work.
//   - While any Work is queued, running, or finished but not yet Done(), the
//     async watcher is ref'd, so ev_run() does not return; when none is in
//     flight it is unref'd and the pool never keeps the loop alive.
//   - Pool threads block all signals, so signal handling stays on the loop
//     thread.
#ifndef KILN_RUNTIME_WORKER_POOL_H_
#define KILN_RUNTIME_WORKER_POOL_H_

#include <ev.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace kiln {

class WorkerPool {
 public:
  // One unit of blocking work. Subclass it with the inputs and outputs as
  // members.
  class Work {
   public:
    virtual ~Work() = default;
    virtual void Run() = 0;   // pool thread: the blocking part, no V8
    virtual void Done() = 0;  // loop thread: report (e.g. env->MakeCallback)
  };

  // A pool that reports to `loop`. Starts the (unref'd) async watcher; no
  // threads yet. `threads` > 0 fixes the size (tests); 0 reads the
  // environment at the first Submit().
  explicit WorkerPool(struct ev_loop* loop, int threads = 0);
  // Stops and joins the threads. Queued Work that has not started is
  // deleted without Run() or Done(); call on the loop thread.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // The pool of `loop`, created (without threads) on first use; lives until
  // the process exits.
  static WorkerPool* ForLoop(struct ev_loop* loop);
  // Stops and frees the pool of `loop` (if any): before a worker thread
  // destroys its loop. Work still queued is dropped.
  static void DisposeForLoop(struct ev_loop* loop);

  // Queues `work` (loop thread only). Its Done() is called later, never from
  // inside Submit().
  void Submit(Work* work);

  // Work submitted whose Done() has not been called yet (loop thread).
  size_t in_flight() const { return in_flight_; }
  // Threads started so far: 0 until the first Submit().
  size_t threads() const { return threads_.size(); }

  // UV_THREADPOOL_SIZE as libuv reads it: 1..1024, 4 when unset or invalid.
  static int SizeFromEnvironment();

 private:
  static void OnAsync(struct ev_loop* loop, ev_async* w, int revents);
  void StartThreads();
  void ThreadMain();

  struct ev_loop* loop_;
  ev_async async_;          // signalled by pool threads when work finishes
  int size_;                // threads to start; 0: from the environment
  bool refed_ = false;      // async_ currently keeps the loop alive
  size_t in_flight_ = 0;    // loop thread only

  std::mutex mu_;           // guards queue_, done_, stop_
  std::condition_variable cv_;
  std::deque<Work*> queue_; // waiting for a thread
  std::deque<Work*> done_;  // Run() finished, Done() pending
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kiln

#endif  // KILN_RUNTIME_WORKER_POOL_H_
