#include "runtime/worker_pool.h"

#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <map>

namespace kiln {

WorkerPool::WorkerPool(struct ev_loop* loop, int threads) : loop_(loop), size_(threads) {
  ev_async_init(&async_, OnAsync);
  async_.data = this;
  ev_async_start(loop_, &async_);
  ev_unref(loop_);  // idle pools do not keep the loop alive
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
  for (Work* w : queue_) delete w;
  for (Work* w : done_) delete w;
  if (!refed_) ev_ref(loop_);  // balance the unref before stopping
  ev_async_stop(loop_, &async_);
}

namespace {
// One pool per loop that runs JS (the main thread's and each worker's).
std::mutex g_pools_mu;
std::map<struct ev_loop*, WorkerPool*>* g_pools = new std::map<struct ev_loop*, WorkerPool*>;
}  // namespace

void WorkerPool::DisposeForLoop(struct ev_loop* loop) {
  WorkerPool* pool = nullptr;
  {
    std::lock_guard<std::mutex> lock(g_pools_mu);
    auto it = g_pools->find(loop);
    if (it == g_pools->end()) return;
    pool = it->second;
    g_pools->erase(it);
  }
  delete pool;
}

WorkerPool* WorkerPool::ForLoop(struct ev_loop* loop) {
  std::lock_guard<std::mutex> lock(g_pools_mu);
  std::map<struct ev_loop*, WorkerPool*>* pools = g_pools;
  WorkerPool*& pool = (*pools)[loop];
  if (pool == nullptr) pool = new WorkerPool(loop);
  return pool;
}

int WorkerPool::SizeFromEnvironment() {
  const char* s = getenv("UV_THREADPOOL_SIZE");
  if (s == nullptr || *s == '\0') return 4;
  long n = strtol(s, nullptr, 10);  // libuv: atoi, then clamp
  if (n <= 0) n = 1;
  if (n > 1024) n = 1024;
  return static_cast<int>(n);
}

void WorkerPool::StartThreads() {
  int n = size_ > 0 ? size_ : SizeFromEnvironment();
  // Threads inherit the creator's signal mask: block everything around the
  // spawn so no signal handler ever runs on a pool thread.
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (int i = 0; i < n; i++) threads_.emplace_back(&WorkerPool::ThreadMain, this);
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

void WorkerPool::Submit(Work* work) {
  if (threads_.empty()) StartThreads();
  if (in_flight_++ == 0 && !refed_) {
    ev_ref(loop_);
    refed_ = true;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(work);
  }
  cv_.notify_one();
}

void WorkerPool::ThreadMain() {
  for (;;) {
    Work* work;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      work = queue_.front();
      queue_.pop_front();
    }
    work->Run();
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_.push_back(work);
    }
    ev_async_send(loop_, &async_);  // thread-safe; coalesces repeated sends
  }
}

void WorkerPool::OnAsync(struct ev_loop* loop, ev_async* w, int) {
  WorkerPool* self = static_cast<WorkerPool*>(w->data);
  std::deque<Work*> batch;
  {
    std::lock_guard<std::mutex> lock(self->mu_);
    batch.swap(self->done_);
  }
  // in_flight_ drops before each Done(), so a Done() that submits more work
  // sees the right count (and the watcher stays ref'd meanwhile).
  for (Work* work : batch) {
    self->in_flight_--;
    work->Done();
  }
  if (self->in_flight_ == 0 && self->refed_) {
    ev_unref(loop);
    self->refed_ = false;
  }
}

}  // namespace kiln
